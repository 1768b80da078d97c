// Reminders to group leaders from the scheduler's minute pass: a draft idle for the office's
// draftIdleReminderDays, a needs_info case unanswered for needsInfoReminderDays — each pushed once,
// with a button back into the group hub.
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft, transition } from '../../src/cases/actions';
import { addStaff } from '../../src/db/staff';
import { postback } from '../../src/flows/postback';
import { GROUP_ENTRIES } from '../../src/flows/groups/ids';
import { allText, clock, createTestBot, expectNoLineProblems, fake, quickReplyLabels, type Message, type TestBot } from '../support/harness';
import { NOW, submittedCase } from '../cases/helpers';
import { GROUP_NAME, sampleProfile } from './fixtures';

const DAY_MS = 86_400_000;
const LEADER = 'Uleader00000000000000000000000001';
const officer = { role: 'officer' as const, id: 'Uofficer' };
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

/** The pass the scheduler runs each minute, then the outbox: what reached the leader by push. */
async function pass(): Promise<Message[][]> {
  const before = fake.sent.length;
  await t.bot.scheduler.runOnce();
  await t.bot.outbox.runOnce();
  return fake.sent.slice(before).filter((r) => r.to === LEADER).map((r) => r.messages);
}

function buttonData(messages: Message[], label: string): string | undefined {
  const items = messages.flatMap((m) => m.quickReply?.items ?? []);
  return (items.find((i) => i.action?.label === label)?.action as messagingApi.PostbackAction | undefined)?.data;
}

describe('group reminders', () => {
  it('reminds an idle draft once, with a button back into the hub', async () => {
    const draft = await t.db.transaction((tx) => createDraft(tx, 'default', 'group', LEADER, NOW, { profile: sampleProfile() }));
    clock.advance(2 * DAY_MS);
    expect(await pass()).toEqual([]); // the default office waits 3 days
    clock.advance(1 * DAY_MS + 60_000);
    const pushed = await pass();
    expect(pushed).toHaveLength(1);
    expect(allText(pushed[0]!)).toContain(`ข้อมูลกลุ่ม "${GROUP_NAME}" ยังไม่ได้ส่งให้สำนักงาน`);
    expect(quickReplyLabels(pushed[0]!)).toEqual(['กรอกต่อ', 'เมนู']);
    expect(buttonData(pushed[0]!, 'กรอกต่อ')).toBe(postback.go(GROUP_ENTRIES.submit, { c: String(draft.id) }));
    clock.advance(DAY_MS);
    expect(await pass()).toEqual([]); // once
  });

  it('reminds a needs_info case unanswered once, naming the sections to fix', async () => {
    const sent = await submittedCase(t.db, LEADER);
    const taken = await t.db.transaction((tx) => transition(tx, 'default', sent.id, { to: 'in_review', actor: officer, expectedVersion: sent.version }, NOW));
    if (!taken.ok) throw new Error(taken.reason);
    const back = await t.db.transaction((tx) =>
      transition(tx, 'default', sent.id, { to: 'needs_info', actor: officer, expectedVersion: taken.case.version, note: 'ขอรายชื่อสมาชิกให้ครบ', sections: ['members', 'bank'] }, NOW),
    );
    if (!back.ok) throw new Error(back.reason);
    expect(await pass()).toHaveLength(2); // the status pushes themselves (รับเรื่อง, ขอข้อมูลเพิ่ม), no reminder yet
    clock.advance(4 * DAY_MS);
    expect(await pass()).toEqual([]); // the default office waits 5 days
    clock.advance(DAY_MS + 60_000);
    const pushed = await pass();
    expect(pushed).toHaveLength(1);
    expect(allText(pushed[0]!)).toContain(`(${sent.reference})`);
    expect(allText(pushed[0]!)).toContain('ส่วนที่ต้องแก้: สมาชิก, บัญชีธนาคาร');
    expect(buttonData(pushed[0]!, 'แก้ข้อมูล')).toBe(postback.go(GROUP_ENTRIES.submit, { c: String(sent.id) }));
    clock.advance(DAY_MS);
    expect(await pass()).toEqual([]);
  });
});
