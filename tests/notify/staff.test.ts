// Staff: a Flex notice to every staff member for each new, moved or cancelled visit, with the details
// and a button to the day's list; delayed by a LINE outage, never lost or sent twice; the daily agenda
// at the configured hour, once a day across restarts; today's and tomorrow's lists on request;
// staff-only commands refused to everyone else, forged postbacks included; the invitation code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAY as ENGINE_SAY } from '../../src/flows/engine';
import { postback } from '../../src/flows/postback';
import { STAFF_SAY } from '../../src/booking/staff-messages';
import { SAY } from '../../src/booking/messages';
import { loadConfig, SIMULATOR_STAFF_INVITE_CODE } from '../../src/config';
import { addStaff, isStaff } from '../../src/db/staff';
import { createInvitation, formatInviteCode } from '../../src/staff/access';
import { backoffMs } from '../../src/notify/outbox';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, secondInstance, slowTransactions, texts, type TestBot } from '../support/harness';
import { book, bookingsOf, cancelFirst, flexButtons, flexLabels, moveFirst, outboxRows, tapFlex } from '../booking/helpers';

let t: TestBot;
let staff: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 Nov 2569, 10:00 in Bangkok
  t = await createTestBot();
  staff = new Person(t);
  await addStaff(t.db, 'default', staff.userId, 'cli', clock.now().getTime());
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const pushesTo = (userId: string) => fake.sent.filter((r) => r.to === userId && r.via === 'push');
const noticesTo = (userId: string) => pushesTo(userId).map((r) => allText(r.messages));

describe('notices', () => {
  it('a new visit: a Flex push with the details and a button that opens that day’s list', async () => {
    const yai = new Person(t);
    await book(yai);
    const [booking] = (await bookingsOf(t, yai.userId));
    await t.bot.outbox.runOnce();

    const [notice] = pushesTo(staff.userId);
    expect(notice!.messages[0]!.type).toBe('flex');
    const content = allText(notice!.messages);
    for (const part of ['มีนัดใหม่', booking!.code, 'ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ', 'วันอังคารที่ 24 พ.ย. 2569', '09:00–09:15 น.', 'สมศรี ใจดี', '081-234-5678']) expect(content).toContain(part);
    expect((notice!.messages[0] as { altText: string }).altText).not.toContain('สมศรี');
    expect(flexLabels(notice!.messages)).toEqual(['ดูนัดวันอังคารที่ 24 พ.ย. 2569', 'โทร 081-234-5678']);

    const list = await staff.postback(flexButtons(notice!.messages)[0]!.action.data!);
    expect(allText(list)).toContain('ทั้งหมด 1 นัด');
    expect(texts(list).at(-1)).toContain(`09:00–09:15 น. เบี้ยผู้สูงอายุ · ${booking!.code}\n   สมศรี ใจดี โทร 081-234-5678`);
  });

  it('a move and a cancellation each get their own notice, with the old time for the move', async () => {
    const yai = new Person(t);
    await book(yai);
    await moveFirst(yai, 'วันพุธที่ 25', '13:00');
    await cancelFirst(yai);
    await t.bot.outbox.runOnce();

    const notices = noticesTo(staff.userId);
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('มีนัดใหม่');
    expect(notices[1]).toContain('มีการเลื่อนนัด');
    expect(notices[1]).toContain('วันอังคารที่ 24 พ.ย. 2569 เวลา 09:00 น.');
    expect(notices[1]).toContain('13:00–13:15 น.');
    expect(notices[2]).toContain('มีการยกเลิกนัด');
  });

  it('reach every staff member once each; a LINE outage delays them but never loses or repeats them', async () => {
    const second = new Person(t);
    await addStaff(t.db, 'default', second.userId, 'invite', clock.now().getTime());
    await book(new Person(t));
    fake.failNext('push', 503, 3);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await t.bot.outbox.runOnce();
      clock.advance(backoffMs(attempt));
    }
    expect(noticesTo(staff.userId)).toHaveLength(1);
    expect(noticesTo(second.userId)).toHaveLength(1);
    for (const row of (await outboxRows(t, 'staff-new'))) {
      const keys = fake.calls.filter((c) => c.path === '/v2/bot/message/push' && (c.body as { to: string }).to === row.to).map((c) => c.retryKey);
      expect(new Set(keys)).toEqual(new Set([row.retryKey]));
    }
  });

  it('a notice queued before a restart still goes out once', async () => {
    await book(new Person(t));
    t = await t.restart();
    await t.bot.outbox.runOnce();
    await t.bot.outbox.runOnce();
    expect(noticesTo(staff.userId)).toHaveLength(1);
  });

  it('a villager erasing their data: staff are told of the cancellation without the name or phone', async () => {
    const yai = new Person(t);
    await book(yai);
    await t.bot.outbox.runOnce();
    await yai.say('ลบข้อมูลของฉัน');
    await yai.tap('ยืนยัน ลบข้อมูล');
    await t.bot.outbox.runOnce();
    const [, erased] = noticesTo(staff.userId);
    expect(erased).toContain('มีการยกเลิกนัด');
    expect(erased).toContain(STAFF_SAY.erased);
    expect(erased).not.toContain('สมศรี');
    // The notice already sent about the visit no longer holds the name either.
    expect((await outboxRows(t, 'staff-new'))[0]!.messages).toBe('[]');
  });

  it('a notice still held up by a LINE outage is withdrawn when the villager erases their data', async () => {
    const yai = new Person(t);
    fake.failNext('push', 503, 5);
    await book(yai);
    await t.bot.outbox.runOnce(); // the "new booking" notice fails and waits for a retry
    expect((await outboxRows(t, 'staff-new'))[0]!.status).toBe('pending');
    await yai.say('ลบข้อมูลของฉัน');
    await yai.tap('ยืนยัน ลบข้อมูล');
    expect((await outboxRows(t, 'staff-new'))[0]).toMatchObject({ status: 'cancelled', messages: '[]' });
    fake.reset();
    clock.advance(3_600_000);
    await t.bot.outbox.runOnce();
    expect(pushesTo(staff.userId).map((r) => allText(r.messages)).join()).not.toContain('สมศรี');
  });
});

