// คุยกับประชาชน in the workspace (issue 12 point 5), at the server: the list (open first, then
// closed), one hand-off's conversation, an answer that reaches the villager exactly as an answer
// from LINE does, ปิดเรื่อง returning the villager to the menu, a closed hand-off refused; audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { q } from '../../src/db/sql';
import { answerHandoff, closeHandoff } from '../../src/handoff/actions';
import { addStaff } from '../../src/db/staff';
import type { AuditRow, HandoffMessageRow, HandoffRow } from '../../src/db/schema';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, texts, type TestBot } from '../support/harness';
import { buttonData, pushesTo } from '../cases/helpers';
import { signInAt, type StaffSession } from './door-helpers';

const OFFICE = 'default';
let t: TestBot;
let staffA: Person;
let staffB: Person;
let session: StaffSession;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok: office hours
  t = await createTestBot({ env: { PUBLIC_BASE_URL: 'https://bot.example.go.th' } });
  staffA = new Person(t);
  staffB = new Person(t);
  await addStaff(t.db, OFFICE, staffA.userId, 'cli', clock.now().getTime());
  await addStaff(t.db, OFFICE, staffB.userId, 'cli', clock.now().getTime() + 1);
  session = await signInAt(t, staffA);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const handoffOf = async (userId: string) => (await t.db.get<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${OFFICE} AND user_id = ${userId} ORDER BY id DESC LIMIT 1`))!;
const messagesOf = (id: number) => t.db.all<HandoffMessageRow>(q`SELECT * FROM handoff_messages WHERE office_id = ${OFFICE} AND handoff_id = ${id} ORDER BY id`);
const audits = () => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} ORDER BY id`);

/** A villager opens a hand-off in LINE with `words`; the staff pushes are delivered. */
async function villagerOpens(words: string): Promise<{ villager: Person; handoff: HandoffRow }> {
  const villager = new Person(t);
  await villager.say('คุยกับเจ้าหน้าที่');
  await villager.say(words);
  await t.bot.outbox.runOnce();
  return { villager, handoff: await handoffOf(villager.userId) };
}

describe('the list', () => {
  it('shows open hand-offs first with ประชาชน, the first words and whether staff answered, then the closed ones; the view is audited', async () => {
    const first = await villagerOpens('สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ');
    clock.advance(60_000);
    const second = await villagerOpens('ขอถามเรื่องใบอนุญาตค่ะ');
    clock.advance(60_000);
    const third = await villagerOpens('เรื่องที่ปิดไปแล้ว');
    await t.db.transaction(async (tx) => {
      await answerHandoff(tx, OFFICE, second.handoff.id, staffB.userId, 'ได้ค่ะ', clock.now());
      await closeHandoff(tx, OFFICE, third.handoff.id, staffB.userId, clock.now());
    });
    const html = await session.html('/staff/handoffs');
    const open = html.slice(html.indexOf('รอคุย'), html.indexOf('ปิดแล้วล่าสุด'));
    const closed = html.slice(html.indexOf('ปิดแล้วล่าสุด'));
    expect(open).toContain('สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ');
    expect(open).toContain('ขอถามเรื่องใบอนุญาตค่ะ');
    expect(open).not.toContain('เรื่องที่ปิดไปแล้ว');
    expect(closed).toContain('เรื่องที่ปิดไปแล้ว');
    expect(closed).toContain('เจ้าหน้าที่ปิดเรื่อง');
    // The oldest waiting comes first; the unanswered one says so, the answered one too.
    expect(open.indexOf(`/staff/handoffs/${first.handoff.id}"`)).toBeLessThan(open.indexOf(`/staff/handoffs/${second.handoff.id}"`));
    const rowOf = (id: number) => open.slice(open.indexOf(`/staff/handoffs/${id}"`)).split('</tr>')[0]!;
    expect(rowOf(first.handoff.id)).toContain('ยังไม่ได้ตอบ');
    expect(rowOf(first.handoff.id)).toContain('ประชาชน');
    expect(rowOf(first.handoff.id)).toContain('23 พ.ย. 2569 เวลา 10:00 น.');
    expect(rowOf(second.handoff.id)).toContain('ตอบแล้ว');
    // Neither the villagers' LINE ids nor their words go to the audit log.
    const viewed = (await audits()).filter((a) => a.action === 'handoffs.view');
    expect(viewed).toEqual([expect.objectContaining({ actor: staffA.userId, target: 'handoffs', detail: 'open:2 closed:1' })]);
    expect(JSON.stringify(await audits())).not.toContain('เบี้ย');
  });
});

