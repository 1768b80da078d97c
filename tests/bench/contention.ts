// The contention case of `npm run bench`: many users booking few places at once, through the webhook.
// Every user first walks — untimed, by typed messages, one answer at a time — to the summary of one
// of a few slots; then all of them confirm at the same moment. Prints the time until every user has
// had an answer, the bookings made against the capacity, and any slot holding more than its capacity.
import { randomUUID } from 'node:crypto';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile } from '../../src/office/profile';
import { RACE_SERVICE as SERVICE, raceSlots } from '../support/booking-race';
import { signedBody, startServer, stopServer, type Server } from './run';

const USERS = Number(process.env.BENCH_CONTENTION_USERS ?? 200);
/** Slots raced for; the example office has one counter for this service, so one place each. */
const SLOTS = 6;
/** Users walking to the summary at the same time during the untimed preparation. */
const PREPARE_CONCURRENCY = 32;
const ANSWER_TIMEOUT_MS = 15_000;
const POLL_MS = 10;

interface SlotCount {
  serviceId: string;
  date: string;
  start: string;
  taken: number;
  capacity: number;
}

/** How many messages each user has had from the bot so far. */
async function repliesTo(server: Server, userIds: readonly string[]): Promise<number[]> {
  const response = await fetch(`${server.url}/bench/replies`, { method: 'POST', body: JSON.stringify({ userIds }) });
  return ((await response.json()) as { counts: number[] }).counts;
}

async function send(server: Server, userId: string, text: string): Promise<void> {
  const { token } = (await (await fetch(`${server.url}/bench/token`, { method: 'POST', body: JSON.stringify({ userId }) })).json()) as { token: string };
  const { body, signature } = signedBody(userId, text, token);
  const response = await fetch(`${server.url}/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
}

/** Waits until every user has had more messages than before; one request per poll for all of them. */
async function answered(server: Server, userIds: readonly string[], before: readonly number[]): Promise<void> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    const counts = await repliesTo(server, userIds);
    if (counts.every((count, i) => count > before[i]!)) return;
    if (Date.now() > deadline) throw new Error('a user had no answer in time');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** One turn: say something and wait for the bot's answer (each user's turns stay in order). */
async function say(server: Server, userId: string, text: string): Promise<void> {
  const before = await repliesTo(server, [userId]);
  await send(server, userId, text);
  await answered(server, [userId], before);
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export async function runContention(): Promise<void> {
  const { date, slots, walk } = raceSlots(loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH), SLOTS);
  const starts = slots.map((slot) => slot.start);
  const places = slots.reduce((sum, slot) => sum + slot.capacity, 0);
  const users = Array.from({ length: USERS }, (_, i) => ({ userId: 'U' + randomUUID().replace(/-/g, ''), slot: slots[i % slots.length]! }));
  const server = await startServer('bot');
  try {
    await inBatches(users, PREPARE_CONCURRENCY, async ({ userId, slot }) => {
      for (const text of walk(slot)) await say(server, userId, text);
    });

    const userIds = users.map((user) => user.userId);
    const before = await repliesTo(server, userIds);
    const started = performance.now();
    await Promise.all(userIds.map((userId) => send(server, userId, 'ยืนยันนัด')));
    await answered(server, userIds, before);
    const settleMs = performance.now() - started;

    const counts = ((await (await fetch(`${server.url}/bench/bookings`)).json()) as SlotCount[]).filter((c) => c.date === date && starts.includes(c.start));
    const made = counts.reduce((sum, c) => sum + c.taken, 0);
    const over = counts.filter((c) => c.taken > c.capacity);

    console.log(`\nContention: ${USERS} users confirm at once for ${starts.length} ${SERVICE.id} slots on ${date} (${starts.join(', ')}), through the webhook\n`);
    console.log('| users | places | time to settle ms | bookings made | over-booked |');
    console.log('|---|---|---|---|---|');
    const overText = over.length === 0 ? 'none' : over.map((c) => `${c.start} (${c.taken}/${c.capacity})`).join(', ');
    console.log(`| ${USERS} | ${places} | ${settleMs.toFixed(0)} | ${made} of ${places} | ${overText} |`);
    console.log(`\nover-booked: ${overText}`);
    // 200 users for a handful of places: every place must be taken, or the race never happened (a
    // walk that no longer reaches the summary) and the figures above mean nothing.
    if (made < places) throw new Error(`only ${made} of ${places} places were booked: the contention case did not race`);
  } finally {
    await stopServer(server);
  }
}
