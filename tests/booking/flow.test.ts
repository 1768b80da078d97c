// Transcripts of booking a time: from the menu, typed words or the eligibility answer; the day and
// time buttons, typed days and times, names and Thai phone formats; the summary and the booked
// confirmation with code and documents; reasons for bad answers; back and cancel; and a slot that
// fills while the person is choosing, alone or with many confirming the last places at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { q } from '../../src/db/sql';
import { postback } from '../../src/flows/postback';
import { phoneReasonText } from '../../src/thai/phone';
import { nameReasonText } from '../../src/booking/input';
import { SAY } from '../../src/booking/messages';
import { MAX_UPCOMING_VISITS } from '../../src/flows/booking';
import { allText, callback, clock, createTestBot, events, expectNoLineProblems, fake, Person, postWebhook, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { book, bookingsOf, DEFAULT_WALK, flexButtons, flexLabels, tapFlex, takenIn, walkToConfirm } from './helpers';

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

const stateOf = (userId: string) =>
  t.db.get<{ flowId: string | null; stepId: string | null; answers: string; attempts: number }>(q`SELECT flow_id, step_id, answers, attempts FROM conversations WHERE user_id = ${userId}`);

describe('booking a time', () => {
  it('goes from the menu through one question at a time to a booking with a code and what to bring', async () => {
    const yai = new Person(t);
    const menu = await yai.say('เมนู');
    expect(quickReplyLabels(menu)).toEqual(expect.arrayContaining(['จองคิว', 'นัดหมายของฉัน']));
    expect(quickReplyLabels(menu)).not.toContain('นัดวันนี้ (จนท.)');

    let reply = await yai.tap('จองคิว');
    expect(texts(reply)).toEqual([SAY.service]);
    expect(quickReplyLabels(reply)).toEqual(['เบี้ยผู้สูงอายุ', 'เบี้ยความพิการ', 'เบี้ยผู้ป่วยเอดส์', 'ยื่นเอกสาร มชช.', 'ปรึกษาเจ้าหน้าที่', 'ยกเลิก']);

    reply = await yai.tap('เบี้ยผู้สูงอายุ');
    // Today still has slots after the one-hour lead; the weekend is left out, and so is December,
    // when the old-age allowance takes no registrations (rounds ต.ค.–พ.ย. and ม.ค.–ก.ย.).
    expect(flexLabels(reply)).toEqual([
      'วันจันทร์ที่ 23 พ.ย. 2569 ว่าง 36 ที่',
      'วันอังคารที่ 24 พ.ย. 2569 ว่าง 56 ที่',
      'วันพุธที่ 25 พ.ย. 2569 ว่าง 56 ที่',
      'วันพฤหัสบดีที่ 26 พ.ย. 2569 ว่าง 56 ที่',
      'วันศุกร์ที่ 27 พ.ย. 2569 ว่าง 56 ที่',
      'วันจันทร์ที่ 30 พ.ย. 2569 ว่าง 56 ที่',
    ]);
    expect(allText(reply)).toContain(SAY.onlyRegistrationDays);
    expect(quickReplyLabels(reply)).toEqual(['📅 เลือกวันอื่น', 'ย้อนกลับ', 'ยกเลิก']);

    reply = await tapFlex(yai, 'วันอังคารที่ 24');
    const times = flexLabels(reply);
    expect(times).toHaveLength(29);
    expect(times.slice(0, 3)).toEqual(['08:30', '08:45', '09:00']);
    expect(times).not.toContain('12:00');
    expect(times.at(-1)).toBe('เลือกวันอื่น');

    reply = await tapFlex(yai, '09:00');
    expect(texts(reply)).toEqual([SAY.name]);
    reply = await yai.say('สมศรี ใจดี');
    expect(texts(reply)).toEqual([SAY.phone]);
    reply = await yai.say('๐๘๑ ๒๓๔ ๕๖๗๘');
    const summary = allText(reply);
    for (const part of ['สมศรี ใจดี', '081-234-5678', 'วันอังคารที่ 24 พ.ย. 2569', '09:00–09:15 น.', 'ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ']) expect(summary).toContain(part);
    expect(quickReplyLabels(reply)).toEqual(['ยืนยันนัด', 'ย้อนกลับ', 'ยกเลิก']);
    expect((await bookingsOf(t, yai.userId))).toEqual([]);

    reply = await yai.tap('ยืนยันนัด');
    const [booking] = (await bookingsOf(t, yai.userId));
    expect(booking).toMatchObject({ serviceId: 'elderly', slotDate: '2026-11-24', slotStart: '09:00', name: 'สมศรี ใจดี', phone: '0812345678', status: 'booked' });
    expect(booking!.code).toMatch(/^[1-9]\d{5}$/);
    expect(booking!.startsAt).toBe(Date.parse('2026-11-24T02:00:00Z'));
    const done = allText(reply);
    expect(done).toContain(SAY.booked);
    expect(done).toContain(booking!.code);
    expect(done).toContain('ทะเบียนบ้าน (ตัวจริงและสำเนา)');
    expect(done).toContain('ถ้ามีผู้มาแทน: หนังสือมอบอำนาจ');
    expect(texts(reply).at(-1)).toContain('จะส่งข้อความเตือนวันก่อนนัด เวลา 17:00 น. และเช้าวันนัด เวลา 07:00 น.');
    expect(quickReplyLabels(reply)).toEqual(['นัดหมายของฉัน', 'เมนู']);
    expect(await stateOf(yai.userId)).toMatchObject({ flowId: null, answers: '{}' });
  });

  it.each(['จองคิว', 'นัด', 'ขอจองนัดหน่อยค่ะ', 'จอง คิว ค่ะ'])('starts from the typed words "%s"', async (typed) => {
    const reply = await new Person(t).say(typed);
    expect(texts(reply)).toEqual([SAY.service]);
  });

  it('starts at the day when the eligibility answer has chosen the service', async () => {
    const yai = new Person(t);
    const reply = await yai.postback(postback.go('booking', { service: 'disability' }));
    expect(allText(reply)).toContain('ลงทะเบียนรับเบี้ยความพิการ');
    expect(flexLabels(reply)[0]).toBe('วันจันทร์ที่ 23 พ.ย. 2569 ว่าง 18 ที่');
    expect(quickReplyLabels(reply)).toEqual(['📅 เลือกวันอื่น', 'ยกเลิก']);
  });

  it('asks for the service when the one given is not offered', async () => {
    const reply = await new Person(t).postback(postback.go('booking', { service: 'child-grant' }));
    expect(texts(reply)).toEqual([SAY.service]);
  });

  it.each(['081-234-5678', '081 234 5678', '+66 81 234 5678', '+66 (0)81-234-5678', '๐๘๑๒๓๔๕๖๗๘', 'เบอร์ 0812345678 ค่ะ'])('reads the phone number "%s"', async (typed) => {
    const yai = new Person(t);
    await walkToConfirm(yai, { phone: typed });
    await yai.tap('ยืนยันนัด');
    expect((await bookingsOf(t, yai.userId))[0]!.phone).toBe('0812345678');
  });

  it('explains a phone number it cannot take and asks again, keeping the answers', async () => {
    const yai = new Person(t);
    const reply = await walkToConfirm(yai, { phone: '081-234-567' });
    expect(texts(reply)).toEqual([phoneReasonText('short-mobile'), SAY.phone]);
    expect(await stateOf(yai.userId)).toMatchObject({ stepId: 'phone', attempts: 1 });
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toMatchObject({ day: '2026-11-24', time: '09:00', name: 'สมศรี ใจดี' });
  });

  it('refuses a 9-digit number that dials no landline, saying why, and takes 0066 with a note after it', async () => {
    const yai = new Person(t);
    let reply = await walkToConfirm(yai, { phone: '041-234-567' });
    expect(texts(reply)).toEqual([phoneReasonText('no-such-area'), SAY.phone]);
    expect(texts(reply)[0]).toContain('รหัสจังหวัด');
    reply = await yai.say('0066 81–234–5678 (มือถือ)');
    expect(allText(reply)).toContain('081-234-5678');
    await yai.tap('ยืนยันนัด');
    expect((await bookingsOf(t, yai.userId))[0]!.phone).toBe('0812345678');
  });

  it('asks for a name first when a phone number comes a step early', async () => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    await tapFlex(yai, '09:00');
    const reply = await yai.say('0812345678');
    expect(texts(reply)).toEqual([nameReasonText('looks-like-phone'), SAY.name]);
  });

  it.each([
    ['25 พ.ย.', '2026-11-25'],
    ['๒๖/๑๑/๒๕๖๙', '2026-11-26'],
    ['พรุ่งนี้ค่ะ', '2026-11-24'],
    ['วันที่ 30', '2026-11-30'],
  ])('takes the day typed as "%s"', async (typed, date) => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    const reply = await yai.say(typed);
    expect(texts(reply)).toEqual([]);
    expect(flexLabels(reply)).toContain('09:00');
    expect(JSON.parse((await stateOf(yai.userId))!.answers).day).toBe(date);
  });

  it.each([
    ['เบี้ยผู้สูงอายุ', '30 พ.ย.', '2026-11-30'], // the last day of the round, all on buttons
    ['เบี้ยความพิการ', '3 ธ.ค.', '2026-12-03'], // the first open day after the eight buttons
  ])('the %s day card gives a real open day as its typed example, and typing it works', async (service, example, date) => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    let reply = await yai.tap(service);
    expect(allText(reply)).toContain(JSON.stringify(SAY.otherDayHint(example)).slice(1, -1)); // inside the card
    reply = await yai.say('ไม่รู้');
    expect(texts(reply)[0]).toContain(`เช่น ${example}`);
    reply = await yai.say(example);
    expect(flexLabels(reply)).toContain('09:00');
    expect(JSON.parse((await stateOf(yai.userId))!.answers).day).toBe(date);
  });

  it('takes a day from the date picker', async () => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยความพิการ'); // registered any day of the year
    await yai.pickDate('2026-12-15');
    expect(JSON.parse((await stateOf(yai.userId))!.answers).day).toBe('2026-12-15');
  });

  it.each([
    ['2026-11-28', 'เป็นวันหยุด สำนักงานปิดค่ะ'],
    ['2026-12-07', 'วันหยุดชดเชยวันพ่อแห่งชาติ'],
    ['2026-11-20', 'วันนั้นผ่านมาแล้วค่ะ'],
    ['2027-01-15', 'จองล่วงหน้าได้ถึงวันพุธที่ 23 ธ.ค. 2569 ค่ะ'],
  ])('says why %s cannot be booked and asks again', async (date, reason) => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    const reply = await yai.pickDate(date);
    expect(texts(reply)[0]).toContain(reason);
    expect(await stateOf(yai.userId)).toMatchObject({ stepId: 'day', attempts: 1 });
  });

  it('states the last bookable day as an open day when the horizon ends on a weekend', async () => {
    clock.set('2026-11-05T03:00:00Z'); // Thursday: 30 days on is Saturday 5 Dec
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยความพิการ');
    const reply = await yai.pickDate('2027-01-15');
    expect(texts(reply)[0]).toBe('จองล่วงหน้าได้ถึงวันศุกร์ที่ 4 ธ.ค. 2569 ค่ะ เลือกวันที่ใกล้กว่านี้ได้เลยค่ะ');
  });

  it('gives the reason the office is closed for a closure', async () => {
    clock.set('2026-11-16T03:00:00Z'); // the Monday before the mobile-registration days
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    const reply = await yai.say('19 พ.ย.');
    expect(texts(reply)[0]).toBe('วันพฤหัสบดีที่ 19 พ.ย. 2569 สำนักงานไม่เปิดให้บริการค่ะ (เจ้าหน้าที่ออกหน่วยรับลงทะเบียนเคลื่อนที่ตามหมู่บ้าน) เลือกวันอื่นได้เลยค่ะ');
  });

  it('says so when today is too late to book, and for a day it cannot read', async () => {
    clock.set('2026-11-23T09:00:00Z'); // 16:00 in Bangkok
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    let reply = await yai.say('วันนี้');
    expect(texts(reply)[0]).toBe('วันนี้เลยเวลาที่จองได้แล้วค่ะ เลือกวันอื่นได้เลยค่ะ');
    reply = await yai.say('เร็วๆ นี้');
    expect(texts(reply)[0]).toContain('อ่านวันที่ไม่ออก');
  });

  it('takes a typed time and explains one that is not in the day', async () => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    let reply = await yai.say('12.15');
    expect(texts(reply)[0]).toBe(SAY.notASlot('12:15'));
    reply = await yai.say('สองโมง'); // 08:00 or 14:00: asked again, not guessed
    expect(texts(reply)[0]).toBe(SAY.timeUnreadable);
    reply = await yai.say('๙.๓๐ น.');
    expect(texts(reply)).toEqual([SAY.name]);
  });

  it.each([
    ['บ่ายสอง', '14:00'],
    ['บ่ายโมงครึ่งค่ะ', '13:30'],
    ['10 โมงครึ่ง', '10:30'],
  ])('takes the spoken time "%s" as %s', async (typed, time) => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    const reply = await yai.say(typed);
    expect(texts(reply)).toEqual([SAY.name]);
    expect(JSON.parse((await stateOf(yai.userId))!.answers).time).toBe(time);
  });

  it('asks before one person holds two services at the same time, and books both when told to', async () => {
    const yai = new Person(t);
    await book(yai); // เบี้ยผู้สูงอายุ, Tuesday 24 Nov 09:00–09:15
    await yai.say('จองคิว');
    await yai.tap('เบี้ยความพิการ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    let reply = await tapFlex(yai, '09:00');
    expect(texts(reply)[0]).toContain('มีนัดลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ วันอังคารที่ 24 พ.ย. 2569 เวลา 09:00 น. อยู่แล้ว');
    expect(quickReplyLabels(reply)).toEqual([SAY.bothVisits, SAY.pickOtherTime, 'ย้อนกลับ', 'ยกเลิก']);
    reply = await yai.tap(SAY.pickOtherTime);
    expect(flexLabels(reply)).toContain('09:15');
    reply = await tapFlex(yai, '09:15'); // right after the first visit: no clash, no question
    expect(texts(reply)).toEqual([SAY.name]);
    await yai.tap('ย้อนกลับ');
    await tapFlex(yai, '09:00');
    reply = await yai.tap(SAY.bothVisits);
    expect(texts(reply)).toEqual([SAY.name]);
    await yai.say('สมศรี ใจดี');
    await yai.say('081-234-5678');
    await yai.tap('ยืนยันนัด');
    expect((await bookingsOf(t, yai.userId)).map((b) => [b.serviceId, b.slotStart])).toEqual([
      ['elderly', '09:00'],
      ['disability', '09:00'],
    ]);
  });

  it('goes back a question, and ยกเลิก ends it without a booking', async () => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    await tapFlex(yai, '09:00');
    let reply = await yai.tap('ย้อนกลับ');
    expect(texts(reply)).toEqual(['ย้อนกลับไปข้อก่อนหน้าค่ะ']);
    expect(flexLabels(reply)).toContain('09:00');
    reply = await yai.say('ยกเลิก');
    expect(texts(reply)[0]).toBe('ยกเลิกเรื่องจองคิวแล้วค่ะ');
    expect((await bookingsOf(t, yai.userId))).toEqual([]);
  });

  it('picking another day from the times goes back to the days', async () => {
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(yai, 'วันอังคารที่ 24');
    const reply = await tapFlex(yai, 'เลือกวันอื่น');
    expect(flexLabels(reply)[0]).toMatch(/^วันจันทร์ที่ 23/);
  });

  it('offers the name and phone given last time', async () => {
    const yai = new Person(t);
    await book(yai);
    await yai.say('จองคิว');
    await yai.tap('ปรึกษาเจ้าหน้าที่');
    await tapFlex(yai, 'วันพุธที่ 25');
    let reply = await tapFlex(yai, '13:00');
    expect(quickReplyLabels(reply)).toEqual(['สมศรี ใจดี', 'ย้อนกลับ', 'ยกเลิก']);
    reply = await yai.tap('สมศรี ใจดี');
    expect(quickReplyLabels(reply)).toEqual(['081-234-5678', 'ย้อนกลับ', 'ยกเลิก']);
    await yai.tap('081-234-5678');
    await yai.tap('ยืนยันนัด');
    expect((await bookingsOf(t, yai.userId)).map((b) => [b.serviceId, b.name, b.phone])).toEqual([
      ['elderly', 'สมศรี ใจดี', '0812345678'],
      ['advice', 'สมศรี ใจดี', '0812345678'],
    ]);
  });
});

