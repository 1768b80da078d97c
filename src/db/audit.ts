// The audit log (issue 12): every view or export of personal data and every staff decision, one row
// each, written in the same transaction as what it records where there is one. It names no personal
// data: who acted (a LINE user id or 'cli'), the action, and what it was about by id.
import type { AuditRow } from './schema';
import { q, type Sql } from './sql';

export interface AuditEntry {
  /** The staff member's LINE user id, or 'cli'. */
  actor: string;
  /** What was done, e.g. 'case.view', 'case.decide', 'bookings.view', 'export.groups', 'staff.remove'. */
  action: string;
  /** What it was about by id, e.g. 'case:12', 'bookings:2026-12-07', 'staff:U…'. */
  target: string;
  /** A short, non-personal detail (the status decided, the export's row count). */
  detail?: string;
}

export async function audit(db: Sql, office: string, entry: AuditEntry, now: number): Promise<void> {
  await db.run(q`INSERT INTO audit_log (office_id, at, actor, action, target, detail) VALUES (${office}, ${now}, ${entry.actor}, ${entry.action}, ${entry.target}, ${entry.detail ?? null})`);
}

/** The latest entries, newest first (admins read them in the workspace). */
export function auditEntries(db: Sql, office: string, limit = 200, before?: number): Promise<AuditRow[]> {
  return before === undefined
    ? db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${office} ORDER BY at DESC, id DESC LIMIT ${limit}`)
    : db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${office} AND at < ${before} ORDER BY at DESC, id DESC LIMIT ${limit}`);
}
