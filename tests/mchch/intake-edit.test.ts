// Re-answering the qualifications of an existing มชช. application (the intake with params { c }):
// opened from the hub, the current answers shown first; "ใช้ตามนี้" keeps them; "แก้ไข" asks the
// type's questions again and saves them (asOf today), said back, then the hub; in needs_info only
// when staff reopened คุณสมบัติ (then the hub offers ส่งข้อมูลที่แก้แล้ว); a registered group picked in
// the edit; another person's case is not found; a not-yet answer keeps the old answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MCHCH_COMMON_SAY } from '../../src/flows/mchch/common';
import { MCHCH_HUB_SAY } from '../../src/flows/mchch/hub';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { EDIT_SAY } from '../../src/flows/mchch/intake';
import { postback } from '../../src/flows/postback';
import { MCHCH_REASONS } from '../../src/mchch/data';
import { flexLabels } from '../booking/helpers';
import { GROUP_NAME } from '../groups/fixtures';
import { registeredGroup } from '../groups/registered';
import { allText, clock, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { ROUND_2562 } from './fixtures';
import { applicantWithDraft, caseOf, completeData, mchchBot, moveCase, newStaff, press } from './helpers';

let t: TestBot;
beforeEach(() => fake.reset());
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** The hub, opening the คุณสมบัติ section at once (as a push's or the card's button does). */
const openEligibility = (person: Person, caseId: number) => person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId), s: 'eligibility' }));
/** The intake's own entry with the case (what the hub's section button carries). */
const intakeWith = (person: Person, c: string) => person.postback(postback.go(MCHCH_ENTRIES.intake, { c }));

/** A leader's complete application sent (relay), taken into review, and sent back for `sections`. */
async function sentBack(type: 'leader' | 'group', sections: string[]) {
  const staff = await newStaff(t);
  const draft = await applicantWithDraft(t, completeData(type, [1], 'relay'));
  await moveCase(t, draft.caseId, [
    { to: 'submitted', actor: { role: 'applicant', id: draft.person.userId } },
    { to: 'in_review', actor: { role: 'officer', id: staff.userId } },
    { to: 'needs_info', actor: { role: 'officer', id: staff.userId }, note: 'ขอตรวจคุณสมบัติอีกครั้ง', sections },
  ]);
  return { ...draft, staff };
}

