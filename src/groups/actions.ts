// Changes to a registered group's record that staff approve (an update case, src/cases/kinds/
// group-update.ts): the group's data is not the leader's to edit once registered, so this is not
// saveData. One guarded write (the group still registered, at the version read) and a history row on
// the group's case naming the officer and the update's reference; nothing about the person in it.
import type { CaseRow } from '../db/schema';
import type { Sql } from '../db/sql';
import { appendHistory, changeData, findCaseForUpdate } from '../cases/store';
import type { Role } from '../cases/kind';
import { bangkokToday, toIso } from '../thai/calendar';
import { groupData, type GroupData, type Member } from './data';
import { GROUP_KIND, groupDataOf } from './store';

export type GroupChange =
  | { change: 'member_join'; groupCaseId: number; member: Omit<Member, 'id' | 'status' | 'left'> }
  | { change: 'member_leave'; groupCaseId: number; memberId: number; left: string }
  | { change: 'committee'; groupCaseId: number; committee: NonNullable<GroupData['committee']> };

const CHANGE_NOTES: Record<GroupChange['change'], string> = {
  member_join: 'เพิ่มสมาชิก',
  member_leave: 'สมาชิกลาออก',
  committee: 'เปลี่ยนคณะกรรมการ',
};

/** The group's data with the change made; undefined when it cannot be (the member is not on the list, or has left). */
export function withChange(data: GroupData, change: GroupChange, today: string): GroupData | undefined {
  const members = data.members;
  switch (change.change) {
    case 'member_join': {
      if (!members) return undefined;
      const id = members.nextId;
      const entry = { ...change.member, id, status: 'active' as const, joined: change.member.joined ?? today };
      return { ...data, members: { ...members, entries: [...members.entries, entry], nextId: id + 1 } };
    }
    case 'member_leave': {
      const target = members?.entries.find((m) => m.id === change.memberId);
      if (!members || !target || target.status === 'left') return undefined;
      const entries = members.entries.map((m) => (m.id === change.memberId ? { ...m, status: 'left' as const, left: change.left } : m));
      return { ...data, members: { ...members, entries } };
    }
    case 'committee':
      return { ...data, committee: change.committee };
  }
}

/**
 * Write an approved change into the registered group the update names (in the caller's transaction).
 * False when it cannot be made: the group is not this leader's registered group any more, or the
 * member is not on the list.
 */
export async function applyUpdate(tx: Sql, office: string, update: CaseRow, actor: { role: Role; id: string }, now: Date): Promise<boolean> {
  const change = JSON.parse(update.data) as GroupChange;
  const group = await findCaseForUpdate(tx, office, change.groupCaseId);
  if (!group || group.kind !== GROUP_KIND || group.status !== 'registered' || group.applicantUserId !== update.applicantUserId) return false;
  const next = withChange(groupDataOf(group), change, toIso(bangkokToday(now)));
  const checked = next && groupData.safeParse(next);
  if (!checked?.success) return false;
  const saved = await changeData(tx, office, group.id, group, JSON.stringify(checked.data), now.getTime());
  if (!saved) return false;
  await appendHistory(tx, office, {
    caseId: group.id,
    at: now.getTime(),
    actor,
    from: group.status,
    to: group.status,
    version: group.version,
    note: `${CHANGE_NOTES[change.change]} ตามเรื่อง ${update.reference ?? update.id}`,
    internal: true,
  });
  return true;
}
