// The group kind's transitions, role by role: every pair of statuses tried as the applicant, an
// officer and the system, through the real transition function; what is allowed changes the status
// with a history row, what is not changes nothing. Notes and reopened sections where a decision needs them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition, type Actor } from '../../src/cases/actions';
import { GROUP_STATUSES } from '../../src/cases/kinds/group';
import { findCase } from '../../src/cases/store';
import type { Database } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, OFFICE, caseIn, historyRows, pushesAbout } from './helpers';

const OFFICER = 'Uofficer';
const APPLICANT = 'Uapplicant';

// [from, to, role] allowed for a group registration (reference §4.0 and §4.2); everything else is refused.
const ALLOWED: [string, string, Actor['role']][] = [
  ['draft', 'submitted', 'applicant'],
  ['draft', 'withdrawn', 'applicant'],
  ['submitted', 'withdrawn', 'applicant'],
  ['needs_info', 'withdrawn', 'applicant'],
  ['needs_info', 'resubmitted', 'applicant'],
  ['submitted', 'in_review', 'officer'],
  ['resubmitted', 'in_review', 'officer'],
  ['in_review', 'needs_info', 'officer'],
  ['in_review', 'registered', 'officer'],
  ['in_review', 'rejected', 'officer'],
  ['in_review', 'forwarded', 'officer'],
];

const ACTORS: Record<string, Actor> = {
  applicant: { role: 'applicant', id: APPLICANT },
  officer: { role: 'officer', id: OFFICER },
  system: { role: 'system', id: 'system' },
};

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  await addStaff(db, 'default', OFFICER, 'cli', NOW.getTime());
});
afterEach(() => db.close());

const EXTRAS = { note: 'เหตุผลประกอบ', sections: ['members'] };

describe('the transitions table', () => {
  it('allows exactly the listed transitions for each role, and a refused one changes nothing', async () => {
    const outcomes: string[] = [];
    for (const from of GROUP_STATUSES) {
      for (const to of GROUP_STATUSES) {
        for (const role of Object.keys(ACTORS)) {
          const c = await caseIn(db, from, APPLICANT);
          const before = await historyRows(db, c);
          const result = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to, actor: ACTORS[role]!, expectedVersion: c.version, ...EXTRAS }, NOW));
          const after = (await findCase(db, OFFICE, c.id))!;
          if (result.ok) {
            outcomes.push(`${from}>${to}:${role}`);
            expect(after).toMatchObject({ status: to, version: c.version + 1 });
            expect((await historyRows(db, c)).length).toBe(before.length + 1);
          } else {
            expect(result.reason, `${from}>${to}:${role}`).toBe('not_allowed');
            expect(after).toEqual(c);
            expect(await historyRows(db, c)).toEqual(before);
          }
        }
      }
    }
    expect(outcomes.sort()).toEqual(ALLOWED.map(([from, to, role]) => `${from}>${to}:${role}`).sort());
  });

  it('refuses an officer who is not on the staff list, and an applicant acting on someone else’s case', async () => {
    const c = await caseIn(db, 'submitted', APPLICANT);
    const asStranger = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: { role: 'officer', id: 'Unotstaff' }, expectedVersion: c.version }, NOW));
    expect(asStranger).toMatchObject({ ok: false, reason: 'not_allowed' });
    const asOther = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'withdrawn', actor: { role: 'applicant', id: 'Uother' }, expectedVersion: c.version }, NOW));
    expect(asOther).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect((await findCase(db, OFFICE, c.id))!.status).toBe('submitted');
  });

  it('a case of another office is not found', async () => {
    const c = await caseIn(db, 'submitted', APPLICANT, 'other-office');
    const result = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: ACTORS.officer!, expectedVersion: c.version }, NOW));
    expect(result).toEqual({ ok: false, reason: 'not_found' });
  });

  it('an old version is stale, with the case as it is now', async () => {
    const c = await caseIn(db, 'submitted', APPLICANT);
    const result = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: ACTORS.officer!, expectedVersion: c.version - 1 }, NOW));
    expect(result).toMatchObject({ ok: false, reason: 'stale', current: { status: 'submitted', version: c.version } });
  });
});

