// Reminders for a booked visit: queued with the booking for the day before and the morning of, with
// the time, place and documents; never for a time already past; sent once when due — also across a
// restart and a LINE outage; withdrawn when the visit is cancelled or moved; dropped, not sent late,
// when the bot was down until the visit began.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAY } from '../../src/booking/messages';
import { bookingRef } from '../../src/notify/reminders';
import { backoffMs } from '../../src/notify/outbox';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, texts, type TestBot } from '../support/harness';
import { book, bookingsOf, cancelFirst, moveFirst, outboxRows } from '../booking/helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 Nov 2569, 10:00 in Bangkok
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const reminders = async () => (await outboxRows(t)).filter((r) => r.purpose.startsWith('reminder-'));
const pushesTo = (userId: string) => fake.sent.filter((r) => r.to === userId && r.via === 'push');

describe('scheduling', () => {
  it('queues the day before at 17:00 and the morning of at 07:00, with time, place and documents', async () => {
    const yai = new Person(t);
    await book(yai); // Tuesday 24 Nov, 09:00
    const [booking] = (await bookingsOf(t, yai.userId));
    const rows = (await reminders());
    expect(rows.map((r) => [r.purpose, new Date(r.dueAt).toISOString(), r.status, r.ref, r.to])).toEqual([
      ['reminder-day-before', '2026-11-23T10:00:00.000Z', 'pending', bookingRef(booking!.id), yai.userId],
      ['reminder-morning-of', '2026-11-24T00:00:00.000Z', 'pending', bookingRef(booking!.id), yai.userId],
    ]);
    const message = rows[0]!.messages;
    for (const part of ['พรุ่งนี้มีนัด', '09:00–09:15 น.', 'กองสวัสดิการสังคม', 'ทะเบียนบ้าน (ตัวจริงและสำเนา)', booking!.code]) expect(message).toContain(part);
    expect(rows[1]!.messages).toContain('วันนี้มีนัด');
  });

  it('never queues one for a time already past', async () => {
    clock.set('2026-11-23T12:00:00Z'); // 19:00: the day-before time for Tuesday has gone
    const evening = new Person(t);
    const reply = await book(evening);
    expect((await reminders()).map((r) => r.purpose)).toEqual(['reminder-morning-of']);
    expect(texts(reply).at(-1)).toMatch(/^จะส่งข้อความเตือนเช้าวันนัด เวลา 07:00 น\. นะคะ/);

    clock.set('2026-11-24T01:00:00Z'); // Tuesday 08:00: booking this afternoon, both times passed
    const sameDay = new Person(t);
    const late = await book(sameDay, { day: 'วันอังคารที่ 24', time: '14:00' });
    expect((await reminders()).filter((r) => r.to === sameDay.userId)).toEqual([]);
    expect(texts(late).at(-1)).toBe(SAY.changeHint);
  });
});

describe('sending', () => {
  it('sends each when due, exactly once, also across restarts', async () => {
    const yai = new Person(t);
    await book(yai);
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId)).toHaveLength(0); // not due yet

    clock.set('2026-11-23T10:00:00Z');
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId)).toHaveLength(1);
    expect(allText(pushesTo(yai.userId)[0]!.messages)).toContain('พรุ่งนี้มีนัด');

    t = await t.restart();
    await t.bot.outbox.runOnce();
    (await t.bot.scheduler.runOnce());
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId)).toHaveLength(1);

    clock.set('2026-11-24T00:00:00Z');
    t = await t.restart();
    await t.bot.outbox.runOnce();
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId).map((r) => allText(r.messages).includes('วันนี้มีนัด'))).toEqual([false, true]);
  });

  it('a LINE outage delays a reminder; it goes out once, with one retry key', async () => {
    const yai = new Person(t);
    await book(yai);
    clock.set('2026-11-23T10:00:00Z');
    fake.failNext('push', 503, 2);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(attempt));
    }
    expect(pushesTo(yai.userId)).toHaveLength(1);
    const keys = fake.calls.filter((c) => c.path === '/v2/bot/message/push' && (c.body as { to: string }).to === yai.userId).map((c) => c.retryKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('drops a reminder still unsent when the visit has begun, instead of sending it late', async () => {
    const yai = new Person(t);
    await book(yai);
    clock.set('2026-11-24T02:05:00Z'); // 09:05 on Tuesday: the bot was down since Monday
    t = await t.restart();
    expect((await t.bot.scheduler.runOnce()).droppedReminders).toBe(2);
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId)).toHaveLength(0);
    expect((await reminders()).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('cancelled or moved', () => {
  it('cancelling withdraws the reminders in the same step', async () => {
    const yai = new Person(t);
    await book(yai);
    await cancelFirst(yai);
    expect((await reminders()).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    clock.set('2026-11-24T00:00:00Z');
    await t.bot.outbox.runOnce();
    expect(pushesTo(yai.userId)).toHaveLength(0);
  });

  it('moving replaces them with the new time’s', async () => {
    const yai = new Person(t);
    await book(yai);
    await moveFirst(yai, 'วันพุธที่ 25', '13:00');
    const rows = (await reminders());
    expect(rows.map((r) => [r.status, new Date(r.dueAt).toISOString()])).toEqual([
      ['cancelled', '2026-11-23T10:00:00.000Z'],
      ['cancelled', '2026-11-24T00:00:00.000Z'],
      ['pending', '2026-11-24T10:00:00.000Z'],
      ['pending', '2026-11-25T00:00:00.000Z'],
    ]);
    expect(rows[2]!.messages).toContain('13:00–13:15 น.');
    expect(new Set(rows.map((r) => r.retryKey)).size).toBe(4);
  });
});
