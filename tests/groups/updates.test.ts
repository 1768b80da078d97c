// Changes to a registered group through update cases: a member joins and one leaves, staff approve →
// the group's record changes (the leaver kept, with status 'left' and the date) with a history row
// naming the officer; staff refuse with a reason → nothing changes; a committee change replaces the
// position's holder; a second approval of the same update (an old button) changes nothing twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCase } from '../../src/cases/store';
import { historyOf } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import { groupDataOf } from '../../src/groups/store';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { buttonData, pushesTo, registeredGroup } from './registered';
import type { CaseRow } from '../../src/db/schema';

let t: TestBot;
let staff: Person;
let staff2: Person;
let leader: Person;
let group: CaseRow;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  staff = new Person(t);
  staff2 = new Person(t);
  leader = new Person(t);
  await addStaff(t.db, 'default', staff.userId, 'cli', clock.now().getTime());
  await addStaff(t.db, 'default', staff2.userId, 'cli', clock.now().getTime() + 1);
  group = await registeredGroup(t.db, leader.userId, staff.userId, clock.now());
  await t.bot.outbox.runOnce();
  clock.set('2026-12-01T03:00:00Z');
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});


async function noticeFor(who: Person): Promise<Message[]> {
  await t.bot.outbox.runOnce();
  return pushesTo(who.userId).at(-1)!;
}

async function members() {
  return groupDataOf((await findCase(t.db, 'default', group.id))!).members!;
}

describe('a member joins', () => {
  it('bad name and phone asked again; sent; staff approve → the member is on the list with the next id and the day', async () => {
    await leader.say('สมาชิกเข้าใหม่');
    expect(texts(await leader.say('มาลี')).join('\n')).toContain('ขอทั้งชื่อและนามสกุล');
    expect(texts(await leader.say('นางมาลี ใจงาม')).join('\n')).toContain('ชื่อ นางมาลี ใจงาม');
    expect(texts(await leader.say('081-234')).join('\n')).not.toContain('เบอร์ 08');
    await leader.say('089-111-2222');
    await leader.say('๑ ธ.ค. ๒๕๖๙');
    const review = leader.lastMessages();
    expect(allText(review)).toContain('เข้ากลุ่ม: 1 ธ.ค. 2569');
    const sent = await leader.tap('ส่งเรื่อง');
    expect(texts(sent)[0]).toContain('ส่งเรื่องแล้วค่ะ ✅ เลขที่ UPD-2569-0001');

    const notice = await noticeFor(staff);
    expect(flexLabels(notice)).toEqual(['อนุมัติการเปลี่ยนแปลง', 'ไม่อนุมัติ']);
    expect(allText(notice)).toContain('สมาชิกเข้าใหม่');
    expect((await members()).entries).toHaveLength(5);
    const decided = await staff.postback(buttonData(notice, 'อนุมัติการเปลี่ยนแปลง'));
    expect(texts(decided)[0]).toContain('สถานะ: อนุมัติแล้ว');

    const after = await members();
    expect(after.entries).toHaveLength(6);
    expect(after.entries[5]).toMatchObject({ id: 6, title: 'นาง', firstName: 'มาลี', lastName: 'ใจงาม', phone: '0891112222', joined: '2026-12-01', status: 'active' });
    expect(after.nextId).toBe(7);
    const history = await historyOf(t.db, 'default', group.id);
    expect(history.at(-1)).toMatchObject({ actorKind: 'officer', actorId: staff.userId, fromStatus: 'registered', toStatus: 'registered', note: 'เพิ่มสมาชิก ตามเรื่อง UPD-2569-0001' });

    // The second staff member's old button: handled already, the member is not added twice.
    const late = await staff2.postback(buttonData(await noticeFor(staff2), 'อนุมัติการเปลี่ยนแปลง'));
    expect(texts(late)[0]).toContain('เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ');
    expect((await members()).entries).toHaveLength(6);
    await t.bot.outbox.runOnce();
    expect(allText(pushesTo(leader.userId).at(-1)!)).toContain('อนุมัติแล้ว');
  });
});

describe('a member leaves', () => {
  it('picked by number; approved → kept on the list with status left and the date', async () => {
    await leader.say('สมาชิกลาออก');
    expect(allText(leader.lastMessages())).toContain('3. นางบุญมี มีสุข');
    expect(texts(await leader.say('9')).join('\n')).toContain('ไม่พบหมายเลขนี้');
    await leader.say('3');
    await leader.say('30 พ.ย. 2569');
    await leader.tap('ส่งเรื่อง');
    await staff.postback(buttonData(await noticeFor(staff), 'อนุมัติการเปลี่ยนแปลง'));
    const after = await members();
    expect(after.entries).toHaveLength(5);
    expect(after.entries[2]).toMatchObject({ id: 3, status: 'left', left: '2026-11-30' });
  });

  it('refused with a reason → the group is unchanged and the leader reads the reason', async () => {
    await leader.say('สมาชิกลาออก');
    await leader.say('2');
    await leader.tap('วันนี้');
    await leader.tap('ส่งเรื่อง');
    const before = (await findCase(t.db, 'default', group.id))!.data;
    await staff.postback(buttonData(await noticeFor(staff), 'ไม่อนุมัติ'));
    await staff.say('เหรัญญิกลาออกต้องแนบบันทึกการประชุม');
    expect((await findCase(t.db, 'default', group.id))!.data).toBe(before);
    await t.bot.outbox.runOnce();
    const push = pushesTo(leader.userId).at(-1)!;
    expect(allText(push)).toContain('ไม่อนุมัติ');
    expect(allText(push)).toContain('เหรัญญิกลาออกต้องแนบบันทึกการประชุม');
  });
});

describe('a committee change', () => {
  it('the position gets the member picked; the rest of the committee stays', async () => {
    await leader.say('เปลี่ยนกรรมการ');
    expect(quickReplyLabels(leader.lastMessages())).toContain('เหรัญญิก');
    await leader.tap('เหรัญญิก');
    await leader.say('4');
    await leader.tap('เสร็จแล้ว');
    expect(allText(leader.lastMessages())).toContain('เหรัญญิก: นางสมหมาย บุญมา');
    await leader.tap('ส่งเรื่อง');
    await staff.postback(buttonData(await noticeFor(staff), 'อนุมัติการเปลี่ยนแปลง'));
    const committee = groupDataOf((await findCase(t.db, 'default', group.id))!).committee!;
    expect(committee.entries).toEqual([{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 4 }]);
  });
});

describe('the transition hook refuses when the change cannot be made', () => {
  it('the group is no longer registered: not allowed, nothing written, the update still waits', async () => {
    await leader.say('สมาชิกลาออก');
    await leader.say('2');
    await leader.tap('วันนี้');
    await leader.tap('ส่งเรื่อง');
    const notice = await noticeFor(staff);
    const { updateRow } = await import('../support/database');
    await updateRow(t.db, 'cases', { id: group.id }, { status: 'withdrawn' });
    const before = (await findCase(t.db, 'default', group.id))!.data;
    const reply = await staff.postback(buttonData(notice, 'อนุมัติการเปลี่ยนแปลง'));
    expect(texts(reply)[0]).toContain('ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน');
    expect((await findCase(t.db, 'default', group.id))!.data).toBe(before);
    const updates = await t.db.all<CaseRow>((await import('../../src/db/sql')).q`SELECT * FROM cases WHERE kind = 'group_update'`);
    expect(updates[0]!.status).toBe('submitted');
  });
});
