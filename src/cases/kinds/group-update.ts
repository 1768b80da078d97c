// A change to a registered group (reference §4.2: update_submitted → registered): a member joins, a
// member leaves, or the committee is replaced. The leader sends it from grp_update; staff approve it
// (the change is written into the group's case in the same transaction, src/groups/actions.ts) or
// refuse it with a reason. A member who leaves keeps their row with status 'left' and the date.
import { z } from 'zod';
import { applyUpdate } from '../../groups/actions';
import { member, committeeSection } from '../../groups/data';
import type { CaseKind } from '../kind';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const groupUpdateData = z.discriminatedUnion('change', [
  z.strictObject({
    change: z.literal('member_join'),
    groupCaseId: z.number().int().positive(),
    groupName: z.string().max(120).optional(),
    /** The new member without an id: the group's `nextId` gives it one when approved. */
    member: member.omit({ id: true, status: true, left: true }),
  }),
  z.strictObject({
    change: z.literal('member_leave'),
    groupCaseId: z.number().int().positive(),
    groupName: z.string().max(120).optional(),
    memberId: z.number().int().positive(),
    /** The member's name as the leader picked it (staff read it on the notice). */
    memberName: z.string().max(210),
    left: isoDate,
  }),
  z.strictObject({
    change: z.literal('committee'),
    groupCaseId: z.number().int().positive(),
    groupName: z.string().max(120).optional(),
    committee: committeeSection,
  }),
]);
export type GroupUpdateData = z.infer<typeof groupUpdateData>;

export const UPDATE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const CHANGE_TITLES: Record<GroupUpdateData['change'], string> = {
  member_join: 'สมาชิกเข้าใหม่',
  member_leave: 'สมาชิกลาออก',
  committee: 'เปลี่ยนกรรมการ',
};

export const groupUpdateKind: CaseKind<UpdateStatus, GroupUpdateData> = {
  id: 'group_update',
  prefix: 'UPD',
  title: 'แจ้งเปลี่ยนแปลงข้อมูลกลุ่ม',
  initial: 'draft',
  statuses: {
    draft: { label: 'กำลังกรอกข้อมูล', next: 'กรอกต่อได้ทุกเมื่อค่ะ' },
    submitted: { label: 'ส่งแล้ว รอเจ้าหน้าที่', next: 'เจ้าหน้าที่จะตรวจและแจ้งผลทาง LINE นี้ค่ะ' },
    approved: { label: 'อนุมัติแล้ว', next: 'ทะเบียนกลุ่มปรับตามที่แจ้งแล้วค่ะ 🙏' },
    rejected: { label: 'ไม่อนุมัติ', next: 'สอบถามเจ้าหน้าที่ได้ค่ะ (พิมพ์ "ช่วยเหลือ")' },
    withdrawn: { label: 'ยกเลิกโดยผู้แจ้ง', next: 'แจ้งใหม่ได้ทุกเมื่อค่ะ' },
  },
  sections: { change: 'รายการที่แจ้ง' },
  data: groupUpdateData,
  editable: { draft: 'all' },
  transitions: [
    { from: 'draft', to: 'submitted', role: 'applicant', issuesReference: true, notify: ['staff'] },
    { from: 'draft', to: 'withdrawn', role: 'applicant' },
    { from: 'submitted', to: 'withdrawn', role: 'applicant', notify: ['staff'] },
    { from: 'submitted', to: 'approved', role: 'officer', label: 'อนุมัติการเปลี่ยนแปลง', notify: ['applicant'], approves: true },
    { from: 'submitted', to: 'rejected', role: 'officer', label: 'ไม่อนุมัติ', needsNote: 'พิมพ์เหตุผลที่ไม่อนุมัติได้เลยค่ะ (ผู้แจ้งจะเห็นข้อความนี้)', notify: ['applicant'] },
  ],
  summary: (data) => {
    const lines: [string, string][] = data.groupName ? [['กลุ่ม', data.groupName]] : [];
    lines.push(['รายการ', CHANGE_TITLES[data.change]]);
    if (data.change === 'member_join') lines.push(['ชื่อ', `${data.member.title ?? ''}${data.member.firstName} ${data.member.lastName}`]);
    if (data.change === 'member_leave') lines.push(['ชื่อ', data.memberName]);
    if (data.change === 'committee') lines.push(['กรรมการ', `${data.committee.entries.length} ตำแหน่ง`]);
    return lines;
  },
  onTransition: (tx, office, c, to, actor, now) => (to === 'approved' ? applyUpdate(tx, office, c, actor, now) : Promise.resolve(true)),
};
