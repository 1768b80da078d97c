// grp_sub_members through the webhook: the members' consent, one by one (name said back, skips, bad
// input, the ID only when the office collects them, masked), a pasted list of 30 with two bad rows,
// an .xlsx made with exceljs, a CSV with a BOM and Thai headers, register photos out of order with the
// count, removing one, and a restart in the middle of a member.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBERS_SAY } from '../../src/flows/groups/members';
import { GROUP_PRIVACY } from '../../src/groups/privacy';
import { prepareBackoffMs } from '../../src/handlers/dispatcher';
import { allText, clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { sampleMembers, sampleProfile } from './fixtures';
import { dataOf, jpeg, leaderWithDraft, openSection, reopenOnly, sectionsBot, upload } from './sections-helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await sectionsBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const fresh = () => ({ consent: { at: clock.now().getTime() }, profile: sampleProfile() });
const withMembers = (n: number) => ({ ...fresh(), members: sampleMembers(n) });

const FIRST = ['สมศรี', 'มาลี', 'บุญมา', 'ทองใบ', 'สายใจ', 'จันทร์เพ็ญ', 'ประไพ', 'สมพร', 'บัวผัน', 'ลำดวน'];
const LAST = ['ใจดี', 'ศรีสุข', 'มีสุข'];
const listLine = (i: number) => `${i}. นาง${FIRST[(i - 1) % 10]} ${LAST[Math.floor((i - 1) / 10)]} ${i}/2 หมู่ 4`;

describe('members', () => {
  it('asks the members’ consent once; declined goes back to the hub with nothing saved', async () => {
    const { person, caseId } = await leaderWithDraft(t, fresh());
    expect(texts(await openSection(person, 'members', caseId))).toEqual([GROUP_PRIVACY.membersConsent]);
    const reply = await person.tap(GROUP_PRIVACY.consentNo);
    expect(allText(reply)).toContain(MEMBERS_SAY.declined);
    // The hub (or its stand-in) comes next.
    expect(allText(reply)).toContain('ข้อมูลกลุ่ม');
    expect((await dataOf(t, caseId)).members).toBeUndefined();

    await openSection(person, 'members', caseId);
    const menu = await person.tap(GROUP_PRIVACY.membersYes);
    expect(allText(menu)).toContain(MEMBERS_SAY.none);
    expect(quickReplyLabels(menu).slice(0, 5)).toEqual([MEMBERS_SAY.one, MEMBERS_SAY.paste, MEMBERS_SAY.file, MEMBERS_SAY.photo, MEMBERS_SAY.done]);
    expect((await dataOf(t, caseId)).members).toMatchObject({ entries: [], consentAt: clock.now().getTime() });
    // Once given, the consent is not asked again.
    await person.tap(MEMBERS_SAY.done);
    expect(allText(await openSection(person, 'members', caseId))).not.toContain(GROUP_PRIVACY.membersConsent);
  });

  it('adds one member at a time: name said back, bad input refused, skips; no ID question when the office does not collect them', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(2));
    const menu = await openSection(person, 'members', caseId);
    expect(allText(menu)).toContain('สมาชิกที่บันทึกไว้ 2 คนค่ะ');
    await person.tap(MEMBERS_SAY.one);
    expect(texts(await person.sticker())).toEqual([expect.stringContaining('ขอบคุณค่ะ'), MEMBERS_SAY.name]);
    expect(texts(await person.say('1234'))[1]).toBe(MEMBERS_SAY.name);
    expect(texts(await person.say('สมหญิง'))[1]).toBe(MEMBERS_SAY.name);
    expect(texts(await person.say('นาง สมหญิง   รักดี'))).toEqual([MEMBERS_SAY.house('นางสมหญิง รักดี')]);
    await person.say('๑๒/๓');
    expect(texts(await person.tap('ข้าม'))).toEqual([MEMBERS_SAY.phone]);
    expect(texts(await person.say('081-234'))).toEqual([expect.any(String), MEMBERS_SAY.phone]);
    const saved = await person.say('๐๘๑-๒๓๔-๕๖๗๘');
    expect(allText(saved)).toContain('บันทึกแล้วค่ะ ✅ นางสมหญิง รักดี บ้านเลขที่ 12/3 โทร 081-234-5678');
    expect(allText(saved)).toContain('ตอนนี้มีสมาชิก 3 คนค่ะ');
    expect(allText(saved)).not.toContain(MEMBERS_SAY.nationalId);
    const members = (await dataOf(t, caseId)).members!;
    expect(members.entries[2]).toEqual({ id: 3, title: 'นาง', firstName: 'สมหญิง', lastName: 'รักดี', houseNo: '12/3', phone: '0812345678', status: 'active' });
    expect(members.nextId).toBe(4);
  });

  it('collects the ID when the office asks: a wrong checksum refused, the number said back masked', async () => {
    await t.close();
    t = await sectionsBot({ profile: (p) => ({ ...p, groups: { ...p.groups, collectMemberIds: true } }) });
    const { person, caseId } = await leaderWithDraft(t, withMembers(1));
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.one);
    await person.say('นายสมชาย ใจงาม');
    await person.tap('ข้าม');
    await person.say('หมู่ที่ ๕');
    expect(texts(await person.tap('ข้าม'))).toEqual([MEMBERS_SAY.nationalId]);
    expect(texts(await person.say('1-1037-00000-00-0'))[0]).toContain('เลขตัวสุดท้ายไม่ตรง');
    const saved = await person.say('1-1037-00000-00-3');
    expect(allText(saved)).toContain('เลขบัตร x-xxxx-xxxx');
    expect(allText(saved)).not.toContain('1103700000');
    expect((await dataOf(t, caseId)).members!.entries[1]).toMatchObject({ firstName: 'สมชาย', moo: 5, nationalId: '1103700000003' });
  });

  it('a pasted list of 30 with two bad rows: errors by line, nothing saved; the corrected list saves 30 in one go', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(0));
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.paste);
    const lines = Array.from({ length: 30 }, (_, i) => listLine(i + 1));
    const bad = [...lines];
    bad[6] = '7. 12345 67890';
    bad[19] = '20. นางลำดวน ศรีสุข 20/2 หมู่ 4 081-23';
    const refused = await person.say(bad.join('\n'));
    const said = allText(refused);
    expect(said).toContain('ยังไม่ได้บันทึกค่ะ');
    expect(said).toContain('บรรทัดที่ 7:');
    expect(said).toContain('บรรทัดที่ 20:');
    expect(said).not.toContain('บรรทัดที่ 8:');
    expect((await dataOf(t, caseId)).members!.entries).toEqual([]);

    const confirm = await person.say(lines.join('\n'));
    expect(allText(confirm)).toContain('อ่านได้ 30 คนค่ะ');
    expect(allText(confirm)).toContain('1. นางสมศรี ใจดี');
    expect((await dataOf(t, caseId)).members!.entries).toEqual([]);
    const saved = await person.tap(MEMBERS_SAY.saveAll);
    expect(allText(saved)).toContain(MEMBERS_SAY.savedAll(30, 30));
    const members = (await dataOf(t, caseId)).members!;
    expect(members.entries).toHaveLength(30);
    expect(members.entries[19]).toMatchObject({ id: 20, title: 'นาง', firstName: 'ลำดวน', lastName: 'ศรีสุข', houseNo: '20/2', moo: 4 });
    expect(members.nextId).toBe(31);
  });

  it('reads an .xlsx made with exceljs and a CSV with a BOM and Thai headers, each after a yes', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(1));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('สมาชิก');
    sheet.addRow(['ลำดับ', 'คำนำหน้า', 'ชื่อ', 'นามสกุล', 'บ้านเลขที่', 'หมู่', 'เบอร์โทร']);
    sheet.addRow([1, 'นาย', 'ทองคำ', 'ดีงาม', '5/1', 3, '0891234567']);
    sheet.addRow([2, 'น.ส.', 'ลำใย', 'หอมหวาน', '7', 3, '']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.file);
    const id = upload(xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const confirm = await person.file(id, 'สมาชิก.xlsx', xlsx.length);
    expect(allText(confirm)).toContain('อ่านได้ 2 คนค่ะ');
    expect(allText(confirm)).toContain('นายทองคำ ดีงาม');
    await person.tap(MEMBERS_SAY.saveAll);
    expect((await dataOf(t, caseId)).members!.entries.slice(1)).toEqual([
      { id: 2, title: 'นาย', firstName: 'ทองคำ', lastName: 'ดีงาม', houseNo: '5/1', moo: 3, phone: '0891234567', status: 'active' },
      { id: 3, title: 'นางสาว', firstName: 'ลำใย', lastName: 'หอมหวาน', houseNo: '7', moo: 3, status: 'active' },
    ]);

    // A CSV with a bad row is refused by row number, nothing saved; the corrected one is saved.
    const csv = (phone: string) => Buffer.from('\uFEFFชื่อ-สกุล,บ้านเลขที่,หมู่,โทร\r\nนางพิกุล แก้วดี,9,2,081-111-2222\r\nนายเอก ทองมา,10,2,' + phone + '\r\n', 'utf8');
    await person.tap(MEMBERS_SAY.file);
    const badCsv = csv('08-1');
    const refused = await person.file(upload(badCsv, 'text/csv'), 'members.csv', badCsv.length);
    expect(allText(refused)).toContain('แถวที่ 3:');
    expect((await dataOf(t, caseId)).members!.entries).toHaveLength(3);
    const goodCsv = csv('0822223333');
    expect(allText(await person.file(upload(goodCsv, 'text/csv'), 'members.csv', goodCsv.length))).toContain('อ่านได้ 2 คนค่ะ');
    await person.tap(MEMBERS_SAY.saveAll);
    expect((await dataOf(t, caseId)).members!.entries.slice(3)).toMatchObject([
      { id: 4, title: 'นาง', firstName: 'พิกุล', lastName: 'แก้วดี', phone: '0811112222' },
      { id: 5, firstName: 'เอก', lastName: 'ทองมา', houseNo: '10', moo: 2, phone: '0822223333' },
    ]);
  });

  it('takes three register photos arriving out of order, then the count they show', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(0));
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.photo);
    const set = 'set-register';
    const ids = [upload(jpeg()), upload(jpeg()), upload(jpeg())];
    await person.image(ids[1]!, { id: set, index: 2, total: 3 });
    await person.image(ids[2]!, { id: set, index: 3, total: 3 });
    await person.image(ids[0]!, { id: set, index: 1, total: 3 });
    expect(allText(fake.messagesTo(person.userId))).toContain(MEMBERS_SAY.registerCount(3));
    expect(texts(await person.say('ยี่สิบ'))[0]).toBe(MEMBERS_SAY.badCount);
    const saved = await person.say('๒๕ คน');
    expect(allText(saved)).toContain(MEMBERS_SAY.photosSaved(3, 25));
    const members = (await dataOf(t, caseId)).members!;
    expect(members.registerPhotos).toHaveLength(3);
    expect(members.registerCount).toBe(25);
  });

  it('reads a file whose download failed once, after the retry', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(0));
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.file);
    const csv = Buffer.from('\uFEFFชื่อ,นามสกุล\nสมใจ,ดีมาก\n', 'utf8');
    fake.failNext('content', 500);
    expect(await person.file(upload(csv, 'text/csv'), 'a.csv', csv.length)).toEqual([]);
    clock.advance(prepareBackoffMs(1));
    t.bot.dispatcher.kick([{ officeId: 'default', chatKey: person.userId }]);
    await t.bot.idle();
    expect(allText(fake.messagesTo(person.userId))).toContain('อ่านได้ 1 คนค่ะ');
    await person.tap(MEMBERS_SAY.saveAll);
    expect((await dataOf(t, caseId)).members!.entries).toMatchObject([{ firstName: 'สมใจ', lastName: 'ดีมาก' }]);
  });

  it('is refused after submission unless staff reopened the members', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(12));
    await reopenOnly(t, person, caseId, ['bank']);
    expect(allText(await openSection(person, 'members', caseId))).toContain('แก้ไขไม่ได้');
  });

  it('removes a member by number, and keeps a member half-typed across a restart', async () => {
    const { person, caseId } = await leaderWithDraft(t, withMembers(3));
    await openSection(person, 'members', caseId);
    await person.tap(MEMBERS_SAY.remove);
    expect(texts(await person.say('9'))[0]).toBe(MEMBERS_SAY.badRemove);
    const second = sampleMembers(3).entries[1]!;
    expect(allText(await person.say('๒'))).toContain(`ลบ "นาง${second.firstName} ${second.lastName}" แล้วค่ะ ตอนนี้มีสมาชิก 2 คนค่ะ`);
    expect((await dataOf(t, caseId)).members!.entries.map((m) => m.id)).toEqual([1, 3]);

    await person.tap(MEMBERS_SAY.one);
    await person.say('นางดวงใจ สุขสม');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    await person.say('44');
    await person.say('ม.6');
    const saved = await person.tap('ข้าม');
    expect(allText(saved)).toContain('นางดวงใจ สุขสม บ้านเลขที่ 44 หมู่ 6');
    expect((await dataOf(t, caseId)).members!.entries.map((m) => m.id)).toEqual([1, 3, 4]);
    expect(allText(await person.tap(MEMBERS_SAY.done))).toContain(MEMBERS_SAY.finished(3));
  });
});

