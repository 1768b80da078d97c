// The webhook path end to end: signature, inbox de-duplication, 200 at once, per-user order,
// standby, unknown types, and what reaches LINE (checked against the official spec).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, postWebhook, sign, texts, type TestBot } from '../support/harness';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const USER_A = 'U' + 'a'.repeat(32);
const USER_B = 'U' + 'b'.repeat(32);

describe('signature', () => {
  it('rejects a bad signature with 401 and stores and sends nothing', async () => {
    const body = JSON.stringify(callback(events.text(USER_A, 'เมนู')));
    const response = await postWebhook(t.bot, body, sign(body, 'some-other-secret'));
    expect(response.status).toBe(401);
    await t.bot.idle();
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`))).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects a missing signature with 401', async () => {
    const response = await postWebhook(t.bot, callback(events.text(USER_A, 'เมนู')), null);
    expect(response.status).toBe(401);
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`))).toHaveLength(0);
  });

  it('checks the raw bytes: re-serialising the same JSON breaks the signature', async () => {
    // LINE escapes emoji as \uXXXX; JSON.stringify(JSON.parse(body)) would turn them into raw UTF-8.
    const raw = JSON.stringify(callback(events.text(USER_A, 'สวัสดี'))).replace('สวัสดี', 'สวัสดี \\uD83D\\uDE00');
    const signatureOfReparsed = sign(JSON.stringify(JSON.parse(raw)));
    expect((await postWebhook(t.bot, raw, signatureOfReparsed)).status).toBe(401);
    expect((await postWebhook(t.bot, raw, sign(raw))).status).toBe(200);
  });

  it('accepts a body with emoji, escaped and literal, and answers it', async () => {
    const raw = JSON.stringify(callback(events.text(USER_A, 'สวัสดีค่ะ 🙏😊'))).replace('😊', '\\uD83D\\uDE0A');
    expect((await postWebhook(t.bot, raw, sign(raw))).status).toBe(200);
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join('\n')).toContain('สวัสดีค่ะ');
  });
});

