// Hand-off decisions (issue 12 point 5): open, a villager's message, a staff answer, close. The LINE
// flows (src/flows/handoff.ts) and the staff workspace call these same functions, in the caller's
// transaction. Pushes go through the outbox in that transaction; every staff answer and close is
// audited without the message text. Nothing here logs message text.
import { audit } from '../db/audit';
import type { HandoffRow } from '../db/schema';
import { isIn, q, type Sql } from '../db/sql';
import { staffIds } from '../db/staff';
import { assertValidMessages } from '../line/limits';
import { enqueuePush } from '../notify/outbox';
import { staffForwardMessages, villagerAnswerMessages, villagerClosedMessages } from './messages';
import { eraseHandoffs, findHandoff, forgetForwardWindows, forwardWindow, insertHandoff, insertMessage, markClosed, messagesOf, openHandoffOf, setForwardWindow } from './store';

/**
 * Staff get at most one push per minute per hand-off. The first message goes at once; messages typed
 * within the minute after a push are gathered into one push due when the minute is up, rebuilt while
 * it waits so it holds all of them. A minute because staff read these on their phones: a villager
 * who types a sentence in five bubbles makes one buzz, not five, and waits a minute at most.
 */
export const FORWARD_EVERY_MS = 60_000;

/** The staff-side pushes about a hand-off (withdrawn or blanked on erasure). */
export const staffRef = (handoffId: number) => `handoff:${handoffId}`;
/** The villager-side pushes about a hand-off. */
export const villagerRef = (handoffId: number) => `handoff-villager:${handoffId}`;

export type HandoffResult = { ok: true; handoff: HandoffRow } | { ok: false; reason: 'unknown' | 'closed' };

/** Opens the villager's hand-off with their first message (or adds it to the one already open). */
export async function openHandoff(tx: Sql, office: string, userId: string, text: string, now: Date): Promise<{ handoff: HandoffRow; created: boolean }> {
  const open = await openHandoffOf(tx, office, userId);
  if (open) {
    await addVillagerMessage(tx, office, open, text, now);
    return { handoff: open, created: false };
  }
  const handoff = await insertHandoff(tx, office, userId, now.getTime());
  await insertMessage(tx, office, handoff.id, { author: 'villager', text }, now.getTime());
  await forwardToStaff(tx, office, handoff.id, now, true);
  return { handoff, created: true };
}

/** A villager's message (text, or a marker such as "[รูปภาพ]") in their open hand-off: stored and forwarded. */
export async function addVillagerMessage(tx: Sql, office: string, handoff: HandoffRow, text: string, now: Date): Promise<void> {
  await insertMessage(tx, office, handoff.id, { author: 'villager', text }, now.getTime());
  await forwardToStaff(tx, office, handoff.id, now, false);
}

async function forwardToStaff(tx: Sql, office: string, handoffId: number, now: Date, opened: boolean): Promise<void> {
  const texts = (await messagesOf(tx, office, handoffId)).filter((m) => m.author === 'villager').map((m) => m.text);
  const window = await forwardWindow(tx, office, handoffId);
  const at = now.getTime();
  if (window && at < window.windowStart) {
    // A gathered push is waiting: it now holds this message too.
    const messages = staffForwardMessages(handoffId, texts.slice(window.count), false);
    assertValidMessages(messages);
    const updated = await tx.run(q`
      UPDATE outbox SET messages = ${JSON.stringify(messages)}
      WHERE office_id = ${office} AND ref = ${staffRef(handoffId)} AND purpose = 'handoff-forward' AND due_at = ${window.windowStart} AND status = 'pending'`);
    if (updated.changes > 0) return;
  }
  // Every earlier message is in an earlier push (sent, or due); this one starts the next.
  const from = window ? texts.length - 1 : 0;
  const due = !window || at >= window.windowStart + FORWARD_EVERY_MS ? at : window.windowStart + FORWARD_EVERY_MS;
  const messages = staffForwardMessages(handoffId, texts.slice(from), opened);
  for (const staffId of await staffIds(tx, office)) {
    await enqueuePush(
      tx,
      office,
      { to: staffId, messages, purpose: 'handoff-forward', dueAt: due, ref: staffRef(handoffId), dedupeKey: `handoff:${handoffId}:${due}:${staffId}` },
      at,
    );
  }
  await setForwardWindow(tx, office, handoffId, { windowStart: due, count: from });
}

/** A staff member's answer: stored, pushed to the villager, audited (without the text). */
export async function answerHandoff(tx: Sql, office: string, handoffId: number, staffUserId: string, text: string, now: Date): Promise<HandoffResult> {
  const handoff = await findHandoff(tx, office, handoffId);
  if (!handoff) return { ok: false, reason: 'unknown' };
  if (handoff.closedAt !== null) return { ok: false, reason: 'closed' };
  await insertMessage(tx, office, handoffId, { author: 'staff', staffUserId, text }, now.getTime());
  await enqueuePush(tx, office, { to: handoff.userId, messages: villagerAnswerMessages(text), purpose: 'handoff-answer', dueAt: now.getTime(), ref: villagerRef(handoffId) }, now.getTime());
  await audit(tx, office, { actor: staffUserId, action: 'handoff.answer', target: `handoff:${handoffId}` }, now.getTime());
  return { ok: true, handoff };
}

/**
 * Closes a hand-off: by a staff member (the villager gets a push and the menu; audited), by the
 * villager ('villager': they are answered in their own turn), or by the system ('system': idle).
 */
export async function closeHandoff(tx: Sql, office: string, handoffId: number, closedBy: string, now: Date): Promise<HandoffResult> {
  const handoff = await findHandoff(tx, office, handoffId);
  if (!handoff) return { ok: false, reason: 'unknown' };
  if (!(await markClosed(tx, office, handoffId, closedBy, now.getTime()))) return { ok: false, reason: 'closed' };
  await forgetForwardWindows(tx, office, [handoffId]);
  if (closedBy !== 'villager' && closedBy !== 'system') {
    await enqueuePush(tx, office, { to: handoff.userId, messages: villagerClosedMessages(), purpose: 'handoff-closed', dueAt: now.getTime(), ref: villagerRef(handoffId) }, now.getTime());
    await audit(tx, office, { actor: closedBy, action: 'handoff.close', target: `handoff:${handoffId}` }, now.getTime());
  }
  return { ok: true, handoff };
}

/** ลบข้อมูลของฉัน: the villager's hand-offs and messages go; staff pushes quoting them are withdrawn or blanked. */
export async function eraseHandoffsOf(tx: Sql, office: string, userId: string): Promise<void> {
  const refs = (await eraseHandoffs(tx, office, userId)).map(staffRef);
  if (refs.length === 0) return;
  await tx.run(q`UPDATE outbox SET status = 'cancelled', dedupe_key = NULL WHERE office_id = ${office} AND ref ${isIn(refs)} AND status = 'pending'`);
  await tx.run(q`UPDATE outbox SET messages = '[]' WHERE office_id = ${office} AND ref ${isIn(refs)} AND status IN ('sent', 'failed', 'cancelled')`);
}
