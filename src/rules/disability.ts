// เบี้ยความพิการ (disability allowance): Thai nationality, house registration in the area and a valid
// disability card; not cared for by a state institution [D1], [D2]. Registration is open all year;
// payment starts the month after registering [D1]. An expired card suspends payment [D7].

import { ageForPaymentMonth, ageOn } from './age';
import { addMonths, firstDayOf, monthOf, type CalendarDate, type YearMonth } from './calendar';
import {
  amountFields,
  answerClause,
  checkedBirth,
  houseRegistrationClause,
  not,
  outcomeOf,
  thaiNationalClause,
  type Clause,
  type DecideOptions,
  type Decision,
  type Facts,
  type Registration,
} from './decision';
import { disabilityDocuments } from './documents';
import { fiscalYearOf, fiscalYearRange, paymentDate } from './fiscal';
import type { OpenQuestionId } from './open-questions';
import { DISABILITY_MONTHLY_RATES, valueAt } from './parameters';
import { RULES_VERSION } from './version';

function cardClause(card: Facts['disabilityCard'], alreadyReceiving: boolean): Clause {
  const id = 'disability.card';
  switch (card) {
    case 'valid':
      return { id, status: 'pass', th: 'มีบัตรประจำตัวคนพิการที่ยังไม่หมดอายุค่ะ', ref: 'disabilityCriteria' };
    case 'expired':
      return {
        id,
        status: 'fail',
        th: alreadyReceiving
          ? 'บัตรหมดอายุ เงินจะถูกพักไว้จนกว่าจะต่อบัตรและนำบัตรใหม่มาแสดงค่ะ'
          : 'บัตรคนพิการหมดอายุ ต่ออายุบัตรก่อน แล้วค่อยมาลงทะเบียนค่ะ',
        ref: 'disabilityExpiredCard',
      };
    case 'none':
      return { id, status: 'fail', th: 'ต้องทำบัตรประจำตัวคนพิการก่อน แล้วค่อยมาลงทะเบียนค่ะ', ref: 'disabilityCriteria' };
    default:
      return { id, status: 'unknown', th: 'ยังไม่แน่ใจเรื่องบัตรคนพิการ เจ้าหน้าที่จะตรวจให้ค่ะ', ref: 'disabilityCriteria' };
  }
}

function eligibilityClauses(facts: Facts): Clause[] {
  return [
    thaiNationalClause('disability', facts, 'disabilityCriteria'),
    houseRegistrationClause('disability', facts, 'disabilityRegulation2553'),
    cardClause(facts.disabilityCard, false),
    answerClause(
      'disability.not-in-state-institution',
      not(facts.inStateInstitution),
      {
        pass: 'ไม่ได้อยู่ในความดูแลของสถานสงเคราะห์ของรัฐค่ะ',
        fail: 'ผู้ที่อยู่ในความดูแลของสถานสงเคราะห์ของรัฐ ไม่มีสิทธิรับเบี้ยนี้ค่ะ',
        unknown: 'ยังไม่แน่ใจเรื่องสถานสงเคราะห์ เจ้าหน้าที่จะตรวจให้ค่ะ',
      },
      'disabilityCriteria',
    ),
  ];
}

/**
 * The amount for a payment month. Sources disagree whether the higher rate is for "under 18" or
 * "18 or under", so for a person aged 18 both amounts are returned; with no birth date, too.
 */
function disabilityAmount(birth: CalendarDate | undefined, month: YearMonth) {
  const rates = valueAt(DISABILITY_MONTHLY_RATES, firstDayOf(month));
  const bothAmounts = [rates.minorAmount, rates.adultAmount];
  if (!birth) return { fields: amountFields(bothAmounts), questions: [] };
  const age = ageForPaymentMonth(birth, month);
  if (age < rates.adultFromAge) return { fields: amountFields([rates.minorAmount]), questions: [] };
  if (age > rates.adultFromAge) return { fields: amountFields([rates.adultAmount]), questions: [] };
  const fields = amountFields(bothAmounts);
  const questions: OpenQuestionId[] = fields.monthlyAmountOptions ? ['disability-rate-at-18'] : [];
  return { fields, questions };
}

function disabilityRegistration(asOf: CalendarDate, alreadyReceiving: boolean): Registration {
  if (alreadyReceiving) {
    return { windows: [], openNow: false, th: 'ไม่ต้องลงทะเบียนใหม่ค่ะ เมื่อต่ออายุบัตร ให้นำบัตรใหม่มาแสดงที่สำนักงานค่ะ' };
  }
  return {
    windows: [fiscalYearRange(fiscalYearOf(asOf))],
    openNow: true,
    th: 'ลงทะเบียนได้ทุกวันทำการตลอดปีค่ะ ยื่นเดือนนี้ เริ่มได้รับเงินเดือนถัดไปค่ะ',
  };
}

export function decideDisability(facts: Facts, asOf: CalendarDate, opts: DecideOptions = {}): Decision {
  const birth = checkedBirth(facts, asOf);
  const alreadyReceiving = facts.alreadyReceiving?.disability === true;
  const clauses = alreadyReceiving
    ? [
        { id: 'disability.already-receiving', status: 'pass' as const, th: 'ได้รับเบี้ยความพิการอยู่แล้วค่ะ' },
        cardClause(facts.disabilityCard, true),
      ]
    : eligibilityClauses(facts);
  const outcome = outcomeOf(clauses, true);
  const isMinor = birth !== undefined && ageOn(birth.date, asOf) < valueAt(DISABILITY_MONTHLY_RATES, asOf).adultFromAge;
  const payable = outcome !== 'not-eligible';
  const firstPaymentMonth = addMonths(monthOf(asOf), 1);
  const amount = payable ? disabilityAmount(birth?.date, alreadyReceiving ? monthOf(asOf) : firstPaymentMonth) : undefined;

  const questions: OpenQuestionId[] = [...(amount?.questions ?? [])];
  if (facts.disabilityCard === 'expired') questions.push('disability-card-renewal-grace');
  if (isMinor && !alreadyReceiving) questions.push('disability-minor-guardian');

  const isNewRegistration = payable && !alreadyReceiving;
  return {
    allowance: 'disability',
    outcome,
    clauses,
    ...amount?.fields,
    registration: disabilityRegistration(asOf, alreadyReceiving),
    ...(isNewRegistration ? { firstPaymentMonth, firstPaymentDate: paymentDate(firstPaymentMonth, opts.isHoliday) } : {}),
    documents: isNewRegistration ? disabilityDocuments(facts, isMinor) : [],
    openQuestions: questions,
    rulesVersion: RULES_VERSION,
    asOf,
  };
}
