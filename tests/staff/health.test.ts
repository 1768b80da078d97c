// The workspace's health page (issue 12 point 3): an office's outbox rows that gave up (the fake
// LINE answering 500 until the attempts ran out), the LINE errors of the last day, the events that
// failed or were refused — without message contents or recipients — and "ส่งอีกครั้ง", which sends
// the row again with the SAME X-Line-Retry-Key; another office's row and a row already sent refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markFailed, storeEvents } from '../../src/db/inbox';
import type { AuditRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { applyRetention, RETENTION } from '../../src/db/retention';
import { addStaff } from '../../src/db/staff';
import { text } from '../../src/line/messages';
import { errorKind, lineErrorsLastDay, retryGaveUp } from '../../src/notify/health';
import { backoffMs, enqueuePush } from '../../src/notify/outbox';
import { healthPage } from '../../src/staff/pages/health';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { signInAt, type StaffSession } from './door-helpers';

const BASE = 'https://bot.example.go.th';
const SECRET_TEXT = 'ข้อความลับถึงคุณสมศรี 0812345678';
let t: TestBot;
let session: StaffSession;
let officer: Person;

const pushCalls = () => fake.calls.filter((c) => c.path === '/v2/bot/message/push');
const rowOf = async (office: string, id: number) => (await t.db.get<OutboxRow>(q`SELECT * FROM outbox WHERE office_id = ${office} AND id = ${id}`))!;

/** A push of `office` to a villager that LINE refuses until the outbox gives up (2 attempts here). */
async function gaveUp(office: string, status = 500): Promise<{ id: number; to: string }> {
  const to = new Person(t, undefined, office).userId;
  const now = clock.now().getTime();
  const id = (await enqueuePush(t.db, office, { to, messages: [text(SECRET_TEXT)], purpose: 'case-applicant', dueAt: now }, now))!;
  fake.failNext('push', status, status >= 500 ? 2 : 1, 'Internal server error');
  await t.bot.outbox.runOnce();
  clock.advance(backoffMs(1));
  await t.bot.outbox.runOnce();
  expect(await rowOf(office, id)).toMatchObject({ status: 'failed', attempts: status >= 500 ? 2 : 1 });
  return { id, to };
}

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ env: { PUBLIC_BASE_URL: BASE, OUTBOX_MAX_ATTEMPTS: '2' }, offices: ['a', 'b'], deps: { workspacePages: [healthPage] } });
  officer = new Person(t, undefined, 'a');
  await addStaff(t.db, 'a', officer.userId, 'cli', clock.now().getTime());
  session = await signInAt(t, officer);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('the health page', () => {
  it('lists the office\'s row that gave up with its purpose, attempts and error kind, and nothing of its content or recipient', async () => {
    const mine = await gaveUp('a');
    const theirs = await gaveUp('b', 400);
    const html = await session.html('/staff/health');
    expect(html).toContain(`action="/staff/health/outbox/${mine.id}/retry"`);
    expect(html).toContain('แจ้งผู้ยื่นเรื่อง');
    expect(html).toContain('LINE ขัดข้อง (500)');
    expect(html).toContain('ส่งอีกครั้ง');
    // Not the other office's row, nor what the message said or whom it was for.
    expect(html).not.toContain(`/staff/health/outbox/${theirs.id}/retry`);
    expect(html).not.toContain('LINE ไม่รับข้อความ (400');
    expect(html).not.toContain('ข้อความลับ');
    expect(html).not.toContain('0812345678');
    expect(html).not.toContain(mine.to);
    expect(html).not.toContain('Internal server error');
  });

  it('counts the LINE errors of the last day from what the outbox recorded, per kind', async () => {
    const first = await gaveUp('a');
    // A push that failed once and then went through: one failed attempt, sent after all.
    const now = clock.now().getTime();
    const later = (await enqueuePush(t.db, 'a', { to: officer.userId, messages: [text('แจ้งเตือน')], purpose: 'staff-agenda', dueAt: now }, now))!;
    fake.failNext('push', 503, 1);
    await t.bot.outbox.runOnce();
    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    expect((await rowOf('a', later)).status).toBe('sent');
    expect(await lineErrorsLastDay(t.db, 'a', clock.now().getTime())).toEqual([
      { kind: errorKind('500 Internal server error'), rows: 1, failedAttempts: 2, sentAfterAll: 0 },
      { kind: errorKind('503 scripted failure'), rows: 1, failedAttempts: 1, sentAfterAll: 1 },
    ]);
    const html = await session.html('/staff/health');
    expect(html).toContain('<td>LINE ขัดข้อง (500)</td><td>1</td><td>2</td><td>0</td>');
    expect(html).toContain('<td>LINE ขัดข้อง (503)</td><td>1</td><td>1</td><td>1</td>');
    // A day later they are no longer "the last day".
    clock.advance(25 * 3600_000);
    expect(await lineErrorsLastDay(t.db, 'a', clock.now().getTime())).toEqual([]);
    expect((await rowOf('a', first.id)).status).toBe('failed');
  });

  it('shows failed and refused events of the office by kind, not what the error said', async () => {
    const now = clock.now().getTime();
    await storeEvents(t.db, 'a', [
      { eventId: 'ev-refused', chatKey: 'Uvillager', type: 'message', timestamp: now, refused: { reason: 'stale', detail: 'older than the window' } },
      { eventId: 'ev-failed', chatKey: 'Uvillager', type: 'postback', timestamp: now, event: { type: 'postback' } as never },
    ], now);
    await markFailed(t.db, 'a', 'ev-failed', 'TypeError: cannot read 0899999999', now);
    await storeEvents(t.db, 'b', [{ eventId: 'ev-other', chatKey: 'Uother', type: 'follow', timestamp: now, refused: { reason: 'elsewhere', detail: 'x' } }], now);
    const html = await session.html('/staff/health');
    expect(html).toContain('<dt>ทำไม่สำเร็จ (24 ชม.)</dt><dd>1</dd><dt>ไม่รับ (24 ชม.)</dt><dd>1</dd>');
    expect(html).toContain('<td>postback</td>');
    expect(html).toContain('<span class="muted">TypeError</span>');
    expect(html).toContain('<span class="muted">stale</span>');
    expect(html).not.toContain('0899999999');
    expect(html).not.toContain('elsewhere');
  });
});

