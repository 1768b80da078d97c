// Which มชช. round a date falls in (pure). Dates are the office's ISO 'YYYY-MM-DD' wall-calendar
// dates; the rounds come from the office profile (src/office/mchch-settings.ts), never from code.
import type { MchchRound, MchchSettings } from '../office/mchch-settings';
import { fromIso } from '../thai/calendar';
import { formatThaiDate, formatThaiDateRange } from '../thai/date-format';

export type RoundStatus = 'upcoming' | 'open' | 'closed_locally' | 'past';

/**
 * 'open' from `opens` to `localCutoff` (both days included); 'closed_locally' after the office's
 * cut-off up to and including the district deadline (the district still works on its last day,
 * «ภายในวันที่ ๑๑»); 'past' after it.
 */
export function roundStatus(round: MchchRound, date: string): RoundStatus {
  if (date < round.opens) return 'upcoming';
  if (date <= round.localCutoff) return 'open';
  if (date <= round.districtDeadline) return 'closed_locally';
  return 'past';
}

/** The round taking applications on `date` (the profile checks that at most one is). */
export function roundAt(settings: Pick<MchchSettings, 'rounds'>, date: string): MchchRound | undefined {
  return settings.rounds.find((round) => roundStatus(round, date) === 'open');
}

/** The earliest round that opens after `date`. */
export function nextRound(settings: Pick<MchchSettings, 'rounds'>, date: string): MchchRound | undefined {
  return settings.rounds
    .filter((round) => round.opens > date)
    .reduce<MchchRound | undefined>((best, round) => (best === undefined || round.opens < best.opens ? round : best), undefined);
}

/** Names the round an answer uses: "มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร 11 ม.ค.–4 ก.พ. 2562". */
export function roundLabel(round: MchchRound): string {
  return `${round.label} รับสมัคร ${formatThaiDateRange({ from: fromIso(round.opens), to: fromIso(round.localCutoff) })}`;
}

/** The district deadline in BE: "11 ก.พ. 2562". */
export function districtDeadlineText(round: MchchRound): string {
  return formatThaiDate(fromIso(round.districtDeadline));
}
