// A separate process for the race tests: opens the same database file, says "ready", waits for
// "go" on stdin so every worker starts at once, then books or moves through the real actions, each
// in its own immediate transaction (as the dispatcher does), and prints what succeeded as JSON.
import { createInterface } from 'node:readline';
import { bookVisit, moveVisit } from '../../src/booking/actions';
import { slotsForDay } from '../../src/booking/schedule';
import { openDatabase } from '../../src/db/client';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';

export type RaceOp =
  | { op: 'book'; userId: string; serviceId: ServiceId; date: string; start: string }
  | { op: 'move'; bookingId: number; userId: string; serviceId: ServiceId; date: string; start: string };

const [file, now, planJson] = process.argv.slice(2) as [string, string, string];
const plan = JSON.parse(planJson) as RaceOp[];
const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const db = openDatabase(file);
const at = new Date(now);

function run(op: RaceOp): boolean {
  const slot = slotsForDay(office, op.serviceId, op.date).find((s) => s.start === op.start)!;
  return db.transaction(
    (tx) =>
      op.op === 'book'
        ? bookVisit(tx, office, slot, { userId: op.userId, name: 'ทดสอบ แข่งจอง', phone: '0812345678' }, at).ok
        : moveVisit(tx, office, op.bookingId, op.userId, slot, at).ok,
    { behavior: 'immediate' },
  );
}

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const results = plan.map(run);
  db.$client.close();
  process.stdout.write(`${JSON.stringify(results)}\n`);
  lines.close();
});
