// A registered group's activity report for one period (reference §2.10, §4.2: registered → report_due
// → report_submitted → report_reviewed): the leader sends it from grp_report, staff รับทราบรายงาน or
// ask for more (the whole report reopens). `staffEvaluation` is staff-only: no applicant message shows
// the data (src/cases/messages.ts shows status and note only) and the staff summary leaves it out.
import { z } from 'zod';
import type { CaseKind } from '../kind';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const satang = z.number().int().min(0);

export const reportActivity = z.strictObject({
  date: isoDate,
  description: z.string().trim().min(1).max(500),
  participants: z.number().int().min(0).max(100_000).optional(),
  photos: z.array(z.number().int().positive()).max(20).default([]),
});
export type ReportActivity = z.infer<typeof reportActivity>;

export const groupReportData = z.strictObject({
  groupCaseId: z.number().int().positive(),
  /** The group's name when the report was made (for staff notices and lists). */
  groupName: z.string().max(120).optional(),
  period: z.strictObject({ key: z.string().min(1).max(20), from: isoDate, to: isoDate, label: z.string().max(40) }),
  activities: z.array(reportActivity).max(30).default([]),
  incomeSatang: satang.optional(),
  expensesSatang: satang.optional(),
  balanceSatang: satang.optional(),
  memberChanges: z.string().trim().max(1000).optional(),
  problems: z.string().trim().max(1000).optional(),
  /** Staff only: never in anything the leader reads. */
  staffEvaluation: z.string().trim().max(2000).optional(),
});
export type GroupReportData = z.infer<typeof groupReportData>;

export const REPORT_STATUSES = ['draft', 'submitted', 'needs_info', 'resubmitted', 'reviewed', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const groupReportKind: CaseKind<ReportStatus, GroupReportData> = {
  id: 'group_report',
  prefix: 'RPT',
  title: 'รายงานกิจกรรมกลุ่ม',
  initial: 'draft',
  statuses: {
    draft: { label: 'กำลังกรอกรายงาน', next: 'กรอกต่อได้ทุกเมื่อค่ะ (พิมพ์ "ส่งรายงานกลุ่ม")', button: 'กรอกรายงานต่อ' },
    submitted: { label: 'ส่งรายงานแล้ว รอเจ้าหน้าที่', next: 'เจ้าหน้าที่จะอ่านรายงานและแจ้งทาง LINE นี้ค่ะ' },
    needs_info: { label: 'ขอข้อมูลเพิ่ม', next: 'พิมพ์ "ส่งรายงานกลุ่ม" เพื่อแก้ไขรายงานแล้วส่งอีกครั้งนะคะ' },
    resubmitted: { label: 'ส่งข้อมูลเพิ่มแล้ว', next: 'เจ้าหน้าที่จะอ่านอีกครั้งและแจ้งทาง LINE นี้ค่ะ' },
    reviewed: { label: 'เจ้าหน้าที่รับทราบรายงานแล้ว', next: 'ขอบคุณที่ส่งรายงานค่ะ 🙏' },
    withdrawn: { label: 'ยกเลิกรายงาน', next: 'ส่งใหม่ได้ทุกเมื่อค่ะ' },
  },
  sections: { report: 'รายงานกิจกรรม' },
  data: groupReportData,
  editable: { draft: 'all', needs_info: 'all' },
  transitions: [
    { from: 'draft', to: 'submitted', role: 'applicant', issuesReference: true, notify: ['staff'] },
    { from: 'needs_info', to: 'resubmitted', role: 'applicant', notify: ['staff'] },
    { from: 'draft', to: 'withdrawn', role: 'applicant' },
    { from: ['submitted', 'resubmitted'], to: 'reviewed', role: 'officer', label: 'รับทราบรายงาน', notify: ['applicant'] },
    {
      from: ['submitted', 'resubmitted'],
      to: 'needs_info',
      role: 'officer',
      label: 'ขอข้อมูลเพิ่ม',
      needsNote: 'พิมพ์สิ่งที่ต้องการให้กลุ่มเพิ่มเติมในรายงานได้เลยค่ะ (ผู้ส่งจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
  ],
  summary: (data) => [
    ...(data.groupName ? ([['กลุ่ม', data.groupName]] as [string, string][]) : []),
    ['งวด', data.period.label],
    ['กิจกรรม', `${data.activities.length} รายการ`],
  ],
};
