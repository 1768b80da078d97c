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
import { DOCUMENT_KEYS, LIST_KEYS, MCHCH_TYPES } from '../mchch/data';

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

/** Q21: one field of the office's ใบสมัคร (its layout is not in the seeds). */
const formField = z.strictObject({
  /** A slug: the key of the answer in the case (`form.<id>`). */
  id: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must start with a lower-case letter, then letters, digits or "_" (at most 40)'),
  /** The question as the applicant reads it, in Thai. */
  label: text.refine((s) => [...s].length <= 200, 'has more than 200 characters'),
  kind: z.enum(['text', 'date', 'phone', 'number'], 'must be "text", "date", "phone" or "number"').default('text'),
  required: z.boolean().default(true),
  /** The target types the field is asked of; all when absent. */
  types: z.array(z.enum(MCHCH_TYPES)).min(1).optional(),
});

const checklistKey = z.enum([...DOCUMENT_KEYS, ...LIST_KEYS]);

const mchchSettingsShape = z.strictObject({
  $comment: z.string().optional(),
  rounds: rounds.default([]),
  /**
   * Q21: the ใบสมัคร's fields as this office's form has them. None (the default): the applicant sends
   * a photo of the filled paper form instead, and that photo is required.
   */
  form: z
    .strictObject({ fields: z.array(formField).max(30).default([]) })
    .superRefine((f, ctx) => {
      f.fields.forEach((field, i) => {
        if (f.fields.findIndex((other) => other.id === field.id) < i) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `"${field.id}" is used twice` });
      });
    })
    .default(() => ({ fields: [] })),
  /**
   * Q15: the document checklist of a type, replacing the seed's (src/mchch/data.ts DEFAULT_CHECKLISTS);
   * the items' titles stay the seed's. Absent: the seed's list.
   */
  documents: z.partialRecord(z.enum(MCHCH_TYPES), z.array(z.strictObject({ key: checklistKey, required: z.boolean() })).min(1)).default({}),
  /** Q14: only a committee member may apply for a group or network (staff check the minutes either way). */
  submitterMustBeCommittee: z.boolean().default(false),
  /** Q18: a group must have been active at least this many years (a peer page's rule); null: the seed's, none. */
  groupMinYearsActive: z.number().int().min(1).max(20).nullable().default(null),
  /** Q23: copies must be certified («รับรองสำเนาถูกต้อง»); the document questions remind of it. */
  requireCertifiedCopy: z.boolean().default(false),
  /** Q13: where the current guideline (แนวทางการดำเนินงาน) can be read; offered in the intro when set. */
  guidelineUrl: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
  /** When reminders go out: the applicants' (draft, needs_info) and staff's digest, days before the local cut-off, at this hour (Bangkok). */
  reminders: z
    .strictObject({
      hour: z.number().int().min(6).max(20).default(9),
      applicantDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([7, 1]),
      staffDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([7, 1]),
    })
    .default(() => ({ hour: 9, applicantDaysBefore: [7, 1], staffDaysBefore: [7, 1] })),
});

/** The profile's `mchch` field: optional; an office that writes none has no rounds (and the defaults above). */
export const mchchSettingsSchema = mchchSettingsShape.default(() => mchchSettingsShape.parse({}));

export type MchchSettings = z.output<typeof mchchSettingsShape>;
