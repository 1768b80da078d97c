// Dated parameters: the value in force on each side of every effective date, and the metadata
// every value must carry (source title and URL, last-checked date).
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/rules/calendar';
import {
  AIDS_MONTHLY_RATE,
  ALL_PARAMETERS,
  DISABILITY_MONTHLY_RATES,
  ELDERLY_MINIMUM_AGE,
  ELDERLY_MONTHLY_RATES,
  ELDERLY_REGISTRATION_ROUNDS,
  PAYMENT_DAY_OF_MONTH,
  datedValueAt,
  staleParameters,
  valueAt,
  type Parameter,
} from '../../src/rules/parameters';

const NONE = 'no value';

function valueOn(param: Parameter<unknown>, iso: string): unknown {
  try {
    return valueAt(param, parseIsoDate(iso));
  } catch {
    return NONE;
  }
}

describe('values on both sides of each effective date', () => {
  const rows: { param: Parameter<unknown>; on: string; expected: unknown; why: string }[] = [
    { param: ELDERLY_MONTHLY_RATES, on: '2011-09-30', expected: NONE, why: 'before tiered rates (older flat rate not modelled)' },
    { param: ELDERLY_MONTHLY_RATES, on: '2011-10-01', expected: ELDERLY_MONTHLY_RATES.values[0]?.value, why: 'tiered 600/700/800/1,000 start' },
    { param: DISABILITY_MONTHLY_RATES, on: '2014-09-30', expected: NONE, why: 'before 800 บาท (500 era not modelled)' },
    { param: DISABILITY_MONTHLY_RATES, on: '2014-10-01', expected: { minorAmount: 800, adultAmount: 800, adultFromAge: 18 }, why: '800 for all from FY2558' },
    { param: DISABILITY_MONTHLY_RATES, on: '2020-09-30', expected: { minorAmount: 800, adultAmount: 800, adultFromAge: 18 }, why: 'last day before the under-18 rate' },
    { param: DISABILITY_MONTHLY_RATES, on: '2020-10-01', expected: { minorAmount: 1000, adultAmount: 800, adultFromAge: 18 }, why: 'under 18 → 1,000 from 1 ต.ค. 2563' },
    { param: ELDERLY_REGISTRATION_ROUNDS, on: '2020-09-30', expected: NONE, why: 'before the two-round practice' },
    { param: ELDERLY_REGISTRATION_ROUNDS, on: '2020-10-01', expected: [{ fromMonth: 10, toMonth: 11 }, { fromMonth: 1, toMonth: 9 }], why: 'ต.ค.–พ.ย. + ม.ค.–ก.ย.' },
    { param: PAYMENT_DAY_OF_MONTH, on: '2019-12-31', expected: NONE, why: 'before กรมบัญชีกลาง direct payment' },
    { param: PAYMENT_DAY_OF_MONTH, on: '2020-01-01', expected: 10, why: 'the 10th' },
    { param: ELDERLY_MINIMUM_AGE, on: '2023-08-11', expected: NONE, why: 'before the 2566 regulation' },
    { param: ELDERLY_MINIMUM_AGE, on: '2023-08-12', expected: 60, why: '2566 regulation in force' },
    { param: AIDS_MONTHLY_RATE, on: '2004-12-31', expected: NONE, why: 'before the 2548 regulation' },
    { param: AIDS_MONTHLY_RATE, on: '2005-01-01', expected: 500, why: '500 บาท' },
    { param: AIDS_MONTHLY_RATE, on: '2025-11-15', expected: 500, why: 'still 500 บาท' },
  ];
  it.each(rows)('$param.id on $on ($why)', ({ param, on, expected }) => {
    expect(valueOn(param, on)).toEqual(expected);
  });

  it('picks the latest value on or before the day, whatever the order of the list', () => {
    const reversed = { ...DISABILITY_MONTHLY_RATES, values: [...DISABILITY_MONTHLY_RATES.values].reverse() };
    expect(valueAt(reversed, parseIsoDate('2025-01-01')).minorAmount).toBe(1000);
    expect(datedValueAt(reversed, parseIsoDate('2020-09-30')).from).toBe('2014-10-01');
  });
});

describe('every value carries its source and check date', () => {
  const values = ALL_PARAMETERS.flatMap((param) => param.values.map((value) => ({ id: param.id, ...value })));
  it.each(values)('$id from $from', (value) => {
    expect(() => parseIsoDate(value.from)).not.toThrow();
    expect(() => parseIsoDate(value.checked)).not.toThrow();
    expect(value.checked >= value.from).toBe(true);
    expect(value.ref.title.length).toBeGreaterThan(10);
    expect(value.ref.url).toMatch(/^https?:\/\//);
  });
});

describe('stale parameters', () => {
  it('lists values not checked within the allowed age', () => {
    const asOf = parseIsoDate('2026-01-01');
    expect(staleParameters(asOf, 365)).toEqual(['disability.monthlyRates']);
    expect(staleParameters(asOf, 30)).toEqual(ALL_PARAMETERS.map((param) => param.id));
    expect(staleParameters(asOf, 2000)).toEqual([]);
  });
});