describe('decisions that need a note', () => {
  it('ไม่รับ without a reason, and ขอเอกสารเพิ่ม without sections or with an unknown one, are refused as needs_note', async () => {
    const c = await caseIn(db, 'in_review', APPLICANT);
    const tryIt = (to: string, extra: { note?: string; sections?: string[] }) =>
      db.transaction((tx) => transition(tx, OFFICE, c.id, { to, actor: ACTORS.officer!, expectedVersion: c.version, ...extra }, NOW));
    expect(await tryIt('rejected', { note: '   ' })).toMatchObject({ ok: false, reason: 'needs_note' });
    expect(await tryIt('needs_info', { note: 'ขอสำเนาสมุดบัญชี' })).toMatchObject({ ok: false, reason: 'needs_note' });
    expect(await tryIt('needs_info', { note: 'ขอสำเนาสมุดบัญชี', sections: ['salary'] })).toMatchObject({ ok: false, reason: 'needs_note' });
    expect((await findCase(db, OFFICE, c.id))!).toEqual(c);
    expect(await pushesAbout(db, c)).toEqual([]);
  });

  it('ขอเอกสารเพิ่ม records the reopened sections and the note; the applicant’s push carries both; resubmitting closes them', async () => {
    const c = await caseIn(db, 'in_review', APPLICANT);
    const asked = await db.transaction((tx) =>
      transition(tx, OFFICE, c.id, { to: 'needs_info', actor: ACTORS.officer!, expectedVersion: c.version, note: 'ขอสำเนาสมุดบัญชีหน้าแรก', sections: ['bank', 'members', 'bank'] }, NOW),
    );
    expect(asked.ok && JSON.parse(asked.case.reopened)).toEqual(['bank', 'members']);
    const [push] = await pushesAbout(db, c, 'case-applicant');
    expect(push!.to).toBe(APPLICANT);
    for (const part of ['ขอข้อมูล/เอกสารเพิ่ม', 'บัญชีธนาคาร, สมาชิก', 'ขอสำเนาสมุดบัญชีหน้าแรก', 'แก้ไขข้อมูล']) expect(push!.messages).toContain(part);
    expect((await historyRows(db, c)).at(-1)).toMatchObject({ actorKind: 'officer', actorId: OFFICER, fromStatus: 'in_review', toStatus: 'needs_info', note: 'ขอสำเนาสมุดบัญชีหน้าแรก' });

    const back = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'resubmitted', actor: ACTORS.applicant!, expectedVersion: c.version + 1 }, NOW));
    expect(back.ok && JSON.parse(back.case.reopened)).toEqual([]);
  });

  it('an internal note stays in the history and out of the applicant’s push', async () => {
    const c = await caseIn(db, 'in_review', APPLICANT);
    await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'registered', actor: ACTORS.officer!, expectedVersion: c.version, note: 'ตรวจกับทะเบียนเดิมแล้ว', internal: true }, NOW));
    const [push] = await pushesAbout(db, c, 'case-applicant');
    expect(push!.messages).toContain('ขึ้นทะเบียนกลุ่มแล้ว');
    expect(push!.messages).not.toContain('ตรวจกับทะเบียนเดิมแล้ว');
    expect((await historyRows(db, c)).at(-1)).toMatchObject({ note: 'ตรวจกับทะเบียนเดิมแล้ว', internal: expect.anything() });
    expect(Boolean((await historyRows(db, c)).at(-1)!.internal)).toBe(true);
  });
});

describe('who is pushed', () => {
  it('staff about a new submission (not the applicant, whose reply says it); the applicant about a staff decision', async () => {
    await addStaff(db, 'default', 'Uofficer2', 'cli', NOW.getTime() + 1);
    const c = await caseIn(db, 'draft', APPLICANT);
    await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'submitted', actor: ACTORS.applicant!, expectedVersion: c.version }, NOW));
    const staffPushes = await pushesAbout(db, c);
    expect(staffPushes.map((p) => [p.to, p.purpose])).toEqual([
      [OFFICER, 'case-staff-new'],
      ['Uofficer2', 'case-staff-new'],
    ]);
    expect(staffPushes[0]!.messages).toContain('รับเรื่อง');
    expect(staffPushes[0]!.messages).toContain('GRP-2569-0001');

    await db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: ACTORS.officer!, expectedVersion: c.version + 1 }, NOW));
    expect((await pushesAbout(db, c, 'case-applicant')).map((p) => p.to)).toEqual([APPLICANT]);
  });

  it('staff when the applicant withdraws a submitted case, without decision buttons; nobody for a withdrawn draft', async () => {
    const sent = await caseIn(db, 'submitted', APPLICANT);
    await db.transaction((tx) => transition(tx, OFFICE, sent.id, { to: 'withdrawn', actor: ACTORS.applicant!, expectedVersion: sent.version }, NOW));
    const [notice] = await pushesAbout(db, sent);
    expect(notice).toMatchObject({ to: OFFICER, purpose: 'case-staff-withdrawn' });
    expect(notice!.messages).toContain('ผู้ยื่นยกเลิกเรื่อง');
    expect(notice!.messages).not.toContain('"type":"button"');

    const draft = await caseIn(db, 'draft', APPLICANT);
    await db.transaction((tx) => transition(tx, OFFICE, draft.id, { to: 'withdrawn', actor: ACTORS.applicant!, expectedVersion: draft.version }, NOW));
    expect(await pushesAbout(db, draft)).toEqual([]);
  });
});
