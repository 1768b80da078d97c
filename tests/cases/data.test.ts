// A case's data: created with a history row, saved section by section while the applicant may edit
// (a draft: anything; after ขอเอกสารเพิ่ม: only the reopened sections), checked with the kind's zod
// schema on every write — a refused write keeps the old data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft, saveData, transition } from '../../src/cases/actions';
import { casesInStatus, casesOfApplicant, findCase } from '../../src/cases/store';
import type { Database } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, OFFICE, caseIn, historyRows } from './helpers';
import { sampleMembers, sampleProfile } from '../groups/fixtures';

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
});
afterEach(() => db.close());

const save = (id: number, patch: Record<string, unknown>, who = 'Uapplicant', office = OFFICE) =>
  db.transaction((tx) => saveData(tx, office, id, who, patch, NOW));

describe('a draft', () => {
  it('starts as draft, version 1, no reference, with the creation in its history', async () => {
    const c = await db.transaction((tx) => createDraft(tx, OFFICE, 'group', 'Uapplicant', NOW));
    expect(c).toMatchObject({ officeId: OFFICE, kind: 'group', status: 'draft', version: 1, reference: null, data: '{}', applicantUserId: 'Uapplicant' });
    expect(await historyRows(db, c)).toMatchObject([{ actorKind: 'applicant', actorId: 'Uapplicant', fromStatus: null, toStatus: 'draft', version: 1 }]);
  });

  it('refuses data the kind does not accept when it is created', async () => {
    await expect(db.transaction((tx) => createDraft(tx, OFFICE, 'group', 'Uapplicant', NOW, { salary: 1 }))).rejects.toThrow();
    expect(await casesOfApplicant(db, OFFICE, 'Uapplicant')).toEqual([]);
  });

  it('saves sections one by one, keeping the others', async () => {
    const c = await caseIn(db, 'draft');
    const saved = await save(c.id, { members: sampleMembers(12) });
    expect(saved.ok).toBe(true);
    expect(JSON.parse((await findCase(db, OFFICE, c.id))!.data)).toEqual({ profile: sampleProfile(), members: sampleMembers(12) });
  });

  it('a write the schema refuses keeps the old data, and says what was wrong', async () => {
    const c = await caseIn(db, 'draft');
    for (const patch of [{ profile: 'กลุ่มแม่บ้าน' }, { salary: { amount: 1 } }, { profile: sampleProfile('   ') }]) {
      const result = await save(c.id, patch);
      expect(result).toMatchObject({ ok: false, reason: 'invalid' });
      expect(result.ok === false && result.reason === 'invalid' && result.issues.length).toBeGreaterThan(0);
    }
    expect((await findCase(db, OFFICE, c.id))!).toEqual(c);
  });

  it('only its applicant may change it, and only in this office', async () => {
    const c = await caseIn(db, 'draft');
    expect(await save(c.id, { members: {} }, 'Uother')).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(await save(c.id, { members: {} }, 'Uapplicant', 'other-office')).toMatchObject({ ok: false, reason: 'not_found' });
    expect((await findCase(db, OFFICE, c.id))!).toEqual(c);
  });
});

describe('after submission', () => {
  it('nothing can be changed while staff decide', async () => {
    for (const status of ['submitted', 'in_review', 'resubmitted', 'registered', 'rejected', 'withdrawn']) {
      const c = await caseIn(db, status);
      expect(await save(c.id, { members: {} }), status).toMatchObject({ ok: false, reason: 'not_allowed' });
    }
  });

  it('after ขอเอกสารเพิ่ม only the reopened sections can change', async () => {
    await addStaff(db, 'default', 'Uofficer', 'cli', NOW.getTime());
    const c = await caseIn(db, 'in_review');
    await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'needs_info', actor: { role: 'officer', id: 'Uofficer' }, expectedVersion: c.version, note: 'ขอรายชื่อสมาชิกใหม่', sections: ['members'] }, NOW));
    expect(await save(c.id, { profile: sampleProfile('ชื่อใหม่') })).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(await save(c.id, { members: sampleMembers(15), profile: sampleProfile('ชื่อใหม่') })).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(await save(c.id, { members: sampleMembers(15) })).toMatchObject({ ok: true });
    expect(JSON.parse((await findCase(db, OFFICE, c.id))!.data)).toEqual({ profile: sampleProfile(), members: sampleMembers(15) });
  });
});

describe('lists', () => {
  it('the staff queue holds one office’s cases of a kind in the asked statuses, longest waiting first; "my cases" one applicant’s', async () => {
    const first = await caseIn(db, 'submitted', 'Ua');
    await caseIn(db, 'draft', 'Ua');
    const second = await caseIn(db, 'resubmitted', 'Ub');
    await caseIn(db, 'submitted', 'Uc', 'other-office');
    expect((await casesInStatus(db, OFFICE, 'group', ['submitted', 'resubmitted'])).map((c) => c.id)).toEqual([first.id, second.id]);
    expect((await casesOfApplicant(db, OFFICE, 'Ua')).map((c) => c.applicantUserId)).toEqual(['Ua', 'Ua']);
    expect(await casesOfApplicant(db, OFFICE, 'Uc')).toEqual([]);
  });
});
