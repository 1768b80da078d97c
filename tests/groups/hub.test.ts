import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveData } from '../../src/cases/actions';
import { groupCasesOf } from '../../src/groups/store';
import { clock, createTestBot, expectNoLineProblems, fake, Person, allText, type TestBot } from '../support/harness';
import { flexButtons } from '../booking/helpers';
import { sampleBank, sampleMembers, sampleProfile } from './fixtures';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('the group hub', () => {
  it('declining consent stores nothing; agreeing makes a draft; send gives the reference number', async () => {
    const p = new Person(t);
    await p.say('ข้อมูลกลุ่ม');
    expect(allText(await p.tap('ไม่ยินยอม'))).toContain('ยังไม่ได้เก็บข้อมูล');
    expect(await groupCasesOf(t.db, 'default', p.userId)).toHaveLength(0);
    await p.say('ข้อมูลกลุ่ม');
    await p.tap('ยินยอม');
    const [c] = await groupCasesOf(t.db, 'default', p.userId);
    expect(c!.status).toBe('draft');
    const now = clock.now();
    await t.db.transaction(async (tx) => {
      await saveData(tx, 'default', c!.id, p.userId, { profile: sampleProfile(), members: sampleMembers(3), committee: { entries: [{ position: 'ประธาน', memberId: 1 }] }, rules: { pages: [1], status: 'adopted' }, bank: sampleBank() }, now);
    });
    const press = async (label: string) => p.postback(flexButtons(p.lastMessages()).find((b) => b.action.label === label)!.action.data!);
    await p.say('ข้อมูลกลุ่ม');
    await press('ตรวจและส่ง');
    const sent = await press('ส่งเรื่อง');
    expect(allText(sent)).toContain('GRP-2569-0001');
    expect((await groupCasesOf(t.db, 'default', p.userId))[0]!.status).toBe('submitted');
  });
});
