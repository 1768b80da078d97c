// Two staff deciding one case at the same moment, and reference numbers under concurrent submission.
// On PostgreSQL the transactions really run side by side (a pool of connections); on SQLite they
// queue, so the second one runs with the version the first has already moved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../src/cases/actions';
import { changeStatus, findCase } from '../../src/cases/store';
import type { Database, Sql } from '../../src/db/sql';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, OFFICE, caseIn, historyRows, pushesAbout, submittedCase } from './helpers';

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  await addStaff(db, 'default', 'Ustaff1', 'cli', NOW.getTime());
  await addStaff(db, 'default', 'Ustaff2', 'cli', NOW.getTime() + 1);
});
afterEach(() => db.close());

/** Resolves once `count` callers have arrived: every transaction is open before any of them acts. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return opened;
  };
}

/** Connections in a test database's pool (tests/support/database.ts): at most this many transactions are open at once. */
const PG_POOL = 4;

/** Run each piece of work in its own transaction, all at once (on SQLite they queue, so no barrier there). */
function concurrently<T>(works: ((tx: Sql) => Promise<T>)[]): Promise<T[]> {
  const together = db.dialect === 'pg' ? barrier(Math.min(works.length, PG_POOL)) : async () => undefined;
  return Promise.all(
    works.map((work) =>
      db.transaction(async (tx) => {
        await tx.get(q`SELECT 1 AS ok`);
        await together();
        return work(tx);
      }),
    ),
  );
}

describe('two staff pressing รับเรื่อง at once', () => {
  it('give one decision, one history row and one push to the applicant; the other is told it is stale', async () => {
    const c = await submittedCase(db);
    const results = await concurrently(
      ['Ustaff1', 'Ustaff2'].map((id) => (tx: Sql) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: { role: 'officer', id }, expectedVersion: c.version }, NOW)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ ok: false, reason: 'stale', current: { status: 'in_review', version: c.version + 1 } }]);
    expect((await historyRows(db, c)).filter((h) => h.toStatus === 'in_review')).toHaveLength(1);
    expect(await pushesAbout(db, c, 'case-applicant')).toHaveLength(1);
    expect((await findCase(db, OFFICE, c.id))!.version).toBe(c.version + 1);
  });

  it('two different decisions at once: exactly one wins', async () => {
    const c = await caseIn(db, 'in_review');
    const results = await concurrently([
      (tx: Sql) => transition(tx, OFFICE, c.id, { to: 'registered', actor: { role: 'officer', id: 'Ustaff1' }, expectedVersion: c.version }, NOW),
      (tx: Sql) => transition(tx, OFFICE, c.id, { to: 'rejected', actor: { role: 'officer', id: 'Ustaff2' }, expectedVersion: c.version, note: 'ข้อมูลไม่ครบ' }, NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results.find((r) => r.ok)!;
    expect((await findCase(db, OFFICE, c.id))!.status).toBe(winner.ok && winner.case.status);
    expect((await historyRows(db, c)).filter((h) => h.fromStatus === 'in_review')).toHaveLength(1);
    expect(await pushesAbout(db, c, 'case-applicant')).toHaveLength(1);
  });

  it('the guarded statement itself changes nothing for a status or version that has moved', async () => {
    const c = await caseIn(db, 'submitted');
    const change = { from: 'submitted', to: 'in_review', reopened: '[]', submitted: false };
    expect(await db.transaction((tx) => changeStatus(tx, OFFICE, c.id, { ...change, expectedVersion: c.version + 1 }, NOW.getTime()))).toBeUndefined();
    expect(await db.transaction((tx) => changeStatus(tx, OFFICE, c.id, { ...change, from: 'draft', expectedVersion: c.version }, NOW.getTime()))).toBeUndefined();
    expect((await findCase(db, OFFICE, c.id))!).toEqual(c);
  });
});

describe('reference numbers', () => {
  it('are unique and consecutive when many cases are submitted at once', async () => {
    const drafts = [];
    for (let i = 0; i < 12; i++) drafts.push(await caseIn(db, 'draft', `Uleader${i}`));
    const results = await concurrently(
      drafts.map((d) => (tx: Sql) => transition(tx, OFFICE, d.id, { to: 'submitted', actor: { role: 'applicant', id: d.applicantUserId }, expectedVersion: d.version }, NOW)),
    );
    const references = results.map((r) => (r.ok ? r.case.reference : r.reason));
    expect([...references].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `GRP-2569-${String(i + 1).padStart(4, '0')}`));
  });

  it('count per office and per Buddhist-era year (Bangkok time), and stay with the case when it is resubmitted', async () => {
    expect((await submittedCase(db, 'Ua')).reference).toBe('GRP-2569-0001');
    expect((await submittedCase(db, 'Ub', 'other-office')).reference).toBe('GRP-2569-0001');
    expect((await submittedCase(db, 'Uc', OFFICE, new Date('2026-12-31T16:59:00Z'))).reference).toBe('GRP-2569-0002');
    const newYear = await submittedCase(db, 'Ud', OFFICE, new Date('2026-12-31T17:00:00Z')); // 1 Jan 2570, 00:00 in Bangkok
    expect(newYear.reference).toBe('GRP-2570-0001');

    // Back to the applicant and in again: the same number.
    const accepted = await db.transaction((tx) => transition(tx, OFFICE, newYear.id, { to: 'in_review', actor: { role: 'officer', id: 'Ustaff1' }, expectedVersion: newYear.version }, NOW));
    const asked = await db.transaction((tx) =>
      transition(tx, OFFICE, newYear.id, { to: 'needs_info', actor: { role: 'officer', id: 'Ustaff1' }, expectedVersion: accepted.ok ? accepted.case.version : 0, note: 'ขอเพิ่ม', sections: ['members'] }, NOW),
    );
    const again = await db.transaction((tx) => transition(tx, OFFICE, newYear.id, { to: 'resubmitted', actor: { role: 'applicant', id: 'Ud' }, expectedVersion: asked.ok ? asked.case.version : 0 }, NOW));
    expect(again.ok && again.case.reference).toBe('GRP-2570-0001');
  });

  it('a draft withdrawn before it was sent gets no number', async () => {
    const d = await caseIn(db, 'draft', 'Ua');
    const gone = await db.transaction((tx) => transition(tx, OFFICE, d.id, { to: 'withdrawn', actor: { role: 'applicant', id: 'Ua' }, expectedVersion: d.version }, NOW));
    expect(gone.ok && gone.case.reference).toBeNull();
    expect((await submittedCase(db, 'Ub')).reference).toBe('GRP-2569-0001');
  });
});
