// Hand-offs (issue 12): a villager talking to a person. The rows, read and written in the caller's
// transaction. Message text is personal data: never logged, kept by the retention rules, erased with
// the villager (src/db/retention.ts, src/db/personal-data.ts).
import type { HandoffMessageRow, HandoffRow } from '../db/schema';
import { q, type Sql } from '../db/sql';

/** The villager's open hand-off, if any (one at most: openHandoff reuses it). */
export function openHandoffOf(db: Sql, office: string, userId: string): Promise<HandoffRow | undefined> {
  return db.get<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${office} AND user_id = ${userId} AND closed_at IS NULL ORDER BY id DESC LIMIT 1`);
}

export function findHandoff(db: Sql, office: string, id: number): Promise<HandoffRow | undefined> {
  return db.get<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${office} AND id = ${id}`);
}

export async function insertHandoff(db: Sql, office: string, userId: string, now: number): Promise<HandoffRow> {
  return (await db.get<HandoffRow>(q`
    INSERT INTO handoffs (office_id, user_id, opened_at, last_message_at) VALUES (${office}, ${userId}, ${now}, ${now}) RETURNING *`))!;
}

export async function insertMessage(
  db: Sql,
  office: string,
  handoffId: number,
  message: { author: 'villager' | 'staff'; staffUserId?: string; text: string },
  now: number,
): Promise<void> {
  await db.run(q`
    INSERT INTO handoff_messages (office_id, handoff_id, at, author, staff_user_id, text)
    VALUES (${office}, ${handoffId}, ${now}, ${message.author}, ${message.staffUserId ?? null}, ${message.text})`);
  await db.run(q`UPDATE handoffs SET last_message_at = ${now} WHERE office_id = ${office} AND id = ${handoffId}`);
}

export function messagesOf(db: Sql, office: string, handoffId: number): Promise<HandoffMessageRow[]> {
  return db.all<HandoffMessageRow>(q`SELECT * FROM handoff_messages WHERE office_id = ${office} AND handoff_id = ${handoffId} ORDER BY at, id`);
}

/** Closes an open hand-off; false when it was closed already (a second press, another staff member). */
export async function markClosed(db: Sql, office: string, handoffId: number, closedBy: string, now: number): Promise<boolean> {
  return (await db.run(q`UPDATE handoffs SET closed_at = ${now}, closed_by = ${closedBy} WHERE office_id = ${office} AND id = ${handoffId} AND closed_at IS NULL`)).changes > 0;
}

/** The forwarding throttle of one hand-off (throttles table): see actions.ts, forwardToStaff. */
export interface ForwardWindow {
  /** When the latest push to staff about this hand-off is (or was) due. */
  windowStart: number;
  /** How many of the villager's messages had been forwarded before that push. */
  count: number;
}

const forwardKey = (handoffId: number) => `handoff-forward:${handoffId}`;

export function forwardWindow(db: Sql, office: string, handoffId: number): Promise<ForwardWindow | undefined> {
  return db.get<ForwardWindow>(q`SELECT window_start, count FROM throttles WHERE office_id = ${office} AND key = ${forwardKey(handoffId)}`);
}

export async function setForwardWindow(db: Sql, office: string, handoffId: number, window: ForwardWindow): Promise<void> {
  await db.run(q`
    INSERT INTO throttles (office_id, key, window_start, count) VALUES (${office}, ${forwardKey(handoffId)}, ${window.windowStart}, ${window.count})
    ON CONFLICT (office_id, key) DO UPDATE SET window_start = ${window.windowStart}, count = ${window.count}`);
}

export async function forgetForwardWindows(db: Sql, office: string, handoffIds: readonly number[]): Promise<void> {
  for (const id of handoffIds) await db.run(q`DELETE FROM throttles WHERE office_id = ${office} AND key = ${forwardKey(id)}`);
}

/** Erasure: every hand-off of the villager and its messages. Returns the ids (their pushes are withdrawn too). */
export async function eraseHandoffs(db: Sql, office: string, userId: string): Promise<number[]> {
  const ids = (await db.all<{ id: number }>(q`SELECT id FROM handoffs WHERE office_id = ${office} AND user_id = ${userId}`)).map((r) => r.id);
  for (const id of ids) {
    await db.run(q`DELETE FROM handoff_messages WHERE office_id = ${office} AND handoff_id = ${id}`);
    await db.run(q`DELETE FROM handoffs WHERE office_id = ${office} AND id = ${id}`);
  }
  await forgetForwardWindows(db, office, ids);
  return ids;
}
