// Which decisions a staff member may take on a case now, and what each needs before it is made
// (the sections to reopen, a reason, the step's day, a note). The LINE conversation
// (src/flows/cases.ts) and the workspace's case page (src/staff/pages/case.tsx) both read these, so
// a button in LINE and a form in the browser offer and ask for the same things; `transition`
// (./actions.ts) still checks everything again when the decision is made.
import type { CaseRow, StaffRole } from '../db/schema';
import type { OfficeProfile } from '../office/profile';
import { bangkokToday, toIso } from '../thai/calendar';
import { transitionsFrom, type AnyKind, type Role, type Transition } from './kind';

/** LINE shows up to 5,000 characters; a note longer than this is surely a paste by mistake. */
export const MAX_NOTE_CHARS = 1_000;

/** What a decision may ask for, in the order it is asked: sections (reopens) → reason → date → note. */
export const DECISION_STEPS = ['sections', 'reason', 'date', 'note'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

export function asks(rule: Transition, step: DecisionStep): boolean {
  switch (step) {
    case 'sections':
      return Boolean(rule.reopens);
    case 'reason':
      return Boolean(rule.reasons?.length);
    case 'date':
      return Boolean(rule.needsDate);
    case 'note':
      return Boolean(rule.needsNote);
  }
}

/** The step after `after` this decision asks for, or undefined when everything is in hand. */
export function stepAfter(rule: Transition, after?: DecisionStep): DecisionStep | undefined {
  return DECISION_STEPS.slice(after ? DECISION_STEPS.indexOf(after) + 1 : 0).find((s) => asks(rule, s));
}

/** The roles a staff member acts in: an admin also holds 'officer' (admin ⊇ officer). */
export function actingRoles(role: StaffRole): Role[] {
  return role === 'admin' ? ['admin', 'officer'] : ['officer'];
}

/**
 * Whether the office keeps this decision for its admins (reference Q20: the office setting
 * staff.approvalsByAdmin and the kind's approvals, Transition.approves). The one rule: transition()
 * enforces it, the workspace and LINE offer or explain by it.
 */
export function reservedForAdmin(rule: Pick<Transition, 'approves'>, office?: Pick<OfficeProfile, 'staff'>): boolean {
  return Boolean(rule.approves && office?.staff.approvalsByAdmin);
}

/** A decision open to a staff member: the kind's transition, and the role they take it in. */
export interface Decision {
  rule: Transition;
  role: Role;
}

/**
 * The decisions a staff member may take on the case now, in the kind's order: the staff
 * transitions from its status that have a button label (those are offered; the LINE card shows the
 * same), in the roles the member holds.
 */
export function staffDecisions(kind: AnyKind, c: Pick<CaseRow, 'status'>, role: StaffRole = 'officer', office?: Pick<OfficeProfile, 'staff'>): Decision[] {
  const roles = actingRoles(role);
  const open = new Map<Transition, Role>();
  for (const r of roles) for (const t of transitionsFrom(kind, c.status, r)) if (t.label && !open.has(t) && (role === 'admin' || !reservedForAdmin(t, office))) open.set(t, r);
  return kind.transitions.filter((t) => open.has(t)).map((t) => ({ rule: t, role: open.get(t)! }));
}

/** The decision to `to` open to this member now, if any. */
export function staffDecision(kind: AnyKind, c: Pick<CaseRow, 'status'>, to: string, role: StaffRole = 'officer', office?: Pick<OfficeProfile, 'staff'>): Decision | undefined {
  return staffDecisions(kind, c, role, office).find((d) => d.rule.to === to);
}

/** The case's first day in Bangkok: a step's day cannot be before the application existed. */
export function caseStartIso(c: Pick<CaseRow, 'createdAt'>): string {
  return toIso(bangkokToday(new Date(c.createdAt)));
}

export type DayProblem = 'after_today' | 'before_case';

/**
 * Whether a step's day (ISO) may be given: not after today unless the step is set ahead (an
 * assessment), not before the case began.
 */
export function stepDayProblem(rule: Pick<Transition, 'dateMayBeAhead'>, c: Pick<CaseRow, 'createdAt'>, iso: string, now: Date): DayProblem | undefined {
  if (!rule.dateMayBeAhead && iso > toIso(bangkokToday(now))) return 'after_today';
  if (iso < caseStartIso(c)) return 'before_case';
  return undefined;
}
