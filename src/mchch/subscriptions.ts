// "Tell me when the next มชช. round opens" (mchch_subscriptions): one row per person and office.
// `after_round` is the round that had already opened when they asked (open, closed or past), so the
// round open now never counts as "the next"; `notified_round` the round they were told about. A
// subscription is one promise: once told, the row stays as the record of it and nothing more is sent
// until the person asks again (which starts a new wait). Erasure (ลบข้อมูลของฉัน) deletes the row.
import type { MchchSubscriptionRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import type { MchchRound, MchchSettings } from '../office/mchch-settings';

/** The latest round that has opened by `date` (open now, closed or past): what "the next" comes after. */
export function roundStartedBy(settings: Pick<MchchSettings, 'rounds'>, date: string): MchchRound | undefined {
  return settings.rounds
    .filter((round) => round.opens <= date)
    .reduce<MchchRound | undefined>((best, round) => (best === undefined || round.opens > best.opens ? round : best), undefined);
}

/** Record (or renew) the person's wish; asking twice keeps one row. */
export async function subscribe(tx: Sql, office: string, userId: string, afterRound: string | undefined, now: number): Promise<void> {
  await tx.run(q`
    INSERT INTO mchch_subscriptions (office_id, user_id, created_at, after_round, notified_round, notified_at)
    VALUES (${office}, ${userId}, ${now}, ${afterRound ?? null}, NULL, NULL)
    ON CONFLICT (office_id, user_id) DO UPDATE SET created_at = ${now}, after_round = ${afterRound ?? null}, notified_round = NULL, notified_at = NULL`);
}

/** Returns whether there was a subscription to cancel. */
export async function unsubscribe(tx: Sql, office: string, userId: string): Promise<boolean> {
  return (await tx.run(q`DELETE FROM mchch_subscriptions WHERE office_id = ${office} AND user_id = ${userId}`)).changes > 0;
}

export function subscriptionOf(db: Sql, office: string, userId: string): Promise<MchchSubscriptionRow | undefined> {
  return db.get<MchchSubscriptionRow>(q`SELECT * FROM mchch_subscriptions WHERE office_id = ${office} AND user_id = ${userId}`);
}

/** Subscribers still waiting, who did not ask while `roundId` was already open (at most `limit`). */
export function waitingFor(tx: Sql, office: string, roundId: string, limit: number): Promise<MchchSubscriptionRow[]> {
  return tx.all<MchchSubscriptionRow>(q`
    SELECT * FROM mchch_subscriptions
    WHERE office_id = ${office} AND notified_round IS NULL AND (after_round IS NULL OR after_round <> ${roundId})
    ORDER BY created_at, user_id LIMIT ${limit}`);
}

export async function markNotified(tx: Sql, office: string, userId: string, roundId: string, now: number): Promise<void> {
  await tx.run(q`UPDATE mchch_subscriptions SET notified_round = ${roundId}, notified_at = ${now} WHERE office_id = ${office} AND user_id = ${userId}`);
}

/** The eraser of ลบข้อมูลของฉัน (src/db/personal-data.ts). */
export async function eraseMchchSubscription(tx: Sql, office: string, userId: string): Promise<void> {
  await unsubscribe(tx, office, userId);
}
