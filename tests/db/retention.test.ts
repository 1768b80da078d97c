// Personal data at rest: what nobody asked to delete is still forgotten once its purpose has passed,
// in small batches through fitting indexes; and what a user erased leaves no trace in the database's
// files — not in the main file's free space, not in the write-ahead log, not in a notice sent to staff.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRow, OutboxRow } from '../../src/db/schema';
import { bindings, compile, q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { book } from '../booking/helpers';
import { RETENTION, applyRetention, retentionStatements } from '../../src/db/retention';
import { openSqlite } from '../../src/db/client';
import { onPostgres, openTestDatabase } from '../support/database';
import { clock, createTestBot, expectNoLineProblems, fake, Person, slowTransactions, type TestBot } from '../support/harness';

const DAY = 86_400_000;
let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('retention', () => {
  it('forgets a conversation abandoned half-way (with its birth date) after a week, not before', async () => {
    const yai = new Person(t);
    for (const answer of ['เช็คสิทธิ์', 'ตัวเอง', '15 มี.ค. 2500']) await yai.say(answer);
    const row = async () => (await t.db.get<{ flowId: string | null; answers: string }>(q`SELECT flow_id, answers FROM conversations WHERE user_id = ${yai.userId}`))!;
    clock.advance((RETENTION.abandonedConversationDays - 1) * DAY);
    expect((await t.bot.scheduler.runRetention()).conversations).toBe(0);
    expect(JSON.parse((await row()).answers)).toHaveProperty('birth');
    clock.advance(2 * DAY);
    expect((await t.bot.scheduler.runRetention()).conversations).toBe(1);
    expect(await row()).toMatchObject({ flowId: null, answers: '{}' });
  });

  it('deletes processed event ids after 30 days and blanks sent messages after 90, keeping pending work', async () => {
    const yai = new Person(t);
    await yai.say('ติดต่อ');
    await t.db.run(q`INSERT INTO inbox (event_id, chat_key, type, timestamp, payload, received_at) VALUES ('pending-one', ${yai.userId}, 'message', 1, '{}', 1)`);
    clock.advance((RETENTION.inboxDays + 1) * DAY);
    await t.bot.scheduler.runRetention();
    expect(await t.db.all(q`SELECT event_id AS id FROM inbox`)).toEqual([{ id: 'pending-one' }]);
    expect((await t.db.get<OutboxRow>(q`SELECT * FROM outbox`))!.messages).not.toBe('[]');
    clock.advance(RETENTION.sentMessagesDays * DAY);
    expect((await t.bot.scheduler.runRetention()).outbox).toBe(1);
    expect((await t.db.get<OutboxRow>(q`SELECT * FROM outbox`))!.messages).toBe('[]');
  });
});

// The bounded batches and their index use are SQLite's concern here (EXPLAIN QUERY PLAN, its file).
describe.skipIf(onPostgres)('retention at size', () => {
  it('works in batches of bounded size, letting the event loop run between them', async () => {
    const db = openSqlite(':memory:');
    const old = clock.now().getTime() - 100 * DAY;
    const insert = db.connection.prepare("INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES (?, 'U1', 'message', ?, 'done', ?)");
    db.connection.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(`old-${i}`, old, old);
    })();
    const count = () => (db.connection.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
    // What is left each time the pass lets the event loop run: one batch of 10 fewer each time.
    const leftAtPauses: number[] = [];
    const result = await applyRetention(db, clock.now(), { batchSize: 10, pause: async () => void leftAtPauses.push(count()) });
    expect(leftAtPauses).toEqual([15, 5]);
    expect(result.inbox).toBe(25);
    expect(count()).toBe(0);
    await db.close();
  });

  it('uses an index for every statement (no scan of a whole table)', async () => {
    const db = openSqlite(':memory:');
    const statements = retentionStatements(clock.now(), 1000);
    expect(Object.keys(statements).sort()).toEqual(['conversations', 'handoffMessages', 'handoffs', 'handoffsIdle', 'inbox', 'outbox']);
    for (const [name, query] of Object.entries(statements)) {
      const compiled = compile(query, 'sqlite');
      const plan = (db.connection.prepare(`EXPLAIN QUERY PLAN ${compiled.text}`).all(...bindings(query, compiled, 'sqlite')) as { detail: string }[]).map((r) => r.detail);
      // Every table access is a SEARCH through an index; a bare "SCAN <table>" reads the whole table.
      const scans = plan.filter((detail) => /^SCAN (conversations|inbox|outbox|handoffs|handoff_messages)\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail));
      expect(scans, `${name}: ${plan.join(' / ')}`).toEqual([]);
      expect(plan.join(' / '), name).toMatch(/USING (COVERING )?INDEX (conversations_abandoned|inbox_processed|outbox_sent_content|handoffs_open|handoffs_user|handoff_messages_handoff)/);
    }
    await db.close();
  });
});

