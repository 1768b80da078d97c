// The bot processes sharing one database. Each beats every few seconds; one whose beat is older than
// STALE_AFTER_MS (or that never beat) is taken for dead, and a live instance takes back its outbox
// claims (notify/outbox.ts). Deployment-level: no office here — an instance serves every office.
import { q, type Sql } from './sql';

/** How often an instance beats. */
export const HEARTBEAT_MS = 5_000;
/** No beat for this long and the instance counts as gone (several missed beats, not one slow one). */
export const STALE_AFTER_MS = 20_000;
/** A gone instance's row is forgotten after a day (its claims were taken back long before). */
const FORGET_AFTER_MS = 86_400_000;

/** This instance is alive at `now` (its first beat records when it started). */
export async function beat(db: Sql, id: string, startedAt: number, now: number): Promise<void> {
  await db.run(q`
    INSERT INTO instances (id, started_at, heartbeat_at) VALUES (${id}, ${startedAt}, ${now})
    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`);
  await db.run(q`DELETE FROM instances WHERE heartbeat_at < ${now - FORGET_AFTER_MS}`);
}
