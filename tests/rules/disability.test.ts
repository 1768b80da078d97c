// เบี้ยความพิการ: rate under/over 18 (and the disputed "exactly 18"), the disability card, personas.
import { describe, expect, it } from 'vitest';
import { formatThaiMonth } from '../../src/rules/calendar';
import type { Facts } from '../../src/rules/decision';
import { decideDisability } from '../../src/rules/disability';
import { person } from './people';
import { thaiDate } from './thai-dates';

function disabled(born: string, overrides: Partial<Facts> = {}): Facts {
  return person(born, { disabilityCard: 'valid', ...overrides });
}

describe('rate by age: 1,000 under 18, 800 from 18 — and both for exactly 18', () => {
  // Born 15 มิ.ย. 2550 → 18 ปีบริบูรณ์ on 14 มิ.ย. 2568, 19 on 14 มิ.ย. 2569.
  // The amount is for the first payment month (the month after registering); the age that counts
  // is the age on the last day of the month before it.
  const rows = [
    { asOf: '31 พ.ค. 2568', receiving: false, firstMonth: 'มิ.ย. 2568', amount: 1000, options: undefined, why: '17 at the end of May' },
    { asOf: '13 มิ.ย. 2568', receiving: false, firstMonth: 'ก.ค. 2568', amount: undefined, options: [800, 1000], why: '18 at the end of June: disputed' },
    { asOf: '14 มิ.ย. 2568', receiving: false, firstMonth: 'ก.ค. 2568', amount: undefined, options: [800, 1000], why: 'reaches 18 today' },
    { asOf: '31 พ.ค. 2569', receiving: false, firstMonth: 'มิ.ย. 2569', amount: undefined, options: [800, 1000], why: 'still 18 at the end of May' },
    { asOf: '1 มิ.ย. 2569', receiving: false, firstMonth: 'ก.ค. 2569', amount: 800, options: undefined, why: '19 at the end of June' },
    { asOf: '15 มิ.ย. 2568', receiving: true, firstMonth: undefined, amount: 1000, options: undefined, why: 'receiving: June pays by age on 31 พ.ค. (17)' },
    { asOf: '15 ก.ค. 2568', receiving: true, firstMonth: undefined, amount: undefined, options: [800, 1000], why: 'receiving: July pays by age on 30 มิ.ย. (18)' },
  ];
  it.each(rows)('on $asOf → $amount $options ($why)', ({ asOf, receiving, firstMonth, amount, options }) => {
    const facts = disabled('15 มิ.ย. 2550', receiving ? { alreadyReceiving: { disability: true } } : {});
    const decision = decideDisability(facts, thaiDate(asOf));
    expect(decision.outcome).toBe('eligible');
    expect(decision.firstPaymentMonth && formatThaiMonth(decision.firstPaymentMonth)).toBe(firstMonth);
    expect(decision.monthlyAmount).toBe(amount);
    expect(decision.monthlyAmountOptions).toEqual(options);
    expect(decision.openQuestions.includes('disability-rate-at-18')).toBe(options !== undefined);
  });

  it('gives both amounts when the birth date is unknown, without the age-18 question', () => {
    const decision = decideDisability(disabled('1 ม.ค. 2500', { birth: 'unknown' }), thaiDate('15 พ.ย. 2568'));
    expect(decision.monthlyAmountOptions).toEqual([800, 1000]);
    expect(decision.openQuestions).not.toContain('disability-rate-at-18');
  });
});

