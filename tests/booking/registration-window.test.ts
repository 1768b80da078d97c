// Booking an allowance registration knows the rules: the old-age allowance is registered only in its
// rounds (ต.ค.–พ.ย. and ม.ค.–ก.ย. of the year before the first payment), so the booking offers only
// those days, says plainly when none is near and what a visit is still good for, and says in baht
// what a later day costs. The eligibility card's button passes the stored check (`check`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCheck } from '../../src/db/eligibility';
import { SAY } from '../../src/booking/messages';
import { postback } from '../../src/flows/postback';
import { RULES_VERSION, type Facts } from '../../src/rules';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { bookingsOf, flexLabels, tapFlex } from './helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** A stored check for someone born 15 มี.ค. 2493 who has never registered, as the card would leave it. */
function storedCheck(userId: string): Promise<number> {
  const facts: Facts = {
    birth: { year: 1950, month: 3, day: 15 },
    thaiNational: true,
    registeredInArea: true,
    applicant: 'self',
    alreadyReceiving: { elderly: false },
    receivesStatePension: false,
    receivesStateSalary: false,
    inStateInstitution: false,
  };
  return recordCheck(t.db, 'default', { userId, forWhom: 'self', asOf: '2026-12-01', rulesVersion: RULES_VERSION, facts, decisions: [] }, clock.now().getTime());
}

/** Every postback button in the Flex messages of a reply (label and data), found wherever it sits. */
function cardActions(reply: Message[]): { label: string; data: string }[] {
  const found: { label: string; data: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; label?: string; data?: string };
    if (n.type === 'postback' && n.label && n.data) found.push({ label: n.label, data: n.data });
    Object.values(node).forEach(visit);
  };
  visit(reply.filter((m) => m.type === 'flex'));
  return found;
}

const fromCard = (check: number) => postback.go('booking', { service: 'elderly', check: String(check) });

