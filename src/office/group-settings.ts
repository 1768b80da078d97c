// The office's settings for community groups (office profile field `groups`): everything the seeds
// leave open (reference groups-and-standards.md §5), each with the reference's default, so an office
// that writes nothing gets the careful behaviour. Validated at start-up with the rest of the profile.
//   Q8  reportPeriod and reportYear (fiscal or calendar quarters)
//   Q4  minMembers (null: never block), committee positions / size / one ประธาน / one position each
//   Q5  fund sources, Q8 report period, Q9 the bank-letter note, Q29 collectMemberIds (default off)
//   Q14 whether the submitter must be on the committee; §4.0 reminder and retention days
import { z } from 'zod';

/** Choice labels become LINE buttons: at most 20 characters (code points). */
const label = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((s) => [...s].length <= 20, { error: (issue) => `"${String(issue.input)}" has more than 20 characters (a LINE button label)` });

const uniqueLabels = z.array(label).min(1, 'must list at least one').refine((list) => new Set(list).size === list.length, 'lists a label twice');

export const GROUP_SECTIONS = ['profile', 'members', 'committee', 'rules', 'funds', 'bank', 'minutes'] as const;
export type GroupSection = (typeof GROUP_SECTIONS)[number];

export const DEFAULT_GROUP_SETTINGS = {
  /** Seed-named kinds (seed 000 lines 36, 106, 111); "อื่น ๆ" is always offered on top. */
  types: ['กลุ่มองค์กรชุมชน', 'กลุ่มแม่บ้าน', 'กลุ่มอาชีพ', 'กลุ่มออมทรัพย์', 'เครือข่ายประชาชน', 'กองทุน/สมาคม'],
  /** Common Thai practice, not in the seeds (§2.5). */
  committeePositions: ['ประธาน', 'รองประธาน', 'เลขานุการ', 'เหรัญญิก', 'ผู้ตรวจสอบ', 'กรรมการ'],
  committee: { min: null as number | null, max: null as number | null, exactlyOneChair: true, onePositionPerPerson: false, holderMustBeMember: true },
  /** What must be filled before the leader can send (§4.2's suggested default). */
  requiredSections: ['profile', 'members', 'committee', 'rules', 'bank'] as GroupSection[],
  /** Q4: no minimum in the seeds; a number here blocks sending with fewer members. */
  minMembers: null as number | null,
  /** Q29: members' national ID numbers are not asked for unless the office turns this on. */
  collectMemberIds: false,
  /** Q8: how often a registered group reports its activities (§2.10). */
  reportPeriod: 'quarterly' as 'monthly' | 'quarterly' | 'yearly',
  /** Q8: quarters and years of the Thai fiscal year (ไตรมาส 1 = ต.ค.–ธ.ค.), as offices report; 'calendar' for ม.ค.–มี.ค. first. */
  reportYear: 'fiscal' as 'fiscal' | 'calendar',
  /** Q5 (§2.7); "อื่น ๆ" is always offered on top. */
  fundSources: ['เงินสมทบ/ค่าหุ้น', 'ค่าสมัครสมาชิก', 'เงินออม (สัจจะ)', 'เงินบริจาค', 'เงินสนับสนุนท้องถิ่น', 'เงินหน่วยงานอื่น'],
  banks: ['ธ.ก.ส.', 'ธนาคารออมสิน', 'ธนาคารกรุงไทย', 'ธนาคารกสิกรไทย', 'ธนาคารกรุงเทพ', 'ธนาคารไทยพาณิชย์', 'ธนาคารกรุงศรีอยุธยา', 'ธนาคารทหารไทยธนชาต'],
  /** Q9: said at the bank step; never a claim about what banks require. */
  bankNote: 'ธนาคารบางแห่งอาจขอหนังสือรับรองกลุ่ม สอบถามเจ้าหน้าที่ได้ค่ะ',
  /** Q14: only a committee member may send the group's data. */
  submitterMustBeCommittee: false,
  /** §4.0 reminders: a draft idle this many days, an unanswered ขอเอกสารเพิ่ม this many days. */
  draftIdleReminderDays: 3,
  needsInfoReminderDays: 5,
  /** The day after the forum date (at this hour, Bangkok) the leader is asked how it went. */
  forumReminderHour: '09:00',
  /** A draft nobody touched for this many days is deleted with its photos and files (PDPA). */
  draftRetentionDays: 180,
};

const nullableCount = z.number().int('must be a whole number').min(1).max(10_000).nullable();

const groupSettingsShape = z.strictObject({
    types: uniqueLabels.default(DEFAULT_GROUP_SETTINGS.types),
    committeePositions: uniqueLabels.default(DEFAULT_GROUP_SETTINGS.committeePositions),
    committee: z
      .strictObject({
        min: nullableCount.default(null),
        max: nullableCount.default(null),
        exactlyOneChair: z.boolean().default(true),
        onePositionPerPerson: z.boolean().default(false),
        holderMustBeMember: z.boolean().default(true),
      })
      .refine((c) => c.min === null || c.max === null || c.min <= c.max, { path: ['max'], message: 'must not be less than min' })
      .default(DEFAULT_GROUP_SETTINGS.committee),
    requiredSections: z
      .array(z.enum(GROUP_SECTIONS))
      .refine((list) => new Set(list).size === list.length, 'lists a section twice')
      .default(DEFAULT_GROUP_SETTINGS.requiredSections),
    minMembers: nullableCount.default(null),
    collectMemberIds: z.boolean().default(false),
    reportPeriod: z.enum(['monthly', 'quarterly', 'yearly']).default('quarterly'),
    reportYear: z.enum(['fiscal', 'calendar']).default('fiscal'),
    fundSources: uniqueLabels.default(DEFAULT_GROUP_SETTINGS.fundSources),
    banks: uniqueLabels.default(DEFAULT_GROUP_SETTINGS.banks),
    bankNote: z.string().trim().max(300).default(DEFAULT_GROUP_SETTINGS.bankNote),
    submitterMustBeCommittee: z.boolean().default(false),
    draftIdleReminderDays: z.number().int().min(1).max(90).default(3),
    needsInfoReminderDays: z.number().int().min(1).max(90).default(5),
    forumReminderHour: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time as HH:mm').default('09:00'),
    draftRetentionDays: z.number().int().min(30, 'at least 30 days: leaders fill the data over weeks').max(3650).default(180),
});

/** The profile's `groups` field: optional, every part defaulted. */
export const groupSettingsSchema = groupSettingsShape.default(() => groupSettingsShape.parse({}));

export type GroupSettings = z.output<typeof groupSettingsShape>;
