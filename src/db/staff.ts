// Staff membership: who gets notices and may use staff-only commands.
import { q, type Sql } from './sql';

export async function isStaff(db: Sql, userId: string): Promise<boolean> {
  return (await db.get(q`SELECT user_id FROM staff WHERE user_id = ${userId}`)) !== undefined;
}

export async function addStaff(db: Sql, userId: string, addedBy: 'cli' | 'invite', now: number): Promise<boolean> {
  return (await db.run(q`INSERT INTO staff (user_id, added_by, added_at) VALUES (${userId}, ${addedBy}, ${now}) ON CONFLICT DO NOTHING`)).changes > 0;
}

export async function removeStaff(db: Sql, userId: string): Promise<boolean> {
  return (await db.run(q`DELETE FROM staff WHERE user_id = ${userId}`)).changes > 0;
}

export function listStaff(db: Sql): Promise<{ userId: string; addedBy: string; addedAt: number }[]> {
  return db.all(q`SELECT user_id, added_by, added_at FROM staff ORDER BY added_at`);
}

export async function staffIds(db: Sql): Promise<string[]> {
  return (await db.all<{ userId: string }>(q`SELECT user_id FROM staff ORDER BY added_at, user_id`)).map((r) => r.userId);
}
