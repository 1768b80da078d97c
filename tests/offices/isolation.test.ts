// Several offices in one deployment: each office's data is its own. The same LINE user talking to two
// offices has two conversations, two bookings and two checks; each office's staff see only their own
// office's notices, lists and exports; every statement the bot runs for an office binds that office
// (bar the few that serve all offices at once, by name); a webhook is verified with its own office's
// secret, whichever way the office is found.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingsBetween } from '../../src/booking/store';
import { loadConversation } from '../../src/db/conversations';
import type { BookingRow, InboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { createInvitation } from '../../src/staff/access';
import { book, cancelFirst, moveFirst } from '../booking/helpers';
import {
  allText,
  callbackTo,
  clock,
  createTestBot,
  events,
  expectNoLineProblems,
  fake,
  officeSecret,
  Person,
  postWebhook,
  sign,
  type TestBot,
} from '../support/harness';
import { onPostgres } from '../support/database';
import { recordingDatabase, type LoggedStatement } from '../support/statement-log';

const USER = 'U' + '1'.repeat(32);
const STAFF_A = 'U' + 'a'.repeat(32);
const STAFF_B = 'U' + 'b'.repeat(32);
/** An eligibility check to its answer (born 2500: 69, a Thai citizen on the house register, no other allowance). */
const CHECK = ['เช็คสิทธิ์', 'ตัวเอง', '15 มี.ค. 2500', 'ใช่', 'ยังไม่ได้ลงทะเบียน', 'ไม่มีเลย', 'ไม่ได้พิการ'];

let t: TestBot;
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

async function check(person: Person): Promise<string> {
  let reply = '';
  for (const answer of CHECK) reply = allText(await person.say(answer));
  return reply;
}

const bookingsIn = (office: string) => t.db.all<BookingRow>(q`SELECT * FROM bookings WHERE office_id = ${office} ORDER BY id`);

describe('two offices, the same LINE user', () => {
  beforeEach(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok
    t = await createTestBot({ offices: ['a', 'b'] });
    await addStaff(t.db, 'a', STAFF_A, 'cli', clock.now().getTime());
    await addStaff(t.db, 'b', STAFF_B, 'cli', clock.now().getTime());
  });

  it('keeps conversations, checks, bookings, staff lists, notices and exports apart', async () => {
    const inA = new Person(t, USER, 'a');
    const inB = new Person(t, USER, 'b');

    // An eligibility check in each office; then one office's conversation half-way does not leak.
    expect(await check(inA)).toContain('เบี้ยยังชีพผู้สูงอายุ');
    expect(await check(inB)).toContain('เบี้ยยังชีพผู้สูงอายุ');
    const checks = await t.db.all<{ officeId: string; userId: string }>(q`SELECT office_id, user_id FROM eligibility_checks ORDER BY id`);
    expect(checks).toEqual([
      { officeId: 'a', userId: USER },
      { officeId: 'b', userId: USER },
    ]);
    await inA.say('จองคิว');
    expect((await loadConversation(t.db, 'a', USER)).flowId).toBe('booking');
    expect((await loadConversation(t.db, 'b', USER)).flowId).toBe(null);
    await inA.say('เมนู');

    // A booking in each, by the same LINE user, same slot (each office has its own counters).
    await book(inA, { name: 'สมศรี ใจดี' });
    await book(inB, { name: 'บุญมี มีสุข' });
    const [bookingA] = await bookingsIn('a');
    const [bookingB] = await bookingsIn('b');
    expect(bookingA).toMatchObject({ userId: USER, name: 'สมศรี ใจดี', slotDate: '2026-11-24', slotStart: '09:00' });
    expect(bookingB).toMatchObject({ userId: USER, name: 'บุญมี มีสุข', slotDate: '2026-11-24', slotStart: '09:00' });

    // "My bookings" in each office shows that office's visit only.
    const mineInA = allText(await inA.say('นัดหมายของฉัน'));
    expect(mineInA).toContain(bookingA!.code);
    expect(mineInA).not.toContain(bookingB!.code);

    // Staff notices go to each office's own staff, through its own channel.
    await t.bot.outbox.runOnce();
    const toA = fake.sent.filter((r) => r.to === STAFF_A);
    const toB = fake.sent.filter((r) => r.to === STAFF_B);
    expect(toA.map((r) => r.channel)).toEqual(['a']);
    expect(toB.map((r) => r.channel)).toEqual(['b']);
    expect(allText(toA[0]!.messages)).toContain('สมศรี ใจดี');
    expect(allText(toA[0]!.messages)).not.toContain('บุญมี');
    expect(allText(toB[0]!.messages)).toContain('บุญมี มีสุข');

    // Each office's staff list for the day, and the staff commands: only their own office's.
    const staffA = new Person(t, STAFF_A, 'a');
    const staffB = new Person(t, STAFF_B, 'b');
    const listA = allText(await staffA.say('นัดพรุ่งนี้'));
    expect(listA).toContain('สมศรี ใจดี');
    expect(listA).not.toContain('บุญมี');
    expect(allText(await staffB.say('นัดพรุ่งนี้'))).toContain('บุญมี มีสุข');
    expect(listA).toContain('📋');
    // Staff of office a is nobody in office b: no list, and nothing of b's visits.
    const asNobody = allText(await new Person(t, STAFF_A, 'b').say('นัดพรุ่งนี้'));
    expect(asNobody).not.toContain('📋');
    expect(asNobody).not.toContain('บุญมี');

    // The daily agenda (the scheduler's pass per office) and the export.
    clock.set('2026-11-24T01:00:00Z'); // Tuesday 08:00, after the agenda hour
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(2);
    await t.bot.outbox.runOnce();
    const agendaA = fake.sent.filter((r) => r.to === STAFF_A).at(-1)!;
    expect(agendaA.channel).toBe('a');
    expect(allText(agendaA.messages)).toContain('สมศรี ใจดี');
    expect(allText(agendaA.messages)).not.toContain('บุญมี');
    expect((await bookingsBetween(t.db, 'a', '2026-11-01', '2026-11-30')).map((b) => b.code)).toEqual([bookingA!.code]);
    expect((await bookingsBetween(t.db, 'b', '2026-11-01', '2026-11-30')).map((b) => b.code)).toEqual([bookingB!.code]);

    // Cancelling in office b leaves office a's visit booked.
    clock.set('2026-11-23T04:00:00Z');
    await cancelFirst(inB);
    expect((await bookingsIn('a'))[0]!.status).toBe('booked');
    expect((await bookingsIn('b'))[0]!.status).toBe('cancelled');
  });

  it("deleting one's data in one office leaves the other office's data alone", async () => {
    const inA = new Person(t, USER, 'a');
    const inB = new Person(t, USER, 'b');
    await book(inA, { name: 'สมศรี ใจดี' });
    await book(inB, { name: 'บุญมี มีสุข' });
    await inB.say('ลบข้อมูลของฉัน');
    await inB.tap('ยืนยัน ลบข้อมูล');
    expect((await bookingsIn('b'))[0]).toMatchObject({ name: '', phone: '', status: 'cancelled' });
    expect((await bookingsIn('a'))[0]).toMatchObject({ name: 'สมศรี ใจดี', status: 'booked' });
  });
});

