// A มชช. application (reference groups-and-standards.md §4.3–4.4): the applicant fills it over days
// in the round it was started in, then — by the round's mode (Q1) —
//   relay:        sends it to the office (submitted); staff รับเรื่อง, ขอเอกสารเพิ่ม by slot, ไม่รับ with the
//                 rule, or ส่งต่ออำเภอ (forwarded_to_district) with the round's batch export;
//   prepare_only: the bot prepares the pack (pack_ready, still editable) and says where to hand it in;
//                 the applicant taps "ยื่นที่อำเภอแล้ว" (handed_in).
// From either, staff record what the district and province decide as they hear it, each with its
// day: registered or not (บันทึกผลอำเภอ), then the self-development stages (forward only, any may be
// skipped when staff hear late), then certified or not. Every staff change is pushed to the applicant.
// The data: src/mchch/data.ts; the texts that depend on the round: statusFor.
import { CHECKLIST_SHORT, DEFAULT_CHECKLISTS, DOCUMENT_KEYS, MCHCH_REASONS, MCHCH_SECTION_TITLES, TYPE_TITLES, mchchData, type ChecklistKey, type MchchData } from '../../mchch/data';
import type { OfficeProfile } from '../../office/profile';
import { formatThaiDate } from '../../thai/date-format';
import { fromIso } from '../../thai/calendar';
import { checklistFor, fullYears } from '../../mchch/readiness';
import type { CaseKind, StatusInfo, Transition } from '../kind';

export const MCHCH_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'needs_info',
  'resubmitted',
  'rejected_local',
  'pack_ready',
  'handed_in',
  'forwarded_to_district',
  'district_registered',
  'rejected_district',
  'baseline_self_assessment',
  'plan_agreed',
  'developing',
  'final_self_assessment',
  'assessment_scheduled',
  'certified',
  'not_certified',
  'withdrawn',
] as const;
export type MchchStatus = (typeof MCHCH_STATUSES)[number];

/** The stages after the district registered the applicant, in order (seed 004, lines 279–301). */
export const MCHCH_STAGES = ['district_registered', 'baseline_self_assessment', 'plan_agreed', 'developing', 'final_self_assessment', 'assessment_scheduled'] as const;
/** Statuses before the district has the application: the applicant may still withdraw. */
export const MCHCH_PRE_DISTRICT = ['draft', 'submitted', 'in_review', 'needs_info', 'resubmitted', 'pack_ready'] as const;
/** Statuses in which the application is finished: nothing more happens in this round. */
export const MCHCH_FINAL = ['rejected_local', 'rejected_district', 'certified', 'not_certified', 'withdrawn'] as const;

const ASK_DAY = (what: string) => `${what}วันที่เท่าไรคะ (พิมพ์วัน เดือน ปี เช่น 15 มี.ค. หรือกด "วันนี้")`;

const STAGE_STEPS: Readonly<Record<(typeof MCHCH_STAGES)[number], { label: string; needsDate: string; dateMayBeAhead?: true; needsNote?: string }>> = {
  district_registered: { label: 'อำเภอรับสมัครแล้ว', needsDate: ASK_DAY('อำเภอรับสมัคร') },
  baseline_self_assessment: { label: 'ประเมินตนเองก่อน', needsDate: ASK_DAY('ประเมินตนเองก่อนการพัฒนา') },
  plan_agreed: { label: 'ทำแผนพัฒนาแล้ว', needsDate: ASK_DAY('จัดทำแผนพัฒนาตนเอง') },
  developing: { label: 'เริ่มพัฒนาตนเอง', needsDate: ASK_DAY('เริ่มกิจกรรมพัฒนาตนเอง') },
  final_self_assessment: { label: 'ประเมินตนเองหลัง', needsDate: ASK_DAY('ประเมินตนเองหลังการพัฒนา') },
  assessment_scheduled: {
    label: 'นัดตรวจประเมิน',
    needsDate: ASK_DAY('นัดตรวจประเมิน'),
    dateMayBeAhead: true,
    needsNote: 'พิมพ์สถานที่และเวลาตรวจประเมินได้เลยค่ะ เช่น "ศาลาประชาคมหมู่ 3 เวลา 09.30 น." (ผู้สมัครจะเห็นข้อความนี้)',
  },
};

