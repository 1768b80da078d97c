// Allowance rules as code: the public entry point. Decisions are pure functions of (facts, as-of day)
// over dated parameters with sources; nothing here reads the clock, the database or LINE.

import type { CalendarDate } from './calendar';
import { decideAids } from './aids';
import type { DecideOptions, Decision, Facts } from './decision';
import { decideDisability } from './disability';
import { decideElderly } from './elderly';

export { decideAids } from './aids';
export { decideDisability } from './disability';
export { decideElderly, elderlyTiming, type ElderlyTiming } from './elderly';
export { ageOn, dateReachingAge, resolveBirthDate, type ResolvedBirth } from './age';
export {
  beYearToCe,
  ceYearToBe,
  formatThaiDate,
  formatThaiMonth,
  formatThaiRange,
  type CalendarDate,
  type DateRange,
  type PartialDate,
  type YearMonth,
} from './calendar';
export type {
  Allowance,
  Answer,
  Clause,
  ClauseStatus,
  DecideOptions,
  Decision,
  Facts,
  Outcome,
  Registration,
  RequiredDocument,
  Situation,
} from './decision';
export { aidsDocuments, disabilityCardDocuments, disabilityCardSteps, disabilityDocuments, documentText, elderlyDocuments } from './documents';
export { fiscalYearOf, fiscalYearRange, paymentDate, type HolidayCheck } from './fiscal';
export { OPEN_QUESTIONS, type OpenQuestion, type OpenQuestionId, type OpenQuestionTreatment } from './open-questions';
export { ALL_PARAMETERS, RULES_COVER_FROM, staleParameters, valueAt, type Parameter } from './parameters';
export { REFERENCES, type LegalReference, type ReferenceId } from './references';
export { RULES_VERSION } from './version';

/**
 * Every allowance the facts speak to: always the old-age allowance; the disability allowance when
 * the card question was asked; the AIDS allowance only when the (sensitive) diagnosis question was asked.
 */
export function decideAll(facts: Facts, asOf: CalendarDate, opts: DecideOptions = {}): Decision[] {
  return [
    decideElderly(facts, asOf, opts),
    ...(facts.disabilityCard !== undefined ? [decideDisability(facts, asOf, opts)] : []),
    ...(facts.aidsDiagnosis !== undefined ? [decideAids(facts, asOf, opts)] : []),
  ];
}
