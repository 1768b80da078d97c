// The office's register of community groups (reference §2.11: what staff hand executives): the one
// read of the office's group cases with when each was registered and last reported, and the
// committee as text. The export's rows (one per group, one per member) are built in
// src/exports/groups.ts.
import { formatPersonName } from '../thai/person-name';
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import type { GroupData } from './data';
import { GROUP_KIND, groupDataOf } from './store';

/** Activity reports are their own case kind (another part of issue 10); read by id, none is fine. */
export const GROUP_REPORT_KIND = 'group_report';
const CHAIR = 'ประธาน';

/** A group case as the register reads it: the case, its data, when it was registered and last reported. */
export interface RegisterEntry {
  case: CaseRow;
  data: GroupData;
  registeredAt: number | null;
  lastReportAt: number | null;
}

/**
 * The office's group cases for the register: registered ones, or with `all` every status (drafts
 * too), in reference order (cases without one last). Reads the history for the registration date and
 * the group_report cases (if that kind has any) for the latest report.
 */
export async function registerEntries(db: Sql, office: string, options: { all?: boolean } = {}): Promise<RegisterEntry[]> {
  const rows = await db.all<CaseRow & { registeredAt: number | string | null }>(q`
    SELECT c.*, (SELECT MAX(h.at) FROM case_history h WHERE h.office_id = c.office_id AND h.case_id = c.id AND h.to_status = 'registered') AS registered_at
    FROM cases c
    WHERE c.office_id = ${office} AND c.kind = ${GROUP_KIND} AND (${options.all ? 1 : 0} = 1 OR c.status = 'registered')
    ORDER BY CASE WHEN c.reference IS NULL THEN 1 ELSE 0 END, c.reference, c.id`);
  const reports = await db.all<{ data: string; submittedAt: number | string }>(q`
    SELECT data, submitted_at FROM cases WHERE office_id = ${office} AND kind = ${GROUP_REPORT_KIND} AND submitted_at IS NOT NULL`);
  const lastReport = new Map<number, number>();
  for (const report of reports) {
    const groupCaseId = reportGroupCaseId(report.data);
    const at = Number(report.submittedAt);
    if (groupCaseId !== undefined && at > (lastReport.get(groupCaseId) ?? 0)) lastReport.set(groupCaseId, at);
  }
  return rows.map(({ registeredAt, ...c }) => ({
    case: c as CaseRow,
    data: groupDataOf(c),
    registeredAt: registeredAt === null ? null : Number(registeredAt),
    lastReportAt: lastReport.get(c.id) ?? null,
  }));
}

function reportGroupCaseId(data: string): number | undefined {
  try {
    const id = (JSON.parse(data) as { groupCaseId?: unknown }).groupCaseId;
    return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** "ประธาน: นางสมศรี ใจดี; เหรัญญิก: …": each position with the member's name (or the name typed). */
export function committeeText(data: GroupData): { chair: string; all: string } {
  const members = new Map((data.members?.entries ?? []).map((m) => [m.id, m]));
  const named = (data.committee?.entries ?? []).map((e) => {
    const member = e.memberId === undefined ? undefined : members.get(e.memberId);
    return { position: e.position, name: member ? formatPersonName(member) : (e.name ?? '') };
  });
  return {
    chair: named.filter((e) => e.position === CHAIR).map((e) => e.name).join('; '),
    all: named.map((e) => `${e.position}: ${e.name}`).join('; '),
  };
}

