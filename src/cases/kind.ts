// What a kind of case declares: its reference prefix, its statuses (with what the applicant reads),
// its data (a zod schema of named sections), and the transitions each role may make. The machinery
// (./store, ./actions, ./messages) reads only this; a new kind is one file in ./kinds and one line in
// ./kinds/index.ts. Roles today: the applicant, and `officer` for every staff member (the staff table
// has no roles yet; issue 12 adds `admin`, which no one holds until then); `system` is the bot itself.
import type { z } from 'zod';
import type { OfficeProfile } from '../office/profile';
import type { CaseRow } from '../db/schema';
import type { Sql } from '../db/sql';

export type Role = 'applicant' | 'officer' | 'admin' | 'system';

export interface StatusInfo {
  /** What the applicant reads as the status ("ส่งแล้ว รอเจ้าหน้าที่ตรวจ"). */
  label: string;
  /** What happens next, or what the applicant should do, in one polite sentence. */
  next: string;
  /** The applicant's button under a status push (≤20 characters); default "ดูสถานะเรื่อง". */
  button?: string;
  /** The entry that button opens instead of the case (e.g. 'contact' once nothing more can be done on the case). */
  buttonEntry?: string;
}

export interface Transition<S extends string = string> {
  from: S | readonly S[];
  to: S;
  role: Role;
  /** Staff button label (≤20 characters); transitions without one are not offered as a button. */
  label?: string;
  /** The question asking for the note this transition requires (a reason, what to fix). */
  needsNote?: string;
  /** Staff choose which sections reopen for the applicant (ขอเอกสารเพิ่ม); at least one. */
  reopens?: true;
  /** The first submission: the reference number is issued (once per case). */
  issuesReference?: true;
  /** Who is pushed about it. The applicant is not pushed about their own act: their reply says it. */
  notify?: readonly ('applicant' | 'staff')[];
  /**
   * The question asking for the day of the step (kept as the history row's `onDate`): the day a
   * district decided, an assessment is set for. Required when present.
   */
  needsDate?: string;
  /** That day may be after today (an assessment scheduled ahead); otherwise today or before. */
  dateMayBeAhead?: true;
  /** Reasons staff pick from before the note (ไม่รับ): the label on the button, the rule in plain Thai the applicant reads. */
  reasons?: readonly { id: string; label: string; rule: string }[];
  /**
   * The staff notice this applicant's act sends, when the default headings (new, resubmitted,
   * withdrawn) do not say it: e.g. a pack the applicant hands in themself, for staff's information.
   */
  staffNotice?: { heading: string; line?: string };
  /**
   * The office's approval of the matter (reference Q20): with the office setting
   * `staff.approvalsByAdmin`, only an admin may take it.
   */
  approves?: true;
}

/** Where the applicant may change the data: anything in `all` statuses, only reopened sections in `reopened` ones. */
export type Editable = 'all' | 'reopened';

export interface CaseKind<S extends string = string, D = unknown> {
  id: string;
  /** Reference prefix: GRP → GRP-2569-0007. */
  prefix: string;
  /** Thai name of the matter, as in "เรื่อง{title}". */
  title: string;
  initial: S;
  statuses: Readonly<Record<S, StatusInfo>>;
  /** The data's sections with their Thai names (what ขอเอกสารเพิ่ม can reopen). */
  sections: Readonly<Record<string, string>>;
  /** The attachment ids the data holds now (what staff are told is attached); default: every attachment bound to the case. */
  attachmentsOf?(data: D): number[];
  /** The sections that apply to this case (its type decides), in order, with their names; default all of `sections`. */
  sectionsFor?(data: D, office?: OfficeProfile): Readonly<Record<string, string>>;
  /** The status as this case's applicant reads it when it depends on the data (the round's district office); default `statuses`. */
  statusFor?(status: S, data: D): StatusInfo | undefined;
  /** The whole data object; checked on every write. */
  data: z.ZodType<D>;
  editable: Partial<Readonly<Record<S, Editable>>>;
  transitions: readonly Transition<S>[];
  /** Staff notices show these lines (label, value) about the data; no personal data beyond what staff decide on. */
  summary?(data: D): [string, string][];
  /** Worth a look for staff (the notice and the case card), never blocking; the office's settings when known. */
  warnings?(data: D, office?: OfficeProfile, today?: string): string[];
  /**
   * The staff queue (เรื่องรอตรวจ): the statuses listed, tier by tier (the first tier first, the longest
   * waiting first within a tier). A status with no staff decision is shown as waiting for the applicant.
   */
  queue?: readonly (readonly S[])[];
  /**
   * What a transition means beyond the case itself (an approved group update changes the group's
   * record). Runs inside `transition`, in its transaction, with the case locked and every check
   * passed, before the status changes; false refuses the transition ('not_allowed') with nothing
   * written, so the change and the decision are made together or not at all.
   */
  onTransition?(tx: Sql, office: string, c: CaseRow, to: S, actor: { role: Role; id: string }, now: Date): Promise<boolean>;
}

/** Any kind, as the machinery sees it. */
export type AnyKind = CaseKind<string, unknown>;

function fromList(t: Transition): readonly string[] {
  return typeof t.from === 'string' ? [t.from] : t.from;
}

/** The transition from `from` to `to` a role may make, if any. */
export function findTransition(kind: AnyKind, from: string, to: string, role: Role): Transition | undefined {
  return kind.transitions.find((t) => t.to === to && t.role === role && fromList(t).includes(from));
}

/** Every transition a role may make from a status, in the kind's order (the staff buttons). */
export function transitionsFrom(kind: AnyKind, from: string, role: Role): Transition[] {
  return kind.transitions.filter((t) => t.role === role && fromList(t).includes(from));
}

export function statusInfo(kind: AnyKind, status: string): StatusInfo {
  return kind.statuses[status] ?? { label: status, next: '' };
}

/** The kind's data of a case, or undefined when it does not pass the schema (an old row). */
function dataOf(kind: AnyKind, c: Pick<CaseRow, 'data'>): unknown {
  const parsed = kind.data.safeParse(JSON.parse(c.data));
  return parsed.success ? parsed.data : undefined;
}

/** The status as this case's applicant reads it: the kind's statusFor (the round's district office), else statusInfo. */
export function caseStatusInfo(kind: AnyKind, c: Pick<CaseRow, 'data'>, status: string): StatusInfo {
  const data = kind.statusFor ? dataOf(kind, c) : undefined;
  return (data !== undefined && kind.statusFor?.(status, data)) || statusInfo(kind, status);
}

/** The sections staff may reopen on this case, in order (its type's, when the kind says), with their names. */
export function caseSections(kind: AnyKind, c: Pick<CaseRow, 'data'>, office?: OfficeProfile): Readonly<Record<string, string>> {
  const data = kind.sectionsFor ? dataOf(kind, c) : undefined;
  return (data !== undefined && kind.sectionsFor?.(data, office)) || kind.sections;
}
