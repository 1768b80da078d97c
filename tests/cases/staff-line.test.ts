// Staff decide from LINE, through the webhook: the notice of a new case and its buttons, the answer to
// the one who decided and the push to the applicant, an old button answered with the status now, a
// forged staff postback from a villager, and the short conversation for a decision that needs a note.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveData, transition } from '../../src/cases/actions';
import { CASE_ENTRIES } from '../../src/cases/messages';
import { findCase } from '../../src/cases/store';
import type { CaseRow } from '../../src/db/schema';
import { addStaff } from '../../src/db/staff';
import { SAY as ENGINE_SAY } from '../../src/flows/engine';
import { postback } from '../../src/flows/postback';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { sampleBank, sampleProfile } from '../groups/fixtures';
import { OFFICE, buttonData, caseIn, historyRows, pushesAbout, pushesTo, submittedCase } from './helpers';

let t: TestBot;
let staffA: Person;
let staffB: Person;
let leader: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  staffA = new Person(t);
  staffB = new Person(t);
  leader = new Person(t);
  await addStaff(t.db, 'default', staffA.userId, 'cli', clock.now().getTime());
  await addStaff(t.db, 'default', staffB.userId, 'cli', clock.now().getTime() + 1);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});


/** Submit as the leader and deliver the staff notices; returns the case and staff A's notice. */
async function submitted(): Promise<{ c: CaseRow; notice: Message[] }> {
  const c = await submittedCase(t.db, leader.userId, OFFICE, clock.now());
  await t.bot.outbox.runOnce();
  return { c, notice: pushesTo(staffA.userId).at(-1)! };
}


