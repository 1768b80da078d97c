// The มชช. sections through the webhook: a document as photos (a set out of order kept in page
// order) or a PDF, a sticker and an .xlsx refused politely with nothing lost, "ไม่มีเอกสารนี้" only
// for an optional item, Q23's certified-copy reminder; the team pasted with skills and said back, the
// advisers inside/outside or none; the applicant's name said back and a phone with dashes and Thai
// digits; the office's ใบสมัคร fields (a date said back), and none configured → the paper form's photo.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsIn } from '../../src/attachments/store';
import { SAY } from '../../src/flows/engine';
import { APPLICANT_SAY } from '../../src/flows/mchch/applicant';
import { DOC_SAY } from '../../src/flows/mchch/doc';
import { FORM_SAY } from '../../src/flows/mchch/form';
import { MCHCH_HUB_SAY } from '../../src/flows/mchch/hub';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { LIST_SAY } from '../../src/flows/mchch/lists';
import { postback } from '../../src/flows/postback';
import { DEFAULT_CHECKLISTS, documentSlot } from '../../src/mchch/data';
import { allText, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { jpeg, pdf, upload } from '../groups/sections-helpers';
import { applicantWithDraft, caseOf, completeData, mchchBot, OFFICE } from './helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const go = (entry: string, params: Record<string, string>) => postback.go(entry, params);
const xlsx = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml'), Buffer.alloc(400, 1)]);

describe('documents', () => {
  it('keeps a set of photos sent at once in page order, refuses a sticker and an .xlsx politely, and goes back to the hub', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), houseRegistration: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'houseRegistration' }));
    expect(texts(reply)[0]).toBe(DOC_SAY.ask('สำเนาทะเบียนบ้าน'));
    expect(allText(reply)).not.toContain(DOC_SAY.certify);
    expect(quickReplyLabels(reply)).not.toContain(DOC_SAY.none); // required
    expect(texts(await person.say('ไม่มี'))[0]).toBe(SAY.sendDocument('รูปถ่าย หรือไฟล์ PDF'));
    expect(texts(await person.sticker())[0]).toBe(SAY.mediaAtDocument('รูปถ่าย หรือไฟล์ PDF'));
    const sheet = upload(xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(texts(await person.file(sheet, 'ทะเบียนบ้าน.xlsx', 420))[0]).toBe(SAY.documentWrongType('รูปถ่าย หรือไฟล์ PDF'));
    const set = { id: 'SET' + randomUUID(), total: 3 };
    const sent: Record<number, string> = {};
    for (const index of [3, 1, 2]) {
      sent[index] = upload(jpeg());
      reply = await person.image(sent[index]!, { ...set, index });
    }
    expect(texts(reply)).toEqual([SAY.setProgress(3, 3), DOC_SAY.more(3)]);
    reply = await person.tap(DOC_SAY.done);
    expect(texts(reply)[0]).toBe(DOC_SAY.saved('สำเนาทะเบียนบ้าน', 3));
    expect(allText(reply)).toContain(MCHCH_HUB_SAY.title); // the hub again
    const { data } = await caseOf(t, caseId);
    const rows = await attachmentsIn(t.db, OFFICE, data.houseRegistration!.pages);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(data.houseRegistration!.pages.map((id) => byId.get(id)!.messageId)).toEqual([sent[1], sent[2], sent[3]]);
    expect(rows.every((r) => r.slot === documentSlot('houseRegistration') && r.caseId === caseId)).toBe(true);
  });

  it('takes a PDF as the whole document, reminds to certify copies (Q23), and offers keep or send again', async () => {
    t = await mchchBot({ settings: { requireCertifiedCopy: true } });
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), idCard: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'idCard' }));
    expect(texts(reply)[0]).toContain(DOC_SAY.certify);
    reply = await person.file(upload(pdf(), 'application/pdf'), 'บัตร.pdf', 809);
    expect(texts(reply)).toContain(DOC_SAY.saved('สำเนาบัตรประชาชน', 1));
    expect((await caseOf(t, caseId)).data.idCard).toEqual({ pages: [expect.any(Number)], none: false });
    reply = await person.postback(go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'idCard' }));
    expect(texts(reply)[0]).toBe(DOC_SAY.existing('สำเนาบัตรประชาชน', 1));
    reply = await person.tap(DOC_SAY.keep);
    expect(texts(reply)[0]).toBe(DOC_SAY.kept);
  });

  it('offers "ไม่มีเอกสารนี้" for an item the office made optional, and saves none', async () => {
    const documents = { leader: [{ key: 'applicationForm', required: true }, { key: 'photo', required: false }, { key: 'houseRegistration', required: true }, { key: 'idCard', required: true }] };
    t = await mchchBot({ settings: { documents } });
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), photo: undefined });
    const reply = await person.postback(go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'photo' }));
    expect(texts(reply)[0]).toContain(DOC_SAY.optional);
    const saved = await person.tap(DOC_SAY.none);
    expect(texts(saved)[0]).toBe(DOC_SAY.savedNone('รูปถ่าย ๑ รูป'));
    expect((await caseOf(t, caseId)).data.photo).toEqual({ pages: [], none: true });
  });
});

