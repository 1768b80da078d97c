// Which มชช. round a day falls in, at the edges of its dates, and how the round is named (BE dates).
import { describe, expect, it } from 'vitest';
import type { MchchRound, MchchSettings } from '../../src/office/mchch-settings';
import { ROUND_2562 } from './fixtures';
import { districtDeadlineText, nextRound, roundAt, roundLabel, roundStatus } from '../../src/mchch/rounds';

const r2562 = ROUND_2562;
const r2563: MchchRound = { ...r2562, id: '2563', label: 'มชช. ประจำปี 2563', opens: '2019-12-20', localCutoff: '2020-01-31', districtDeadline: '2020-02-07' };
// Listed out of order on purpose: nothing may rely on the file's order.
const settings: Pick<MchchSettings, 'rounds'> = { rounds: [r2563, r2562] };

describe('roundStatus', () => {
  it.each([
    ['2019-01-10', 'upcoming'],
    ['2019-01-11', 'open'],
    ['2019-02-04', 'open'],
    ['2019-02-05', 'closed_locally'],
    ['2019-02-11', 'closed_locally'],
    ['2019-02-12', 'past'],
  ] as const)('%s → %s', (date, status) => {
    expect(roundStatus(r2562, date)).toBe(status);
  });
});

describe('roundAt and nextRound', () => {
  it('finds the round open on the day, its first and last days included', () => {
    expect(roundAt(settings, '2019-01-11')?.id).toBe('2562-chachoengsao');
    expect(roundAt(settings, '2019-02-04')?.id).toBe('2562-chachoengsao');
    expect(roundAt(settings, '2020-01-31')?.id).toBe('2563');
  });

  it('finds no round before opening, after the local cut-off (even before the district deadline) or with none configured', () => {
    expect(roundAt(settings, '2019-01-10')).toBeUndefined();
    expect(roundAt(settings, '2019-02-05')).toBeUndefined();
    expect(roundAt({ rounds: [] }, '2019-01-20')).toBeUndefined();
  });

  it('the next round is the earliest that opens after the day', () => {
    expect(nextRound(settings, '2019-01-10')?.id).toBe('2562-chachoengsao');
    expect(nextRound(settings, '2019-01-11')?.id).toBe('2563');
    expect(nextRound(settings, '2019-12-19')?.id).toBe('2563');
    expect(nextRound(settings, '2019-12-20')).toBeUndefined();
  });
});

describe('roundLabel', () => {
  it('names the round with its application window in Buddhist-era years', () => {
    expect(roundLabel(r2562)).toBe('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร 11 ม.ค.–4 ก.พ. 2562');
    expect(roundLabel(r2563)).toBe('มชช. ประจำปี 2563 รับสมัคร 20 ธ.ค. 2562–31 ม.ค. 2563');
    expect(districtDeadlineText(r2562)).toBe('11 ก.พ. 2562');
  });
});
