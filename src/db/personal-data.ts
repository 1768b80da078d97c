// Everything the service holds about one user, and how to erase it (PDPA right to erasure).
// Each part of the house that stores personal data adds its eraser to the list below.
import { eraseAttachments } from '../attachments/store';
import { eraseVisitor } from '../booking/actions';
import { eraseGroupApplicant } from '../groups/retention';
import { GROUP_KIND } from '../groups/store';
import { MCHCH_KIND } from '../mchch/store';
import { eraseMchchSubscription } from '../mchch/subscriptions';
import { eraseEligibilityChecks } from './eligibility';
import { eraseHandoffsOf } from '../handoff/actions';
import { q, type Sql } from './sql';

export type Eraser = (tx: Sql, office: string, userId: string, now: Date) => Promise<unknown>;

const erasers: readonly Eraser[] = [
  // Bookings: upcoming visits are cancelled (place freed, staff told), names and phones blanked.
  eraseVisitor,
  eraseEligibilityChecks,
  // Cases: never-sent group and มชช. drafts deleted; the office's other cases keep their data, lose the LINE link.
  (tx, office, userId) => eraseGroupApplicant(tx, office, userId, [GROUP_KIND, MCHCH_KIND]),
  // มชช.: "tell me when the next round opens".
  (tx, office, userId) => eraseMchchSubscription(tx, office, userId),
  // Photos and files: the rows now, their content after the commit once no other row refers to it
  // (the app's afterErasure sweeps).
  (tx, office, userId) => eraseAttachments(tx, office, userId),
  // Hand-offs: the villager's hand-offs and their messages, and the staff pushes that quoted them.
  (tx, office, userId) => eraseHandoffsOf(tx, office, userId),
  // Webhook payloads hold what the user typed; keep only the event ids for de-duplication.
  (tx, office, userId) => tx.run(q`UPDATE inbox SET payload = NULL, error = NULL WHERE office_id = ${office} AND chat_key = ${userId}`),
  // Unsent pushes are cancelled; sent ones lose their content.
  (tx, office, userId) =>
    tx.run(q`UPDATE outbox SET status = 'cancelled', dedupe_key = NULL WHERE office_id = ${office} AND "to" = ${userId} AND status = 'pending'`),
  (tx, office, userId) => tx.run(q`UPDATE outbox SET messages = '[]' WHERE office_id = ${office} AND "to" = ${userId} AND status IN ('sent', 'failed', 'cancelled')`),
];

/** Erase the user's data in the caller's transaction. The conversation row is reset by the engine. */
export async function eraseUserData(tx: Sql, office: string, userId: string, now: Date): Promise<void> {
  for (const erase of erasers) await erase(tx, office, userId, now);
}
