// The staff notice through the webhook: what it shows (the group's name, the attachments bound to the
// case, the warnings worth a look), two staff racing on it, its buttons going stale once the case moved
// on (also after a resubmission: the new notice's buttons work), and ขอเอกสารเพิ่ม reaching the leader
// with the sections named and a button into the first of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAttachment, bindAttachment } from '../../src/attachments/store';
import { saveData, transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import type { CaseRow } from '../../src/db/schema';
import { addStaff } from '../../src/db/staff';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, texts, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { sampleBank, sampleMembers } from '../groups/fixtures';
import { OFFICE, buttonData, caseIn, conversationOf, historyRows, pushesAbout, pushesTo, withHub } from './helpers';

let t: TestBot;
let staffA: Person;
let staffB: Person;
let leader: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ deps: withHub });
  staffA = new Person(t);
  staffB = new Person(t);
  leader = new Person(t);
  await addStaff(t.db, OFFICE, staffA.userId, 'cli', clock.now().getTime());
  await addStaff(t.db, OFFICE, staffB.userId, 'cli', clock.now().getTime() + 1);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** The leader sends the draft (or the fixes); the notices are delivered. */
async function send(c: CaseRow, to: 'submitted' | 'resubmitted' = 'submitted'): Promise<CaseRow> {
  const current = (await findCase(t.db, OFFICE, c.id))!;
  const result = await t.db.transaction((tx) => transition(tx, OFFICE, c.id, { to, actor: { role: 'applicant', id: leader.userId }, expectedVersion: current.version }, clock.now()));
  if (!result.ok) throw new Error(result.reason);
  await t.bot.outbox.runOnce();
  return result.case;
}

async function attach(c: CaseRow, messageId: string, slot: string): Promise<void> {
  const a = await recordAttachment(t.db, OFFICE, { messageId, userId: leader.userId, sha256: `sha-${messageId}`, mime: 'image/jpeg', bytes: 1000 }, clock.now().getTime());
  await t.db.transaction((tx) => bindAttachment(tx, OFFICE, a.id, leader.userId, slot, c.id));
}

describe('what the notice shows', () => {
  it('the group’s name, the number of attachments bound to the case, and a warning worth a look', async () => {
    const draft = await caseIn(t.db, 'draft', leader.userId);
    await t.db.transaction((tx) => saveData(tx, OFFICE, draft.id, leader.userId, { bank: sampleBank('บัญชีของสมศรี'), members: sampleMembers(3) }, clock.now()));
    await attach(draft, 'm1', 'bank.passbook');
    await attach(draft, 'm2', 'members.register');
    // Someone else's photo, not bound to this case, does not count.
    await recordAttachment(t.db, OFFICE, { messageId: 'm3', userId: 'Uother', sha256: 'sha-3', mime: 'image/jpeg', bytes: 10 }, clock.now().getTime());
    await send(draft);
    const notice = pushesTo(staffA.userId).at(-1)!;
    for (const part of ['กลุ่มแม่บ้านบ้านโนนสูง', 'เอกสารแนบ', '2 รายการ', '⚠️ ชื่อบัญชีไม่มีชื่อกลุ่มอยู่ด้วย']) expect(allText(notice)).toContain(part);
    expect(flexLabels(notice)).toEqual(['รับเรื่อง']);
  });

  it('a case without attachments or warnings says "ไม่มี" and no warning', async () => {
    await send(await caseIn(t.db, 'draft', leader.userId));
    const notice = pushesTo(staffA.userId).at(-1)!;
    expect(allText(notice)).toContain('ไม่มี');
    expect(allText(notice)).not.toContain('⚠️');
  });
});

describe('two staff and old notices', () => {
  it('both press รับเรื่อง at once on their own notice: one decision, one history row, one push; the other is told it was handled', async () => {
    const c = await send(await caseIn(t.db, 'draft', leader.userId));
    const [a, b] = await Promise.all([
      staffA.postback(buttonData(pushesTo(staffA.userId).at(-1)!, 'รับเรื่อง')),
      staffB.postback(buttonData(pushesTo(staffB.userId).at(-1)!, 'รับเรื่อง')),
    ]);
    const answers = [texts(a)[0]!, texts(b)[0]!];
    expect(answers.filter((s) => s.includes('บันทึกแล้วค่ะ ✅'))).toHaveLength(1);
    expect(answers.filter((s) => s.includes('มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: เจ้าหน้าที่รับเรื่องแล้ว)'))).toHaveLength(1);
    expect((await historyRows(t.db, c)).filter((h) => h.toStatus === 'in_review')).toHaveLength(1);
    expect(await pushesAbout(t.db, c, 'case-applicant')).toHaveLength(1);
  });

  it('after ขอเอกสารเพิ่ม and the leader’s resubmission, the first notice’s button is stale and the new notice’s works', async () => {
    const c = await send(await caseIn(t.db, 'draft', leader.userId));
    const first = pushesTo(staffA.userId).at(-1)!;
    await staffA.postback(buttonData(first, 'รับเรื่อง'));
    await staffA.tap('ขอเอกสารเพิ่ม');
    await staffA.tap('บัญชีธนาคาร');
    await staffA.tap('เสร็จแล้ว');
    await staffA.say('ขอรูปสมุดบัญชีหน้าแรกค่ะ');
    await t.db.transaction((tx) => saveData(tx, OFFICE, c.id, leader.userId, { bank: sampleBank() }, clock.now()));
    await send(c, 'resubmitted');
    const second = pushesTo(staffB.userId).at(-1)!;
    expect(allText(second)).toContain('ผู้ยื่นส่งข้อมูลเพิ่มแล้ว');

    const stale = await staffB.postback(buttonData(first, 'รับเรื่อง'));
    expect(texts(stale)[0]).toContain('มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: ส่งข้อมูลเพิ่มแล้ว)');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('resubmitted');
    const fresh = await staffB.postback(buttonData(second, 'รับเรื่อง'));
    expect(texts(fresh)[0]).toContain('บันทึกแล้วค่ะ ✅');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
  });
});

describe('ขอเอกสารเพิ่ม reaches the leader', () => {
  it('the push names the sections and the note; its button opens the hub at the first reopened section', async () => {
    const c = await send(await caseIn(t.db, 'draft', leader.userId));
    await staffA.postback(buttonData(pushesTo(staffA.userId).at(-1)!, 'รับเรื่อง'));
    await staffA.tap('ขอเอกสารเพิ่ม');
    await staffA.tap('บัญชีธนาคาร');
    await staffA.tap('สมาชิก');
    await staffA.tap('เสร็จแล้ว');
    await staffA.say('ขอรายชื่อสมาชิกที่ลงชื่อครบ และรูปสมุดบัญชีค่ะ');
    await t.bot.outbox.runOnce();
    const push = pushesTo(leader.userId).at(-1)!;
    for (const part of ['ขอข้อมูล/เอกสารเพิ่ม', 'บัญชีธนาคาร, สมาชิก', 'ขอรายชื่อสมาชิกที่ลงชื่อครบ']) expect(allText(push)).toContain(part);
    expect(flexLabels(push)).toEqual(['แก้ไขข้อมูล']);

    const opened = await leader.postback(buttonData(push, 'แก้ไขข้อมูล'));
    // The hub's order, not the order staff tapped: members come before the bank.
    expect(texts(opened)).toContain(`hub c=${c.id} s=members`);
    expect(await conversationOf(t.db, leader.userId)).toMatchObject({ flowId: 'grp_sub', stepId: 'hub' });
  });
});
