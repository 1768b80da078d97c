// Remembering who follows the bot and who has blocked it.
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { users } from '../db/schema';

export function markActive(tx: Tx, userId: string, now: number, followed = false): void {
  tx.insert(users)
    .values({ userId, status: 'active', createdAt: now, followedAt: followed ? now : null })
    .onConflictDoUpdate({
      target: users.userId,
      set: followed ? { status: 'active', followedAt: now, blockedAt: null } : { status: 'active', blockedAt: null },
    })
    .run();
}

export function markBlocked(tx: Tx, userId: string, now: number): void {
  tx.insert(users)
    .values({ userId, status: 'blocked', createdAt: now, blockedAt: now })
    .onConflictDoUpdate({ target: users.userId, set: { status: 'blocked', blockedAt: now } })
    .run();
}

export function isBlocked(tx: Tx, userId: string): boolean {
  return tx.select({ status: users.status }).from(users).where(eq(users.userId, userId)).get()?.status === 'blocked';
}
