// เบี้ยยังชีพผู้สูงอายุ (old-age allowance): who qualifies, when to confirm entitlement (ยืนยันสิทธิ),
// the first month paid and the monthly amount. Current practice: the 2566 regulation with the old
// (2552) qualifications applied in the interim [E6], [E13].
//
// Timing [E16], [E17], [E33]: a person is paid from the month after reaching 60 ปีบริบูรณ์ if they
// confirmed entitlement during the fiscal year BEFORE that month's fiscal year — which is why people
// born before 2 September join that year's cohort. Someone who missed that year (or is already over
// 60 and never registered) confirms in the current year and is paid from the next October.

import {
  ageForPaymentMonth,
  ageOn,
  dateReachingAge,
  oldThaiYearAlternative,
  resolveBirthDate,
  type ResolvedBirth,
} from './age';
import {
  addMonths,
  compareDates,
  firstDayOf,
  formatThaiDate,
  formatThaiMonth,
  formatThaiRange,
  isWithin,
  monthOf,
  type CalendarDate,
  type YearMonth,
} from './calendar';
import {
  amountFields,
  answerClause,
  birthAssumptionTh,
  checkedBirth,
  houseRegistrationClause,
  not,
  outcomeOf,
  thaiNationalClause,
  uniqueSorted,
  type Clause,
  type DecideOptions,
  type Decision,
  type Facts,
  type Registration,
} from './decision';
import { elderlyDocuments } from './documents';
import { fiscalYearOf, fiscalYearRange, fiscalYearStartMonth, paymentDate, registrationWindows, windowStatus } from './fiscal';
import { OPEN_QUESTIONS, type OpenQuestionId } from './open-questions';
import {
  ELDERLY_MINIMUM_AGE,
  ELDERLY_MONTHLY_RATES,
  ELDERLY_REGISTRATION_ROUNDS,
  valueAt,
  type AgeBandRate,
} from './parameters';
import { RULES_VERSION } from './version';

/**
 * How far ahead a person under 60 is told "eligible from": when their registration year is this
 * fiscal year or the next. Further ahead the answer is "not yet".
 */
const LOOKAHEAD_FISCAL_YEARS = 1;

export interface ElderlyTiming {
  /** The day the person reaches the minimum age (60 ปีบริบูรณ์). */
  reachesMinimumAge: CalendarDate;
  /** The fiscal year (CE year it ends in) in which the person should confirm entitlement. */
  registrationFiscalYear: number;
  firstPaymentMonth: YearMonth;
}

export function elderlyTiming(birth: CalendarDate, asOf: CalendarDate): ElderlyTiming {
  const reachesMinimumAge = dateReachingAge(birth, valueAt(ELDERLY_MINIMUM_AGE, asOf));
  const paidFromIfRegisteredAhead = addMonths(monthOf(reachesMinimumAge), 1);
  const advanceRegistrationYear = fiscalYearOf(paidFromIfRegisteredAhead) - 1;
  const registrationFiscalYear = Math.max(advanceRegistrationYear, fiscalYearOf(asOf));
  const firstPaymentMonth =
    registrationFiscalYear === advanceRegistrationYear
      ? paidFromIfRegisteredAhead
      : fiscalYearStartMonth(registrationFiscalYear + 1);
  return { reachesMinimumAge, registrationFiscalYear, firstPaymentMonth };
}

function rateForAge(bands: readonly AgeBandRate[], age: number): number | undefined {
  return bands.filter((band) => band.fromAge <= age).at(-1)?.amount;
}

interface AmountFinding {
  amounts: number[];
  bandStepInYear: boolean;
}

/**
 * The amount for one payment month. When a higher band's age (70/80/90) falls inside that month's
 * fiscal year the sources disagree on when the higher rate starts, so both rates are possible.
 */
