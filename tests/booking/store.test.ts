// The booking table's guarded statements, called directly: a place is taken only while one is free,
// a move only into a slot with room, a cancel only of the owner's visit that has not begun; and a
// reference code that happens to be drawn twice is drawn again instead of failing the booking.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slotsForDay, type Slot } from '../../src/booking/schedule';
import { cancelBooking, insertBooking, moveBooking, newBookingCode, placesTakenByDay, slotCountKey } from '../../src/booking/store';
import type { Database, Sql } from '../../src/db/sql';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile } from '../../src/office/profile';

const draws = vi.hoisted(() => ({ queue: [] as number[] }));
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  return { ...crypto, randomInt: (max: number) => (draws.queue.length > 0 ? draws.queue.shift()! : crypto.randomInt(max)) };
});

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const NOW = Date.parse('2026-11-23T03:00:00Z');
const slot = (serviceId: 'elderly' | 'disability', start: string): Slot => slotsForDay(office, serviceId, '2026-11-24').find((s) => s.start === start)!;
const visitor = (userId: string) => ({ userId, name: 'สมศรี ใจดี', phone: '0812345678' });

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  draws.queue.length = 0;
});
afterEach(() => db.close());

const inTx = <T>(fn: (tx: Sql) => Promise<T>): Promise<T> => db.transaction(fn);

describe('insertBooking', () => {
  it('takes places up to the capacity and no further', async () => {
    const nine = slot('elderly', '09:00');
    expect(await inTx((tx) => insertBooking(tx, 'default', nine, visitor('U1'), NOW))).toMatchObject({ slotStart: '09:00', status: 'booked' });
    expect(await inTx((tx) => insertBooking(tx, 'default', nine, visitor('U2'), NOW))).toBeDefined();
    expect(await inTx((tx) => insertBooking(tx, 'default', nine, visitor('U3'), NOW))).toBeUndefined();
    expect((await placesTakenByDay(db, 'default', 'elderly', '2026-11-24', '2026-11-24')).get(slotCountKey('2026-11-24', '09:00'))).toBe(2);
  });

  it('a cancelled place is free again', async () => {
    const nine = slot('disability', '09:00');
    const first = (await inTx((tx) => insertBooking(tx, 'default', nine, visitor('U1'), NOW)))!;
    expect(await inTx((tx) => cancelBooking(tx, 'default', first.id, 'U1', NOW))).toMatchObject({ status: 'cancelled' });
    expect(await inTx((tx) => insertBooking(tx, 'default', nine, visitor('U2'), NOW))).toBeDefined();
  });

  it('draws a new code when the first one is already taken', async () => {
    const sameDraws = [0, 0, 0, 0, 0, 0];
    draws.queue.push(...sameDraws);
    const first = (await inTx((tx) => insertBooking(tx, 'default', slot('elderly', '09:00'), visitor('U1'), NOW)))!;
    draws.queue.push(...sameDraws);
    const second = (await inTx((tx) => insertBooking(tx, 'default', slot('elderly', '09:15'), visitor('U2'), NOW)))!;
    expect(first.code).toBe('100000');
    expect(second.code).not.toBe('100000');
  });

  it('codes are six digits an elder can read aloud, never starting with 0 (a spreadsheet would drop it)', async () => {
    for (let i = 0; i < 200; i++) expect(newBookingCode()).toMatch(/^[1-9]\d{5}$/);
  });
});

describe('moveBooking', () => {
  it('moves only into a slot with room', async () => {
    const mine = (await inTx((tx) => insertBooking(tx, 'default', slot('disability', '09:00'), visitor('U1'), NOW)))!;
    await inTx((tx) => insertBooking(tx, 'default', slot('disability', '10:00'), visitor('U2'), NOW));
    expect(await inTx((tx) => moveBooking(tx, 'default', mine.id, slot('disability', '10:00'), NOW))).toBe(false);
    expect(await inTx((tx) => moveBooking(tx, 'default', mine.id, slot('disability', '10:15'), NOW))).toBe(true);
  });

  it('does not move a cancelled visit, nor into another service', async () => {
    const mine = (await inTx((tx) => insertBooking(tx, 'default', slot('elderly', '09:00'), visitor('U1'), NOW)))!;
    expect(await inTx((tx) => moveBooking(tx, 'default', mine.id, slot('disability', '10:00'), NOW))).toBe(false);
    await inTx((tx) => cancelBooking(tx, 'default', mine.id, 'U1', NOW));
    expect(await inTx((tx) => moveBooking(tx, 'default', mine.id, slot('elderly', '10:00'), NOW))).toBe(false);
  });
});

describe('cancelBooking', () => {
  it('only the owner, only before the visit begins, only once', async () => {
    const mine = (await inTx((tx) => insertBooking(tx, 'default', slot('elderly', '09:00'), visitor('U1'), NOW)))!;
    expect(await inTx((tx) => cancelBooking(tx, 'default', mine.id, 'U2', NOW))).toBeUndefined();
    expect(await inTx((tx) => cancelBooking(tx, 'default', mine.id, 'U1', mine.startsAt))).toBeUndefined();
    expect(await inTx((tx) => cancelBooking(tx, 'default', mine.id, 'U1', NOW))).toMatchObject({ status: 'cancelled', cancelledAt: NOW });
    expect(await inTx((tx) => cancelBooking(tx, 'default', mine.id, 'U1', NOW))).toBeUndefined();
  });
});
