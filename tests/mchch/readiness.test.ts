// readiness (pure): each type's complete data is ready; a missing document blocks and is named; an
// optional document marked none is done (with a warning) but a required one marked none is not;
// Q21 — the paper form's photo is required without office form fields, optional once the fields are
// configured and filled; the office's own checklist (Q15) replaces the seed's.
import { describe, expect, it } from 'vitest';
import { MCHCH_TYPES } from '../../src/mchch/data';
import { checklistFor, readiness } from '../../src/mchch/readiness';
import { fullYears, qualificationLines } from '../../src/mchch/review';
import { mchchSettingsSchema } from '../../src/office/mchch-settings';
import { completeData } from './helpers';

const defaults = mchchSettingsSchema.parse(undefined);
const withFields = mchchSettingsSchema.parse({
  form: { fields: [{ id: 'village', label: 'หมู่บ้าน', required: true }, { id: 'birth', label: 'วันเกิด', kind: 'date', required: false, types: ['leader'] }] },
});

describe('readiness', () => {
  it('finds every type\'s complete data ready, with the applicant and the seed items listed', () => {
    for (const type of MCHCH_TYPES) {
      const r = readiness(completeData(type), defaults);
      expect(r.blocking, type).toEqual([]);
      expect(r.ready).toBe(true);
      expect(r.items.map((i) => i.key)).toEqual(['eligibility', 'applicant', ...checklistFor(type, defaults).map((i) => i.key)]);
    }
  });

  it('blocks on a missing document and on a missing team, naming them with their seed numbers', () => {
    const leader = { ...completeData('leader'), idCard: undefined };
    const r = readiness(leader, defaults);
    expect(r.ready).toBe(false);
    expect(r.blocking.map((i) => [i.key, i.seedNo])).toEqual([['idCard', '๑.๔']]);
    const group = { ...completeData('group'), team: { entries: [] } };
    expect(readiness(group, defaults).blocking.map((i) => i.key)).toEqual(['team']);
    const noApplicant = { ...completeData('network'), applicant: undefined };
    expect(readiness(noApplicant, defaults).blocking.map((i) => i.key)).toEqual(['applicant']);
  });

  it('takes "ไม่มีเอกสารนี้" only for an optional item', () => {
    const required = { ...completeData('leader'), photo: { pages: [], none: true } };
    expect(readiness(required, defaults).blocking.map((i) => i.key)).toEqual(['photo']);
    // The office makes the photo optional (Q15): then none is done, with a warning that never blocks.
    const office = mchchSettingsSchema.parse({ documents: { leader: [{ key: 'applicationForm', required: true }, { key: 'photo', required: false }, { key: 'idCard', required: true }] } });
    const r = readiness(required, office);
    expect(r.ready).toBe(true);
    expect(r.items.map((i) => i.key)).toEqual(['eligibility', 'applicant', 'applicationForm', 'photo', 'idCard']);
    expect(r.warnings).toEqual(['แจ้งว่าไม่มี "รูปถ่าย 1 รูป"']);
    expect(r.items.find((i) => i.key === 'photo')?.title).toBe('รูปถ่าย ๑ รูป');
  });

  it('advisers are done with none or an entry, never required', () => {
    const none = readiness({ ...completeData('community'), advisers: undefined }, defaults);
    expect(none.ready).toBe(true);
    expect(none.items.find((i) => i.key === 'advisers')).toMatchObject({ done: false, required: false });
  });

  it('Q21: the ใบสมัคร photo is required without office fields; optional once the fields are filled', () => {
    const noPhoto = { ...completeData('leader'), applicationForm: undefined };
    expect(readiness(noPhoto, defaults).blocking.map((i) => i.key)).toEqual(['applicationForm']);
    // Fields configured, not filled: the form blocks, and the photo is still needed.
    expect(readiness(noPhoto, withFields).blocking.map((i) => i.key)).toEqual(['form', 'applicationForm']);
    // Filled (the optional date left out): ready without the photo.
    const filled = readiness({ ...noPhoto, form: { village: 'บ้านหนองบัว' } }, withFields);
    expect(filled.ready).toBe(true);
    expect(filled.items.find((i) => i.key === 'applicationForm')).toMatchObject({ required: false, done: false });
    // A field for leaders only is not asked of a group.
    expect(readiness({ ...completeData('group'), form: { village: 'x' } }, withFields).items.find((i) => i.key === 'form')?.count).toBe(1);
  });

  it('warns, never blocks, when the leader has lived in the community under a year as of today (Q24)', () => {
    const data = completeData('leader');
    const recent = { ...data, eligibility: { ...data.eligibility, residentSince: '2018-06-01' } };
    const r = readiness(recent, defaults, '2019-01-21');
    expect(r.ready).toBe(true);
    expect(r.warnings).toEqual(['ผู้นำชุมชนต้องมีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า 1 ปี']);
    expect(readiness(recent, defaults, '2019-06-01').warnings).toEqual([]);
  });

  it('the review\'s qualification lines give the leader\'s residency in whole years as of today', () => {
    expect(fullYears('2010-05-01', '2019-01-21')).toBe(8);
    expect(fullYears('2018-01-22', '2019-01-21')).toBe(0);
    expect(qualificationLines(completeData('leader'), '2019-01-21')[0]).toBe('อยู่ในชุมชน 8 ปี (ตั้งแต่ 1 พ.ค. 2553)');
  });
});
