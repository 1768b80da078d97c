// Dated parameters of the allowance rules (OpenFisca style): every value carries the day it took
// effect, the source behind it and the day it was last checked. `valueAt` picks the latest value
// whose effective day is on or before the as-of day. Change a value here → bump RULES_VERSION.
//
// `checked` is the date of the newest source that confirmed the value was still current (the
// research notes end in Nov 2025 / พ.ย. 2568). Re-check against the sources and update it;
// `staleParameters` lists the values that have not been checked for a while.

import { compareDates, daysBetween, parseIsoDate, type CalendarDate } from './calendar';
import { REFERENCES, type LegalReference } from './references';

export interface DatedValue<T> {
  value: T;
  /** First day the value applies, 'YYYY-MM-DD' (CE). */
  from: string;
  ref: LegalReference;
  /** 'YYYY-MM-DD' (CE). */
  checked: string;
  /** Why a date or value is less certain than it looks. */
  note?: string;
}

export interface Parameter<T> {
  id: string;
  description: string;
  values: readonly DatedValue<T>[];
}

/** The value in force on `asOf`; throws when the parameter has no value yet on that day. */
export function datedValueAt<T>(param: Parameter<T>, asOf: CalendarDate): DatedValue<T> {
  let inForce: DatedValue<T> | undefined;
  for (const candidate of param.values) {
    const startsOnOrBefore = compareDates(parseIsoDate(candidate.from), asOf) <= 0;
    if (startsOnOrBefore && (!inForce || candidate.from > inForce.from)) inForce = candidate;
  }
  if (!inForce) throw new RangeError(`parameter ${param.id} has no value in force on the given date`);
  return inForce;
}

export function valueAt<T>(param: Parameter<T>, asOf: CalendarDate): T {
  return datedValueAt(param, asOf).value;
}

/**
 * The rules model the procedure of the 2566 old-age regulation, in force from 12 ส.ค. 2566 [E2]
 * (ยืนยันสิทธิ, interim use of the old qualifications). Decisions for an earlier as-of day would need
 * the older procedure, so they are refused.
 */
export const RULES_COVER_FROM: CalendarDate = { year: 2023, month: 8, day: 12 };

export const ELDERLY_MINIMUM_AGE: Parameter<number> = {
  id: 'elderly.minimumAge',
  description: 'อายุขั้นต่ำ (ปีบริบูรณ์) ผู้มีสิทธิเบี้ยยังชีพผู้สูงอายุ',
  values: [
    {
      value: 60,
      from: '2023-08-12',
      ref: REFERENCES.elderlyRegulation2566,
      checked: '2025-11-11',
      note: 'Same age as the 2552 regulation; the 2566 regulation is the one in force from this day.',
    },
  ],
};

export interface AgeBandRate {
  /** Lowest age (ปีบริบูรณ์) of the band. */
  fromAge: number;
  /** Baht per month. */
  amount: number;
}

export const ELDERLY_MONTHLY_RATES: Parameter<readonly AgeBandRate[]> = {
  id: 'elderly.monthlyRates',
  description: 'เบี้ยยังชีพผู้สูงอายุแบบขั้นบันได (บาท/เดือน)',
  values: [
    {
      value: [
        { fromAge: 60, amount: 600 },
        { fromAge: 70, amount: 700 },
        { fromAge: 80, amount: 800 },
        { fromAge: 90, amount: 1000 },
      ],
      from: '2011-10-01',
      ref: REFERENCES.elderlyTieredRates,
      checked: '2025-11-11',
      note: 'Confirmed unchanged in Oct and Nov 2025 [E11], [E12]; the late-2024 proposals are not in force.',
    },
  ],
};

/** A registration round as months of the fiscal year, e.g. October–November. */
export interface MonthSpan {
  fromMonth: number;
  toMonth: number;
}