describe('how many visits one account may hold', () => {
  it(`books up to ${MAX_UPCOMING_VISITS} upcoming visits, then points to "นัดหมายของฉัน"`, async () => {
    const son = new Person(t);
    for (const time of ['09:00', '09:15', '09:30']) await book(son, { time });
    expect((await bookingsOf(t, son.userId))).toHaveLength(MAX_UPCOMING_VISITS);
    const reply = await son.say('จองคิว');
    expect(texts(reply)).toEqual([SAY.tooManyVisits(MAX_UPCOMING_VISITS)]);
    expect(quickReplyLabels(reply)).toEqual([SAY.myBookings, 'ติดต่อเจ้าหน้าที่', 'เมนู']);
    expect((await bookingsOf(t, son.userId))).toHaveLength(MAX_UPCOMING_VISITS);
  });
});

describe('a slot that fills while the person is choosing', () => {
  it('apologises at the confirmation and offers the next free times, never a double booking', async () => {
    const first = new Person(t);
    await book(first); // one of the two 09:00 places
    const late = new Person(t);
    await walkToConfirm(late);
    await book(new Person(t)); // the last 09:00 place, while `late` reads the summary

    let reply = await late.tap('ยืนยันนัด');
    expect(texts(reply)[0]).toBe(SAY.slotJustFilled('09:00'));
    expect(flexLabels(reply)).not.toContain('09:00');
    expect(flexLabels(reply)).toContain('09:15');
    expect((await takenIn(t, 'elderly', '2026-11-24', '09:00'))).toBe(2);
    expect((await bookingsOf(t, late.userId))).toEqual([]);

    reply = await tapFlex(late, '09:15');
    expect(allText(reply)).toContain('09:15–09:30 น.'); // straight to the summary: name and phone are kept
    await late.tap('ยืนยันนัด');
    expect((await bookingsOf(t, late.userId))[0]).toMatchObject({ slotStart: '09:15', name: DEFAULT_WALK.name });
  });

  it('apologises for a time button that filled after it was drawn, instead of calling it expired', async () => {
    const late = new Person(t);
    await late.say('จองคิว');
    await late.tap('เบี้ยผู้สูงอายุ');
    await tapFlex(late, 'วันอังคารที่ 24');
    const drawn = flexButtons(late.lastMessages()).find((b) => b.label === '09:00')!;
    await book(new Person(t));
    await book(new Person(t));
    const reply = await late.postback(drawn.action.data!);
    expect(texts(reply)[0]).toBe(SAY.slotJustFilled('09:00'));
    expect(flexLabels(reply)).not.toContain('09:00');
  });

  it('goes back to the days when the whole day filled', async () => {
    // Everything on Tuesday but one 30-minute มชช. slot is taken by others.
    const slots = ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30'];
    for (const time of slots) await book(new Person(t), { service: 'ยื่นเอกสาร มชช.', time });
    const late = new Person(t);
    await walkToConfirm(late, { service: 'ยื่นเอกสาร มชช.', time: '16:00' });
    await book(new Person(t), { service: 'ยื่นเอกสาร มชช.', time: '16:00' });
    const reply = await late.tap('ยืนยันนัด');
    expect(texts(reply)[0]).toBe(SAY.dayJustFilled('วันอังคารที่ 24 พ.ย. 2569'));
    expect(flexLabels(reply).some((label) => label.startsWith('วันอังคารที่ 24'))).toBe(false);
    expect((await stateOf(late.userId))!.stepId).toBe('day');
  });

  it('many people confirming the last places at the same moment get exactly the places', async () => {
    const people = Array.from({ length: 8 }, () => new Person(t));
    for (const person of people) await walkToConfirm(person, { time: '10:00' });
    const confirms = people.map((person) => {
      const button = flexButtons(person.lastMessages()).find((b) => b.label === 'ยืนยันนัด')!;
      return events.postback(person.userId, button.action.data!);
    });
    const response = await postWebhook(t.bot, callback(...confirms));
    expect(response.status).toBe(200);
    await t.bot.idle();

    expect((await takenIn(t, 'elderly', '2026-11-24', '10:00'))).toBe(2);
    const answers = people.map((person) => allText(person.lastMessages()));
    expect(answers.filter((a) => a.includes(SAY.booked))).toHaveLength(2);
    expect(answers.filter((a) => a.includes(SAY.slotJustFilled('10:00')))).toHaveLength(6);
  });
});
