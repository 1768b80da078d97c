// The webhook's door against hostile and odd input: signatures compared as exact text, replays and
// future-dated events refused, malformed JSON answered without a 500, a 413 that closes the
// connection, and one log line (without personal data) for each refusal.
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { RETENTION } from '../../src/db/retention';
import { setLogSink } from '../../src/log';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, postWebhook, sign, texts, type TestBot } from '../support/harness';

const DAY = 86_400_000;
const USER_A = 'U' + 'a'.repeat(32);
const USER_B = 'U' + 'b'.repeat(32);
const PHONE = '0812345678';

let t: TestBot;
let logLines: string[];
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  logLines = [];
  setLogSink((line) => logLines.push(line));
});
afterEach(async () => {
  setLogSink(() => undefined);
  await t.close();
  expectNoLineProblems();
});

const rows = () => t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY received_at, event_id`);
const logged = (msg: string) => logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);

describe('signatures are compared as the exact base64 text', () => {
  const body = JSON.stringify(callback(events.text(USER_A, 'เมนู')));
  const good = sign(body);

  it('accepts the exact signature', async () => {
    expect((await postWebhook(t.bot, body, good)).status).toBe(200);
  });

  it.each([
    ['without its = padding', () => good.replace(/=+$/, '')],
    ['as base64url', () => good.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    ['with characters after it', () => `${good}AA`],
    ['with a space after it', () => `${good} x`],
    ['twice, joined by a comma', () => `${good}, ${good}`],
    ['in lower case', () => good.toLowerCase()],
  ])('refuses the signature %s with 401 and stores nothing', async (_name, variant) => {
    expect(variant()).not.toBe(good);
    const response = await postWebhook(t.bot, body, variant());
    expect(response.status).toBe(401);
    await t.bot.idle();
    expect((await rows())).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
    expect(logged('webhook rejected: bad or missing signature')).toHaveLength(1);
  });
});

describe('replays and clocks', () => {
  it('stores an event older than the de-duplication window as refused and does not act on it', async () => {
    const old = { ...events.text(USER_A, `โทร ${PHONE}`), timestamp: clock.now().getTime() - 40 * DAY };
    const response = await postWebhook(t.bot, callback(old));
    expect(response.status).toBe(200);
    await t.bot.idle();
    expect(fake.calls).toHaveLength(0);
    expect((await rows())).toEqual([expect.objectContaining({ eventId: old.webhookEventId, status: 'refused', payload: null })]);
    const lines = logged('webhook event refused');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ reason: 'replay', type: 'message' });
    expect(logLines.join('\n')).not.toContain(PHONE);
  });

  it('refuses an event just past the window but acts on one a day inside it', async () => {
    const edge = RETENTION.inboxDays * DAY;
    const tooOld = { ...events.text(USER_A, 'ติดต่อ'), timestamp: clock.now().getTime() - edge - 1 };
    const recent = { ...events.text(USER_B, 'ติดต่อ'), timestamp: clock.now().getTime() - edge + DAY };
    await postWebhook(t.bot, callback(tooOld, recent));
    await t.bot.idle();
    expect(fake.messagesTo(USER_A)).toHaveLength(0);
    expect(texts(fake.messagesTo(USER_B)).join()).toContain('โทร');
  });

  it('takes an event dated ahead of our clock (LINE signed it: our clock is behind) and logs the skew', async () => {
    const skewed = { ...events.text(USER_A, 'ติดต่อ'), timestamp: clock.now().getTime() + 60_000 };
    const ahead = { ...events.text(USER_B, 'ติดต่อ'), timestamp: clock.now().getTime() + 2 * DAY };
    await postWebhook(t.bot, callback(skewed, ahead));
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('โทร');
    expect(texts(fake.messagesTo(USER_B)).join()).toContain('โทร');
    expect(logged('webhook event refused')).toEqual([]);
    expect(logged('webhook events dated ahead of our clock: is the server clock behind?')).toEqual([expect.objectContaining({ minutes: 2 * 24 * 60 })]);
  });

  it('keeps the id of an event dated ahead until its own date is old, so its replay is refused, never run', async () => {
    const ahead = { ...events.text(USER_B, 'ติดต่อ'), timestamp: clock.now().getTime() + 10 * DAY };
    await postWebhook(t.bot, callback(ahead));
    await t.bot.idle();
    const answered = fake.messagesTo(USER_B).length;
    expect(answered).toBeGreaterThan(0);
    // 31 days later by our clock: received 31 days ago, but the event's own date only 21 days ago.
    clock.advance((RETENTION.inboxDays + 1) * DAY);
    await t.bot.scheduler.runRetention();
    expect((await rows()).map((r) => r.eventId)).toContain(ahead.webhookEventId);
    await postWebhook(t.bot, callback(ahead));
    await t.bot.idle();
    expect(fake.messagesTo(USER_B)).toHaveLength(answered);
    // Once its own date is past the window too, the id goes, and a replay is refused by its age.
    clock.advance(10 * DAY);
    await t.bot.scheduler.runRetention();
    expect((await rows()).map((r) => r.eventId)).not.toContain(ahead.webhookEventId);
    await postWebhook(t.bot, callback(ahead));
    await t.bot.idle();
    expect(fake.messagesTo(USER_B)).toHaveLength(answered);
    expect(logged('webhook event refused')).toEqual([expect.objectContaining({ reason: 'replay' })]);
  });
});

describe('odd JSON at the door', () => {
  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['an array', '[]'],
    ['an object without events', '{"destination":"U1"}'],
    ['events that are not an array', '{"destination":"U1","events":{"0":{}}}'],
    ['events: null', '{"destination":"U1","events":null}'],
  ])('answers a signed body that is %s with 400 and stores nothing', async (_name, body) => {
    const response = await postWebhook(t.bot, body);
    expect(response.status).toBe(400);
    expect((await rows())).toHaveLength(0);
    expect(logged('webhook rejected: malformed body')).toHaveLength(1);
  });

  it('answers a body that is not JSON with 400', async () => {
    expect((await postWebhook(t.bot, '{"events": [')).status).toBe(400);
    expect(logged('webhook rejected: malformed body')).toHaveLength(1);
  });

  it('refuses malformed events, skips them, and processes the rest of the batch', async () => {
    const good = events.text(USER_A, 'ติดต่อ');
    const numericId = { ...events.text(USER_B, `${PHONE}`), webhookEventId: 12345 };
    const noId = { ...events.text(USER_B, 'ติดต่อ'), webhookEventId: undefined };
    const noTimestamp = { ...events.text(USER_B, 'ติดต่อ'), timestamp: 'yesterday' };
    const groupWithoutId = { ...events.text(USER_B, 'ติดต่อ'), source: { type: 'group' } };
    const response = await postWebhook(t.bot, callback(null, 'x', numericId, noId, noTimestamp, groupWithoutId, good));
    expect(response.status).toBe(200);
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('โทร');
    expect(fake.messagesTo(USER_B)).toHaveLength(0);
    const stored = (await rows());
    expect(stored.filter((r) => r.status === 'refused')).toHaveLength(6);
    expect(stored.find((r) => r.eventId === good.webhookEventId)).toMatchObject({ status: 'done' });
    // Nothing the user typed is kept with a refused event, and the log has one line per event.
    expect(stored.every((r) => r.payload === null)).toBe(true);
    expect(JSON.stringify(stored) + logLines.join('\n')).not.toContain(PHONE);
    expect(logged('webhook event refused').map((l) => l.reason)).toEqual(Array(6).fill('malformed'));
  });

  it('refuses the same malformed event once when LINE sends it again', async () => {
    const broken = { ...events.text(USER_B, 'ติดต่อ'), webhookEventId: 7 };
    await postWebhook(t.bot, callback(broken));
    await postWebhook(t.bot, callback(broken));
    expect((await rows())).toHaveLength(1);
  });

  it.each([
    ['a text message without text', { message: { type: 'text', id: '1' } }],
    ['a text message whose text is a number', { message: { type: 'text', id: '1', text: 5 } }],
    ['a message event without a message', { message: undefined }],
    ['a message without a type', { message: { id: '1', text: 'เมนู' } }],
  ])('answers %s politely instead of failing', async (_name, override) => {
    const event = { ...events.text(USER_A, 'x'), ...override };
    expect((await postWebhook(t.bot, callback(event))).status).toBe(200);
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('อ่านได้เฉพาะข้อความ');
    expect((await rows())[0]).toMatchObject({ status: 'done' });
  });

  it('answers a postback without data politely instead of failing', async () => {
    const event = { ...events.postback(USER_A, 'x'), postback: undefined };
    await postWebhook(t.bot, callback(event));
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('ปุ่มนี้ใช้ไม่ได้แล้ว');
    expect((await rows())[0]).toMatchObject({ status: 'done' });
  });
});

describe('a body that is too large', () => {
  it('closes the connection after the 413, so the next request on a keep-alive agent succeeds', async () => {
    const server = serve({ fetch: t.bot.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string, signature: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/webhook', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-line-signature': signature, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const huge = JSON.stringify({ destination: USER_A, events: [], padding: 'x'.repeat(1_100_000) });
      const first = await post(huge, sign(huge));
      expect(first).toEqual({ status: 413, connection: 'close' });
      const small = JSON.stringify(callback(events.text(USER_A, 'ติดต่อ')));
      expect((await post(small, sign(small))).status).toBe(200);
      expect(logged('webhook rejected: body too large')).toHaveLength(1);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
