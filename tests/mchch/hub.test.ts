// The มชช. hub through the webhook: each type's draft filled through its sections from the hub's
// buttons and sent (prepare_only → the prepared pack and ยื่นที่อำเภอแล้ว; relay → submitted); a
// missing document blocks sending and is named; needs_info offers only the reopened slots and
// resubmits (also after the office's cut-off); a new send after the cut-off is refused with the
// subscribe button; the same send button twice sends once; resumed a week later after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOC_SAY } from '../../src/flows/mchch/doc';
import { APPLICANT_SAY } from '../../src/flows/mchch/applicant';
import { MCHCH_HUB_SAY, sectionLabel } from '../../src/flows/mchch/hub';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { LIST_SAY } from '../../src/flows/mchch/lists';
import { postback } from '../../src/flows/postback';
import { DEFAULT_CHECKLISTS, MCHCH_TYPES, type MchchData, type MchchSection, type MchchType } from '../../src/mchch/data';
import { readiness } from '../../src/mchch/readiness';
import { mchchSettingsSchema } from '../../src/office/mchch-settings';
import { flexButtons, flexLabels } from '../booking/helpers';
import { jpeg, upload } from '../groups/sections-helpers';
import { allText, clock, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { applicantWithDraft, caseOf, completeData, mchchBot, moveCase, newStaff, press } from './helpers';

let t: TestBot;
beforeEach(() => fake.reset());
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const openHub = (person: Person, caseId: number) => person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId) }));
const settings = mchchSettingsSchema.parse(undefined);

/** A draft as the intake leaves it: the round, type, consent and qualifications, nothing else. */
function intakeOnly(type: MchchType, mode: 'prepare_only' | 'relay' = 'prepare_only'): MchchData {
  const full = completeData(type, [1], mode);
  return { round: full.round, type, consent: full.consent, eligibility: full.eligibility };
}

function sectionButtonLabel(data: MchchData, key: string): string {
  const item = readiness(data, settings).items.find((i) => i.key === key)!;
  return sectionLabel({ section: key as MchchSection, item });
}

/** Fill one section from the hub's button, as a person would. */
async function fill(person: Person, caseId: number, key: string): Promise<Message[]> {
  const { data } = await caseOf(t, caseId);
  await press(person, sectionButtonLabel(data, key));
  if (key === 'applicant') {
    await person.say('นางสมศรี ใจดี');
    await person.tap(APPLICANT_SAY.yes);
    await person.say('081 234 5678');
    const reply = await person.tap('ข้าม');
    return data.type === 'leader' ? reply : person.say('ประธาน');
  }
  if (key === 'team') {
    await person.say('นายสมชาย ใจกล้า - การตลาด\nนางมาลี ศรีสุข');
    return person.tap(LIST_SAY.save);
  }
  if (key === 'advisers') return person.tap(LIST_SAY.none);
  await person.image(upload(jpeg()));
  return person.tap(DOC_SAY.done);
}

