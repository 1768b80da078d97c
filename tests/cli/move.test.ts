// npm run db:move: an office's SQLite database, built by talking to the real bot, copied into a fresh
// PostgreSQL schema; then the bot on PostgreSQL carries on where it was. Needs DATABASE_URL (the
// PostgreSQL run of .ci/run); the usage checks run everywhere.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SAY } from '../../src/booking/messages';
import { openSqlite } from '../../src/db/client';
import { movedTables } from '../../src/db/move';
import { findBooking } from '../../src/booking/store';
import type { BookingRow, OutboxRow } from '../../src/db/schema';
import { q, type Sql } from '../../src/db/sql';
import { book, bookingsOf, cancelFirst, outboxRows, tapFlex } from '../booking/helpers';
import { databaseUrl, dynamicQuery, freshPgSchema, newTestDatabaseName, onPostgres, testDatabaseUrl } from '../support/database';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, tempDbFile, texts } from '../support/harness';
import { createInvitation } from '../../src/staff/access';
import { runCli } from './run';

const TABLES = movedTables().map((t) => t.name);

async function counts(db: Sql): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await db.get<{ n: number }>(dynamicQuery([`SELECT COUNT(*) AS n FROM ${table}`], [])))!.n;
  return out;
}

/** The per-table counts the command printed. */
function printedCounts(stdout: string): Record<string, number> {
  return Object.fromEntries([...stdout.matchAll(/^ {2}(\S+) +([\d,]+) แถว$/gm)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))]));
}

/** The bot on a SQLite file, whatever DATABASE_URL says (the office before its move). */
const sqliteBot = (file = tempDbFile()) => createTestBot({ file, open: async (f) => openSqlite(f) });

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** An empty PostgreSQL schema (not migrated: the command migrates it) and the URL that reaches it. */
async function emptySchema(): Promise<{ schema: string; url: string }> {
  const { schema, drop } = await freshPgSchema(databaseUrl!, newTestDatabaseName(tempDbFile));
  drops.push(drop);
  return { schema, url: testDatabaseUrl(schema)! };
}

const move = (from: string, url: string, ...extra: string[]) => runCli('move.ts', ['--from', from, '--to', url, ...extra], from);

beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 Nov 2569, 10:00 in Bangkok
});

if (!onPostgres) console.warn('The db:move tests against PostgreSQL were SKIPPED: no DATABASE_URL (the PostgreSQL run of .ci/run has one).');

