// The day buttons name their unit ("ว่าง 56 ที่") and always fit LINE's 40-character button label.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dayQuestion } from '../../src/booking/messages';
import { checkMessages } from '../../src/line/limits';
import { DEFAULT_OFFICE_CONFIG_PATH, parseOfficeProfile } from '../../src/office/profile';
import { flexLabels } from './helpers';

const office = parseOfficeProfile(JSON.parse(readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8')), 'example');
const service = office.services[0]!;

describe('day buttons', () => {
  it('say how many places are free, with the unit', () => {
    const card = dayQuestion(service, [{ date: '2026-11-24', free: 56 }], () => 'a=x', '25 พ.ย.');
    expect(flexLabels([card])).toEqual(['วันอังคารที่ 24 พ.ย. 2569 ว่าง 56 ที่']);
  });

  it('shorten the weekday when a long day name and a big number would not fit a button', () => {
    const days = [
      { date: '2027-03-25', free: 56 }, // exactly 40 characters: kept in full
      { date: '2027-03-25', free: 156 }, // 41 in full
      { date: '2026-11-26', free: 1400 },
      { date: '2026-11-24', free: 1400 },
    ];
    const card = dayQuestion(service, days, () => 'a=x', '25 พ.ย.');
    expect(flexLabels([card])).toEqual([
      'วันพฤหัสบดีที่ 25 มี.ค. 2570 ว่าง 56 ที่',
      'พฤหัสบดี 25 มี.ค. 2570 ว่าง 156 ที่',
      'พฤหัสบดี 26 พ.ย. 2569 ว่าง 1400 ที่',
      'วันอังคารที่ 24 พ.ย. 2569 ว่าง 1400 ที่',
    ]);
    expect(checkMessages([card])).toEqual([]);
  });
});
