// เบี้ยยังชีพผู้สูงอายุ: cohorts, registration windows, first payment month, age bands, exclusions
// and the personas from the issue. Dates in the tables are พ.ศ., as staff read them.
import { describe, expect, it } from 'vitest';
import { formatThaiDate, formatThaiMonth, formatThaiRange } from '../../src/rules/calendar';
import type { Facts } from '../../src/rules/decision';
import { decideElderly, elderlyTiming } from '../../src/rules/elderly';
import { OPEN_QUESTIONS } from '../../src/rules/open-questions';
import { RULES_VERSION } from '../../src/rules/version';
import { person } from './people';
import { thaiDate } from './thai-dates';

function decide(facts: Facts, asOf: string) {
  return decideElderly(facts, thaiDate(asOf));
}

function month(m: { year: number; month: number } | undefined) {
  return m && formatThaiMonth(m);
}

describe('worked examples of welfare-rules.md §1.4', () => {
  const rows = [
    { born: '1 ก.ย. 2509', asOf: '15 ต.ค. 2567', reaches60: '31 ส.ค. 2569', firstMonth: 'ก.ย. 2569', fiscalYear: 2569, windows: ['1 ต.ค.–30 พ.ย. 2567', '1 ม.ค.–30 ก.ย. 2568'] },
    { born: '2 ก.ย. 2509', asOf: '15 ต.ค. 2568', reaches60: '1 ก.ย. 2569', firstMonth: 'ต.ค. 2569', fiscalYear: 2570, windows: ['1 ต.ค.–30 พ.ย. 2568', '1 ม.ค.–30 ก.ย. 2569'] },
    { born: '1 ต.ค. 2509', asOf: '15 ต.ค. 2568', reaches60: '30 ก.ย. 2569', firstMonth: 'ต.ค. 2569', fiscalYear: 2570, windows: ['1 ต.ค.–30 พ.ย. 2568', '1 ม.ค.–30 ก.ย. 2569'] },
    { born: '2 ต.ค. 2509', asOf: '15 ต.ค. 2568', reaches60: '1 ต.ค. 2569', firstMonth: 'พ.ย. 2569', fiscalYear: 2570, windows: ['1 ต.ค.–30 พ.ย. 2568', '1 ม.ค.–30 ก.ย. 2569'] },
    { born: '1 มี.ค. 2508', asOf: '15 ต.ค. 2566', reaches60: '28 ก.พ. 2568', firstMonth: 'มี.ค. 2568', fiscalYear: 2568, windows: ['1 ต.ค.–30 พ.ย. 2566', '1 ม.ค.–30 ก.ย. 2567'] },
    { born: '15 มี.ค. 2508', asOf: '15 ต.ค. 2566', reaches60: '14 มี.ค. 2568', firstMonth: 'เม.ย. 2568', fiscalYear: 2568, windows: ['1 ต.ค.–30 พ.ย. 2566', '1 ม.ค.–30 ก.ย. 2567'] },
  ];
  it.each(rows)('born $born → paid from $firstMonth (FY$fiscalYear)', ({ born, asOf, reaches60, firstMonth, fiscalYear, windows }) => {
    const timing = elderlyTiming(thaiDate(born), thaiDate(asOf));
    expect(formatThaiDate(timing.reachesMinimumAge)).toBe(reaches60);
    expect(timing.registrationFiscalYear + 1 + 543).toBe(fiscalYear);

    const decision = decide(person(born), asOf);
    expect(decision.outcome).toBe('eligible-from');
    expect(month(decision.eligibleFrom)).toBe(firstMonth);
    expect(month(decision.firstPaymentMonth)).toBe(firstMonth);
    expect(decision.registration.windows.map(formatThaiRange)).toEqual(windows);
    expect(decision.registration.openNow).toBe(true);
    expect(decision.monthlyAmount).toBe(600);
  });
});