function amountsForBirth(bands: readonly AgeBandRate[], birth: CalendarDate, month: YearMonth): AmountFinding {
  const fiscalYear = fiscalYearOf(month);
  const stepInYear = bands
    .slice(1)
    .find((band) => fiscalYearOf(monthOf(dateReachingAge(birth, band.fromAge))) === fiscalYear);
  const ages = stepInYear ? [stepInYear.fromAge - 1, stepInYear.fromAge] : [ageForPaymentMonth(birth, month)];
  const amounts = ages.map((age) => rateForAge(bands, age)).filter((amount) => amount !== undefined);
  return { amounts, bandStepInYear: stepInYear !== undefined };
}

function elderlyAmount(births: readonly CalendarDate[], month: YearMonth) {
  const bands = valueAt(ELDERLY_MONTHLY_RATES, firstDayOf(month));
  const findings = births.map((birth) => amountsForBirth(bands, birth, month));
  const amounts = findings.flatMap((finding) => finding.amounts);
  const amountsByCardReading = uniqueSorted(findings[0]?.amounts ?? []);
  const questions: OpenQuestionId[] = [];
  if (findings.some((finding) => finding.bandStepInYear)) questions.push('elderly-band-step-up');
  if (uniqueSorted(amounts).length > amountsByCardReading.length) questions.push('pre-2484-year-numbering');
  return { fields: amountFields(amounts), questions };
}

/** The birth day as read with พ.ศ. − 543, plus the other reading for early-year dates before 2484. */
function possibleBirthDates(facts: Facts, birth: ResolvedBirth): CalendarDate[] {
  const alternative = facts.birth === 'unknown' ? undefined : oldThaiYearAlternative(facts.birth);
  return alternative ? [birth.date, resolveBirthDate(alternative).date] : [birth.date];
}

function ageClause(
  birth: ResolvedBirth | undefined,
  timing: ElderlyTiming | undefined,
  asOf: CalendarDate,
  withinLookahead: boolean,
): Clause {
  const id = 'elderly.minimum-age';
  if (!birth || !timing) {
    return { id, status: 'unknown', th: 'ยังไม่ทราบวันเกิด ขอดูจากบัตรประชาชนค่ะ', ref: 'civilCodeSection16' };
  }
  const assumption = birthAssumptionTh(birth);
  const minimumAge = valueAt(ELDERLY_MINIMUM_AGE, asOf);
  const reachDay = formatThaiDate(timing.reachesMinimumAge);
  if (compareDates(timing.reachesMinimumAge, asOf) <= 0) {
    const th = `อายุ ${ageOn(birth.date, asOf)} ปี ครบ ${minimumAge} ปีบริบูรณ์แล้วค่ะ${assumption}`;
    return { id, status: 'pass', th, ref: 'thaiAgeCounting' };
  }
  if (withinLookahead) {
    const th = `จะอายุครบ ${minimumAge} ปีบริบูรณ์วันที่ ${reachDay} ค่ะ${assumption}`;
    return { id, status: 'pass', th, ref: 'elderlyCohortCutoff' };
  }
  const th = `ยังอายุไม่ถึง จะครบ ${minimumAge} ปีบริบูรณ์วันที่ ${reachDay} ค่ะ${assumption}`;
  return { id, status: 'fail', th, ref: 'thaiAgeCounting' };
}

function pensionClause(facts: Facts): Clause {
  const id = 'elderly.no-state-pension';
  const ref = 'elderlyInterimCriteria';
  if (facts.receivesStatePension === false) return { id, status: 'pass', th: 'ไม่ได้รับบำนาญค่ะ', ref };
  const th =
    facts.receivesStatePension === true
      ? OPEN_QUESTIONS['elderly-pensioner-2566'].th
      : 'ยังไม่แน่ใจเรื่องบำนาญ เจ้าหน้าที่จะตรวจให้ค่ะ';
  return { id, status: 'unknown', th, ref };
}

