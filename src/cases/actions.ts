// What happens to a case, each in the caller's transaction: a draft is created, its data saved
// (checked with the kind's zod schema), and its status changed by ONE guarded statement together with
// its history row and the pushes it causes (the applicant's, and every staff member's for a new,
// resubmitted or withdrawn case). Results are values, so the caller can tell the person what
// happened ("เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้ว"). The LINE buttons and the staff pages call these.
import type { CaseRow } from '../db/schema';
import type { Sql } from '../db/sql';
import { staffIds, staffRole } from '../db/staff';
import { countForCase } from '../attachments/store';
import { enqueuePush } from '../notify/outbox';
import type { OfficeProfile } from '../office/profile';
import { isIsoDate } from '../office/clock';
import { bangkokDateOf, bangkokToday, toIso } from '../thai/calendar';
import { toBuddhistYear } from '../thai/thai-calendar';
import { caseSections, findTransition, type AnyKind, type Role } from './kind';
import { reservedForAdmin } from './decisions';
import { kindOf } from './kinds';
import { applicantStatusMessages, staffNoticeMessages, type StaffEvent, type StaffFacts } from './messages';
import { appendHistory, changeData, changeStatus, findCase, findCaseForUpdate, insertCase, nextReferenceNumber, setReference } from './store';

/**
 * The applicant of a case whose person erased their data (ลบข้อมูลของฉัน) while the case stays the
 * office's record: no LINE user has this id, so nobody acts as its applicant and nothing is pushed.
 */
export const ERASED_APPLICANT = 'erased';

export interface Actor {
  role: Role;
  /** The LINE user id (applicant, staff member); 'system' for the bot. */
  id: string;
}

/** The role a LINE user holds as staff (staff.role): 'officer' or 'admin'; undefined for anyone else. */
export async function staffRoleOf(tx: Sql, office: string, userId: string): Promise<Role | undefined> {
  return staffRole(tx, office, userId);
}

/** Whether the actor really holds the role they act in, for this case. */
async function holdsRole(tx: Sql, actor: Actor, c: CaseRow): Promise<boolean> {
  switch (actor.role) {
    case 'applicant':
      return actor.id === c.applicantUserId && c.applicantUserId !== ERASED_APPLICANT;
    case 'officer': {
      // An admin also holds 'officer' (admin ⊇ officer): they may work cases as any officer does.
      const held = await staffRoleOf(tx, c.officeId, actor.id);
      return held === 'officer' || held === 'admin';
    }
    case 'admin':
      return (await staffRoleOf(tx, c.officeId, actor.id)) === 'admin';
    case 'system':
      return actor.id === 'system';
  }
}

function kindOfCase(c: CaseRow): AnyKind {
  const kind = kindOf(c.kind);
  if (!kind) throw new Error(`case ${c.id} has unknown kind ${c.kind}`);
  return kind;
}

export function parseData(c: CaseRow): Record<string, unknown> {
  return JSON.parse(c.data) as Record<string, unknown>;
}

export function reopenedSections(c: CaseRow): string[] {
  return JSON.parse(c.reopened) as string[];
}

export type DataResult =
  | { ok: true; case: CaseRow }
  | { ok: false; reason: 'invalid'; issues: string[]; current: CaseRow }
  | { ok: false; reason: 'not_allowed' | 'not_found'; current?: CaseRow };

/** A new draft of a kind for an applicant, with its first history row. */
export async function createDraft(tx: Sql, office: string, kindId: string, applicantUserId: string, now: Date, data: unknown = {}): Promise<CaseRow> {
  const kind = kindOf(kindId);
  if (!kind) throw new Error(`unknown case kind ${kindId}`);
  const checked = kind.data.parse(data);
  const c = await insertCase(tx, office, { kind: kind.id, applicantUserId, status: kind.initial, data: JSON.stringify(checked) }, now.getTime());
  await appendHistory(tx, office, { caseId: c.id, at: now.getTime(), actor: { role: 'applicant', id: applicantUserId }, from: null, to: c.status, version: c.version });
  return c;
}

/**
 * Save sections of the applicant's data: any section while the status lets them edit everything
 * (a draft), only the reopened sections while staff asked for more. The whole data after the change
 * must pass the kind's schema, or nothing changes.
 */
