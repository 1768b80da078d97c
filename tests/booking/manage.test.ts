// Transcripts of "นัดหมายของฉัน": the list of upcoming visits, moving one (name and phone kept, the old
// time freed), cancelling one after a second question, old and forged buttons that must not act,
// a move racing a new booking for the last place, and erasing one's data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postback } from '../../src/flows/postback';
import { SAY } from '../../src/booking/messages';
import { allText, callback, clock, createTestBot, events, expectNoLineProblems, fake, Person, postWebhook, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { book, bookingsOf, flexButtons, flexLabels, moveFirst, tapFlex, takenIn, walkToConfirm } from './helpers';

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

describe('my bookings', () => {
  it('says there are none, with the way to book', async () => {
    const reply = await new Person(t).say('นัดหมายของฉัน');
    expect(texts(reply)).toEqual([SAY.noBookings]);
    expect(quickReplyLabels(reply)).toEqual(['จองคิว', 'เมนู']);
  });

  it('lists upcoming visits, soonest first, each with move and cancel', async () => {
    const yai = new Person(t);
    await book(yai, { day: 'วันพุธที่ 25' });
    await book(yai, { day: 'วันอังคารที่ 24', time: '14:00' });
    const reply = await yai.say('ขอดูนัดของฉันหน่อยค่ะ');
    expect(texts(reply)).toEqual([SAY.yourBookings(2)]);
    const [soon, later] = (await bookingsOf(t, yai.userId)).sort((a, b) => a.startsAt - b.startsAt);
    const list = allText(reply);
    expect(list.indexOf(soon!.code)).toBeLessThan(list.indexOf(later!.code));
    expect(list).toContain('14:00–14:15 น.');
    expect(flexLabels(reply)).toEqual(['เลื่อนนัด', 'ยกเลิกนัด', 'เลื่อนนัด', 'ยกเลิกนัด']);
    expect(quickReplyLabels(reply)).toEqual(['จองคิว', 'เมนู']);
  });

  it('leaves out visits that have passed or were cancelled', async () => {
    const yai = new Person(t);
    await book(yai);
    clock.set('2026-11-24T03:00:00Z');
    const reply = await yai.say('นัดหมายของฉัน');
    expect(texts(reply)).toEqual([SAY.noBookings]);
  });
});

describe('cancelling', () => {
  it('asks once more, then frees the place and offers the way on', async () => {
    const yai = new Person(t);
    await book(yai);
    await yai.say('นัดหมายของฉัน');
    let reply = await tapFlex(yai, 'ยกเลิกนัด');
    const [booking] = (await bookingsOf(t, yai.userId));
    expect(texts(reply)[0]).toContain(`รหัสนัด ${booking!.code}`);
    expect(quickReplyLabels(reply)).toEqual(['ยืนยันยกเลิกนัด', 'ไม่ยกเลิก']);
    expect((await takenIn(t, 'elderly', '2026-11-24', '09:00'))).toBe(1);

    reply = await yai.tap('ยืนยันยกเลิกนัด');
    expect(texts(reply)).toEqual([SAY.cancelled(booking!.code)]);
    expect(quickReplyLabels(reply)).toEqual(['จองคิว', 'นัดหมายของฉัน', 'เมนู']);
    expect((await bookingsOf(t, yai.userId))[0]).toMatchObject({ status: 'cancelled', cancelledAt: clock.now().getTime() });
    expect((await takenIn(t, 'elderly', '2026-11-24', '09:00'))).toBe(0);
  });

  it('keeps the visit when the person says no', async () => {
    const yai = new Person(t);
    await book(yai);
    await yai.say('นัดหมายของฉัน');
    await tapFlex(yai, 'ยกเลิกนัด');
    const reply = await yai.tap('ไม่ยกเลิก');
    expect(texts(reply)).toEqual([SAY.yourBookings(1)]);
    expect((await bookingsOf(t, yai.userId))[0]!.status).toBe('booked');
  });

  it('a second tap on the confirm button changes nothing and says the visit is gone', async () => {
    const yai = new Person(t);
    await book(yai);
    await yai.say('นัดหมายของฉัน');
    await tapFlex(yai, 'ยกเลิกนัด');
    const confirm = yai.lastMessages().at(-1)!.quickReply!.items![0]!.action as { data: string };
    await yai.postback(confirm.data);
    const reply = await yai.postback(confirm.data);
    expect(texts(reply)).toEqual([SAY.gone]);
  });
});

describe('moving', () => {
  it('keeps the name and phone, shows the old and new time, and frees the old place', async () => {
    const yai = new Person(t);
    await book(yai);
    const [before] = (await bookingsOf(t, yai.userId));
    await yai.say('เลื่อนนัด');
    let reply = await tapFlex(yai, 'เลื่อนนัด');
    expect(allText(reply)).toContain('นัดเดิม: วันอังคารที่ 24 พ.ย. 2569 เวลา 09:00 น.');
    expect(allText(reply)).toContain(SAY.movingHint);
    reply = await tapFlex(yai, 'วันอังคารที่ 24');
    expect(flexLabels(reply)).not.toContain('09:00'); // its own time is not offered
    reply = await tapFlex(yai, '15:30');
    expect(allText(reply)).toContain('นัดเดิม');
    expect(allText(reply)).toContain('15:30–15:45 น.');
    expect(allText(reply)).toContain('สมศรี ใจดี');
    reply = await yai.tap('ยืนยันนัด');
    expect(allText(reply)).toContain(SAY.moved);

    const after = (await bookingsOf(t, yai.userId));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before!.id, code: before!.code, slotStart: '15:30', status: 'booked', name: 'สมศรี ใจดี' });
    expect((await takenIn(t, 'elderly', '2026-11-24', '09:00'))).toBe(0);
  });

  it('an old cancel button does not cancel a visit that has since moved', async () => {
    const yai = new Person(t);
    await book(yai);
    await yai.say('นัดหมายของฉัน');
    const oldCancel = flexButtons(yai.lastMessages()).find((b) => b.label === 'ยกเลิกนัด')!.action.data!;
    await moveFirst(yai, 'วันพุธที่ 25', '10:00');
    const reply = await yai.postback(oldCancel);
    expect(texts(reply)).toEqual([SAY.gone]);
    expect((await bookingsOf(t, yai.userId))[0]).toMatchObject({ status: 'booked', slotDate: '2026-11-25' });
  });

  it('a move and a new booking racing for the last place: exactly one gets it, nothing is lost', async () => {
    // เบี้ยความพิการ has one counter. `mover` holds 09:00 and moves to 10:00; `booker` books 10:00.
    const mover = new Person(t);
    await book(mover, { service: 'เบี้ยความพิการ' });
    await mover.say('นัดหมายของฉัน');
    await tapFlex(mover, 'เลื่อนนัด');
    await tapFlex(mover, 'วันอังคารที่ 24');
    await tapFlex(mover, '10:00');
    const booker = new Person(t);
    await walkToConfirm(booker, { service: 'เบี้ยความพิการ', time: '10:00' });

    const confirmOf = (person: Person) => flexButtons(person.lastMessages()).find((b) => b.label === 'ยืนยันนัด')!.action.data!;
    await postWebhook(t.bot, callback(events.postback(booker.userId, confirmOf(booker)), events.postback(mover.userId, confirmOf(mover))));
    await t.bot.idle();

    expect((await takenIn(t, 'disability', '2026-11-24', '10:00'))).toBe(1);
    const moverBookings = (await bookingsOf(t, mover.userId));
    expect(moverBookings).toHaveLength(1);
    expect(moverBookings[0]!.status).toBe('booked'); // moved, or still at 09:00 — never lost
    const winners = [...(await bookingsOf(t, booker.userId)), ...moverBookings].filter((b) => b.slotStart === '10:00');
    expect(winners).toHaveLength(1);
  });
});

