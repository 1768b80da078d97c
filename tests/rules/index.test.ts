// The public entry point: decideAll picks the allowances the facts speak to; the open-question list
// is complete and every decision points only at known ids.
import { describe, expect, it } from 'vitest';
import { OPEN_QUESTIONS, REFERENCES, RULES_VERSION, decideAll, type Facts } from '../../src/rules/index';
import { person } from './people';
import { thaiDate } from './thai-dates';

const asOf = thaiDate('15 พ.ย. 2568');

describe('decideAll', () => {
  const rows: { change: Partial<Facts>; allowances: string[]; why: string }[] = [
    { change: {}, allowances: ['elderly'], why: 'only the old-age questions were asked' },
    { change: { disabilityCard: 'valid' }, allowances: ['elderly', 'disability'], why: 'card question asked' },
    { change: { aidsDiagnosis: 'certified', aidsHardship: true }, allowances: ['elderly', 'aids'], why: 'diagnosis question asked' },
  ];
  it.each(rows)('$why', ({ change, allowances }) => {
    expect(decideAll(person('1 พ.ค. 2499', change), asOf).map((d) => d.allowance)).toEqual(allowances);
  });

  it('lets a 69-year-old with a disability card get both allowances', () => {
    const decisions = decideAll(person('1 พ.ค. 2499', { disabilityCard: 'valid' }), asOf);
    expect(decisions.map((d) => [d.allowance, d.outcome, d.monthlyAmount])).toEqual([
      ['elderly', 'eligible', 700],
      ['disability', 'eligible', 800],
    ]);
    for (const decision of decisions) expect(decision.rulesVersion).toBe(RULES_VERSION);
  });
});

describe('open questions and references', () => {
  it('every open question has Thai for the user, a staff note and known sources', () => {
    for (const question of Object.values(OPEN_QUESTIONS)) {
      expect(question.th).toMatch(/ค่ะ$/);
      expect(question.note.length).toBeGreaterThan(20);
      expect(question.sources.length).toBeGreaterThan(0);
      for (const source of question.sources) expect(REFERENCES[source]).toBeDefined();
    }
  });

  it('every clause and question in a spread of decisions points at a known entry', () => {
    const variants: Partial<Facts>[] = [
      { receivesStatePension: true, applicant: 'proxy' },
      { receivesStateSalary: true, disabilityCard: 'expired' },
      { aidsDiagnosis: 'hiv-no-symptoms', thaiNational: false, aidsHardship: false },
    ];
    for (const variant of variants) {
      for (const decision of decideAll(person('15 มิ.ย. 2498', variant), asOf)) {
        for (const id of decision.openQuestions) expect(OPEN_QUESTIONS[id]).toBeDefined();
        for (const clause of decision.clauses) {
          expect(clause.th).toMatch(/ค่ะ/);
          if (clause.ref) expect(REFERENCES[clause.ref].url).toMatch(/^https?:\/\//);
        }
      }
    }
  });
});
