// The inbox: webhook events stored before LINE hears 200, and the queries the per-user queue needs.
import type { webhook } from '@line/bot-sdk';
import { loadConversation } from './conversations';
import type { InboxRow } from './schema';
import { q, type Sql } from './sql';

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
export function storeEvents(db: Sql, office: string, events: readonly StoredEvent[], now: number): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const item of events) {
      const payload = item.refused ? null : JSON.stringify(item.event);
      const status = item.refused ? 'refused' : 'pending';
      const error = item.refused ? `${item.refused.reason}: ${item.refused.detail}` : null;
      const processedAt = item.refused ? now : null;
      const result = await tx.run(q`
        INSERT INTO inbox (event_id, office_id, chat_key, type, timestamp, payload, status, error, received_at, processed_at)
        VALUES (${item.eventId}, ${office}, ${item.chatKey}, ${item.type}, ${item.timestamp}, ${payload}, ${status}, ${error}, ${now}, ${processedAt})
        ON CONFLICT DO NOTHING`);
      added += result.changes;
    }
    return added;
  });
}

/** One office's chat: the dispatcher's queue key (the same LINE user in two offices is two chats). */
export interface ChatRef {
  officeId: string;
  chatKey: string;
}

/** A chat as one string (map keys, sets). */
export function chatId(chat: ChatRef): string {
  return `${chat.officeId}\u0000${chat.chatKey}`;
}

/**
 * Cross-office on purpose (start-up and the sweep): every office's chats with events still to
 * handle, received before `receivedBefore` (the sweep's "left waiting").
 */
export function pendingChatKeys(db: Sql, receivedBefore = Number.MAX_SAFE_INTEGER): Promise<ChatRef[]> {
  return db.all<ChatRef>(q`SELECT DISTINCT office_id, chat_key FROM inbox WHERE status = 'pending' AND received_at < ${receivedBefore}`);
}

/**
 * Inside a turn's transaction, before reading the chat's next event: one chat's turns run one at a
 * time, whichever instance runs them. PostgreSQL: a transaction-scoped advisory lock on the chat,
 * let go at commit or rollback; SQLite: nothing to do, the single writer already is the lock.
 */
export async function lockChat(tx: Sql, office: string, chatKey: string): Promise<void> {
  if (tx.dialect === 'sqlite') return;
  await tx.get(q`SELECT pg_advisory_xact_lock(hashtextextended(CAST(${office} AS text) || ':' || CAST(${chatKey} AS text), 0)) AS locked`);
}

/** The oldest pending event of one chat (timestamp order; LINE may deliver out of order). */
export function nextPending(db: Sql, office: string, chatKey: string): Promise<InboxRow | undefined> {
  return db.get<InboxRow>(q`
    SELECT * FROM inbox WHERE office_id = ${office} AND chat_key = ${chatKey} AND status = 'pending'
    ORDER BY timestamp, received_at, event_id LIMIT 1`);
}

/** Still pending, to be tried again from `retryAt` (ms): the attempt is counted and its error kept. */
export async function retryLater(db: Sql, office: string, eventId: string, retryAt: number, error: string): Promise<void> {
  await db.run(q`
    UPDATE inbox SET attempts = attempts + 1, retry_at = ${retryAt}, error = ${error.slice(0, 500)}
    WHERE office_id = ${office} AND event_id = ${eventId} AND status = 'pending'`);
}

/** Done: the payload (what the user typed) is dropped; the id stays to keep de-duplicating. */
export async function markDone(tx: Sql, office: string, eventId: string, now: number): Promise<void> {
  await tx.run(q`UPDATE inbox SET status = 'done', payload = NULL, processed_at = ${now} WHERE office_id = ${office} AND event_id = ${eventId}`);
}

/**
 * Failed: `error` holds the error's name and message; the payload is cut down to what staff need to
 * diagnose — the event and message type and the flow and step the user was at — without what the
 * user typed (names, phones, birth dates). Call it after the failed turn was rolled back, so the
 * conversation row still shows the step where it failed.
 */
export async function markFailed(tx: Sql, office: string, eventId: string, error: string, now: number): Promise<void> {
  const row = await tx.get<{ payload: string | null; chatKey: string }>(q`
    SELECT payload, chat_key FROM inbox WHERE office_id = ${office} AND event_id = ${eventId}`);
  const diagnosis = row ? await failureDiagnosis(tx, office, row.payload, row.chatKey) : null;
  await tx.run(q`
    UPDATE inbox SET status = 'failed', payload = ${diagnosis}, error = ${error.slice(0, 500)}, processed_at = ${now}, attempts = attempts + 1
    WHERE office_id = ${office} AND event_id = ${eventId}`);
}

async function failureDiagnosis(tx: Sql, office: string, payload: string | null, chatKey: string): Promise<string> {
  let event: { type?: unknown; message?: { type?: unknown } } = {};
  try {
    event = JSON.parse(payload ?? '{}') ?? {};
  } catch {
    // Kept as an empty diagnosis: the type column still says what kind of event it was.
  }
  const conversation = await loadConversation(tx, office, chatKey);
  return JSON.stringify({
    type: typeof event.type === 'string' ? event.type : undefined,
    ...(typeof event.message?.type === 'string' ? { message: { type: event.message.type } } : {}),
    ...(conversation.flowId ? { flow: conversation.flowId, step: conversation.stepId } : {}),
  });
}

/** How many of one chat's events failed since `since` (ms). */
export async function recentFailures(tx: Sql, office: string, chatKey: string, since: number): Promise<number> {
  const row = await tx.get<{ n: number }>(q`
    SELECT COUNT(*) AS n FROM inbox WHERE office_id = ${office} AND chat_key = ${chatKey} AND status = 'failed' AND processed_at >= ${since}`);
  return Number(row?.n ?? 0);
}
