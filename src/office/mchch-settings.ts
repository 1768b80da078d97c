// The office's มชช. rounds (office profile field `mchch`): each round is dated configuration with
// its source, never a constant in code (reference groups-and-standards.md §3.10, §3.12, §5):
//   Q11 one province and one year in the seed: every year- or province-specific fact is a round here,
//       with `source` naming the letter it comes from; every answer names the round it uses
//   Q12 the seed gives only the district deadline: `localCutoff` is the office's own, earlier date
//   Q27 «ประจำปี ๒๕๖๒» may be fiscal or calendar: the round's dates are written, never derived from its label
//   Q1  who receives applications: `prepare_only` (default) or `relay` once the district office agrees
// Validated at start-up with the rest of the profile: opens ≤ localCutoff < districtDeadline, ids
// unique, the rounds' application windows (opens–localCutoff) apart.
import { z } from 'zod';
import { isoDate, whenValid } from './profile-fields';

const text = z.string().trim().min(1, 'must not be empty');

export const MCHCH_MODES = ['prepare_only', 'relay'] as const;
export type MchchMode = (typeof MCHCH_MODES)[number];

const roundShape = z.strictObject({
  /** Free text for whoever edits the file (e.g. why localCutoff is that date); ignored by the bot. */
  $comment: z.string().optional(),
  /** A slug: which round a case belongs to. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and "-" (at most 40), e.g. "2562-chachoengsao"'),
  /** Shown to people, in Thai, e.g. "มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)". */
  label: text.refine((s) => [...s].length <= 100, 'has more than 100 characters'),
  /** The first day applications are taken (usually the letter's date). */
  opens: isoDate,
  /** Q12: the office's own last day to receive applications, before the district deadline. */
  localCutoff: isoDate,
  /** The district office's deadline from the letter (seed 004: «ภายในวันที่ ๑๑ กุมภาพันธ์ ๒๕๖๒»). */
  districtDeadline: isoDate,
  /** Where applications are handed in (seed 004: «สำนักงานพัฒนาชุมชนอำเภอ»). */
  district: z.strictObject({
    name: text,
    phone: z.string().regex(/^0\d{8,9}$/, 'must be 9–10 digits starting with 0, without spaces or dashes').optional(),
    address: text.optional(),
  }),
  /** Q1: 'prepare_only' — the bot prepares the pack and says where to hand it in; 'relay' — staff pre-check and forward. */
  mode: z.enum(MCHCH_MODES, 'must be "prepare_only" or "relay"').default('prepare_only'),
  /** Q11: the letter the dates come from, e.g. "หนังสือจังหวัดฉะเชิงเทรา ที่ ฉช ๐๐๑๙/ว ๑๖๙ ลงวันที่ ๑๑ มกราคม ๒๕๖๒". */
  source: text,
});

export type MchchRound = z.output<typeof roundShape>;

const round = roundShape.superRefine((r, ctx) => {
  if (r.localCutoff < r.opens) {
    ctx.addIssue({ code: 'custom', path: ['localCutoff'], message: `must not be before opens (${r.opens})` });
  }
  if (r.localCutoff >= r.districtDeadline) {
    ctx.addIssue({ code: 'custom', path: ['localCutoff'], message: `must be before districtDeadline (${r.districtDeadline})` });
  }
});

const rounds = z.array(round).superRefine((list, ctx) => {
  list.forEach((r, index) => {
    const first = list.findIndex((other) => other.id === r.id);
    if (first < index) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${r.id}" is also the id of rounds[${first}]` });
      return;
    }
    list.slice(0, index).forEach((other, earlier) => {
      if (r.opens <= other.localCutoff && other.opens <= r.localCutoff) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'opens'],
          message: `${r.opens}–${r.localCutoff} overlaps rounds[${earlier}] (${other.opens}–${other.localCutoff}); a day would belong to two rounds`,
        });
      }
    });
  });
}, whenValid(z.array(roundShape)));

const mchchSettingsShape = z.strictObject({
  rounds: rounds.default([]),
});

/** The profile's `mchch` field: optional; an office that writes none has no rounds. */
export const mchchSettingsSchema = mchchSettingsShape.default(() => ({ rounds: [] }));

export type MchchSettings = z.output<typeof mchchSettingsShape>;
