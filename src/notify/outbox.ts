// The outbox: every message the bot sends is a row here first, written in the same transaction as
// the change that caused it. Replies are tried once with the reply token; anything that cannot go as
// a reply, and every scheduled push, goes out as a push with a stored X-Line-Retry-Key.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outbox, users, type OutboxRow } from '../db/schema';
import type { LineApi } from '../line/client';
import type { Message } from '../line/messages';
import { assertValidMessages } from '../line/limits';
import { log, userHint } from '../log';

export interface PushRequest {
  to: string;
  messages: Message[];
  purpose: string;
  dueAt: number;
  ref?: string;
  /** When set, a second row with the same key is silently not created (reminders, notices). */
  dedupeKey?: string;
}

/** Queue a reply. Returns the row id; call `OutboxWorker.deliverReply(id)` after the commit. */
export function enqueueReply(tx: Tx | Db, to: string, replyToken: string | undefined, messages: Message[], now: number): number | undefined {
  if (messages.length === 0) return undefined;
  assertValidMessages(messages);
  const row = tx
    .insert(outbox)
    .values({
      to,
      mode: replyToken ? 'reply' : 'push',
      replyToken: replyToken ?? null,
      messages: JSON.stringify(messages),
      retryKey: randomUUID(),
      purpose: 'reply',
      dueAt: now,
      createdAt: now,
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

/** Queue a push for `dueAt`. Returns the row id, or undefined when the dedupe key already exists. */
export function enqueuePush(tx: Tx | Db, request: PushRequest, now: number): number | undefined {
  assertValidMessages(request.messages);
  const row = tx
    .insert(outbox)
    .values({
      to: request.to,
      mode: 'push',
      messages: JSON.stringify(request.messages),
      retryKey: randomUUID(),
      purpose: request.purpose,
      ref: request.ref ?? null,
      dedupeKey: request.dedupeKey ?? null,
      dueAt: request.dueAt,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .get();
  return row?.id;
}

/** Cancel every not-yet-sent push that belongs to `ref` (e.g. the reminders of a booking). */
export function cancelPending(tx: Tx | Db, ref: string): number {
  const result = tx
    .update(outbox)
    .set({ status: 'cancelled', dedupeKey: null })
    .where(and(eq(outbox.ref, ref), inArray(outbox.status, ['pending'])))
    .run();
  return result.changes;
}

export interface OutboxWorkerOptions {
  db: Db;
  line: LineApi;
  now?: () => number;
  maxAttempts?: number;
  /** How long a claimed row is reserved before another pass may take it (crash recovery). */
  claimMs?: number;
  /** A reply row still unsent this long after it was written was orphaned by a crash: push it. */
  orphanedReplyMs?: number;
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

export class OutboxWorker {
  private readonly db: Db;
  private readonly line: LineApi;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly claimMs: number;
  private readonly orphanedReplyMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private rerun = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: OutboxWorkerOptions) {
    this.db = options.db;
    this.line = options.line;
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.claimMs = options.claimMs ?? 60_000;
    this.orphanedReplyMs = options.orphanedReplyMs ?? 30_000;
  }

  /** Send a freshly committed reply row now; if the reply fails it becomes a push at once. */
  deliverReply(id: number): Promise<void> {
    const task = this.deliverReplyNow(id);
    this.inFlight.add(task);
    return task.finally(() => this.inFlight.delete(task));
  }

  private async deliverReplyNow(id: number): Promise<void> {
    const row = this.claim(sql`${outbox.id} = ${id} AND ${outbox.status} = 'pending'`, 1)[0];
    if (row) await this.send(row);
  }

  /** One pass: claim every due row and send it. Returns how many rows were attempted. */
  runOnce(limit = 100): Promise<number> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const pass = (async () => {
      let total = 0;
      do {
        this.rerun = false;
        const now = this.now();
        const rows = this.claim(
          sql`(${outbox.status} = 'pending' AND ${outbox.dueAt} <= ${now}
                AND (${outbox.mode} = 'push' OR ${outbox.createdAt} <= ${now - this.orphanedReplyMs}))
              OR (${outbox.status} = 'sending' AND ${outbox.claimedUntil} < ${now})`,
          limit,
        );
        total += rows.length;
        await Promise.all(rows.map((row) => this.send(row)));
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

  start(intervalMs = 1_000): void {
    this.stop();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Wait for everything under way (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running || this.inFlight.size > 0) {
      await Promise.all([this.running, ...this.inFlight]);
    }
  }

  /**
   * Claim rows atomically: the UPDATE … RETURNING marks them 'sending' with a lease, so two passes
   * (or two processes) never send the same row at once. A crash leaves the lease to expire.
   */
  private claim(condition: ReturnType<typeof sql>, limit: number): OutboxRow[] {
    const now = this.now();
    return this.db
      .update(outbox)
      .set({ status: 'sending', claimedUntil: now + this.claimMs })
      .where(inArray(outbox.id, this.db.select({ id: outbox.id }).from(outbox).where(condition).orderBy(outbox.dueAt).limit(limit)))
      .returning()
      .all();
  }

  private async send(row: OutboxRow): Promise<void> {
    const messages = JSON.parse(row.messages) as Message[];
    const user = this.db.select({ status: users.status }).from(users).where(eq(users.userId, row.to)).get();
    if (user?.status === 'blocked') {
      this.finish(row.id, { status: 'cancelled', lastError: 'recipient has blocked the bot' });
      return;
    }

    if (row.mode === 'reply') {
      // A reply is tried once, and only while its token can still be fresh; otherwise it is a push.
      const fresh = row.replyToken && row.attempts === 0 && this.now() - row.createdAt < this.orphanedReplyMs;
      const outcome = fresh ? await this.line.reply(row.replyToken!, messages) : undefined;
      if (outcome?.ok) {
        this.finish(row.id, { status: 'sent', sentAt: this.now(), attempts: 1 });
        return;
      }
      const lastError = outcome ? `reply: ${outcome.reason}` : 'reply token too old';
      log.info('reply not possible, sending as push', { outbox: row.id, status: outcome?.status });
      this.db.update(outbox).set({ mode: 'push', replyToken: null, lastError }).where(eq(outbox.id, row.id)).run();
      row = { ...row, mode: 'push', replyToken: null };
    }

    const attempt = row.attempts + 1;
    const outcome = await this.line.push(row.to, messages, row.retryKey);
    if (outcome.ok) {
      this.finish(row.id, { status: 'sent', sentAt: this.now(), attempts: attempt });
    } else if (outcome.retryable && attempt < this.maxAttempts) {
      this.finish(row.id, { status: 'pending', attempts: attempt, dueAt: this.now() + backoffMs(attempt), lastError: outcome.reason });
    } else {
      log.error('push given up', { outbox: row.id, purpose: row.purpose, attempts: attempt, status: outcome.status, user: userHint(row.to) });
      this.finish(row.id, { status: 'failed', attempts: attempt, lastError: outcome.reason });
    }
  }

  private finish(id: number, fields: Partial<OutboxRow>): void {
    this.db.update(outbox).set({ ...fields, claimedUntil: null }).where(eq(outbox.id, id)).run();
  }
}
