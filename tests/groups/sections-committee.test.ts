// grp_sub_committee through the webhook: positions from the office's list, holders picked from the
// members list by button, member number or name, each position saved at once; one ประธาน; a warning
// for one person in two positions; the date and term; the committee said back before saving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allText, clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { COMMITTEE_SAY } from '../../src/flows/groups/committee';
import { COMMON_SAY } from '../../src/flows/groups/common';
import type { GroupData } from '../../src/groups/data';
import { sampleMembers, sampleProfile } from './fixtures';
import { dataOf, leaderWithDraft, openSection, reopenOnly, sectionsBot } from './sections-helpers';

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

const draft = (extra: GroupData = {}): GroupData => ({ consent: { at: clock.now().getTime() }, profile: sampleProfile(), members: sampleMembers(12), ...extra });

describe('committee', () => {
  it('adds positions by button, number and name, saving each at once, warns about two positions, removes one, and saves the date and term after saying the committee back', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    let reply = await openSection(person, 'committee', caseId);
    expect(texts(reply)).toEqual([COMMITTEE_SAY.intro]);
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining([COMMITTEE_SAY.add, COMMON_SAY.toHub]));
    reply = await person.tap(COMMITTEE_SAY.add);
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining(['ประธาน', 'รองประธาน', 'เลขานุการ', 'เหรัญญิก', 'ผู้ตรวจสอบ', 'กรรมการ']));
    reply = await person.tap('ประธาน');
    expect(texts(reply)[0]).toContain('ใครเป็นประธานคะ');
    expect(texts(reply)[0]).toContain('12. นางมาลี ศรีสุข12');
    reply = await person.tap('1. นางสมศรี ใจดี');
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.saved('ประธาน: นางสมศรี ใจดี'));
    expect((await dataOf(t, caseId)).committee).toEqual({ entries: [{ position: 'ประธาน', memberId: 1 }] });

    await person.tap(COMMITTEE_SAY.add);
    await person.tap('เหรัญญิก');
    expect(texts(await person.say('๒'))[0]).toBe(COMMITTEE_SAY.saved('เหรัญญิก: นางมาลี ศรีสุข'));
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('เลขานุการ');
    expect(texts(await person.say('สมหมาย บุญมา ค่ะ'))[0]).toBe(COMMITTEE_SAY.saved('เลขานุการ: นางสมหมาย บุญมา'));
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('กรรมการ');
    reply = await person.say('1');
    expect(texts(reply).slice(0, 2)).toEqual([COMMITTEE_SAY.twoPositions('นางสมศรี ใจดี', 'ประธาน'), COMMITTEE_SAY.saved('กรรมการ: นางสมศรี ใจดี')]);
    expect((await dataOf(t, caseId)).committee!.entries).toHaveLength(4);

    reply = await person.tap(COMMITTEE_SAY.remove);
    expect(texts(reply)[0]).toContain('4. กรรมการ: นางสมศรี ใจดี');
    reply = await person.say('4');
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.removed('กรรมการ: นางสมศรี ใจดี'));
    expect((await dataOf(t, caseId)).committee!.entries).toHaveLength(3);

    reply = await person.tap(COMMITTEE_SAY.done);
    expect(texts(reply)).toEqual([COMMITTEE_SAY.selected()]);
    await person.say('๑๕ ต.ค. ๒๕๖๙');
    reply = await person.say('2 ปี');
    expect(allText(reply)).toContain('1. ประธาน: นางสมศรี ใจดี\n2. เหรัญญิก: นางมาลี ศรีสุข\n3. เลขานุการ: นางสมหมาย บุญมา');
    expect(allText(reply)).toContain('วันที่คัดเลือก: 15 ต.ค. 2569');
    expect(allText(reply)).toContain('วาระ: 2 ปี');
    expect(allText(reply)).not.toContain(COMMITTEE_SAY.noChair);
    // Nothing of the date and term is saved before the leader confirms.
    expect((await dataOf(t, caseId)).committee!.selected).toBeUndefined();
    reply = await person.tap(COMMITTEE_SAY.save);
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.finished(3));
    expect(allText(reply)).toContain('✓ คณะกรรมการ'); // back at the hub, the section ticked
    expect((await dataOf(t, caseId)).committee).toEqual({
      entries: [
        { position: 'ประธาน', memberId: 1 },
        { position: 'เหรัญญิก', memberId: 2 },
        { position: 'เลขานุการ', memberId: 4 },
      ],
      selected: '2026-10-15',
      termYears: 2,
    });
  });

  it('refuses a sticker, an unknown member number or name, an ambiguous name, a second ประธาน, a future date and a term of 15 years, keeping the question', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'committee', caseId);
    expect(texts(await person.sticker())).toEqual([expect.stringContaining('ขอบคุณค่ะ'), COMMITTEE_SAY.intro]);
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('ประธาน');
    let reply = await person.say('99');
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.unknownNumber(99));
    expect(texts(reply)[1]).toContain('ใครเป็นประธานคะ');
    expect(texts(await person.say('สมชาย ไม่มีชื่อ'))[0]).toBe(COMMITTEE_SAY.unknownName);
    reply = await person.say('สมศรี');
    expect(texts(reply)[0]).toContain('มีสมาชิกชื่อนี้หลายคน');
    expect(texts(reply)[0]).toContain('11. นางสมศรี ใจดี11');
    reply = await person.sticker();
    expect(texts(reply)[0]).toContain('ขอบคุณค่ะ');
    expect(texts(reply)[1]).toContain('ใครเป็นประธานคะ');
    expect((await dataOf(t, caseId)).committee).toBeUndefined();
    await person.say('11');
    expect((await dataOf(t, caseId)).committee!.entries).toEqual([{ position: 'ประธาน', memberId: 11 }]);

    await person.tap(COMMITTEE_SAY.add);
    reply = await person.tap('ประธาน');
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.secondChair('นางสมศรี ใจดี11'));
    expect(texts(reply)[1]).toBe(COMMITTEE_SAY.position);
    await person.tap('รองประธาน');
    await person.say('5');

    await person.tap(COMMITTEE_SAY.done);
    expect(texts(await person.say('1 ธ.ค. 2569'))[0]).toContain('ยังมาไม่ถึง');
    expect(texts(await person.say('ต.ค. 2569'))[0]).toContain('ให้ครบ');
    reply = await person.say('1 ก.ย. 2569');
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.beforeEstablished('1 ต.ค. 2569'));
    expect(texts(await person.say('15'))[0]).toBe(COMMITTEE_SAY.badTerm);
    await person.tap('ข้าม');
    await person.tap(COMMITTEE_SAY.save);
    expect((await dataOf(t, caseId)).committee).toEqual({
      entries: [
        { position: 'ประธาน', memberId: 11 },
        { position: 'รองประธาน', memberId: 5 },
      ],
      selected: '2026-09-01',
    });
  });

  it('takes typed names when the members are only photos of the register, and asks for the members first when there are none', async () => {
    const photosOnly = draft({ members: { entries: [], registerPhotos: [7], registerCount: 15, consentAt: clock.now().getTime(), nextId: 1 } });
    const { person, caseId } = await leaderWithDraft(t, photosOnly);
    await openSection(person, 'committee', caseId);
    await person.tap(COMMITTEE_SAY.add);
    expect(texts(await person.tap('ประธาน'))).toEqual([COMMITTEE_SAY.holderTyped('ประธาน')]);
    expect(texts(await person.say('12345'))[0]).toBe(COMMITTEE_SAY.badName);
    expect(texts(await person.say('นายสมชาย ใจกล้า'))[0]).toBe(COMMITTEE_SAY.saved('ประธาน: นายสมชาย ใจกล้า'));
    await person.tap(COMMITTEE_SAY.done);
    await person.tap('ข้าม');
    await person.tap('ข้าม');
    await person.tap(COMMITTEE_SAY.save);
    expect((await dataOf(t, caseId)).committee).toEqual({ entries: [{ position: 'ประธาน', name: 'นายสมชาย ใจกล้า' }] });

    const other = await leaderWithDraft(t, { consent: { at: clock.now().getTime() }, profile: sampleProfile() });
    const reply = await openSection(other.person, 'committee', other.caseId);
    expect(texts(reply)[0]).toContain(COMMITTEE_SAY.needMembers);
    expect(quickReplyLabels(reply)).not.toContain(COMMITTEE_SAY.add);
    expect(texts(await other.person.tap(COMMON_SAY.toHub))[0]).toBe(COMMITTEE_SAY.none);
  });

  it('follows the office: names outside the list when holders need not be members, and one position per person', async () => {
    await t.close();
    t = await sectionsBot({ profile: (p) => ({ ...p, groups: { ...p.groups, committee: { ...p.groups.committee, holderMustBeMember: false, onePositionPerPerson: true } } }) });
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'committee', caseId);
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('ผู้ตรวจสอบ');
    expect(texts(await person.say('นายสมชาย ใจกล้า')).slice(0, 2)).toEqual([COMMITTEE_SAY.notMember('นายสมชาย ใจกล้า'), COMMITTEE_SAY.saved('ผู้ตรวจสอบ: นายสมชาย ใจกล้า')]);
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('กรรมการ');
    expect(texts(await person.say('นายสมชาย  ใจกล้า'))[0]).toBe(COMMITTEE_SAY.onePositionOnly('นายสมชาย ใจกล้า', 'ผู้ตรวจสอบ'));
    await person.say('3');
    expect((await dataOf(t, caseId)).committee!.entries).toEqual([
      { position: 'ผู้ตรวจสอบ', name: 'นายสมชาย ใจกล้า' },
      { position: 'กรรมการ', memberId: 3 },
    ]);
  });

  it('keeps the saved positions and the question across a restart', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'committee', caseId);
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('ประธาน');
    await person.say('1');
    await person.tap(COMMITTEE_SAY.add);
    await person.tap('เหรัญญิก');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    expect(texts(await person.say('2'))[0]).toBe(COMMITTEE_SAY.saved('เหรัญญิก: นางมาลี ศรีสุข'));
    expect((await dataOf(t, caseId)).committee!.entries).toEqual([
      { position: 'ประธาน', memberId: 1 },
      { position: 'เหรัญญิก', memberId: 2 },
    ]);
  });

  it('is refused when staff reopened only another section, and shows the saved committee when they reopened it', async () => {
    const committee = { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 2 }], selected: '2026-10-15', termYears: 4 };
    const { person, caseId } = await leaderWithDraft(t, draft({ committee }));
    await reopenOnly(t, person, caseId, ['bank']);
    let reply = await openSection(person, 'committee', caseId);
    expect(texts(reply)[0]).toContain('แก้ไขไม่ได้');
    expect(quickReplyLabels(reply)).toContain('กลับหน้ารวมข้อมูล');
    expect((await dataOf(t, caseId)).committee).toEqual(committee);

    const again = await leaderWithDraft(t, draft({ committee }));
    await reopenOnly(t, again.person, again.caseId, ['committee']);
    reply = await openSection(again.person, 'committee', again.caseId);
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.list(['ประธาน: นางสมศรี ใจดี', 'เหรัญญิก: นางมาลี ศรีสุข']));
    await again.person.tap(COMMITTEE_SAY.remove);
    await again.person.say('2');
    await again.person.tap(COMMITTEE_SAY.add);
    await again.person.tap('เหรัญญิก');
    await again.person.say('3');
    reply = await again.person.tap(COMMITTEE_SAY.done);
    expect(texts(reply)[0]).toBe(COMMITTEE_SAY.selected('15 ต.ค. 2569'));
    await again.person.tap('ข้าม');
    await again.person.tap('ข้าม');
    await again.person.tap(COMMITTEE_SAY.save);
    expect((await dataOf(t, again.caseId)).committee).toEqual({ entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 3 }], selected: '2026-10-15', termYears: 4 });
  });
});
