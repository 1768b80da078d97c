// The outbox: retries with one stored retry key, 409 as "already sent", bounded attempts, blocked
// users, and replies orphaned by a crash going out as pushes after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeEvents } from '../../src/db/inbox';
import { screenEvent } from '../../src/handlers/webhook-input';
import type { OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { updateRow } from '../support/database';
import { text } from '../../src/line/messages';
import { parseRetryAfter } from '../../src/line/client';
import { setLogSink } from '../../src/log';
import { backoffMs, cancelPending, enqueuePush, enqueueReply } from '../../src/notify/outbox';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, postWebhook, secondInstance, type TestBot } from '../support/harness';

const USER = 'U' + 'c'.repeat(32);
let t: TestBot;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

function queue(extra: { dedupeKey?: string; ref?: string; dueAt?: number } = {}) {
  return enqueuePush(t.db, 'default', { to: USER, messages: [text('แจ้งเตือนค่ะ')], purpose: 'test', dueAt: clock.now().getTime(), ...extra }, clock.now().getTime());
}
const row = async (id: number) => (await t.db.get<OutboxRow>(q`SELECT * FROM outbox WHERE id = ${id}`))!;
const pushCalls = () => fake.calls.filter((c) => c.path === '/v2/bot/message/push');
/** What a process killed mid-send leaves: the row claimed by an instance that no longer runs. */
const claimedByDeadProcess = (id: number) =>
  updateRow(t.db, 'outbox', { id }, { status: 'sending', claimedBy: 'instance-killed-by-sigkill', claimedUntil: clock.now().getTime() + 60_000 });
/** A reply that could not go as a reply and waits as a push (its claim let go), with `fields`. */
const waitingAsPush = (id: number, fields: Partial<OutboxRow> = {}) => updateRow(t.db, 'outbox', { id }, { status: 'pending', claimedBy: null, claimedUntil: null, ...fields });
/** Capture the log lines written while `run` runs. */
async function logged(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  setLogSink((line) => lines.push(line), 'info');
  try {
    await run();
  } finally {
    setLogSink(() => undefined);
  }
  return lines;
}

