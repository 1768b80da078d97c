// Stored eligibility checks: enough for staff to reproduce an answer after the rules change, and
// nothing about health (the disability-card and HIV/AIDS answers are used, then dropped).
import { and, eq } from 'drizzle-orm';
import type { Decision, Facts } from '../rules';
import type { Db, Tx } from './client';
import { eligibilityChecks } from './schema';

const HEALTH_FACTS = ['disabilityCard', 'aidsDiagnosis', 'aidsHardship'] as const;

export function withoutHealthAnswers(facts: Facts): Omit<Facts, (typeof HEALTH_FACTS)[number]> {
  const { disabilityCard: _card, aidsDiagnosis: _aids, aidsHardship: _hardship, ...rest } = facts;
  return rest;
}

/** What is kept of a decision. The AIDS decision itself would reveal the diagnosis: only that one was made. */
export function storedOutcome(decision: Decision) {
  if (decision.allowance === 'aids') return { allowance: 'aids' as const, checked: true };
  return {
    allowance: decision.allowance,
    outcome: decision.outcome,
    monthlyAmount: decision.monthlyAmount,
    monthlyAmountOptions: decision.monthlyAmountOptions,
    firstPaymentMonth: decision.firstPaymentMonth,
    failed: decision.clauses.filter((c) => c.status === 'fail').map((c) => c.id),
    unknown: decision.clauses.filter((c) => c.status === 'unknown').map((c) => c.id),
    openQuestions: decision.openQuestions,
  };
}

export function recordCheck(
  tx: Tx | Db,
  check: { userId: string; forWhom: 'self' | 'family'; asOf: string; rulesVersion: string; facts: Facts; decisions: readonly Decision[] },
  now: number,
): number {
  return tx
    .insert(eligibilityChecks)
    .values({
      userId: check.userId,
      forWhom: check.forWhom,
      asOf: check.asOf,
      rulesVersion: check.rulesVersion,
      facts: JSON.stringify(withoutHealthAnswers(check.facts)),
      outcomes: JSON.stringify(check.decisions.map(storedOutcome)),
      createdAt: now,
    })
    .returning({ id: eligibilityChecks.id })
    .get().id;
}

export interface StoredCheck {
  id: number;
  forWhom: 'self' | 'family';
  asOf: string;
  facts: Facts;
}

/** One of this user's stored checks (the facts without health answers), or undefined. */
export function findCheck(tx: Tx | Db, userId: string, id: number): StoredCheck | undefined {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = tx
    .select()
    .from(eligibilityChecks)
    .where(and(eq(eligibilityChecks.id, id), eq(eligibilityChecks.userId, userId)))
    .get();
  return row ? { id: row.id, forWhom: row.forWhom, asOf: row.asOf, facts: JSON.parse(row.facts) as Facts } : undefined;
}

export function eraseEligibilityChecks(tx: Tx, userId: string): void {
  tx.delete(eligibilityChecks).where(eq(eligibilityChecks.userId, userId)).run();
}

/**
 * The facts of one of the user's stored checks (without health answers), for booking the visit the
 * check's card offered; undefined when the check is not this user's, is gone, or does not read.
 */
export function factsOfCheck(conn: Tx | Db, checkId: number, userId: string): Facts | undefined {
  if (!Number.isSafeInteger(checkId)) return undefined;
  const row = conn.select().from(eligibilityChecks).where(and(eq(eligibilityChecks.id, checkId), eq(eligibilityChecks.userId, userId))).get();
  if (!row) return undefined;
  try {
    const facts = JSON.parse(row.facts) as Facts;
    return typeof facts === 'object' && facts !== null && 'birth' in facts ? facts : undefined;
  } catch {
    return undefined;
  }
}
