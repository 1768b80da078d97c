// The outbox: every message the bot sends is a row here first, written in the same transaction as
// the change that caused it. Replies are tried once with the reply token; anything that cannot go as
// a reply, and every scheduled push, goes out as a push with a stored X-Line-Retry-Key.
import { randomUUID } from 'node:crypto';
import { beat, HEARTBEAT_MS, STALE_AFTER_MS } from '../db/instances';
import { chatId, nextPending } from '../db/inbox';
import type { OutboxRow } from '../db/schema';
import { fragment, q, skipLocked, type Sql } from '../db/sql';
import type { LineApi } from '../line/client';
import type { Message } from '../line/messages';
import { assertValidMessages } from '../line/limits';
import { log, userHint } from '../log';
import { RateLimiter } from './rate-limit';

export interface PushRequest {
  to: string;
  messages: Message[];
  purpose: string;
  dueAt: number;
  ref?: string;
  /** When set, a second row with the same key is silently not created (reminders, notices). */
  dedupeKey?: string;
}

/**
 * Queue a reply, already claimed by `owner` — the instance whose turn writes it and will send it
 * right after the commit — for `leaseMs`: no other instance takes it for orphaned meanwhile, and
 * sending it needs no second write to claim it. Returns the row; pass it to
 * `OutboxWorker.deliverReply` after the commit.
 */
export async function enqueueReply(
  tx: Sql,
  office: string,
  to: string,
  replyToken: string | undefined,
  messages: Message[],
  now: number,
  owner: string,
  leaseMs = DEFAULT_CLAIM_MS,
): Promise<QueuedReply | undefined> {
  if (messages.length === 0) return undefined;
  assertValidMessages(messages);
  const row = (await tx.get<OutboxRow>(q`
    INSERT INTO outbox (office_id, "to", mode, reply_token, messages, retry_key, purpose, due_at, created_at, status, claimed_by, claimed_until)
    VALUES (${office}, ${to}, ${replyToken ? 'reply' : 'push'}, ${replyToken ?? null}, ${JSON.stringify(messages)}, ${randomUUID()}, 'reply', ${now}, ${now},
            'sending', ${owner}, ${now + leaseMs})
    RETURNING *`))!;
  // Asked here, in the turn's transaction, rather than when it is sent: an older answer to the user
  // can only go from unsent to sent (one user's turns run one at a time), so "none" stays true.
  const older = await tx.get<{ wait: unknown }>(q`SELECT ${OLDER_ANSWER_UNSENT} AS wait FROM outbox WHERE office_id = ${office} AND id = ${row.id}`);
  return { ...row, olderAnswerUnsent: Boolean(older?.wait) };
}

/** A reply as enqueueReply wrote it, and whether an older answer to the same user was unsent then. */
export interface QueuedReply extends OutboxRow {
  olderAnswerUnsent: boolean;
}

