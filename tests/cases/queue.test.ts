// เรื่องรอตรวจ: the office's cases waiting for staff (new and resubmitted first, then under review,
// then those waiting for the applicant), the longest waiting first, at most 12 cards and how many
// more; each card opens the case with the decisions open now; staff only; never another office's case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff } from '../../src/db/staff';
import { SAY as ENGINE_SAY } from '../../src/flows/engine';
import { postback } from '../../src/flows/postback';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexButtons, flexLabels } from '../booking/helpers';
import { OFFICE, caseAt } from './helpers';

let t: TestBot;
let staff: Person;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
  staff = new Person(t);
  await addStaff(t.db, OFFICE, staff.userId, 'cli', clock.now().getTime());
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const daysAgo = (n: number) => new Date(clock.now().getTime() - n * 24 * 60 * 60 * 1000);

/** The carousel's bubbles, each as its text. */
function cards(messages: Message[]): string[] {
  const carousel = messages.find((m) => m.type === 'flex' && (m as { contents: { type: string } }).contents.type === 'carousel') as { contents: { contents: unknown[] } } | undefined;
  return (carousel?.contents.contents ?? []).map((b) => allText([{ type: 'flex', altText: '', contents: b } as Message]));
}

describe('เรื่องรอตรวจ', () => {
  it('lists new and resubmitted first, then under review, then waiting for the applicant, the longest waiting first; drafts and decided cases are not there', async () => {
    await caseAt(t.db, 'in_review', daysAgo(9), 'U1', 'กลุ่มตรวจอยู่');
    await caseAt(t.db, 'needs_info', daysAgo(20), 'U2', 'กลุ่มรอแก้');
    await caseAt(t.db, 'submitted', daysAgo(2), 'U3', 'กลุ่มใหม่');
    await caseAt(t.db, 'resubmitted', daysAgo(5), 'U4', 'กลุ่มส่งเพิ่ม');
    await caseAt(t.db, 'draft', daysAgo(30), 'U5', 'กลุ่มร่าง');
    await caseAt(t.db, 'registered', daysAgo(40), 'U6', 'กลุ่มจดแล้ว');
    const reply = await staff.say('เรื่องรอตรวจ');
    expect(texts(reply)[0]).toContain('เรื่องรอตรวจ 4 เรื่อง');
    const list = cards(reply);
    const names = ['กลุ่มส่งเพิ่ม', 'กลุ่มใหม่', 'กลุ่มตรวจอยู่', 'กลุ่มรอแก้', 'กลุ่มร่าง', 'กลุ่มจดแล้ว'];
    expect(list.map((c) => names.find((n) => c.includes(n)))).toEqual(['กลุ่มส่งเพิ่ม', 'กลุ่มใหม่', 'กลุ่มตรวจอยู่', 'กลุ่มรอแก้']);
    expect(list[0]).toContain('5 วัน');
    expect(list[0]).toContain('ส่งข้อมูลเพิ่มแล้ว');
    expect(list[3]).toContain('รอผู้ยื่นแก้ไข');
    expect(list[3]).toContain('20 วัน');
    expect(flexLabels(reply)).toEqual(['เปิดเรื่อง', 'เปิดเรื่อง', 'เปิดเรื่อง', 'เปิดเรื่อง']);
    expect(quickReplyLabels(reply)).toContain('เมนู');
  });

  it('13 waiting cases: 12 cards and "1 more"; a case of another office is never listed', async () => {
    for (let i = 0; i < 13; i++) await caseAt(t.db, 'submitted', daysAgo(20 - i), `U${i}`, `กลุ่มที่${i + 1}`);
    await caseAt(t.db, 'submitted', daysAgo(60), 'Uelse', 'กลุ่มต่างสำนักงาน', 'other-office');
    for (const words of ['รอตรวจ', 'งานรอตรวจ', 'เคสรอตรวจ']) {
      const reply = await staff.say(words);
      expect(cards(reply)).toHaveLength(12);
      expect(texts(reply)[0]).toContain('เรื่องรอตรวจ 13 เรื่อง');
      expect(texts(reply)[0]).toContain('ยังมีอีก 1 เรื่อง');
      expect(allText(reply)).not.toContain('กลุ่มต่างสำนักงาน');
      expect(cards(reply)[0]).toContain('กลุ่มที่1');
      expect(allText(reply)).not.toContain('กลุ่มที่13');
    }
  });

  it('nothing waiting: says so, with a menu button', async () => {
    const reply = await staff.say('เรื่องรอตรวจ');
    expect(texts(reply)).toEqual(['ไม่มีเรื่องรอตรวจค่ะ']);
    expect(quickReplyLabels(reply)).toEqual(['เมนู']);
  });

  it('เปิดเรื่อง shows the case card with the decisions open now and a way back to the queue', async () => {
    await caseAt(t.db, 'in_review', daysAgo(3), 'U1', 'กลุ่มตรวจอยู่');
    const list = await staff.say('เรื่องรอตรวจ');
    const open = flexButtons(list).find((b) => b.label === 'เปิดเรื่อง')!;
    const card = await staff.postback(open.action.data!);
    expect(allText(card)).toContain('กลุ่มตรวจอยู่');
    expect(flexLabels(card)).toEqual(['ขอเอกสารเพิ่ม', 'รับขึ้นทะเบียน', 'ไม่รับ']);
    expect(quickReplyLabels(card)).toEqual(['เรื่องรอตรวจ', 'เมนู']);
  });

  it('is for staff only: a villager typing the words or sending the button is refused, and sees no case', async () => {
    await caseAt(t.db, 'submitted', daysAgo(1), 'U1', 'กลุ่มใหม่');
    const villager = new Person(t);
    for (const reply of [await villager.say('เรื่องรอตรวจ'), await villager.postback(postback.go('case-queue'))]) {
      expect(allText(reply)).not.toContain('กลุ่มใหม่');
    }
    expect(texts(await villager.postback(postback.go('case-queue')))[0]).toBe(ENGINE_SAY.staffOnly);
    expect(quickReplyLabels(await villager.say('เมนู'))).not.toContain('เรื่องรอตรวจ (จนท.)');
    expect(quickReplyLabels(await staff.say('เมนู'))).toContain('เรื่องรอตรวจ (จนท.)');
  });
});
