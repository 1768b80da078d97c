// How long personal data is kept when nobody asks to delete it (PDPA: only as long as the purpose
// needs). Run by the scheduler; each rule is one statement, safe to repeat.
import { and, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { Tx } from './client';
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

export interface RetentionResult {
  conversations: number;
  inbox: number;
  outbox: number;
}

export function applyRetention(tx: Tx, now: Date): RetentionResult {
  const ago = (days: number) => now.getTime() - days * DAY_MS;
  const conversationsCleared = tx
    .update(conversations)
    .set({ flowId: null, flowVersion: null, stepId: null, answers: '{}', history: '[]', attempts: 0, resumePending: false, expiresAt: null })
    .where(and(isNotNull(conversations.flowId), lt(conversations.updatedAt, ago(RETENTION.abandonedConversationDays))))
    .run().changes;
  // Failed events keep their payload for staff to look at, but not beyond the same limit.
  const inboxDeleted = tx
    .delete(inbox)
    .where(and(ne(inbox.status, 'pending'), lt(inbox.receivedAt, ago(RETENTION.inboxDays))))
    .run().changes;
  const outboxBlanked = tx
    .update(outbox)
    .set({ messages: '[]' })
    .where(and(inArray(outbox.status, ['sent', 'failed', 'cancelled']), lt(outbox.createdAt, ago(RETENTION.sentMessagesDays)), ne(outbox.messages, '[]')))
    .run().changes;
  return { conversations: conversationsCleared, inbox: inboxDeleted, outbox: outboxBlanked };
}