describe('one hand-off', () => {
  it('shows the conversation with times and the hours the villager was told; opening it is audited', async () => {
    clock.set('2026-12-04T12:00:00Z'); // Friday 19:00: outside hours
    session = await signInAt(t, staffA); // the session of Monday has expired
    const { villager, handoff } = await villagerOpens('ข้อความแรก\nบรรทัดสอง');
    clock.advance(60_000);
    await villager.say('ข้อความที่สอง');
    const html = await session.html(`/staff/handoffs/${handoff.id}`);
    expect(html).toContain(`เรื่องคุย #${handoff.id}`);
    expect(html).toContain('ข้อความแรก\nบรรทัดสอง');
    expect(html).toContain('ข้อความที่สอง');
    expect(html).toContain('4 ธ.ค. 2569 เวลา 19:01 น.');
    expect(html).toContain('เจ้าหน้าที่จะตอบในเวลาทำการ วันอังคารที่ 8 ธ.ค. 2569 เวลา 08:30 น.');
    expect(html).toContain(t.bot.offices.get(OFFICE)!.profile.office.hoursText);
    expect(html).toContain('name="text"');
    expect((await audits()).filter((a) => a.action === 'handoff.view')).toEqual([
      expect.objectContaining({ actor: staffA.userId, target: `handoff:${handoff.id}`, detail: 'messages:2' }),
    ]);
    expect((await session.get('/staff/handoffs/99999')).status).toBe(404);
    expect((await session.get('/staff/handoffs/abc')).status).toBe(404);
  });

  it('an answer from the page reaches the villager as the same push as an answer from LINE, and is stored and audited', async () => {
    const words = 'นำบัตรประชาชนมาที่สำนักงานได้เลยค่ะ';
    // From LINE, for comparison.
    const fromLine = await villagerOpens('คำถามที่หนึ่ง');
    await staffB.postback(buttonData(pushesTo(staffB.userId)[0]!, 'ตอบ'));
    await staffB.say(words);
    // From the page.
    const fromPage = await villagerOpens('คำถามที่สอง');
    await session.html(`/staff/handoffs/${fromPage.handoff.id}`);
    const response = await session.post(`/staff/handoffs/${fromPage.handoff.id}/answer`, { text: `  ${words}  ` });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/staff/handoffs/${fromPage.handoff.id}?m=answered`);
    await t.bot.outbox.runOnce();
    const linePush = pushesTo(fromLine.villager.userId);
    const pagePush = pushesTo(fromPage.villager.userId);
    expect(pagePush).toHaveLength(1);
    expect(allText(pagePush[0]!)).toContain(words);
    expect(pagePush).toEqual(linePush);
    expect((await messagesOf(fromPage.handoff.id)).at(-1)).toMatchObject({ author: 'staff', staffUserId: staffA.userId, text: words });
    expect((await audits()).filter((a) => a.action === 'handoff.answer').map((a) => [a.actor, a.target])).toEqual([
      [staffB.userId, `handoff:${fromLine.handoff.id}`],
      [staffA.userId, `handoff:${fromPage.handoff.id}`],
    ]);
    const after = await session.html(`/staff/handoffs/${fromPage.handoff.id}?m=answered`);
    expect(after).toContain('ส่งคำตอบถึงผู้ติดต่อแล้วค่ะ');
    expect(after).toContain('คุณ (เจ้าหน้าที่)');
    // The villager answers back in LINE: it goes to staff, as after a LINE answer.
    clock.advance(2 * 60_000);
    expect(texts(await fromPage.villager.say('ขอบคุณค่ะ')).at(-1)).toBe('ส่งถึงเจ้าหน้าที่แล้วค่ะ 🙏');
  });

  it('an empty answer is not sent', async () => {
    const { villager, handoff } = await villagerOpens('คำถาม');
    await session.html(`/staff/handoffs/${handoff.id}`);
    const response = await session.post(`/staff/handoffs/${handoff.id}/answer`, { text: '   ' });
    expect(response.headers.get('location')).toBe(`/staff/handoffs/${handoff.id}?e=empty`);
    expect(await session.html(`/staff/handoffs/${handoff.id}?e=empty`)).toContain('กรุณาพิมพ์คำตอบก่อนกดส่งค่ะ');
    await t.bot.outbox.runOnce();
    expect(pushesTo(villager.userId)).toEqual([]);
  });

  it('ปิดเรื่อง closes it as from LINE: the villager is told and the bot answers them again', async () => {
    const { villager, handoff } = await villagerOpens('คำถาม');
    await session.html(`/staff/handoffs/${handoff.id}`);
    const response = await session.post(`/staff/handoffs/${handoff.id}/close`);
    expect(response.status).toBe(303);
    await t.bot.outbox.runOnce();
    expect(allText(pushesTo(villager.userId)[0]!)).toContain('เจ้าหน้าที่ปิดเรื่องที่คุยไว้แล้วค่ะ');
    expect(await handoffOf(villager.userId)).toMatchObject({ closedBy: staffA.userId });
    expect((await audits()).filter((a) => a.action === 'handoff.close')).toEqual([expect.objectContaining({ actor: staffA.userId, target: `handoff:${handoff.id}` })]);
    const menu = await villager.say('เมนู');
    expect(texts(menu).at(-1)).toContain('เลือกบริการที่ต้องการได้เลยค่ะ');
    // LINE's ปิดเรื่อง on the old push now says it was closed.
    expect(texts(await staffB.postback(buttonData(pushesTo(staffB.userId)[0]!, 'ปิดเรื่อง')))[0]).toContain('ปิดไปแล้วค่ะ');
  });

  it('a closed hand-off cannot be answered or closed again: a clear refusal, nothing sent or stored', async () => {
    const { villager, handoff } = await villagerOpens('คำถาม');
    await villager.say('จบการคุย');
    const html = await session.html(`/staff/handoffs/${handoff.id}`);
    expect(html).not.toContain('name="text"');
    expect(html).toContain('เรื่องนี้ปิดไปแล้วค่ะ');
    expect(html).toContain('ผู้ติดต่อจบการคุยเอง');
    const answer = await session.post(`/staff/handoffs/${handoff.id}/answer`, { text: 'ตอบช้าไป' });
    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain('เรื่องนี้ปิดไปแล้วค่ะ จึงตอบหรือปิดซ้ำไม่ได้');
    const close = await session.post(`/staff/handoffs/${handoff.id}/close`);
    expect(close.status).toBe(409);
    await t.bot.outbox.runOnce();
    expect(pushesTo(villager.userId)).toEqual([]);
    expect((await messagesOf(handoff.id)).map((m) => m.author)).toEqual(['villager']);
    expect((await audits()).filter((a) => a.action === 'handoff.answer' || a.action === 'handoff.close')).toEqual([]);
    // The villager is not held in a hand-off: the bot answers.
    expect(allText(await villager.say('เมนู'))).not.toContain('ส่งถึงเจ้าหน้าที่แล้ว');
  });
});
