import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft, saveData } from '../../src/cases/actions';
import { findCase, historyOf } from '../../src/cases/store';
import type { GroupData } from '../../src/groups/data';
import { groupCasesOf } from '../../src/groups/store';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, type Message, type TestBot } from '../support/harness';
import { flexButtons, flexLabels } from '../booking/helpers';
import { sampleBank, sampleMembers, sampleProfile } from './fixtures';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('the group hub', () => {
  it('declining consent stores nothing; agreeing makes a draft; send gives the reference number', async () => {
    const p = new Person(t);
    await p.say('ข้อมูลกลุ่ม');
    expect(allText(await p.tap('ไม่ยินยอม'))).toContain('ยังไม่ได้เก็บข้อมูล');
    expect(await groupCasesOf(t.db, 'default', p.userId)).toHaveLength(0);
    await p.say('ข้อมูลกลุ่ม');
    await p.tap('ยินยอม');
    const [c] = await groupCasesOf(t.db, 'default', p.userId);
    expect(c!.status).toBe('draft');
    const now = clock.now();
    await t.db.transaction(async (tx) => {
      await saveData(tx, 'default', c!.id, p.userId, { profile: sampleProfile(), members: sampleMembers(3), committee: { entries: [{ position: 'ประธาน', memberId: 1 }] }, rules: { pages: [1], status: 'adopted' }, bank: sampleBank() }, now);
    });
    const press = async (label: string) => p.postback(flexButtons(p.lastMessages()).find((b) => b.action.label === label)!.action.data!);
    await p.say('ข้อมูลกลุ่ม');
    await press('ตรวจและส่ง');
    const sent = await press('ส่งเรื่อง');
    expect(allText(sent)).toContain('GRP-2569-0001');
    expect((await groupCasesOf(t.db, 'default', p.userId))[0]!.status).toBe('submitted');
  });
});

/** Tap a button by label on the person's last reply: a quick reply or a button in a card. */
async function press(p: Person, label: string): Promise<Message[]> {
  const last = p.lastMessages();
  if (quickReplyLabels(last).includes(label)) return p.tap(label);
  const button = flexButtons(last).find((b) => b.action.label === label);
  if (!button) throw new Error(`no "${label}": ${quickReplyLabels(last).join(' | ')} / ${flexLabels(last).join(' | ')}`);
  return p.postback(button.action.data!);
}

async function leaderWith(data: GroupData, who = new Person(t)): Promise<{ p: Person; caseId: number }> {
  const c = await t.db.transaction((tx) => createDraft(tx, 'default', 'group', who.userId, clock.now(), { consent: { at: clock.now().getTime() }, ...data }));
  return { p: who, caseId: c.id };
}

const complete = (): GroupData => ({
  profile: sampleProfile(),
  members: sampleMembers(3),
  committee: { entries: [{ position: 'ประธาน', memberId: 1 }] },
  rules: { pages: [1], status: 'adopted' },
  bank: sampleBank(),
});

describe('what is missing, and sending', () => {
  it('ยังขาดอะไร names the required sections; the review cannot send and offers buttons into them', async () => {
    const { p } = await leaderWith({ profile: sampleProfile(), bank: sampleBank() });
    await p.say('ข้อมูลกลุ่ม');
    const missing = await press(p, 'ยังขาดอะไร');
    expect(allText(missing)).toContain('ยังขาดค่ะ: สมาชิก, คณะกรรมการ, ระเบียบข้อตกลง');
    await p.say('ข้อมูลกลุ่ม');
    const review = await press(p, 'ตรวจและส่ง');
    expect(flexLabels(review)).not.toContain('ส่งเรื่อง');
    expect(allText(review)).toContain('ยังส่งไม่ได้ค่ะ');
    expect(flexLabels(review)).toEqual(['กรอกสมาชิก', 'กรอกคณะกรรมการ', 'กรอกระเบียบข้อตกลง', 'กลับหน้าข้อมูลกลุ่ม']);
    expect((await groupCasesOf(t.db, 'default', p.userId))[0]!.status).toBe('draft');
  });

  it('the office’s minimum members blocks sending and says so', async () => {
    await t.close();
    t = await createTestBot({ profile: (profile) => ({ ...profile, groups: { ...profile.groups, minMembers: 7 } }) });
    const { p } = await leaderWith(complete());
    await p.say('ข้อมูลกลุ่ม');
    const review = await press(p, 'ตรวจและส่ง');
    expect(allText(review)).toContain('สำนักงานกำหนดสมาชิกอย่างน้อย 7 คน ตอนนี้มี 3 คนค่ะ');
    expect(flexLabels(review)).not.toContain('ส่งเรื่อง');
  });

  it('a send from a review the case has moved on from is not made twice: the hub again, with the status now', async () => {
    const { p, caseId } = await leaderWith(complete());
    await p.say('ข้อมูลกลุ่ม');
    const review = await press(p, 'ตรวจและส่ง');
    const send = flexButtons(review).find((b) => b.action.label === 'ส่งเรื่อง')!.action.data!;
    const first = await p.postback(send);
    expect(allText(first)).toContain('GRP-2569-0001');
    const again = await p.postback(send);
    expect(allText(again)).not.toContain('GRP-2569-0002');
    const c = (await findCase(t.db, 'default', caseId))!;
    expect(c).toMatchObject({ status: 'submitted', reference: 'GRP-2569-0001' });
    expect((await historyOf(t.db, 'default', caseId)).filter((h) => h.toStatus === 'submitted')).toHaveLength(1);
  });
});

describe('several groups, and withdrawing', () => {
  it('a leader with two groups picks one by name (Q34); withdrawing asks first, and the other group stays', async () => {
    const first = await leaderWith({ profile: sampleProfile('กลุ่มแม่บ้านบ้านโนนสูง') });
    await leaderWith({ profile: sampleProfile('กลุ่มทอผ้าบ้านโนนสูง') }, first.p);
    const pick = await first.p.say('ข้อมูลกลุ่ม');
    expect(allText(pick)).toContain('คุณมีข้อมูลกลุ่มอยู่ 2 กลุ่มค่ะ');
    const hub = await press(first.p, 'กลุ่มแม่บ้านบ้านโนน…');
    expect(allText(hub)).toContain('ข้อมูลกลุ่ม: กลุ่มแม่บ้านบ้านโนนสูง');

    await press(first.p, 'ยกเลิกเรื่องนี้');
    const kept = await press(first.p, 'ไม่ยกเลิก');
    expect((await findCase(t.db, 'default', first.caseId))!.status).toBe('draft');
    expect(allText(kept)).toContain('ข้อมูลกลุ่ม: กลุ่มแม่บ้านบ้านโนนสูง'); // back at the same group's hub
    await press(first.p, 'ยกเลิกเรื่องนี้');
    const done = await press(first.p, 'ยืนยัน ยกเลิกเรื่อง');
    expect(allText(done)).toContain('ยกเลิกเรื่องนี้แล้วค่ะ');
    expect((await findCase(t.db, 'default', first.caseId))!.status).toBe('withdrawn');
    // The other group is still there, now the only one open.
    expect(allText(await first.p.say('ข้อมูลกลุ่ม'))).toContain('กลุ่มทอผ้าบ้านโนนสูง');
  });
});