describe('booking the old-age allowance registration', () => {
  it('in December offers no day, says when the round opens (an open day) and offers a visit to ask or a reminder', async () => {
    clock.set('2026-12-01T03:00:00Z'); // Tuesday 1 Dec 2569, 10:00 in Bangkok
    const yai = new Person(t);
    let reply = await yai.postback(fromCard(await storedCheck(yai.userId)));
    // The round opens 1 ม.ค. 2570, a holiday; 2–3 ม.ค. are a weekend: the office's first day is 4 ม.ค.
    expect(texts(reply)).toEqual([SAY.windowClosed('เบี้ยผู้สูงอายุ', 'วันจันทร์ที่ 4 ม.ค. 2570')]);
    expect(quickReplyLabels(reply)).toEqual([SAY.askAdvice, SAY.remindOpening, 'ติดต่อเจ้าหน้าที่', 'เมนู']);
    expect(flexLabels(reply)).toEqual([]);

    reply = await yai.tap(SAY.remindOpening);
    expect(texts(reply)[0]).toContain('วันจันทร์ที่ 4 ม.ค. 2570');

    reply = await yai.postback(fromCard(await storedCheck(yai.userId)));
    reply = await yai.tap(SAY.askAdvice);
    expect(allText(reply)).toContain('ปรึกษาเรื่องสวัสดิการ');
    expect(flexLabels(reply)[0]).toMatch(/^วันอังคารที่ 1 ธ.ค. 2569/);
    expect((await bookingsOf(t, yai.userId))).toEqual([]);
  });

  it('from the menu, the same: the service question is asked again with the reason', async () => {
    clock.set('2026-12-01T03:00:00Z');
    const yai = new Person(t);
    await yai.say('จองคิว');
    const reply = await yai.tap('เบี้ยผู้สูงอายุ');
    expect(texts(reply)[0]).toBe(SAY.windowClosed('เบี้ยผู้สูงอายุ', 'วันจันทร์ที่ 4 ม.ค. 2570'));
    expect(quickReplyLabels(reply)).toContain('ปรึกษาเจ้าหน้าที่');
  });

  it('refuses a typed day outside the rounds, naming them', async () => {
    clock.set('2026-11-23T03:00:00Z');
    const yai = new Person(t);
    await yai.say('จองคิว');
    await yai.tap('เบี้ยผู้สูงอายุ');
    const reply = await yai.say('2 ธ.ค.');
    expect(texts(reply)[0]).toBe(SAY.notRegistrationDay('วันพุธที่ 2 ธ.ค. 2569', '1 ต.ค.–30 พ.ย. 2569 และ 1 ม.ค.–30 ก.ย. 2570'));
  });

  it("the card's own book button carries the check, so the warning reaches the person who checked", async () => {
    clock.set('2027-09-20T03:00:00Z'); // Monday 20 Sep 2570
    const yai = new Person(t);
    let reply: Message[] = [];
    for (const answer of ['เบี้ยผู้สูงอายุ', 'ตัวเอง', '15 มี.ค. 2493', 'ใช่', 'ไม่', 'ไม่']) reply = await yai.say(answer);
    const book = cardActions(reply).find((a) => a.label === 'จองคิวยื่นเรื่อง');
    expect(book, 'the card offers the booking').toBeDefined();
    reply = await yai.postback(book!.data);
    expect(allText(reply)).toContain(SAY.paymentWarning('วันพฤหัสบดีที่ 30 ก.ย. 2570', 'ตุลาคม 2570', 'ตุลาคม 2571', '12 เดือน (ประมาณ 8,400 บาท)'));
  });

  it('late in September warns, in baht, that a day from 1 October starts the money a year later', async () => {
    clock.set('2027-09-20T03:00:00Z'); // Monday 20 Sep 2570
    const yai = new Person(t);
    let reply = await yai.postback(fromCard(await storedCheck(yai.userId)));
    const warning = SAY.paymentWarning('วันพฤหัสบดีที่ 30 ก.ย. 2570', 'ตุลาคม 2570', 'ตุลาคม 2571', '12 เดือน (ประมาณ 8,400 บาท)');
    expect(allText(reply)).toContain(warning);

    reply = await yai.say('1 ต.ค.');
    const later = SAY.laterDayCosts('วันศุกร์ที่ 1 ต.ค. 2570', 'ตุลาคม 2571', '12 เดือน (ประมาณ 8,400 บาท)');
    expect(texts(reply)).toEqual([later]);
    await tapFlex(yai, '09:00');
    await yai.say('สมศรี ใจดี');
    reply = await yai.say('081-234-5678');
    expect(allText(reply)).toContain(later); // said back on the summary, before the place is taken

    // A September day carries no warning.
    await yai.tap('ย้อนกลับ');
    await yai.tap('ย้อนกลับ');
    await yai.tap('ย้อนกลับ');
    await yai.tap('ย้อนกลับ');
    reply = await yai.say('30 ก.ย.');
    expect(texts(reply)).toEqual([]);
  });

  it('the "จองคิว" under an answer carries the check too: a person whose round opens next October is not offered November', async () => {
    clock.set('2026-11-24T03:00:00Z'); // Tuesday 24 Nov 2569: the round is open for the cohort paid in FY2570
    const yai = new Person(t);
    // Born 1 มิ.ย. 2512: 60 on 31 May 2572, paid from June 2572; registers from 1 ต.ค. 2570.
    for (const answer of ['เบี้ยผู้สูงอายุ', 'ตัวเอง', '1/6/2512', 'ใช่', 'ยังไม่ได้ลงทะเบียน', 'ไม่มีเลย']) await yai.say(answer);
    const answer = fake.sent.filter((r) => r.to === yai.userId).at(-1)!.messages;
    await yai.tap('จองคิว');
    let reply = await yai.tap('เบี้ยผู้สูงอายุ');
    expect(texts(reply)[0]).toBe(SAY.windowClosed('เบี้ยผู้สูงอายุ', 'วันศุกร์ที่ 1 ต.ค. 2570'));
    expect(flexLabels(reply)).toEqual([]);
    // The same from under "ดูรายละเอียด".
    await yai.postback(cardActions(answer).find((a) => a.label === 'ดูรายละเอียด')!.data);
    await yai.tap('จองคิว');
    reply = await yai.tap('เบี้ยผู้สูงอายุ');
    expect(texts(reply)[0]).toBe(SAY.windowClosed('เบี้ยผู้สูงอายุ', 'วันศุกร์ที่ 1 ต.ค. 2570'));
  });

  it('never says "ยืนยันสิทธิ" to a person who has never registered', async () => {
    clock.set('2026-12-01T03:00:00Z');
    const yai = new Person(t);
    const reply = await yai.postback(fromCard(await storedCheck(yai.userId)));
    expect(texts(reply)[0]).toContain('ลงทะเบียน');
    expect(allText(reply)).not.toContain('ยืนยันสิทธิ');
    clock.set('2026-11-23T03:00:00Z');
    await yai.say('ยกเลิก');
    await yai.postback(fromCard(await storedCheck(yai.userId)));
    expect(allText(await yai.say('2 ธ.ค.'))).not.toContain('ยืนยันสิทธิ');
  });
});
