// Cases in the database: the rows, their guarded status change, the append-only history and the
// reference counter. Every statement binds the office (tenancy). The decisions — who may do what,
// which data is valid — are in ./actions; here are only the statements, each written once.
import type { CaseHistoryRow, CaseRow } from '../db/schema';
import { dialect, fragment, isIn, q, type Sql } from '../db/sql';
import type { Role } from './kind';

/** On PostgreSQL the row is locked until the transaction ends (a read-merge-write); SQLite has one writer. */
const forUpdate = dialect({ sqlite: '', pg: 'FOR UPDATE' });

export function findCase(db: Sql, office: string, caseId: number): Promise<CaseRow | undefined> {
  return db.get<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND id = ${caseId}`);
}

/** The case, locked for the rest of the transaction on PostgreSQL (its data is about to be merged). */
export function findCaseForUpdate(tx: Sql, office: string, caseId: number): Promise<CaseRow | undefined> {
  return tx.get<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND id = ${caseId} ${forUpdate}`);
}

export async function insertCase(
  tx: Sql,
  office: string,
  fields: { kind: string; applicantUserId: string; status: string; data: string },
  now: number,
): Promise<CaseRow> {
  return (await tx.get<CaseRow>(q`
    INSERT INTO cases (office_id, kind, applicant_user_id, status, version, data, reopened, created_at, updated_at)
    VALUES (${office}, ${fields.kind}, ${fields.applicantUserId}, ${fields.status}, 1, ${fields.data}, '[]', ${now}, ${now})
    RETURNING *`))!;
}

/**
 * The one statement that changes a case's status: only while it still has the status and version
 * the decision was made on, so of two people acting at once exactly one changes it. Undefined when
 * someone else did first.
 */
export function changeStatus(
  tx: Sql,
  office: string,
  caseId: number,
  change: { from: string; expectedVersion: number; to: string; reopened: string; submitted: boolean },
  now: number,
): Promise<CaseRow | undefined> {
  return tx.get<CaseRow>(q`
    UPDATE cases SET status = ${change.to}, version = version + 1, reopened = ${change.reopened}, updated_at = ${now},
      submitted_at = CASE WHEN ${change.submitted ? 1 : 0} = 1 THEN COALESCE(submitted_at, ${now}) ELSE submitted_at END
    WHERE office_id = ${office} AND id = ${caseId} AND status = ${change.from} AND version = ${change.expectedVersion}
    RETURNING *`);
}

/** Gives a case its reference number once (a case that has one keeps it). */
export function setReference(tx: Sql, office: string, caseId: number, reference: string): Promise<CaseRow | undefined> {
  return tx.get<CaseRow>(q`
    UPDATE cases SET reference = COALESCE(reference, ${reference}) WHERE office_id = ${office} AND id = ${caseId} RETURNING *`);
}

/** Writes new data while the case is still in the status and version it was checked in. */
export function changeData(tx: Sql, office: string, caseId: number, expect: { status: string; version: number }, data: string, now: number): Promise<CaseRow | undefined> {
  return tx.get<CaseRow>(q`
    UPDATE cases SET data = ${data}, updated_at = ${now}
    WHERE office_id = ${office} AND id = ${caseId} AND status = ${expect.status} AND version = ${expect.version}
    RETURNING *`);
}

/**
 * The next reference number of an office's kind in a year, in one statement: the counter row is
 * created at 1 or bumped, and on PostgreSQL the row stays locked until the transaction ends, so two
 * submissions at once wait for each other instead of sharing a number.
 */
export async function nextReferenceNumber(tx: Sql, office: string, kind: string, year: number): Promise<number> {
  const row = await tx.get<{ lastNumber: number }>(q`
    INSERT INTO case_counters (office_id, kind, year, last_number) VALUES (${office}, ${kind}, ${year}, 1)
    ON CONFLICT (office_id, kind, year) DO UPDATE SET last_number = case_counters.last_number + 1
    RETURNING last_number`);
  return Number(row!.lastNumber);
}

export interface HistoryEntry {
  caseId: number;
  at: number;
  actor: { role: Role; id: string };
  from: string | null;
  to: string;
  version: number;
  note?: string;
  internal?: boolean;
  /** The day the step happened or is set for (ISO), when staff give one. */
  onDate?: string;
}

/** Append one history row. (No statement anywhere updates or deletes history; retention of whole cases comes later.) */
export async function appendHistory(tx: Sql, office: string, entry: HistoryEntry): Promise<void> {
  await tx.run(q`
    INSERT INTO case_history (office_id, case_id, at, actor_kind, actor_id, from_status, to_status, version, note, internal, on_date)
    VALUES (${office}, ${entry.caseId}, ${entry.at}, ${entry.actor.role}, ${entry.actor.id}, ${entry.from}, ${entry.to}, ${entry.version},
            ${entry.note ?? null}, ${entry.internal ?? false}, ${entry.onDate ?? null})`);
}

export function historyOf(db: Sql, office: string, caseId: number): Promise<CaseHistoryRow[]> {
  return db.all<CaseHistoryRow>(q`SELECT * FROM case_history WHERE office_id = ${office} AND case_id = ${caseId} ORDER BY at, id`);
}

/** The staff queue: an office's cases of a kind in these statuses, the longest waiting first. */
export function casesInStatus(db: Sql, office: string, kind: string, statuses: readonly string[], limit = 50): Promise<CaseRow[]> {
  return db.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${kind} AND status ${isIn(statuses)}
    ORDER BY updated_at, id LIMIT ${limit}`);
}

/** "My cases": an applicant's cases in an office, the latest change first. */
export function casesOfApplicant(db: Sql, office: string, userId: string): Promise<CaseRow[]> {
  return db.all<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND applicant_user_id = ${userId} ORDER BY updated_at DESC, id DESC`);
}

/** A case with the time its status last changed (its last history row): how long it has waited. */
export type DatedCase = CaseRow & { statusSince: number };

type UndatedRow = CaseRow & { statusSince: number | string | null };
/** The column: when the case's status began (the time of its last history row). */
const statusSince = fragment('(SELECT MAX(h.at) FROM case_history h WHERE h.office_id = c.office_id AND h.case_id = c.id) AS status_since');

function dated(rows: UndatedRow[]): DatedCase[] {
  return rows.map((r) => ({ ...r, statusSince: Number(r.statusSince ?? r.updatedAt) }));
}

/** An office's cases, all kinds, in these statuses, with when each status began; the longest waiting first. */
export async function casesWaiting(db: Sql, office: string, statuses: readonly string[]): Promise<DatedCase[]> {
  if (statuses.length === 0) return [];
  const rows = await db.all<UndatedRow>(q`SELECT c.*, ${statusSince} FROM cases c WHERE c.office_id = ${office} AND c.status ${isIn(statuses)}`);
  return dated(rows).sort((a, b) => a.statusSince - b.statusSince || a.id - b.id);
}

/** An applicant's cases in an office, all kinds, with when each status began; the latest change first. */
export async function applicantCasesDated(db: Sql, office: string, userId: string): Promise<DatedCase[]> {
  const rows = await db.all<UndatedRow>(q`SELECT c.*, ${statusSince} FROM cases c WHERE c.office_id = ${office} AND c.applicant_user_id = ${userId}`);
  return dated(rows).sort((a, b) => b.statusSince - a.statusSince || b.id - a.id);
}
