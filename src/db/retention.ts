// How long personal data is kept when nobody asks to delete it (PDPA: only as long as the purpose
// needs). Run by the scheduler (hourly by default). Each rule is one statement, safe to repeat, that
// touches at most a batch of rows through an index made for it; a pass repeats the batches until
// nothing is left, each in its own short transaction, and lets the event loop answer webhooks
// between them — so even with a million stored users the server never stalls for long.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { conversations, inbox, outbox } from './schema';

const DAY_MS = 86_400_000;

export const RETENTION = {
  /** A conversation left half-way (it may hold a birth date or a health answer) is forgotten. */
  abandonedConversationDays: 7,
  /** Processed event ids are kept this long to recognise LINE's redeliveries, then deleted. */
  inboxDays: 30,
  /** What the bot sent (names in booking confirmations and staff notices) is blanked after this. */
  sentMessagesDays: 90,
} as const;

/** Rows one statement touches at most: about a millisecond per batch at 1M users (npm run bench -- --retention). */
export const RETENTION_BATCH = 100;

export interface RetentionResult {
  conversations: number;
  inbox: number;
  outbox: number;
}

/** Statuses of inbox rows that are finished with (pending ones are work still to do). */
const FINISHED = ['done', 'failed', 'refused'] as const;
const SENT_OR_ENDED = ['sent', 'failed', 'cancelled'] as const;

/**
 * The three statements, each limited to `limit` rows (chosen by rowid through the index named in
 * schema.ts: conversations_abandoned, inbox_processed, outbox_sent_content). Literal SQL where a
 * partial index's condition must be matched word for word.
 */
export function retentionStatements(db: Db | Tx, now: Date, limit: number) {
  const ago = (days: number) => now.getTime() - days * DAY_MS;
  const rowid = sql`rowid`;
  return {
    conversations: db
      .update(conversations)
      .set({ flowId: null, flowVersion: null, stepId: null, answers: '{}', history: '[]', attempts: 0, resumePending: false, expiresAt: null })
      .where(
        inArray(
          rowid,
          db
            .select({ rowid })
            .from(conversations)
            .where(and(isNotNull(conversations.flowId), lt(conversations.updatedAt, ago(RETENTION.abandonedConversationDays))))
            .limit(limit),
        ),
      ),
    // Failed and refused events have only a diagnosis left; they go after the same 30 days.
    inbox: db
      .delete(inbox)
      .where(
        inArray(
          rowid,
          db
            .select({ rowid })
            .from(inbox)
            .where(
              and(
                inArray(inbox.status, [...FINISHED]),
                lt(inbox.receivedAt, ago(RETENTION.inboxDays)),
                // An event dated ahead of our clock keeps its id until its own date is as old too, so
                // a replay of it is refused by age before its id can be forgotten (webhook-input.ts).
                lt(inbox.timestamp, ago(RETENTION.inboxDays)),
              ),
            )
            .limit(limit),
        ),
      ),
    outbox: db
      .update(outbox)
      .set({ messages: '[]' })
      .where(
        inArray(
          rowid,
          db
            .select({ rowid })
            .from(outbox)
            .where(and(sql`${outbox.messages} <> '[]'`, inArray(outbox.status, [...SENT_OR_ENDED]), lt(outbox.createdAt, ago(RETENTION.sentMessagesDays))))
            .limit(limit),
        ),
      ),
  };
}

export interface RetentionOptions {
  batchSize?: number;
  /** Awaited between batches; by default the next turn of the event loop. */
  pause?: () => Promise<void>;
  /** Aborted (the server is stopping): the pass ends after the batch under way; the next pass goes on. */
  signal?: AbortSignal;
}

/** One full pass: every rule in batches until none is left (or the signal stops it). */
export async function applyRetention(db: Db, now: Date, options: RetentionOptions = {}): Promise<RetentionResult> {
  const limit = options.batchSize ?? RETENTION_BATCH;
  const pause = options.pause ?? (() => nextTurn());
  const result: RetentionResult = { conversations: 0, inbox: 0, outbox: 0 };
  for (const rule of Object.keys(result) as (keyof RetentionResult)[]) {
    for (;;) {
      const changes = db.transaction((tx) => retentionStatements(tx, now, limit)[rule].run().changes, { behavior: 'immediate' });
      result[rule] += changes;
      if (changes < limit) break;
      await pause();
      if (options.signal?.aborted) return result;
    }
  }
  return result;
}