describe('the hub', () => {
  for (const type of MCHCH_TYPES) {
    it(`${type}: filled section by section from the hub and prepared for the district (prepare_only)`, async () => {
      t = await mchchBot();
      const { person, caseId } = await applicantWithDraft(t, intakeOnly(type));
      let reply = await openHub(person, caseId);
      const card = allText(reply);
      expect(card).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร');
      const required = DEFAULT_CHECKLISTS[type].filter((i) => i.required);
      expect(card).toContain(MCHCH_HUB_SAY.missing(required.length + 1)); // + the applicant
      for (const item of DEFAULT_CHECKLISTS[type]) if (item.seedNo) expect(card).toContain(item.seedNo);
      for (const key of ['applicant', ...DEFAULT_CHECKLISTS[type].map((i) => i.key)]) reply = await fill(person, caseId, key);
      expect(allText(reply)).toContain(MCHCH_HUB_SAY.missing(0));
      reply = await person.tap(MCHCH_HUB_SAY.review);
      expect(allText(reply)).toContain('ตรวจใบสมัครก่อนส่ง');
      reply = await press(person, MCHCH_HUB_SAY.sendPrepare);
      const { c, data } = await caseOf(t, caseId);
      expect(c.status).toBe('pack_ready');
      expect(c.reference).toMatch(/^MCH-\d{4}-\d{4}$/);
      const pack = allText(reply);
      expect(pack).toContain(c.reference!);
      for (const item of DEFAULT_CHECKLISTS[type]) if (item.key !== 'advisers') expect(pack).toContain(item.title);
      expect(pack).toContain('สำนักงานพัฒนาชุมชนอำเภอ');
      expect(pack).toContain('11 ก.พ. 2562');
      expect(data.advisers).toEqual({ entries: [], none: true });
      // pack_ready is still editable: the hub draws the card again with ยื่นที่อำเภอแล้ว.
      reply = await openHub(person, caseId);
      expect(flexLabels(reply)).toContain(MCHCH_HUB_SAY.handedIn);
      reply = await press(person, MCHCH_HUB_SAY.handedIn);
      expect(texts(reply)[0]).toContain(MCHCH_HUB_SAY.handedInDone(c.reference!, '').trim());
      expect((await caseOf(t, caseId)).c.status).toBe('handed_in');
    });
  }

  it('relay: a complete group is sent to the office (submitted), and the status is shown afterwards', async () => {
    t = await mchchBot({ mode: 'relay' });
    const { person, caseId } = await applicantWithDraft(t, completeData('group', [1], 'relay'));
    await openHub(person, caseId);
    await person.tap(MCHCH_HUB_SAY.review);
    const reply = await press(person, MCHCH_HUB_SAY.sendRelay);
    const { c } = await caseOf(t, caseId);
    expect(c.status).toBe('submitted');
    expect(texts(reply)[0]).toContain(c.reference!);
    expect(texts(await openHub(person, caseId))[0]).toContain('สถานะ:');
  });

  it('`s` opens that section at once when it may be changed now, and only then', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), idCard: undefined });
    let reply = await person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId), s: 'idCard' }));
    expect(texts(reply)[0]).toBe(DOC_SAY.ask('สำเนาบัตรประชาชน'));
    reply = await person.postback(postback.go(MCHCH_ENTRIES.hub, { c: String(caseId), s: 'team' })); // not a leader's item
    expect(allText(reply)).toContain(MCHCH_HUB_SAY.missing(1));
  });

  it('a missing document blocks sending and is named', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, { ...completeData('leader'), idCard: undefined });
    await openHub(person, caseId);
    const reply = await person.tap(MCHCH_HUB_SAY.review);
    expect(allText(reply)).toContain('ยังส่งไม่ได้ค่ะ');
    expect(allText(reply)).toContain('๑.๔ สำเนาบัตรประชาชน');
    expect(flexLabels(reply)).not.toContain(MCHCH_HUB_SAY.sendPrepare);
    expect(flexLabels(reply)).toContain('✗ ๑.๔ สำเนาบัตรประชาชน');
    expect((await caseOf(t, caseId)).c.status).toBe('draft');
  });

  it('needs_info offers only the reopened slot and resubmits, even after the office\'s cut-off', async () => {
    t = await mchchBot({ mode: 'relay' });
    const staff = await newStaff(t);
    const { person, caseId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    await moveCase(t, caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: person.userId } },
      { to: 'in_review', actor: { role: 'officer', id: staff.userId } },
      { to: 'needs_info', actor: { role: 'officer', id: staff.userId }, note: 'สำเนาบัตรไม่ชัด', sections: ['idCard'] },
    ]);
    clock.set('2019-02-06T03:00:00Z'); // after the cut-off (4 Feb), before the district deadline (11 Feb)
    let reply = await openHub(person, caseId);
    const sectionButtons = flexLabels(reply).filter((l) => l.startsWith('✓') || l.startsWith('✗'));
    expect(sectionButtons).toEqual(['✓ ๑.๔ สำเนาบัตรประชาชน']);
    expect(allText(reply)).toContain('สำเนาบัตรไม่ชัด');
    expect(flexLabels(reply)).toContain(MCHCH_HUB_SAY.resend);
    // A section not reopened cannot be opened by an old button.
    expect(texts(await person.postback(postback.go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'photo' })))[0]).toContain('แก้ไขไม่ได้');
    await person.postback(postback.go(MCHCH_ENTRIES.doc, { c: String(caseId), k: 'idCard' }));
    await person.tap(DOC_SAY.again);
    await person.image(upload(jpeg()));
    reply = await person.tap(DOC_SAY.done);
    await person.tap(MCHCH_HUB_SAY.review);
    reply = await press(person, MCHCH_HUB_SAY.resend);
    expect(texts(reply)[0]).toContain('ส่งข้อมูลที่แก้แล้วเรียบร้อย');
    expect((await caseOf(t, caseId)).c.status).toBe('resubmitted');
  });

  it('a new send after the cut-off is refused with the round\'s dates and "แจ้งเตือนรอบหน้า"', async () => {
    t = await mchchBot({ at: '2019-02-05T03:00:00Z' });
    const { person, caseId } = await applicantWithDraft(t, completeData('community'));
    await openHub(person, caseId);
    const reply = await person.tap(MCHCH_HUB_SAY.review);
    const said = texts(reply)[0]!;
    expect(said).toContain('ปิดรับใบสมัครแล้วเมื่อวันที่ 4 ก.พ. 2562');
    expect(said).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)');
    expect(quickReplyLabels(reply)).toContain(MCHCH_HUB_SAY.subscribe);
    expect((await caseOf(t, caseId)).c.status).toBe('draft');
  });

  it('the same send button pressed twice sends once', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, completeData('network'));
    await openHub(person, caseId);
    await person.tap(MCHCH_HUB_SAY.review);
    const button = flexButtons(person.lastMessages()).find((b) => b.action.label === MCHCH_HUB_SAY.sendPrepare)!;
    const data = (button.action as { data: string }).data;
    await person.postback(data);
    const again = await person.postback(data);
    expect(allText(again)).not.toContain('เตรียมเอกสารเรียบร้อย');
    const { c, history } = await caseOf(t, caseId);
    expect(c.status).toBe('pack_ready');
    expect(history.filter((h) => h.toStatus === 'pack_ready')).toHaveLength(1);
  });

  it('pack_ready stays editable, the pack\'s ยื่นที่อำเภอแล้ว still works after an edit, and pressed again it only shows the status', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, completeData('leader'));
    await openHub(person, caseId);
    await person.tap(MCHCH_HUB_SAY.review);
    const sent = await press(person, MCHCH_HUB_SAY.sendPrepare);
    const button = flexButtons(sent).find((b) => b.action.label === MCHCH_HUB_SAY.handedIn)!;
    const data = (button.action as { data: string }).data;
    await person.postback(postback.go(MCHCH_ENTRIES.applicant, { c: String(caseId) }));
    await person.tap(APPLICANT_SAY.change);
    await person.say('นางสมศรี ใจงาม');
    await person.tap(APPLICANT_SAY.yes);
    await person.say('0812345678');
    const edited = await person.tap('ข้าม');
    expect(allText(edited)).toContain(MCHCH_HUB_SAY.handedIn); // the card redrawn, still pack_ready
    expect((await caseOf(t, caseId)).data.applicant?.name).toBe('นางสมศรี ใจงาม');
    const reply = await person.postback(data);
    expect(texts(reply)[0]).toContain('ยื่นใบสมัครที่อำเภอแล้ว');
    const again = await person.postback(data);
    expect(texts(again)[0]).toContain('สถานะ: ยื่นที่อำเภอแล้ว');
    const { c, history } = await caseOf(t, caseId);
    expect(c.status).toBe('handed_in');
    expect(history.filter((h) => h.toStatus === 'handed_in')).toHaveLength(1);
  });

  it('resumes a week later after a restart with everything kept, and withdraws with a confirm', async () => {
    t = await mchchBot();
    const { person, caseId } = await applicantWithDraft(t, intakeOnly('leader'));
    await openHub(person, caseId);
    await fill(person, caseId, 'applicant');
    await fill(person, caseId, 'photo');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    clock.set('2019-01-28T03:00:00Z');
    const reply = await openHub(person, caseId);
    expect(flexLabels(reply)).toEqual(expect.arrayContaining(['✓ ข้อมูลผู้สมัคร', '✓ ๑.๒ รูปถ่าย 1 รูป', '✗ ๑.๓ สำเนาทะเบียนบ้าน']));
    expect(allText(reply)).toContain(MCHCH_HUB_SAY.missing(3));
    await press(person, MCHCH_HUB_SAY.withdraw);
    await person.tap(MCHCH_HUB_SAY.withdrawYes);
    expect((await caseOf(t, caseId)).c.status).toBe('withdrawn');
  });
});