describe('re-answering the qualifications', () => {
  it('a draft: the current answers shown with the round; "ใช้ตามนี้" keeps them and goes back to the hub', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t);
    const before = await caseOf(t, caseId);
    const reply = await openEligibility(person, caseId);
    const said = allText(reply);
    expect(said).toContain('ผู้นำชุมชน');
    expect(said).toContain(ROUND_2562.label);
    expect(said).toContain('อยู่มาแล้ว 8 ปี (ตั้งแต่ พ.ค. 2553)');
    expect(said).toContain('1. ประธานกองทุนหมู่บ้าน (2560)');
    expect(said).toContain('ผู้ใหญ่บ้าน (ตำแหน่งทางการ)');
    // Not the new-application intro, type or consent.
    expect(said).not.toContain('เริ่มสมัคร');
    expect(said).not.toContain('ยินยอม');
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining([EDIT_SAY.keep, EDIT_SAY.change]));
    const back = await press(person, EDIT_SAY.keep);
    expect(texts(back)[0]).toBe(EDIT_SAY.kept);
    expect(allText(back)).toContain(MCHCH_HUB_SAY.title);
    expect(allText(back)).toContain(MCHCH_HUB_SAY.missing(0));
    const after = await caseOf(t, caseId);
    expect(after.data.eligibility).toEqual(before.data.eligibility);
    expect(after.c.updatedAt).toBe(before.c.updatedAt);
  });

  it('a draft: the leader\'s residence changed — said back, saved with asOf today, the other answers asked again, then the hub', async () => {
    t = await mchchBot({ at: '2019-01-25T03:00:00Z' });
    const { person, caseId } = await applicantWithDraft(t);
    await intakeWith(person, String(caseId));
    const since = await press(person, EDIT_SAY.change);
    expect(allText(since)).toContain('มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า ๑ ปี');
    expect(allText(since)).toContain(ROUND_2562.label);
    expect(allText(await person.say('ตั้งแต่ ๑๕ มี.ค. ๒๕๕๕'))).toContain('อยู่มาแล้ว 6 ปี (ตั้งแต่ 15 มี.ค. 2555)');
    await person.say('ประธานกองทุนหมู่บ้าน 2560, อสม. 2555');
    await press(person, 'ไม่เป็นทางการ');
    const done = await person.say('ปราชญ์ชาวบ้านด้านสมุนไพร');
    const said = allText(done);
    expect(texts(done)[0]).toContain('บันทึกคุณสมบัติใหม่แล้วค่ะ');
    expect(texts(done)[0]).toContain('25 ม.ค. 2562');
    expect(texts(done)[0]).toContain('อยู่มาแล้ว 6 ปี (ตั้งแต่ 15 มี.ค. 2555)');
    expect(said).toContain(MCHCH_HUB_SAY.title);
    expect(said).not.toContain('ยินยอมให้เก็บข้อมูล');
    const { c, data } = await caseOf(t, caseId);
    expect(c.status).toBe('draft');
    expect(data.eligibility).toEqual({
      residentSince: '2012-03-15',
      activities: [
        { text: 'ประธานกองทุนหมู่บ้าน', year: 2017 },
        { text: 'อสม.', year: 2012 },
      ],
      position: { formal: false, title: 'ปราชญ์ชาวบ้านด้านสมุนไพร' },
      asOf: '2019-01-25',
    });
    // Everything else is as it was (consent, applicant, documents).
    expect(data.applicant).toEqual(completeData('leader').applicant);
    expect(data.consent).toEqual(completeData('leader').consent);
  });

  it('needs_info with คุณสมบัติ reopened: the hub\'s button, a registered group picked, saved; the hub offers ส่งข้อมูลที่แก้แล้ว and resubmits', async () => {
    t = await mchchBot({ mode: 'relay' });
    const { person, caseId, staff } = await sentBack('group', ['eligibility']);
    const group = await registeredGroup(t.db, person.userId, staff.userId, clock.now());
    const hub = await person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId) }));
    // Reopened, and answered already: the button says so (✓), and opens the answers to change.
    expect(flexLabels(hub).filter((l) => l.startsWith('✓') || l.startsWith('✗'))).toEqual(['✓ คุณสมบัติ']);
    const current = await press(person, '✓ คุณสมบัติ');
    expect(allText(current)).toContain('กลุ่มทอผ้าบ้านหนองบัว');
    expect(allText(current)).toContain('มีแล้ว (ประชุมสมาชิก วันที่ 15 ม.ค. 2562)');
    const pick = await press(person, EDIT_SAY.change);
    expect(allText(pick)).toContain(`1. ${GROUP_NAME}`);
    await person.say('1');
    await press(person, 'มีมติแล้ว');
    const done = await person.say('๑๘ ม.ค. ๒๕๖๒');
    expect(texts(done).join('\n')).toContain('ประชุมลงมติวันที่ 18 ม.ค. 2562');
    expect(allText(done)).toContain(`${GROUP_NAME} ${EDIT_SAY.registered}`);
    expect(flexLabels(done)).toContain(MCHCH_HUB_SAY.resend);
    const { c, data } = await caseOf(t, caseId);
    expect(c.status).toBe('needs_info');
    expect(data.eligibility).toEqual({ groupCaseId: group.id, name: GROUP_NAME, resolution: { held: true, meeting: 'ประชุมสมาชิก', date: '2019-01-18' }, asOf: '2019-01-21' });
    // The applicant section was not reopened: left as it was.
    expect(data.applicant).toEqual(completeData('group').applicant);
    await press(person, MCHCH_HUB_SAY.resend);
    await press(person, MCHCH_HUB_SAY.resend);
    expect((await caseOf(t, caseId)).c.status).toBe('resubmitted');
  });

  it('needs_info with only the photo reopened: the qualifications are not offered, and an old button is refused politely', async () => {
    t = await mchchBot({ mode: 'relay' });
    const { person, caseId } = await sentBack('leader', ['photo']);
    const before = await caseOf(t, caseId);
    const hub = await openEligibility(person, caseId);
    expect(flexLabels(hub).filter((l) => l.includes('คุณสมบัติ'))).toEqual([]);
    expect(allText(hub)).toContain(MCHCH_HUB_SAY.resend);
    const reply = await intakeWith(person, String(caseId));
    expect(texts(reply)[0]).toBe(MCHCH_COMMON_SAY.notEditable('คุณสมบัติ'));
    expect(quickReplyLabels(reply)).toContain(MCHCH_COMMON_SAY.toHub);
    expect(allText(reply)).not.toContain(EDIT_SAY.keep);
    expect((await caseOf(t, caseId)).data).toEqual(before.data);
  });

  it('another person\'s case, a group case or a made-up id: not found, with the menu; nothing changes', async () => {
    t = await mchchBot();
    const { caseId } = await applicantWithDraft(t);
    const before = await caseOf(t, caseId);
    const stranger = new Person(t);
    const staff = await newStaff(t);
    const group = await registeredGroup(t.db, stranger.userId, staff.userId, clock.now());
    for (const c of [String(caseId), String(group.id), 'abc', '999999']) {
      const reply = await intakeWith(stranger, c);
      expect(texts(reply)[0]).toBe(MCHCH_COMMON_SAY.notFound);
      expect(quickReplyLabels(reply)).toContain('เมนู');
    }
    expect((await caseOf(t, caseId)).data).toEqual(before.data);
  });

  it('a not-yet answer during the edit: the reason, the rule and the fix; the old answers kept; back to the hub', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t);
    const before = await caseOf(t, caseId);
    await openEligibility(person, caseId);
    // A sticker first: answered kindly, the question stands.
    await person.sticker();
    expect(quickReplyLabels(person.lastMessages())).toContain(EDIT_SAY.change);
    await press(person, EDIT_SAY.change);
    const no = await person.say('ธ.ค. 2561');
    const said = allText(no);
    expect(said).toContain('ไม่ถึง 1 เดือน');
    expect(said).toContain(MCHCH_REASONS.residency.rule);
    expect(said).toContain(MCHCH_REASONS.residency.fix);
    expect(said).toContain('คำตอบเดิมในใบสมัครยังอยู่ครบ');
    expect(said).toContain(ROUND_2562.label);
    expect(said).not.toContain('ยังสมัครไม่ได้');
    expect(quickReplyLabels(no)).toEqual(expect.arrayContaining([MCHCH_COMMON_SAY.toHub, 'เมนู']));
    expect(quickReplyLabels(no)).not.toContain('สมัคร มชช.');
    expect((await caseOf(t, caseId)).data).toEqual(before.data);
    const hub = await press(person, MCHCH_COMMON_SAY.toHub);
    expect(allText(hub)).toContain(MCHCH_HUB_SAY.missing(0));
  });

  it('a community with no definite boundary any more: not yet, nothing saved', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, completeData('community'));
    const before = await caseOf(t, caseId);
    const current = allText(await openEligibility(person, caseId));
    expect(current).toContain('หมู่ที่ 4');
    expect(current).toContain('ชุมชนบ้านคลองสวน');
    await press(person, EDIT_SAY.change);
    await person.say('ชุมชนบ้านคลองสวน');
    await person.say('๔');
    await person.say('ทิศเหนือจดคลองสวน');
    const no = await press(person, 'ยังไม่ชัดเจน');
    expect(allText(no)).toContain(MCHCH_REASONS.boundary.rule);
    expect((await caseOf(t, caseId)).data).toEqual(before.data);
  });

  it('a registered group picked in a draft with no applicant yet fills in the applicant, as the intake does', async () => {
    t = await mchchBot();
    const staff = await newStaff(t);
    const { applicant: _none, ...data } = completeData('group');
    const { person, caseId } = await applicantWithDraft(t, data);
    const group = await registeredGroup(t.db, person.userId, staff.userId, clock.now());
    await openEligibility(person, caseId);
    await press(person, EDIT_SAY.change);
    await person.say('1');
    await press(person, 'มีมติแล้ว');
    await press(person, 'จำวันไม่ได้');
    const saved = (await caseOf(t, caseId)).data;
    expect(saved.eligibility).toMatchObject({ groupCaseId: group.id, name: GROUP_NAME, resolution: { held: true, meeting: 'ประชุมสมาชิก' } });
    expect(saved.applicant).toEqual({ name: 'สมศรี ใจดี', phone: '0812345678', role: 'ประธาน' });
  });

  it('the application sent meanwhile (from another phone): the new answers are not saved, said so, and the hub shows its status', async () => {
    t = await mchchBot({ mode: 'relay' });
    const { person, caseId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    const before = await caseOf(t, caseId);
    await openEligibility(person, caseId);
    await press(person, EDIT_SAY.change);
    await person.say('2550');
    await person.say('อสม. 2555');
    await press(person, 'ตำแหน่งทางการ');
    await moveCase(t, caseId, [{ to: 'submitted', actor: { role: 'applicant', id: person.userId } }]);
    const reply = await person.say('ผู้ใหญ่บ้าน');
    expect(texts(reply)[0]).toBe(MCHCH_COMMON_SAY.saveFailed);
    expect(allText(reply)).toContain('สถานะ:');
    expect((await caseOf(t, caseId)).data.eligibility).toEqual(before.data.eligibility);
  });
});

describe('the hub offers the qualifications', () => {
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  it('a draft\'s card has ✓ คุณสมบัติ, which opens the answers to keep or change', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, completeData('leader'));
    await person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId) }));
    const answers = await press(person, '✓ คุณสมบัติ');
    expect(quickReplyLabels(answers)).toEqual(expect.arrayContaining([EDIT_SAY.keep, EDIT_SAY.change]));
  });
});