describe('retention cadence', () => {
  it('runs a minute after start and then every RETENTION_INTERVAL_MINUTES, not every minute', async () => {
    await t.close();
    t = await createTestBot({ env: { RETENTION_INTERVAL_MINUTES: '30' } });
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
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 250; i++) {
        await tx.run(q`INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES (${`old-${i}`}, 'U1', 'message', ${old}, 'done', ${old})`);
      }
    });
    const count = async () => (await t.db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM inbox`))!.n;
    const pass = t.bot.scheduler.runRetention();
    t.bot.stop();
    await t.bot.idle();
    // The first batch of 100 had run; the pass stopped at its first pause instead of going on.
    expect(await pass).toMatchObject({ inbox: 100 });
    expect(await count()).toBe(150);
    // Started again, the next pass finishes the work.
    expect(await t.bot.scheduler.runRetention()).toMatchObject({ inbox: 150 });
    expect(await count()).toBe(0);
  });
});

describe.skipIf(!onPostgres)('retention on several instances', () => {
  it('a pass that finds another instance’s pass at work leaves the batches to it', async () => {
    const old = clock.now().getTime() - 100 * DAY;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 250; i++) {
        await tx.run(q`INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES (${`old-${i}`}, 'U1', 'message', ${old}, 'done', ${old})`);
      }
    });
    // The other instance: its own pool, its first batch held open until this one's pass has run.
    const other = await openTestDatabase(t.file);
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    try {
      const theirs = applyRetention(
        slowTransactions(other, () => (inside(), gate)),
        clock.now(),
      );
      await entered;
      expect(await applyRetention(t.db, clock.now())).toEqual({ conversations: 0, inbox: 0, outbox: 0, handoffsIdle: 0, handoffMessages: 0, handoffs: 0 });
      open();
      expect(await theirs).toMatchObject({ inbox: 250 });
    } finally {
      open();
      await other.close();
    }
  });
});

/** Every database file on disk (main, -wal, -shm, -journal), read as raw bytes. */
function databaseBytes(file: string): Buffer {
  const parts = ['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((f) => fs.existsSync(f));
  return Buffer.concat(parts.map((f) => fs.readFileSync(f)));
}

// SQLite's files on disk (secure_delete, the WAL checkpoint); PostgreSQL's storage is the server's.
describe.skipIf(onPostgres)('erasure at rest', () => {
  it('leaves no trace of an erased phone number or name in the database files', async () => {
    const staff = new Person(t);
    await addStaff(t.db, 'default', staff.userId, 'cli', clock.now().getTime());
    const yai = new Person(t);
    await book(yai, { name: 'สมศรี ใจดี', phone: '089-765-4321' });
    await t.bot.outbox.runOnce(); // the staff notice, with the name and phone, goes out and stays on disk
    expect(JSON.stringify(fake.messagesTo(staff.userId))).toContain('สมศรี');
    expect(await t.db.get<BookingRow>(q`SELECT * FROM bookings`)).toMatchObject({ phone: expect.stringMatching(/^089/) });
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
