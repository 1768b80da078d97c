// Test-table helper: a person who meets every old-age condition, to be varied one fact at a time.

import type { Facts } from '../../src/rules/decision';
import { thaiDate } from './thai-dates';

export function person(born: string, overrides: Partial<Facts> = {}): Facts {
  return {
    birth: thaiDate(born),
    thaiNational: true,
    registeredInArea: true,
    applicant: 'self',
    receivesStatePension: false,
    inStateInstitution: false,
    receivesStateSalary: false,
    paidByBankTransfer: true,
    ...overrides,
  };
}
