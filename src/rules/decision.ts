// The shapes shared by every allowance decision: the facts the bot collects, the decision it returns,
// and the small helpers that turn answers into clauses and clauses into an outcome.

import {
  compareDates,
  formatThaiDate,
  isValidDate,
  type CalendarDate,
  type DateRange,
  type PartialDate,
  type YearMonth,
} from './calendar';
import { resolveBirthDate, type ResolvedBirth } from './age';
import type { HolidayCheck } from './fiscal';
import type { OpenQuestionId } from './open-questions';
import { RULES_COVER_FROM } from './parameters';
import type { ReferenceId } from './references';

/** Every question has a "not sure" button, so every answer may be 'unknown'. */
export type Answer = boolean | 'unknown';

export type Allowance = 'elderly' | 'disability' | 'aids';

export interface Facts {
  /** The birth date as printed on the ID card, CE year (convert พ.ศ. with `beYearToCe`). */
  birth: PartialDate | 'unknown';
  thaiNational: Answer;
  /** Has a name in a house registration (ทะเบียนบ้าน) inside this office's area. */
  registeredInArea: Answer;
  /** 'proxy' = someone else files for the person (authorisation letter, caregiver). */
  applicant: 'self' | 'proxy';
  /** Per allowance: already receives it. Missing = not asked. */
  alreadyReceiving?: Partial<Record<Allowance, Answer>>;
  /** บำนาญ เบี้ยหวัด หรือเงินลักษณะเดียวกัน (old-age allowance). */
  receivesStatePension?: Answer;
  /** Lives in, or is cared for by, a state or local-government welfare institution. */
  inStateInstitution?: Answer;
  /** Regular salary or remuneration from the state or a local government (old-age allowance). */
  receivesStateSalary?: Answer;
  disabilityCard?: 'valid' | 'expired' | 'none' | 'unknown';
  aidsDiagnosis?: 'certified' | 'hiv-no-symptoms' | 'none' | 'unknown';
  /** Poor, abandoned, without a carer or unable to earn a living (AIDS allowance). */
  aidsHardship?: Answer;
  /** Wants the money paid into a bank account. */
  paidByBankTransfer?: Answer;
  /**
   * Already receives the old-age allowance from another office and has moved the house registration
   * into this office's area (and not yet confirmed entitlement here).
   */
  movedHouseRegistrationHere?: Answer;
  /** Has registered (confirmed entitlement) for the old-age allowance and waits for the first payment. */
  registeredAwaitingPayment?: boolean;
}

export type ClauseStatus = 'pass' | 'fail' | 'unknown';

export interface Clause {
  id: string;
  status: ClauseStatus;
  /** One line of plain, polite Thai saying why. */
  th: string;
  ref?: ReferenceId;
}

export type Outcome = 'eligible' | 'eligible-from' | 'not-eligible' | 'ask-office';

export interface Registration {
  /** The registration rounds for this person that have not ended yet, in date order. */
  windows: DateRange[];
  openNow: boolean;
  nextOpens?: CalendarDate;
  /** The one round that applies now: the open one, or else the next one. */
  applies?: DateRange;
  th: string;
}

/**
 * A person's situation when it is more than "may apply": already registered and waiting, moved
 * here while receiving (must confirm here), or receiving but the right ends.
 */
export type Situation = 'receiving' | 'awaiting-first-payment' | 'must-confirm-after-move' | 'receiving-ends';

export interface RequiredDocument {
  th: string;
  note?: string;
}

export interface Decision {
  allowance: Allowance;
  outcome: Outcome;
  situation?: Situation;
  /** Set when the outcome is 'eligible-from': the first month the person can be paid. */
  eligibleFrom?: YearMonth;
  clauses: Clause[];
  /** Baht per month, when the sources agree on one amount. */
  monthlyAmount?: number;
  /** The possible amounts when the sources disagree (see openQuestions); then monthlyAmount is unset. */
  monthlyAmountOptions?: number[];
  registration: Registration;
  firstPaymentMonth?: YearMonth;
  firstPaymentDate?: CalendarDate;
  documents: RequiredDocument[];
  openQuestions: OpenQuestionId[];
  rulesVersion: string;
  asOf: CalendarDate;
}

export interface DecideOptions {
  /** Public holidays, for the payment date; weekends are always non-working. */
  isHoliday?: HolidayCheck;
}