function eligibilityClauses(facts: Facts, age: Clause): Clause[] {
  return [
    thaiNationalClause('elderly', facts, 'elderlyCriteriaQa'),
    houseRegistrationClause('elderly', facts, 'elderlyCriteriaQa'),
    age,
    pensionClause(facts),
    answerClause(
      'elderly.not-in-state-institution',
      not(facts.inStateInstitution),
      {
        pass: 'ไม่ได้อยู่ในสถานสงเคราะห์ของรัฐค่ะ',
        fail: 'ผู้ที่อยู่ในสถานสงเคราะห์ของรัฐหรือท้องถิ่น ไม่มีสิทธิรับเบี้ยนี้ค่ะ',
        unknown: 'ยังไม่แน่ใจเรื่องสถานสงเคราะห์ เจ้าหน้าที่จะตรวจให้ค่ะ',
      },
      'elderlyFy2570Notice',
    ),
    answerClause(
      'elderly.no-state-salary',
      not(facts.receivesStateSalary),
      {
        pass: 'ไม่ได้รับเงินเดือนประจำจากรัฐค่ะ',
        fail: 'ผู้ที่ได้รับเงินเดือนหรือรายได้ประจำจากรัฐหรือท้องถิ่น ไม่มีสิทธิรับเบี้ยนี้ค่ะ',
        unknown: 'ยังไม่แน่ใจเรื่องเงินเดือนจากรัฐ เจ้าหน้าที่จะตรวจให้ค่ะ',
      },
      'elderlyFy2570Notice',
    ),
  ];
}

/**
 * The rounds of `fiscalYear` that have not ended on `asOf`, whether one is open, and the one that
 * applies (the open one, else the next).
 */
function roundsFrom(fiscalYear: number, asOf: CalendarDate) {
  const windows = registrationWindows(fiscalYear, valueAt(ELDERLY_REGISTRATION_ROUNDS, asOf)).filter(
    (window) => compareDates(window.to, asOf) >= 0,
  );
  const status = windowStatus(windows, asOf);
  const applies = windows.find((window) => isWithin(asOf, window)) ?? windows[0];
  return { windows, ...status, ...(applies ? { applies } : {}) };
}

/** When a round is open: "until …"; otherwise the next round. A later round of the same year gives the same start. */
function roundsTh(rounds: ReturnType<typeof roundsFrom>): string {
  const [first, second] = rounds.windows;
  if (!first) return '';
  if (!rounds.openNow) return `เปิดรับครั้งถัดไป ${formatThaiRange(first)} ค่ะ`;
  const later = second ? ` (หรือรอบ ${formatThaiRange(second)} ก็เริ่มรับเงินเดือนเดียวกัน)` : '';
  return `ตอนนี้เปิดรับอยู่ ถึง ${formatThaiDate(first.to)} ค่ะ${later}`;
}

/** For someone who never registered: "ลงทะเบียน" (the form is called ยืนยันสิทธิ, the documents say so). */
function elderlyRegistration(registrationFiscalYear: number, asOf: CalendarDate, facts: Facts): Registration {
  const rounds = roundsFrom(registrationFiscalYear, asOf);
  const ifReceiving = facts.alreadyReceiving?.elderly === 'unknown' ? ' ถ้ารับเบี้ยอยู่แล้ว ไม่ต้องยื่นซ้ำค่ะ' : '';
  return { ...rounds, th: `ลงทะเบียนรับเบี้ยได้ ${roundsTh(rounds)}${ifReceiving}` };
}

function baseDecision(asOf: CalendarDate, questions: OpenQuestionId[] = []) {
  return { allowance: 'elderly' as const, openQuestions: questions, rulesVersion: RULES_VERSION, asOf };
}

