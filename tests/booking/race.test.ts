// Capacity under real contention: several processes open the same database (file or PostgreSQL schema) and fire bookings
// (and moves) at the last places at the same moment. Each slot ends with exactly its capacity, every
// "booked" a worker was told is a row in the table, and a move that loses keeps its old place.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookVisit } from '../../src/booking/actions';
import { slotsForDay } from '../../src/booking/schedule';
import type { BookingRow } from '../../src/db/schema';
import { q, type Database } from '../../src/db/sql';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile } from '../../src/office/profile';
import { tempDbFile } from '../support/harness';
import type { RaceOp } from './race-worker';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'race-worker.ts');
const NOW = '2026-11-23T03:00:00Z';
const DAY = '2026-11-24';
const WORKERS = 6;
const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);

let file: string;
let db: Database;
beforeEach(async () => {
  file = newTestDatabaseName(tempDbFile);
  db = await openTestDatabase(file);
});
afterEach(() => db.close());

interface Worker {
  ready: Promise<void>;
  done: Promise<boolean[]>;
  go(): void;
}

function startWorker(plan: RaceOp[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file, NOW, JSON.stringify(plan)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const done = new Promise<boolean[]>((resolve, reject) => {
    lines.on('line', (line) => (line === 'ready' ? readyResolve() : resolve(JSON.parse(line) as boolean[])));
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`race worker exited with ${code}`))));
  });
  return { ready, done, go: () => child.stdin!.write('go\n') };
}

/** Runs the plans in parallel processes, all released at the same moment; returns each op's outcome. */
async function race(plans: RaceOp[][]): Promise<boolean[][]> {
  const workers = plans.map(startWorker);
  await Promise.all(workers.map((w) => w.ready));
  workers.forEach((w) => w.go());
  return Promise.all(workers.map((w) => w.done));
}

function bookedAt(serviceId: string, start: string): Promise<BookingRow[]> {
  return db.all<BookingRow>(q`SELECT * FROM bookings WHERE service_id = ${serviceId} AND slot_date = ${DAY} AND slot_start = ${start} AND status = 'booked'`);
}

async function bookDirectly(userId: string, serviceId: 'elderly' | 'disability', start: string): Promise<BookingRow> {
  const slot = slotsForDay(office, serviceId, DAY).find((s) => s.start === start)!;
  const result = await db.transaction((tx) => bookVisit(tx, office, slot, { userId, name: 'ผู้จองก่อน', phone: '0812345678' }, new Date(NOW)));
  if (!result.ok) throw new Error('setup booking failed');
  return result.booking;
}

describe('parallel bookings from several processes', () => {
  it('fill the last places exactly to capacity, never over', async () => {
    // Five elderly slots (two counters each), one place already taken in each: five places left.
    const starts = ['09:00', '09:15', '09:30', '09:45', '10:00'];
    for (const [i, start] of starts.entries()) await bookDirectly(`Uearly${i}`, 'elderly', start);
    const plans = Array.from({ length: WORKERS }, (_, w) =>
      starts.flatMap((start) => Array.from({ length: 4 }, (_, n) => ({ op: 'book' as const, userId: `Uw${w}n${n}`, serviceId: 'elderly' as const, date: DAY, start }))),
    );
    const outcomes = (await race(plans)).flat();

    for (const start of starts) expect(await bookedAt('elderly', start), start).toHaveLength(2);
    expect(outcomes.filter(Boolean)).toHaveLength(starts.length); // each success is a real row
    expect(outcomes).toHaveLength(WORKERS * starts.length * 4);
  });

  it('a move racing new bookings for the last place cannot exceed it, and a losing move keeps its place', async () => {
    // เบี้ยความพิการ has one counter. Each target slot is raced by three moves and three new bookings.
    const targets = ['10:00', '10:15', '10:30', '10:45'];
    const homes = ['13:00', '13:15', '13:30', '13:45', '14:00', '14:15', '14:30', '14:45', '15:00', '15:15', '15:30', '15:45'];
    const movers: BookingRow[] = [];
    for (const [i, start] of homes.entries()) movers.push(await bookDirectly(`Umover${i}`, 'disability', start));
    const ops: RaceOp[] = targets.flatMap((start, t) => [
      ...movers.slice(t * 3, t * 3 + 3).map((b) => ({ op: 'move' as const, bookingId: b.id, userId: b.userId, serviceId: 'disability' as const, date: DAY, start })),
      ...[0, 1, 2].map((n) => ({ op: 'book' as const, userId: `Unew${t}${n}`, serviceId: 'disability' as const, date: DAY, start })),
    ]);
    const plans = Array.from({ length: WORKERS }, (_, w) => ops.filter((_, i) => i % WORKERS === w));
    await race(plans);

    for (const start of targets) expect(await bookedAt('disability', start), start).toHaveLength(1);
    const all = await db.all<BookingRow>(q`SELECT * FROM bookings WHERE status = 'booked'`);
    expect(all).toHaveLength(movers.length + all.filter((b) => b.userId.startsWith('Unew')).length);
    for (const mover of movers) {
      const now = all.find((b) => b.id === mover.id)!;
      expect(now, `booking ${mover.id}`).toBeDefined();
      expect([mover.slotStart, ...targets]).toContain(now.slotStart);
    }
    for (const start of homes) expect((await bookedAt('disability', start)).length).toBeLessThanOrEqual(1);
  });
});