describe('the statements the bot runs for one office', () => {
  /**
   * The statements that serve every office at once, on purpose (each named in a comment where it is
   * written): the outbox worker's claim and start-up recovery, the start-up scan of pending chats,
   * and retention.
   */
  const CROSS_OFFICE = [
    /^\s*UPDATE outbox SET status = 'sending'[\s\S]*WHERE \(office_id, id\) IN \(/, // OutboxWorker.claimDue
    /WHERE \(status = 'sending' OR \(status = 'pending' AND mode = 'reply'\)\)/, // OutboxWorker.recover
    /^SELECT DISTINCT office_id, chat_key FROM inbox/, // pendingChatKeys
  ];
  const OFFICE_TABLES = /\b(users|inbox|conversations|outbox|staff|staff_invitations|throttles|audit_log|bookings|eligibility_checks|cases|case_history|case_counters|attachments)\b/;

  it("bind office_id to 'b' in every statement that touches an office's table, over a whole transcript", async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z');
    const log: LoggedStatement[] = [];
    t = await createTestBot({ offices: ['b'], wrapDb: (db) => recordingDatabase(db, log) });
    await t.bot.start();
    const person = new Person(t, USER, 'b');
    const staff = new Person(t, STAFF_B, 'b');
    await person.follow();
    const { code } = await createInvitation(t.db, 'b', { role: 'officer', createdBy: 'cli' }, clock.now().getTime());
    await staff.say(code);
    await check(person);
    await book(person);
    await moveFirst(person, 'วันพุธที่ 25', '13:00');
    await staff.say('นัดพรุ่งนี้');
    await staff.say('นัดวันที่ 25 พ.ย.');
    await person.sticker();
    await cancelFirst(person);
    await book(person);
    await person.say('ลบข้อมูลของฉัน');
    await person.tap('ยืนยัน ลบข้อมูล');
    clock.set('2026-11-24T01:00:00Z');
    await t.bot.scheduler.runOnce();
    await t.bot.outbox.runOnce();
    await postWebhook(t.bot, callbackTo('b', events.unfollow(USER)), undefined, '/webhook/b').then(async (r) => {
      const body = JSON.stringify(callbackTo('b', events.unfollow(USER)));
      expect(r.status).toBe(401); // signed with the default secret: refused
      expect((await postWebhook(t.bot, body, sign(body, officeSecret('b')), '/webhook/b')).status).toBe(200);
    });
    await t.bot.idle();
    t.bot.stop();

    const touching = log.filter((s) => OFFICE_TABLES.test(s.text));
    expect(touching.length).toBeGreaterThan(100);
    const unscoped = touching.filter((s) => !CROSS_OFFICE.some((pattern) => pattern.test(s.text)) && !(/\boffice_id\b/.test(s.text) && s.values.includes('b')));
    expect(unscoped.map((s) => s.text.replace(/\s+/g, ' ').trim())).toEqual([]);
    // No statement binds another office, nor the single-office default.
    expect(log.filter((s) => s.values.includes('default') || s.values.includes('a'))).toEqual([]);
    // The cross-office ones did run (the test would prove nothing about them otherwise) and return office_id.
    expect(CROSS_OFFICE.every((pattern) => log.some((s) => pattern.test(s.text)))).toBe(true);
  });
});

