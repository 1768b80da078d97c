// What the allowance rules say about a visit day (src/booking/registration): whether the office takes
// the old-age registration then, and what a later day costs against the soonest one.
import { describe, expect, it } from 'vitest';
import { paymentDelay, registrationOn, takesRegistration } from '../../src/booking/registration';
import type { Facts } from '../../src/rules';

const person = (birth: Facts['birth']): Facts => ({
  birth,
  thaiNational: true,
  registeredInArea: true,
  applicant: 'self',
  alreadyReceiving: { elderly: false },
  receivesStatePension: false,
  receivesStateSalary: false,
  inStateInstitution: false,
});

describe('registrationOn', () => {
  it('takes registrations in the rounds only, for anyone', () => {
    expect(takesRegistration(registrationOn('elderly', undefined, '2026-11-30'))).toBe(true);
    expect(takesRegistration(registrationOn('elderly', undefined, '2026-12-01'))).toBe(false);
    expect(takesRegistration(registrationOn('elderly', undefined, '2027-01-04'))).toBe(true);
  });

  it('leaves other services, and people who already receive the allowance, to any day', () => {
    expect(registrationOn('disability', undefined, '2026-12-01')).toBeUndefined();
    expect(registrationOn('advice', undefined, '2026-12-01')).toBeUndefined();
    const receiving = { ...person({ year: 1950, month: 3, day: 15 }), alreadyReceiving: { elderly: true } };
    expect(registrationOn('elderly', receiving, '2026-12-01')).toBeUndefined();
  });

  it('a person is in a round only in the fiscal year before their first payment', () => {
    // 60 on 31 May 2028, paid from June 2028 (FY2028): registers from 1 Oct 2026 (FY2027).
    expect(takesRegistration(registrationOn('elderly', person({ year: 1968, month: 6, day: 1 }), '2026-11-24'))).toBe(true);
    // 60 on 31 May 2029: registers from 1 Oct 2027, not now.
    const later = registrationOn('elderly', person({ year: 1969, month: 6, day: 1 }), '2026-11-24');
    expect(takesRegistration(later)).toBe(false);
    expect(later?.registration.nextOpens).toEqual({ year: 2027, month: 10, day: 1 });
  });
});

describe('paymentDelay', () => {
  it('an advance registrant who comes on 1 ต.ค. instead of 30 ก.ย. loses six months: 3,600 บาท', () => {
    const turning60 = person({ year: 1967, month: 3, day: 15 }); // 60 on 14 Mar 2027: paid from Apr 2027 if registered by 30 Sep 2026
    const september = registrationOn('elderly', turning60, '2026-09-30');
    const october = registrationOn('elderly', turning60, '2026-10-01');
    expect(september?.firstPaymentMonth).toEqual({ year: 2027, month: 4 });
    expect(paymentDelay(september, october)).toEqual({ soonest: { year: 2027, month: 4 }, later: { year: 2027, month: 10 }, months: 6, baht: 3600 });
    expect(paymentDelay(september, september)).toBeUndefined();
  });

  it('says nothing about money when the person\'s dates are unknown', () => {
    const september = registrationOn('elderly', undefined, '2027-09-30');
    expect(paymentDelay(september, registrationOn('elderly', undefined, '2027-10-01'))).toBeUndefined();
  });
});
