// "ลบข้อมูลของฉัน" for a group leader, through the webhook: the confirmation explains what happens to
// the group's record; a never-sent draft goes with its photos; a sent or registered group stays the
// office's record without the LINE link, so a later staff decision pushes nothing to the person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft, ERASED_APPLICANT, transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { bindAttachment, recordAttachment } from '../../src/attachments/store';
import { storeContent } from '../../src/attachments/files';
import { addStaff } from '../../src/db/staff';
import { q } from '../../src/db/sql';
import { GROUP_SLOTS } from '../../src/groups/data';
import { GROUP_PRIVACY } from '../../src/groups/privacy';
import { groupDataOf } from '../../src/groups/store';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { updateRow } from '../support/database';
import { NOW, submittedCase } from '../cases/helpers';
import { GROUP_NAME, sampleProfile } from './fixtures';

let t: TestBot;
beforeEach(async () => {
  clock.set(NOW.toISOString());
  t = await createTestBot();
  await addStaff(t.db, 'default', 'Uofficer', 'cli', NOW.getTime());
});
afterEach(async () => {
  expectNoLineProblems();
  await t.close();
});

const officer = { role: 'officer' as const, id: 'Uofficer' };

describe('ลบข้อมูลของฉัน for a group leader', () => {
  it('says nothing about groups to someone without group cases', async () => {
    const villager = new Person(t);
    const reply = allText(await villager.say('ลบข้อมูลของฉัน'));
    expect(reply).toContain('ต้องการลบข้อมูลทั้งหมดของคุณ');
    expect(reply).not.toContain('ข้อมูลกลุ่ม');
  });

  it('explains the register, erases the draft, keeps sent groups without the link, and no push reaches the person', async () => {
    const leader = new Person(t);
    const draft = await t.db.transaction((tx) => createDraft(tx, 'default', 'group', leader.userId, NOW, { profile: sampleProfile('กลุ่มที่ยังไม่ส่ง') }));
    const sha256 = await storeContent(t.config.attachments.dir, 'default', Buffer.from('a draft photo'));
    const photo = await recordAttachment(t.db, 'default', { messageId: 'm-draft', userId: leader.userId, sha256, mime: 'image/png', bytes: 13 }, NOW.getTime());
    await bindAttachment(t.db, 'default', photo.id, leader.userId, Object.values(GROUP_SLOTS)[0]!, draft.id);
    const sent = await submittedCase(t.db, leader.userId);
    const taken = await t.db.transaction((tx) => transition(tx, 'default', sent.id, { to: 'in_review', actor: officer, expectedVersion: sent.version }, NOW));
    if (!taken.ok) throw new Error(taken.reason);
    const registered = await submittedCase(t.db, leader.userId);
    await updateRow(t.db, 'cases', { id: registered.id }, { status: 'registered' });
    await t.bot.outbox.runOnce();

    const confirm = allText(await leader.say('ลบข้อมูลของฉัน'));
    expect(confirm).toContain(GROUP_PRIVACY.erasure);
    expect(allText(await leader.tap('ยืนยัน ลบข้อมูล'))).toContain('ลบข้อมูลของคุณเรียบร้อยแล้วค่ะ');

    expect(await findCase(t.db, 'default', draft.id)).toBeUndefined();
    expect(await t.db.all(q`SELECT id FROM attachments WHERE office_id = 'default' AND case_id = ${draft.id}`)).toEqual([]);
    for (const kept of [sent, registered]) {
      const c = (await findCase(t.db, 'default', kept.id))!;
      expect(c.applicantUserId).toBe(ERASED_APPLICANT);
      expect(c.reference).toBe(kept.reference);
      expect(groupDataOf(c).profile?.name).toBe(GROUP_NAME);
    }

    // A later staff decision is recorded, and nothing is queued or pushed to the person.
    const now = (await findCase(t.db, 'default', sent.id))!;
    const decided = await t.db.transaction((tx) => transition(tx, 'default', sent.id, { to: 'registered', actor: officer, expectedVersion: now.version }, NOW));
    expect(decided).toMatchObject({ ok: true, case: { status: 'registered' } });
    const before = fake.sent.length;
    await t.bot.outbox.runOnce();
    expect(fake.sent.slice(before).filter((r) => r.to === leader.userId || r.to === ERASED_APPLICANT)).toEqual([]);
    expect(await t.db.all(q`SELECT id FROM outbox WHERE office_id = 'default' AND status = 'pending' AND "to" IN (${leader.userId}, ${ERASED_APPLICANT})`)).toEqual([]);
    // Nobody acts as the erased applicant.
    const withdraw = await t.db.transaction((tx) =>
      transition(tx, 'default', registered.id, { to: 'withdrawn', actor: { role: 'applicant', id: ERASED_APPLICANT }, expectedVersion: registered.version }, NOW),
    );
    expect(withdraw).toMatchObject({ ok: false, reason: 'not_allowed' });
  });
});
