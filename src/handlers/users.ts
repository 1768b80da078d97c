// Remembering who follows the bot and who has blocked it.
import { q, type Sql } from '../db/sql';

export async function markActive(tx: Sql, office: string, userId: string, now: number, followed = false): Promise<void> {
  if (followed) {
    await tx.run(q`
      INSERT INTO users (office_id, user_id, status, created_at, followed_at) VALUES (${office}, ${userId}, 'active', ${now}, ${now})
      ON CONFLICT (office_id, user_id) DO UPDATE SET status = 'active', followed_at = ${now}, blocked_at = NULL`);
  } else {
    await tx.run(q`
      INSERT INTO users (office_id, user_id, status, created_at) VALUES (${office}, ${userId}, 'active', ${now})
      ON CONFLICT (office_id, user_id) DO UPDATE SET status = 'active', blocked_at = NULL`);
  }
}

export async function markBlocked(tx: Sql, office: string, userId: string, now: number): Promise<void> {
  await tx.run(q`
    INSERT INTO users (office_id, user_id, status, created_at, blocked_at) VALUES (${office}, ${userId}, 'blocked', ${now}, ${now})
    ON CONFLICT (office_id, user_id) DO UPDATE SET status = 'blocked', blocked_at = ${now}`);
}

export async function isBlocked(tx: Sql, office: string, userId: string): Promise<boolean> {
  return (await tx.get<{ status: string }>(q`SELECT status FROM users WHERE office_id = ${office} AND user_id = ${userId}`))?.status === 'blocked';
}