describe('outbox worker', () => {
  it('sends once after a 500, with the same retry key on both attempts', async () => {
    const id = (await queue())!;
    fake.failNext('push', 500);
    await t.bot.outbox.runOnce();
    expect((await row(id))).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).dueAt).toBe(clock.now().getTime() + backoffMs(1));

    await t.bot.outbox.runOnce(); // not due yet: nothing happens
    expect(pushCalls()).toHaveLength(1);

    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    expect((await row(id))).toMatchObject({ status: 'sent', attempts: 2 });
    const keys = pushCalls().map((c) => c.retryKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('backs off on 429 and on network errors, then sends', async () => {
    const id = (await queue())!;
    fake.failNext('push', 429, 1, 'The API rate limit has been exceeded. Try again later.');
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('pending');
    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('sent');
  });

  it('treats 409 (retry key already accepted) as sent', async () => {
    const id = (await queue())!;
    // LINE accepted the first attempt but the answer was lost: the retry meets a 409.
    await t.bot.outbox.runOnce();
    await updateRow(t.db, 'outbox', { id: id }, { status: 'pending' });
    await t.bot.outbox.runOnce();
    expect(pushCalls().map((c) => c.status)).toEqual([200, 409]);
    expect((await row(id)).status).toBe('sent');
    expect(fake.sent).toHaveLength(1);
  });

  it('gives up after the configured attempts and keeps the row for inspection', async () => {
    const id = (await queue())!;
    fake.failNext('push', 500, 5);
    for (let i = 1; i <= 3; i++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(i));
    }
    expect((await row(id))).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await row(id)).lastError).toContain('500');
    await t.bot.outbox.runOnce();
    expect(pushCalls()).toHaveLength(3);
  });

  it('does not retry a 400: the request itself is wrong', async () => {
    const id = (await queue())!;
    fake.failNext('push', 400, 1, 'Failed to send messages');
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('failed');
  });

  it('never queues the same dedupe key twice', async () => {
    expect(await queue({ dedupeKey: 'reminder:1:day-before' })).toBeTypeOf('number');
    expect(await queue({ dedupeKey: 'reminder:1:day-before' })).toBeUndefined();
  });

  it('cancels pending pushes by reference', async () => {
    const id = (await queue({ ref: 'booking:7', dueAt: clock.now().getTime() + 3600_000 }))!;
    expect(await cancelPending(t.db, 'default', 'booking:7')).toBe(1);
    clock.advance(2 * 3600_000);
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('cancelled');
    expect(fake.sent).toHaveLength(0);
  });

  it('sends nothing to a user who has blocked the bot', async () => {
    await postWebhook(t.bot, callback(events.unfollow(USER)));
    await t.bot.idle();
    const id = (await queue())!;
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('cancelled');
    expect(pushCalls()).toHaveLength(0);
  });

  it('a LINE outage delays a push but never loses or duplicates it', async () => {
    const id = (await queue())!;
    fake.failNext('push', 503, 2);
    for (let i = 1; i <= 3; i++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(i));
    }
    expect((await row(id)).status).toBe('sent');
    expect(fake.sent).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-11-23T03:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 03:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:59:00 GMT', now)).toBe(0); // already past
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('99999', now)).toBe(15 * 60_000); // capped
  });

  it('a 429 with Retry-After in seconds is retried when LINE said, not after the backoff', async () => {
    const id = (await queue())!;
    fake.failNext('push', 429, 1, 'The API rate limit has been exceeded. Try again later.', '120');
    await t.bot.outbox.runOnce();
    expect((await row(id))).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).dueAt).toBe(clock.now().getTime() + 120_000);
  });

  it('a push LINE throttles leaves one log line, with the status and the wait, and nothing personal', async () => {
    await enqueuePush(t.db, 'default', { to: USER, messages: [text('คุณสมศรี 081-234-5678 ค่ะ')], purpose: 'test', dueAt: clock.now().getTime() }, clock.now().getTime());
    fake.failNext('push', 429, 1, 'The API rate limit has been exceeded. Try again later.', '120');
    const lines = await logged(() => t.bot.outbox.runOnce());
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'LINE API call failed', call: 'push', status: 429, retryAfterMs: 120_000 });
    expect(lines[0]).not.toContain(USER);
    expect(lines[0]).not.toMatch(/081|สมศรี/);
  });

  it('a 503 with Retry-After as an HTTP date is retried at that time', async () => {
    const id = (await queue())!;
    fake.failNext('push', 503, 1, 'unavailable', new Date(Date.now() + 30_000).toUTCString());
    await t.bot.outbox.runOnce();
    const wait = (await row(id)).dueAt - clock.now().getTime();
    expect(wait).toBeGreaterThan(28_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });

  it('holds every other push back too while LINE asks to wait, without spending an attempt', async () => {
    const first = (await queue())!;
    const second = (await enqueuePush(t.db, 'default', { to: USER, messages: [text('อีกข้อความค่ะ')], purpose: 'test', dueAt: clock.now().getTime() + 1 }, clock.now().getTime()))!;
    fake.failNext('push', 429, 1, 'The API rate limit has been exceeded. Try again later.', '5');
    clock.advance(1);
    await t.bot.outbox.runOnce();
    expect(pushCalls()).toHaveLength(1);
    expect((await row(first))).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(second))).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await row(second)).dueAt).toBeGreaterThan(clock.now().getTime());
  });
});

describe('draining a backlog', () => {
  it('one pass keeps claiming while full batches come, without waiting for the next tick', async () => {
    const now = clock.now().getTime();
    for (let i = 0; i < 250; i++) {
      await enqueuePush(t.db, 'default', { to: 'U' + String(i).padStart(32, '0'), messages: [text('แจ้งเตือนค่ะ')], purpose: 'test', dueAt: now }, now);
    }
    expect(await t.bot.outbox.runOnce(100)).toBe(250);
    expect(pushCalls()).toHaveLength(250);
    expect((await t.db.all(q`SELECT id FROM outbox WHERE status = 'sent'`))).toHaveLength(250);
  });

  it('sends one recipient’s messages in the order they were queued', async () => {
    const now = clock.now().getTime();
    for (let i = 1; i <= 5; i++) await enqueuePush(t.db, 'default', { to: USER, messages: [text(`ข้อความที่ ${i} ค่ะ`)], purpose: 'test', dueAt: now }, now);
    await t.bot.outbox.runOnce();
    expect(fake.messagesTo(USER)).toEqual([1, 2, 3, 4, 5].map((i) => text(`ข้อความที่ ${i} ค่ะ`)));
  });
});

describe('one user’s answers in order', () => {
  it('an answer waits while an older answer to the same user is still unsent (a backoff during an outage)', async () => {
    const now = clock.now().getTime();
    const first = (await enqueueReply(t.db, 'default', USER, undefined, [text('คำตอบที่หนึ่งค่ะ')], now, t.bot.outbox.instanceId))!.id;
    const second = (await enqueueReply(t.db, 'default', USER, undefined, [text('คำตอบที่สองค่ะ')], now + 1, t.bot.outbox.instanceId))!.id;
    await waitingAsPush(first, { dueAt: now + 8_000, attempts: 3 }); // backing off
    await waitingAsPush(second);
    clock.advance(1_000);
    await t.bot.outbox.runOnce();
    expect((await row(second)).status).toBe('pending');
    expect(fake.sent).toHaveLength(0);
    clock.advance(8_000);
    await t.bot.outbox.runOnce();
    expect(fake.messagesTo(USER)).toEqual([text('คำตอบที่หนึ่งค่ะ'), text('คำตอบที่สองค่ะ')]);
  });
});

