// The inbox: webhook events stored before LINE hears 200, and the queries the per-user queue needs.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { webhook } from '@line/bot-sdk';
import type { Db, Tx } from './client';
import { loadConversation } from './conversations';
import { inbox, type InboxRow } from './schema';

/** The queue key: one user's events (or one group's) are handled one at a time. */
export function chatKeyOf(event: webhook.Event): string {
  const source = event.source;
  if (!source) return 'no-source';
  if (source.type === 'user') return source.userId ?? 'no-source';
  if (source.type === 'group') return source.groupId;
  if (source.type === 'room') return source.roomId;
  return 'no-source';
}

/** What storeEvents needs of each event (see handlers/webhook-input.ts, which screens them). */
export interface StoredEvent {
  eventId: string;
  chatKey: string;
  type: string;
  timestamp: number;
  /** The event to act on; absent for a refused one, whose content is not kept. */
  event?: webhook.Event;
  refused?: { reason: string; detail: string };
}

/**
 * Store a batch in one transaction. A known event id is skipped. A refused event keeps its id (so a
 * second copy is a no-op too) and the reason, never its content. Returns how many were new.
 */
export function storeEvents(db: Db, events: readonly StoredEvent[], now: number): number {
  return db.transaction(
    (tx) => {
      let added = 0;
      for (const item of events) {
        const result = tx
          .insert(inbox)
          .values({
            eventId: item.eventId,
            chatKey: item.chatKey,
            type: item.type,
            timestamp: item.timestamp,
            payload: item.refused ? null : JSON.stringify(item.event),
            receivedAt: now,
            ...(item.refused ? { status: 'refused' as const, error: `${item.refused.reason}: ${item.refused.detail}`, processedAt: now } : {}),
          })
          .onConflictDoNothing()
          .run();
        added += result.changes;
      }
      return added;
    },
    { behavior: 'immediate' },
  );
}

export function pendingChatKeys(db: Db): string[] {
  return db
    .selectDistinct({ chatKey: inbox.chatKey })
    .from(inbox)
    .where(eq(inbox.status, 'pending'))
    .all()
    .map((r) => r.chatKey);
}

/** The oldest pending event of one chat (timestamp order; LINE may deliver out of order). */
export function nextPending(db: Db, chatKey: string): InboxRow | undefined {
  return db
    .select()
    .from(inbox)
    .where(and(eq(inbox.chatKey, chatKey), eq(inbox.status, 'pending')))
    .orderBy(asc(inbox.timestamp), asc(inbox.receivedAt), asc(inbox.eventId))
    .limit(1)
    .get();
}

/** Done: the payload (what the user typed) is dropped; the id stays to keep de-duplicating. */
export function markDone(tx: Tx | Db, eventId: string, now: number): void {
  tx.update(inbox).set({ status: 'done', payload: null, processedAt: now }).where(eq(inbox.eventId, eventId)).run();
}

/**
 * Failed: `error` holds the error's name and message; the payload is cut down to what staff need to
 * diagnose — the event and message type and the flow and step the user was at — without what the
 * user typed (names, phones, birth dates). Call it after the failed turn was rolled back, so the
 * conversation row still shows the step where it failed.
 */
export function markFailed(tx: Tx, eventId: string, error: string, now: number): void {
  const row = tx.select({ payload: inbox.payload, chatKey: inbox.chatKey }).from(inbox).where(eq(inbox.eventId, eventId)).get();
  const diagnosis = row ? failureDiagnosis(tx, row.payload, row.chatKey) : null;
  tx.update(inbox)
    .set({ status: 'failed', payload: diagnosis, error: error.slice(0, 500), processedAt: now, attempts: sql`${inbox.attempts} + 1` })
    .where(eq(inbox.eventId, eventId))
    .run();
}

function failureDiagnosis(tx: Tx, payload: string | null, chatKey: string): string {
  let event: { type?: unknown; message?: { type?: unknown } } = {};
  try {
    event = JSON.parse(payload ?? '{}') ?? {};
  } catch {
    // Kept as an empty diagnosis: the type column still says what kind of event it was.
  }
  const conversation = loadConversation(tx, chatKey);
  return JSON.stringify({
    type: typeof event.type === 'string' ? event.type : undefined,
    ...(typeof event.message?.type === 'string' ? { message: { type: event.message.type } } : {}),
    ...(conversation.flowId ? { flow: conversation.flowId, step: conversation.stepId } : {}),
  });
}

/** How many of one chat's events failed since `since` (ms). */
export function recentFailures(tx: Tx | Db, chatKey: string, since: number): number {
  return tx
    .select({ n: sql<number>`COUNT(*)` })
    .from(inbox)
    .where(and(eq(inbox.chatKey, chatKey), eq(inbox.status, 'failed'), gte(inbox.processedAt, since)))
    .get()!.n;
}
