// A มชช. application as the case holds it (reference groups-and-standards.md §3.3–3.5, §3.13, §4.3):
// the round it belongs to (fixed when the draft is made: every answer names it), the target type,
// the qualification answers, the applicant's contact, the team and advisers lists, the
// application-form fields the office configures, and one section per document slot (photos or a
// PDF, bound to the case as attachments with slot `mchch.<key>`, or "ไม่มีเอกสารนี้" for an optional
// one). Dates are ISO 'YYYY-MM-DD' (shown in BE). Each document is its own top-level section, so
// staff's ขอเอกสารเพิ่ม reopens exactly the slots they name.
import { z } from 'zod';
import { MEETING_TYPES } from '../groups/data';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const line = z.string().trim().min(1).max(200);
const ids = z.array(z.number().int().positive());

/** The four target types (seed 004, lines 206–211), in the seed's order. */
export const MCHCH_TYPES = ['leader', 'group', 'network', 'community'] as const;
export type MchchType = (typeof MCHCH_TYPES)[number];

/** The seed's names, verbatim; also the quick-reply labels (≤20 characters, §3.3). */
export const TYPE_TITLES: Readonly<Record<MchchType, string>> = {
  leader: 'ผู้นำชุมชน',
  group: 'กลุ่ม/องค์กรชุมชน',
  network: 'เครือข่ายองค์กรชุมชน',
  community: 'ชุมชน',
};

/** «ประโยชน์ที่กลุ่มเป้าหมายได้รับ», verbatim (seed 004, lines 215–218). */
export const TYPE_BENEFITS: Readonly<Record<MchchType, string>> = {
  leader: 'รู้จักตนเอง สามารถพัฒนาตนเองอย่างมีทิศทางและต่อเนื่อง',
  group: 'เกิดการแลกเปลี่ยนเรียนรู้ภายในกลุ่ม รู้จักตนเอง สามารถพัฒนาตนเอง และ สมาชิก อย่างมีทิศทางและต่อเนื่อง',
  network: 'เกิดการแลกเปลี่ยนเรียนรู้ และ ประสานการทำงานภายในเครือข่าย รู้จักตนเอง สามารถพัฒนาตนเองอย่างมีทิศทางและต่อเนื่อง',
  community:
    'เกิดกระบวนการแลกเปลี่ยนเรียนรู้ในการพัฒนาชุมชนอย่างมีทิศทาง มีช่องทางสะท้อนปัญหา ความต้องการ ของคนในชุมชน สามารถบริหารจัดการชุมชนโดยใช้ทุนทางสังคมของชุมชนและ ประสานการสนับสนุนจากภาคีการพัฒนาอย่างเหมาะสม นำไปสู่ความเข้มแข็ง พึ่งตนเองได้',
};

/** «คุณสมบัติของกลุ่มเป้าหมาย», verbatim (seed 004, lines 222–225). */
export const TYPE_QUALIFICATIONS: Readonly<Record<MchchType, string>> = {
  leader: 'มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า ๑ ปี มีผลงานกิจกรรมร่วมกับชุมชนอย่างต่อเนื่องเป็นที่ยอมรับนับถือของคนในชุมชน มีตำแหน่งเป็นทางการหรือไม่เป็นทางการ',
  group: 'มีมติของสมาชิกกลุ่ม / องค์กรชุมชน ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน',
  network: 'มีมติของสมาชิกเครือข่าย ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน',
  community: 'มีอาณาเขตพื้นที่แน่นอน มีมติประชาคมในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน',
};

/**
 * Why an application does not qualify (yet), each with the seed's rule in plain Thai and how to fix
 * it: the not-yet answer in the conversation, and the reasons staff pick from for ไม่รับ.
 */
