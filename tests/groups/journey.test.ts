// The whole journey of issue 10, as a leader and two staff members live it over several sessions:
// "ตั้งกลุ่ม" → the formation guide → the group's data section by section (members pasted, committee,
// rules, bank account, a photo of the minutes) → sent → staff รับเรื่อง from the notice → ขอเอกสารเพิ่ม
// (the minutes) → the leader fixes only that and resends → staff รับขึ้นทะเบียน → a registered group.
// Days pass and the bot restarts between sessions; every message is checked against LINE's spec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import { findCase } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import { groupCasesOf, groupDataOf } from '../../src/groups/store';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyActions, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexButtons, flexLabels } from '../booking/helpers';
import { BANK_SAY } from '../../src/flows/groups/bank';
import { jpeg, pdf, upload } from './sections-helpers';

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

const MEMBERS = [
  '1. นางสมศรี ใจดี 12/3 หมู่ 5 081-234-5678',
  '2. นางมาลี ศรีสุข 14 หมู่ 5',
  '3. นางบุญมี มีสุข 15/1 หมู่ 5',
  '4. นางสาวทองใบ บุญมา 20 หมู่ 5 089-111-2222',
  '5. นางคำปุ่น แก้วกล้า 21 หมู่ 5',
  '6. นางจันทร์เพ็ญ ใจดี 30 หมู่ 5',
  '7. นางประยูร ศรีสุข 31/2 หมู่ 5',
  '8. นางสุดใจ มีสุข 40 หมู่ 5',
];

const pushesTo = (userId: string) => fake.sent.filter((r) => r.to === userId && r.via === 'push').map((r) => r.messages);

const DEBUG = process.env.JOURNEY_DEBUG === '1';
function show(step: string, reply: Message[]): Message[] {
  if (DEBUG) console.log(`--- ${step}\n${texts(reply).join('\n')}\n[quick] ${quickReplyLabels(reply).join(' | ')}\n[flex] ${flexLabels(reply).join(' | ')}`);
  return reply;
}

/** Tap a button with this label: a quick reply or a button in a card of the last reply. */
async function press(person: Person, label: string, last: Message[]): Promise<Message[]> {
  const quick = quickReplyActions(last).find((a) => a.label === label);
  if (quick) return show(label, await person.tap(label));
  const inCard = flexButtons(last).find((b) => b.label === label);
  if (!inCard) throw new Error(`no button "${label}": quick ${quickReplyLabels(last).join(' | ')}; flex ${flexLabels(last).join(' | ')}`);
  return show(label, await person.postback((inCard.action as messagingApi.PostbackAction).data!));
}

async function say(person: Person, words: string): Promise<Message[]> {
  return show(`say ${words}`, await person.say(words));
}

