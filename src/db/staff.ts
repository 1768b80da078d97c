// Staff membership: who gets notices and may use staff-only commands.
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { staff } from './schema';

export function isStaff(tx: Tx | Db, userId: string): boolean {
  return tx.select({ userId: staff.userId }).from(staff).where(eq(staff.userId, userId)).get() !== undefined;
}

export function addStaff(tx: Tx | Db, userId: string, addedBy: 'cli' | 'invite', now: number): boolean {
  return tx.insert(staff).values({ userId, addedBy, addedAt: now }).onConflictDoNothing().run().changes > 0;
}

export function removeStaff(tx: Tx | Db, userId: string): boolean {
  return tx.delete(staff).where(eq(staff.userId, userId)).run().changes > 0;
}

export function listStaff(tx: Tx | Db): { userId: string; addedBy: string; addedAt: number }[] {
  return tx.select().from(staff).orderBy(asc(staff.addedAt)).all();
}

export function staffIds(tx: Tx | Db): string[] {
  return tx.select({ userId: staff.userId }).from(staff).all().map((r) => r.userId);
}
