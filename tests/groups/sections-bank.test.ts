// grp_sub_bank through the webhook: the office's bank note first, the account number said back only
// by its last four digits (never whole in any message), an unusual length confirmed, the account
// name warned about, signatories from the committee, the passbook photo, then the summary to save.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allText, clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { BANK_SAY } from '../../src/flows/groups/bank';
import { DEFAULT_GROUP_SETTINGS } from '../../src/office/group-settings';
import type { GroupData } from '../../src/groups/data';
import { GROUP_NAME, sampleBank, sampleMembers, sampleProfile } from './fixtures';
import { dataOf, HUB_SAYS, jpeg, leaderWithDraft, openSection, pdf, reopenOnly, sectionsBot, upload } from './sections-helpers';

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

const withCommittee = (): GroupData => ({
  consent: { at: clock.now().getTime() },
  profile: sampleProfile(),
  members: sampleMembers(12),
  committee: { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 2 }, { position: 'เลขานุการ', memberId: 3 }] },
});

/** Every message the fake LINE received, as one text. */
const everythingSent = () => JSON.stringify(fake.sent.map((r) => r.messages));

describe('bank account', () => {
  it('says the bank note, masks the account number, takes signatories and the passbook, and saves on confirmation', async () => {
    const { person, caseId } = await leaderWithDraft(t, withCommittee());
    let reply = await openSection(person, 'bank', caseId);
    expect(texts(reply)[0]).toContain(DEFAULT_GROUP_SETTINGS.bankNote);
    expect(quickReplyLabels(reply)).toContain('ธ.ก.ส.');
    await person.tap('ธ.ก.ส.');
    await person.say('บ้านหนองบัว');
    reply = await person.say(`${GROUP_NAME} เพื่อการออม`);
    expect(texts(reply)).toEqual([BANK_SAY.accountNumber]);
    reply = await person.say('123-4-5678๙-0');
    expect(texts(reply)).toEqual([BANK_SAY.confirmNumber('••••7890', 10, false)]);
    await person.tap(BANK_SAY.yes);
    await person.tap('ออมทรัพย์');
    reply = await person.say('1, 2 และ สมหมาย');
    expect(texts(reply)[0]).toBe(BANK_SAY.notOnCommittee(['นางสมหมาย บุญมา']));
    expect((await dataOf(t, caseId)).bank).toBeUndefined();
    await person.tap('2 ใน 3');
    reply = await person.image(upload(jpeg()));
    expect(texts(reply)).toEqual(['ได้รับรูปแล้วค่ะ 🙏', BANK_SAY.opened]);
    reply = await person.say('๑ ต.ค. ๒๕๖๙');
    expect(allText(reply)).toContain('เลขที่บัญชี: ••••7890');
    expect(allText(reply)).toContain('ผู้ลงนาม: นางสมศรี ใจดี, นางมาลี ศรีสุข, นางสมหมาย บุญมา');
    reply = await person.tap(BANK_SAY.save);
    expect(texts(reply)).toEqual([BANK_SAY.saved, expect.stringContaining(HUB_SAYS)]);
    const bank = (await dataOf(t, caseId)).bank!;
    expect(bank).toMatchObject({
      bank: 'ธ.ก.ส.',
      branch: 'บ้านหนองบัว',
      accountName: `${GROUP_NAME} เพื่อการออม`,
      accountNumber: '1234567890',
      accountType: 'ออมทรัพย์',
      signatories: [1, 2, 4],
      signRule: '2 ใน 3',
      opened: '2026-10-01',
    });
    expect(bank.passbook).toHaveLength(1);
    expect(everythingSent()).not.toContain('1234567890');
    expect(everythingSent()).not.toContain('123-4-56789-0');
  });

  it('refuses an account with letters, confirms an unusual length, warns about the account name, and re-asks on a sticker and a skip where a number is needed', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'bank', caseId);
    expect(texts(await person.sticker())[0]).toContain('ขอบคุณค่ะ');
    await person.tap(BANK_SAY.other);
    await person.say('สหกรณ์ออมทรัพย์ครู');
    await person.tap('ข้าม');
    expect(texts(await person.say('นางสมศรี ใจดี'))).toEqual([BANK_SAY.nameWithoutGroup(GROUP_NAME), BANK_SAY.accountNumber]);
    expect(texts(await person.say('02O-1-23456-7'))[0]).toContain('เฉพาะตัวเลข');
    expect(texts(await person.say('12345'))[0]).toContain('สั้นเกินไป');
    expect(texts(await person.say('1234-5678-9012-3456'))).toEqual([BANK_SAY.confirmNumber('••••3456', 16, true)]);
    await person.tap(BANK_SAY.retype);
    await person.say('9876543210');
    await person.tap(BANK_SAY.yes);
    await person.tap('ข้าม'); // type; no committee yet, so no signatory question
    expect(texts(person.lastMessages())).toEqual([BANK_SAY.signRule]);
    await person.tap('ข้าม');
    await person.tap('ข้าม'); // passbook later
    expect(texts(await person.say('1 ธ.ค. 2569'))[0]).toContain('ยังมาไม่ถึง');
    await person.tap('ข้าม');
    await person.tap(BANK_SAY.save);
    expect((await dataOf(t, caseId)).bank).toEqual({ bank: 'สหกรณ์ออมทรัพย์ครู', accountName: 'นางสมศรี ใจดี', accountNumber: '9876543210', signatories: [], passbook: [] });
    for (const secret of ['9876543210', '1234567890123456', '1234-5678-9012-3456']) expect(everythingSent()).not.toContain(secret);
  });

  it('takes a PDF of the passbook and keeps everything across a restart', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'bank', caseId);
    await person.tap('ธนาคารออมสิน');
    await person.tap('ข้าม');
    await person.say(GROUP_NAME);
    await person.say('0201234567');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    await person.tap(BANK_SAY.yes);
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    const reply = await person.file(upload(pdf(), 'application/pdf'), 'สมุดบัญชี.pdf', 809);
    expect(texts(reply)).toEqual(['ได้รับไฟล์แล้วค่ะ 🙏', BANK_SAY.opened]);
    await person.tap('ข้าม');
    await person.tap(BANK_SAY.save);
    const bank = (await dataOf(t, caseId)).bank!;
    expect(bank).toMatchObject({ bank: 'ธนาคารออมสิน', accountNumber: '0201234567' });
    expect(bank.passbook).toHaveLength(1);
  });

  it('after staff reopen only the bank, shows the saved account to keep or correct, and refuses other sections', async () => {
    const { person, caseId } = await leaderWithDraft(t, { ...withCommittee(), bank: sampleBank() });
    await reopenOnly(t, person, caseId, ['bank']);
    expect(texts(await openSection(person, 'funds', caseId))[0]).toContain('แก้ไขไม่ได้');
    expect(texts(await openSection(person, 'committee', caseId))[0]).toContain('แก้ไขไม่ได้');
    const reply = await openSection(person, 'bank', caseId);
    expect(allText(reply)).toContain('เลขที่บัญชี: ••••4567');
    expect(allText(reply)).toContain('ผู้ลงนาม: นางสมศรี ใจดี, นางมาลี ศรีสุข');
    await person.tap(BANK_SAY.again);
    await person.tap('ธนาคารกรุงไทย');
    await person.tap('ข้าม');
    await person.say(GROUP_NAME);
    await person.say('111-2-33333-4');
    await person.tap(BANK_SAY.yes);
    await person.tap('ข้าม');
    await person.say('1 2');
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    await person.tap(BANK_SAY.save);
    expect((await dataOf(t, caseId)).bank).toMatchObject({ bank: 'ธนาคารกรุงไทย', accountNumber: '1112333334', signatories: [1, 2] });
    expect(everythingSent()).not.toContain('1112333334');
  });
});
