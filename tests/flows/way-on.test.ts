// Every reply ends with a way on: each menu entry's answer and the end of each flow, walked through
// the webhook, carries a quick reply or a button. New entries are picked up from the registry, so
// one added without a way on fails here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { parsePostback, postback } from '../../src/flows/postback';
import { defaultEntries, defaultFlows } from '../../src/flows/registry';
import { PRIVACY_NOTE } from '../../src/flows/privacy';
import { clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyActions, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { book, bookingsOf, flexButtons } from '../booking/helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 Nov 2569, 10:00 in Bangkok
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** The reply offers something to tap: quick replies on its last message, or a button in a card. */
function hasWayOn(messages: Message[]): boolean {
  return quickReplyActions(messages).length > 0 || flexButtons(messages).length > 0;
}

const WAY_OUT = new Set(['ย้อนกลับ', 'ยกเลิก', 'เมนู']);
// hub: the groups hub (grp_sub) ends with "ไว้ทำต่อทีหลัง".
const TYPED: Record<string, string> = { birth: '15/3/2490', name: 'สมศรี ใจดี', phone: '081-234-5678', hub: 'ไว้ทำต่อทีหลัง', message: 'อยากสอบถามเรื่องเบี้ยยังชีพค่ะ' };

async function stepOf(userId: string): Promise<string | null | undefined> {
  const row = await t.db.get<{ flowId: string | null; stepId: string | null }>(q`SELECT flow_id, step_id FROM conversations WHERE user_id = ${userId}`);
  return row?.flowId ? row.stepId : null;
}

/** Answers each question with its first button (or a typed answer) until the flow ends; the last reply. */
async function walkToEnd(person: Person, start: Message[]): Promise<Message[]> {
  let reply = start;
  for (let turn = 0; turn < 25; turn++) {
    const step = (await stepOf(person.userId));
    if (!step) return reply;
    const inCard = flexButtons(reply).find((b) => b.action.data !== undefined && parsePostback(b.action.data).kind === 'answer');
    const quick = quickReplyActions(reply).find((a) => a.type === 'postback' && !WAY_OUT.has(a.label ?? ''));
    if (TYPED[step]) reply = await person.say(TYPED[step]!);
    else if (inCard) reply = await person.postback(inCard.action.data!);
    else if (quick) reply = await person.postback((quick as messagingApi.PostbackAction).data!);
    else throw new Error(`no way to answer step ${step}: ${quickReplyLabels(reply).join(' | ')}`);
  }
  throw new Error('the flow did not end');
}

describe('a way on after every answer', () => {
  it('each one-shot entry answers with something to tap, for villagers and staff alike', async () => {
    const villager = new Person(t);
    const staff = new Person(t);
    await addStaff(t.db, 'default', staff.userId, 'invite', clock.now().getTime());
    await book(villager);
    const [booking] = (await bookingsOf(t, villager.userId));
    const params: Record<string, Record<string, string>[]> = {
      'remind-registration': [{ allowance: 'elderly', date: '2027-01-01' }, { allowance: 'nobody', date: 'x' }],
      'cancel-booking': [{ booking: String(booking!.id), at: String(booking!.startsAt) }, { booking: '999', at: '1' }],
      'staff-day': [{ day: '2026-11-24' }],
    };
    const oneShot = defaultEntries.filter((entry) => entry.respond);
    expect(oneShot.length).toBeGreaterThan(8);
    for (const entry of oneShot) {
      const who = entry.staffOnly ? staff : villager;
      for (const p of params[entry.id] ?? [{}]) {
        const reply = await who.postback(postback.go(entry.id, p));
        expect(hasWayOn(reply), `${entry.id} ${JSON.stringify(p)}: ${texts(reply).join(' / ')}`).toBe(true);
      }
    }
    // Cancelling a reminder, with one set and with none.
    await villager.postback(postback.go('remind-registration', { allowance: 'elderly', date: '2027-01-04' }));
    for (let i = 0; i < 2; i++) expect(hasWayOn(await villager.postback(postback.go('cancel-registration-reminders')))).toBe(true);
  });

  it('the privacy note offers the delete button, and both ends of deleting offer the way on', async () => {
    const yai = new Person(t);
    let reply = await yai.say('ข้อมูลส่วนตัว');
    expect(texts(reply)).toEqual([PRIVACY_NOTE]);
    expect(quickReplyLabels(reply)).toContain('ลบข้อมูลของฉัน');
    reply = await yai.tap('ลบข้อมูลของฉัน');
    reply = await yai.tap('ไม่ลบ');
    expect(hasWayOn(reply)).toBe(true);
    await yai.say('ลบข้อมูลของฉัน');
    reply = await yai.tap('ยืนยัน ลบข้อมูล');
    expect(texts(reply)[0]).toContain('ลบข้อมูลของคุณเรียบร้อยแล้ว');
    expect(hasWayOn(reply)).toBe(true);
  });

  it('contact details end with buttons', async () => {
    const reply = await new Person(t).say('ติดต่อเจ้าหน้าที่');
    expect(reply.at(-1)?.type).toBe('location');
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining(['จองคิว', 'เมนู']));
  });

  it.each(defaultFlows.map((flow) => flow.id))('the end of the "%s" flow offers a way on', async (flowId) => {
    const person = new Person(t);
    const entry = defaultEntries.find((e) => e.flow === flowId)!;
    const last = await walkToEnd(person, await person.postback(postback.go(entry.id)));
    expect(await stepOf(person.userId)).toBeNull();
    expect(hasWayOn(last), texts(last).join(' / ')).toBe(true);
  });
});
