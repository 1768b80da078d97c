// How long personal data is kept when nobody asks to delete it (PDPA: only as long as the purpose
// needs). Run by the scheduler (hourly by default). Each rule is one statement, safe to repeat, that
// touches at most a batch of rows through an index made for it; a pass repeats the batches until
// nothing is left, each in its own short transaction, and lets the event loop answer webhooks
// between them — so even with a million stored users the server never stalls for long.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { q, type Sql } from './sql';

const DAY_MS = 86_400_000;

export const RETENTION = {
  /** A conversation left half-way (it may hold a birth date or a health answer) is forgotten. */
  abandonedConversationDays: 7,
  /** Processed event ids are kept this long to recognise LINE's redeliveries, then deleted. */
  inboxDays: 30,
  /** What the bot sent (names in booking confirmations and staff notices) is blanked after this. */
  sentMessagesDays: 90,
  /**
   * The messages of a closed hand-off (issue 12) are deleted this long after it closed, and the
   * hand-off row with them. Here for every office alike for now; an office could be given its own
   * period later (an office setting), the statement would then bind it per office.
   */
  closedHandoffDays: 90,
  /** An open hand-off nobody wrote in for this long is closed by the system ('system'). */
  idleHandoffDays: 14,
} as const;

/** Rows one statement touches at most: about a millisecond per batch at 1M users (npm run bench -- --retention). */
export const RETENTION_BATCH = 100;

export interface RetentionResult {
  conversations: number;
  inbox: number;
  outbox: number;
  handoffsIdle: number;
  handoffMessages: number;
  handoffs: number;
}

/**
 * Cross-office on purpose: retention is one pass over every office's rows (the periods are the same
 * for all), so these statements do not bind office_id.
 *
 * The three statements, each limited to `limit` rows, chosen by primary key through the index named
 * in schema.ts (conversations_abandoned, inbox_processed, outbox_sent_content); a partial index's
 * condition is matched word for word. Failed and refused events have only a diagnosis left; they go
 * after the same 30 days as done ones.
 */
export function retentionStatements(now: Date, limit: number) {
  const ago = (days: number) => now.getTime() - days * DAY_MS;
  return {
    conversations: q`
      UPDATE conversations SET flow_id = NULL, flow_version = NULL, step_id = NULL, answers = '{}', history = '[]', attempts = 0,
        resume_pending = ${false}, expires_at = NULL
      WHERE (office_id, user_id) IN (SELECT office_id, user_id FROM conversations WHERE flow_id IS NOT NULL AND updated_at < ${ago(RETENTION.abandonedConversationDays)} LIMIT ${limit})`,
    inbox: q`
      DELETE FROM inbox WHERE event_id IN (
        SELECT event_id FROM inbox WHERE status IN ('done', 'failed', 'refused') AND received_at < ${ago(RETENTION.inboxDays)}
          -- An event dated ahead of our clock keeps its id until its own date is as old too, so a
          -- replay of it is refused by age before its id can be forgotten (handlers/webhook-input.ts).
          AND timestamp < ${ago(RETENTION.inboxDays)}
        LIMIT ${limit})`,
    outbox: q`
      UPDATE outbox SET messages = '[]' WHERE (office_id, id) IN (
        SELECT office_id, id FROM outbox WHERE messages <> '[]' AND status IN ('sent', 'failed', 'cancelled') AND created_at < ${ago(RETENTION.sentMessagesDays)}
        LIMIT ${limit})`,
    // Idle hand-offs closed through handoffs_open; the villager is not pushed (after two weeks a
    // "closed" notice would only puzzle), their next message gets the bot again.
    handoffsIdle: q`
      UPDATE handoffs SET closed_at = ${now.getTime()}, closed_by = 'system' WHERE (office_id, id) IN (
        SELECT office_id, id FROM handoffs WHERE closed_at IS NULL AND last_message_at < ${ago(RETENTION.idleHandoffDays)} LIMIT ${limit})`,
    handoffMessages: q`
      DELETE FROM handoff_messages WHERE (office_id, id) IN (
        SELECT m.office_id, m.id FROM handoffs h JOIN handoff_messages m ON m.office_id = h.office_id AND m.handoff_id = h.id
        WHERE h.closed_at IS NOT NULL AND h.closed_at < ${ago(RETENTION.closedHandoffDays)} LIMIT ${limit})`,
    // The rows themselves (who talked, when) go once their messages have.
    handoffs: q`
      DELETE FROM handoffs WHERE (office_id, id) IN (
        SELECT h.office_id, h.id FROM handoffs h WHERE h.closed_at IS NOT NULL AND h.closed_at < ${ago(RETENTION.closedHandoffDays)}
          AND NOT EXISTS (SELECT 1 FROM handoff_messages m WHERE m.office_id = h.office_id AND m.handoff_id = h.id) LIMIT ${limit})`,
  };
}

export interface RetentionOptions {
  batchSize?: number;
  /** Awaited between batches; by default the next turn of the event loop. */
  pause?: () => Promise<void>;
  /** Aborted (the server is stopping): the pass ends after the batch under way; the next pass goes on. */
  signal?: AbortSignal;
}

/**
 * Several instances run the scheduler: each batch first tries a PostgreSQL advisory lock (held to
 * its commit), and a pass that finds it held ends there — another instance is doing this work.
 * SQLite: always granted, the single writer is the lock. Every office's rows: cross-office on purpose.
 */
async function tryRetentionLock(tx: Sql): Promise<boolean> {
  if (tx.dialect === 'sqlite') return true;
  return (await tx.get<{ locked: boolean }>(q`SELECT pg_try_advisory_xact_lock(hashtextextended('retention', 0)) AS locked`))?.locked === true;
}

/** One full pass: every rule in batches until none is left (or the signal stops it, or another instance is at it). */
export async function applyRetention(db: Sql, now: Date, options: RetentionOptions = {}): Promise<RetentionResult> {
  const limit = options.batchSize ?? RETENTION_BATCH;
  const pause = options.pause ?? (() => nextTurn());
  const result: RetentionResult = { conversations: 0, inbox: 0, outbox: 0, handoffsIdle: 0, handoffMessages: 0, handoffs: 0 };
  for (const rule of Object.keys(result) as (keyof RetentionResult)[]) {
    for (;;) {
      const changes = await db.transaction(async (tx) => ((await tryRetentionLock(tx)) ? (await tx.run(retentionStatements(now, limit)[rule])).changes : undefined));
      if (changes === undefined) return result;
      result[rule] += changes;
      if (changes < limit) break;
      await pause();
      if (options.signal?.aborted) return result;
    }
  }
  return result;
}
