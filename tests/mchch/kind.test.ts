// The มชช. case kind as the machinery sees it: every type's complete data is valid, the staff buttons
// fit LINE, the paths of both modes are open to the right roles, and a step that needs its day is
// refused without one and keeps it in the history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTransition, transitionsFrom } from '../../src/cases/kind';
import { mchchKind, MCHCH_STAGES } from '../../src/cases/kinds/mchch';
import { transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { DEFAULT_CHECKLISTS, MCHCH_TYPES, mchchData } from '../../src/mchch/data';
import { clock, expectNoLineProblems, fake, type TestBot } from '../support/harness';
import { applicantWithDraft, caseOf, completeData, mchchBot, moveCase, newStaff, OFFICE } from './helpers';

describe('the มชช. kind', () => {
  it.each(MCHCH_TYPES)('a complete %s application is valid data', (type) => {
    expect(mchchData.safeParse(completeData(type)).success).toBe(true);
  });

  it('every staff button label fits LINE (≤ 20 characters) and every status has a Thai label', () => {
    for (const t of mchchKind.transitions) if (t.label) expect([...t.label].length, t.label).toBeLessThanOrEqual(20);
    for (const t of mchchKind.transitions) for (const r of t.reasons ?? []) expect([...r.label].length, r.label).toBeLessThanOrEqual(20);
    for (const info of Object.values(mchchKind.statuses)) expect(info.label).toMatch(/[\u0E00-\u0E7F]/);
  });

  it('relay: staff รับเรื่อง, ขอเอกสารเพิ่ม, ไม่รับ, ส่งต่ออำเภอ; prepare_only: the applicant hands it in, staff record the district', () => {
    expect(transitionsFrom(mchchKind, 'in_review', 'officer').map((t) => t.label)).toEqual(['ขอเอกสารเพิ่ม', 'ไม่รับ', 'ส่งต่ออำเภอ']);
    expect(findTransition(mchchKind, 'pack_ready', 'handed_in', 'applicant')).toBeDefined();
    expect(findTransition(mchchKind, 'pack_ready', 'handed_in', 'officer')).toBeUndefined();
    expect(transitionsFrom(mchchKind, 'handed_in', 'officer').map((t) => t.to)).toEqual(['district_registered', 'rejected_district']);
  });

  it('the stages go forward only, any may be skipped, and the result is open from every stage', () => {
    MCHCH_STAGES.forEach((stage, i) => {
      const onward = transitionsFrom(mchchKind, stage, 'officer').map((t) => t.to);
      expect(onward).toEqual([...MCHCH_STAGES.slice(i + 1), 'certified', 'not_certified']);
    });
  });

  it('staff can reopen only the sections of the case\'s type (a group has no ID card copy)', () => {
    const group = mchchKind.sectionsFor!(completeData('group'));
    expect(Object.keys(group)).toEqual(['eligibility', 'applicant', 'form', ...DEFAULT_CHECKLISTS.group.map((i) => i.key)]);
    expect(group).not.toHaveProperty('idCard');
    expect(mchchKind.sectionsFor!(completeData('community')).team).toBe('รายชื่อทีมนำการพัฒนา');
  });
});

describe('a step that needs its day', () => {
  let t: TestBot;
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  it('is refused without a day (nothing changes) and keeps the day given in the history', async () => {
    const staff = await newStaff(t);
    const { person, caseId } = await applicantWithDraft(t);
    await moveCase(t, caseId, [
      { to: 'pack_ready', actor: { role: 'applicant', id: person.userId } },
      { to: 'handed_in', actor: { role: 'applicant', id: person.userId } },
    ]);
    const before = (await findCase(t.db, OFFICE, caseId))!;
    const actor = { role: 'officer' as const, id: staff.userId };
    const refused = await t.db.transaction((tx) => transition(tx, OFFICE, caseId, { to: 'district_registered', actor, expectedVersion: before.version }, clock.now()));
    expect(refused).toMatchObject({ ok: false, reason: 'needs_note' });
    const badDay = await t.db.transaction((tx) => transition(tx, OFFICE, caseId, { to: 'district_registered', actor, expectedVersion: before.version, date: '2019-02-30' }, clock.now()));
    expect(badDay).toMatchObject({ ok: false, reason: 'needs_note' });
    expect((await findCase(t.db, OFFICE, caseId))!.status).toBe('handed_in');

    await moveCase(t, caseId, [{ to: 'district_registered', actor, date: '2019-02-08' }]);
    const { c, history } = await caseOf(t, caseId);
    expect(c.status).toBe('district_registered');
    expect(c.reference).toMatch(/^MCH-2562-0001$/);
    expect(history.at(-1)).toMatchObject({ toStatus: 'district_registered', onDate: '2019-02-08' });
    expect(history.find((h) => h.toStatus === 'pack_ready')!.onDate).toBeNull();
  });
});
