// Personal data at rest: what nobody asked to delete is still forgotten once its purpose has passed,
// in small batches through fitting indexes; and what a user erased leaves no trace in the database's
// files — not in the main file's free space, not in the write-ahead log, not in a notice sent to staff.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, conversations, inbox, outbox } from '../../src/db/schema';
import { addStaff } from '../../src/db/staff';
import { book } from '../booking/helpers';
import { RETENTION, applyRetention, retentionStatements } from '../../src/db/retention';
import { openDatabase } from '../../src/db/client';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';

const DAY = 86_400_000;
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

describe('retention', () => {
  it('forgets a conversation abandoned half-way (with its birth date) after a week, not before', async () => {
    const yai = new Person(t);
    for (const answer of ['เช็คสิทธิ์', 'ตัวเอง', '15 มี.ค. 2500']) await yai.say(answer);
    const row = () => t.db.select().from(conversations).where(eq(conversations.userId, yai.userId)).get()!;
    clock.advance((RETENTION.abandonedConversationDays - 1) * DAY);
    expect((await t.bot.scheduler.runRetention()).conversations).toBe(0);
    expect(JSON.parse(row().answers)).toHaveProperty('birth');
    clock.advance(2 * DAY);
    expect((await t.bot.scheduler.runRetention()).conversations).toBe(1);
    expect(row()).toMatchObject({ flowId: null, answers: '{}' });
  });

  it('deletes processed event ids after 30 days and blanks sent messages after 90, keeping pending work', async () => {
    const yai = new Person(t);
    await yai.say('ติดต่อ');
    t.db.insert(inbox).values({ eventId: 'pending-one', chatKey: yai.userId, type: 'message', timestamp: 1, payload: '{}', receivedAt: 1 }).run();
    clock.advance((RETENTION.inboxDays + 1) * DAY);
    await t.bot.scheduler.runRetention();
    expect(t.db.select({ id: inbox.eventId }).from(inbox).all()).toEqual([{ id: 'pending-one' }]);
    expect(t.db.select().from(outbox).get()!.messages).not.toBe('[]');
    clock.advance(RETENTION.sentMessagesDays * DAY);
    expect((await t.bot.scheduler.runRetention()).outbox).toBe(1);
    expect(t.db.select().from(outbox).get()!.messages).toBe('[]');
  });
});

describe('retention at size', () => {
  it('works in batches of bounded size, letting the event loop run between them', async () => {
    const db = openDatabase(':memory:');
    const old = clock.now().getTime() - 100 * DAY;
    const insert = db.$client.prepare("INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES (?, 'U1', 'message', ?, 'done', ?)");
    db.$client.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(`old-${i}`, old, old);
    })();
    const count = () => (db.$client.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
    // What is left each time the pass lets the event loop run: one batch of 10 fewer each time.
    const leftAtPauses: number[] = [];
    const result = await applyRetention(db, clock.now(), { batchSize: 10, pause: async () => void leftAtPauses.push(count()) });
    expect(leftAtPauses).toEqual([15, 5]);
    expect(result.inbox).toBe(25);
    expect(count()).toBe(0);
    db.$client.close();
  });

  it('uses an index for every statement (no scan of a whole table)', () => {
    const db = openDatabase(':memory:');
    const statements = retentionStatements(db, clock.now(), 1000);
    expect(Object.keys(statements).sort()).toEqual(['conversations', 'inbox', 'outbox']);
    for (const [name, query] of Object.entries(statements)) {
      const { sql, params } = query.toSQL();
      const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      // Every table access is a SEARCH through an index; a bare "SCAN <table>" reads the whole table.
      const scans = plan.filter((detail) => /^SCAN (conversations|inbox|outbox)\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail));
      expect(scans, `${name}: ${plan.join(' / ')}`).toEqual([]);
      expect(plan.join(' / '), name).toMatch(/USING (COVERING )?INDEX (conversations_abandoned|inbox_processed|outbox_sent_content)/);
    }
    db.$client.close();
  });
});

describe('retention cadence', () => {
  it('runs a minute after start and then every RETENTION_INTERVAL_MINUTES, not every minute', async () => {
    await t.close();
    t = createTestBot({ env: { RETENTION_INTERVAL_MINUTES: '30' } });
    const passes = vi.spyOn(t.bot.scheduler, 'runRetention');
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    try {
      t.bot.scheduler.start();
      expect(passes).toHaveBeenCalledTimes(0);
      vi.advanceTimersByTime(60_000);
      expect(passes).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(29 * 60_000);
      expect(passes).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(60_000);
      expect(passes).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(60 * 60_000);
      expect(passes).toHaveBeenCalledTimes(4);
    } finally {
      t.bot.scheduler.stop();
      vi.useRealTimers();
    }
    await t.bot.idle();
  });

  it('stop() ends a pass under way after its current batch, so a shutdown does not wait for the whole pass', async () => {
    const old = clock.now().getTime() - 100 * DAY;
    const insert = t.db.$client.prepare("INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES (?, 'U1', 'message', ?, 'done', ?)");
    t.db.$client.transaction(() => {
      for (let i = 0; i < 250; i++) insert.run(`old-${i}`, old, old);
    })();
    const count = () => (t.db.$client.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
    const pass = t.bot.scheduler.runRetention();
    t.bot.stop();
    await t.bot.idle();
    // The first batch of 100 had run; the pass stopped at its first pause instead of going on.
    expect(await pass).toMatchObject({ inbox: 100 });
    expect(count()).toBe(150);
    // Started again, the next pass finishes the work.
    expect(await t.bot.scheduler.runRetention()).toMatchObject({ inbox: 150 });
    expect(count()).toBe(0);
  });
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