describe.skipIf(!onPostgres)('npm run db:move (SQLite → PostgreSQL)', () => {
  it('copies every table; the bot on PostgreSQL continues the conversation, keeps the booking, its reminder and the staff, and numbers new rows on', async () => {
    const before = await sqliteBot();
    const staff = new Person(before);
    const { code } = await createInvitation(before.db, 'default', { role: 'officer', createdBy: 'cli' }, clock.now().getTime());
    await staff.say(code);
    const checker = new Person(before);
    for (const answer of ['เบี้ยผู้สูงอายุ', 'ตัวเอง', '15 มี.ค. 2500', 'ใช่', 'ยังไม่ได้ลงทะเบียน', 'ไม่มีเลย']) await checker.say(answer);
    const yai = new Person(before);
    await book(yai); // Tuesday 24 Nov, 09:00: reminders queued, staff told
    const [booking] = await bookingsOf(before, yai.userId);
    const lek = new Person(before);
    await lek.say('จองคิว');
    await lek.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(lek, 'วันอังคารที่ 24');
    expect(texts(await tapFlex(lek, '10:00'))).toEqual([SAY.name]); // half-way: the name is asked next
    const sqliteCounts = await counts(before.db);
    const sqliteRows = {
      bookings: await before.db.all<BookingRow>(q`SELECT * FROM bookings ORDER BY id`),
      conversations: await before.db.all<{ userId: string; resumePending: unknown }>(q`SELECT * FROM conversations ORDER BY user_id`),
      checks: await before.db.all(q`SELECT * FROM eligibility_checks ORDER BY id`),
    };
    await before.close();
    expect(sqliteCounts).toMatchObject({ users: 4, staff: 1, bookings: 1, eligibility_checks: 1 });
    expect(sqliteCounts.outbox).toBeGreaterThan(4);

    const { schema, url } = await emptySchema();
    const moved = move(before.file, url);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(printedCounts(moved.stdout)).toEqual(sqliteCounts);
    expect(moved.stdout).not.toContain('สมศรี'); // counts only, no personal data
    expect(moved.stdout).not.toContain('081');

    const after = await createTestBot({ file: schema });
    try {
      expect(after.db.dialect).toBe('pg');
      expect(await counts(after.db)).toEqual(sqliteCounts);
      expect(await after.db.all(q`SELECT * FROM bookings ORDER BY id`)).toEqual(sqliteRows.bookings);
      expect(await after.db.all(q`SELECT * FROM eligibility_checks ORDER BY id`)).toEqual(sqliteRows.checks);
      // SQLite's 0/1 became PostgreSQL booleans; everything else is the same.
      expect(await after.db.all(q`SELECT * FROM conversations ORDER BY user_id`)).toEqual(sqliteRows.conversations.map((row) => ({ ...row, resumePending: row.resumePending === 1 })));

      // The conversation goes on at the step it had reached.
      const lekThere = new Person(after, lek.userId);
      expect(texts(await lekThere.say('สมใจ รักดี'))).toEqual([SAY.phone]);
      expect(allText(await lekThere.say('0898765432'))).toContain('10:00–10:15 น.');
      expect(allText(await lekThere.tap('ยืนยันนัด'))).toContain(SAY.booked);
      const [lekBooking] = await bookingsOf(after, lek.userId);
      expect(lekBooking!.id).toBe(booking!.id + 1); // the sequence was set past the moved ids

      // The moved booking is there, and its reminder goes out when due.
      expect(allText(await new Person(after, yai.userId).say('นัดหมายของฉัน'))).toContain(booking!.code);
      clock.set('2026-11-23T10:00:00Z'); // 17:00 the day before
      await after.bot.outbox.runOnce();
      const reminder = fake.sent.filter((r) => r.to === yai.userId && r.via === 'push').map((r) => allText(r.messages));
      expect(reminder).toHaveLength(1);
      expect(reminder[0]).toContain('พรุ่งนี้มีนัด');
      expect(reminder[0]).toContain(booking!.code);
      // The staff member moved too: the new booking is pushed to them.
      expect(fake.sent.filter((r) => r.to === staff.userId && r.via === 'push').map((r) => allText(r.messages)).join('\n')).toContain(lekBooking!.code);
      expectNoLineProblems();
    } finally {
      await after.close();
    }
  });

  it('refuses an office that already has rows there, writing nothing; --replace moves it again in place of the old', async () => {
    const before = await sqliteBot();
    await book(new Person(before));
    await before.close();
    const { schema, url } = await emptySchema();
    expect(move(before.file, url).code).toBe(0);

    const again = await sqliteBot(before.file);
    await book(new Person(again), { time: '10:00' });
    const sqliteCounts = await counts(again.db);
    await again.close();

    const refused = move(before.file, url);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('PostgreSQL มีข้อมูลของสำนักงาน default อยู่แล้ว');
    expect(refused.stderr).toContain('--replace');
    expect(refused.stdout).toBe('');
    const target = await createTestBot({ file: schema });
    try {
      expect((await counts(target.db)).bookings).toBe(1);

      const replaced = move(before.file, url, '--replace');
      expect(replaced.code).toBe(0);
      expect(replaced.stdout).toMatch(/ลบข้อมูลเดิมของสำนักงาน default ใน PostgreSQL \d+ แถว/);
      expect(await counts(target.db)).toEqual(sqliteCounts);
      expect(printedCounts(replaced.stdout)).toEqual(sqliteCounts);
    } finally {
      await target.close();
    }
  });

  it('moves a second office into the same PostgreSQL: both keep their ids (1…), a bot serving both sees each its own booking, new rows get fresh ids', async () => {
    // Two offices, each on its own SQLite file, each numbering its bookings and outbox rows from 1.
    const built: { file: string; userId: string; booking: BookingRow; outbox: OutboxRow[] }[] = [];
    for (const time of ['09:00', '10:00']) {
      const before = await sqliteBot();
      const person = new Person(before);
      await book(person, { time });
      const [booking] = await bookingsOf(before, person.userId);
      built.push({ file: before.file, userId: person.userId, booking: booking!, outbox: await outboxRows(before) });
      await before.close();
    }
    const [north, south] = built as [(typeof built)[0], (typeof built)[0]];
    expect([north.booking.id, south.booking.id]).toEqual([1, 1]);
    expect(north.outbox.map((r) => r.id)).toEqual(south.outbox.map((r) => r.id)); // the same ids in both files
    expect(north.outbox[0]!.id).toBe(1);

    const { schema, url } = await emptySchema();
    expect(move(north.file, url, '--office', 'north')).toMatchObject({ code: 0, stderr: '' });
    const second = move(south.file, url, '--office', 'south');
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);

    const after = await createTestBot({ file: schema, offices: ['north', 'south'] });
    try {
      for (const [office, moved] of [['north', north], ['south', south]] as const) {
        // Every row kept its id, in its office.
        expect((await findBooking(after.db, office, moved.booking.id))?.code).toBe(moved.booking.code);
        expect((await after.db.all<{ id: number }>(q`SELECT id FROM outbox WHERE office_id = ${office} ORDER BY id`)).map((r) => r.id)).toEqual(moved.outbox.map((r) => r.id));
      }
      const yaiNorth = new Person(after, north.userId, 'north');
      const yaiSouth = new Person(after, south.userId, 'south');
      const northSees = allText(await yaiNorth.say('นัดหมายของฉัน'));
      expect(northSees).toContain(north.booking.code);
      expect(northSees).toContain('09:00');
      expect(northSees).not.toContain('10:00');
      const southSees = allText(await yaiSouth.say('นัดหมายของฉัน'));
      expect(southSees).toContain(south.booking.code);
      expect(southSees).toContain('10:00');

      // The cancel button names booking id 1: it cancels north's, and south's (also id 1) stays booked.
      await cancelFirst(yaiNorth);
      expect((await findBooking(after.db, 'north', 1))?.status).toBe('cancelled');
      expect((await findBooking(after.db, 'south', 1))?.status).toBe('booked');

      // New bookings in either office are numbered past every moved id, so they are unique deployment-wide.
      const maxOutbox = Math.max(...north.outbox.map((r) => r.id), ...south.outbox.map((r) => r.id));
      const newNorth = new Person(after, undefined, 'north');
      const newSouth = new Person(after, undefined, 'south');
      await book(newNorth, { time: '11:00' });
      await book(newSouth, { time: '11:00' });
      const [nb] = await bookingsOf(after, newNorth.userId);
      const [sb] = await bookingsOf(after, newSouth.userId);
      expect(nb!.id).toBeGreaterThan(1);
      expect(sb!.id).toBeGreaterThan(1);
      expect(nb!.id).not.toBe(sb!.id);
      const fresh = await after.db.all<{ id: number }>(q`SELECT id FROM outbox WHERE "to" IN (${newNorth.userId}, ${newSouth.userId})`);
      expect(fresh.length).toBeGreaterThan(0);
      for (const row of fresh) expect(row.id).toBeGreaterThan(maxOutbox);

      // The moved reminders go out, each office's from its own channel.
      clock.set('2026-11-23T10:00:00Z'); // 17:00 the day before
      await after.bot.outbox.runOnce();
      const reminders = fake.sent.filter((r) => r.via === 'push' && allText(r.messages).includes('พรุ่งนี้มีนัด'));
      expect(reminders.filter((r) => r.to === south.userId && r.channel === 'south').map((r) => allText(r.messages)).join('\n')).toContain(south.booking.code);
      expect(reminders.filter((r) => r.to === north.userId)).toEqual([]); // north's booking was cancelled
      expectNoLineProblems();
    } finally {
      await after.close();
    }
  });

  it.skipIf(!movedTables().some((t) => t.officeKey))('writes the rows for --office', async () => {
    const before = await sqliteBot();
    await book(new Person(before));
    await before.close();
    const { schema, url } = await emptySchema();
    expect(move(before.file, url, '--office', 'north-1').code).toBe(0);
    const target = await createTestBot({ file: schema });
    try {
      expect(await target.db.all(q`SELECT DISTINCT office_id FROM bookings`)).toEqual([{ officeId: 'north-1' }]);
      expect(move(before.file, url, '--office', 'north-1').code).toBe(2);
    } finally {
      await target.close();
    }
  });
});


