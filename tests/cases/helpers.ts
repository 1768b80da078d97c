// Shared set-up for the case tests: a case put straight into a status, and reads of what it left.
import { createDraft, transition } from '../../src/cases/actions';
import { findCase, historyOf } from '../../src/cases/store';
import type { CaseRow, OutboxRow } from '../../src/db/schema';
import { q, type Sql } from '../../src/db/sql';
import { updateRow } from '../support/database';
import { sampleProfile } from '../groups/fixtures';

export const OFFICE = 'default';
export const NOW = new Date('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok, 2569 BE

/** A group case of `applicant` in `status` (set directly: the table of transitions is tested on its own). */
export async function caseIn(db: Sql, status: string, applicant = 'Uapplicant', office = OFFICE): Promise<CaseRow> {
  const c = await db.transaction((tx) => createDraft(tx, office, 'group', applicant, NOW, { profile: sampleProfile() }));
  if (status !== 'draft') await updateRow(db, 'cases', { id: c.id }, { status });
  return (await findCase(db, office, c.id))!;
}

/** A draft submitted by its applicant: the reference is issued and staff are told. */
export async function submittedCase(db: Sql, applicant = 'Uapplicant', office = OFFICE, now = NOW): Promise<CaseRow> {
  const draft = await caseIn(db, 'draft', applicant, office);
  const result = await db.transaction((tx) => transition(tx, office, draft.id, { to: 'submitted', actor: { role: 'applicant', id: applicant }, expectedVersion: draft.version }, now));
  if (!result.ok) throw new Error(`submit failed: ${result.reason}`);
  return result.case;
}

export function historyRows(db: Sql, c: Pick<CaseRow, 'id' | 'officeId'>) {
  return historyOf(db, c.officeId, c.id);
}

export async function pushesAbout(db: Sql, c: Pick<CaseRow, 'id' | 'officeId'>, purpose?: string): Promise<OutboxRow[]> {
  const rows = await db.all<OutboxRow>(q`SELECT * FROM outbox WHERE ref = ${`case:${c.officeId}:${c.id}`} ORDER BY id`);
  return purpose ? rows.filter((r) => r.purpose === purpose) : rows;
}
