// The office's มชช. rounds: dated configuration with its source (reference §5 Q1, Q11, Q12, Q27).
// An office that writes none has no rounds; a bad round stops start-up naming the field.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUND_2562 } from '../mchch/fixtures';
import { DEFAULT_OFFICE_CONFIG_PATH, OfficeProfileError, parseOfficeProfile } from '../../src/office/profile';

const example = JSON.parse(fs.readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8')) as Record<string, unknown>;

// Written without `mode`, as most offices will: it defaults to prepare_only.
const { mode: _mode, ...round } = ROUND_2562;

function problemsOf(mchch: unknown): string[] {
  try {
    parseOfficeProfile({ ...example, mchch }, 'test.json');
    return [];
  } catch (error) {
    return (error as OfficeProfileError).problems.map((p) => `${p.path}: ${p.problem}`);
  }
}

describe('มชช. rounds in the office profile', () => {
  it('an office that writes no mchch field has no rounds, and the careful defaults of the open questions', () => {
    const defaults = {
      rounds: [],
      form: { fields: [] }, // Q21: no fields known → a photo of the paper form
      documents: {}, // Q15: the seed's lists
      submitterMustBeCommittee: false, // Q14
      groupMinYearsActive: null, // Q18: the seed asks only for a resolution
      requireCertifiedCopy: false, // Q23
      reminders: { hour: 9, applicantDaysBefore: [7, 1], staffDaysBefore: [7, 1] },
    };
    expect(parseOfficeProfile({ ...example, mchch: undefined }, 'test.json').mchch).toEqual(defaults);
    expect(parseOfficeProfile({ ...example, mchch: {} }, 'test.json').mchch).toEqual(defaults);
  });

  it('refuses an office form field used twice, a form field of an unknown kind, and a guideline address that is not https', () => {
    const field = { id: 'leaderAge', label: 'อายุ' };
    expect(() => parseOfficeProfile({ ...example, mchch: { form: { fields: [field, field] } } }, 'test.json')).toThrow(/mchch\.form\.fields\[1\]\.id.*used twice/s);
    expect(() => parseOfficeProfile({ ...example, mchch: { form: { fields: [{ ...field, kind: 'colour' }] } } }, 'test.json')).toThrow(/mchch\.form\.fields\[0\]\.kind/);
    expect(() => parseOfficeProfile({ ...example, mchch: { guidelineUrl: 'http://example.org/x.pdf' } }, 'test.json')).toThrow(/mchch\.guidelineUrl.*https/s);
    expect(parseOfficeProfile({ ...example, mchch: { form: { fields: [field] } } }, 'test.json').mchch.form.fields).toEqual([{ ...field, kind: 'text', required: true }]);
  });

  it('the example carries the 2562 Chachoengsao round of seed 004, with its letter, prepare_only (Q1)', () => {
    const { mchch } = parseOfficeProfile(example, 'example.json');
    expect(mchch.rounds).toHaveLength(1);
    expect(mchch.rounds[0]).toMatchObject({
      id: '2562-chachoengsao',
      opens: '2019-01-11',
      districtDeadline: '2019-02-11',
      mode: 'prepare_only',
      district: { name: 'สำนักงานพัฒนาชุมชนอำเภอ' },
    });
    expect(mchch.rounds[0]!.localCutoff < '2019-02-11').toBe(true);
    expect(mchch.rounds[0]!.source).toContain('ฉช ๐๐๑๙/ว ๑๖๙');
    // The letter names no district phone; none is made up.
    expect(mchch.rounds[0]!.district.phone).toBeUndefined();
  });

  it('mode defaults to prepare_only and relay is kept when written', () => {
    const parse = (extra: object) => parseOfficeProfile({ ...example, mchch: { rounds: [{ ...round, ...extra }] } }, 'test.json').mchch.rounds[0]!;
    expect(parse({}).mode).toBe('prepare_only');
    expect(parse({ mode: 'relay', district: { name: 'สำนักงานพัฒนาชุมชนอำเภอเมือง', phone: '038511239' } })).toMatchObject({ mode: 'relay', district: { phone: '038511239' } });
  });

  it('the local cut-off must precede the district deadline, and follow the opening', () => {
    expect(problemsOf({ rounds: [{ ...round, localCutoff: '2019-02-11' }] })).toEqual([
      'mchch.rounds[0].localCutoff: must be before districtDeadline (2019-02-11)',
    ]);
    expect(problemsOf({ rounds: [{ ...round, localCutoff: '2019-02-20' }] })).toEqual([
      'mchch.rounds[0].localCutoff: must be before districtDeadline (2019-02-11)',
    ]);
    expect(problemsOf({ rounds: [{ ...round, localCutoff: '2019-01-10' }] })).toEqual(['mchch.rounds[0].localCutoff: must not be before opens (2019-01-11)']);
  });

  it('refuses Buddhist-era years and dates that are not real, naming the field', () => {
    expect(problemsOf({ rounds: [{ ...round, districtDeadline: '2562-02-11' }] })).toEqual([
      'mchch.rounds[0].districtDeadline: 2562-02-11 looks like a Buddhist-era year (พ.ศ.); write the Christian-era year (ค.ศ. = พ.ศ. − 543)',
    ]);
    expect(problemsOf({ rounds: [{ ...round, opens: '2019-02-30' }] })[0]).toMatch(/^mchch\.rounds\[0\]\.opens: must be a real date/);
  });

  it('refuses two rounds taking applications on the same day, and an id used twice', () => {
    const later = { ...round, id: '2563-chachoengsao', opens: '2019-02-04', localCutoff: '2019-02-20', districtDeadline: '2019-03-01' };
    expect(problemsOf({ rounds: [round, later] })).toEqual([
      'mchch.rounds[1].opens: 2019-02-04–2019-02-20 overlaps rounds[0] (2019-01-11–2019-02-04); a day would belong to two rounds',
    ]);
    expect(problemsOf({ rounds: [round, { ...later, opens: '2019-02-05' }] })).toEqual([]);
    expect(problemsOf({ rounds: [round, { ...later, id: round.id, opens: '2020-01-10', localCutoff: '2020-02-01', districtDeadline: '2020-02-10' }] })).toEqual([
      'mchch.rounds[1].id: "2562-chachoengsao" is also the id of rounds[0]',
    ]);
  });

  it('refuses unknown fields, a missing source, a bad mode and a bad id, naming each', () => {
    expect(problemsOf({ round: [] })).toEqual(['mchch: unknown field "round" (check the spelling)']);
    expect(problemsOf({ rounds: [{ ...round, deadline: '2019-02-11' }] })).toEqual(['mchch.rounds[0]: unknown field "deadline" (check the spelling)']);
    expect(problemsOf({ rounds: [{ ...round, district: { name: 'อำเภอ', email: 'x@example.org' } }] })).toEqual([
      'mchch.rounds[0].district: unknown field "email" (check the spelling)',
    ]);
    const { source: _source, ...unsourced } = round;
    expect(problemsOf({ rounds: [unsourced] })).toEqual(['mchch.rounds[0].source: is required']);
    expect(problemsOf({ rounds: [{ ...round, mode: 'forward' }] })).toEqual(['mchch.rounds[0].mode: must be "prepare_only" or "relay"']);
    expect(problemsOf({ rounds: [{ ...round, id: 'มชช 2562' }] })[0]).toMatch(/^mchch\.rounds\[0\]\.id: must be lower-case/);
    expect(problemsOf({ rounds: [{ ...round, district: { name: 'อำเภอ', phone: '0-3851-1239' } }] })[0]).toMatch(/^mchch\.rounds\[0\]\.district\.phone: /);
  });
});