describe('lists', () => {
  it('refuses a list the type does not have (a leader has no team)', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t);
    const reply = await person.postback(go(MCHCH_ENTRIES.list, { c: String(caseId), k: 'team' }));
    expect(texts(reply)[0]).toContain('ไม่มีรายการนี้');
    expect(quickReplyLabels(reply)).toContain('กลับหน้าใบสมัคร');
  });

  it('takes a pasted team with skills after a dash, says it back, adds one more, and saves', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('community'), team: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.list, { c: String(caseId), k: 'team' }));
    expect(texts(reply)[0]).toBe(LIST_SAY.askTeam('ทีมนำการพัฒนา'));
    expect(texts(await person.say('1. สมชาย'))[0]).toContain('บรรทัดที่ 1');
    reply = await person.say('1. นายสมชาย ใจกล้า - การตลาด\n2) น.ส.สมหญิง รักดี – บัญชี');
    expect(texts(reply)[0]).toBe(LIST_SAY.sayBack('ทีมนำการพัฒนา', ['นายสมชาย ใจกล้า - การตลาด', 'นางสาวสมหญิง รักดี - บัญชี']));
    expect((await caseOf(t, caseId)).data.team).toBeUndefined(); // not before the yes
    await person.tap(LIST_SAY.more);
    reply = await person.say('นางมาลี ศรีสุข');
    expect(texts(reply)[0]).toContain('3. นางมาลี ศรีสุข');
    reply = await person.tap(LIST_SAY.save);
    expect(texts(reply)[0]).toBe(LIST_SAY.saved('ทีมนำการพัฒนา', 3));
    expect((await caseOf(t, caseId)).data.team!.entries).toEqual([
      { name: 'นายสมชาย ใจกล้า', role: 'การตลาด' },
      { name: 'นางสาวสมหญิง รักดี', role: 'บัญชี' },
      { name: 'นางมาลี ศรีสุข' },
    ]);
  });

  it('advisers: inside or outside the community, or none', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('group'), advisers: undefined });
    await person.postback(go(MCHCH_ENTRIES.list, { c: String(caseId), k: 'advisers' }));
    let reply = await person.say('ครูสมใจ รักเรียน\nนายแพทย์ใหญ่ ใจบุญ (นอกชุมชน)');
    expect(texts(reply)[0]).toBe(LIST_SAY.where);
    reply = await person.tap(LIST_SAY.inside);
    expect(texts(reply)[0]).toContain('ครูสมใจ รักเรียน (ในชุมชน)');
    expect(texts(reply)[0]).toContain('นายแพทย์ใหญ่ ใจบุญ (นอกชุมชน)');
    await person.tap(LIST_SAY.save);
    expect((await caseOf(t, caseId)).data.advisers).toEqual({ entries: [{ name: 'ครูสมใจ รักเรียน', inside: true }, { name: 'นายแพทย์ใหญ่ ใจบุญ', inside: false }], none: false });
    await person.postback(go(MCHCH_ENTRIES.list, { c: String(caseId), k: 'advisers' }));
    await person.tap(LIST_SAY.edit);
    reply = await person.tap(LIST_SAY.none);
    expect(texts(reply)[0]).toBe(LIST_SAY.savedNone);
    expect((await caseOf(t, caseId)).data.advisers).toEqual({ entries: [], none: true });
  });
});

