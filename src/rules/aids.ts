// เบี้ยยังชีพผู้ป่วยเอดส์ (AIDS-patient allowance, 2548 regulation): a doctor-certified AIDS patient
// with house registration in the area, living in hardship [A1], [A2], [A5]. The national text was not
// in the sources, so the points where LAO pages disagree go to the office (see open-questions.ts).
// Applications are taken all year, approved by the local committee, paid from the next month [A5].

import { addMonths, firstDayOf, monthOf, type CalendarDate } from './calendar';
import {
  assertAsOfCovered,
  houseRegistrationClause,
  outcomeOf,
  type Answer,
  type Clause,
  type DecideOptions,
  type Decision,
  type Facts,
} from './decision';
import { aidsDocuments } from './documents';
import { fiscalYearOf, fiscalYearRange, paymentDate } from './fiscal';
import { OPEN_QUESTIONS, type OpenQuestionId } from './open-questions';
import { AIDS_MONTHLY_RATE, valueAt } from './parameters';
import { RULES_VERSION } from './version';

function diagnosisClause(diagnosis: Facts['aidsDiagnosis']): Clause {
  const id = 'aids.diagnosis';
  switch (diagnosis) {
    case 'certified':
      return { id, status: 'pass', th: 'มีใบรับรองแพทย์ว่าเป็นผู้ป่วยเอดส์ค่ะ', ref: 'aidsCriteria' };
    case 'hiv-no-symptoms':
      return { id, status: 'unknown', th: OPEN_QUESTIONS['aids-hiv-without-symptoms'].th, ref: 'aidsNotHiv' };
    case 'none':
      return { id, status: 'fail', th: 'ต้องมีใบรับรองแพทย์ว่าเป็นผู้ป่วยเอดส์ค่ะ', ref: 'aidsCriteria' };
    default:
      return { id, status: 'unknown', th: 'ยังไม่แน่ใจเรื่องใบรับรองแพทย์ เจ้าหน้าที่จะช่วยดูให้ค่ะ', ref: 'aidsCriteria' };
  }
}

/** Sources disagree on nationality and hardship, so a "no" there is sent to the office, not refused. */
function disputedClause(
  id: string,
  answer: Answer | undefined,
  pass: string,
  question: OpenQuestionId,
  unsure: string,
): Clause {
  if (answer === true) return { id, status: 'pass', th: pass, ref: 'aidsCriteria' };
  return { id, status: 'unknown', th: answer === false ? OPEN_QUESTIONS[question].th : unsure, ref: 'aidsCriteria' };
}

function eligibilityClauses(facts: Facts): Clause[] {
  return [
    diagnosisClause(facts.aidsDiagnosis),
    houseRegistrationClause('aids', facts, 'aidsRegulation2548'),
    disputedClause(
      'aids.thai-national',
      facts.thaiNational,
      'มีสัญชาติไทยค่ะ',
      'aids-nationality',
      'ยังไม่ทราบเรื่องสัญชาติ เจ้าหน้าที่จะตรวจให้ค่ะ',
    ),
    disputedClause(
      'aids.hardship',
      facts.aidsHardship,
      'มีความลำบากในการเลี้ยงชีพค่ะ',
      'aids-hardship-test',
      'เรื่องฐานะความเป็นอยู่ เจ้าหน้าที่จะพิจารณาให้ค่ะ',
    ),
  ];
}

function questionsFor(facts: Facts): OpenQuestionId[] {
  const questions: OpenQuestionId[] = [];
  if (facts.aidsDiagnosis === 'hiv-no-symptoms') questions.push('aids-hiv-without-symptoms');
  if (facts.thaiNational === false) questions.push('aids-nationality');
  if (facts.aidsHardship === false) questions.push('aids-hardship-test');
  return questions;
}

export function decideAids(facts: Facts, asOf: CalendarDate, opts: DecideOptions = {}): Decision {
  assertAsOfCovered(asOf);
  const firstPaymentMonth = addMonths(monthOf(asOf), 1);
  if (facts.alreadyReceiving?.aids === true) {
    return {
      allowance: 'aids',
      outcome: 'eligible',
      clauses: [{ id: 'aids.already-receiving', status: 'pass', th: 'ได้รับเบี้ยยังชีพผู้ป่วยเอดส์อยู่แล้วค่ะ' }],
      monthlyAmount: valueAt(AIDS_MONTHLY_RATE, asOf),
      registration: { windows: [], openNow: false, th: 'ไม่ต้องยื่นใหม่ค่ะ' },
      documents: [],
      openQuestions: [],
      rulesVersion: RULES_VERSION,
      asOf,
    };
  }

  const clauses = eligibilityClauses(facts);
  const outcome = outcomeOf(clauses, true);
  const payable = outcome !== 'not-eligible';
  return {
    allowance: 'aids',
    outcome,
    clauses,
    ...(payable ? { monthlyAmount: valueAt(AIDS_MONTHLY_RATE, firstDayOf(firstPaymentMonth)) } : {}),
    registration: {
      windows: [fiscalYearRange(fiscalYearOf(asOf))],
      openNow: true,
      th: 'ยื่นได้ทุกวันทำการตลอดปีค่ะ เมื่อคณะผู้บริหารเห็นชอบแล้ว จะเริ่มจ่ายเดือนถัดไปค่ะ',
    },
    ...(payable ? { firstPaymentMonth, firstPaymentDate: paymentDate(firstPaymentMonth, opts.isHoliday) } : {}),
    documents: payable ? aidsDocuments(facts) : [],
    openQuestions: questionsFor(facts),
    rulesVersion: RULES_VERSION,
    asOf,
  };
}
