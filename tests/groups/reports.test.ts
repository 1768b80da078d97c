// A registered group's activity report through the webhook: the period due, bad amounts and a date
// outside the period asked again, a balance that does not add up warned about (not blocked), staff
// รับทราบ from the notice, the same period refused the second time, the reminder at the start of a
// period pushed once, and the staff evaluation never in anything the leader reads.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCase } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import { reportsOfGroup } from '../../src/groups/reports';
import { updateRow } from '../support/database';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { buttonData, pushesTo, registeredGroup } from './registered';
import type { CaseRow } from '../../src/db/schema';

let t: TestBot;
let staff: Person;
let leader: Person;
let group: CaseRow;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  staff = new Person(t);
  leader = new Person(t);
  await addStaff(t.db, 'default', staff.userId, 'cli', clock.now().getTime());
  group = await registeredGroup(t.db, leader.userId, staff.userId, clock.now());
  await t.bot.outbox.runOnce();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});


/** The leader walks the report for Q1/2570 (Oct–Dec 2026) in January, with the mistakes people make. */
async function sendReport(balance = '6,000'): Promise<Message[]> {
  const start = await leader.say('ส่งรายงานกลุ่ม');
  expect(allText(start)).toContain('ไตรมาส 1/2570');
  const outside = await leader.say('5 ม.ค. 2570');
  expect(texts(outside).join('\n')).toContain('วันที่นี้ไม่อยู่ในงวดรายงานค่ะ');
  await leader.say('๑๕/๑๑/๒๕๖๙');
  await leader.say('ประชุมสมาชิกและทำขนมขาย');
  const bad = await leader.say('ยี่สิบคน');
  expect(texts(bad).join('\n')).toContain('ขอเป็นตัวเลขนะคะ');
  await leader.say('20 คน');
  await leader.tap('ข้าม');
  await leader.tap('ไม่มีแล้ว');
  const badMoney = await leader.say('หนึ่งพัน');
  expect(texts(badMoney).join('\n')).toContain('ขอจำนวนเงินเป็นตัวเลขนะคะ');
  const income = await leader.say('2,500 บาท');
  expect(texts(income).join('\n')).toContain('รายรับ 2,500 บาท');
  await leader.say('1,000');
  await leader.say(balance);
  return leader.say('อยากได้อบรมทำบัญชี');
}