/** Staff move an application forward through the stages: from each stage to any later one (staff hear late). */
function stageTransitions(): Transition<MchchStatus>[] {
  return MCHCH_STAGES.slice(1).map((to, i) => ({
    from: MCHCH_STAGES.slice(0, i + 1),
    to,
    role: 'officer' as const,
    ...STAGE_STEPS[to],
    notify: ['applicant'] as const,
  }));
}

const REJECT_REASONS = (ids: readonly (keyof typeof MCHCH_REASONS)[]) => [...ids.map((id) => ({ id, label: MCHCH_REASONS[id].label, rule: MCHCH_REASONS[id].rule })), { id: 'other', label: 'เหตุผลอื่น', rule: '' }];

const STATUSES: Readonly<Record<MchchStatus, StatusInfo>> = {
  draft: { label: 'กำลังกรอกใบสมัคร', next: 'กรอกต่อได้ทุกเมื่อก่อนวันปิดรับ ข้อมูลที่กรอกไว้ยังอยู่ครบค่ะ', button: 'กรอกใบสมัครต่อ' },
  submitted: { label: 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ', next: 'เจ้าหน้าที่จะตรวจเอกสารและแจ้งผลทาง LINE นี้ค่ะ' },
  in_review: { label: 'เจ้าหน้าที่รับเรื่องแล้ว', next: 'เจ้าหน้าที่กำลังตรวจเอกสาร แล้วจะส่งต่อสำนักงานพัฒนาชุมชนอำเภอ แจ้งผลทาง LINE นี้ค่ะ' },
  needs_info: { label: 'ขอข้อมูล/เอกสารเพิ่ม', next: 'กดปุ่มด้านล่างเพื่อส่งสิ่งที่เจ้าหน้าที่ขอ แล้วกดส่งอีกครั้งก่อนวันปิดรับนะคะ', button: 'ส่งเอกสารเพิ่ม' },
  resubmitted: { label: 'ส่งข้อมูลเพิ่มแล้ว', next: 'เจ้าหน้าที่จะตรวจอีกครั้งและแจ้งผลทาง LINE นี้ค่ะ' },
  rejected_local: { label: 'ไม่รับเรื่อง', next: 'แก้ไขตามเหตุผลแล้วสมัครใหม่ได้ (ในรอบนี้หากยังไม่ถึงวันปิดรับ หรือรอบถัดไป) สอบถามเจ้าหน้าที่ได้ค่ะ', button: 'ติดต่อเจ้าหน้าที่', buttonEntry: 'contact' },
  pack_ready: { label: 'เอกสารพร้อมยื่นที่อำเภอ', next: 'นำเอกสารไปยื่นที่สำนักงานพัฒนาชุมชนอำเภอ แล้วกด "ยื่นที่อำเภอแล้ว" ค่ะ', button: 'ดูใบสมัคร' },
  handed_in: { label: 'ยื่นที่อำเภอแล้ว', next: 'สำนักงานพัฒนาชุมชนอำเภอจะตรวจหลักฐาน เจ้าหน้าที่จะแจ้งผลทาง LINE นี้เมื่อทราบค่ะ' },
  forwarded_to_district: { label: 'ส่งต่ออำเภอแล้ว', next: 'สำนักงานพัฒนาชุมชนอำเภอจะตรวจหลักฐาน เจ้าหน้าที่จะแจ้งผลทาง LINE นี้เมื่อทราบค่ะ' },
  district_registered: { label: 'อำเภอรับสมัครแล้ว', next: 'ขั้นต่อไป เจ้าหน้าที่พัฒนาชุมชนอำเภอจะชวนประเมินตนเองและทำแผนพัฒนาตนเองค่ะ' },
  rejected_district: { label: 'อำเภอไม่รับสมัคร', next: 'สมัครใหม่ได้ในรอบถัดไป สอบถามเจ้าหน้าที่ได้ค่ะ', button: 'ติดต่อเจ้าหน้าที่', buttonEntry: 'contact' },
  baseline_self_assessment: { label: 'ประเมินตนเองก่อนพัฒนาแล้ว', next: 'ขั้นต่อไป จัดทำแผนพัฒนาตนเองร่วมกับเจ้าหน้าที่พัฒนาชุมชนอำเภอค่ะ' },
  plan_agreed: { label: 'จัดทำแผนพัฒนาตนเองแล้ว', next: 'ขั้นต่อไป ทำกิจกรรมตามแผน และเก็บหลักฐาน (รูปถ่าย บันทึก) ไว้ตลอดค่ะ' },
  developing: { label: 'อยู่ระหว่างพัฒนาตนเอง', next: 'ทำกิจกรรมตามแผนและเก็บหลักฐานไว้ แล้วจะประเมินตนเองอีกครั้งตามเวลาที่กำหนดค่ะ' },
  final_self_assessment: { label: 'ประเมินตนเองหลังพัฒนาแล้ว', next: 'ขั้นต่อไป คณะกรรมการจะนัดตรวจประเมิน เจ้าหน้าที่จะแจ้งวันทาง LINE นี้ค่ะ' },
  assessment_scheduled: { label: 'นัดตรวจประเมินแล้ว', next: 'เตรียมนำเสนอผลการพัฒนาและหลักฐานในวันตรวจประเมินค่ะ' },
  certified: { label: 'ผ่านการรับรองมาตรฐาน', next: 'ยินดีด้วยค่ะ 🎉 จังหวัดจะประกาศผลและมอบประกาศนียบัตรตามที่จังหวัดกำหนดค่ะ' },
  not_certified: { label: 'ยังไม่ผ่านการรับรองในรอบนี้', next: 'สมัครใหม่ได้ในรอบถัดไป สอบถามเจ้าหน้าที่ได้ค่ะ', button: 'ติดต่อเจ้าหน้าที่', buttonEntry: 'contact' },
  withdrawn: { label: 'ยกเลิกโดยผู้สมัคร', next: 'สมัครใหม่ได้ทุกเมื่อที่เปิดรับค่ะ' },
};

/** The sections that apply to a type: its data, then its checklist (documents and lists). */
function sectionsOf(data: MchchData): Record<string, string> {
  const checklist = data.type ? DEFAULT_CHECKLISTS[data.type].map((item) => item.key) : [];
  const keys = ['eligibility', 'applicant', 'form', ...checklist] as const;
  const titles: Record<string, string> = {};
  for (const key of keys) titles[key] = key === 'team' && data.type === 'community' ? 'รายชื่อทีมนำการพัฒนา' : MCHCH_SECTION_TITLES[key];
  return titles;
}

/** Words of a committee role (Q14): the submitter counts as on the committee when their role has one. */
const COMMITTEE_WORDS = ['ประธาน', 'กรรมการ', 'เลขานุการ', 'เลขา', 'เหรัญญิก'] as const;

/** The type's checklist as the office has it (profile mchch.documents, Q15), else the seed's. */
function checklistOf(data: MchchData, office?: OfficeProfile): readonly { key: ChecklistKey; required: boolean }[] {
  if (!data.type) return [];
  return office ? checklistFor(data.type, office.mchch) : DEFAULT_CHECKLISTS[data.type];
}

/**
 * Worth a look before staff decide, never blocking (staff verify against the documents):
 * a leader living in the community under a year as of today (Q24: the answer was checked at
 * submission, the day may have moved); an optional document the applicant said they do not have;
 * a group or network submitted by someone whose role is not on the committee, when the office asks
 * for that (Q14, mchch.submitterMustBeCommittee).
 */
function warningsOf(data: MchchData, office?: OfficeProfile, today?: string): string[] {
  const out: string[] = [];
  const since = data.eligibility?.residentSince;
  const asOf = today ?? data.eligibility?.asOf;
  if (data.type === 'leader' && since && asOf && fullYears(since, asOf) < 1) {
    out.push(`อยู่ในชุมชนตั้งแต่ ${formatThaiDate(fromIso(since))} ยังไม่ครบ 1 ปี (ณ ${formatThaiDate(fromIso(asOf))}) ตรวจทะเบียนบ้านค่ะ`);
  }
  for (const item of checklistOf(data, office)) {
    const section = data[item.key] as { none?: boolean } | undefined;
    if (!item.required && section?.none) out.push(`ผู้สมัครแจ้งว่าไม่มี: ${CHECKLIST_SHORT[item.key]}`);
  }
  if (office?.mchch.submitterMustBeCommittee && (data.type === 'group' || data.type === 'network')) {
    const role = data.applicant?.role?.trim();
    if (!role || !COMMITTEE_WORDS.some((w) => role.includes(w))) out.push(`ผู้ส่งใบสมัคร${role ? ` (${role})` : ''} ไม่ได้เป็นกรรมการ สำนักงานกำหนดให้กรรมการเป็นผู้สมัคร ตรวจกับบันทึกการประชุมค่ะ`);
  }
  return out;
}

/** prepare_only: the applicant takes the pack to the district themself; staff are told for information. */
const PACK_READY_NOTICE = { heading: '📄 ใบสมัครพร้อมยื่นที่อำเภอ (เพื่อทราบ)', line: 'ผู้สมัครเตรียมเอกสารเองและจะนำไปยื่นที่อำเภอ ไม่ต้องตรวจหรือกดปุ่มใดค่ะ' };
const HANDED_IN_NOTICE = { heading: '🏢 ผู้สมัครยื่นที่อำเภอแล้ว (เพื่อทราบ)', line: 'เมื่ออำเภอแจ้งผล บันทึกได้จากปุ่มด้านล่างค่ะ' };

export const mchchKind: CaseKind<MchchStatus, MchchData> = {
  id: 'mchch',
  prefix: 'MCH',
  title: 'สมัคร มชช.',
  initial: 'draft',
  statuses: STATUSES,
  sections: MCHCH_SECTION_TITLES,
  sectionsFor: (data) => sectionsOf(data),
  attachmentsOf: (data) => DOCUMENT_KEYS.flatMap((key) => data[key]?.pages ?? []),
  data: mchchData,
  // pack_ready (prepare_only) is still the applicant's to change until they hand it in.
  editable: { draft: 'all', pack_ready: 'all', needs_info: 'reopened' },
  transitions: [
    // The applicant's: the round's mode decides which send (the conversation picks it).
    { from: 'draft', to: 'submitted', role: 'applicant', issuesReference: true, notify: ['staff'] },
    { from: 'draft', to: 'pack_ready', role: 'applicant', issuesReference: true, notify: ['staff'], staffNotice: PACK_READY_NOTICE },
    { from: 'pack_ready', to: 'handed_in', role: 'applicant', notify: ['staff'], staffNotice: HANDED_IN_NOTICE },
    { from: 'needs_info', to: 'resubmitted', role: 'applicant', notify: ['staff'] },
    { from: 'draft', to: 'withdrawn', role: 'applicant' },
    { from: ['submitted', 'in_review', 'needs_info', 'resubmitted', 'pack_ready'], to: 'withdrawn', role: 'applicant', notify: ['staff'] },
    // Staff's, relay mode.
    { from: ['submitted', 'resubmitted'], to: 'in_review', role: 'officer', label: 'รับเรื่อง', notify: ['applicant'] },
    {
      from: 'in_review',
      to: 'needs_info',
      role: 'officer',
      label: 'ขอเอกสารเพิ่ม',
      reopens: true,
      needsNote: 'พิมพ์สิ่งที่ต้องการให้ผู้สมัครแก้ไขหรือส่งเพิ่มได้เลยค่ะ (ผู้สมัครจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
    {
      from: 'in_review',
      to: 'rejected_local',
      role: 'officer',
      label: 'ไม่รับ',
      reasons: REJECT_REASONS(['residency', 'activities', 'resolution', 'boundary', 'documents', 'late']),
      needsNote: 'พิมพ์คำอธิบายถึงผู้สมัครได้เลยค่ะ (ผู้สมัครจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
    { from: 'in_review', to: 'forwarded_to_district', role: 'officer', label: 'ส่งต่ออำเภอ', needsDate: ASK_DAY('ส่งต่ออำเภอ'), notify: ['applicant'], approves: true },
    // The district's decision (บันทึกผลอำเภอ), from either mode.
    { from: ['forwarded_to_district', 'handed_in'], to: 'district_registered', role: 'officer', ...STAGE_STEPS.district_registered, notify: ['applicant'] },
    {
      from: ['forwarded_to_district', 'handed_in'],
      to: 'rejected_district',
      role: 'officer',
      label: 'อำเภอไม่รับสมัคร',
      needsDate: ASK_DAY('อำเภอแจ้งผล'),
      needsNote: 'พิมพ์เหตุผลที่อำเภอแจ้งได้เลยค่ะ (ผู้สมัครจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
    ...stageTransitions(),
    // The result, whenever staff hear it.
    {
      from: MCHCH_STAGES,
      to: 'certified',
      role: 'officer',
      label: 'ผ่านการรับรอง',
      needsDate: ASK_DAY('จังหวัดประกาศผล'),
      needsNote: 'พิมพ์ชื่อประกาศหรือใบประกาศที่ได้รับ เช่น "ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช." (ผู้สมัครจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
    {
      from: MCHCH_STAGES,
      to: 'not_certified',
      role: 'officer',
      label: 'ไม่ผ่านการรับรอง',
      needsDate: ASK_DAY('จังหวัดแจ้งผล'),
      needsNote: 'พิมพ์คำอธิบายถึงผู้สมัครได้เลยค่ะ (ผู้สมัครจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
  ],
  queue: [['submitted', 'resubmitted'], ['in_review'], ['handed_in', 'forwarded_to_district'], ['needs_info']],
  warnings: warningsOf,
  summary: (data) => {
    const lines: [string, string][] = [];
    if (data.round) lines.push(['รอบ', data.round.label]);
    if (data.type) lines.push(['ประเภท', TYPE_TITLES[data.type]]);
    const who = data.eligibility?.name ?? data.applicant?.name;
    if (who) lines.push(['ผู้สมัคร', who]);
    return lines;
  },
  // The round's district office, by name, where the text says where the application goes.
  statusFor: (status, data) => {
    const info = STATUSES[status];
    const round = data.round;
    if (!round) return info;
    const district = round.district.name;
    const deadline = formatThaiDate(fromIso(round.districtDeadline));
    switch (status) {
      case 'pack_ready':
        return { ...info, next: `นำเอกสารไปยื่นที่${district} ภายในวันที่ ${deadline} แล้วกด "ยื่นที่อำเภอแล้ว" ค่ะ` };
      case 'forwarded_to_district':
        return { ...info, next: `เจ้าหน้าที่ส่งใบสมัครถึง${district}แล้ว เมื่อทราบผลจะแจ้งทาง LINE นี้ค่ะ` };
      case 'handed_in':
        return { ...info, next: `${district}จะตรวจหลักฐาน เจ้าหน้าที่จะแจ้งผลทาง LINE นี้เมื่อทราบค่ะ` };
      default:
        return info;
    }
  },
};