describe('one user’s answers in order, fresh replies too', () => {
  it('a fresh reply does not overtake an older answer still on its way: it follows it as a push', async () => {
    const now = clock.now().getTime();
    const first = (await enqueueReply(t.db, 'default', USER, undefined, [text('คำตอบที่หนึ่งค่ะ')], now, t.bot.outbox.instanceId))!.id;
    await waitingAsPush(first, { dueAt: now + 4_000, attempts: 2 }); // backing off
    const fresh = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คำตอบที่สองค่ะ')], now + 1, t.bot.outbox.instanceId))!;
    const second = fresh.id;
    await t.bot.outbox.deliverReply(fresh);
    expect((await row(second))).toMatchObject({ status: 'pending', mode: 'push' });
    expect(fake.sent).toHaveLength(0);
    clock.advance(4_000);
    await t.bot.outbox.runOnce();
    expect(fake.messagesTo(USER)).toEqual([text('คำตอบที่หนึ่งค่ะ'), text('คำตอบที่สองค่ะ')]);
  });
});

describe('several instances on one database', () => {
  it('takes back the sending row of an instance that stopped beating, and sends it once; a live one’s is left alone', async () => {
    const other = await secondInstance(t, 'instance-b');
    try {
      const pushed = (await queue())!;
      const reply = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คำตอบค่ะ')], clock.now().getTime() + 1, t.bot.outbox.instanceId))!.id;
      await t.bot.outbox.heartbeat();
      // This instance claimed the push and is sending it; its reply is written, about to go.
      await updateRow(t.db, 'outbox', { id: pushed }, { status: 'sending', claimedBy: t.bot.outbox.instanceId, claimedUntil: clock.now().getTime() + 60_000 });
      clock.advance(5_000);
      await other.bot.outbox.heartbeat();
      expect(await other.bot.outbox.recover()).toMatchObject({ orphaned: 0 });
      await other.bot.idle();
      expect(await row(pushed)).toMatchObject({ status: 'sending', claimedBy: t.bot.outbox.instanceId });
      expect(await row(reply)).toMatchObject({ status: 'sending', claimedBy: t.bot.outbox.instanceId });

      // The first instance dies (no more beats); the other one's next passes find it gone.
      clock.advance(20_000);
      await other.bot.outbox.heartbeat();
      expect(await other.bot.outbox.recover()).toMatchObject({ orphaned: 2, requeued: 1, resent: 1 });
      await other.bot.idle();
      expect(await other.bot.outbox.recover()).toMatchObject({ orphaned: 0 });
      await other.bot.outbox.runOnce();
      expect(await row(pushed)).toMatchObject({ status: 'sent', claimedBy: null });
      expect(await row(reply)).toMatchObject({ status: 'sent' }); // by reply: its token is 25 s old, still good
      expect(fake.sent).toHaveLength(2);
      expect(fake.messagesTo(USER)).toEqual(expect.arrayContaining([text('แจ้งเตือนค่ะ'), text('คำตอบค่ะ')]));
    } finally {
      await other.close();
    }
  });

  it('a restarted instance (same INSTANCE_ID) takes back its previous life’s claims at once, though its beat is fresh', async () => {
    const id = (await queue())!;
    await t.bot.outbox.heartbeat();
    await updateRow(t.db, 'outbox', { id }, { status: 'sending', claimedBy: t.bot.outbox.instanceId, claimedUntil: clock.now().getTime() + 60_000 });
    const before = t.bot.outbox.instanceId;
    t = await t.restart();
    expect(t.bot.outbox.instanceId).toBe(before);
    await t.bot.start();
    await t.bot.idle();
    expect(await row(id)).toMatchObject({ status: 'sent' });
    expect(pushCalls()).toHaveLength(1);
  });
});

