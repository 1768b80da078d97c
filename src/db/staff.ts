// Staff membership: who gets notices and may use staff-only commands.
import { q, type Sql } from './sql';

export async function isStaff(db: Sql, office: string, userId: string): Promise<boolean> {
  return (await db.get(q`SELECT user_id FROM staff WHERE office_id = ${office} AND user_id = ${userId}`)) !== undefined;
}

export async function addStaff(db: Sql, office: string, userId: string, addedBy: 'cli' | 'invite', now: number): Promise<boolean> {
  return (await db.run(q`INSERT INTO staff (office_id, user_id, added_by, added_at) VALUES (${office}, ${userId}, ${addedBy}, ${now}) ON CONFLICT DO NOTHING`)).changes > 0;
}

export async function removeStaff(db: Sql, office: string, userId: string): Promise<boolean> {
  return (await db.run(q`DELETE FROM staff WHERE office_id = ${office} AND user_id = ${userId}`)).changes > 0;
}

export function listStaff(db: Sql, office: string): Promise<{ userId: string; addedBy: string; addedAt: number }[]> {
  return db.all(q`SELECT user_id, added_by, added_at FROM staff WHERE office_id = ${office} ORDER BY added_at`);
}

export async function staffIds(db: Sql, office: string): Promise<string[]> {
  return (await db.all<{ userId: string }>(q`SELECT user_id FROM staff WHERE office_id = ${office} ORDER BY added_at, user_id`)).map((r) => r.userId);
}