/** Queue a push for `dueAt`. Returns the row id, or undefined when the dedupe key already exists. */
export async function enqueuePush(tx: Sql, office: string, request: PushRequest, now: number): Promise<number | undefined> {
  assertValidMessages(request.messages);
  const row = await tx.get<{ id: number }>(q`
    INSERT INTO outbox (office_id, "to", mode, messages, retry_key, purpose, ref, dedupe_key, due_at, created_at)
    VALUES (${office}, ${request.to}, 'push', ${JSON.stringify(request.messages)}, ${randomUUID()}, ${request.purpose}, ${request.ref ?? null},
            ${request.dedupeKey ?? null}, ${request.dueAt}, ${now})
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return row?.id;
}

/** Cancel every not-yet-sent push that belongs to `ref` (e.g. the reminders of a booking). */
export async function cancelPending(tx: Sql, office: string, ref: string): Promise<number> {
  return (await tx.run(q`UPDATE outbox SET status = 'cancelled', dedupe_key = NULL WHERE office_id = ${office} AND ref = ${ref} AND status = 'pending'`)).changes;
}

export interface OutboxWorkerOptions {
  db: Sql;
  /** Each office's LINE client: a row is sent through its own office's channel. */
  lineFor: (officeId: string) => LineApi | undefined;
  now?: () => number;
  maxAttempts?: number;
  /** How long a claimed row is reserved before another pass may take it (a send that never ended). */
  claimMs?: number;
  /** A reply row still unsent this long after it was written was orphaned by a crash: push it. */
  orphanedReplyMs?: number;
  /** Pushes per second at most (LINE allows 2,000/s per channel); default 1,000. */
  pushesPerSecond?: number;
  /** Rows claimed at a time; a pass keeps claiming while batches come full. */
  batchSize?: number;
  /** This process's id in `claimed_by` and the instances table (default: a fresh random id). */
  instanceId?: string;
  /** The pacing of pushes (tests inject one with a fake clock). */
  limiter?: RateLimiter;
}

/** What a recovery pass found; logged as one line (counts only). */
export interface RecoveryResult {
  /** Rows a gone instance left unfinished: claimed ('sending'), or replies written but never tried. */
  orphaned: number;
  /** Orphaned replies cancelled because a later message to the same user exists or is coming. */
  superseded: number;
  /** Orphaned replies sent again at once (the latest to their user; at most one copy more). */
  resent: number;
  /** Orphaned pushes put back in the queue with their retry key (LINE answers 409 if it has them). */
  requeued: number;
}

/**
 * An older answer to the same user is still unsent: this one waits its turn, so a user never gets
 * the answer to a later message before the answer to an earlier one (after an outage's backoffs).
 */
const OLDER_ANSWER_UNSENT = fragment(`EXISTS (SELECT 1 FROM outbox AS earlier
    WHERE earlier.office_id = outbox.office_id AND earlier."to" = outbox."to" AND earlier.purpose = 'reply'
    AND earlier.status IN ('pending', 'sending') AND earlier.id < outbox.id)`);

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

export const DEFAULT_PUSHES_PER_SECOND = 1_000;
/** How long a claimed row is reserved for its sender before another pass may take it. */
export const DEFAULT_CLAIM_MS = 60_000;

export class OutboxWorker {
  /** This process in `claimed_by`. */
  readonly instanceId: string;
  private readonly db: Sql;
  private readonly lineFor: (officeId: string) => LineApi | undefined;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly claimMs: number;
  private readonly orphanedReplyMs: number;
  private readonly batchSize: number;
  private readonly limiter: RateLimiter;
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private rerun = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** One chain of sends per recipient, so one user's messages reach LINE in the order they were taken. */
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(options: OutboxWorkerOptions) {
    this.db = options.db;
    this.lineFor = options.lineFor;
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
    this.orphanedReplyMs = options.orphanedReplyMs ?? 30_000;
    this.batchSize = options.batchSize ?? 100;
    this.instanceId = options.instanceId ?? randomUUID();
    this.limiter = options.limiter ?? new RateLimiter({ perSecond: options.pushesPerSecond ?? DEFAULT_PUSHES_PER_SECOND });
    this.startedAt = this.now();
  }

  /** Record in the instances table that this instance is alive (every HEARTBEAT_MS once started). */
  heartbeat(): Promise<void> {
    return beat(this.db, this.instanceId, this.startedAt, this.now());
  }

  /**
   * Take back what a gone instance left half done: rows it claimed ('sending') and replies it wrote
   * but never tried. Gone means its heartbeat is older than STALE_AFTER_MS or missing; a claim by a
   * live instance — one that is sending it right now — is never taken. Runs on every instance after
   * each heartbeat, and at start-up with `startup`: then this instance's own rows are a previous
   * life's too (INSTANCE_ID is stable across restarts by default), so a restart recovers at once.
   * Rows are locked with SKIP LOCKED, so two instances recovering at once split them.
   *
   * A reply nobody can say was delivered is cancelled when a later message to the same user exists,
   * or is coming (an event of theirs still waits in the inbox): so after a crash no user gets a
   * message a later one has superseded. The latest is sent again (a push when its token is too old),
   * so it arrives at most twice. Pushes keep their retry key: LINE answers 409 for one it already
   * accepted, and nothing is sent twice.
   */
  async recover(options: { startup?: boolean } = {}): Promise<RecoveryResult> {
    const now = this.now();
    // Cross-office on purpose: a gone instance's rows, whichever office they belong to.
    const mine = options.startup ? this.instanceId : null;
    const { resend, result } = await this.db.transaction(async (tx) => {
      // Cross-office on purpose: recovery takes back every office's orphans; the rows carry office_id.
      const orphans = await tx.all<OutboxRow>(q`
        SELECT * FROM outbox
        WHERE (status = 'sending' OR (status = 'pending' AND mode = 'reply'))
          AND (claimed_by IS NULL OR claimed_by = ${mine}
               OR (claimed_by <> ${this.instanceId}
                   AND NOT EXISTS (SELECT 1 FROM instances WHERE instances.id = outbox.claimed_by AND instances.heartbeat_at >= ${now - STALE_AFTER_MS})))
        ORDER BY id ${skipLocked}`);
      const result: RecoveryResult = { orphaned: orphans.length, superseded: 0, resent: 0, requeued: 0 };
      const resend: { office: string; id: number }[] = [];
      for (const row of orphans) {
        const isReply = row.purpose === 'reply';
        if (isReply) {
          const latest =
            (await tx.get<{ id: number }>(q`SELECT MAX(id) AS id FROM outbox WHERE office_id = ${row.officeId} AND "to" = ${row.to} AND purpose = 'reply'`))
              ?.id ?? 0;
          if (Number(latest) > row.id || (await nextPending(tx, row.officeId, row.to))) {
            await tx.run(q`
              UPDATE outbox SET status = 'cancelled', claimed_until = NULL, claimed_by = NULL, last_error = 'superseded by a later message after a restart'
              WHERE office_id = ${row.officeId} AND id = ${row.id}`);
            result.superseded++;
            continue;
          }
        }
        // A reply to send again is this instance's now, so no other one takes it for orphaned meanwhile.
        await tx.run(q`
          UPDATE outbox SET status = 'pending', claimed_until = NULL, claimed_by = ${isReply ? this.instanceId : null}
          WHERE office_id = ${row.officeId} AND id = ${row.id}`);
        if (isReply) {
          resend.push({ office: row.officeId, id: row.id });
          result.resent++;
        } else result.requeued++;
      }
      return { resend, result };
    });
    if (options.startup) log.info('outbox recovered at start-up', { ...result });
    else if (result.orphaned > 0) log.info('outbox recovered from a gone instance', { ...result });
    for (const { office, id } of resend) this.track(this.claimAndDeliver(office, id)).catch((error) => log.error('outbox resend failed', { outbox: id, error }));
    if (result.requeued > 0) void this.runOnce().catch((error) => log.error('outbox pass failed', { error }));
    return result;
  }

  /**
   * Send a freshly committed reply row, as enqueueReply returned it (claimed by this instance), now;
   * if the reply fails it becomes a push at once.
   */
  deliverReply(row: QueuedReply): Promise<void> {
    return this.track(this.inLane(row, !row.olderAnswerUnsent));
  }

  private track(task: Promise<void>): Promise<void> {
    this.inFlight.add(task);
    return task.finally(() => this.inFlight.delete(task));
  }

  /** A reply recovery put back for this instance: claim it, then send it. */
  private async claimAndDeliver(office: string, id: number): Promise<void> {
    const now = this.now();
    const row = await this.db.get<OutboxRow>(q`
      UPDATE outbox SET status = 'sending', claimed_until = ${now + this.claimMs}, claimed_by = ${this.instanceId}
      WHERE office_id = ${office} AND id = ${id} AND status = 'pending'
      RETURNING *`);
    if (row) await this.inLane(row);
  }

  /**
   * One pass: claim due rows and send them, batch after batch until nothing is due, so a backlog
   * drains at the push rate rather than one batch per tick. Returns how many rows were attempted.
   */
  runOnce(limit = this.batchSize): Promise<number> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const pass = (async () => {
      let total = 0;
      do {
        this.rerun = false;
        let rows: OutboxRow[];
        do {
          // While LINE asks every push to wait, claim nothing (the next tick looks again).
          if (this.limiter.pausedMs() > 0) break;
          const now = this.now();
          // An answer waits while an older answer to the same user is unsent (a LINE outage with its
          // backoffs must not deliver the answer to the second message before the first).
          rows = await this.claimDue(now, limit);
          total += rows.length;
          await Promise.all(rows.map((row) => this.inLane(row)));
        } while (rows.length > 0); // until nothing is due: a sent answer may release the user's next one
      } while (this.rerun);
      return total;
    })();
    this.running = pass;
    return pass.finally(() => (this.running = undefined));
  }

  /** Ask for a pass soon (after a commit that queued pushes). */
  kick(): void {
    setImmediate(() => void this.runOnce().catch((error) => log.error('outbox pass failed', { error })));
  }

  /** The send timer, and the heartbeat each followed by a recovery pass (call heartbeat() and recover({ startup }) first). */
  start(intervalMs = 1_000, heartbeatMs = HEARTBEAT_MS): void {
    this.stop();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.heartbeatTimer = setInterval(() => this.keepAlive(), heartbeatMs);
    this.heartbeatTimer.unref();
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.timer = undefined;
    this.heartbeatTimer = undefined;
  }

  private keepAlive(): void {
    const task: Promise<void> = this.heartbeat()
      .then(() => this.recover())
      .then(
        () => undefined,
        (error: unknown) => log.error('heartbeat failed', { error: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Wait for everything under way (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running || this.inFlight.size > 0) {
      await Promise.all([this.running, ...this.inFlight]);
    }
  }

  /**
   * Claim due rows atomically: the UPDATE … RETURNING marks them 'sending' by this instance with a
   * lease, so two passes (or two processes: SKIP LOCKED on PostgreSQL) never send the same row at
   * once. After a crash, `recover()` takes back the dead instance's claims once its heartbeat is
   * stale (at once on its restart); the lease is the last resort. Cross-office on purpose: one
   * worker serves every office; each row carries its office_id and is sent with that office's channel.
   */
  private async claimDue(now: number, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.all<OutboxRow>(q`
      UPDATE outbox SET status = 'sending', claimed_until = ${now + this.claimMs}, claimed_by = ${this.instanceId}
      WHERE (office_id, id) IN (
        SELECT office_id, id FROM outbox
        WHERE ((status = 'pending' AND due_at <= ${now} AND (mode = 'push' OR created_at <= ${now - this.orphanedReplyMs}))
               OR (status = 'sending' AND claimed_until < ${now}))
          AND NOT (purpose = 'reply' AND ${OLDER_ANSWER_UNSENT})
        ORDER BY due_at, id LIMIT ${limit} ${skipLocked})
      RETURNING *`);
    return rows.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  /** Send after whatever is already going to the same recipient. */
  private inLane(row: OutboxRow, noOlderAnswer = false): Promise<void> {
    // A send that failed (it is logged by its caller) must not stop the ones queued behind it.
    const lane = chatId({ officeId: row.officeId, chatKey: row.to });
    const before = this.lanes.get(lane)?.catch(() => undefined) ?? Promise.resolve();
    const run = before.then(() => this.send(row, noOlderAnswer));
    this.lanes.set(lane, run);
    const release = () => {
      if (this.lanes.get(lane) === run) this.lanes.delete(lane);
    };
    run.then(release, release);
    return run;
  }

  /** `noOlderAnswer`: known already that no older answer to the user is unsent (see enqueueReply). */
  private async send(row: OutboxRow, noOlderAnswer = false): Promise<void> {
    const messages = JSON.parse(row.messages) as Message[];
    const office = row.officeId;
    const line = this.lineFor(office);
    if (!line) {
      // An office taken out of the configuration: its rows wait (nothing is lost) until it is back.
      log.warn('outbox row of an unknown office left pending', { outbox: row.id });
      await this.finish(office, row.id, { status: 'pending', dueAt: this.now() + this.claimMs });
      return;
    }
    const mustWait = async () =>
      row.purpose === 'reply' &&
      Boolean(
        (await this.db.get<{ wait: unknown }>(q`
          SELECT ${OLDER_ANSWER_UNSENT} AS wait FROM outbox WHERE office_id = ${office} AND id = ${row.id}`))?.wait,
      );
    if (row.mode === 'reply') {
      // A reply is tried once, and only while its token can still be fresh and no older answer to
      // the user is still on its way; otherwise it is a push.
      const fresh = Boolean(row.replyToken) && row.attempts === 0 && this.now() - row.createdAt < this.orphanedReplyMs;
      const waiting = fresh && !noOlderAnswer && (await mustWait());
      const outcome = fresh && !waiting ? await line.reply(row.replyToken!, messages) : undefined;
      if (outcome?.ok) {
        await this.finish(office, row.id, { status: 'sent', sentAt: this.now(), attempts: 1 });
        return;
      }
      const lastError = outcome ? `reply: ${outcome.reason}` : waiting ? 'an older answer is still on its way' : 'reply token too old';
      log.info('reply not possible, sending as push', { outbox: row.id, status: outcome?.status });
      await this.db.run(q`UPDATE outbox SET mode = 'push', reply_token = NULL, last_error = ${lastError} WHERE office_id = ${office} AND id = ${row.id}`);
      row = { ...row, mode: 'push', replyToken: null };
    }
    if (await mustWait()) {
      await this.finish(office, row.id, { status: 'pending', dueAt: Math.min(row.dueAt, this.now()) });
      return;
    }

    // A reply goes out without this look (the user has just written to us; were they gone, LINE
    // refuses the token and the reply becomes this push): a push to someone who blocked us is not sent.
    const user = await this.db.get<{ status: string }>(q`SELECT status FROM users WHERE office_id = ${office} AND user_id = ${row.to}`);
    if (user?.status === 'blocked') {
      await this.finish(office, row.id, { status: 'cancelled', lastError: 'recipient has blocked the bot' });
      return;
    }

    // LINE asked every push to wait (Retry-After): put the row back for then, without an attempt.
    const paused = this.limiter.pausedMs();
    if (paused > 0) {
      await this.finish(office, row.id, { status: 'pending', dueAt: this.now() + Math.ceil(paused) });
      return;
    }
    await this.limiter.acquire();
    const attempt = row.attempts + 1;
    const outcome = await line.push(row.to, messages, row.retryKey);
    if (outcome.ok) {
      await this.finish(office, row.id, { status: 'sent', sentAt: this.now(), attempts: attempt });
    } else if (outcome.retryable && attempt < this.maxAttempts) {
      // LINE's own word on when to come back wins; the backoff is for when it says nothing.
      if (outcome.retryAfterMs !== undefined) this.limiter.pauseFor(outcome.retryAfterMs);
      const wait = Math.max(outcome.retryAfterMs ?? backoffMs(attempt), 1_000);
      await this.finish(office, row.id, { status: 'pending', attempts: attempt, dueAt: this.now() + wait, lastError: outcome.reason });
    } else {
      log.error('push given up', { outbox: row.id, purpose: row.purpose, attempts: attempt, status: outcome.status, user: userHint(row.to) });
      await this.finish(office, row.id, { status: 'failed', attempts: attempt, lastError: outcome.reason });
    }
  }

  /** The row's outcome: its new status and what goes with it; the claim is let go. */
  private async finish(office: string, id: number, fields: Finish): Promise<void> {
    await this.db.run(q`
      UPDATE outbox SET status = ${fields.status},
        attempts = COALESCE(${fields.attempts ?? null}, attempts), due_at = COALESCE(${fields.dueAt ?? null}, due_at),
        sent_at = COALESCE(${fields.sentAt ?? null}, sent_at), last_error = COALESCE(${fields.lastError ?? null}, last_error),
        claimed_until = NULL, claimed_by = NULL
      WHERE office_id = ${office} AND id = ${id}`);
  }
}

type Finish = Pick<OutboxRow, 'status'> & Partial<Pick<OutboxRow, 'attempts' | 'dueAt' | 'sentAt' | 'lastError'>>;
