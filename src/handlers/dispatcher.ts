// The per-user queue. Stored inbox events are processed one chat at a time, oldest first; different
// users run side by side. Each event is handled in one transaction that updates the
// conversation, writes any domain rows, queues the reply in the outbox and marks the event done —
// all or nothing. A failure rolls that back, tells the user politely, and keeps a diagnosis (event type, flow, step, error) for staff.
import type { webhook } from '@line/bot-sdk';
import type { Sql } from '../db/sql';
import { RetryLater, type AttachmentSettings } from '../attachments/receive';
import { markDone, markFailed, nextPending, pendingChatKeys, recentFailures, retryLater } from '../db/inbox';
import { resetConversation } from '../db/conversations';
import type { InboxRow } from '../db/schema';
import type { Engine } from '../flows/engine';
import type { Services } from '../flows/types';
import type { LineApi } from '../line/client';
import { text } from '../line/messages';
import { describeError, log, stackFrames } from '../log';
import { enqueueReply, type OutboxWorker } from '../notify/outbox';
import { handlerFor, usableReplyToken } from './events';
import { userIdOf } from './types';

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
/**
 * A handler's work before the turn (a photo's download) that failed for a reason that may pass is
 * tried this many times in all, waiting 2 s, 4 s, 8 s, 16 s between tries (about half a minute);
 * the last try tells the user it could not be done. The user's later events wait behind it, in order.
 */
export const PREPARE_ATTEMPTS = 5;
export const prepareBackoffMs = (attempt: number) => 2_000 * 2 ** (attempt - 1);

export interface DispatcherOptions {
  db: Sql;
  line: LineApi;
  engine: Engine;
  services: Services;
  outbox: OutboxWorker;
  now: () => Date;
  attachments: AttachmentSettings;
  /** How long one user's queue waits for a reply to reach LINE before going on (default 8 s). */
  deliveryWaitMs?: number;
}

export class Dispatcher {
  private readonly active = new Map<string, Promise<void>>();
  /** Chats whose first event waits to be tried again (RetryLater), with the timer that wakes them. */
  private readonly wakeUps = new Map<string, NodeJS.Timeout>();
  /** Workers waiting for their slot (see nextSlot), first come first served. */
  private readonly waiting: ((release: () => void) => void)[] = [];
  private pumping = false;

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Start a worker for each chat that has pending events and none running: the chats just stored
   * by the webhook, or — with no argument, at start-up — every chat with events left from before.
   */
  kick(chatKeys: Iterable<string>): void {
    for (const chatKey of chatKeys) this.ensureDraining(chatKey);
  }

  /** At start-up: start a worker for every chat with events left from before. */
  async kickAll(): Promise<void> {
    this.kick(await pendingChatKeys(this.options.db));
  }

  /** Stop the timers of events waiting to be tried again (they are in the inbox; start-up resumes them). */
  stop(): void {
    for (const timer of this.wakeUps.values()) clearTimeout(timer);
    this.wakeUps.clear();
  }

  /** Resolves when every queue is empty (tests, graceful shutdown); events waiting for a retry do not count. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all(this.active.values());
  }

  private ensureDraining(chatKey: string): void {
    if (this.active.has(chatKey)) return;
    const run = this.drain(chatKey)
      .catch((error: unknown) => log.error('queue failed', { error: error instanceof Error ? error.name : 'unknown' }))
      .then(async () => {
        this.active.delete(chatKey);
        // An event may have been stored while this worker was finishing: look once more.
        if (await this.nextDue(chatKey)) this.ensureDraining(chatKey);
      })
      .catch((error: unknown) => log.error('queue failed', { error: error instanceof Error ? error.name : 'unknown' }));
    this.active.set(chatKey, run);
  }

  private async drain(chatKey: string): Promise<void> {
    for (;;) {
      const slot = { release: await this.nextSlot() };
      try {
        const row = await this.nextDue(chatKey);
        if (!row) return;
        await this.process(row, slot);
      } finally {
        slot.release();
      }
    }
  }

  /**
   * The chat's next event when it is due. When the next one waits to be tried again, nothing (the
   * chat's later events wait behind it, to keep their order) and a timer wakes the chat then.
   */
  private async nextDue(chatKey: string): Promise<InboxRow | undefined> {
    const row = await nextPending(this.options.db, chatKey);
    const waitMs = row?.retryAt ? row.retryAt - this.options.now().getTime() : 0;
    if (!row || waitMs <= 0) return row;
    if (!this.wakeUps.has(chatKey)) {
      const timer = setTimeout(() => {
        this.wakeUps.delete(chatKey);
        this.ensureDraining(chatKey);
      }, waitMs);
      timer.unref();
      this.wakeUps.set(chatKey, timer);
    }
    return undefined;
  }

