// Stored eligibility checks: enough for staff to reproduce an answer after the rules change, and
// nothing about health (the disability-card and HIV/AIDS answers are used, then dropped).
import type { Decision, Facts } from '../rules';
import type { EligibilityCheckRow } from './schema';
import { q, type Sql } from './sql';

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

export async function recordCheck(
  tx: Sql,
  office: string,
  check: { userId: string; forWhom: 'self' | 'family'; asOf: string; rulesVersion: string; facts: Facts; decisions: readonly Decision[] },
  now: number,
): Promise<number> {
  const facts = JSON.stringify(withoutHealthAnswers(check.facts));
  const outcomes = JSON.stringify(check.decisions.map(storedOutcome));
  const row = await tx.get<{ id: number }>(q`
    INSERT INTO eligibility_checks (office_id, user_id, for_whom, as_of, rules_version, facts, outcomes, created_at)
    VALUES (${office}, ${check.userId}, ${check.forWhom}, ${check.asOf}, ${check.rulesVersion}, ${facts}, ${outcomes}, ${now})
    RETURNING id`);
  return row!.id;
}

export interface StoredCheck {
  id: number;
  forWhom: 'self' | 'family';
  asOf: string;
  facts: Facts;
}

function checkOf(tx: Sql, office: string, userId: string, id: number): Promise<EligibilityCheckRow | undefined> {
  return tx.get<EligibilityCheckRow>(q`SELECT * FROM eligibility_checks WHERE office_id = ${office} AND id = ${id} AND user_id = ${userId}`);
}

/** One of this user's stored checks (the facts without health answers), or undefined. */
export async function findCheck(tx: Sql, office: string, userId: string, id: number): Promise<StoredCheck | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = await checkOf(tx, office, userId, id);
  return row ? { id: row.id, forWhom: row.forWhom, asOf: row.asOf, facts: JSON.parse(row.facts) as Facts } : undefined;
}

export async function eraseEligibilityChecks(tx: Sql, office: string, userId: string): Promise<void> {
  await tx.run(q`DELETE FROM eligibility_checks WHERE office_id = ${office} AND user_id = ${userId}`);
}

/**
 * The facts of one of the user's stored checks (without health answers), for booking the visit the
 * check's card offered; undefined when the check is not this user's, is gone, or does not read.
 */
export async function factsOfCheck(tx: Sql, office: string, checkId: number, userId: string): Promise<Facts | undefined> {
  if (!Number.isSafeInteger(checkId)) return undefined;
  const row = await checkOf(tx, office, userId, checkId);
  if (!row) return undefined;
  try {
    const facts = JSON.parse(row.facts) as Facts;
    return typeof facts === 'object' && facts !== null && 'birth' in facts ? facts : undefined;
  } catch {
    return undefined;
  }
}
