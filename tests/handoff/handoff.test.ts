// คุยกับเจ้าหน้าที่ (issue 12 point 5) through the webhook: a villager opens a hand-off, every staff
// member gets a push with ตอบ and ปิดเรื่อง, a staff member answers from LINE and the villager gets
// it; while open the flows do not answer (a menu word is forwarded); จบการคุย and ปิดเรื่อง close it
// and the menu comes back; outside office hours the ack says when; retention and erasure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/db/retention';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { eraseUserData } from '../../src/db/personal-data';
import type { HandoffMessageRow, HandoffRow, AuditRow } from '../../src/db/schema';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { flexLabels } from '../booking/helpers';
import { buttonData, pushesTo } from '../cases/helpers';

const OFFICE = 'default';
const DAY = 86_400_000;
let t: TestBot;
let staffA: Person;
let staffB: Person;
let villager: Person;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok: office hours
  t = await createTestBot();
  staffA = new Person(t);
  staffB = new Person(t);
  villager = new Person(t);
  await addStaff(t.db, OFFICE, staffA.userId, 'cli', clock.now().getTime());
  await addStaff(t.db, OFFICE, staffB.userId, 'cli', clock.now().getTime() + 1);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const handoffsOf = (userId: string) => t.db.all<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${OFFICE} AND user_id = ${userId} ORDER BY id`);
const messagesOf = (id: number) => t.db.all<HandoffMessageRow>(q`SELECT * FROM handoff_messages WHERE office_id = ${OFFICE} AND handoff_id = ${id} ORDER BY id`);

/** The villager opens a hand-off with `words`; the staff pushes are delivered. */
async function opened(words = 'สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ'): Promise<{ reply: Message[]; handoff: HandoffRow }> {
  const ask = await villager.say('คุยกับเจ้าหน้าที่');
  expect(texts(ask).join('\n')).toContain('พิมพ์เรื่องที่ต้องการสอบถาม');
  const reply = await villager.say(words);
  await t.bot.outbox.runOnce();
  const [handoff] = await handoffsOf(villager.userId);
  return { reply, handoff: handoff! };
}

describe('opening a hand-off', () => {
  it('stores the message, pushes it to every staff member with ตอบ and ปิดเรื่อง, and tells the villager it went, with จบการคุย', async () => {
    const { reply, handoff } = await opened();
    expect(handoff.closedAt).toBeNull();
    expect((await messagesOf(handoff.id)).map((m) => [m.author, m.text])).toEqual([['villager', 'สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ']]);
    expect(texts(reply)[0]).toContain('ส่งถึงเจ้าหน้าที่แล้วค่ะ');
    expect(texts(reply)[0]).toContain('ตอนนี้อยู่ในเวลาทำการ');
    expect(quickReplyLabels(reply)).toEqual(['จบการคุย']);
    for (const staff of [staffA, staffB]) {
      const pushes = pushesTo(staff.userId);
      expect(pushes).toHaveLength(1);
      expect(allText(pushes[0]!)).toContain('สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ');
      expect(flexLabels(pushes[0]!)).toEqual(['ตอบ', 'ปิดเรื่อง']);
    }
    expect(pushesTo(villager.userId)).toEqual([]);
  });

  it('the other words open it too, and ช่วยเหลือ offers คุยกับเจ้าหน้าที่ first', async () => {
    const help = await villager.say('ช่วยเหลือ');
    expect(quickReplyLabels(help)[0]).toBe('คุยกับเจ้าหน้าที่');
    for (const words of ['ขอคุยกับคน', 'ติดต่อคน']) {
      const ask = await villager.say(words);
      expect(texts(ask).join('\n')).toContain('พิมพ์เรื่องที่ต้องการสอบถาม');
      await villager.say('ยกเลิก');
    }
    expect(await handoffsOf(villager.userId)).toEqual([]);
  });

  it('half-way through another conversation: ช่วยเหลือ says how, and the words open it at any question', async () => {
    await villager.say('จองคิว');
    const help = await villager.say('ช่วยเหลือ');
    expect(texts(help).join('\n')).toContain('พิมพ์ "คุยกับเจ้าหน้าที่" ได้เลยค่ะ');
    expect(texts(help).join('\n')).toContain('จองคิวมาติดต่อสำนักงานเรื่องอะไรคะ'); // the question is asked again
    const ask = await villager.say('คุยกับเจ้าหน้าที่');
    expect(texts(ask).join('\n')).toContain('พิมพ์เรื่องที่ต้องการสอบถาม');
    const reply = await villager.say('ไม่แน่ใจว่าต้องจองเรื่องไหนค่ะ');
    expect(texts(reply).join('\n')).toContain('ส่งถึงเจ้าหน้าที่แล้ว');
    const [handoff] = await handoffsOf(villager.userId);
    expect((await messagesOf(handoff!.id)).map((m) => m.text)).toEqual(['ไม่แน่ใจว่าต้องจองเรื่องไหนค่ะ']);
  });

  it('outside office hours the ack names the next opening from the profile (weekend and a holiday skipped)', async () => {
    clock.set('2026-12-04T12:00:00Z'); // Friday 19:00; Sat, Sun, Mon 7 Dec (holiday) closed
    const { reply } = await opened();
    expect(texts(reply)[0]).toContain('เจ้าหน้าที่จะตอบในเวลาทำการ วันอังคารที่ 8 ธ.ค. 2569 เวลา 08:30 น.');
    clock.advance(60 * 60_000);
    const later = await villager.say('ขอบคุณค่ะ');
    expect(texts(later)[0]).toContain('วันอังคารที่ 8 ธ.ค. 2569 เวลา 08:30 น.');
  });
});

describe('while the hand-off is open', () => {
  it('a menu word is forwarded, not acted on; a sticker and a photo are stored as markers without a download', async () => {
    const { handoff } = await opened();
    clock.advance(2 * 60_000);
    const menu = await villager.say('เมนู');
    expect(texts(menu)).toEqual(['ส่งถึงเจ้าหน้าที่แล้วค่ะ 🙏']);
    expect(quickReplyLabels(menu)).toEqual(['จบการคุย']);
    const book = await villager.say('จองคิว');
    expect(texts(book)).toEqual(['ส่งถึงเจ้าหน้าที่แล้วค่ะ 🙏']);
    const sticker = await villager.sticker();
    expect(texts(sticker)[0]).toContain('สติกเกอร์');
    const photo = await villager.image('photo-1');
    expect(texts(photo)[0]).toContain('รูปภาพ');
    expect(fake.calls.filter((c) => c.path.endsWith('/content'))).toEqual([]);
    expect((await messagesOf(handoff.id)).map((m) => m.text).slice(1)).toEqual(['เมนู', 'จองคิว', '[สติกเกอร์]', '[รูปภาพ]']);
    const conversation = await t.db.get<{ flowId: string | null }>(q`SELECT flow_id FROM conversations WHERE office_id = ${OFFICE} AND user_id = ${villager.userId}`);
    expect(conversation?.flowId ?? null).toBeNull();
  });

  it('a menu button is not acted on either: the villager is told to press จบการคุย first', async () => {
    await opened();
    const reply = await villager.tap('จบการคุย').then(() => villager.say('คุยกับเจ้าหน้าที่'));
    expect(texts(reply).join('\n')).toContain('พิมพ์เรื่องที่ต้องการสอบถาม');
    await villager.say('อีกเรื่องค่ะ');
    const pressed = await villager.postback('a=go&e=booking');
    expect(texts(pressed)[0]).toContain('ตอนนี้กำลังคุยกับเจ้าหน้าที่อยู่ค่ะ');
    expect(quickReplyLabels(pressed)).toEqual(['จบการคุย']);
  });

  it('messages typed fast make one push per minute per hand-off, holding all of them', async () => {
    const { handoff } = await opened('ข้อความแรก');
    clock.advance(5_000);
    await villager.say('ข้อความสอง');
    clock.advance(5_000);
    await villager.say('ข้อความสาม');
    await t.bot.outbox.runOnce();
    expect(pushesTo(staffA.userId)).toHaveLength(1); // the gathered push waits for the minute
    clock.advance(60_000);
    await t.bot.outbox.runOnce();
    const pushes = pushesTo(staffA.userId);
    expect(pushes).toHaveLength(2);
    expect(allText(pushes[1]!)).toContain('ข้อความสอง');
    expect(allText(pushes[1]!)).toContain('ข้อความสาม');
    expect(allText(pushes[1]!)).not.toContain('ข้อความแรก');
    clock.advance(5 * 60_000);
    await villager.say('ข้อความสี่');
    await t.bot.outbox.runOnce();
    expect(pushesTo(staffA.userId)).toHaveLength(3);
    expect(allText(pushesTo(staffA.userId)[2]!)).toContain('ข้อความสี่');
    expect(allText(pushesTo(staffA.userId)[2]!)).not.toContain('ข้อความสาม');
    expect((await messagesOf(handoff.id)).length).toBe(4);
  });
});

describe('staff answer and close from LINE', () => {
  it('ตอบ: the staff member types the answer; it is stored, audited without its text, and pushed to the villager', async () => {
    const { handoff } = await opened();
    const notice = pushesTo(staffA.userId)[0]!;
    const prompt = await staffA.postback(buttonData(notice, 'ตอบ'));
    expect(texts(prompt)[0]).toContain('พิมพ์คำตอบถึงผู้ติดต่อ');
    expect(texts(prompt)[0]).toContain('สอบถามเรื่องเบี้ยผู้สูงอายุของแม่ค่ะ');
    const done = await staffA.say('นำบัตรประชาชนมาที่สำนักงานได้เลยค่ะ');
    expect(texts(done)[0]).toContain('ส่งคำตอบถึงผู้ติดต่อแล้วค่ะ');
    expect(quickReplyLabels(done)).toContain('ปิดเรื่อง');
    await t.bot.outbox.runOnce();
    const [push] = pushesTo(villager.userId);
    expect(allText(push!)).toContain('นำบัตรประชาชนมาที่สำนักงานได้เลยค่ะ');
    // The answer comes from the office's own staff, not the district's community-development office.
    expect(allText(push!)).toContain('ข้อความจากเจ้าหน้าที่ของสำนักงาน');
    expect(allText(push!)).not.toContain('พัฒนาชุมชนอำเภอ');
    expect(quickReplyLabels(push!)).toEqual(['จบการคุย']);
    const stored = await messagesOf(handoff.id);
    expect(stored.at(-1)).toMatchObject({ author: 'staff', staffUserId: staffA.userId, text: 'นำบัตรประชาชนมาที่สำนักงานได้เลยค่ะ' });
    const audits = await t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE}`);
    expect(audits).toEqual([expect.objectContaining({ actor: staffA.userId, action: 'handoff.answer', target: `handoff:${handoff.id}` })]);
    expect(JSON.stringify(audits)).not.toContain('บัตรประชาชน');
    // The villager answers back: it goes to staff, not to the flows.
    clock.advance(2 * 60_000);
    const back = await villager.say('ขอบคุณค่ะ');
    expect(texts(back).at(-1)).toBe('ส่งถึงเจ้าหน้าที่แล้วค่ะ 🙏');
  });

  it('a villager cannot use the staff buttons', async () => {
    const { handoff } = await opened();
    const other = new Person(t);
    const forged = await other.postback(`a=go&e=handoff-answer&p.h=${handoff.id}`);
    expect(texts(forged)[0]).toContain('สำหรับเจ้าหน้าที่เท่านั้น');
    await other.postback(`a=go&e=handoff-close&p.h=${handoff.id}`);
    expect((await handoffsOf(villager.userId))[0]!.closedAt).toBeNull();
  });

  it('ปิดเรื่อง: closed, the villager is told and gets the bot back; a second press says it was closed', async () => {
    const { handoff } = await opened();
    const closed = await staffA.postback(buttonData(pushesTo(staffA.userId)[0]!, 'ปิดเรื่อง'));
    expect(texts(closed)[0]).toContain(`ปิดเรื่องคุย #${handoff.id} แล้วค่ะ`);
    const late = await staffB.postback(buttonData(pushesTo(staffB.userId)[0]!, 'ปิดเรื่อง'));
    expect(texts(late)[0]).toContain('ปิดไปแล้วค่ะ');
    const answerLate = await staffB.postback(buttonData(pushesTo(staffB.userId)[0]!, 'ตอบ'));
    expect(texts(answerLate)[0]).toContain('ปิดไปแล้วค่ะ');
    await t.bot.outbox.runOnce();
    expect(allText(pushesTo(villager.userId)[0]!)).toContain('เจ้าหน้าที่ปิดเรื่องที่คุยไว้แล้วค่ะ');
    expect((await handoffsOf(villager.userId))[0]).toMatchObject({ closedBy: staffA.userId });
    const menu = await villager.say('เมนู');
    expect(texts(menu).at(-1)).toContain('เลือกบริการที่ต้องการได้เลยค่ะ');
  });

  it('จบการคุย from the villager closes it and returns to the menu', async () => {
    await opened();
    const ended = await villager.say('จบการคุย');
    expect(texts(ended)[0]).toContain('จบการคุยกับเจ้าหน้าที่แล้วค่ะ');
    expect(quickReplyLabels(ended)).toContain('คุยกับเจ้าหน้าที่');
    expect((await handoffsOf(villager.userId))[0]).toMatchObject({ closedBy: 'villager' });
    const booking = await villager.say('จองคิว');
    expect(allText(booking)).not.toContain('ส่งถึงเจ้าหน้าที่แล้ว');
    await villager.say('ยกเลิก');
    const again = await villager.say('จบการคุย');
    expect(texts(again)[0]).toContain('ตอนนี้ไม่มีการคุยกับเจ้าหน้าที่ค้างอยู่ค่ะ');
  });
});

