// Everything the service holds about one user, and how to erase it (PDPA right to erasure).
// Each part of the house that stores personal data adds its eraser to the list below.
import { and, eq, inArray } from 'drizzle-orm';
import { eraseVisitor } from '../booking/actions';
import type { Tx } from './client';
import { eraseEligibilityChecks } from './eligibility';
import { inbox, outbox } from './schema';

export type Eraser = (tx: Tx, userId: string, now: Date) => void;

const erasers: readonly Eraser[] = [
  // Bookings: upcoming visits are cancelled (place freed, staff told), names and phones blanked.
  eraseVisitor,
  eraseEligibilityChecks,
  // Webhook payloads hold what the user typed; keep only the event ids for de-duplication.
  (tx, userId) => tx.update(inbox).set({ payload: null, error: null }).where(eq(inbox.chatKey, userId)).run(),
  // Unsent pushes are cancelled; sent ones lose their content.
  (tx, userId) =>
    tx.update(outbox).set({ status: 'cancelled', dedupeKey: null }).where(and(eq(outbox.to, userId), inArray(outbox.status, ['pending']))).run(),
  (tx, userId) => tx.update(outbox).set({ messages: '[]' }).where(and(eq(outbox.to, userId), inArray(outbox.status, ['sent', 'failed', 'cancelled']))).run(),
];

/** Erase the user's data in the caller's transaction. The conversation row is reset by the engine. */
export function eraseUserData(tx: Tx, userId: string, now: Date): void {
  for (const erase of erasers) erase(tx, userId, now);
}
