// Staff's queue (เรื่องรอตรวจ in LINE, the workspace's เรื่องที่ยื่น by default): every kind's queue
// statuses, tier by tier (new and resubmitted first), the longest waiting first within a tier; and a
// case found by its reference as people type it. The LINE entry and the workspace page read these.
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { thaiDigitsToArabic } from '../thai/normalize';
import type { AnyKind } from './kind';
import { caseKinds, kindOf } from './kinds';
import { casesWaiting } from './store';

/** Every status that stands in some kind's staff queue, and its tier (the first tier first). */
export function queueTiers(): Map<string, Map<string, number>> {
  const tiers = new Map<string, Map<string, number>>();
  for (const kind of Object.values(caseKinds)) tiers.set(kind.id, new Map((kind.queue ?? []).flatMap((tier, i) => tier.map((status) => [status, i] as const))));
  return tiers;
}

export interface QueuedCase {
  c: CaseRow;
  kind: AnyKind;
  /** When the case's status began (its last history row). */
  since: number;
  tier: number;
}

/** The office's cases waiting in the staff queue, in the queue's order. */
export async function staffQueue(db: Sql, office: string): Promise<QueuedCase[]> {
  const tiers = queueTiers();
  const statuses = [...new Set([...tiers.values()].flatMap((m) => [...m.keys()]))];
  return (await casesWaiting(db, office, statuses))
    .flatMap((c) => {
      const kind = kindOf(c.kind);
      const tier = tiers.get(c.kind)?.get(c.status);
      return kind && tier !== undefined ? [{ c, kind, since: c.statusSince, tier }] : [];
    })
    .sort((a, b) => a.tier - b.tier || a.since - b.since || a.c.id - b.c.id);
}

/**
 * A reference as staff type it — "grp-๒๕๖๙-๓", "GRP 2569 0003", "MCH25620001" — in the form cases
 * carry ("GRP-2569-0003"); undefined when it does not look like one.
 */
export function normalizeReference(input: string): string | undefined {
  const plain = thaiDigitsToArabic(input.normalize('NFC')).toUpperCase().replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '');
  const match = /^([A-Z]{2,5})[-_./]?(\d{4})[-_./]?(\d{1,4})$/.exec(plain);
  return match ? `${match[1]}-${match[2]}-${match[3]!.padStart(4, '0')}` : undefined;
}

export function findByReference(db: Sql, office: string, reference: string): Promise<CaseRow | undefined> {
  return db.get<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND reference = ${reference}`);
}