describe('retention and erasure', () => {
  it('an open hand-off idle for 14 days is closed by the system; closed hand-offs lose their messages after 90 days', async () => {
    const { handoff } = await opened();
    clock.advance(13 * DAY);
    await applyRetention(t.db, clock.now());
    expect((await handoffsOf(villager.userId))[0]!.closedAt).toBeNull();
    clock.advance(2 * DAY);
    await applyRetention(t.db, clock.now());
    expect((await handoffsOf(villager.userId))[0]).toMatchObject({ closedBy: 'system' });
    const back = await villager.say('จองคิว');
    expect(allText(back)).not.toContain('ส่งถึงเจ้าหน้าที่แล้ว');
    clock.advance(89 * DAY);
    await applyRetention(t.db, clock.now());
    expect(await messagesOf(handoff.id)).toHaveLength(1);
    clock.advance(2 * DAY);
    await applyRetention(t.db, clock.now());
    expect(await messagesOf(handoff.id)).toEqual([]);
    expect(await handoffsOf(villager.userId)).toEqual([]);
  });

  it('ลบข้อมูลของฉัน deletes the villager’s hand-offs and messages, and blanks the staff pushes that quoted them', async () => {
    const { handoff } = await opened();
    await villager.say('จบการคุย');
    await t.db.transaction((tx) => eraseUserData(tx, OFFICE, villager.userId, clock.now()));
    expect(await handoffsOf(villager.userId)).toEqual([]);
    expect(await messagesOf(handoff.id)).toEqual([]);
    const quoted = await t.db.all<{ messages: string }>(q`SELECT messages FROM outbox WHERE office_id = ${OFFICE} AND ref = ${`handoff:${handoff.id}`}`);
    expect(quoted.length).toBeGreaterThan(0);
    for (const row of quoted) expect(row.messages).toBe('[]');
  });
});