/** Receiving already: nothing to do — unless the house registration moved here, or institution care began. */
function alreadyReceivingDecision(facts: Facts, birth: ResolvedBirth | undefined, asOf: CalendarDate, opts: DecideOptions): Decision {
  const amount = birth ? elderlyAmount(possibleBirthDates(facts, birth), monthOf(asOf)) : { fields: {}, questions: [] };
  const receiving: Clause = { id: 'elderly.already-receiving', status: 'pass', th: 'ได้รับเบี้ยยังชีพผู้สูงอายุอยู่แล้วค่ะ' };
  if (facts.inStateInstitution === true) {
    return {
      ...baseDecision(asOf, ['elderly-institution-2566']),
      outcome: 'not-eligible',
      situation: 'receiving-ends',
      clauses: [
        {
          id: 'elderly.not-in-state-institution',
          status: 'fail',
          th: 'ผู้ที่อยู่ในความอุปการะของสถานสงเคราะห์ของรัฐ สิทธิรับเบี้ยนี้สิ้นสุดลงค่ะ กรุณาแจ้งเจ้าหน้าที่ค่ะ',
          ref: 'elderlyFy2570Notice',
        },
      ],
      registration: { windows: [], openNow: false, th: 'กรุณาแจ้งเจ้าหน้าที่ว่าย้ายเข้าสถานสงเคราะห์แล้วค่ะ' },
      documents: [],
    };
  }
  if (facts.movedHouseRegistrationHere === true) {
    const currentYear = fiscalYearOf(asOf);
    const rounds = roundsFrom(currentYear, asOf);
    const firstPaymentMonth = fiscalYearStartMonth(currentYear + 1);
    const lastMonthThere = formatThaiMonth(addMonths(firstPaymentMonth, -1));
    return {
      ...baseDecision(asOf, ['elderly-moved-deadline', ...amount.questions]),
      outcome: 'eligible',
      situation: 'must-confirm-after-move',
      clauses: [
        receiving,
        {
          id: 'elderly.moved-here',
          status: 'pass',
          th: `ย้ายทะเบียนบ้านมาแล้ว ที่เดิมจ่ายให้ถึง ${lastMonthThere} ที่นี่จะจ่ายต่อตั้งแต่ ${formatThaiMonth(firstPaymentMonth)} ถ้ายืนยันสิทธิทันค่ะ`,
          ref: 'elderlyMovedDomicile',
        },
      ],
      ...amount.fields,
      registration: {
        ...rounds,
        th: `ต้องยืนยันสิทธิใหม่ที่นี่ ${roundsTh(rounds)} ถ้าไม่ยื่น อาจขาดเงินไปหนึ่งปีค่ะ`,
      },
      firstPaymentMonth,
      firstPaymentDate: paymentDate(firstPaymentMonth, opts.isHoliday),
      documents: elderlyDocuments(facts),
    };
  }
  return {
    ...baseDecision(asOf, amount.questions),
    outcome: 'eligible',
    situation: 'receiving',
    clauses: [receiving],
    ...amount.fields,
    registration: {
      windows: [],
      openNow: false,
      th: 'ไม่ต้องยืนยันสิทธิใหม่ค่ะ ถ้าย้ายทะเบียนบ้านไปที่อื่น ต้องไปยืนยันสิทธิที่ใหม่ค่ะ',
    },
    documents: [],
  };
}

/**
 * Registered, waiting for the first payment: paid from the month after reaching 60 when that is
 * still ahead; otherwise from the October after this fiscal year (registered this year), and an
 * earlier registration that was never paid is for the office to look into.
 */