describe('applicant', () => {
  it('says the name back, reads a phone with dashes and Thai digits, and asks a group\'s contact their role', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('group'), applicant: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.applicant, { c: String(caseId) }));
    expect(texts(reply)[0]).toBe(APPLICANT_SAY.name(false));
    expect(texts(await person.say('สมศรี'))[0]).toContain('นามสกุล');
    reply = await person.say('นางสมศรี ใจดี');
    expect(texts(reply)[0]).toBe(APPLICANT_SAY.nameBack('นางสมศรี ใจดี'));
    await person.tap(APPLICANT_SAY.yes);
    expect(texts(await person.say('081-234'))[0]).toContain('ไม่ครบ');
    await person.say('๐๘๑-๒๓๔-๕๖๗๘');
    await person.tap('ข้าม');
    reply = await person.say('ประธานกลุ่ม');
    expect(texts(reply)[0]).toBe(APPLICANT_SAY.saved({ name: 'นางสมศรี ใจดี', phone: '0812345678', role: 'ประธานกลุ่ม' }));
    expect((await caseOf(t, caseId)).data.applicant).toEqual({ name: 'นางสมศรี ใจดี', phone: '0812345678', role: 'ประธานกลุ่ม' });
    reply = await person.postback(go(MCHCH_ENTRIES.applicant, { c: String(caseId) }));
    expect(texts(reply)[0]).toContain('081-234-5678');
    expect(texts(await person.tap(APPLICANT_SAY.keep))[0]).toBe(APPLICANT_SAY.kept);
  });

  it('refuses another person\'s case', async () => {
    t = await mchchBot();
    const { caseId } = await applicantWithDraft(t);
    const { person: other } = await applicantWithDraft(t);
    const reply = await other.postback(go(MCHCH_ENTRIES.applicant, { c: String(caseId) }));
    expect(texts(reply)[0]).toContain('ไม่พบใบสมัคร');
  });
});

describe('office form fields', () => {
  it('asks each field by its kind, says a date back, skips an optional one, and saves', async () => {
    const fields = [
      { id: 'village', label: 'ชื่อหมู่บ้านที่อยู่', kind: 'text', required: true },
      { id: 'birth', label: 'วันเกิดของผู้สมัคร', kind: 'date', required: true },
      { id: 'years', label: 'อยู่ในชุมชนมากี่ปี', kind: 'number', required: true },
      { id: 'note', label: 'หมายเหตุ', kind: 'text', required: false },
    ];
    t = await mchchBot({ settings: { form: { fields } } });
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), applicationForm: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.form, { c: String(caseId) }));
    expect(texts(reply)[0]).toBe('ชื่อหมู่บ้านที่อยู่');
    await person.say('บ้านหนองบัว');
    expect(texts(await person.say('มี.ค. 2510'))[0]).toBe(FORM_SAY.fullDate);
    reply = await person.say('๑๕ มี.ค. ๒๕๑๐');
    expect(texts(reply)).toEqual([FORM_SAY.dateBack('วันเกิดของผู้สมัคร', '15 มี.ค. 2510'), 'อยู่ในชุมชนมากี่ปี']);
    expect(texts(await person.say('หลายปี'))[0]).toBe(FORM_SAY.badNumber);
    reply = await person.say('๒๐');
    expect(texts(reply)[0]).toContain(FORM_SAY.optional);
    reply = await person.tap('ข้าม');
    expect(texts(reply)[0]).toBe(FORM_SAY.saved(3));
    const { data } = await caseOf(t, caseId);
    expect(data.form).toEqual({ village: 'บ้านหนองบัว', birth: '1967-03-15', years: '20' });
    // Q21: with the fields filled, the paper form's photo is no longer missing.
    expect(allText(reply)).toContain(MCHCH_HUB_SAY.missing(0));
  });

  it('with no fields configured, says so and offers the paper form\'s photo', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), applicationForm: undefined });
    let reply = await person.postback(go(MCHCH_ENTRIES.form, { c: String(caseId) }));
    expect(texts(reply)[0]).toBe(FORM_SAY.noFields);
    reply = await person.tap(FORM_SAY.photoButton);
    expect(texts(reply)[0]).toBe(DOC_SAY.ask(DEFAULT_CHECKLISTS.leader[0]!.title));
  });
});