export const MCHCH_REASONS = {
  residency: {
    label: 'อยู่ชุมชนไม่ถึง 1 ปี',
    rule: 'ผู้นำชุมชนต้องมีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า 1 ปี',
    fix: 'สมัครได้ในรอบถัดไป เมื่ออยู่ในชุมชนครบ 1 ปีแล้วค่ะ',
  },
  activities: {
    label: 'ไม่มีผลงานกับชุมชน',
    rule: 'ผู้นำชุมชนต้องมีผลงานกิจกรรมร่วมกับชุมชนอย่างต่อเนื่อง',
    fix: 'ร่วมกิจกรรมกับชุมชนและเก็บหลักฐาน (รูปถ่าย หนังสือเชิญ) ไว้ แล้วสมัครในรอบถัดไปค่ะ',
  },
  resolution: {
    label: 'ยังไม่มีมติให้สมัคร',
    rule: 'ต้องมีมติของที่ประชุมสมาชิก (ชุมชน: มติประชาคม) ให้สมัครเข้าสู่ระบบมาตรฐานงานชุมชน',
    fix: 'นัดประชุมสมาชิก (ชุมชน: จัดประชาคม) ลงมติให้สมัคร และจดบันทึกการประชุมไว้ แล้วกลับมาสมัครต่อได้เลยค่ะ',
  },
  boundary: {
    label: 'เขตพื้นที่ไม่แน่นอน',
    rule: 'ชุมชนต้องมีอาณาเขตพื้นที่แน่นอน',
    fix: 'กำหนดเขตชุมชนให้ชัด (หมู่ที่ หรือชื่อชุมชน และแนวเขต) ร่วมกับเจ้าหน้าที่ แล้วกลับมาสมัครต่อได้ค่ะ',
  },
  documents: {
    label: 'เอกสารไม่ครบ',
    rule: 'ต้องมีเอกสารประกอบการสมัครครบตามประเภทผู้สมัคร',
    fix: 'เตรียมเอกสารให้ครบ แล้วสมัครใหม่ในรอบถัดไปค่ะ',
  },
  late: {
    label: 'ยื่นหลังวันปิดรับ',
    rule: 'ใบสมัครต้องถึงสำนักงานภายในวันปิดรับของรอบ',
    fix: 'สมัครได้ในรอบถัดไป กด "แจ้งเตือนรอบหน้า" เพื่อให้แจ้งเมื่อเปิดรับค่ะ',
  },
} as const;
export type MchchReason = keyof typeof MCHCH_REASONS;

/**
 * Document sections (each its own top-level key, attachments slot `mchch.<key>`), and the two lists.
 * Titles are the seed's, verbatim where the seed has them.
 */
export const DOCUMENT_KEYS = ['applicationForm', 'photo', 'houseRegistration', 'idCard', 'resolutionMinutes'] as const;
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];
export const LIST_KEYS = ['team', 'advisers'] as const;
export type ListKey = (typeof LIST_KEYS)[number];
export type ChecklistKey = DocumentKey | ListKey;

/** The attachment slot a document's photos and files are bound to. */
export function documentSlot(key: DocumentKey): string {
  return `mchch.${key}`;
}

export interface ChecklistItem {
  key: ChecklistKey;
  /** The seed's number («๑.๑»), or null where the seed prints none (the community's ใบสมัคร, Q15). */
  seedNo: string | null;
  /** What the applicant and staff read, verbatim from the seed where it has it. */
  title: string;
  required: boolean;
  /** Not printed in the seed: decided here (Q15), shown to staff as such. */
  inferred?: true;
}

const ADVISERS = 'รายชื่อคณะที่ปรึกษา (หากมี) เป็นบุคคลภายในหรือภายนอกชุมชนก็ได้';

/**
 * «เอกสารประกอบการสมัคร» per type (seed 004, lines 227–256), the default checklist. The community's
 * items are printed under the network heading as ๓.๔–๓.๕ and it has no printed ใบสมัคร (Q15): they
 * are mapped to the community here, with its ใบสมัคร INFERRED. An office may replace a list
 * (profile `mchch.documents`).
 */
