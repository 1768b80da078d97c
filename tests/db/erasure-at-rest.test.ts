// Deleted means deleted: after "ลบข้อมูลของฉัน" the erased phone number and name are nowhere in the
// database's files — not in the main file's free space, not in the write-ahead log, not in the
// notice staff were sent.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookings } from '../../src/db/schema';
import { addStaff } from '../../src/db/staff';
import { book } from '../booking/helpers';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';

let t: TestBot;
beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** Every database file on disk (main, -wal, -shm, -journal), read as raw bytes. */
function databaseBytes(file: string): Buffer {
  const parts = ['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((f) => fs.existsSync(f));
  return Buffer.concat(parts.map((f) => fs.readFileSync(f)));
}

describe('erasure at rest', () => {
  it('leaves no trace of an erased phone number or name in the database files', async () => {
    const staff = new Person(t);
    addStaff(t.db, staff.userId, 'cli', clock.now().getTime());
    const yai = new Person(t);
    await book(yai, { name: 'สมศรี ใจดี', phone: '089-765-4321' });
    await t.bot.outbox.runOnce(); // the staff notice, with the name and phone, goes out and stays on disk
    expect(JSON.stringify(fake.messagesTo(staff.userId))).toContain('สมศรี');
    expect(t.db.select().from(bookings).get()).toMatchObject({ phone: expect.stringMatching(/^089/) });
    const secrets = ['0897654321', '089-765-4321', 'สมศรี'].map((s) => Buffer.from(s, 'utf8'));
    // Before the erasure the data is on disk (the test would prove nothing otherwise).
    expect(secrets.some((s) => databaseBytes(t.file).includes(s))).toBe(true);

    await yai.say('ลบข้อมูลของฉัน');
    await yai.tap('ยืนยัน ลบข้อมูล');
    await t.bot.idle();
    await new Promise((resolve) => setImmediate(resolve));

    const bytes = databaseBytes(t.file);
    for (const secret of secrets) expect(bytes.includes(secret), `found "${secret.toString()}" on disk`).toBe(false);
    // The bot goes on working on the same file afterwards.
    expect((await yai.say('ติดต่อ')).length).toBeGreaterThan(0);
  });
});