describe('ส่งอีกครั้ง', () => {
  it('sends the row again with the same X-Line-Retry-Key, audited; pressed again once it is sent, refused', async () => {
    const { id, to } = await gaveUp('a');
    const key = (await rowOf('a', id)).retryKey;
    expect(pushCalls().map((c) => c.retryKey)).toEqual([key, key]);
    await session.html('/staff/health');

    const response = await session.post(`/staff/health/outbox/${id}/retry`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/staff/health?m=retried');
    expect(await rowOf('a', id)).toMatchObject({ status: 'pending', attempts: 0, retryKey: key, dueAt: clock.now().getTime() });
    expect(await session.html('/staff/health?m=retried')).toContain('ตั้งให้ส่งอีกครั้งแล้วค่ะ');

    await t.bot.outbox.runOnce();
    expect(await rowOf('a', id)).toMatchObject({ status: 'sent', attempts: 1, retryKey: key });
    const delivered = fake.sent.filter((r) => r.to === to);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.retryKey).toBe(key);
    expect(pushCalls().map((c) => c.retryKey)).toEqual([key, key, key]);

    const audits = await t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = 'a' AND action = 'outbox.retry'`);
    expect(audits).toMatchObject([{ actor: officer.userId, target: `outbox:${id}`, detail: 'case-applicant' }]);

    const again = await session.post(`/staff/health/outbox/${id}/retry`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('ไม่ส่งซ้ำ');
    expect((await rowOf('a', id)).status).toBe('sent');
  });

  it('refuses another office\'s row (as unknown) and leaves it as it was', async () => {
    const theirs = await gaveUp('b');
    await session.html('/staff/health');
    const response = await session.post(`/staff/health/outbox/${theirs.id}/retry`);
    expect(response.status).toBe(404);
    expect(await rowOf('b', theirs.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await session.post('/staff/health/outbox/not-a-number/retry')).status).toBe(404);
    await t.db.transaction(async (tx) => {
      expect(await retryGaveUp(tx, 'a', theirs.id, clock.now().getTime())).toEqual({ ok: false, why: 'not-found' });
    });
    const audits = await t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE action = 'outbox.retry'`);
    expect(audits).toEqual([]);
  });

  it('offers nothing to send once retention has blanked the content, and refuses a POST for it', async () => {
    const { id } = await gaveUp('a');
    await applyRetention(t.db, new Date(clock.now().getTime() + (RETENTION.sentMessagesDays + 1) * 86_400_000));
    expect((await rowOf('a', id)).messages).toBe('[]');
    const html = await session.html('/staff/health');
    expect(html).toContain('เนื้อหาถูกลบตามระยะเก็บรักษาแล้ว');
    expect(html).not.toContain(`/staff/health/outbox/${id}/retry`);
    const refused = await session.post(`/staff/health/outbox/${id}/retry`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('เนื้อหาถูกลบไปแล้ว');
    expect(await rowOf('a', id)).toMatchObject({ status: 'failed', messages: '[]' });
  });

  it('refuses a row still pending (not given up): only failed rows are sent again', async () => {
    const now = clock.now().getTime();
    const id = (await enqueuePush(t.db, 'a', { to: officer.userId, messages: [text('ยังไม่ถึงเวลา')], purpose: 'staff-agenda', dueAt: now + 3600_000 }, now))!;
    await session.html('/staff/health');
    expect((await session.post(`/staff/health/outbox/${id}/retry`)).status).toBe(409);
    expect(await rowOf('a', id)).toMatchObject({ status: 'pending', dueAt: now + 3600_000 });
  });
});