export async function saveData(tx: Sql, office: string, caseId: number, applicantUserId: string, patch: Record<string, unknown>, now: Date): Promise<DataResult> {
  const current = await findCaseForUpdate(tx, office, caseId);
  if (!current) return { ok: false, reason: 'not_found' };
  const kind = kindOfCase(current);
  const editable = kind.editable[current.status];
  const reopened = reopenedSections(current);
  const allowed =
    current.applicantUserId === applicantUserId &&
    editable !== undefined &&
    (editable === 'all' || Object.keys(patch).every((section) => reopened.includes(section)));
  if (!allowed) return { ok: false, reason: 'not_allowed', current };
  const checked = kind.data.safeParse({ ...parseData(current), ...patch });
  if (!checked.success) return { ok: false, reason: 'invalid', issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), current };
  const saved = await changeData(tx, office, caseId, current, JSON.stringify(checked.data), now.getTime());
  return saved ? { ok: true, case: saved } : { ok: false, reason: 'not_allowed', current: await findCase(tx, office, caseId) };
}

export interface TransitionRequest {
  to: string;
  actor: Actor;
  /** The version the actor saw (the button's); another version means someone acted meanwhile. */
  expectedVersion: number;
  note?: string;
  /** A note for staff only: kept in the history, not sent to the applicant. */
  internal?: boolean;
  /** For a transition that reopens sections (ขอเอกสารเพิ่ม): which. */
  sections?: readonly string[];
  /** For a transition that needs a date (`needsDate`): the day, ISO 'YYYY-MM-DD'. */
  date?: string;
  /** For a transition with `reasons` (ไม่รับ): the id of the reason staff picked; its rule goes to the applicant before the note. */
  reason?: string;
  /** The office's profile, when the caller has it: the staff notice's warnings use its settings. */
  office?: OfficeProfile;
}

export type TransitionResult =
  | { ok: true; case: CaseRow }
  | { ok: false; reason: 'stale' | 'not_allowed' | 'needs_note'; current: CaseRow }
  | { ok: false; reason: 'not_found'; current?: undefined };

/**
 * Change a case's status: checked against the kind's transitions for the actor's role, then one
 * guarded UPDATE (status and version as the actor saw them); the history row and the pushes are in
 * the same transaction. Zero rows changed means someone else acted first: 'stale', with the case as
 * it is now.
 */
export async function transition(tx: Sql, office: string, caseId: number, request: TransitionRequest, now: Date): Promise<TransitionResult> {
  const found = await findCase(tx, office, caseId);
  if (!found) return { ok: false, reason: 'not_found' };
  const kind = kindOfCase(found);
  // A kind whose transitions change other records reads the case locked (PostgreSQL), so of two
  // decisions at once the second waits and finds the version changed.
  const current = kind.onTransition ? (await findCaseForUpdate(tx, office, caseId))! : found;
  if (!(await holdsRole(tx, request.actor, current))) return { ok: false, reason: 'not_allowed', current };
  if (current.version !== request.expectedVersion) return { ok: false, reason: 'stale', current };
  const rule = findTransition(kind, current.status, request.to, request.actor.role);
  if (!rule) return { ok: false, reason: 'not_allowed', current };
  // Q20: where the office wants approvals by an admin, the person's real role decides, whatever role they act in.
  if (reservedForAdmin(rule, request.office) && (await staffRoleOf(tx, office, request.actor.id)) !== 'admin') {
    return { ok: false, reason: 'not_allowed', current };
  }
  const typed = request.note?.trim() || undefined;
  const sections = [...new Set(request.sections ?? [])];
  if (rule.needsNote && !typed) return { ok: false, reason: 'needs_note', current };
  // Only the sections this case has (its type's documents): a group has no ID card copy to reopen.
  const reopenable = caseSections(kind, current, request.office);
  if (rule.reopens && (sections.length === 0 || !sections.every((s) => s in reopenable))) return { ok: false, reason: 'needs_note', current };
  if (rule.needsDate && !(request.date && isIsoDate(request.date))) return { ok: false, reason: 'needs_note', current };
  const picked = rule.reasons?.find((r) => r.id === request.reason);
  if (rule.reasons && !picked) return { ok: false, reason: 'needs_note', current };
  // The applicant reads the rule in plain Thai first, then staff's words; the history keeps what they read.
  const note = picked?.rule ? [reasonLine(picked.rule), typed].filter(Boolean).join('\n') : typed;

  if (kind.onTransition && !(await kind.onTransition(tx, office, current, rule.to, request.actor, now))) return { ok: false, reason: 'not_allowed', current };

  const at = now.getTime();
  let changed = await changeStatus(
    tx,
    office,
    caseId,
    { from: current.status, expectedVersion: current.version, to: rule.to, reopened: JSON.stringify(rule.reopens ? sections : []), submitted: Boolean(rule.issuesReference) },
    at,
  );
  if (!changed) return { ok: false, reason: 'stale', current: (await findCase(tx, office, caseId))! };
  if (rule.issuesReference && !changed.reference) changed = (await setReference(tx, office, caseId, await issueReference(tx, office, kind, now)))!;

  await appendHistory(tx, office, { caseId, at, actor: request.actor, from: current.status, to: changed.status, version: changed.version, note, internal: request.internal, onDate: rule.needsDate ? request.date : undefined });
  const notify = rule.notify ?? [];
  if (notify.includes('applicant') && request.actor.id !== changed.applicantUserId && changed.applicantUserId !== ERASED_APPLICANT) {
    await enqueuePush(
      tx,
      office,
      { to: changed.applicantUserId, messages: applicantStatusMessages(kind, changed, request.internal ? undefined : note, rule.needsDate ? request.date : undefined), purpose: 'case-applicant', dueAt: at, ref: caseRef(changed), dedupeKey: `${caseRef(changed)}:v${changed.version}:applicant` },
      at,
    );
  }
  if (notify.includes('staff')) await noticeStaff(tx, kind, changed, staffEventOf(current.status, changed.status), at, now, request.office, rule.staffNotice);
  return { ok: true, case: changed };
}

