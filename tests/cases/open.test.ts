// case-open: the applicant's button goes to the right place (a draft → the hub; ขอเอกสารเพิ่ม → the hub
// at the first reopened section; otherwise the status card, also when the hub is not there), staff get
// the card with the decisions open now, anyone else (and another office's case) "not found".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_ENTRIES } from '../../src/cases/messages';
import { findCase } from '../../src/cases/store';
import type { CaseRow } from '../../src/db/schema';
import { addStaff } from '../../src/db/staff';
import { postback } from '../../src/flows/postback';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { updateRow } from '../support/database';
import { OFFICE, caseIn, conversationOf, withHub, withoutHub } from './helpers';

let t: TestBot;
let leader: Person;
let staff: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ deps: withHub });
  leader = new Person(t);
  staff = new Person(t);
  await addStaff(t.db, OFFICE, staff.userId, 'cli', clock.now().getTime());
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const open = (who: Person, c: CaseRow) => who.postback(postback.go(CASE_ENTRIES.open, { c: String(c.id), v: String(c.version) }));

describe('the applicant’s button', () => {
  it('a draft opens the hub for that case', async () => {
    const c = await caseIn(t.db, 'draft', leader.userId);
    expect(texts(await open(leader, c))).toContain(`hub c=${c.id} s=`);
    expect(await conversationOf(t.db, leader.userId)).toMatchObject({ flowId: 'grp_sub' });
  });

  it('ขอเอกสารเพิ่ม opens the hub at the first reopened section in the hub’s order', async () => {
    const c = await caseIn(t.db, 'needs_info', leader.userId);
    await updateRow(t.db, 'cases', { id: c.id }, { reopened: JSON.stringify(['bank', 'committee']) });
    expect(texts(await open(leader, c))).toContain(`hub c=${c.id} s=committee`);
  });

  it('other statuses show the status card with the group’s name, and a way to the applicant’s cases', async () => {
    const c = await caseIn(t.db, 'in_review', leader.userId);
    const reply = await open(leader, c);
    for (const part of ['สถานะ: เจ้าหน้าที่รับเรื่องแล้ว', 'กลุ่มแม่บ้านบ้านโนนสูง']) expect(texts(reply)[0]).toContain(part);
    expect(quickReplyLabels(reply)).toEqual(['เรื่องของฉัน', 'เมนู']);
    expect((await conversationOf(t.db, leader.userId))?.flowId ?? null).toBeNull();
  });

  it('without the hub registered, ขอเอกสารเพิ่ม still answers with the status card', async () => {
    await t.close();
    t = await createTestBot({ deps: withoutHub });
    const c = await caseIn(t.db, 'needs_info', leader.userId);
    const reply = await open(new Person(t, leader.userId), c);
    expect(texts(reply)[0]).toContain('สถานะ: ขอข้อมูล/เอกสารเพิ่ม');
  });
});

describe('staff and everyone else', () => {
  it('staff get the card with today’s decisions; a case of another office is not found', async () => {
    const c = await caseIn(t.db, 'submitted', leader.userId);
    const card = await open(staff, c);
    expect(flexLabels(card)).toEqual(['รับเรื่อง']);
    expect(allText(card)).toContain('เอกสารแนบ');
    const other = await caseIn(t.db, 'submitted', 'Uelse', 'other-office');
    const reply = await open(staff, other);
    expect(texts(reply)[0]).toContain('ไม่พบเรื่องนี้ค่ะ');
    expect(allText(reply)).not.toContain('กลุ่มแม่บ้าน');
  });

  it('a villager opening someone else’s case sees nothing and starts nothing', async () => {
    const c = await caseIn(t.db, 'needs_info', leader.userId);
    const villager = new Person(t);
    const reply = await open(villager, c);
    expect(texts(reply)[0]).toContain('ไม่พบเรื่องนี้ค่ะ');
    expect((await conversationOf(t.db, villager.userId))?.flowId ?? null).toBeNull();
    expect(await findCase(t.db, OFFICE, c.id)).toEqual(c);
  });
});
