// The per-user queue. Stored inbox events are processed one chat at a time, oldest first; different
// users run side by side. The queue key is (office, chat): the same LINE user id in two offices is
// two chats, and each turn runs with its own office's services, profile and LINE client. Several
// instances may share the database: a turn takes the chat's lock first and reads the chat's oldest
// pending event inside it, so whichever instance runs it, one chat's events are handled once each
// and in order. Each event is handled in one transaction that updates the
// conversation, writes any domain rows, queues the reply in the outbox and marks the event done —
// all or nothing. A failure rolls that back, tells the user politely, and keeps a diagnosis (event type, flow, step, error) for staff.
import type { webhook } from '@line/bot-sdk';
import type { Sql } from '../db/sql';
import { RetryLater, type AttachmentSettings } from '../attachments/receive';
import { chatId, lockChat, markDone, markFailed, nextPending, pendingChatKeys, recentFailures, retryLater, type ChatRef } from '../db/inbox';
import { resetConversation } from '../db/conversations';
import type { InboxRow } from '../db/schema';
import type { Engine } from '../flows/engine';
import type { Services } from '../flows/types';
import { text } from '../line/messages';
import { describeError, log, stackFrames } from '../log';
import { enqueueReply, type OutboxWorker, type QueuedReply } from '../notify/outbox';
import { handlerFor, usableReplyToken } from './events';
import { userIdOf, type EventHandler, type Office } from './types';

export const APOLOGY = 'ขออภัยค่ะ ระบบขัดข้องชั่วคราว 🙏 ข้อมูลที่ตอบไว้ยังอยู่ครบ ลองส่งใหม่อีกครั้งได้เลยค่ะ';
export const APOLOGY_RESTART =
  'ขออภัยค่ะ เรื่องนี้ยังขัดข้องอยู่ 🙏 ขอเริ่มใหม่จากเมนูนะคะ พิมพ์ "เมนู" หรือโทรหาเจ้าหน้าที่ได้เลยค่ะ';
/** Failed events of one chat within the window after which its conversation is let go. */
const STUCK_AFTER_FAILURES = 3;
const STUCK_WINDOW_MS = 60 * 60_000;
/** A reply token is good for about a minute; older events go straight out as pushes. */
const REPLY_WINDOW_MS = 50_000;
/** How long one user's queue waits for a reply to reach LINE before going on with the next event. */
const DELIVERY_WAIT_MS = 8_000;
/** How long turns may run back to back before the event loop is let go to answer requests. */
const TURN_BUDGET_MS = 10;
/** Longer than this in the queue and the user sees the loading animation while they wait. */
const SLOW_QUEUE_MS = 1_000;
/** How often every instance looks for chats whose events wait with no worker (a gone instance's). */
const SWEEP_EVERY_MS = 3_000;
/** An event waiting this long with no worker here is picked up by the sweep. */
const SWEEP_AFTER_MS = 5_000;
/** What a turn's transaction returns when its event was handled elsewhere meanwhile. */
const HANDLED_ELSEWHERE = Symbol('handled elsewhere');
/**
 * A handler's work before the turn (a photo's download) that failed for a reason that may pass is
 * tried this many times in all, waiting 2 s, 4 s, 8 s, 16 s between tries (about half a minute);
 * the last try tells the user it could not be done. The user's later events wait behind it, in order.
 */
export const PREPARE_ATTEMPTS = 5;
export const prepareBackoffMs = (attempt: number) => 2_000 * 2 ** (attempt - 1);

export interface DispatcherOptions {
  db: Sql;
  engine: Engine;
  /** The office an inbox row belongs to (its services and LINE client). */
  officeOf: (officeId: string) => Office | undefined;
  outbox: OutboxWorker;
  now: () => Date;
  attachments: AttachmentSettings;
  /** How long one user's queue waits for a reply to reach LINE before going on (default 8 s). */
  deliveryWaitMs?: number;
}

/** What one turn of a chat's worker came to. */
type TurnEnd =
  /** The chat had no pending event. */
  | 'none'
  /** Its next event waits to be tried again (a timer wakes the chat then). */
  | 'waiting'
  /** One event was taken (handled, refused as failed, or left to be tried again later). */
  | 'taken'
  /** Another instance took the event meanwhile: read the chat's next one again. */
  | 'again';

/** A count for a chat kicked without one (start-up, the sweep, tests): read until nothing is left. */
const UNKNOWN = Number.MAX_SAFE_INTEGER;

