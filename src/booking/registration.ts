// What the allowance rules say about a visit day: whether the office takes the registration then
// (the old-age allowance has registration windows; the others are taken any day), and when the
// money would start if the person registers that day — so the booking offers only days that count
// and says, in baht, what a later day costs. The rules decide (decide* with the visit day as the
// as-of day); this file only asks them, day by day.
import { decideElderly, type Decision, type Facts, type YearMonth } from '../rules';
import type { ServiceId } from '../office/profile';
import { fromIso } from '../thai/calendar';

/** A person the bot knows nothing about: the windows still apply, the money cannot be worked out. */
const UNKNOWN_PERSON: Facts = { birth: 'unknown', thaiNational: 'unknown', registeredInArea: 'unknown', applicant: 'self' };

/**
 * The rules' answer for registering on `date`, for a service that only takes registrations in
 * windows; undefined when any day will do (other services, or a person who need not register).
 */
export function registrationOn(serviceId: ServiceId, facts: Facts | undefined, date: string): Decision | undefined {
  if (serviceId !== 'elderly') return undefined;
  let decision: Decision;
  try {
    decision = decideElderly(facts ?? UNKNOWN_PERSON, fromIso(date));
  } catch {
    // A stored check the rules can no longer read (e.g. a birth date after the day): the windows alone.
    decision = decideElderly(UNKNOWN_PERSON, fromIso(date));
  }
  return decision.registration.windows.length > 0 ? decision : undefined;
}

/** Whether a visit on that day can be the registration itself. */
export function takesRegistration(decision: Decision | undefined): boolean {
  return decision === undefined || decision.registration.openNow;
}

export interface PaymentDelay {
  /** The first month paid when registering on the earliest day offered… */
  soonest: YearMonth;
  /** …and when registering on the later day. */
  later: YearMonth;
  months: number;
  /** Baht lost (months × the monthly amount, the lower one when the sources disagree), when known. */
  baht?: number;
}

function monthsBetween(from: YearMonth, to: YearMonth): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/** The months (and baht) a later registration day loses against the soonest one, or undefined. */
export function paymentDelay(soonest: Decision | undefined, later: Decision | undefined): PaymentDelay | undefined {
  const from = soonest?.firstPaymentMonth;
  const to = later?.firstPaymentMonth;
  if (!from || !to) return undefined;
  const months = monthsBetween(from, to);
  if (months <= 0) return undefined;
  const monthly = later?.monthlyAmount ?? later?.monthlyAmountOptions?.[0];
  return { soonest: from, later: to, months, ...(monthly !== undefined && { baht: months * monthly }) };
}
