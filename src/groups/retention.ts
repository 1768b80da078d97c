// PDPA retention of group drafts: a group case never sent to the office (a draft, or a draft its
// leader withdrew) that nobody touched for the office's `groups.draftRetentionDays` is deleted with
// its history, its unsent pushes and its photos and files (the rows here; their content once no row
// refers to it, by the attachment sweep the app runs after). A case that was ever submitted
// (submitted_at set) is the office's record and is never deleted by this. Each office has its own
// days, so this runs per office (app.ts hands the scheduler's retention pass a job that calls it for
// each office, then sweeps the contents no row refers to). No warning push before the deletion yet.
import { ERASED_APPLICANT } from '../cases/actions';
import { isIn, q, type Sql } from '../db/sql';
import { GROUP_KIND } from './store';

const DAY_MS = 86_400_000;
/** Statuses of a case only its applicant ever saw (submitted_at is also checked: never sent). */
export const NEVER_SENT_STATUSES = ['draft', 'withdrawn'] as const;
/** Rows one batch deletes at most (each case takes a few statements). */
export const DRAFT_RETENTION_BATCH = 50;

/** The outbox `ref` of pushes about a case (src/cases/actions.ts writes the same). */
export function caseRefOf(office: string, caseId: number): string {
  return `case:${office}:${caseId}`;
}

/** The instant before which an untouched draft goes. */
export function retentionCutoff(now: Date, days: number): number {
  return now.getTime() - days * DAY_MS;
}

/**
 * Delete these group cases of the office and everything that hangs on them: the attachment rows
 * bound to them, the history, unsent pushes. Returns how many cases went.
 */
export async function deleteGroupCases(tx: Sql, office: string, caseIds: readonly number[], kind: string = GROUP_KIND): Promise<number> {
  if (caseIds.length === 0) return 0;
  await tx.run(q`DELETE FROM attachments WHERE office_id = ${office} AND case_id ${isIn(caseIds)}`);
  await tx.run(q`DELETE FROM case_history WHERE office_id = ${office} AND case_id ${isIn(caseIds)}`);
  await tx.run(q`
    UPDATE outbox SET status = 'cancelled', dedupe_key = NULL
    WHERE office_id = ${office} AND status = 'pending' AND ref ${isIn(caseIds.map((id) => caseRefOf(office, id)))}`);
  return (await tx.run(q`DELETE FROM cases WHERE office_id = ${office} AND kind = ${kind} AND id ${isIn(caseIds)}`)).changes;
}

/** Never-sent group cases untouched since before the cutoff (no case update, no photo added since), oldest first. */
export async function abandonedDrafts(db: Sql, office: string, cutoff: number, limit: number): Promise<number[]> {
  const rows = await db.all<{ id: number }>(q`
    SELECT c.id FROM cases c
    WHERE c.office_id = ${office} AND c.kind = ${GROUP_KIND} AND c.status ${isIn(NEVER_SENT_STATUSES)} AND c.submitted_at IS NULL
      AND c.updated_at < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.office_id = c.office_id AND a.case_id = c.id AND a.created_at >= ${cutoff})
    ORDER BY c.updated_at, c.id LIMIT ${limit}`);
  return rows.map((r) => Number(r.id));
}

export interface DraftRetentionOptions {
  batchSize?: number;
  /** Awaited between batches (the event loop answers webhooks meanwhile). */
  pause?: () => Promise<void>;
  signal?: AbortSignal;
}

/** One office's pass: abandoned drafts deleted in batches, each in its own transaction. Returns how many went. */
export async function deleteAbandonedDrafts(db: Sql, office: string, retentionDays: number, now: Date, options: DraftRetentionOptions = {}): Promise<number> {
  const limit = options.batchSize ?? DRAFT_RETENTION_BATCH;
  const cutoff = retentionCutoff(now, retentionDays);
  let deleted = 0;
  for (;;) {
    const changes = await db.transaction(async (tx) => deleteGroupCases(tx, office, await abandonedDrafts(tx, office, cutoff, limit)));
    deleted += changes;
    if (changes < limit || options.signal?.aborted) return deleted;
    await options.pause?.();
  }
}

/**
 * The eraser of ลบข้อมูลของฉัน (src/db/personal-data.ts): the person's cases of `kinds` (group; มชช.)
 * never sent to the office go entirely (as retention would take them). Every other case of theirs — a group sent or
 * registered, of any kind — is the office's record (the register staff keep, reference §2.11): its
 * data stays, contact name and phone in the profile included (staff correct or delete the register
 * on request, as GROUP_PRIVACY.erasure tells the person), and only the LINE link goes: the applicant
 * becomes ERASED_APPLICANT, so no push reaches the person again and nobody acts as its applicant,
 * The history of a kept case is append-only (DESIGN §8) and keeps its rows as written (the applicant's
 * LINE id there links to nothing once erased); only a case deleted whole takes its history with it.
 */
export async function eraseGroupApplicant(tx: Sql, office: string, userId: string, kinds: readonly string[] = [GROUP_KIND]): Promise<void> {
  // The same rule for every kind given (personal-data.ts passes the group and the มชช. kinds).
  for (const kind of kinds) {
    const drafts = await tx.all<{ id: number }>(q`
      SELECT id FROM cases WHERE office_id = ${office} AND kind = ${kind} AND applicant_user_id = ${userId} AND submitted_at IS NULL`);
    await deleteGroupCases(tx, office, drafts.map((r) => Number(r.id)), kind);
  }
  await tx.run(q`UPDATE cases SET applicant_user_id = ${ERASED_APPLICANT} WHERE office_id = ${office} AND applicant_user_id = ${userId}`);
}