describe('conditions', () => {
  const rows: { change: Partial<Facts>; outcome: string; clause: string; status: string; why: string }[] = [
    { change: {}, outcome: 'eligible', clause: 'disability.card', status: 'pass', why: 'valid card' },
    { change: { disabilityCard: 'expired' }, outcome: 'not-eligible', clause: 'disability.card', status: 'fail', why: 'expired card: renew first' },
    { change: { disabilityCard: 'none' }, outcome: 'not-eligible', clause: 'disability.card', status: 'fail', why: 'no card: get one first' },
    { change: { disabilityCard: 'unknown' }, outcome: 'ask-office', clause: 'disability.card', status: 'unknown', why: 'not sure about the card' },
    { change: { disabilityCard: undefined }, outcome: 'ask-office', clause: 'disability.card', status: 'unknown', why: 'card question not asked' },
    { change: { thaiNational: false }, outcome: 'not-eligible', clause: 'disability.thai-national', status: 'fail', why: 'not Thai' },
    { change: { registeredInArea: false }, outcome: 'not-eligible', clause: 'disability.house-registration', status: 'fail', why: 'outside the area' },
    { change: { inStateInstitution: true }, outcome: 'not-eligible', clause: 'disability.not-in-state-institution', status: 'fail', why: 'cared for by a state institution' },
    { change: { receivesStatePension: true, receivesStateSalary: true }, outcome: 'eligible', clause: 'disability.card', status: 'pass', why: 'pension and salary do not matter here' },
  ];
  it.each(rows)('$why → $outcome', ({ change, outcome, clause, status }) => {
    const decision = decideDisability(disabled('10 มี.ค. 2520', change), thaiDate('15 พ.ย. 2568'));
    expect(decision.outcome).toBe(outcome);
    expect(decision.clauses.find((c) => c.id === clause)?.status).toBe(status);
  });

  it('registration is open all year and pays from the next month', () => {
    const decision = decideDisability(disabled('10 มี.ค. 2520'), thaiDate('20 ธ.ค. 2568'));
    expect(decision.registration.openNow).toBe(true);
    expect(decision.firstPaymentMonth && formatThaiMonth(decision.firstPaymentMonth)).toBe('ม.ค. 2569');
    expect(decision.monthlyAmount).toBe(800);
  });
});

describe('personas', () => {
  const asOf = thaiDate('15 พ.ย. 2568');

  it('disabled child, parent applies: 1,000 บาท, caregiver papers, guardian question', () => {
    const decision = decideDisability(disabled('10 มี.ค. 2558', { applicant: 'proxy' }), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.monthlyAmount).toBe(1000);
    expect(decision.openQuestions).toEqual(['disability-minor-guardian']);
    expect(decision.documents).toContainEqual({ th: 'หนังสือมอบอำนาจ', note: 'สำหรับเด็ก ถามเจ้าหน้าที่ว่าต้องใช้หรือไม่' });
    expect(decision.documents).toContainEqual({ th: 'บัตรประจำตัวประชาชนของผู้ดูแลคนพิการ (ตัวจริงและสำเนา)' });
  });

  it('disabled adult with an expired card: renew first', () => {
    const decision = decideDisability(disabled('10 มี.ค. 2520', { disabilityCard: 'expired' }), asOf);
    expect(decision.outcome).toBe('not-eligible');
    expect(decision.clauses.find((c) => c.id === 'disability.card')?.th).toBe('บัตรคนพิการหมดอายุ ต่ออายุบัตรก่อน แล้วค่อยมาลงทะเบียนค่ะ');
    expect(decision.openQuestions).toEqual(['disability-card-renewal-grace']);
    expect(decision.documents).toEqual([]);
  });

  it('already receiving with an expired card: payment is suspended until renewal', () => {
    const decision = decideDisability(
      disabled('10 มี.ค. 2520', { disabilityCard: 'expired', alreadyReceiving: { disability: true } }),
      asOf,
    );
    expect(decision.outcome).toBe('not-eligible');
    expect(decision.clauses.find((c) => c.id === 'disability.card')?.th).toContain('เงินจะถูกพักไว้');
    expect(decision.registration.windows).toEqual([]);
  });
});

describe('born 1 ม.ค. (or only the year known): 19 on 31 ธ.ค. (issue 7, point 1)', () => {
  it('a person born in 2550 registering on 31 ธ.ค. 2568 gets 800 from January, not "800 or 1,000"', () => {
    const decision = decideDisability(disabled('1 ม.ค. 2550', { birth: { year: 2007 } }), thaiDate('31 ธ.ค. 2568'));
    expect(decision.monthlyAmount).toBe(800);
    expect(decision.monthlyAmountOptions).toBeUndefined();
  });
});