describe('the activity report', () => {
  it('is due after the period; bad answers are asked again; the balance that does not add up is warned about, and the report still goes; staff รับทราบ', async () => {
    expect(texts(await leader.say('ส่งรายงานกลุ่ม')).join('\n')).toContain('ยังไม่มีงวดที่ต้องส่งรายงาน');
    clock.set('2027-01-05T03:00:00Z');
    const review = await sendReport('6,000');
    // Funds 5,000 + 2,500 − 1,000 = 6,500, not 6,000.
    expect(allText(review)).toContain('ยอดคงเหลือไม่ตรงกับที่คำนวณ');
    expect(allText(review)).toContain('6,500 บาท');
    expect(allText(review)).toContain('ประชุมสมาชิกและทำขนมขาย (20 คน)');
    expect(quickReplyLabels(review)).toContain('ส่งรายงาน');
    const sent = await leader.tap('ส่งรายงาน');
    expect(texts(sent)[0]).toContain('ส่งรายงานแล้วค่ะ ✅ เลขที่ RPT-2570-0001');

    const [report] = await reportsOfGroup(t.db, 'default', group);
    expect(report!.c.status).toBe('submitted');
    expect(report!.data).toMatchObject({ incomeSatang: 250_000, expensesSatang: 100_000, balanceSatang: 600_000, problems: 'อยากได้อบรมทำบัญชี' });
    expect(report!.data.activities).toEqual([{ date: '2026-11-15', description: 'ประชุมสมาชิกและทำขนมขาย', participants: 20, photos: [] }]);

    await t.bot.outbox.runOnce();
    const notice = pushesTo(staff.userId).at(-1)!;
    expect(flexLabels(notice)).toEqual(['รับทราบรายงาน', 'ขอข้อมูลเพิ่ม']);
    expect(allText(notice)).toContain('ไตรมาส 1/2570');
    // Staff note their evaluation (the staff pages will); the leader never reads it.
    await updateRow(t.db, 'cases', { id: report!.c.id }, { data: JSON.stringify({ ...report!.data, staffEvaluation: 'กลุ่มเข้มแข็ง ควรสนับสนุนงบอบรม' }) });
    await staff.postback(buttonData(notice, 'รับทราบรายงาน'));
    expect((await findCase(t.db, 'default', report!.c.id))!.status).toBe('reviewed');
    await t.bot.outbox.runOnce();
    const push = pushesTo(leader.userId).at(-1)!;
    expect(allText(push)).toContain('เจ้าหน้าที่รับทราบรายงานแล้ว');

    // The same period again: refused kindly, with the reference.
    const again = await leader.say('รายงานกิจกรรม');
    expect(texts(again).join('\n')).toContain('รายงานงวด ไตรมาส 1/2570 ส่งแล้วค่ะ (เลขที่ RPT-2570-0001)');
    const everything = fake.sent.filter((r) => r.to === leader.userId).map((r) => allText(r.messages)).join('\n');
    expect(everything).not.toContain('กลุ่มเข้มแข็ง');
  });

  it('a balance that adds up has no warning', async () => {
    clock.set('2027-01-05T03:00:00Z');
    const review = await sendReport('6,500');
    expect(allText(review)).not.toContain('ไม่ตรงกับที่คำนวณ');
  });

  it('three photos at once make one activity; a restart mid-report loses nothing: the activity is in the case', async () => {
    clock.set('2027-01-05T03:00:00Z');
    await leader.say('ส่งรายงานกลุ่ม');
    await leader.say('15 พ.ย. 2569');
    await leader.say('ปลูกผัก');
    await leader.tap('ข้าม');
    // Three photos at once: one activity with all three.
    const set = { id: 'set-1', total: 3 };
    let last: Message[] = [];
    for (const index of [1, 2, 3]) {
      const id = `photo-${index}`;
      fake.setContent(id, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(600)]), 'image/jpeg');
      last = await leader.image(id, { ...set, index });
    }
    expect(texts(last).join('\n')).toContain('บันทึกกิจกรรมที่ 1 แล้วค่ะ');
    t = await t.restart();
    leader = new Person(t, leader.userId);
    const [draft] = await reportsOfGroup(t.db, 'default', group);
    expect(draft!.data.activities).toHaveLength(1);
    expect(draft!.data.activities[0]!.photos).toHaveLength(3);
    const more = await leader.tap('ไม่มีแล้ว');
    expect(texts(more).join('\n')).toContain('รายรับรวม');
  });
});

describe('the reminder at the start of a period', () => {
  it('is pushed once per group and period, with a button into the report', async () => {
    clock.set('2027-01-01T03:00:00Z');
    expect((await t.bot.scheduler.runOnce()).jobs).toBe(1);
    expect((await t.bot.scheduler.runOnce()).jobs).toBe(0);
    await t.bot.outbox.runOnce();
    clock.advance(60_000);
    await t.bot.scheduler.runOnce();
    await t.bot.outbox.runOnce();
    const reminders = pushesTo(leader.userId).filter((m) => allText(m).includes('ถึงเวลาส่งรายงาน'));
    expect(reminders).toHaveLength(1);
    expect(allText(reminders[0]!)).toContain('ไตรมาส 1/2570');
    const opened = await leader.tap('ส่งรายงานกลุ่ม');
    expect(allText(opened)).toContain('รายงานกิจกรรมกลุ่มแม่บ้านบ้านโนนสูง');
  });
});