describe('crash recovery', () => {
  it('pushes a reply that was committed but never sent before a restart', async () => {
    // The process died between the commit and the reply call.
    const id = (await enqueueReply(t.db, 'default', USER, 'token-that-will-be-stale', [text('คำตอบค่ะ')], clock.now().getTime(), t.bot.outbox.instanceId))!.id;
    t = await t.restart();
    // Written claimed, for a minute: a pass takes it once that runs out (start-up recovery, at once).
    clock.advance(59_000);
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('sending');
    clock.advance(2_000);
    await t.bot.outbox.runOnce();
    expect((await row(id))).toMatchObject({ status: 'sent', mode: 'push' });
    expect(fake.calls.filter((c) => c.path.endsWith('/reply'))).toHaveLength(0);
    expect(fake.sent.map((r) => r.via)).toEqual(['push']);
  });

  it('takes back a row whose sender died mid-send once its lease runs out', async () => {
    const id = (await queue())!;
    await updateRow(t.db, 'outbox', { id: id }, { status: 'sending', claimedUntil: clock.now().getTime() + 60_000 });
    await t.bot.outbox.runOnce();
    expect(fake.sent).toHaveLength(0);
    clock.advance(61_000);
    await t.bot.outbox.runOnce();
    expect((await row(id)).status).toBe('sent');
  });

  it('at start-up takes back a push a killed process left sending, at once, keeping its retry key (409 = sent)', async () => {
    const id = (await queue())!;
    await t.bot.outbox.runOnce(); // LINE accepted it …
    await claimedByDeadProcess(id); // … but the process died before saving "sent"
    t = await t.restart();
    await t.bot.start();
    await t.bot.idle();
    expect((await row(id))).toMatchObject({ status: 'sent', claimedBy: null });
    expect(pushCalls().map((c) => c.status)).toEqual([200, 409]);
    expect(new Set(pushCalls().map((c) => c.retryKey)).size).toBe(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('at start-up leaves alone a row claimed by a live instance (its own claim), so it extends to several', async () => {
    const id = (await queue())!;
    await updateRow(t.db, 'outbox', { id: id }, { status: 'sending', claimedBy: t.bot.outbox.instanceId, claimedUntil: clock.now().getTime() + 60_000 });
    expect(await t.bot.outbox.recover()).toMatchObject({ orphaned: 0 });
    await t.bot.idle();
    expect((await row(id))).toMatchObject({ status: 'sending', claimedBy: t.bot.outbox.instanceId });
    expect(pushCalls()).toHaveLength(0);
  });

  it('after a crash, cancels a reply a later one has superseded and sends only the latest', async () => {
    const now = clock.now().getTime();
    const older = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คำถามเก่าค่ะ')], now, t.bot.outbox.instanceId))!.id;
    const latest = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คำถามล่าสุดค่ะ')], now + 1, t.bot.outbox.instanceId))!.id;
    await claimedByDeadProcess(older);
    await claimedByDeadProcess(latest);
    t = await t.restart();
    clock.advance(2_000);
    await t.bot.start();
    await t.bot.idle();
    expect((await row(older)).status).toBe('cancelled');
    expect((await row(latest)).status).toBe('sent');
    expect(fake.messagesTo(USER)).toEqual([text('คำถามล่าสุดค่ะ')]);
  });

  it('after a crash, an answer still to come (an event waiting in the inbox) supersedes an orphaned reply', async () => {
    const orphan = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คำตอบเก่าค่ะ')], clock.now().getTime(), t.bot.outbox.instanceId))!.id;
    await storeEvents(t.db, 'default', [screenEvent(events.text(USER, 'ติดต่อ'), clock.now().getTime())], clock.now().getTime());
    t = await t.restart();
    clock.advance(1_000);
    await t.bot.start();
    await t.bot.idle();
    expect((await row(orphan)).status).toBe('cancelled');
    expect(fake.sent.length).toBeGreaterThan(0);
    expect(fake.messagesTo(USER)).not.toContainEqual(text('คำตอบเก่าค่ะ'));
  });

  it('the recovery at start-up leaves one log line with its counts and nothing personal', async () => {
    const pushed = (await queue())!;
    await claimedByDeadProcess(pushed);
    const reply = (await enqueueReply(t.db, 'default', USER, fake.issueReplyToken(USER), [text('คุณสมศรี 081-234-5678 ค่ะ')], clock.now().getTime(), t.bot.outbox.instanceId))!.id;
    await claimedByDeadProcess(reply);
    t = await t.restart();
    const lines = await logged(async () => {
      await t.bot.start();
      await t.bot.idle();
    });
    const recovery = lines.filter((l) => l.includes('outbox recovered'));
    expect(recovery).toHaveLength(1);
    expect(JSON.parse(recovery[0]!)).toMatchObject({ orphaned: 2, superseded: 0, resent: 1, requeued: 1 });
    expect(recovery[0]).not.toContain(USER);
    expect(recovery[0]).not.toContain('081');
  });

  it('processes events stored before a crash when the app starts again', async () => {
    // Stored (LINE got its 200) but the process died before handling it.
    await storeEvents(t.db, 'default', [screenEvent(events.text(USER, 'ติดต่อ'), clock.now().getTime())], clock.now().getTime());
    t = await t.restart();
    clock.advance(3_000);
    await t.bot.start();
    await t.bot.idle();
    expect(fake.messagesTo(USER).length).toBeGreaterThan(0);
    // It waited: the user saw the loading animation while the bot caught up.
    expect(fake.calls.filter((c) => c.path === '/v2/bot/chat/loading/start')).toHaveLength(1);
  });
});
