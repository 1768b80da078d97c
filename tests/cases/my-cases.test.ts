// สถานะเรื่อง / เรื่องของฉัน: the applicant's own cases (reference, status, the day of the last change in
// the Buddhist era, what happens next, a button per case fitting the status), never someone else's;
// and the status push's button per status (rejected → contact).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../src/cases/actions';
import { addStaff } from '../../src/db/staff';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { flexButtons, flexLabels } from '../booking/helpers';
import { OFFICE, buttonData, caseAt, pushesTo, submittedCase } from './helpers';

let t: TestBot;
let leader: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  leader = new Person(t);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('สถานะเรื่อง', () => {
  it('lists the applicant’s cases, the latest change first, with the status, its day (BE), what next and a button each', async () => {
    await caseAt(t.db, 'draft', new Date('2026-11-02T03:00:00Z'), leader.userId, 'กลุ่มร่างไว้');
    clock.set('2026-11-26T03:00:00Z');
    await submittedCase(t.db, leader.userId, OFFICE, new Date('2026-11-25T03:00:00Z'));
    await caseAt(t.db, 'submitted', new Date('2026-11-21T03:00:00Z'), 'Uneighbour', 'กลุ่มของคนอื่น');
    for (const words of ['สถานะเรื่อง', 'เรื่องของฉัน', 'ติดตามเรื่อง']) {
      const reply = await leader.say(words);
      expect(texts(reply)[0]).toContain('เรื่องของคุณ 2 เรื่อง');
      const all = allText(reply);
      expect(all).not.toContain('กลุ่มของคนอื่น');
      // The submitted case (25 Nov) before the draft (2 Nov).
      expect(all.indexOf('GRP-2569-0001')).toBeLessThan(all.indexOf('กลุ่มร่างไว้'));
      for (const part of ['ส่งแล้ว รอเจ้าหน้าที่ตรวจ', '25 พ.ย. 2569', 'กำลังกรอกข้อมูล', '2 พ.ย. 2569', 'ยังไม่มี (ได้เมื่อส่งเรื่อง)', 'แจ้งผลทาง LINE นี้ค่ะ']) expect(all).toContain(part);
      expect(flexLabels(reply)).toEqual(['ดูสถานะเรื่อง', 'กรอกข้อมูลต่อ']);
      expect(quickReplyLabels(reply)).toEqual(['เมนู']);
    }
  });

  it('no cases: says so kindly with a menu button; the menu offers สถานะเรื่อง', async () => {
    const reply = await leader.say('สถานะเรื่อง');
    expect(texts(reply)).toEqual(['ยังไม่มีเรื่องที่ยื่นไว้ค่ะ']);
    expect(quickReplyLabels(reply)).toEqual(['เมนู']);
    expect(quickReplyLabels(await leader.say('เมนู'))).toContain('สถานะเรื่อง');
  });
});

describe('the push’s button per status', () => {
  it('registered says ดูข้อมูลกลุ่ม; rejected says ติดต่อเจ้าหน้าที่ and opens the office’s contact', async () => {
    const staff = new Person(t);
    await addStaff(t.db, OFFICE, staff.userId, 'cli', clock.now().getTime());
    const decideAll = async (steps: { to: string; note?: string }[]) => {
      const c = await submittedCase(t.db, leader.userId, OFFICE, clock.now());
      let version = c.version;
      for (const step of steps) {
        const r = await t.db.transaction((tx) => transition(tx, OFFICE, c.id, { ...step, actor: { role: 'officer', id: staff.userId }, expectedVersion: version }, clock.now()));
        if (!r.ok) throw new Error(r.reason);
        version = r.case.version;
      }
      await t.bot.outbox.runOnce();
      return pushesTo(leader.userId).at(-1)!;
    };
    expect(flexLabels(await decideAll([{ to: 'in_review' }, { to: 'registered' }]))).toEqual(['ดูข้อมูลกลุ่ม']);
    const rejected = await decideAll([{ to: 'in_review' }, { to: 'rejected', note: 'อยู่นอกเขตค่ะ' }]);
    expect(flexLabels(rejected)).toEqual(['ติดต่อเจ้าหน้าที่']);
    const contact = await leader.postback(buttonData(rejected, 'ติดต่อเจ้าหน้าที่'));
    expect(allText(contact)).toMatch(/โทร|\d{2,3}-?\d{3}/);
    expect(flexButtons(await leader.say('สถานะเรื่อง')).map((b) => b.label)).toEqual(['ติดต่อเจ้าหน้าที่', 'ดูข้อมูลกลุ่ม']);
  });
});
