// The outbox: retries with one stored retry key, 409 as "already sent", bounded attempts, blocked
// users, and replies orphaned by a crash going out as pushes after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { storeEvents } from '../../src/db/inbox';
import { screenEvent } from '../../src/handlers/webhook-input';
import { outbox } from '../../src/db/schema';
import { text } from '../../src/line/messages';
import { backoffMs, cancelPending, enqueuePush, enqueueReply } from '../../src/notify/outbox';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, postWebhook, type TestBot } from '../support/harness';

const USER = 'U' + 'c'.repeat(32);
let t: TestBot;

beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = createTestBot({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

function queue(extra: { dedupeKey?: string; ref?: string; dueAt?: number } = {}) {
  return enqueuePush(t.db, { to: USER, messages: [text('แจ้งเตือนค่ะ')], purpose: 'test', dueAt: clock.now().getTime(), ...extra }, clock.now().getTime());
}
const row = (id: number) => t.db.select().from(outbox).where(eq(outbox.id, id)).get()!;
const pushCalls = () => fake.calls.filter((c) => c.path === '/v2/bot/message/push');

describe('outbox worker', () => {
  it('sends once after a 500, with the same retry key on both attempts', async () => {
    const id = queue()!;
    fake.failNext('push', 500);
    await t.bot.outbox.runOnce();
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row(id).dueAt).toBe(clock.now().getTime() + backoffMs(1));

    await t.bot.outbox.runOnce(); // not due yet: nothing happens
    expect(pushCalls()).toHaveLength(1);

    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    const keys = pushCalls().map((c) => c.retryKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('backs off on 429 and on network errors, then sends', async () => {
    const id = queue()!;
    fake.failNext('push', 429, 1, 'The API rate limit has been exceeded. Try again later.');
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('pending');
    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('sent');
  });

  it('treats 409 (retry key already accepted) as sent', async () => {
    const id = queue()!;
    // LINE accepted the first attempt but the answer was lost: the retry meets a 409.
    await t.bot.outbox.runOnce();
    t.db.update(outbox).set({ status: 'pending' }).where(eq(outbox.id, id)).run();
    await t.bot.outbox.runOnce();
    expect(pushCalls().map((c) => c.status)).toEqual([200, 409]);
    expect(row(id).status).toBe('sent');
    expect(fake.sent).toHaveLength(1);
  });

  it('gives up after the configured attempts and keeps the row for inspection', async () => {
    const id = queue()!;
    fake.failNext('push', 500, 5);
    for (let i = 1; i <= 3; i++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(i));
    }
    expect(row(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row(id).lastError).toContain('500');
    await t.bot.outbox.runOnce();
    expect(pushCalls()).toHaveLength(3);
  });

  it('does not retry a 400: the request itself is wrong', async () => {
    const id = queue()!;
    fake.failNext('push', 400, 1, 'Failed to send messages');
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('failed');
  });

  it('never queues the same dedupe key twice', () => {
    expect(queue({ dedupeKey: 'reminder:1:day-before' })).toBeTypeOf('number');
    expect(queue({ dedupeKey: 'reminder:1:day-before' })).toBeUndefined();
  });

  it('cancels pending pushes by reference', async () => {
    const id = queue({ ref: 'booking:7', dueAt: clock.now().getTime() + 3600_000 })!;
    expect(cancelPending(t.db, 'booking:7')).toBe(1);
    clock.advance(2 * 3600_000);
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('cancelled');
    expect(fake.sent).toHaveLength(0);
  });

  it('sends nothing to a user who has blocked the bot', async () => {
    await postWebhook(t.bot, callback(events.unfollow(USER)));
    await t.bot.idle();
    const id = queue()!;
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('cancelled');
    expect(pushCalls()).toHaveLength(0);
  });

  it('a LINE outage delays a push but never loses or duplicates it', async () => {
    const id = queue()!;
    fake.failNext('push', 503, 2);
    for (let i = 1; i <= 3; i++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(i));
    }
    expect(row(id).status).toBe('sent');
    expect(fake.sent).toHaveLength(1);
  });
});

describe('crash recovery', () => {
  it('pushes a reply that was committed but never sent before a restart', async () => {
    // The process died between the commit and the reply call.
    const id = enqueueReply(t.db, USER, 'token-that-will-be-stale', [text('คำตอบค่ะ')], clock.now().getTime())!;
    t = await t.restart();
    clock.advance(60_000);
    await t.bot.outbox.runOnce();
    expect(row(id)).toMatchObject({ status: 'sent', mode: 'push' });
    expect(fake.calls.filter((c) => c.path.endsWith('/reply'))).toHaveLength(0);
    expect(fake.sent.map((r) => r.via)).toEqual(['push']);
  });

  it('takes back a row whose sender died mid-send once its lease runs out', async () => {
    const id = queue()!;
    t.db.update(outbox).set({ status: 'sending', claimedUntil: clock.now().getTime() + 60_000 }).where(eq(outbox.id, id)).run();
    await t.bot.outbox.runOnce();
    expect(fake.sent).toHaveLength(0);
    clock.advance(61_000);
    await t.bot.outbox.runOnce();
    expect(row(id).status).toBe('sent');
  });

  it('processes events stored before a crash when the app starts again', async () => {
    // Stored (LINE got its 200) but the process died before handling it.
    storeEvents(t.db, [screenEvent(events.text(USER, 'ติดต่อ'), clock.now().getTime())], clock.now().getTime());
    t = await t.restart();
    clock.advance(3_000);
    t.bot.start();
    await t.bot.idle();
    expect(fake.messagesTo(USER).length).toBeGreaterThan(0);
    // It waited: the user saw the loading animation while the bot caught up.
    expect(fake.calls.filter((c) => c.path === '/v2/bot/chat/loading/start')).toHaveLength(1);
  });
});
