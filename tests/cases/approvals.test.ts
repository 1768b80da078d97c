// Reference Q20 (a junior officer works a case, a senior approves it), as the office setting
// staff.approvalsByAdmin: when on, only an admin may take an approval (รับขึ้นทะเบียน here) — from a
// LINE button, from the workspace, or through transition() itself; officers still do the rest. Off
// (the default), one officer does both, as a small office needs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import type { CaseRow } from '../../src/db/schema';
import { addStaffMember } from '../../src/staff/access';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyActions, quickReplyLabels, type Message, type TestBot } from '../support/harness';
import { signInAt } from '../staff/door-helpers';
import { OFFICE, buttonData, pushesTo, submittedCase } from './helpers';

let t: TestBot;
/** The postback data of the quick reply with this label (the buttons under the staff member's reply). */
const quickData = (messages: Message[], label: string): string => {
  const action = quickReplyActions(messages).find((a) => a.label === label);
  if (!action || action.type !== 'postback') throw new Error(`no quick reply ${label}`);
  return (action as { data: string }).data;
};
let officer: Person;
let admin: Person;

async function start(approvalsByAdmin: boolean): Promise<void> {
  t = await createTestBot({ env: { PUBLIC_BASE_URL: 'https://bot.example.go.th' }, profile: (p) => ({ ...p, staff: { approvalsByAdmin } }) });
  officer = new Person(t);
  admin = new Person(t);
  await addStaffMember(t.db, OFFICE, officer.userId, 'officer', 'cli', clock.now().getTime());
  await addStaffMember(t.db, OFFICE, admin.userId, 'admin', 'cli', clock.now().getTime());
}

/** A group case the officer has taken in (รับเรื่อง from the notice's button). */
async function inReview(): Promise<{ c: CaseRow; reply: Awaited<ReturnType<Person['postback']>> }> {
  const c = await submittedCase(t.db);
  await t.bot.outbox.runOnce();
  const reply = await officer.postback(buttonData(pushesTo(officer.userId).at(-1)!, 'รับเรื่อง'));
  return { c: (await findCase(t.db, OFFICE, c.id))!, reply };
}

beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('approvals by an admin (staff.approvalsByAdmin)', () => {
  it('an officer pressing รับขึ้นทะเบียน in LINE is told an admin approves; nothing changes; the admin can', async () => {
    await start(true);
    const { c, reply } = await inReview();
    expect(c.status).toBe('in_review');
    const refused = await officer.postback(quickData(reply, 'รับขึ้นทะเบียน'));
    expect(allText(refused)).toContain('สำนักงานกำหนดให้ผู้ดูแลระบบ (admin) เป็นผู้อนุมัติ');
    expect(quickReplyLabels(refused)).toEqual(['เรื่องรอตรวจ', 'เมนู']);
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');

    const done = await admin.postback(quickData(reply, 'รับขึ้นทะเบียน'));
    expect(allText(done)).toContain('บันทึกแล้วค่ะ');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('registered');
  });

  it('transition() itself refuses an officer, whatever role is claimed; other decisions stay the officer’s', async () => {
    await start(true);
    const { c } = await inReview();
    const asOfficer = await t.db.transaction((tx) =>
      transition(tx, OFFICE, c.id, { to: 'registered', actor: { role: 'officer', id: officer.userId }, expectedVersion: c.version, office: t.bot.services.office }, clock.now()),
    );
    expect(asOfficer).toMatchObject({ ok: false, reason: 'not_allowed' });
    const ask = await t.db.transaction((tx) =>
      transition(tx, OFFICE, c.id, { to: 'needs_info', actor: { role: 'officer', id: officer.userId }, expectedVersion: c.version, office: t.bot.services.office, sections: ['profile'], note: 'ขอรูปหน้ากลุ่มเพิ่มค่ะ' }, clock.now()),
    );
    expect(ask.ok).toBe(true);
  });

  it('the workspace offers รับขึ้นทะเบียน to the admin only, and refuses the officer’s POST', async () => {
    await start(true);
    const { c } = await inReview();
    const officerSession = await signInAt(t, officer);
    const officerPage = await officerSession.html(`/staff/cases/${c.id}`);
    expect(officerPage).toContain('ไม่รับ');
    expect(officerPage).not.toContain('รับขึ้นทะเบียน');
    const posted = await officerSession.post(`/staff/cases/${c.id}/decide`, { to: 'registered', version: String(c.version) });
    expect(posted.status).not.toBe(303);
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');

    const adminSession = await signInAt(t, admin);
    expect(await adminSession.html(`/staff/cases/${c.id}`)).toContain('รับขึ้นทะเบียน');
  });

  it('off (the default), the officer registers the group', async () => {
    await start(false);
    const { c, reply } = await inReview();
    await officer.postback(quickData(reply, 'รับขึ้นทะเบียน'));
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('registered');
  });
});
