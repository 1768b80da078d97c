// A leader's group cases, read for the conversations: the group they are working on, and all of
// theirs. A leader may run several groups (Q34); the conversations carry the case id they work on.
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { groupData, type GroupData } from './data';

export const GROUP_KIND = 'group';
/** Statuses in which a group case is still being worked on by its leader or staff. */
export const OPEN_GROUP_STATUSES = ['draft', 'submitted', 'in_review', 'needs_info', 'resubmitted'] as const;

/** The leader's group cases in the office, the latest change first. */
export async function groupCasesOf(db: Sql, office: string, userId: string, statuses?: readonly string[]): Promise<CaseRow[]> {
  const rows = await db.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${GROUP_KIND} AND applicant_user_id = ${userId}
    ORDER BY updated_at DESC, id DESC`);
  return statuses ? rows.filter((r) => statuses.includes(r.status)) : rows;
}

/** The group case the leader is working on: the latest one still open, if any. */
export async function currentGroupCase(db: Sql, office: string, userId: string): Promise<CaseRow | undefined> {
  return (await groupCasesOf(db, office, userId, OPEN_GROUP_STATUSES))[0];
}

/** The case's data, read with the schema (defaults filled in). */
export function groupDataOf(c: Pick<CaseRow, 'data'>): GroupData {
  return groupData.parse(JSON.parse(c.data));
}
