// Group registration (ขึ้นทะเบียนกลุ่ม), reference §4.0 and §4.2: the leader fills the sections over
// days, submits, staff accept it for review, ask for more (only the named sections reopen), register
// or reject it; the leader may withdraw before a decision. Forwarding to another agency is offered to
// staff (with which agency as the note) but is not a button on the LINE notice. The data: src/groups/data.ts.
// Not here yet (issue 10 point 6): updates and activity reports of a registered group.
import { groupData, SECTION_TITLES, type GroupData } from '../../groups/data';
import { readiness } from '../../groups/sections';
import { groupSettingsSchema } from '../../office/group-settings';
import { groupSummaryLines } from '../../groups/summary';
import type { CaseKind } from '../kind';

export const GROUP_STATUSES = ['draft', 'submitted', 'in_review', 'needs_info', 'resubmitted', 'registered', 'rejected', 'forwarded', 'withdrawn'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export type { GroupData };

export const groupKind: CaseKind<GroupStatus, GroupData> = {
  id: 'group',
  prefix: 'GRP',
  title: 'ขึ้นทะเบียนกลุ่ม',
  initial: 'draft',
  statuses: {
    draft: { label: 'กำลังกรอกข้อมูล', next: 'กรอกต่อได้ทุกเมื่อ ข้อมูลที่กรอกไว้ยังอยู่ครบค่ะ', button: 'กรอกข้อมูลต่อ' },
    submitted: { label: 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ', next: 'เจ้าหน้าที่จะตรวจและแจ้งผลทาง LINE นี้ค่ะ' },
    in_review: { label: 'เจ้าหน้าที่รับเรื่องแล้ว', next: 'เจ้าหน้าที่กำลังตรวจข้อมูล จะแจ้งผลทาง LINE นี้ค่ะ' },
    needs_info: { label: 'ขอข้อมูล/เอกสารเพิ่ม', next: 'กดปุ่มด้านล่างเพื่อแก้ไขส่วนที่เจ้าหน้าที่ขอ แล้วกดส่งอีกครั้งนะคะ', button: 'แก้ไขข้อมูล' },
    resubmitted: { label: 'ส่งข้อมูลเพิ่มแล้ว', next: 'เจ้าหน้าที่จะตรวจอีกครั้งและแจ้งผลทาง LINE นี้ค่ะ' },
    registered: { label: 'ขึ้นทะเบียนกลุ่มแล้ว', next: 'ยินดีด้วยค่ะ 🎉 เจ้าหน้าที่จะติดตามและสนับสนุนกลุ่มต่อไป', button: 'ดูข้อมูลกลุ่ม' },
    rejected: { label: 'ไม่รับเรื่อง', next: 'สอบถามหรือยื่นใหม่ได้ โทรหาเจ้าหน้าที่ได้เลยค่ะ (พิมพ์ "ช่วยเหลือ")', button: 'ติดต่อเจ้าหน้าที่', buttonEntry: 'contact' },
    forwarded: { label: 'ส่งต่อหน่วยงานอื่นแล้ว', next: 'หน่วยงานที่รับเรื่องต่อจะติดต่อกลับ สอบถามเจ้าหน้าที่ได้ค่ะ (พิมพ์ "ช่วยเหลือ")' },
    withdrawn: { label: 'ยกเลิกโดยผู้ยื่น', next: 'หากต้องการยื่นใหม่ เริ่มได้ทุกเมื่อค่ะ' },
  },
  sections: SECTION_TITLES,
  data: groupData,
  editable: { draft: 'all', needs_info: 'reopened' },
  transitions: [
    { from: 'draft', to: 'submitted', role: 'applicant', issuesReference: true, notify: ['staff'] },
    { from: 'needs_info', to: 'resubmitted', role: 'applicant', notify: ['staff'] },
    { from: 'draft', to: 'withdrawn', role: 'applicant' },
    { from: ['submitted', 'needs_info'], to: 'withdrawn', role: 'applicant', notify: ['staff'] },
    { from: ['submitted', 'resubmitted'], to: 'in_review', role: 'officer', label: 'รับเรื่อง', notify: ['applicant'] },
    {
      from: 'in_review',
      to: 'needs_info',
      role: 'officer',
      label: 'ขอเอกสารเพิ่ม',
      reopens: true,
      needsNote: 'พิมพ์สิ่งที่ต้องการให้ผู้ยื่นแก้ไขหรือส่งเพิ่มได้เลยค่ะ (ผู้ยื่นจะเห็นข้อความนี้)',
      notify: ['applicant'],
    },
    { from: 'in_review', to: 'registered', role: 'officer', label: 'รับขึ้นทะเบียน', notify: ['applicant'], approves: true },
    { from: 'in_review', to: 'rejected', role: 'officer', label: 'ไม่รับ', needsNote: 'พิมพ์เหตุผลที่ไม่รับเรื่องได้เลยค่ะ (ผู้ยื่นจะเห็นข้อความนี้)', notify: ['applicant'] },
    { from: 'in_review', to: 'forwarded', role: 'officer', needsNote: 'พิมพ์ชื่อหน่วยงานที่ส่งต่อได้เลยค่ะ (ผู้ยื่นจะเห็นข้อความนี้)', notify: ['applicant'] },
  ],
  // Staff's queue: new and resubmitted first, then those under review, then those waiting for the leader.
  queue: [['submitted', 'resubmitted'], ['in_review'], ['needs_info']],
  // What readiness finds worth a look (never blocking: Q4, Q34), with the office's settings when known.
  warnings: (data, office) => readiness(data, office?.groups ?? groupSettingsSchema.parse(undefined)).warnings,
  summary: groupSummaryLines,
};