export const ELDERLY_REGISTRATION_ROUNDS: Parameter<readonly MonthSpan[]> = {
  id: 'elderly.registrationRounds',
  description: 'ช่วงยืนยันสิทธิ (ลงทะเบียน) ในปีงบประมาณก่อนปีที่เริ่มรับเงิน',
  values: [
    {
      value: [
        { fromMonth: 10, toMonth: 11 },
        { fromMonth: 1, toMonth: 9 },
      ],
      from: '2020-10-01',
      ref: REFERENCES.elderlyRegistrationRounds,
      checked: '2025-10-01',
      note: 'First used for the FY2565 cohort (from ต.ค. 2563); still in the FY2570 notice [E13], dated ต.ค. 2568 (day not shown).',
    },
  ],
};

export const PAYMENT_DAY_OF_MONTH: Parameter<number> = {
  id: 'payment.dayOfMonth',
  description: 'วันที่จ่ายเบี้ยของทุกเดือน (ตรงวันหยุด จ่ายวันทำการก่อนหน้า)',
  values: [
    {
      value: 10,
      from: '2020-01-01',
      ref: REFERENCES.paymentDay,
      checked: '2025-11-11',
      note: 'กรมบัญชีกลาง pays directly from ม.ค. 2563; paid 10 ต.ค. and 10 พ.ย. 2568 [E11], [E12].',
    },
  ],
};

export interface DisabilityRates {
  /** Baht per month below `adultFromAge`. */
  minorAmount: number;
  /** Baht per month from `adultFromAge` (ปีบริบูรณ์). */
  adultAmount: number;
  adultFromAge: number;
}

export const DISABILITY_MONTHLY_RATES: Parameter<DisabilityRates> = {
  id: 'disability.monthlyRates',
  description: 'เบี้ยความพิการ (บาท/เดือน) สำหรับผู้มีอายุต่ำกว่า 18 ปี และ 18 ปีขึ้นไป',
  values: [
    {
      value: { minorAmount: 800, adultAmount: 800, adultFromAge: 18 },
      from: '2014-10-01',
      ref: REFERENCES.disabilityRate800,
      checked: '2022-03-09',
    },
    {
      value: { minorAmount: 1000, adultAmount: 800, adultFromAge: 18 },
      from: '2020-10-01',
      ref: REFERENCES.disabilityRateUnder18,
      checked: '2022-03-09',
      note: 'Newest confirmation is [D6] (9 มี.ค. 2565); "ต่ำกว่า 18" vs "ไม่เกิน 18" conflict → open question disability-rate-at-18.',
    },
  ],
};

export const AIDS_MONTHLY_RATE: Parameter<number> = {
  id: 'aids.monthlyRate',
  description: 'เบี้ยยังชีพผู้ป่วยเอดส์ (บาท/เดือน)',
  values: [
    {
      value: 500,
      from: '2005-01-01',
      ref: REFERENCES.aidsRegulation2548,
      checked: '2025-09-25',
      note: 'Regulation of พ.ศ. 2548; its exact effective day is not in the sources, so 1 ม.ค. 2548 is used. Still 500 on [A1] (25 ก.ย. 2568).',
    },
  ],
};

export const ALL_PARAMETERS: readonly Parameter<unknown>[] = [
  ELDERLY_MINIMUM_AGE,
  ELDERLY_MONTHLY_RATES,
  ELDERLY_REGISTRATION_ROUNDS,
  PAYMENT_DAY_OF_MONTH,
  DISABILITY_MONTHLY_RATES,
  AIDS_MONTHLY_RATE,
];

/** Ids of the parameters whose value in force on `asOf` was last checked more than `maxAgeDays` earlier. */
export function staleParameters(asOf: CalendarDate, maxAgeDays: number): string[] {
  return ALL_PARAMETERS.filter((param) => {
    const checked = parseIsoDate(datedValueAt(param, asOf).checked);
    return daysBetween(checked, asOf) > maxAgeDays;
  }).map((param) => param.id);
}