/** "เหตุผล: <the rule>": the first line of a note that carries a reason staff picked. */
export function reasonLine(rule: string): string {
  return `เหตุผล: ${rule}`;
}

function caseRef(c: CaseRow): string {
  return `case:${c.officeId}:${c.id}`;
}

function staffEventOf(from: string, to: string): StaffEvent {
  if (to === 'withdrawn') return 'withdrawn';
  return from === 'draft' ? 'new' : 'resubmitted';
}

/** Every staff member of the office gets the notice, once per case version. */
async function noticeStaff(tx: Sql, kind: AnyKind, c: CaseRow, event: StaffEvent, at: number, now: Date, office?: OfficeProfile, heading?: { heading: string; line?: string }): Promise<void> {
  const messages = staffNoticeMessages(kind, c, event, await staffFacts(tx, kind, c, office, now), heading);
  for (const staffId of await staffIds(tx, c.officeId)) {
    await enqueuePush(tx, c.officeId, { to: staffId, messages, purpose: `case-staff-${event}`, dueAt: at, ref: caseRef(c), dedupeKey: `${caseRef(c)}:v${c.version}:staff:${staffId}` }, at);
  }
}

/** What staff read about a case beside its data: the attachments bound to it, and the kind's warnings. */
export async function staffFacts(db: Sql, kind: AnyKind, c: CaseRow, office?: OfficeProfile, now?: Date): Promise<StaffFacts> {
  const data = kind.data.safeParse(parseData(c));
  const today = now ? toIso(bangkokToday(now)) : undefined;
  // The pages the data holds when the kind can say (a document sent again replaces its old pages,
  // which stay bound to the case); else every attachment bound to the case.
  const held = data.success ? kind.attachmentsOf?.(data.data) : undefined;
  const attachments = held ? new Set(held).size : await countForCase(db, c.officeId, c.id);
  return { attachments, warnings: (data.success && kind.warnings?.(data.data, office, today)) || [] };
}

/** GRP-2569-0007: the kind's prefix, the Buddhist-era year in Bangkok, the office's next number for both. */
async function issueReference(tx: Sql, office: string, kind: AnyKind, now: Date): Promise<string> {
  const year = toBuddhistYear(bangkokDateOf(now).year);
  const n = await nextReferenceNumber(tx, office, kind.id, year);
  return `${kind.prefix}-${year}-${String(n).padStart(4, '0')}`;
}