export const DEFAULT_CHECKLISTS: Readonly<Record<MchchType, readonly ChecklistItem[]>> = {
  leader: [
    { key: 'applicationForm', seedNo: '๑.๑', title: 'ใบสมัคร', required: true },
    { key: 'photo', seedNo: '๑.๒', title: 'รูปถ่าย ๑ รูป', required: true },
    { key: 'houseRegistration', seedNo: '๑.๓', title: 'สำเนาทะเบียนบ้าน', required: true },
    { key: 'idCard', seedNo: '๑.๔', title: 'สำเนาบัตรประชาชน', required: true },
    { key: 'advisers', seedNo: null, title: ADVISERS, required: false },
  ],
  group: [
    { key: 'applicationForm', seedNo: '๒.๑', title: 'ใบสมัคร', required: true },
    { key: 'resolutionMinutes', seedNo: '๒.๒', title: 'บันทึกการประชุมกลุ่ม/องค์กรชุมชนที่มีมติของสมาชิกในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน', required: true },
    { key: 'team', seedNo: '๒.๓', title: 'รายชื่อทีมพัฒนา ซึ่งคัดเลือก/สรรหาจากบุคคลที่มีความรู้ความสามารถ ในกิจกรรมการพัฒนา จำนวนตามความเหมาะสม', required: true },
    { key: 'advisers', seedNo: null, title: ADVISERS, required: false },
  ],
  network: [
    { key: 'applicationForm', seedNo: '๓.๑', title: 'ใบสมัคร', required: true },
    { key: 'resolutionMinutes', seedNo: '๓.๒', title: 'บันทึกการประชุมเครือข่ายที่มีมติของสมาชิกเครือข่าย ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน', required: true },
    { key: 'team', seedNo: '๓.๓', title: 'รายชื่อทีมพัฒนา ซึ่งคัดเลือก/สรรหาจากบุคคลที่มีความรู้ความสามารถ ในกิจกรรมการพัฒนา จำนวนตามความเหมาะสม', required: true },
    { key: 'advisers', seedNo: null, title: ADVISERS, required: false },
  ],
  community: [
    { key: 'applicationForm', seedNo: null, title: 'ใบสมัคร', required: true, inferred: true },
    { key: 'resolutionMinutes', seedNo: '๓.๔', title: 'บันทึกประชาคมชุมชน ที่มีมติของสมาชิกชุมชน ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน', required: true },
    { key: 'team', seedNo: '๓.๕', title: 'รายชื่อทีมนำการพัฒนา ซึ่งคัดเลือก/สรรหาจากบุคคลที่มีความรู้ ความสามารถ ในกิจกรรมการพัฒนา จำนวนตามความเหมาะสม', required: true },
    { key: 'advisers', seedNo: null, title: ADVISERS, required: false },
  ],
};

/** Short names of the checklist items for buttons and lists (≤20 characters). */
export const CHECKLIST_SHORT: Readonly<Record<ChecklistKey, string>> = {
  applicationForm: 'ใบสมัคร',
  photo: 'รูปถ่าย 1 รูป',
  houseRegistration: 'สำเนาทะเบียนบ้าน',
  idCard: 'สำเนาบัตรประชาชน',
  resolutionMinutes: 'บันทึกการประชุม/มติ',
  team: 'รายชื่อทีมพัฒนา',
  advisers: 'คณะที่ปรึกษา',
};

/** A document: its pages (photos in order, or one PDF), or "ไม่มีเอกสารนี้" for an optional one. */
export const documentSection = z.strictObject({
  pages: ids.default([]),
  /** The applicant said they have none (only offered for an optional item). */
  none: z.boolean().default(false),
});
export type DocumentSection = z.infer<typeof documentSection>;

const person = z.strictObject({ name: z.string().trim().min(1).max(150), role: z.string().trim().max(100).optional() });