export class Dispatcher {
  private readonly active = new Map<string, Promise<void>>();
  /**
   * Per chat, how many events it was told of and has not taken yet (the webhook says how many it
   * stored): its worker reads the inbox only while this is above nothing, so a turn reads its event
   * once and a worker stops without a last read to find the queue empty. Over-counting costs one
   * read that finds nothing; an event it was never told of is found by the sweep.
   */
  private readonly owed = new Map<string, number>();
  /** Chats whose first event waits to be tried again (RetryLater), with the timer that wakes them. */
  private readonly wakeUps = new Map<string, NodeJS.Timeout>();
  /** Workers waiting for their slot (see nextSlot), first come first served. */
  private readonly waiting: ((release: () => void) => void)[] = [];
  private pumping = false;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  /** The sweep every few seconds (see sweep()). */
  start(intervalMs = SWEEP_EVERY_MS): void {
    this.stop();
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((error: unknown) => log.error('queue sweep failed', { error: error instanceof Error ? error.name : 'unknown' }));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  /** Stop the sweep, and the timers of events waiting to be tried again (they are in the inbox; start-up resumes them). */
  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const timer of this.wakeUps.values()) clearTimeout(timer);
    this.wakeUps.clear();
  }

  /**
   * Start a worker for every chat whose events have waited SWEEP_AFTER_MS with none running here:
   * events an instance stored and then died before handling, which no webhook will kick again.
   * Runs on every instance; two picking up the same chat take turns under its lock.
   */
  async sweep(): Promise<void> {
    this.kick(await pendingChatKeys(this.options.db, this.options.now().getTime() - SWEEP_AFTER_MS));
  }

  /**
   * Start a worker for each chat that has pending events and none running: the chats just stored
   * by the webhook (with how many events each), or — at start-up, from the sweep — chats with
   * events left from before, of unknown number.
   */
  kick(chats: Iterable<ChatRef & { events?: number }>): void {
    for (const chat of chats) {
      const key = chatId(chat);
      this.owed.set(key, Math.min(UNKNOWN, (this.owed.get(key) ?? 0) + (chat.events ?? UNKNOWN)));
      this.ensureDraining(chat);
    }
  }

  /** At start-up: start a worker for every chat with events left from before. */
  async kickAll(): Promise<void> {
    this.kick(await pendingChatKeys(this.options.db));
  }

  /** Resolves when every queue is empty (tests, graceful shutdown); events waiting for a retry do not count. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all(this.active.values());
  }

  private ensureDraining(chat: ChatRef): void {
    const key = chatId(chat);
    if (this.active.has(key)) return;
    const run = this.drain(chat).then(
      () => {
        this.active.delete(key);
        // Told of another event while this worker was finishing: go on (unless the chat's next event
        // waits to be tried again: its timer wakes the chat).
        if (this.wakeUps.has(key)) return;
        if ((this.owed.get(key) ?? 0) > 0) this.ensureDraining(chat);
        else this.owed.delete(key);
      },
      (error: unknown) => {
        // The database failed under the worker (its turn's own failures are handled in process()):
        // the events stay pending, and the next kick or the sweep starts the chat again.
        this.active.delete(key);
        log.error('queue failed', { error: error instanceof Error ? error.name : 'unknown' });
      },
    );
    this.active.set(key, run);
  }

  /** `taken` events of the chat are accounted for; those it was told of since stay owed. */
  private settle(key: string, taken: number): void {
    this.owed.set(key, Math.max(0, (this.owed.get(key) ?? 0) - taken));
  }

  private async drain(chat: ChatRef): Promise<void> {
    const key = chatId(chat);
    while ((this.owed.get(key) ?? 0) > 0) {
      const slot = { release: await this.nextSlot() };
      try {
        const owedAtRead = this.owed.get(key) ?? 0;
        const end = await this.process(chat, slot);
        if (end === 'waiting') return;
        if (end === 'none') this.settle(key, owedAtRead);
        else if (end === 'taken') this.settle(key, 1);
      } finally {
        slot.release();
      }
    }
  }

  /** The chat's next event waits to be tried again until `retryAt`: a timer wakes the chat then. */
  private wakeAt(chat: ChatRef, retryAt: number): void {
    const key = chatId(chat);
    if (this.wakeUps.has(key)) return;
    const timer = setTimeout(() => {
      this.wakeUps.delete(key);
      this.ensureDraining(chat);
    }, retryAt - this.options.now().getTime());
    timer.unref();
    this.wakeUps.set(key, timer);
  }

  /**
   * Resolves when it is this caller's turn to run — never inside kick(), so the webhook route answers
   * LINE before any turn's transaction runs — with the function that ends the turn's slot. One turn
   * holds the slot at a time, until its work is written (on SQLite they would only queue for the
   * database anyway; the turns of one batch share a commit, see src/db/sqlite.ts); turns run
   * back to back for at most TURN_BUDGET_MS, then the event loop is let go, so requests that arrived
   * meanwhile are answered between batches of turns instead of waiting behind all of them: the
   * acknowledgement does not grow with turn cost.
   */
  private nextSlot(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) {
        this.pumping = true;
        setImmediate(() => this.pump(performance.now()));
      }
    });
  }

  private pump(started: number): void {
    const next = this.waiting.shift();
    if (!next) {
      this.pumping = false;
      return;
    }
    let released = false;
    next(() => {
      if (released) return;
      released = true;
      if (performance.now() - started < TURN_BUDGET_MS) queueMicrotask(() => this.pump(started));
      else setImmediate(() => this.pump(performance.now()));
    });
  }

  /**
   * Under the chat's lock, inside the turn's transaction: whether `row` is still the chat's oldest
   * pending event. Another instance may have handled it (or an older one arrived late) since it was
   * read; then this turn lets go, and the worker reads the chat's next event again.
   */
  private async stillNext(tx: Sql, row: InboxRow): Promise<boolean> {
    await lockChat(tx, row.officeId, row.chatKey);
    return (await nextPending(tx, row.officeId, row.chatKey))?.eventId === row.eventId;
  }

  /**
   * The chat's next event, read once, under the chat's lock, inside the transaction that handles it.
   * An event whose handler calls LINE first (prepare: a photo's download) is only read there; the
   * slot is let go while it is prepared, and a second transaction checks it is still the next one
   * before handling it (what prepare fetched is for this event only: when the turn finds it handled
   * elsewhere, the next one is prepared afresh). The slot is let go again once the transactions are
   * done, before waiting on the reply's delivery.
   */
  private async process(chat: ChatRef, slot: { release: () => void }): Promise<TurnEnd> {
    const { db, engine, outbox } = this.options;
    const { officeId: office, chatKey } = chat;
    const now = this.options.now();
    // Only an office taken out of the configuration has none (the webhook stores rows of known
    // offices only); its events fail below and are kept for staff, not lost silently.
    const known = this.options.officeOf(office);
    const line = known?.line;
    const services = known?.services;
    let row: InboxRow | undefined;
    let event: webhook.Event = {} as webhook.Event;
    let userId: string | undefined;
    let replyToken: string | undefined;
    // A turn that erases the user's data asks for the clean-up after it (the checkpoint, the files
    // on disk); that must wait for the commit, or it would still see the rows: so it is noted here
    // and run once the transaction has committed. So are changes to the staff (their rich menus).
    let erased = false;
    const staffChanged: string[] = [];
    /** The turn proper, in `tx`: the handler, the reply queued in the outbox, the event marked done. */
    const turn = async (tx: Sql, handler: EventHandler, taken: InboxRow, prepared: unknown): Promise<QueuedReply | undefined> => {
      if (!services) throw new Error(`no office "${office}" is configured`);
      // Whether the user is staff is looked up once a turn (the menu, the keywords and the
      // staff-only entries all ask), and again only after the turn itself changed it.
      let staff: Promise<boolean> | undefined;
      const turnServices: Services = {
        ...services,
        isStaff: (tx, who) => (who === userId ? (staff ??= services.isStaff(tx, who)) : services.isStaff(tx, who)),
        ...(services.afterErasure ? { afterErasure: () => void (erased = true) } : {}),
        staffChanged: (changed: string) => {
          if (changed === userId) staff = undefined;
          if (services.staffChanged) staffChanged.push(changed);
        },
      };
      const messages = await handler.handle(event, { tx, now, engine, services: turnServices }, prepared);
      // Without a user (a group join) there is nobody to push to later; reply or nothing.
      const target = userId ?? (replyToken ? chatKey : undefined);
      const queued = target ? await enqueueReply(tx, office, target, replyToken, messages, now.getTime(), outbox.instanceId) : undefined;
      await markDone(tx, office, taken.eventId, now.getTime());
      return queued;
    };
    let reply: QueuedReply | undefined;
    try {
      const first = await db.transaction(async (tx): Promise<TurnEnd | { prepare: EventHandler } | { reply: QueuedReply | undefined }> => {
        await lockChat(tx, office, chatKey);
        row = await nextPending(tx, office, chatKey);
        if (!row) return 'none';
        if (row.retryAt && row.retryAt > now.getTime()) return 'waiting';
        event = JSON.parse(row.payload ?? '{}') as webhook.Event;
        userId = userIdOf(event);
        const handler = handlerFor(event);
        // Standby mode: another channel is answering this chat, so the bot stays silent.
        if (!handler || event.mode === 'standby') {
          await markDone(tx, office, row.eventId, now.getTime());
          return 'taken';
        }
        // An event that waited in the queue (a burst, or a slow turn before it): show "typing…" so the
        // user knows the bot is on it. Handlers that call out to LINE show it themselves.
        if (userId && line && now.getTime() - row.receivedAt > SLOW_QUEUE_MS) void line.showLoading(userId);
        const fresh = now.getTime() - row.timestamp < REPLY_WINDOW_MS;
        replyToken = fresh ? usableReplyToken(event) : undefined;
        if (handler.prepare && (handler.needsPrepare?.(event) ?? true) && line && services) return { prepare: handler };
        const queued = await turn(tx, handler, row, undefined);
        // The turn's work is written: the next turn may begin while this one's commit waits (on
        // SQLite it joins the same commit, see src/db/sqlite.ts); this one still waits for it.
        slot.release();
        return { reply: queued };
      });
      if (first === 'waiting') this.wakeAt(chat, row!.retryAt!);
      if (typeof first === 'string') return first;
      if ('prepare' in first) {
        const outcome = await this.prepareAndHandle(row!, first.prepare, slot, turn);
        if (typeof outcome === 'string') return outcome;
        reply = outcome.reply;
      } else reply = first.reply;
      if (erased) services?.afterErasure?.();
      for (const changed of staffChanged) services?.staffChanged?.(changed);
    } catch (error) {
      if (!row) throw error;
      const failed = row;
      const err = error instanceof Error ? error : new Error(String(error));
      log.error('event failed', { event: failed.eventId, type: failed.type, error: err.name, at: stackFrames(err) });
      reply = await db.transaction(async (tx) => {
        // Rolled back and let go: another instance may have handled it meanwhile, then nothing to say.
        if (!(await this.stillNext(tx, failed))) return undefined;
        await markFailed(tx, office, failed.eventId, describeError(err), now.getTime());
        if (!userId) return undefined;
        // The same conversation failing again and again (a bug, or a step whose data is gone) would
        // trap the user in apologies: after a few, let the conversation go and start from the menu.
        const stuck = (await recentFailures(tx, office, chatKey, now.getTime() - STUCK_WINDOW_MS)) >= STUCK_AFTER_FAILURES;
        if (stuck) await resetConversation(tx, office, userId, now.getTime());
        return enqueueReply(tx, office, userId, replyToken, [text(stuck ? APOLOGY_RESTART : APOLOGY)], now.getTime(), outbox.instanceId);
      });
    }
    slot.release();
    // Awaited so one user's replies arrive in the order of their messages — but not for ever: the
    // SDK has no timeout, and a hung call to LINE must not stall this user's queue.
    if (reply !== undefined) await waitAtMost(outbox.deliverReply(reply), this.options.deliveryWaitMs ?? DELIVERY_WAIT_MS);
    return 'taken';
  }

  /**
   * An event whose handler calls LINE before the turn (prepare), with the slot let go meanwhile;
   * then the turn, in a transaction of its own that first checks the event is still the chat's next.
   */
  private async prepareAndHandle(
    row: InboxRow,
    handler: EventHandler,
    slot: { release: () => void },
    turn: (tx: Sql, handler: EventHandler, row: InboxRow, prepared: unknown) => Promise<QueuedReply | undefined>,
  ): Promise<'taken' | 'again' | { reply: QueuedReply | undefined }> {
    const { db, engine } = this.options;
    const office = this.options.officeOf(row.officeId)!;
    const now = this.options.now();
    const event = JSON.parse(row.payload ?? '{}') as webhook.Event;
    slot.release();
    const attempt = row.attempts + 1;
    let prepared: unknown;
    try {
      prepared = await handler.prepare!(event, {
        line: office.line,
        db,
        engine,
        services: office.services,
        now,
        attachments: this.options.attachments,
        lastAttempt: attempt >= PREPARE_ATTEMPTS,
      });
    } catch (error) {
      if (!(error instanceof RetryLater) || attempt >= PREPARE_ATTEMPTS) throw error;
      // Left pending: tried again after the backoff (the next read finds it waiting and a timer
      // wakes the chat then), nothing lost.
      await retryLater(db, row.officeId, row.eventId, now.getTime() + prepareBackoffMs(attempt), describeError(error));
      log.warn('event to be tried again', { event: row.eventId, type: row.type, attempt });
      return 'again';
    }
    slot.release = await this.nextSlot();
    const outcome = await db.transaction(async (tx) => {
      if (!(await this.stillNext(tx, row))) return HANDLED_ELSEWHERE;
      const queued = await turn(tx, handler, row, prepared);
      slot.release();
      return { reply: queued };
    });
    return outcome === HANDLED_ELSEWHERE ? 'again' : outcome;
  }
}

function waitAtMost(task: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([task.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
