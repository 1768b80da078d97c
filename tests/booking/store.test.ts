// The booking table's guarded statements, called directly: a place is taken only while one is free,
// a move only into a slot with room, a cancel only of the owner's visit that has not begun; and a
// reference code that happens to be drawn twice is drawn again instead of failing the booking.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slotsForDay, type Slot } from '../../src/booking/schedule';
import { cancelBooking, insertBooking, moveBooking, newBookingCode, placesTakenByDay, slotCountKey } from '../../src/booking/store';
import { openDatabase, type Db, type Tx } from '../../src/db/client';
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

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  draws.queue.length = 0;
});
afterEach(() => db.$client.close());

const inTx = <T>(fn: (tx: Tx) => T): T => db.transaction(fn, { behavior: 'immediate' });

describe('insertBooking', () => {
  it('takes places up to the capacity and no further', () => {
    const nine = slot('elderly', '09:00');
    expect(inTx((tx) => insertBooking(tx, nine, visitor('U1'), NOW))).toMatchObject({ slotStart: '09:00', status: 'booked' });
    expect(inTx((tx) => insertBooking(tx, nine, visitor('U2'), NOW))).toBeDefined();
    expect(inTx((tx) => insertBooking(tx, nine, visitor('U3'), NOW))).toBeUndefined();
    expect(placesTakenByDay(db, 'elderly', '2026-11-24', '2026-11-24').get(slotCountKey('2026-11-24', '09:00'))).toBe(2);
  });

  it('a cancelled place is free again', () => {
    const nine = slot('disability', '09:00');
    const first = inTx((tx) => insertBooking(tx, nine, visitor('U1'), NOW))!;
    expect(inTx((tx) => cancelBooking(tx, first.id, 'U1', NOW))).toMatchObject({ status: 'cancelled' });
    expect(inTx((tx) => insertBooking(tx, nine, visitor('U2'), NOW))).toBeDefined();
  });

  it('draws a new code when the first one is already taken', () => {
    const sameDraws = [0, 0, 0, 0, 0, 0];
    draws.queue.push(...sameDraws);
    const first = inTx((tx) => insertBooking(tx, slot('elderly', '09:00'), visitor('U1'), NOW))!;
    draws.queue.push(...sameDraws);
    const second = inTx((tx) => insertBooking(tx, slot('elderly', '09:15'), visitor('U2'), NOW))!;
    expect(first.code).toBe('100000');
    expect(second.code).not.toBe('100000');
  });

  it('codes are six digits an elder can read aloud, never starting with 0 (a spreadsheet would drop it)', () => {
    for (let i = 0; i < 200; i++) expect(newBookingCode()).toMatch(/^[1-9]\d{5}$/);
  });
});

describe('moveBooking', () => {
  it('moves only into a slot with room', () => {
    const mine = inTx((tx) => insertBooking(tx, slot('disability', '09:00'), visitor('U1'), NOW))!;
    inTx((tx) => insertBooking(tx, slot('disability', '10:00'), visitor('U2'), NOW));
    expect(inTx((tx) => moveBooking(tx, mine.id, slot('disability', '10:00'), NOW))).toBe(false);
    expect(inTx((tx) => moveBooking(tx, mine.id, slot('disability', '10:15'), NOW))).toBe(true);
  });

  it('does not move a cancelled visit, nor into another service', () => {
    const mine = inTx((tx) => insertBooking(tx, slot('elderly', '09:00'), visitor('U1'), NOW))!;
    expect(inTx((tx) => moveBooking(tx, mine.id, slot('disability', '10:00'), NOW))).toBe(false);
    inTx((tx) => cancelBooking(tx, mine.id, 'U1', NOW));
    expect(inTx((tx) => moveBooking(tx, mine.id, slot('elderly', '10:00'), NOW))).toBe(false);
  });
});

describe('cancelBooking', () => {
  it('only the owner, only before the visit begins, only once', () => {
    const mine = inTx((tx) => insertBooking(tx, slot('elderly', '09:00'), visitor('U1'), NOW))!;
    expect(inTx((tx) => cancelBooking(tx, mine.id, 'U2', NOW))).toBeUndefined();
    expect(inTx((tx) => cancelBooking(tx, mine.id, 'U1', mine.startsAt))).toBeUndefined();
    expect(inTx((tx) => cancelBooking(tx, mine.id, 'U1', NOW))).toMatchObject({ status: 'cancelled', cancelledAt: NOW });
    expect(inTx((tx) => cancelBooking(tx, mine.id, 'U1', NOW))).toBeUndefined();
  });
});