describe('inbox', () => {
  it('answers the console Verify (events: []) with 200 and does nothing', async () => {
    const response = await postWebhook(t.bot, { destination: USER_A, events: [] });
    expect(response.status).toBe(200);
    expect(fake.calls).toHaveLength(0);
  });

  it('processes the same webhookEventId once, even when redelivered', async () => {
    const event = events.text(USER_A, 'ติดต่อ');
    await postWebhook(t.bot, callback(event));
    await postWebhook(t.bot, callback({ ...event, deliveryContext: { isRedelivery: true } }));
    await t.bot.idle();
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`))).toHaveLength(1);
    expect(fake.sent.filter((r) => r.to === USER_A)).toHaveLength(1);
  });

  it('answers 200 before the work is done, and has the event stored by then', async () => {
    const response = await postWebhook(t.bot, callback(events.text(USER_A, 'เมนู')));
    expect(response.status).toBe(200);
    // Nothing has been sent yet: the reply is produced after LINE has its answer.
    expect(fake.sent).toHaveLength(0);
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`))).toHaveLength(1);
    await t.bot.idle();
    expect(fake.sent).toHaveLength(1);
  });

  it("returns from the route before the event's turn runs, even when no network work comes first", async () => {
    const order: string[] = [];
    const handle = t.bot.engine.handle.bind(t.bot.engine);
    t.bot.engine.handle = (...args: Parameters<typeof handle>) => {
      order.push('turn');
      return handle(...args);
    };
    const response = await postWebhook(t.bot, callback(events.text(USER_A, 'ติดต่อ')));
    order.push(`answered ${response.status}`);
    await t.bot.idle();
    expect(order).toEqual(['answered 200', 'turn']);
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('โทร');
  });

  it('drops what the user typed from the inbox once processed, keeping the id', async () => {
    await postWebhook(t.bot, callback(events.text(USER_A, 'เบอร์โทร 081-234-5678')));
    await t.bot.idle();
    const [row] = (await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`));
    expect(row).toMatchObject({ status: 'done', payload: null });
  });
});

describe('batches and order', () => {
  it('serves two users from one POST, each getting their own answer', async () => {
    await postWebhook(t.bot, callback(events.text(USER_A, 'ติดต่อ'), events.follow(USER_B)));
    await t.bot.idle();
    expect(texts(fake.messagesTo(USER_A)).join()).toContain('โทร');
    expect(texts(fake.messagesTo(USER_B)).join()).toContain('ยินดีต้อนรับ');
  });

  it("handles one user's events in timestamp order even when they arrive out of order", async () => {
    const first = events.text(USER_A, 'ลบข้อมูลของฉัน');
    const second = events.text(USER_A, 'ไม่ลบ');
    await postWebhook(t.bot, callback(second, first));
    await t.bot.idle();
    const answers = fake.sent.filter((r) => r.to === USER_A).map((r) => texts(r.messages).join(' '));
    expect(answers[0]).toContain('ต้องการลบข้อมูลทั้งหมด');
    expect(answers[1]).toContain('ไม่ได้ลบข้อมูล');
  });
});

describe('events the bot does not act on', () => {
  it('sends nothing in standby mode', async () => {
    await postWebhook(t.bot, callback({ ...events.text(USER_A, 'เมนู'), mode: 'standby' }));
    await t.bot.idle();
    expect(fake.calls).toHaveLength(0);
  });

  it('ignores unknown event types and answers unknown message types politely', async () => {
    const unknownEvent = { ...events.text(USER_A, 'x'), type: 'somethingNew', message: undefined };
    const unknownMessage = { ...events.text(USER_B, 'x'), message: { type: 'hologram', id: '1' } };
    const response = await postWebhook(t.bot, callback(unknownEvent, unknownMessage));
    expect(response.status).toBe(200);
    await t.bot.idle();
    expect(fake.messagesTo(USER_A)).toHaveLength(0);
    expect(texts(fake.messagesTo(USER_B)).join()).toContain('อ่านได้เฉพาะข้อความ');
  });

  it('ignores messages in groups', async () => {
    const inGroup = { ...events.text(USER_A, 'เมนู'), source: { type: 'group', groupId: 'C' + '1'.repeat(32), userId: USER_A } };
    await postWebhook(t.bot, callback(inGroup));
    await t.bot.idle();
    expect(fake.calls).toHaveLength(0);
  });
});

describe('health', () => {
  it('reports the database reachable', async () => {
    const response = await t.bot.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'reachable' });
  });

  it('reports 503 when the database is gone', async () => {
    await t.db.close();
    const response = await t.bot.app.request('/healthz');
    expect(response.status).toBe(503);
    t = await createTestBot(); // afterEach closes a fresh one
  });
});

describe('delivery', () => {
  it('falls back to a push when the reply token is rejected', async () => {
    fake.failNext('reply', 400, 1, 'Invalid reply token');
    await postWebhook(t.bot, callback(events.text(USER_A, 'ติดต่อ')));
    await t.bot.idle();
    const pushes = fake.sent.filter((r) => r.via === 'push' && r.to === USER_A);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(texts(pushes[0]!.messages).join()).toContain('โทร');
  });

  it('falls back to a push when LINE fails the reply with a 500', async () => {
    fake.failNext('reply', 500);
    await postWebhook(t.bot, callback(events.text(USER_A, 'ติดต่อ')));
    await t.bot.idle();
    expect(fake.sent.filter((r) => r.via === 'push')).toHaveLength(1);
    expect((await t.db.all<OutboxRow>(q`SELECT * FROM outbox ORDER BY id`))[0]).toMatchObject({ status: 'sent', mode: 'push' });
  });

  it('pushes an old event instead of using a reply token that has expired', async () => {
    const event = events.text(USER_A, 'ติดต่อ');
    await postWebhook(t.bot, callback({ ...event, timestamp: event.timestamp - 5 * 60_000 }));
    await t.bot.idle();
    expect(fake.calls.filter((c) => c.path.endsWith('/reply'))).toHaveLength(0);
    expect(fake.sent.filter((r) => r.via === 'push')).toHaveLength(1);
  });
});

describe('a hung LINE call', () => {
  it("does not stall the user's queue: the next event is handled after the wait", async () => {
    const { Dispatcher } = await import('../../src/handlers/dispatcher');
    const { storeEvents } = await import('../../src/db/inbox');
    const { screenEvent } = await import('../../src/handlers/webhook-input');
    const never = { deliverReply: () => new Promise<void>(() => undefined) } as unknown as import('../../src/notify/outbox').OutboxWorker;
    const dispatcher = new Dispatcher({
      db: t.db,
      engine: t.bot.engine,
      officeOf: (id) => ({ ...t.bot.offices.get(id)!, line: { showLoading: async () => undefined } as never }),
      outbox: never,
      now: () => clock.now(),
      attachments: t.config.attachments,
      deliveryWaitMs: 20,
    });
    const now = clock.now().getTime();
    await storeEvents(t.db, 'default', [events.text(USER_A, 'ติดต่อ'), events.text(USER_A, 'เมนู')].map((e) => screenEvent(e, now)), now);
    await dispatcher.kickAll();
    await dispatcher.idle();
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`)).map((r) => r.status)).toEqual(['done', 'done']);
  });
});

describe('errors keep no personal data', () => {
  it('describeError drops the parameters a failed query lists', async () => {
    const { describeError, stackFrames } = await import('../../src/log');
    const error = new Error("Failed query: insert into bookings (name, phone) values (?, ?)\nparams: ยายศรี,0812345678");
    expect(describeError(error)).toBe('Error: Failed query: insert into bookings (name, phone) values (?, ?)\nparams: [redacted]');
    expect(stackFrames(error)).not.toContain('0812345678');
  });
});

describe('oversized bodies', () => {
  it('refuses a body over 1 MB with 413 and stores nothing', async () => {
    const huge = JSON.stringify({ destination: USER_A, events: [], padding: 'x'.repeat(1_100_000) });
    const response = await postWebhook(t.bot, huge);
    expect(response.status).toBe(413);
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox ORDER BY timestamp, event_id`))).toHaveLength(0);
  });
});