export const eligibilitySection = z.strictObject({
  /** Leader (L1): lived in the community since; ≥ 1 year as of `asOf` (Q24: the day it was checked, again at submission). */
  residentSince: isoDate.optional(),
  /** Leader (L2): activities with the community, each with its year (CE) when given. */
  activities: z.array(z.strictObject({ text: line, year: z.number().int().min(1900).max(2200).optional() })).max(20).optional(),
  /** Leader (L4): the position held, formal or informal (for information). */
  position: z.strictObject({ formal: z.boolean(), title: z.string().trim().min(1).max(100) }).optional(),
  /** Group: the registered group it is (a `group` case of this applicant, Q33), when picked from the list. */
  groupCaseId: z.number().int().positive().optional(),
  /** Group, network or community: its name. */
  name: z.string().trim().min(1).max(150).optional(),
  /** Network (Q19, optional): its member organisations. */
  memberOrgs: z.array(z.string().trim().min(1).max(150)).max(100).optional(),
  /** Community (C1): where it is, and whether its boundary is definite. */
  area: z.strictObject({ moo: z.number().int().min(1).max(99).optional(), description: z.string().trim().min(1).max(300) }).optional(),
  definiteBoundary: z.boolean().optional(),
  /** Group, network (G1, N1), community (C2, type ประชาคม): the resolution to apply. */
  resolution: z.strictObject({ held: z.boolean(), date: isoDate.optional(), meeting: z.enum(MEETING_TYPES).optional() }).optional(),
  /** The day the answers above were checked (the residency computation's as-of day). */
  asOf: isoDate.optional(),
});
export type Eligibility = z.infer<typeof eligibilitySection>;

export const mchchData = z.strictObject({
  /**
   * The round the application belongs to, as the profile had it when the draft was made (what the
   * messages name without the profile; the profile's round with this id is the one that counts for dates).
   */
  round: z
    .strictObject({
      id: z.string().min(1),
      label: z.string().min(1),
      mode: z.enum(['prepare_only', 'relay']),
      localCutoff: isoDate,
      districtDeadline: isoDate,
      district: z.strictObject({ name: z.string().min(1), phone: z.string().optional(), address: z.string().optional() }),
    })
    .optional(),
  type: z.enum(MCHCH_TYPES).optional(),
  /** The applicant agreed to their data going to the office and the district office (PDPA). */
  consent: z.strictObject({ at: z.number().int() }).optional(),
  eligibility: eligibilitySection.optional(),
  /** Who applies: the leader themself, or the contact of the group, network or community, and their role in it (Q14). */
  applicant: z
    .strictObject({
      name: z.string().trim().min(1).max(150),
      phone: z.string().regex(/^0\d{8,9}$/),
      address: z.string().trim().max(300).optional(),
      role: z.string().trim().max(100).optional(),
    })
    .optional(),
  /** ทีมพัฒนา (group, network) or ทีมนำการพัฒนา (community): names with a skill or role. */
  team: z.strictObject({ entries: z.array(person).max(100) }).optional(),
  /** คณะที่ปรึกษา (optional): names, inside or outside the community; `none` when the applicant has none. */
  advisers: z.strictObject({ entries: z.array(z.strictObject({ name: z.string().trim().min(1).max(150), inside: z.boolean() })).max(50), none: z.boolean().default(false) }).optional(),
  /** The application form's fields the office configures (profile `mchch.form.fields`), by field id. */
  form: z.record(z.string(), z.string().max(1000)).optional(),
  applicationForm: documentSection.optional(),
  photo: documentSection.optional(),
  houseRegistration: documentSection.optional(),
  idCard: documentSection.optional(),
  resolutionMinutes: documentSection.optional(),
});
export type MchchData = z.infer<typeof mchchData>;

/** What staff can reopen (ขอเอกสารเพิ่ม), with Thai names: the data sections and every document. */
export const MCHCH_SECTION_TITLES = {
  eligibility: 'คุณสมบัติ',
  applicant: 'ข้อมูลผู้สมัคร',
  form: 'ข้อมูลใบสมัคร',
  team: 'รายชื่อทีมพัฒนา',
  advisers: 'คณะที่ปรึกษา',
  applicationForm: 'ใบสมัคร',
  photo: 'รูปถ่าย 1 รูป',
  houseRegistration: 'สำเนาทะเบียนบ้าน',
  idCard: 'สำเนาบัตรประชาชน',
  resolutionMinutes: 'บันทึกการประชุม/มติ',
} as const;
export type MchchSection = keyof typeof MCHCH_SECTION_TITLES;
