// A separate process for the race tests: opens the same database (file, or PostgreSQL schema), says "ready", waits for
// "go" on stdin so every worker starts at once, then books or moves through the real actions, each
// in its own transaction (as the dispatcher does), and prints what succeeded as JSON.
import { createInterface } from 'node:readline';
import { bookVisit, moveVisit } from '../../src/booking/actions';
import { slotsForDay } from '../../src/booking/schedule';
import { openDatabase } from '../../src/db/client';
import { testDatabaseUrl } from '../support/database-url';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';

export type RaceOp =
  | { op: 'book'; userId: string; serviceId: ServiceId; date: string; start: string }
  | { op: 'move'; bookingId: number; userId: string; serviceId: ServiceId; date: string; start: string };

const [file, now, planJson] = process.argv.slice(2) as [string, string, string];
const plan = JSON.parse(planJson) as RaceOp[];
const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const db = await openDatabase({ url: testDatabaseUrl(file), path: file });
const at = new Date(now);

function run(op: RaceOp): Promise<boolean> {
  const slot = slotsForDay(office, op.serviceId, op.date).find((s) => s.start === op.start)!;
  return db.transaction(async (tx) =>
    op.op === 'book'
      ? (await bookVisit(tx, office, slot, { userId: op.userId, name: 'ทดสอบ แข่งจอง', phone: '0812345678' }, at)).ok
      : (await moveVisit(tx, office, op.bookingId, op.userId, slot, at)).ok,
  );
}

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
async function runPlan(): Promise<void> {
  const results: boolean[] = [];
  for (const op of plan) results.push(await run(op));
  await db.close();
  process.stdout.write(`${JSON.stringify(results)}\n`);
  lines.close();
}
// Left to run on purpose: a failure is an unhandled rejection, which ends this worker loudly.
lines.once('line', () => void runPlan());