describe('the notice of a new case', () => {
  it('reaches every staff member with the reference, the group’s name and the รับเรื่อง button; the leader gets no push', async () => {
    const { notice } = await submitted();
    expect(pushesTo(staffB.userId)).toHaveLength(1);
    for (const part of ['มีเรื่องใหม่', 'GRP-2569-0001', 'กลุ่มแม่บ้านบ้านโนนสูง', 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ']) expect(allText(notice)).toContain(part);
    expect(flexLabels(notice)).toEqual(['รับเรื่อง']);
    expect(pushesTo(leader.userId)).toEqual([]);
  });
});

describe('a decision from a button', () => {
  it('รับเรื่อง: the staff member is told it is done with the next decisions; the leader gets a push with a button back', async () => {
    const { c, notice } = await submitted();
    const reply = await staffA.postback(buttonData(notice, 'รับเรื่อง'));
    expect(texts(reply)[0]).toContain('บันทึกแล้วค่ะ ✅ เรื่อง GRP-2569-0001 สถานะ: เจ้าหน้าที่รับเรื่องแล้ว');
    expect(quickReplyLabels(reply)).toEqual(['ขอเอกสารเพิ่ม', 'รับขึ้นทะเบียน', 'ไม่รับ', 'เมนู']);
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');

    await t.bot.outbox.runOnce();
    const [push] = pushesTo(leader.userId);
    for (const part of ['GRP-2569-0001', 'เจ้าหน้าที่รับเรื่องแล้ว', 'จะแจ้งผลทาง LINE นี้ค่ะ']) expect(allText(push!)).toContain(part);
    const status = await leader.postback(buttonData(push!, 'ดูสถานะเรื่อง'));
    expect(texts(status)[0]).toContain('สถานะ: เจ้าหน้าที่รับเรื่องแล้ว');
  });

  it('the second staff member pressing the same notice is told it was handled, with the status now; one decision, one push', async () => {
    const { c, notice } = await submitted();
    await staffA.postback(buttonData(notice, 'รับเรื่อง'));
    const late = await staffB.postback(buttonData(pushesTo(staffB.userId).at(-1)!, 'รับเรื่อง'));
    expect(texts(late)[0]).toContain('เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: เจ้าหน้าที่รับเรื่องแล้ว)');
    expect(quickReplyLabels(late)).toEqual(['ขอเอกสารเพิ่ม', 'รับขึ้นทะเบียน', 'ไม่รับ', 'เมนู']);
    expect((await historyRows(t.db, c)).filter((h) => h.toStatus === 'in_review')).toHaveLength(1);
    expect(await pushesAbout(t.db, c, 'case-applicant')).toHaveLength(1);
  });

  it('an old button whose decision is no longer open says so, and acts on nothing', async () => {
    const c = await caseIn(t.db, 'in_review', leader.userId);
    const registered = await staffA.postback(postback.go(CASE_ENTRIES.decide, { c: String(c.id), v: String(c.version), t: 'registered' }));
    expect(texts(registered)[0]).toContain('สถานะ: ขึ้นทะเบียนกลุ่มแล้ว');
    // Someone forged a version that matches, for a decision not open from "registered".
    const now = (await findCase(t.db, OFFICE, c.id))!;
    const reply = await staffB.postback(postback.go(CASE_ENTRIES.decide, { c: String(c.id), v: String(now.version), t: 'in_review' }));
    expect(texts(reply)[0]).toContain('ทำรายการนี้ไม่ได้ในสถานะปัจจุบันค่ะ (สถานะ: ขึ้นทะเบียนกลุ่มแล้ว)');
    expect((await findCase(t.db, OFFICE, c.id))!).toEqual(now);
  });

  it('a forged staff postback from a villager is refused and changes nothing — decide and note alike', async () => {
    const { c } = await submitted();
    const villager = new Person(t);
    for (const entry of [CASE_ENTRIES.decide, CASE_ENTRIES.note]) {
      const reply = await villager.postback(postback.go(entry, { c: String(c.id), v: String(c.version), t: 'in_review' }));
      expect(texts(reply)[0]).toBe(ENGINE_SAY.staffOnly);
    }
    // Even the case's own applicant.
    const own = await leader.postback(postback.go(CASE_ENTRIES.decide, { c: String(c.id), v: String(c.version), t: 'in_review' }));
    expect(texts(own)[0]).toBe(ENGINE_SAY.staffOnly);
    expect((await findCase(t.db, OFFICE, c.id))!).toEqual(c);
    expect(await historyRows(t.db, c)).toHaveLength(2);
  });

  it('a button naming a case of another office, or garbage, is "not found"', async () => {
    const other = await caseIn(t.db, 'submitted', leader.userId, 'other-office');
    for (const params of [{ c: String(other.id), v: String(other.version), t: 'in_review' }, { c: 'abc', v: '1', t: 'in_review' }, { c: '99999', v: '1', t: 'in_review' }]) {
      const reply = await staffA.postback(postback.go(CASE_ENTRIES.decide, params));
      expect(texts(reply)[0]).toContain('ไม่พบเรื่องนี้ค่ะ');
    }
    expect((await findCase(t.db, 'other-office', other.id))!).toEqual(other);
  });

  it('the applicant’s button shows nothing to someone else', async () => {
    const { c } = await submitted();
    const stranger = await new Person(t).postback(postback.go(CASE_ENTRIES.open, { c: String(c.id), v: String(c.version) }));
    expect(texts(stranger)[0]).toContain('ไม่พบเรื่องนี้ค่ะ');
    expect(allText(stranger)).not.toContain('GRP-2569');
  });
});

describe('a decision that needs a note', () => {
  async function inReview(): Promise<CaseRow> {
    const { c, notice } = await submitted();
    await staffA.postback(buttonData(notice, 'รับเรื่อง'));
    return (await findCase(t.db, OFFICE, c.id))!;
  }

  it('ไม่รับ asks for the reason, refuses a sticker, then rejects with it; the leader reads the reason', async () => {
    const c = await inReview();
    const ask = await staffA.tap('ไม่รับ');
    expect(texts(ask).at(-1)).toContain('พิมพ์เหตุผลที่ไม่รับเรื่อง');
    expect(texts(ask).at(-1)).toContain('เรื่อง GRP-2569-0001 → ไม่รับเรื่อง');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
    const sticker = await staffA.sticker();
    expect(texts(sticker).at(-1)).toContain('พิมพ์เหตุผลที่ไม่รับเรื่อง');

    const done = await staffA.say('กลุ่มตั้งอยู่นอกเขตเทศบาล ติดต่อ อบต. ข้างเคียงได้ค่ะ');
    expect(texts(done)[0]).toContain('สถานะ: ไม่รับเรื่อง');
    expect(texts(done)[0]).toContain('ข้อความถึงผู้ยื่น: กลุ่มตั้งอยู่นอกเขตเทศบาล ติดต่อ อบต. ข้างเคียงได้ค่ะ');
    expect((await historyRows(t.db, c)).at(-1)).toMatchObject({ toStatus: 'rejected', note: 'กลุ่มตั้งอยู่นอกเขตเทศบาล ติดต่อ อบต. ข้างเคียงได้ค่ะ', actorId: staffA.userId });
    await t.bot.outbox.runOnce();
    expect(allText(pushesTo(leader.userId).at(-1)!)).toContain('กลุ่มตั้งอยู่นอกเขตเทศบาล');
  });

  it('ขอเอกสารเพิ่ม: choose sections (a second tap removes one), then the note; only those sections reopen; the leader resubmits and staff hear of it', async () => {
    const c = await inReview();
    const ask = await staffA.tap('ขอเอกสารเพิ่ม');
    expect(quickReplyLabels(ask)).toEqual(['ข้อมูลกลุ่ม', 'สมาชิก', 'คณะกรรมการ', 'ระเบียบข้อตกลง', 'เงินทุน', 'บัญชีธนาคาร', 'บันทึกการประชุม', 'ยกเลิก']);
    await staffA.tap('สมาชิก');
    await staffA.tap('ข้อมูลกลุ่ม');
    const chosen = await staffA.tap('บัญชีธนาคาร');
    expect(texts(chosen).at(-1)).toContain('เลือกแล้ว: สมาชิก, ข้อมูลกลุ่ม, บัญชีธนาคาร');
    const removed = await staffA.tap('✓ ข้อมูลกลุ่ม');
    expect(texts(removed).at(-1)).toContain('เลือกแล้ว: สมาชิก, บัญชีธนาคาร');
    const note = await staffA.tap('เสร็จแล้ว');
    expect(texts(note).at(-1)).toContain('พิมพ์สิ่งที่ต้องการให้ผู้ยื่นแก้ไข');
    const done = await staffA.say('ขอรูปสมุดบัญชีหน้าแรก และรายชื่อสมาชิกที่ลงชื่อครบ');
    expect(texts(done)[0]).toContain('สถานะ: ขอข้อมูล/เอกสารเพิ่ม');
    expect(texts(done)[0]).toContain('ส่วนที่ต้องแก้ไข: สมาชิก, บัญชีธนาคาร');
    expect(texts(done)[0]).toContain('ข้อความถึงผู้ยื่น: ขอรูปสมุดบัญชีหน้าแรก');

    const asked = (await findCase(t.db, OFFICE, c.id))!;
    expect(JSON.parse(asked.reopened)).toEqual(['members', 'bank']);
    await t.bot.outbox.runOnce();
    const push = pushesTo(leader.userId).at(-1)!;
    for (const part of ['สมาชิก, บัญชีธนาคาร', 'ขอรูปสมุดบัญชีหน้าแรก']) expect(allText(push)).toContain(part);
    expect(flexLabels(push)).toEqual(['แก้ไขข้อมูล']);

    const fixes = await t.db.transaction(async (tx) => [
      await saveData(tx, OFFICE, c.id, leader.userId, { profile: sampleProfile('ชื่อใหม่') }, clock.now()),
      await saveData(tx, OFFICE, c.id, leader.userId, { bank: sampleBank() }, clock.now()),
    ]);
    expect(fixes.map((f) => f.ok)).toEqual([false, true]);
    const again = await t.db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'resubmitted', actor: { role: 'applicant', id: leader.userId }, expectedVersion: asked.version }, clock.now()));
    expect(again.ok).toBe(true);
    await t.bot.outbox.runOnce();
    const notice = pushesTo(staffB.userId).at(-1)!;
    expect(allText(notice)).toContain('ผู้ยื่นส่งข้อมูลเพิ่มแล้ว');
    expect(flexLabels(notice)).toEqual(['รับเรื่อง']);
  });

  it('someone else decides while the note is being typed: the note is not applied, and the staff member is told the status now', async () => {
    const c = await inReview();
    await staffA.tap('ไม่รับ');
    const current = (await findCase(t.db, OFFICE, c.id))!;
    await staffB.postback(postback.go(CASE_ENTRIES.decide, { c: String(c.id), v: String(current.version), t: 'registered' }));
    const late = await staffA.say('ข้อมูลไม่ครบ');
    expect(texts(late)[0]).toContain('เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: ขึ้นทะเบียนกลุ่มแล้ว)');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('registered');
    expect((await historyRows(t.db, c)).filter((h) => h.toStatus === 'rejected')).toEqual([]);
  });

  it('ไม่รับ with only spaces for a reason is asked again; nothing changes until a reason is typed', async () => {
    const c = await inReview();
    await staffA.tap('ไม่รับ');
    const blank = await staffA.say('   ');
    expect(texts(blank).join('\n')).toContain('กรุณาพิมพ์เป็นข้อความค่ะ');
    expect(texts(blank).at(-1)).toContain('พิมพ์เหตุผลที่ไม่รับเรื่อง');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
    expect((await historyRows(t.db, c)).filter((h) => h.toStatus === 'rejected')).toEqual([]);
  });

  it('a decide button forged without a note for ไม่รับ asks for it instead of rejecting', async () => {
    const c = await inReview();
    const reply = await staffA.postback(postback.go(CASE_ENTRIES.decide, { c: String(c.id), v: String(c.version), t: 'rejected' }));
    expect(texts(reply)[0]).toContain('ต้องระบุข้อความถึงผู้ยื่นก่อนค่ะ');
    expect(quickReplyLabels(reply)).toEqual(['ไม่รับ', 'เมนู']);
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
  });
});