describe('buttons for someone else’s visit', () => {
  it('forged move and cancel buttons are answered politely and act on nothing', async () => {
    const owner = new Person(t);
    await book(owner);
    const [booking] = (await bookingsOf(t, owner.userId));
    const stranger = new Person(t);
    let reply = await stranger.postback(postback.go('cancel-booking', { booking: String(booking!.id), at: String(booking!.startsAt), confirm: 'yes' }));
    expect(texts(reply)).toEqual([SAY.gone]);
    reply = await stranger.postback(postback.go('booking', { reschedule: String(booking!.id) }));
    expect(texts(reply)).toEqual([SAY.gone]);
    expect(quickReplyLabels(reply)).toEqual(['นัดหมายของฉัน', 'จองคิว', 'เมนู']);
    expect((await bookingsOf(t, owner.userId))[0]).toMatchObject({ status: 'booked', slotStart: '09:00' });
  });
});

describe('erasing one’s data', () => {
  it('cancels upcoming visits, frees the places, and blanks names and phones on every booking', async () => {
    const yai = new Person(t);
    await book(yai, { day: 'วันจันทร์ที่ 23', time: '11:00' });
    await book(yai, { day: 'วันพุธที่ 25' });
    clock.set('2026-11-24T03:00:00Z'); // the Monday visit is now past
    await yai.say('ลบข้อมูลของฉัน');
    await yai.tap('ยืนยัน ลบข้อมูล');

    const rows = (await bookingsOf(t, yai.userId)).sort((a, b) => a.startsAt - b.startsAt);
    expect(rows.map((r) => [r.slotDate, r.status, r.name, r.phone])).toEqual([
      ['2026-11-23', 'booked', '', ''],
      ['2026-11-25', 'cancelled', '', ''],
    ]);
    expect((await takenIn(t, 'elderly', '2026-11-25', '09:00'))).toBe(0);
    const reply = await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันพุธที่ 25');
    const nameQuestion = await tapFlex(yai, '09:00');
    expect(texts(reply)).toEqual([SAY.service]);
    expect(quickReplyLabels(nameQuestion)).toEqual(['ย้อนกลับ', 'ยกเลิก']); // nothing remembered to offer
  });
});
