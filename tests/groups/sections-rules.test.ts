// grp_sub_rules through the webhook: the rules document ระเบียบข้อตกลง as photos (page after page,
// a set sent at once kept in page order whatever order it arrives in) or a PDF, its status (ร่าง, or
// adopted with a past date), the outline headings as advice only, and the data saved in the case.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsIn } from '../../src/attachments/store';
import { SAY } from '../../src/flows/engine';
import { RULES_OUTLINE, RULES_SAY } from '../../src/flows/groups/rules';
import { GROUP_SLOTS } from '../../src/groups/data';
import { clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { dataOf, jpeg, leaderWithDraft, OFFICE, openSection, pdf, reopenOnly, retry, sectionsBot, upload } from './sections-helpers';

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


describe('rules', () => {
  it('takes pages one by one, shows the outline as advice, and saves the adopted rules with their date', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    let reply = await openSection(person, 'rules', caseId);
    expect(texts(reply)).toEqual([RULES_SAY.ask]);
    expect(quickReplyLabels(reply)).toContain(RULES_SAY.advice);
    reply = await person.tap(RULES_SAY.advice);
    expect(texts(reply)).toEqual([RULES_SAY.adviceText, RULES_SAY.ask]);
    for (const heading of RULES_OUTLINE) expect(RULES_SAY.adviceText).toContain(heading);
    reply = await person.image(upload(jpeg()));
    expect(texts(reply)).toEqual([SAY.photoReceived, RULES_SAY.more(1)]);
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining([RULES_SAY.nextPage, RULES_SAY.done]));
    reply = await person.tap(RULES_SAY.nextPage);
    expect(texts(reply)).toEqual([RULES_SAY.sendNext]);
    reply = await person.image(upload(jpeg()));
    expect(texts(reply)).toEqual([SAY.photoReceived, RULES_SAY.more(2)]);
    expect((await dataOf(t, caseId)).rules).toBeUndefined();
    reply = await person.say('ครบแล้วค่ะ');
    expect(texts(reply)).toEqual([RULES_SAY.status]);
    await person.tap(RULES_SAY.adopted);
    expect(texts(await person.say('1 ธ.ค. 2569'))[0]).toContain('ยังมาไม่ถึง');
    reply = await person.say('๑๕ ต.ค. ๒๕๖๙');
    const rules = (await dataOf(t, caseId)).rules!;
    expect(rules).toMatchObject({ status: 'adopted', adopted: '2026-10-15' });
    expect(rules.pages).toHaveLength(2);
    expect(texts(reply)[0]).toBe(RULES_SAY.saved('2 หน้า/ไฟล์, สถานะ: ที่ประชุมสมาชิกรับรองแล้ว เมื่อ 15 ต.ค. 2569'));
    expect(reply.length).toBeGreaterThan(1); // then the hub
    const rows = await attachmentsIn(t.db, OFFICE, rules.pages);
    expect(rows.map((r) => [r.slot, r.caseId])).toEqual([[GROUP_SLOTS.rules, caseId], [GROUP_SLOTS.rules, caseId]]);
  });

  it('keeps a set of three photos in page order when they arrive 2, 3, 1, and saves a draft', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'rules', caseId);
    expect(texts(await person.sticker())[0]).toContain('ขอบคุณค่ะ');
    const set = { id: 'SET' + randomUUID(), total: 3 };
    const sent: Record<number, string> = {};
    const replies: string[][] = [];
    for (const index of [2, 3, 1]) {
      sent[index] = upload(jpeg());
      replies.push(texts(await person.image(sent[index]!, { ...set, index })));
    }
    expect(replies).toEqual([[SAY.setProgress(1, 3)], [SAY.setProgress(2, 3)], [SAY.setProgress(3, 3), RULES_SAY.more(3)]]);
    await person.tap(RULES_SAY.done);
    const reply = await person.tap(RULES_SAY.draft);
    expect(texts(reply)[0]).toBe(RULES_SAY.saved('3 หน้า/ไฟล์, สถานะ: ร่าง'));
    const rules = (await dataOf(t, caseId)).rules!;
    expect(rules.status).toBe('draft');
    expect(rules.adopted).toBeUndefined();
    const rows = await attachmentsIn(t.db, OFFICE, rules.pages);
    const byId = new Map(rows.map((r) => [r.id, r.messageId]));
    expect(rules.pages.map((id) => byId.get(id))).toEqual([sent[1], sent[2], sent[3]]);
  });

  it('takes a PDF as the whole document and keeps everything across a restart', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'rules', caseId);
    expect(texts(await person.say('ยังไม่มีไฟล์'))[0]).toBe(SAY.sendDocument('รูปถ่าย หรือไฟล์ PDF'));
    let reply = await person.file(upload(pdf(), 'application/pdf'), 'ระเบียบกลุ่ม.pdf', 809);
    expect(texts(reply)).toEqual([SAY.fileReceived, RULES_SAY.status]);
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    await person.tap(RULES_SAY.adopted);
    reply = await person.pickDate('2026-09-01');
    expect(texts(reply)[0]).toBe(RULES_SAY.saved('1 หน้า/ไฟล์, สถานะ: ที่ประชุมสมาชิกรับรองแล้ว เมื่อ 1 ก.ย. 2569'));
    expect((await dataOf(t, caseId)).rules).toMatchObject({ status: 'adopted', adopted: '2026-09-01', pages: [expect.any(Number)] });
  });

  it('retries a photo whose download failed, then counts it as the first page; a saved section is shown to keep', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'rules', caseId);
    fake.failNext('content', 500);
    expect(await person.image(upload(jpeg()))).toEqual([]);
    await retry(t, person, 1);
    expect(texts(fake.messagesTo(person.userId)).slice(-2)).toEqual([SAY.photoReceived, RULES_SAY.more(1)]);
    await person.tap(RULES_SAY.done);
    await person.tap(RULES_SAY.draft);
    expect((await dataOf(t, caseId)).rules?.pages).toHaveLength(1);
    const reply = await openSection(person, 'rules', caseId);
    expect(texts(reply)).toEqual([RULES_SAY.existing('1 หน้า/ไฟล์, สถานะ: ร่าง')]);
    expect(texts(await person.tap(RULES_SAY.keep))[0]).toBe(RULES_SAY.kept);
  });
});

describe('rules after staff ask for more', () => {
  it('opens only the reopened section, shows the saved rules, and takes new pages', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'rules', caseId);
    await person.image(upload(jpeg()));
    await person.tap(RULES_SAY.done);
    await person.tap(RULES_SAY.draft);
    await reopenOnly(t, person, caseId, ['rules']);
    expect(texts(await openSection(person, 'minutes', caseId))[0]).toContain('แก้ไขไม่ได้');
    expect(texts(await openSection(person, 'rules', caseId))).toEqual([RULES_SAY.existing('1 หน้า/ไฟล์, สถานะ: ร่าง')]);
    await person.tap(RULES_SAY.again);
    await person.file(upload(pdf(), 'application/pdf'), 'ระเบียบ.pdf', 809);
    await person.tap(RULES_SAY.adopted);
    await person.say('20 พ.ย. 2569');
    const rules = (await dataOf(t, caseId)).rules!;
    expect(rules).toMatchObject({ status: 'adopted', adopted: '2026-11-20' });
    expect((await attachmentsIn(t.db, OFFICE, rules.pages)).map((r) => r.mime)).toEqual(['application/pdf']);
  });
});