describe('npm run db:move, bad usage', () => {
  it.each([
    [[], 'ต้องระบุ --from'],
    [['--from', '/nonexistent/bot.db', '--to', 'postgres://x/y'], 'ไม่พบไฟล์ /nonexistent/bot.db'],
    [['--from', '$FILE'], 'ต้องระบุ --to'],
    [['--from', '$FILE', '--to', 'mysql://x/y'], '--to ต้องขึ้นต้นด้วย postgres://'],
    [['--from', '$FILE', '--to', 'postgres://x/y', '--office', 'North Office'], '--office "North Office" ไม่ถูกต้อง'],
    [['--from', '$FILE', '--to', 'postgres://x/y', '--force'], "Unknown option '--force'"],
  ])('refuses %j with the reason, the usage and exit code 1', async (args, reason) => {
    const file = tempDbFile();
    await openSqlite(file).close();
    const result = runCli('move.ts', args.map((a) => (a === '$FILE' ? file : a)), file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('วิธีใช้:');
    expect(result.stderr).toContain('หยุดบอทก่อนย้าย');
  });

  it('refuses a SQLite file that is not the bot’s, leaving it untouched', () => {
    const file = path.join(path.dirname(tempDbFile()), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const result = runCli('move.ts', ['--from', file, '--to', 'postgres://127.0.0.1:1/none'], file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ไม่ใช่ฐานข้อมูลของบอท');
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'notes' }]);
    check.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