describe('cohort cut-off: born before 2 ก.ย. (as of 15 พ.ย. 2568, FY2569 registration year)', () => {
  const rows = [
    { born: '1 ก.ย. 2509', outcome: 'eligible-from', firstMonth: 'ต.ค. 2569', open: true, why: 'FY2569 cohort: should have registered last year; registering now → paid from next October' },
    { born: '2 ก.ย. 2509', outcome: 'eligible-from', firstMonth: 'ต.ค. 2569', open: true, why: 'FY2570 cohort, registering in time' },
    { born: '1 ต.ค. 2509', outcome: 'eligible-from', firstMonth: 'ต.ค. 2569', open: true, why: 'reaches 60 on 30 ก.ย. → October' },
    { born: '2 ต.ค. 2509', outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', open: true, why: 'reaches 60 on 1 ต.ค. → November' },
    { born: '1 ก.ย. 2510', outcome: 'eligible-from', firstMonth: 'ก.ย. 2570', open: true, why: 'last birthday of the FY2570 cohort' },
    { born: '2 ก.ย. 2510', outcome: 'eligible-from', firstMonth: 'ต.ค. 2570', open: false, why: 'FY2571 cohort: registers from 1 ต.ค. 2569' },
    { born: '2 ก.ย. 2511', outcome: 'not-eligible', firstMonth: undefined, open: false, why: 'registration year is two years away: "not yet"' },
  ];
  it.each(rows)('born $born → $outcome $firstMonth ($why)', ({ born, outcome, firstMonth, open }) => {
    const decision = decide(person(born), '15 พ.ย. 2568');
    expect(decision.outcome).toBe(outcome);
    expect(month(decision.firstPaymentMonth)).toBe(firstMonth);
    expect(decision.registration.openNow).toBe(open);
  });

  it('tells the FY2571 cohort when registration opens', () => {
    const decision = decide(person('2 ก.ย. 2510'), '15 พ.ย. 2568');
    expect(decision.registration.nextOpens && formatThaiDate(decision.registration.nextOpens)).toBe('1 ต.ค. 2569');
    expect(decision.registration.th).toContain('เปิดรับครั้งถัดไป 1 ต.ค.–30 พ.ย. 2569');
  });

  it('explains "not yet" with the day the person turns 60', () => {
    const age = decide(person('2 ก.ย. 2511'), '15 พ.ย. 2568').clauses.find((clause) => clause.id === 'elderly.minimum-age');
    expect(age?.status).toBe('fail');
    expect(age?.th).toContain('1 ก.ย. 2571');
  });
});

describe('the as-of day in each month of the registration year and outside it (born 2 ต.ค. 2509)', () => {
  const rows = [
    { asOf: '30 ก.ย. 2568', open: false, nextOpens: '1 ต.ค. 2568', outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'year before: not open yet' },
    { asOf: '1 ต.ค. 2568', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ต.ค.' },
    { asOf: '30 พ.ย. 2568', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'พ.ย., last day' },
    { asOf: '1 ธ.ค. 2568', open: false, nextOpens: '1 ม.ค. 2569', outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ธ.ค. closed' },
    { asOf: '1 ม.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ม.ค.' },
    { asOf: '10 ก.พ. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ก.พ.' },
    { asOf: '10 มี.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'มี.ค.' },
    { asOf: '10 เม.ย. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'เม.ย.' },
    { asOf: '10 พ.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'พ.ค.' },
    { asOf: '10 มิ.ย. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'มิ.ย.' },
    { asOf: '10 ก.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ก.ค.' },
    { asOf: '10 ส.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ส.ค.' },
    { asOf: '30 ก.ย. 2569', open: true, nextOpens: undefined, outcome: 'eligible-from', firstMonth: 'พ.ย. 2569', why: 'ก.ย., last day to register in advance' },
    { asOf: '1 ต.ค. 2569', open: true, nextOpens: undefined, outcome: 'eligible', firstMonth: 'ต.ค. 2570', why: 'missed it: turns 60 today, paid a year later' },
  ];
  it.each(rows)('on $asOf ($why)', ({ asOf, open, nextOpens, outcome, firstMonth }) => {
    const decision = decide(person('2 ต.ค. 2509'), asOf);
    expect(decision.registration.openNow).toBe(open);
    expect(decision.registration.nextOpens && formatThaiDate(decision.registration.nextOpens)).toBe(nextOpens);
    expect(decision.outcome).toBe(outcome);
    expect(month(decision.firstPaymentMonth)).toBe(firstMonth);
  });

  it('mentions that some offices also take December', () => {
    expect(decide(person('2 ต.ค. 2509'), '1 ธ.ค. 2568').openQuestions).toContain('elderly-december-window');
    expect(decide(person('2 ต.ค. 2509'), '1 ม.ค. 2569').openQuestions).not.toContain('elderly-december-window');
  });
});

describe('age bands 600/700/800/1,000 (amount for the month, already receiving)', () => {
  // The higher band's age falls inside a fiscal year → the sources disagree on the month the
  // higher rate starts, so both amounts are given and the office confirms.
  const rows = [
    { born: '15 มิ.ย. 2498', asOf: '15 ก.ย. 2567', amount: 600, options: undefined, why: '69; turns 70 next FY' },
    { born: '15 มิ.ย. 2498', asOf: '15 ต.ค. 2567', amount: undefined, options: [600, 700], why: 'turns 70 on 14 มิ.ย. 2568, this FY' },
    { born: '15 มิ.ย. 2498', asOf: '15 ต.ค. 2568', amount: 700, options: undefined, why: '70 since last FY' },
    { born: '15 มิ.ย. 2488', asOf: '15 ก.ย. 2567', amount: 700, options: undefined, why: '79; turns 80 next FY' },
    { born: '15 มิ.ย. 2488', asOf: '15 ต.ค. 2567', amount: undefined, options: [700, 800], why: 'turns 80 this FY' },
    { born: '15 มิ.ย. 2488', asOf: '15 ต.ค. 2568', amount: 800, options: undefined, why: '80 since last FY' },
    { born: '15 มิ.ย. 2478', asOf: '15 ก.ย. 2567', amount: 800, options: undefined, why: '89; turns 90 next FY' },
    { born: '15 มิ.ย. 2478', asOf: '15 ต.ค. 2567', amount: undefined, options: [800, 1000], why: 'turns 90 this FY' },
    { born: '15 มิ.ย. 2478', asOf: '15 ต.ค. 2568', amount: 1000, options: undefined, why: '90 since last FY' },
  ];
  it.each(rows)('born $born on $asOf → $amount $options ($why)', ({ born, asOf, amount, options }) => {
    const decision = decide(person(born, { alreadyReceiving: { elderly: true } }), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.monthlyAmount).toBe(amount);
    expect(decision.monthlyAmountOptions).toEqual(options);
    expect(decision.openQuestions.includes('elderly-band-step-up')).toBe(options !== undefined);
  });

  it('a new applicant gets the band of the first payment month', () => {
    // Turns 70 on 30 เม.ย. 2569 (FY2569); first paid ต.ค. 2569 (FY2570) → 700, no doubt.
    const decision = decide(person('1 พ.ค. 2499'), '15 พ.ย. 2568');
    expect(month(decision.firstPaymentMonth)).toBe('ต.ค. 2569');
    expect(decision.monthlyAmount).toBe(700);
  });
});

describe('exclusions and unsure answers', () => {
  const rows: { change: Partial<Facts>; outcome: string; clause: string; status: string; question?: string; why: string }[] = [
    { change: { thaiNational: false }, outcome: 'not-eligible', clause: 'elderly.thai-national', status: 'fail', why: 'not Thai' },
    { change: { registeredInArea: false }, outcome: 'not-eligible', clause: 'elderly.house-registration', status: 'fail', why: 'house registration elsewhere' },
    { change: { inStateInstitution: true }, outcome: 'not-eligible', clause: 'elderly.not-in-state-institution', status: 'fail', why: 'in a state institution' },
    { change: { receivesStateSalary: true }, outcome: 'not-eligible', clause: 'elderly.no-state-salary', status: 'fail', question: 'elderly-state-salary-ending', why: 'state salary' },
    { change: { receivesStatePension: true }, outcome: 'ask-office', clause: 'elderly.no-state-pension', status: 'unknown', question: 'elderly-pensioner-2566', why: 'pensioner: sources conflict' },
    { change: { thaiNational: 'unknown' }, outcome: 'ask-office', clause: 'elderly.thai-national', status: 'unknown', why: 'not sure about nationality' },
    { change: { registeredInArea: 'unknown' }, outcome: 'ask-office', clause: 'elderly.house-registration', status: 'unknown', why: 'not sure about house registration' },
    { change: { receivesStatePension: undefined }, outcome: 'ask-office', clause: 'elderly.no-state-pension', status: 'unknown', why: 'pension question not asked' },
    { change: { birth: 'unknown' }, outcome: 'ask-office', clause: 'elderly.minimum-age', status: 'unknown', why: 'birth date unknown' },
    { change: { registeredInArea: false, receivesStatePension: true }, outcome: 'not-eligible', clause: 'elderly.house-registration', status: 'fail', why: 'a failed clause outweighs an unknown one' },
    { change: { receivesStatePension: false, alreadyReceiving: { disability: true, aids: true } }, outcome: 'eligible', clause: 'elderly.no-state-pension', status: 'pass', why: 'disability/AIDS allowance does not exclude [E18]' },
  ];
  it.each(rows)('$why', ({ change, outcome, clause, status, question }) => {
    const decision = decide(person('1 พ.ค. 2499', change), '15 พ.ย. 2568');
    expect(decision.outcome).toBe(outcome);
    expect(decision.clauses.find((c) => c.id === clause)?.status).toBe(status);
    if (question) expect(decision.openQuestions).toContain(question);
  });

  it('gives no documents or payment month when not eligible', () => {
    const decision = decide(person('1 พ.ค. 2499', { thaiNational: false }), '15 พ.ย. 2568');
    expect(decision.documents).toEqual([]);
    expect(decision.firstPaymentMonth).toBeUndefined();
    expect(decision.monthlyAmount).toBeUndefined();
  });

  it('reminds people unsure whether they already receive it not to apply twice', () => {
    const decision = decide(person('1 พ.ค. 2499', { alreadyReceiving: { elderly: 'unknown' } }), '15 พ.ย. 2568');
    expect(decision.outcome).toBe('eligible');
    expect(decision.registration.th).toMatch(/ถ้ารับเบี้ยอยู่แล้ว ไม่ต้องยื่นซ้ำค่ะ$/);
  });

  it('with no birth date, shows this year\'s windows but no payment month', () => {
    const decision = decide(person('1 พ.ค. 2499', { birth: 'unknown' }), '15 พ.ย. 2568');
    expect(decision.registration.windows.map(formatThaiRange)).toEqual(['1 ต.ค.–30 พ.ย. 2568', '1 ม.ค.–30 ก.ย. 2569']);
    expect(decision.firstPaymentMonth).toBeUndefined();
    expect(decision.documents.length).toBeGreaterThan(0);
  });
});

describe('birth dates with a missing day or month', () => {
  it('counts 1 ม.ค. when only the year is known, and says so', () => {
    const decision = decide(person('1 ม.ค. 2509', { birth: { year: 1966 } }), '15 ต.ค. 2567');
    // 1 ม.ค. 2509 → 60 on 31 ธ.ค. 2568 → paid from ม.ค. 2569 (FY2569), registering during FY2568.
    expect(month(decision.firstPaymentMonth)).toBe('ม.ค. 2569');
    expect(decision.clauses.find((c) => c.id === 'elderly.minimum-age')?.th).toContain('นับ 1 ม.ค. ตามกฎหมาย');
  });

  it('counts the 1st when the day is unknown', () => {
    const decision = decide(person('1 ก.ย. 2509', { birth: { year: 1966, month: 9 } }), '15 ต.ค. 2567');
    expect(month(decision.firstPaymentMonth)).toBe('ก.ย. 2569');
    expect(decision.clauses.find((c) => c.id === 'elderly.minimum-age')?.th).toContain('นับวันที่ 1 ของเดือน');
  });
});

describe('birth dates before พ.ศ. 2484', () => {
  it('gives both amounts when the old year numbering would change the band', () => {
    // Card: 15 ก.พ. 2477 → 90 since 14 ก.พ. 2567. Old numbering: a year younger → turns 90 this FY.
    const decision = decide(person('15 ก.พ. 2477', { alreadyReceiving: { elderly: true } }), '15 พ.ย. 2567');
    expect(decision.monthlyAmountOptions).toEqual([800, 1000]);
    expect(decision.openQuestions).toContain('pre-2484-year-numbering');
  });

  it('has no doubt for births from April, when both numberings agree', () => {
    const decision = decide(person('15 เม.ย. 2477', { alreadyReceiving: { elderly: true } }), '15 พ.ย. 2567');
    expect(decision.monthlyAmount).toBe(1000);
    expect(decision.openQuestions).toEqual([]);
  });
});

describe('personas', () => {
  const asOf = '15 พ.ย. 2568';

  it('69 years old, eligible but never registered: paid from next October at 700', () => {
    const decision = decide(person('1 พ.ค. 2499'), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.eligibleFrom).toBeUndefined();
    expect(month(decision.firstPaymentMonth)).toBe('ต.ค. 2569');
    expect(decision.firstPaymentDate && formatThaiDate(decision.firstPaymentDate)).toBe('9 ต.ค. 2569');
    expect(decision.clauses.find((c) => c.id === 'elderly.minimum-age')?.th).toBe('อายุ 69 ปี ครบ 60 ปีบริบูรณ์แล้วค่ะ');
    expect(decision.openQuestions).toEqual(['elderly-means-test-2566']);
  });

  it('69 years old and already receiving: no registration, office confirms when 700 starts', () => {
    const decision = decide(person('20 ก.พ. 2499', { alreadyReceiving: { elderly: true } }), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.registration.windows).toEqual([]);
    expect(decision.documents).toEqual([]);
    expect(decision.monthlyAmountOptions).toEqual([600, 700]);
  });

  it('turns 60 next year, inside the window now: eligible from November 2569', () => {
    const decision = decide(person('2 ต.ค. 2509'), asOf);
    expect(decision.outcome).toBe('eligible-from');
    expect(month(decision.eligibleFrom)).toBe('พ.ย. 2569');
    expect(decision.registration.openNow).toBe(true);
    expect(decision.registration.th).toBe(
      'ลงทะเบียนรับเบี้ยได้ ตอนนี้เปิดรับอยู่ ถึง 30 พ.ย. 2568 ค่ะ (หรือรอบ 1 ม.ค.–30 ก.ย. 2569 ก็เริ่มรับเงินเดือนเดียวกัน)',
    );
  });

  it('born 2 September: next cohort, paid from October', () => {
    const decision = decide(person('2 ก.ย. 2509'), asOf);
    expect(month(decision.eligibleFrom)).toBe('ต.ค. 2569');
  });

  it('pensioner: sent to the office, not refused', () => {
    const decision = decide(person('1 พ.ค. 2499', { receivesStatePension: true }), asOf);
    expect(decision.outcome).toBe('ask-office');
    expect(decision.openQuestions).toContain('elderly-pensioner-2566');
    expect(decision.documents.length).toBeGreaterThan(0);
  });

  it('proxy for a bed-ridden parent: authorisation and the proxy\'s papers', () => {
    const decision = decide(person('3 ม.ค. 2483', { applicant: 'proxy' }), asOf);
    expect(decision.outcome).toBe('eligible');
    expect(decision.monthlyAmount).toBe(800);
    expect(decision.documents.map((d) => d.th)).toEqual([
      'บัตรประจำตัวประชาชนของผู้สูงอายุ (ตัวจริงและสำเนา)',
      'ทะเบียนบ้าน (ตัวจริงและสำเนา)',
      'สมุดบัญชีเงินฝากธนาคาร หน้าแรกที่มีชื่อและเลขบัญชี (ตัวจริงและสำเนา)',
      'แบบยืนยันสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ',
      'หนังสือมอบอำนาจ',
      'บัตรประจำตัวประชาชนของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)',
      'ทะเบียนบ้านของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)',
    ]);
    expect(decision.openQuestions).toContain('elderly-proxy-2566-form');
  });

  it('outside the area: told to apply where the house registration is', () => {
    const decision = decide(person('1 พ.ค. 2499', { registeredInArea: false }), asOf);
    expect(decision.outcome).toBe('not-eligible');
    expect(decision.clauses.find((c) => c.status === 'fail')?.th).toBe('ต้องยื่นที่เทศบาลหรือ อบต. ที่มีชื่ออยู่ในทะเบียนบ้านค่ะ');
  });
});

describe('the decision record', () => {
  it('carries the rules version and the as-of day, and uses the holiday list', () => {
    const isHoliday = (d: { year: number; month: number; day: number }) => formatThaiDate(d) === '9 ต.ค. 2569';
    const decision = decideElderly(person('1 พ.ค. 2499'), thaiDate('15 พ.ย. 2568'), { isHoliday });
    expect(decision.rulesVersion).toBe(RULES_VERSION);
    expect(decision.asOf).toEqual(thaiDate('15 พ.ย. 2568'));
    expect(decision.firstPaymentDate && formatThaiDate(decision.firstPaymentDate)).toBe('8 ต.ค. 2569');
  });

  it('covers as-of days from the 2566 regulation (12 ส.ค. 2566) on', () => {
    expect(() => decide(person('1 พ.ค. 2499'), '11 ส.ค. 2566')).toThrow(RangeError);
    expect(decide(person('1 พ.ค. 2499'), '12 ส.ค. 2566').outcome).toBe('eligible');
  });

  it('refuses a birth date after the as-of day', () => {
    expect(() => decide(person('16 พ.ย. 2568'), '15 พ.ย. 2568')).toThrow(RangeError);
  });
});

describe('born 1 ม.ค. (or only the year known) (issue 7, point 1)', () => {
  it('is paid from January with an amount', () => {
    const decision = decide(person('1 ม.ค. 2511', { birth: { year: 1968 } }), '23 พ.ย. 2569');
    expect(month(decision.firstPaymentMonth)).toBe('ม.ค. 2571');
    expect(decision.monthlyAmount).toBe(600);
  });
  it('on 31 ธ.ค. the card says 60, not "อายุ 59 ปี ครบ 60 ปีบริบูรณ์แล้ว"', () => {
    const decision = decide(person('1 ม.ค. 2511'), '31 ธ.ค. 2570');
    const age = decision.clauses.find((c) => c.id === 'elderly.minimum-age')!;
    expect(age.th).toContain('อายุ 60 ปี');
    expect(decision.outcome).toBe('eligible');
  });
});

describe('only the window that applies, in words for someone who never registered (issue 7, point 3)', () => {
  it('in January the passed October–November round is neither listed nor shown as open', () => {
    const decision = decide(person('2 ต.ค. 2509'), '15 ม.ค. 2569');
    expect(decision.registration.windows.map(formatThaiRange)).toEqual(['1 ม.ค.–30 ก.ย. 2569']);
    expect(decision.registration.applies && formatThaiRange(decision.registration.applies)).toBe('1 ม.ค.–30 ก.ย. 2569');
    expect(decision.registration.th).not.toContain('พ.ย. 2568');
    expect(decision.registration.th).toContain('30 ก.ย. 2569');
  });
  it('a person who never registered is told to register, not to "confirm"', () => {
    for (const asOf of ['15 พ.ย. 2568', '1 ธ.ค. 2568', '15 ม.ค. 2569']) {
      const th = decide(person('2 ต.ค. 2509'), asOf).registration.th;
      expect(th).toContain('ลงทะเบียน');
      expect(th).not.toContain('ยืนยันสิทธิ');
    }
    // Nor in the December note behind "ดูรายละเอียด".
    const december = decide(person('2 ต.ค. 2509'), '1 ธ.ค. 2568');
    const notes = december.openQuestions.map((id) => OPEN_QUESTIONS[id].th);
    expect(december.openQuestions).toContain('elderly-december-window');
    for (const note of notes) expect(note).not.toContain('ยืนยันสิทธิ');
  });
  it('in December it names the next round only', () => {
    const decision = decide(person('2 ต.ค. 2509'), '1 ธ.ค. 2568');
    expect(decision.registration.th).toContain('1 ม.ค.–30 ก.ย. 2569');
    expect(decision.registration.th).not.toContain('ต.ค.–30 พ.ย. 2568');
  });
});

describe('already receiving, but something changed (issue 7, point 4)', () => {
  it('moved the house registration here: must confirm here; the old office pays until September', () => {
    const decision = decide(person('20 ก.พ. 2499', { alreadyReceiving: { elderly: true }, movedHouseRegistrationHere: true }), '23 พ.ย. 2569');
    expect(decision.situation).toBe('must-confirm-after-move');
    expect(decision.registration.openNow).toBe(true);
    expect(decision.registration.th).toContain('ยืนยันสิทธิ');
    expect(decision.registration.th).toContain('ก.ย. 2570');
    expect(month(decision.firstPaymentMonth)).toBe('ต.ค. 2570');
    expect(decision.registration.th).not.toContain('ไม่ต้อง');
    expect(decision.documents.length).toBeGreaterThan(0);
    expect(decision.openQuestions).toContain('elderly-moved-deadline');
  });
  it('moved into a state institution: the right ends', () => {
    const decision = decide(person('20 ก.พ. 2499', { alreadyReceiving: { elderly: true }, inStateInstitution: true }), '23 พ.ย. 2569');
    expect(decision.outcome).toBe('not-eligible');
    expect(decision.situation).toBe('receiving-ends');
    expect(decision.clauses.find((c) => c.status === 'fail')?.th).toContain('สถานสงเคราะห์');
  });
  it('nothing changed: no need to confirm again', () => {
    const decision = decide(person('20 ก.พ. 2499', { alreadyReceiving: { elderly: true }, movedHouseRegistrationHere: false }), '23 พ.ย. 2569');
    expect(decision.outcome).toBe('eligible');
    expect(decision.registration.th).toContain('ไม่ต้อง');
  });
});

describe('registered in advance, not yet paid (issue 7, point 5)', () => {
  it('is told it is registered and the month the money should start', () => {
    const decision = decide(person('15 ธ.ค. 2509', { registeredAwaitingPayment: true }), '23 พ.ย. 2569');
    expect(decision.situation).toBe('awaiting-first-payment');
    expect(decision.outcome).toBe('eligible-from');
    expect(month(decision.eligibleFrom)).toBe('ม.ค. 2570');
    expect(month(decision.firstPaymentMonth)).toBe('ม.ค. 2570');
    expect(decision.monthlyAmount).toBe(600);
    expect(decision.registration.windows).toEqual([]);
    expect(decision.registration.th).toContain('ไม่ต้องลงทะเบียนซ้ำ');
    expect(decision.documents).toEqual([]);
  });
  it('past 60 and registered: from the October after this fiscal year, or ask if registered earlier', () => {
    const decision = decide(person('20 ก.พ. 2499', { registeredAwaitingPayment: true }), '23 พ.ย. 2569');
    expect(month(decision.firstPaymentMonth)).toBe('ต.ค. 2570');
    expect(decision.clauses.map((c) => c.th).join(' ')).toContain('สอบถามเจ้าหน้าที่');
  });
});

// What the booking asks of the rules (src/booking/registration.ts): the decision with the visit day as as-of.
function registeringOn(birth: string, day: string) {
  const decision = decide(person(birth), day);
  return { window: decision.registration.openNow ? decision.registration.applies : undefined, nextOpens: decision.registration.nextOpens, firstPaymentMonth: decision.firstPaymentMonth };
}

describe('registering on a given day: the window and the first payment month', () => {
  it.each([
    { day: '23 พ.ย. 2569', window: '1 ต.ค.–30 พ.ย. 2569', opens: undefined, first: 'ต.ค. 2570' },
    { day: '2 ธ.ค. 2569', window: undefined, opens: '1 ม.ค. 2570', first: 'ต.ค. 2570' },
    { day: '30 ก.ย. 2570', window: '1 ม.ค.–30 ก.ย. 2570', opens: undefined, first: 'ต.ค. 2570' },
    { day: '1 ต.ค. 2570', window: '1 ต.ค.–30 พ.ย. 2570', opens: undefined, first: 'ต.ค. 2571' },
  ])('69-year-old registering on $day → paid from $first', ({ day, window, opens, first }) => {
    const got = registeringOn('20 ก.พ. 2499', day);
    expect(got.window && formatThaiRange(got.window)).toBe(window);
    expect(got.nextOpens && formatThaiDate(got.nextOpens)).toBe(opens);
    expect(month(got.firstPaymentMonth)).toBe(first);
  });
  it('a person turning 60 next year: registering before 30 ก.ย. keeps the early start', () => {
    expect(month(registeringOn('2 ต.ค. 2510', '30 ก.ย. 2570').firstPaymentMonth)).toBe('พ.ย. 2570');
    expect(month(registeringOn('2 ต.ค. 2510', '1 ต.ค. 2570').firstPaymentMonth)).toBe('ต.ค. 2571');
  });
});