describe('the webhook of several offices', () => {
  beforeEach(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z');
    t = await createTestBot({ offices: ['a', 'b'] });
  });
  const inbox = () => t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY received_at, event_id`);

  it("refuses office a's webhook signed with office b's secret, and stores nothing", async () => {
    const body = JSON.stringify(callbackTo('a', events.text(USER, 'สวัสดี', 'a')));
    const response = await postWebhook(t.bot, body, sign(body, officeSecret('b')), '/webhook/a');
    expect(response.status).toBe(401);
    expect(await inbox()).toEqual([]);
    // Nor without the office in the path: the destination names a, so a's secret is the one that counts.
    expect((await postWebhook(t.bot, body, sign(body, officeSecret('b')))).status).toBe(401);
    expect(await inbox()).toEqual([]);
  });

  it("finds the office by LINE's destination on /webhook, verified with that office's secret", async () => {
    const body = JSON.stringify(callbackTo('b', events.text(USER, 'ติดต่อ', 'b')));
    expect((await postWebhook(t.bot, body, sign(body, officeSecret('b')))).status).toBe(200);
    await t.bot.idle();
    expect((await inbox()).map((row) => row.officeId)).toEqual(['b']);
    const replies = fake.sent.filter((r) => r.to === USER);
    expect(replies.map((r) => [r.channel, r.via])).toEqual([['b', 'reply']]);
  });

  it('answers 404 for an office it does not serve, by path or by destination', async () => {
    const body = JSON.stringify({ destination: 'U' + '9'.repeat(32), events: [events.text(USER, 'สวัสดี')] });
    expect((await postWebhook(t.bot, body, sign(body, officeSecret('a')))).status).toBe(404);
    expect((await postWebhook(t.bot, body, sign(body, officeSecret('a')), '/webhook/zz')).status).toBe(404);
    expect(await inbox()).toEqual([]);
  });
});

// Offices moved in from their own SQLite files (npm run db:move) keep their ids, so on PostgreSQL the
// same id can name a row in each office; the statements that serve every office at once must name rows
// by (office_id, id). SQLite holds one office per file: the same id twice cannot happen there.
describe.skipIf(!onPostgres)('the same id in two offices (moved in), PostgreSQL', () => {
  const DAY = 86_400_000;
  const push = (office: string, id: number, to: string, status: string, dueAt: number, createdAt: number) =>
    t.db.run(q`
      INSERT INTO outbox (id, office_id, "to", mode, messages, retry_key, purpose, status, due_at, created_at)
      VALUES (${id}, ${office}, ${to}, 'push', ${JSON.stringify([{ type: 'text', text: `จาก ${office}` }])}, ${`key-${office}`}, 'notice', ${status}, ${dueAt}, ${createdAt})`);
  const statusOf = async (office: string, id: number) =>
    (await t.db.get<{ status: string; messages: string }>(q`SELECT status, messages FROM outbox WHERE office_id = ${office} AND id = ${id}`))!;

  beforeEach(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z');
    t = await createTestBot({ offices: ['a', 'b'] });
  });

  it('the outbox worker sends the due row of one office and leaves the other office’s row with the same id waiting', async () => {
    const now = clock.now().getTime();
    await push('a', 7, USER, 'pending', now, now);
    await push('b', 7, USER, 'pending', now + DAY, now);
    expect(await t.bot.outbox.runOnce()).toBe(1);
    expect((await statusOf('a', 7)).status).toBe('sent');
    expect((await statusOf('b', 7)).status).toBe('pending');
    expect(fake.sent.map((r) => [r.channel, allText(r.messages)])).toEqual([['a', 'จาก a']]);
  });

  it('retention blanks the old sent message of one office, not the recent one of another with the same id', async () => {
    const now = clock.now().getTime();
    await push('a', 7, USER, 'sent', now - 100 * DAY, now - 100 * DAY);
    await push('b', 7, USER, 'sent', now, now);
    expect((await t.bot.scheduler.runRetention()).outbox).toBe(1);
    expect((await statusOf('a', 7)).messages).toBe('[]');
    expect((await statusOf('b', 7)).messages).not.toBe('[]');
  });
});
