// เบี้ยยังชีพผู้ป่วยเอดส์: diagnosis, area, and the points LAO pages disagree on (sent to the office).
import { describe, expect, it } from 'vitest';
import { formatThaiMonth } from '../../src/rules/calendar';
import type { Facts } from '../../src/rules/decision';
import { decideAids } from '../../src/rules/aids';
import { person } from './people';
import { thaiDate } from './thai-dates';

const asOf = thaiDate('15 พ.ย. 2568');

function patient(overrides: Partial<Facts> = {}): Facts {
  return person('10 มี.ค. 2520', { aidsDiagnosis: 'certified', aidsHardship: true, ...overrides });
}

describe('conditions', () => {
  const rows: { change: Partial<Facts>; outcome: string; question?: string; why: string }[] = [
    { change: {}, outcome: 'eligible', why: 'certified, in the area, in hardship' },
    { change: { aidsDiagnosis: 'none' }, outcome: 'not-eligible', why: 'no doctor\'s certificate' },
    { change: { aidsDiagnosis: 'hiv-no-symptoms' }, outcome: 'ask-office', question: 'aids-hiv-without-symptoms', why: 'HIV without symptoms: LAOs differ' },
    { change: { aidsDiagnosis: 'unknown' }, outcome: 'ask-office', why: 'not sure about the certificate' },
    { change: { registeredInArea: false }, outcome: 'not-eligible', why: 'outside the area' },
    { change: { thaiNational: false }, outcome: 'ask-office', question: 'aids-nationality', why: 'nationality rule unconfirmed' },
    { change: { aidsHardship: false }, outcome: 'ask-office', question: 'aids-hardship-test', why: 'hardship test differs between LAOs' },
    { change: { aidsHardship: undefined }, outcome: 'ask-office', why: 'hardship not asked' },
    { change: { aidsDiagnosis: 'none', aidsHardship: false }, outcome: 'not-eligible', question: 'aids-hardship-test', why: 'a failed clause outweighs an unknown one' },
  ];
  it.each(rows)('$why → $outcome', ({ change, outcome, question }) => {
    const decision = decideAids(patient(change), asOf);
    expect(decision.outcome).toBe(outcome);
    if (question) expect(decision.openQuestions).toContain(question);
  });
});

describe('amount and timing', () => {
  it('pays 500 บาท from the month after applying, any time of year', () => {
    const decision = decideAids(patient(), asOf);
    expect(decision.monthlyAmount).toBe(500);
    expect(decision.firstPaymentMonth && formatThaiMonth(decision.firstPaymentMonth)).toBe('ธ.ค. 2568');
    expect(decision.registration.openNow).toBe(true);
  });

  it('an existing recipient needs nothing new', () => {
    const decision = decideAids(patient({ alreadyReceiving: { aids: true } }), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.monthlyAmount).toBe(500);
    expect(decision.documents).toEqual([]);
  });

  it('refuses as-of days before the rules\' coverage', () => {
    expect(() => decideAids(patient(), thaiDate('11 ส.ค. 2566'))).toThrow(RangeError);
  });
});