describe('from ตั้งกลุ่ม to a registered group', () => {
  it('a leader forms a group and hands in its data over several sessions; staff decide each submission from LINE', async () => {
    let leader = new Person(t);
    let staffA = new Person(t);
    let staffB = new Person(t);
    await addStaff(t.db, 'default', staffA.userId, 'cli', clock.now().getTime());
    await addStaff(t.db, 'default', staffB.userId, 'cli', clock.now().getTime() + 1);
    let r = await say(leader, 'ตั้งกลุ่ม');
    r = await press(leader, 'เริ่มเลย', r);
    r = await press(leader, 'ยินยอม', r);
    r = await press(leader, 'ดูขั้นนี้', r);
    r = await press(leader, 'ทำขั้นนี้แล้ว', r);
    r = await press(leader, 'ขั้นที่ 2', r);
    r = await press(leader, 'วางแผนประชาคม', r);
    r = await say(leader, '๕ ธ.ค. ๒๕๖๙');
    r = await say(leader, '13:30');
    r = await say(leader, 'ศาลาประชาคมหมู่ 5');

    // Session 2, the day after the forum: the bot restarted meanwhile; the reminder asks how it went.
    t = await t.restart();
    leader = new Person(t, leader.userId);
    staffA = new Person(t, staffA.userId);
    staffB = new Person(t, staffB.userId);
    clock.set('2026-12-06T02:05:00Z'); // Sunday 6 Dec, 09:05 in Bangkok
    await t.bot.outbox.runOnce();
    r = show('reminder', fake.sent.filter((x) => x.to === leader.userId && x.via === 'push').at(-1)!.messages);
    r = await press(leader, 'บันทึกผลประชาคม', r);
    r = await say(leader, '๒๓ คน');
    const sheet = { id: 'signin-sheet', total: 2 };
    r = show('photo 2/2', await leader.image(upload(jpeg()), { ...sheet, index: 2 }));
    r = show('photo 1/2', await leader.image(upload(jpeg()), { ...sheet, index: 1 }));
    r = await say(leader, 'ตกลงตั้งกลุ่มแม่บ้านทำขนม');
    r = await press(leader, 'เห็นชอบ', r);

    // Step 3: the group's profile, through the formation guide's "fill in this step".
    r = await press(leader, 'ขั้นที่ 3', r);
    r = await press(leader, 'กรอกข้อมูลขั้นนี้', r);
    r = await say(leader, 'กลุ่มแม่บ้านบ้านโนนสูง');
    r = await press(leader, 'กลุ่มแม่บ้าน', r);
    r = await say(leader, 'ส่งเสริมอาชีพทำขนมของแม่บ้าน\nออมเงินร่วมกัน');
    r = await say(leader, 'หมู่ ๕');
    r = await say(leader, 'บ้านโนนสูง');
    r = await press(leader, 'ต.บ้านหนองบัว', r);
    r = await say(leader, '๖ ธ.ค. ๒๕๖๙');
    r = await say(leader, 'ศาลาประชาคมหมู่ 5');
    r = await say(leader, 'สมศรี ใจดี');
    r = await say(leader, '081-234-5678');
    r = await press(leader, 'ประธาน', r);

    // Members: pasted as one list (as a leader copies it from a notebook).
    r = await press(leader, '✗ สมาชิก', r);
    r = await press(leader, 'ยินยอมแล้ว', r);
    r = await press(leader, 'วางรายชื่อหลายคน', r);
    r = await say(leader, MEMBERS.join('\n'));
    r = await press(leader, 'บันทึกทั้งหมด', r);
    r = await press(leader, 'เสร็จแล้ว', r);

    // Session 3, a week later, after another restart: typed words bring the hub back.
    t = await t.restart();
    leader = new Person(t, leader.userId);
    staffA = new Person(t, staffA.userId);
    staffB = new Person(t, staffB.userId);
    clock.set('2026-12-14T02:00:00Z');
    r = await say(leader, 'ข้อมูลกลุ่ม'); // the hub left open a week ago simply continues
    expect(flexLabels(r)).toEqual(expect.arrayContaining(['✓ ข้อมูลกลุ่ม', '✓ สมาชิก 8 คน', '✗ คณะกรรมการ']));
    r = await press(leader, '✗ คณะกรรมการ', r);
    r = await press(leader, 'เพิ่มตำแหน่ง', r);
    r = await press(leader, 'ประธาน', r);
    r = await say(leader, '1');
    r = await press(leader, 'เพิ่มตำแหน่ง', r);
    r = await press(leader, 'เหรัญญิก', r);
    r = await say(leader, 'มาลี');
    r = await press(leader, 'เสร็จแล้ว', r);
    r = await say(leader, '๖ ธ.ค. ๒๕๖๙');
    r = await press(leader, 'ข้าม', r);
    r = await press(leader, 'บันทึก', r);

    // The rules as a PDF.
    r = await press(leader, '✗ ระเบียบข้อตกลง', r);
    const rules = pdf();
    r = show('rules pdf', await leader.file(upload(rules, 'application/pdf'), 'ระเบียบกลุ่ม.pdf', rules.length));
    r = await press(leader, 'ยังเป็นร่าง', r);

    // The bank account: the number is said back only by its last four digits.
    r = await press(leader, '✗ บัญชีธนาคาร', r);
    r = await press(leader, 'ธ.ก.ส.', r);
    r = await say(leader, 'บ้านหนองบัว');
    r = await say(leader, 'กลุ่มแม่บ้านบ้านโนนสูง');
    r = await say(leader, '๐๒๐-๑-๒๓๔๕๖-๗');
    expect(texts(r)[0]).toContain('••••4567');
    r = await press(leader, BANK_SAY.yes, r);
    r = await press(leader, 'ออมทรัพย์', r);
    r = await say(leader, '1, 2');
    r = await press(leader, '2 ใน 3', r);
    r = show('passbook', await leader.image(upload(jpeg())));
    r = await press(leader, 'ข้าม', r);
    r = await press(leader, BANK_SAY.save, r);

    // Review and send: the reference number; every staff member gets the notice.
    r = await press(leader, 'ตรวจและส่ง', r);
    const review = allText(r);
    for (const part of ['กลุ่มแม่บ้านบ้านโนนสูง', '8 คน', '••••4567']) expect(review).toContain(part);
    expect(review).not.toContain('0201234567');
    r = await press(leader, 'ส่งเรื่อง', r);
    expect(allText(r)).toContain('GRP-2569-0001');

    await t.bot.outbox.runOnce();
    let notice = show('notice A', pushesTo(staffA.userId).at(-1)!);
    expect(pushesTo(staffB.userId)).toHaveLength(1);
    for (const part of ['GRP-2569-0001', 'กลุ่มแม่บ้านบ้านโนนสูง']) expect(allText(notice)).toContain(part);
    r = await press(staffA, 'รับเรื่อง', notice);
    const late = await press(staffB, 'รับเรื่อง', pushesTo(staffB.userId).at(-1)!);
    expect(texts(late)[0]).toContain('เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ');

    // Staff ask for the minutes of the meeting that chose the committee: only that section reopens.
    r = await press(staffA, 'ขอเอกสารเพิ่ม', r);
    r = await press(staffA, 'บันทึกการประชุม', r);
    r = await press(staffA, 'เสร็จแล้ว', r);
    r = await say(staffA, 'ขอรูปบันทึกการประชุมที่เลือกคณะกรรมการค่ะ');
    expect(texts(r)[0]).toContain('สถานะ: ขอข้อมูล/เอกสารเพิ่ม');
    expect(texts(r)[0]).toContain('ตอนนี้รอผู้ยื่นดำเนินการค่ะ'); // not "nothing more to do"

    await t.bot.outbox.runOnce();
    let push = show('leader push', pushesTo(leader.userId).at(-1)!);
    expect(allText(push)).toContain('ขอรูปบันทึกการประชุมที่เลือกคณะกรรมการค่ะ');
    r = await press(leader, 'แก้ไขข้อมูล', push);
    r = await press(leader, 'เพิ่มการประชุม', r);
    r = await press(leader, 'ประชุมสมาชิก', r);
    r = await say(leader, '6/12/2569');
    r = await say(leader, 'ศาลาประชาคมหมู่ 5');
    r = await say(leader, '8');
    r = await say(leader, '8');
    r = await say(leader, 'เลือกคณะกรรมการ\nรับร่างระเบียบข้อตกลง');
    r = show('minutes photo', await leader.image(upload(jpeg())));
    r = await press(leader, 'เสร็จแล้ว', r);
    expect(flexLabels(r)).not.toContain('✓ บัญชีธนาคาร'); // only what staff reopened
    r = await press(leader, 'ส่งข้อมูลที่แก้แล้ว', r);
    r = await press(leader, 'ส่งเรื่อง', r);

    // Staff B hears of the resubmission, takes it up and registers the group; the leader is told.
    await t.bot.outbox.runOnce();
    notice = show('resubmitted notice', pushesTo(staffB.userId).at(-1)!);
    expect(allText(notice)).toContain('ผู้ยื่นส่งข้อมูลเพิ่มแล้ว');
    r = await press(staffB, 'รับเรื่อง', notice);
    r = await press(staffB, 'รับขึ้นทะเบียน', r);
    expect(texts(r)[0]).toContain('สถานะ: ขึ้นทะเบียนกลุ่มแล้ว');
    expect(texts(r)[0]).toContain('ไม่มีขั้นตอนที่เจ้าหน้าที่ต้องทำต่อแล้ว');
    await t.bot.outbox.runOnce();
    push = show('registered push', pushesTo(leader.userId).at(-1)!);
    expect(allText(push)).toContain('ขึ้นทะเบียนกลุ่มแล้ว');

    const [group] = await groupCasesOf(t.db, 'default', leader.userId);
    expect(group).toMatchObject({ status: 'registered', reference: 'GRP-2569-0001' });
    const data = groupDataOf((await findCase(t.db, 'default', group!.id))!);
    expect(data.formation).toMatchObject({ forum: { date: '2026-12-05', time: '13:30' }, forumResult: { attendees: 23, agreed: true }, parked: false });
    expect(data.formation!.forumResult!.photos).toHaveLength(2);
    expect(data.profile).toMatchObject({ name: 'กลุ่มแม่บ้านบ้านโนนสูง', type: 'กลุ่มแม่บ้าน', moo: 5, established: '2026-12-06', contact: { phone: '0812345678' } });
    expect(data.members!.entries.map((m) => `${m.firstName} ${m.lastName}`)).toEqual(MEMBERS.map((line) => line.split(' ').slice(1, 3).join(' ').replace(/^(นางสาว|นาง)/, '')));
    expect(data.committee!.entries).toEqual([expect.objectContaining({ position: 'ประธาน', memberId: 1 }), expect.objectContaining({ position: 'เหรัญญิก', memberId: 2 })]);
    expect(data.bank).toMatchObject({ bank: 'ธ.ก.ส.', accountNumber: '0201234567', signatories: [1, 2] });
    expect(data.minutes!.meetings).toEqual([expect.objectContaining({ type: 'ประชุมสมาชิก', date: '2026-12-06', photos: [expect.any(Number)] })]);
    // The account number was never sent whole to anyone.
    expect(JSON.stringify(fake.sent.map((x) => x.messages))).not.toContain('0201234567');
  });
});