describe('the daily agenda', () => {
  it('goes to each staff member at the configured hour on open days, once, across restarts', async () => {
    const yai = new Person(t);
    await book(yai); // Tuesday 09:00
    clock.set('2026-11-24T00:29:00Z'); // Tuesday 07:29
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(0);
    clock.set('2026-11-24T00:30:00Z'); // 07:30
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(1);
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(0);
    t = await t.restart();
    clock.advance(60_000);
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(0);
    await t.bot.outbox.runOnce();

    const agendas = pushesTo(staff.userId).filter((r) => allText(r.messages).includes('📋'));
    expect(agendas).toHaveLength(1);
    const content = allText(agendas[0]!.messages);
    expect(content).toContain('📋 นัดวันนี้');
    expect(content).toContain('ทั้งหมด 1 นัด');
    expect(content).toContain('สมศรี ใจดี โทร 081-234-5678');
    expect((await outboxRows(t, 'staff-agenda')).map((r) => r.dedupeKey)).toEqual([`agenda:2026-11-24:${staff.userId}`]);
  });

  it('three instances’ schedulers in the same minute queue one agenda per staff member, counted once', async () => {
    await book(new Person(t));
    const colleague = new Person(t);
    await addStaff(t.db, 'default', colleague.userId, 'cli', clock.now().getTime());
    const b = await secondInstance(t, 'instance-b', slowTransactions);
    const c = await secondInstance(t, 'instance-c');
    try {
      clock.set('2026-11-24T00:30:00Z'); // Tuesday 07:30
      const passes = await Promise.all([b.bot.scheduler.runOnce(), c.bot.scheduler.runOnce(), t.bot.scheduler.runOnce()]);
      expect(passes.reduce((n, pass) => n + pass.agendas, 0)).toBe(2);
      expect((await outboxRows(t, 'staff-agenda')).map((r) => r.dedupeKey).sort()).toEqual(
        [`agenda:2026-11-24:${staff.userId}`, `agenda:2026-11-24:${colleague.userId}`].sort(),
      );
      await Promise.all([b.bot.outbox.runOnce(), c.bot.outbox.runOnce(), t.bot.outbox.runOnce()]);
      for (const person of [staff, colleague]) expect(pushesTo(person.userId).filter((r) => allText(r.messages).includes('📋'))).toHaveLength(1);
    } finally {
      await b.close();
      await c.close();
    }
  });

  it('is not sent on a closed day, nor after the office has closed', async () => {
    clock.set('2026-11-28T01:00:00Z'); // Saturday 08:00
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(0);
    clock.set('2026-11-23T09:30:00Z'); // Monday 16:30, closing time
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(0);
  });

  it('a staff member added during the day gets that day’s agenda too', async () => {
    clock.set('2026-11-24T00:30:00Z');
    (await t.bot.scheduler.runOnce());
    const newcomer = new Person(t);
    await addStaff(t.db, 'default', newcomer.userId, 'invite', clock.now().getTime());
    expect((await t.bot.scheduler.runOnce()).agendas).toBe(1);
  });
});

