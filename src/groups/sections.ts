// Which sections of a group's data are filled (✓ / ✗ on the hub), and what still stops the leader
// from sending: the office's required sections, its minimum members, one ประธาน. Problems block
// sending; warnings are shown (to the leader on the review card, to staff on the notice) and never
// block — the reference's rule for everything the seeds leave open (Q4, Q34).
import type { GroupSettings } from '../office/group-settings';
import { GROUP_SECTIONS, type GroupSection } from '../office/group-settings';
import { SECTION_TITLES, type GroupData } from './data';

export { GROUP_SECTIONS, SECTION_TITLES, type GroupSection };

/** A section counts as filled once its conversation saved it (members: a list or a photo of the register). */
export function isFilled(data: GroupData, section: GroupSection): boolean {
  if (section === 'members') return (data.members?.entries.length ?? 0) > 0 || (data.members?.registerPhotos.length ?? 0) > 0;
  return data[section] !== undefined;
}

/** Active members on the list, or the count the leader gave for a photographed register. */
export function memberCount(data: GroupData): number {
  const listed = data.members?.entries.filter((m) => m.status === 'active').length ?? 0;
  return Math.max(listed, data.members?.registerCount ?? 0);
}

export interface Readiness {
  /** Required sections not filled yet, in hub order. */
  missing: GroupSection[];
  /** Other reasons sending is not possible yet (Thai, one sentence each). */
  problems: string[];
  /** Worth a look, never blocking. */
  warnings: string[];
}

export function readiness(data: GroupData, settings: GroupSettings): Readiness {
  const missing = GROUP_SECTIONS.filter((s) => settings.requiredSections.includes(s) && !isFilled(data, s));
  const problems: string[] = [];
  const warnings: string[] = [];
  const count = memberCount(data);
  if (settings.minMembers !== null && isFilled(data, 'members') && count < settings.minMembers) {
    problems.push(`สำนักงานกำหนดสมาชิกอย่างน้อย ${settings.minMembers} คน ตอนนี้มี ${count} คนค่ะ`);
  }
  const committee = data.committee?.entries ?? [];
  if (data.committee) {
    const chairs = committee.filter((e) => e.position === 'ประธาน').length;
    if (settings.committee.exactlyOneChair && chairs !== 1) problems.push(chairs === 0 ? 'คณะกรรมการยังไม่มีประธานค่ะ' : `คณะกรรมการมีประธาน ${chairs} คน ควรมีคนเดียวค่ะ`);
    const { min, max } = settings.committee;
    if (min !== null && committee.length < min) problems.push(`สำนักงานกำหนดกรรมการอย่างน้อย ${min} คนค่ะ`);
    if (max !== null && committee.length > max) problems.push(`สำนักงานกำหนดกรรมการไม่เกิน ${max} คนค่ะ`);
    const holders = committee.map((e) => e.memberId).filter((id): id is number => id !== undefined);
    if (new Set(holders).size < holders.length) warnings.push('มีกรรมการบางคนดำรงหลายตำแหน่งค่ะ');
  }
  if (settings.submitterMustBeCommittee && data.profile && !['ประธาน', 'กรรมการ'].includes(data.profile.submitterRole)) {
    problems.push('สำนักงานกำหนดให้กรรมการกลุ่มเป็นผู้ส่งข้อมูลค่ะ');
  }
  if (data.bank && data.profile && !data.bank.accountName.includes(data.profile.name)) warnings.push('ชื่อบัญชีไม่มีชื่อกลุ่มอยู่ด้วย ลองตรวจอีกครั้งนะคะ');
  return { missing, problems, warnings };
}

export function canSubmit(r: Readiness): boolean {
  return r.missing.length === 0 && r.problems.length === 0;
}