  /**
   * Resolves when it is this caller's turn to run — never inside kick(), so the webhook route answers
   * LINE before any turn's transaction runs — with the function that ends the turn's slot. One turn
   * holds the slot at a time (on SQLite they would only queue for the database anyway); turns run
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
   * One event. The slot is let go while the handler calls LINE before the turn (prepare) and once
   * the transactions are done, before waiting on the reply's delivery.
   */
  private async process(row: InboxRow, slot: { release: () => void }): Promise<void> {
    const { db, line, engine, services, outbox } = this.options;
    const now = this.options.now();
    const event = JSON.parse(row.payload ?? '{}') as webhook.Event;
    const handler = handlerFor(event);
    const userId = userIdOf(event);
    const chatKey = row.chatKey;
    // Standby mode: another channel is answering this chat, so the bot stays silent.
    if (!handler || event.mode === 'standby') {
      await markDone(db, row.eventId, now.getTime());
      return;
    }
    // An event that waited in the queue (a burst, or a slow turn before it): show "typing…" so the
    // user knows the bot is on it. Handlers that call out to LINE show it themselves.
    if (userId && now.getTime() - row.receivedAt > SLOW_QUEUE_MS) void line.showLoading(userId);
    const fresh = now.getTime() - row.timestamp < REPLY_WINDOW_MS;
    const replyToken = fresh ? usableReplyToken(event) : undefined;
    let replyId: number | undefined;
    try {
      let prepared: unknown;
      if (handler.prepare) {
        slot.release();
        const attempt = row.attempts + 1;
        try {
          prepared = await handler.prepare(event, {
            line,
            db,
            engine,
            services,
            now,
            attachments: this.options.attachments,
            lastAttempt: attempt >= PREPARE_ATTEMPTS,
          });
        } catch (error) {
          if (!(error instanceof RetryLater) || attempt >= PREPARE_ATTEMPTS) throw error;
          // Left pending: tried again after the backoff (nextDue wakes the chat), nothing lost.
          await retryLater(db, row.eventId, now.getTime() + prepareBackoffMs(attempt), describeError(error));
          log.warn('event to be tried again', { event: row.eventId, type: row.type, attempt });
          return;
        }
        slot.release = await this.nextSlot();
      }
      replyId = await db.transaction(async (tx) => {
        const messages = await handler.handle(event, { tx, now, engine, services }, prepared);
        // Without a user (a group join) there is nobody to push to later; reply or nothing.
        const target = userId ?? (replyToken ? chatKey : undefined);
        const id = target ? await enqueueReply(tx, target, replyToken, messages, now.getTime()) : undefined;
        await markDone(tx, row.eventId, now.getTime());
        return id;
      });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      log.error('event failed', { event: row.eventId, type: row.type, error: err.name, at: stackFrames(err) });
      replyId = await db.transaction(async (tx) => {
        await markFailed(tx, row.eventId, describeError(err), now.getTime());
        if (!userId) return undefined;
        // The same conversation failing again and again (a bug, or a step whose data is gone) would
        // trap the user in apologies: after a few, let the conversation go and start from the menu.
        const stuck = (await recentFailures(tx, chatKey, now.getTime() - STUCK_WINDOW_MS)) >= STUCK_AFTER_FAILURES;
        if (stuck) await resetConversation(tx, userId, now.getTime());
        return enqueueReply(tx, userId, replyToken, [text(stuck ? APOLOGY_RESTART : APOLOGY)], now.getTime());
      });
    }
    slot.release();
    // Awaited so one user's replies arrive in the order of their messages — but not for ever: the
    // SDK has no timeout, and a hung call to LINE must not stall this user's queue.
    if (replyId !== undefined) await waitAtMost(outbox.deliverReply(replyId), this.options.deliveryWaitMs ?? DELIVERY_WAIT_MS);
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