function awaitingPaymentDecision(facts: Facts, birth: ResolvedBirth | undefined, asOf: CalendarDate, opts: DecideOptions): Decision {
  const registration = { windows: [], openNow: false, th: 'ลงทะเบียนไว้แล้ว ไม่ต้องลงทะเบียนซ้ำค่ะ' };
  if (!birth) {
    return {
      ...baseDecision(asOf),
      outcome: 'ask-office',
      situation: 'awaiting-first-payment',
      clauses: [{ id: 'elderly.minimum-age', status: 'unknown', th: 'ยังไม่ทราบวันเกิด เจ้าหน้าที่จะบอกเดือนที่เริ่มจ่ายได้ค่ะ', ref: 'civilCodeSection16' }],
      registration,
      documents: [],
    };
  }
  const reaches = dateReachingAge(birth.date, valueAt(ELDERLY_MINIMUM_AGE, asOf));
  const afterReaching = addMonths(monthOf(reaches), 1);
  const stillAhead = compareDates(firstDayOf(afterReaching), firstDayOf(monthOf(asOf))) >= 0;
  const firstPaymentMonth = stillAhead ? afterReaching : fiscalYearStartMonth(fiscalYearOf(asOf) + 1);
  const since = formatThaiDate(fiscalYearRange(fiscalYearOf(asOf)).from);
  const th = stillAhead
    ? `ลงทะเบียนไว้แล้ว รอรับเงินงวดแรกเดือน ${formatThaiMonth(firstPaymentMonth)} ค่ะ`
    : `ถ้าลงทะเบียนตั้งแต่ ${since} จะเริ่มได้รับ ${formatThaiMonth(firstPaymentMonth)} ถ้าลงทะเบียนก่อนนั้นแล้วยังไม่ได้รับเงิน ขอให้สอบถามเจ้าหน้าที่ค่ะ`;
  const amount = elderlyAmount(possibleBirthDates(facts, birth), firstPaymentMonth);
  return {
    ...baseDecision(asOf, amount.questions),
    outcome: 'eligible-from',
    situation: 'awaiting-first-payment',
    eligibleFrom: firstPaymentMonth,
    clauses: [{ id: 'elderly.registered-waiting', status: 'pass', th, ref: 'elderlyFirstPayment' }],
    ...amount.fields,
    registration,
    firstPaymentMonth,
    firstPaymentDate: paymentDate(firstPaymentMonth, opts.isHoliday),
    documents: [],
  };
}

export function decideElderly(facts: Facts, asOf: CalendarDate, opts: DecideOptions = {}): Decision {
  const birth = checkedBirth(facts, asOf);
  if (facts.alreadyReceiving?.elderly === true) return alreadyReceivingDecision(facts, birth, asOf, opts);
  if (facts.registeredAwaitingPayment === true) return awaitingPaymentDecision(facts, birth, asOf, opts);

  const currentFiscalYear = fiscalYearOf(asOf);
  const timing = birth && elderlyTiming(birth.date, asOf);
  const withinLookahead = !!timing && timing.registrationFiscalYear <= currentFiscalYear + LOOKAHEAD_FISCAL_YEARS;
  const eligibleToday = !!timing && compareDates(timing.reachesMinimumAge, asOf) <= 0;
  const clauses = eligibilityClauses(facts, ageClause(birth, timing, asOf, withinLookahead));
  const outcome = outcomeOf(clauses, eligibleToday);
  const registration = elderlyRegistration(timing?.registrationFiscalYear ?? currentFiscalYear, asOf, facts);

  const payable = outcome !== 'not-eligible' && birth && timing;
  const amount = payable ? elderlyAmount(possibleBirthDates(facts, birth), timing.firstPaymentMonth) : undefined;

  const questions: OpenQuestionId[] = [];
  if (facts.receivesStatePension === true) questions.push('elderly-pensioner-2566');
  if (facts.receivesStateSalary === true) questions.push('elderly-state-salary-ending');
  if (asOf.month === 12 && !registration.openNow) questions.push('elderly-december-window');
  if (amount) questions.push(...amount.questions);
  if (outcome !== 'not-eligible') questions.push('elderly-means-test-2566');
  if (outcome !== 'not-eligible' && facts.applicant === 'proxy') questions.push('elderly-proxy-2566-form');

  return {
    allowance: 'elderly',
    outcome,
    ...(outcome === 'eligible-from' && timing ? { eligibleFrom: timing.firstPaymentMonth } : {}),
    clauses,
    ...amount?.fields,
    registration,
    ...(payable
      ? {
          firstPaymentMonth: timing.firstPaymentMonth,
          firstPaymentDate: paymentDate(timing.firstPaymentMonth, opts.isHoliday),
        }
      : {}),
    documents: outcome === 'not-eligible' ? [] : elderlyDocuments(facts),
    openQuestions: questions,
    rulesVersion: RULES_VERSION,
    asOf,
  };
}
