// grp_sub_minutes through the webhook: meetings added one by one (type, a past date, place,
// attendees against the total with a warning, resolutions one per line, photos or a PDF of the
// minutes), each saved in the case as soon as it is complete; the list, and removing one.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsIn } from '../../src/attachments/store';
import { SAY } from '../../src/flows/engine';
import { MINUTES_SAY } from '../../src/flows/groups/minutes';
import { GROUP_SLOTS } from '../../src/groups/data';
import { clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { dataOf, jpeg, leaderWithDraft, OFFICE, openSection, pdf, retry, sectionsBot, upload } from './sections-helpers';

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

describe('minutes', () => {
  it('adds a meeting with every detail, warns when more attended than there are members, and saves it with its photos in order', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    let reply = await openSection(person, 'minutes', caseId);
    expect(texts(reply)).toEqual([MINUTES_SAY.intro]);
    expect(quickReplyLabels(reply)).not.toContain(MINUTES_SAY.remove);
    await person.tap(MINUTES_SAY.add);
    expect(texts(await person.sticker())[0]).toContain('ขอบคุณค่ะ');
    reply = await person.tap('ประชุมสมาชิก');
    expect(texts(reply)).toEqual([MINUTES_SAY.date('ประชุมสมาชิก')]);
    expect(texts(await person.say('1 ธ.ค. 2569'))[0]).toContain('ยังมาไม่ถึง');
    await person.say('๑๕ ต.ค. ๒๕๖๙');
    await person.say('ศาลาประชาคมหมู่ 3');
    expect(texts(await person.say('สามสิบ'))[0]).toBe(MINUTES_SAY.notANumber);
    reply = await person.say('๑๕ คน');
    expect(quickReplyLabels(reply)).toContain('12 คน'); // the member list's count, one tap
    reply = await person.tap('12 คน');
    expect(texts(reply)).toEqual([MINUTES_SAY.moreThanTotal(15, 12), MINUTES_SAY.resolutions]);
    await person.say('1. เห็นชอบจัดตั้งกลุ่ม\n2. เลือกนางสมศรีเป็นประธาน\n\nสมัครเข้าระบบมาตรฐานงานชุมชน');
    expect((await dataOf(t, caseId)).minutes).toBeUndefined();
    const set = { id: 'SET' + randomUUID(), total: 3 };
    const sent: Record<number, string> = {};
    const replies: string[][] = [];
    for (const index of [2, 3, 1]) {
      sent[index] = upload(jpeg());
      replies.push(texts(await person.image(sent[index]!, { ...set, index })));
    }
    expect(replies.slice(0, 2)).toEqual([[SAY.setProgress(1, 3)], [SAY.setProgress(2, 3)]]);
    const line = 'ประชุมสมาชิก 15 ต.ค. 2569 ที่ศาลาประชาคมหมู่ 3 (15/12 คน, 3 มติ, 3 รูป/ไฟล์)';
    expect(replies[2]).toEqual([SAY.setProgress(3, 3), MINUTES_SAY.saved(line), MINUTES_SAY.list([line])]);
    const [meeting] = (await dataOf(t, caseId)).minutes!.meetings;
    expect(meeting).toMatchObject({
      type: 'ประชุมสมาชิก',
      date: '2026-10-15',
      place: 'ศาลาประชาคมหมู่ 3',
      attendees: 15,
      totalMembers: 12,
      resolutions: ['เห็นชอบจัดตั้งกลุ่ม', 'เลือกนางสมศรีเป็นประธาน', 'สมัครเข้าระบบมาตรฐานงานชุมชน'],
    });
    const rows = await attachmentsIn(t.db, OFFICE, meeting!.photos);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(meeting!.photos.map((id) => byId.get(id)?.messageId)).toEqual([sent[1], sent[2], sent[3]]);
    expect(rows.every((r) => r.slot === GROUP_SLOTS.minutes && r.caseId === caseId)).toBe(true);
    reply = await person.tap(MINUTES_SAY.done);
    expect(texts(reply)[0]).toBe(MINUTES_SAY.finished(1));
  });

  it('takes a PDF of the minutes with the optional details skipped, keeps a second meeting across a restart, and removes one', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'minutes', caseId);
    await person.tap(MINUTES_SAY.add);
    await person.tap('ประชาคม');
    await person.pickDate('2026-08-01');
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    expect(texts(await person.say('ไม่มีรูป'))[0]).toBe(SAY.sendDocument('รูปถ่าย หรือไฟล์ PDF'));
    let reply = await person.file(upload(pdf(), 'application/pdf'), 'บันทึกประชาคม.pdf', 809);
    expect(texts(reply).slice(0, 2)).toEqual([SAY.fileReceived, MINUTES_SAY.saved('ประชาคม 1 ส.ค. 2569 (1 รูป/ไฟล์)')]);
    expect((await dataOf(t, caseId)).minutes!.meetings).toEqual([{ type: 'ประชาคม', date: '2026-08-01', resolutions: [], photos: [expect.any(Number)] }]);

    await person.tap(MINUTES_SAY.add);
    await person.tap('ประชุมคณะกรรมการ');
    await person.say('5 ก.ย. 2569');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    await person.say('บ้านประธาน');
    await person.say('7');
    await person.say('9');
    await person.say('กำหนดค่าหุ้น 100 บาท');
    fake.failNext('content', 500);
    expect(await person.image(upload(jpeg()))).toEqual([]);
    await retry(t, person, 1);
    const second = 'ประชุมคณะกรรมการ 5 ก.ย. 2569 ที่บ้านประธาน (7/9 คน, 1 มติ, 1 รูป/ไฟล์)';
    expect(texts(fake.messagesTo(person.userId)).slice(-3)).toEqual([SAY.photoReceived, MINUTES_SAY.saved(second), expect.stringContaining(second)]);
    expect((await dataOf(t, caseId)).minutes!.meetings.map((m) => m.type)).toEqual(['ประชาคม', 'ประชุมคณะกรรมการ']);

    reply = await person.tap(MINUTES_SAY.remove);
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining(['1. 1 ส.ค. 2569', '2. 5 ก.ย. 2569']));
    expect(texts(await person.say('5'))[0]).toBe(MINUTES_SAY.badRemove);
    reply = await person.say('๑');
    expect(texts(reply)[0]).toBe(MINUTES_SAY.removed('ประชาคม 1 ส.ค. 2569 (1 รูป/ไฟล์)'));
    expect((await dataOf(t, caseId)).minutes!.meetings).toMatchObject([{ type: 'ประชุมคณะกรรมการ', place: 'บ้านประธาน', attendees: 7, totalMembers: 9, resolutions: ['กำหนดค่าหุ้น 100 บาท'] }]);
    await person.tap(MINUTES_SAY.remove);
    await person.tap('1. 5 ก.ย. 2569');
    expect((await dataOf(t, caseId)).minutes).toBeUndefined();
  });
});