export interface ClauseTexts {
  pass: string;
  fail: string;
  unknown: string;
}

/** `met` answers "is this condition satisfied?"; a question that was not asked counts as unknown. */
export function answerClause(id: string, met: Answer | undefined, texts: ClauseTexts, ref?: ReferenceId): Clause {
  const status: ClauseStatus = met === true ? 'pass' : met === false ? 'fail' : 'unknown';
  return ref ? { id, status, th: texts[status], ref } : { id, status, th: texts[status] };
}

const HOUSE_REGISTRATION_TEXTS: ClauseTexts = {
  pass: 'มีชื่อในทะเบียนบ้านในเขตนี้ค่ะ',
  fail: 'ต้องยื่นที่เทศบาลหรือ อบต. ที่มีชื่ออยู่ในทะเบียนบ้านค่ะ',
  unknown: 'ยังไม่แน่ใจเรื่องทะเบียนบ้าน เจ้าหน้าที่จะตรวจให้ค่ะ',
};

const THAI_NATIONAL_TEXTS: ClauseTexts = {
  pass: 'มีสัญชาติไทยค่ะ',
  fail: 'เบี้ยนี้สำหรับผู้มีสัญชาติไทยค่ะ',
  unknown: 'ยังไม่ทราบเรื่องสัญชาติ เจ้าหน้าที่จะตรวจให้ค่ะ',
};

/** Every allowance is applied for where the person's house registration is. */
export function houseRegistrationClause(allowance: Allowance, facts: Facts, ref: ReferenceId): Clause {
  return answerClause(`${allowance}.house-registration`, facts.registeredInArea, HOUSE_REGISTRATION_TEXTS, ref);
}

export function thaiNationalClause(allowance: Allowance, facts: Facts, ref: ReferenceId): Clause {
  return answerClause(`${allowance}.thai-national`, facts.thaiNational, THAI_NATIONAL_TEXTS, ref);
}

/** For questions where "yes" is the disqualifying answer (receives a pension, lives in an institution). */
export function not(answer: Answer | undefined): Answer | undefined {
  return typeof answer === 'boolean' ? !answer : answer;
}

/** Any failed clause → not eligible; otherwise any unknown → ask the office; otherwise eligible. */
export function outcomeOf(clauses: readonly Clause[], eligibleToday: boolean): Outcome {
  if (clauses.some((clause) => clause.status === 'fail')) return 'not-eligible';
  if (clauses.some((clause) => clause.status === 'unknown')) return 'ask-office';
  return eligibleToday ? 'eligible' : 'eligible-from';
}

export function assertAsOfCovered(asOf: CalendarDate): void {
  if (!isValidDate(asOf)) throw new RangeError('as-of date is not a real calendar day');
  if (compareDates(asOf, RULES_COVER_FROM) < 0) {
    throw new RangeError(`the rules cover decisions from ${formatThaiDate(RULES_COVER_FROM)} on`);
  }
}

/** Checks the as-of day and the birth date, and applies the law's rule for a missing day/month. */
export function checkedBirth(facts: Facts, asOf: CalendarDate): ResolvedBirth | undefined {
  assertAsOfCovered(asOf);
  if (facts.birth === 'unknown') return undefined;
  const birth = resolveBirthDate(facts.birth);
  if (compareDates(birth.date, asOf) > 0) throw new RangeError('birth date is after the as-of date');
  return birth;
}

/** Thai note added to an age line when part of the birth date was filled in by ป.พ.พ. มาตรา 16. */
export function birthAssumptionTh(birth: ResolvedBirth): string {
  if (birth.assumed === 'day') return ' (ไม่ทราบวันเกิด จึงนับวันที่ 1 ของเดือนตามกฎหมาย)';
  if (birth.assumed === 'month-and-day') return ' (ไม่ทราบวันและเดือนเกิด จึงนับ 1 ม.ค. ตามกฎหมาย)';
  return '';
}

export function uniqueSorted(amounts: readonly number[]): number[] {
  return [...new Set(amounts)].sort((a, b) => a - b);
}

/** Puts either a single amount or the list of possible amounts on a decision. */
export function amountFields(amounts: readonly number[]): Pick<Decision, 'monthlyAmount' | 'monthlyAmountOptions'> {
  const options = uniqueSorted(amounts);
  if (options.length === 0) return {};
  return options.length === 1 ? { monthlyAmount: options[0] } : { monthlyAmountOptions: options };
}