describe('lists on request', () => {
  it('staff ask for today’s and tomorrow’s visits, and step to the next open day', async () => {
    await book(new Person(t)); // Tuesday
    let reply = await staff.say('นัดวันนี้');
    expect(allText(reply)).toContain('📋 นัดวันนี้');
    expect(allText(reply)).toContain(STAFF_SAY.none);
    expect(quickReplyLabels(reply)).toEqual(['นัดวันนี้', 'นัดพรุ่งนี้', 'เมนู']);

    reply = await staff.say('นัดพรุ่งนี้ค่ะ');
    expect(allText(reply)).toContain('📋 นัดพรุ่งนี้');
    expect(allText(reply)).toContain('ทั้งหมด 1 นัด');

    reply = await tapFlex(staff, 'วันทำการถัดไป');
    expect(allText(reply)).toContain('วันพุธที่ 25 พ.ย. 2569');
  });

  it('staff type a day ("นัดวันที่ 24 พ.ย.") and step back to the previous open day', async () => {
    await book(new Person(t)); // Tuesday 24 Nov
    let reply = await staff.say('นัดวันที่ 24 พ.ย.');
    expect(allText(reply)).toContain('วันอังคารที่ 24 พ.ย. 2569');
    expect(allText(reply)).toContain('ทั้งหมด 1 นัด');
    // The hint's example is a real open day, and typing it works.
    const example = /พิมพ์ \\"(นัดวันที่ [^"\\]+)\\"/.exec(allText(reply))?.[1];
    expect(example).toBe('นัดวันที่ 25 พ.ย.');
    reply = await tapFlex(staff, 'วันทำการก่อนหน้า');
    expect(allText(reply)).toContain('วันจันทร์ที่ 23 พ.ย. 2569');
    reply = await tapFlex(staff, 'วันทำการก่อนหน้า'); // over the weekend and the two closure days
    expect(allText(reply)).toContain('วันพุธที่ 18 พ.ย. 2569');
    reply = await staff.say('ดูนัด 18 ธ.ค. ค่ะ');
    expect(allText(reply)).toContain('วันศุกร์ที่ 18 ธ.ค. 2569');
    // A villager typing the same words is booking, not reading the agenda.
    const villager = new Person(t);
    expect(texts(await villager.say('นัดวันที่ 24 พ.ย.'))).toEqual([SAY.service]);
  });

  it('a busy day is listed in full, within LINE’s five messages', async () => {
    for (let i = 0; i < 14; i++) await book(new Person(t), { name: `ผู้สูงอายุ คนที่${i + 1}`, time: ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30'][i % 7]! });
    const reply = await staff.say('นัดพรุ่งนี้');
    expect(reply.length).toBeLessThanOrEqual(5);
    expect(allText(reply)).toContain('ทั้งหมด 14 นัด');
    expect(allText(reply).match(/ผู้สูงอายุ คนที่/g)).toHaveLength(14);
  });

  it('a day far off or not a date shows today instead', async () => {
    for (const day of ['9999-12-31', 'tomorrow', '2026-02-30']) {
      const reply = await staff.postback(postback.go('staff-day', { day }));
      expect(allText(reply)).toContain('📋 นัดวันนี้');
    }
  });

  it('the staff menu shows the staff entries; a villager’s does not', async () => {
    expect(quickReplyLabels(await staff.say('เมนู'))).toEqual(expect.arrayContaining(['นัดวันนี้ (จนท.)', 'นัดพรุ่งนี้ (จนท.)']));
    expect(quickReplyLabels(await new Person(t).say('เมนู'))).not.toContain('นัดวันนี้ (จนท.)');
  });
});

describe('staff-only', () => {
  it('refuses staff commands to anyone else, even with forged postback data', async () => {
    await book(new Person(t));
    const villager = new Person(t);
    for (const data of [postback.go('staff-day', { day: '2026-11-24' }), postback.go('staff-today'), postback.go('staff-tomorrow')]) {
      const reply = await villager.postback(data);
      expect(texts(reply)).toEqual([ENGINE_SAY.staffOnly]);
      expect(allText(reply)).not.toContain('สมศรี');
    }
    // Typed, the words are just words: "นัดวันนี้" starts a booking for a villager.
    expect(texts(await villager.say('นัดวันนี้'))).toEqual([SAY.service]);
  });
});

describe('the invitation code', () => {
  it('makes the sender staff, whatever they were doing, and says so only once', async () => {
    const { code } = await createInvitation(t.db, 'default', { role: 'officer', createdBy: 'cli' }, clock.now().getTime());
    const clerk = new Person(t);
    await clerk.say('จองคิว');
    let reply = await clerk.say(formatInviteCode(code));
    expect(texts(reply)[0]).toContain('ลงทะเบียนเป็นเจ้าหน้าที่เรียบร้อยแล้วค่ะ');
    expect(texts(reply)[0]).toContain('07:30 น.');
    expect(quickReplyLabels(reply)).toEqual(['นัดวันนี้', 'นัดพรุ่งนี้', 'เมนู']);
    expect(await isStaff(t.db, 'default', clerk.userId)).toBe(true);
    // Sent again by the one who used it: they are staff already, and the code works once only.
    reply = await clerk.say(` ${code.toLowerCase()} `);
    expect(texts(reply)[0]).toContain('คุณเป็นเจ้าหน้าที่อยู่แล้วค่ะ');
  });

  it('anything else is an ordinary message, and a static code is no way in beside LINE credentials', async () => {
    const villager = new Person(t);
    await villager.say('ขอเป็น จนท 2568');
    expect(await isStaff(t.db, 'default', villager.userId)).toBe(false);
    await t.close();
    t = await createTestBot({ file: t.file });
    await new Person(t, villager.userId).say(SIMULATOR_STAFF_INVITE_CODE);
    expect(await isStaff(t.db, 'default', villager.userId)).toBe(false);
  });

  it('has a documented demo code in simulator mode only', () => {
    expect(loadConfig({}).staffInviteCode).toBe(SIMULATOR_STAFF_INVITE_CODE);
    expect(loadConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' }).staffInviteCode).toBeUndefined();
  });
});
