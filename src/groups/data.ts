// A group's data as the case holds it (reference groups-and-standards.md §2.2–2.9): one object per
// section, filled by the grp_sub conversations in any order over days, and the formation guide's
// progress (§4.1). Dates are ISO "YYYY-MM-DD" (shown in BE), money integer satang, photos and files
// attachment ids (src/attachments/, bound to the case and the slot named in `GROUP_SLOTS`).
// Validation of what people type is in src/thai/ and the flows; this schema guards what is stored.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const name = z.string().trim().min(1).max(100);
const ids = z.array(z.number().int().positive());
const satang = z.number().int().min(0);

/** Document slots of a group case: what each photo or file answers (attachments.slot). */
export const GROUP_SLOTS = {
  forumPhotos: 'group.forum',
  memberRegister: 'group.members.register',
  memberFile: 'group.members.file',
  minutes: 'group.minutes',
  rules: 'group.rules',
  passbook: 'group.bank.passbook',
  report: 'group.report',
} as const;

export const profileSection = z.strictObject({
  name: z.string().trim().min(1).max(120),
  type: z.string().trim().min(1).max(60),
  objectives: z.array(z.string().trim().min(1).max(300)).min(1).max(10),
  activities: z.string().trim().max(500).optional(),
  /** หมู่ที่ and the village or community name. */
  moo: z.number().int().min(1).max(99),
  village: z.string().trim().max(100).optional(),
  subdistrict: z.string().trim().min(1).max(100),
  established: isoDate,
  place: z.string().trim().max(200).optional(),
  location: z.strictObject({ latitude: z.number(), longitude: z.number(), address: z.string().max(200).optional() }).optional(),
  contact: z.strictObject({ name, phone: z.string().regex(/^0\d{8,9}$/) }),
  /** The leader's role in the group (ประธาน / กรรมการ / สมาชิก / ผู้ช่วย). */
  submitterRole: z.string().trim().min(1).max(40),
});

export const member = z.strictObject({
  /** Stable within the group: committee and signatories point at it. */
  id: z.number().int().positive(),
  title: z.string().trim().max(20).optional(),
  firstName: name,
  lastName: name,
  /** Only when the office collects them (Q29): 13 digits, checksum valid; shown masked, never logged. */
  nationalId: z.string().regex(/^\d{13}$/).optional(),
  birthDate: isoDate.optional(),
  houseNo: z.string().trim().max(20).optional(),
  moo: z.number().int().min(1).max(99).optional(),
  phone: z.string().regex(/^0\d{8,9}$/).optional(),
  joined: isoDate.optional(),
  status: z.enum(['active', 'left']).default('active'),
  left: isoDate.optional(),
});
export type Member = z.infer<typeof member>;

export const membersSection = z.strictObject({
  entries: z.array(member).max(2_000).default([]),
  /** Photos of the paper register, for staff to transcribe (§2.4 alternative input). */
  registerPhotos: ids.default([]),
  /** How many members the paper register shows, when only photos were sent. */
  registerCount: z.number().int().min(1).max(10_000).optional(),
  /** The leader confirmed the members agreed to their data being given to the office (PDPA). */
  consentAt: z.number().int(),
  nextId: z.number().int().positive().default(1),
});

export const committeeSection = z.strictObject({
  entries: z.array(z.strictObject({ position: z.string().trim().min(1).max(40), memberId: z.number().int().positive().optional(), name: name.optional() })).min(1),
  method: z.string().trim().max(60).optional(),
  selected: isoDate.optional(),
  termYears: z.number().int().min(1).max(10).optional(),
});

export const rulesSection = z.strictObject({
  pages: ids.min(1),
  status: z.enum(['draft', 'adopted']),
  adopted: isoDate.optional(),
});

export const fundsSection = z.strictObject({
  entries: z.array(z.strictObject({ source: z.string().trim().min(1).max(60), amountSatang: satang, date: isoDate.optional() })).min(1),
});

export const bankSection = z.strictObject({
  bank: z.string().trim().min(1).max(60),
  branch: z.string().trim().max(100).optional(),
  accountName: z.string().trim().min(1).max(150),
  /** Digits only. Shown in chat as its last four digits; never logged. */
  accountNumber: z.string().regex(/^\d{6,20}$/),
  accountType: z.string().trim().max(40).optional(),
  signatories: z.array(z.number().int().positive()).default([]),
  signRule: z.string().trim().max(100).optional(),
  passbook: ids.default([]),
  opened: isoDate.optional(),
});

export const MEETING_TYPES = ['ประชาคม', 'ประชุมสมาชิก', 'ประชุมคณะกรรมการ', 'ประชุมเครือข่าย'] as const;

export const meeting = z.strictObject({
  type: z.enum(MEETING_TYPES),
  date: isoDate,
  place: z.string().trim().max(200).optional(),
  attendees: z.number().int().min(0).max(100_000).optional(),
  totalMembers: z.number().int().min(0).max(100_000).optional(),
  resolutions: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  photos: ids.min(1),
});

export const minutesSection = z.strictObject({ meetings: z.array(meeting).min(1) });

/** The formation guide's progress (grp_form, §4.1): kept in the case, so it outlives the 7-day conversation clean-up. */
export const formationSection = z.strictObject({
  /** Step numbers 1–10 the leader marked done. */
  done: z.array(z.number().int().min(1).max(10)).default([]),
  /** Step 1's optional first idea. */
  idea: z.strictObject({ name: z.string().max(120).optional(), type: z.string().max(60).optional(), purpose: z.string().max(300).optional() }).optional(),
  /** Step 2: the forum plan (date, time, place) and, after it, how it went. */
  forum: z.strictObject({ date: isoDate, time: z.string().regex(/^\d{2}:\d{2}$/).optional(), place: z.string().trim().max(200) }).optional(),
  forumResult: z.strictObject({ attendees: z.number().int().min(1).max(100_000), agreed: z.boolean(), photos: ids.default([]), summary: z.string().max(1000).optional() }).optional(),
  /** The forum did not agree (or the leader paused): nothing is lost, the guide resumes from the overview. */
  parked: z.boolean().default(false),
});

export const groupData = z.strictObject({
  consent: z.strictObject({ at: z.number().int() }).optional(),
  formation: formationSection.optional(),
  profile: profileSection.optional(),
  members: membersSection.optional(),
  committee: committeeSection.optional(),
  rules: rulesSection.optional(),
  funds: fundsSection.optional(),
  bank: bankSection.optional(),
  minutes: minutesSection.optional(),
});
export type GroupData = z.infer<typeof groupData>;

/** The Thai names of the sections (hub buttons, what ขอเอกสารเพิ่ม can reopen). */
export const SECTION_TITLES = {
  profile: 'ข้อมูลกลุ่ม',
  members: 'สมาชิก',
  committee: 'คณะกรรมการ',
  rules: 'ระเบียบข้อตกลง',
  funds: 'เงินทุน',
  bank: 'บัญชีธนาคาร',
  minutes: 'บันทึกการประชุม',
} as const;
