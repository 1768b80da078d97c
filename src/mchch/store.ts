// An applicant's มชช. applications, read for the conversations and the status list.
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { mchchData, type MchchData } from './data';

export const MCHCH_KIND = 'mchch';

/** The applicant's มชช. applications in the office, the latest change first; only these statuses when given. */
export async function mchchCasesOf(db: Sql, office: string, userId: string, statuses?: readonly string[]): Promise<CaseRow[]> {
  const rows = await db.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${MCHCH_KIND} AND applicant_user_id = ${userId}
    ORDER BY updated_at DESC, id DESC`);
  return statuses ? rows.filter((r) => statuses.includes(r.status)) : rows;
}

/** Every application of a round in the office (staff: digest, batch export), oldest first. */
export async function mchchCasesOfRound(db: Sql, office: string, roundId: string, statuses?: readonly string[]): Promise<CaseRow[]> {
  const rows = await db.all<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND kind = ${MCHCH_KIND} ORDER BY id`);
  return rows.filter((r) => mchchDataOf(r).round?.id === roundId && (!statuses || statuses.includes(r.status)));
}

/** The case's data, read with the schema (defaults filled in). */
export function mchchDataOf(c: Pick<CaseRow, 'data'>): MchchData {
  return mchchData.parse(JSON.parse(c.data));
}
