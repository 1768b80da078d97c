// The first conversations: the follow greeting with the privacy note and menu, unfollow, contact
// details with the office on a map, typed keywords, and deleting one's data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { text } from '../../src/line/messages';
import { enqueuePush } from '../../src/notify/outbox';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, Person, postWebhook, quickReplyLabels, texts, type TestBot } from '../support/harness';

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

describe('follow', () => {
  it('greets by display name, explains privacy, and shows the menu', async () => {
    const somsri = new Person(t);
    fake.setProfile(somsri.userId, 'สมศรี');
    const reply = await somsri.follow();
    const [greeting, privacy, menu] = texts(reply);
    expect(greeting).toContain('คุณสมศรี');
    expect(greeting).toContain(t.bot.services.office.office.name);
    expect(privacy).toContain('ลบข้อมูลของฉัน');
    expect(menu).toBe('เลือกบริการที่ต้องการได้เลยค่ะ 👇');
    expect(quickReplyLabels(reply)).toEqual(expect.arrayContaining(['ติดต่อเจ้าหน้าที่', 'ข้อมูลส่วนตัว']));
    expect(await t.db.get(q`SELECT * FROM users WHERE user_id = ${somsri.userId}`)).toMatchObject({ status: 'active' });
    expect(fake.calls.some((c) => c.path === '/v2/bot/chat/loading/start')).toBe(true);
  });

  it('still greets when LINE will not give the profile', async () => {
    const reply = await new Person(t).follow();
    expect(texts(reply)[0]).toMatch(/^สวัสดีค่ะ 🙏/);
  });
});

describe('unfollow', () => {
  it('remembers the block and sends nothing more to that user', async () => {
    const user = new Person(t);
    await postWebhook(t.bot, callback(events.unfollow(user.userId)));
    await t.bot.idle();
    expect(await t.db.get(q`SELECT * FROM users WHERE user_id = ${user.userId}`)).toMatchObject({ status: 'blocked' });
    expect(fake.calls).toHaveLength(0);
    const id = await enqueuePush(t.db, 'default', { to: user.userId, messages: [text('x')], purpose: 'test', dueAt: clock.now().getTime() }, clock.now().getTime())!;
    await t.bot.outbox.runOnce();
    expect((await t.db.get<OutboxRow>(q`SELECT * FROM outbox WHERE id = ${id!}`))!.status).toBe('cancelled');
  });
});

describe('contact', () => {
  it.each(['ติดต่อเจ้าหน้าที่', 'ติดต่อ', 'เบอร์โทร', '  เบอร์โทร  ค่ะ ', 'ติด\u200bต่อ', 'ขอเบอร์โทรสำนักงานหน่อย'])('"%s" gives the office details and map', async (typed) => {
    const reply = await new Person(t).say(typed);
    const office = t.bot.services.office.office;
    const details = texts(reply)[0]!;
    expect(details).toContain(office.name);
    expect(details).toContain(office.hoursText);
    expect(details.replace(/-/g, '')).toContain(office.phone);
    expect(reply[1]).toMatchObject({ type: 'location', latitude: office.location.latitude, longitude: office.location.longitude });
  });

  it('is reachable from the menu button', async () => {
    const user = new Person(t);
    await user.say('เมนู');
    const reply = await user.tap('ติดต่อเจ้าหน้าที่');
    expect(reply.some((m) => m.type === 'location')).toBe(true);
  });
});

describe('delete my data', () => {
  it('asks first, and keeps everything on "ไม่ลบ"', async () => {
    const user = new Person(t);
    let reply = await user.say('ลบข้อมูลของฉัน');
    expect(texts(reply)[0]).toContain('ต้องการลบข้อมูลทั้งหมด');
    expect(quickReplyLabels(reply)).toEqual(['ยืนยัน ลบข้อมูล', 'ไม่ลบ', 'ยกเลิก']);
    reply = await user.tap('ไม่ลบ');
    expect(texts(reply)[0]).toContain('ไม่ได้ลบข้อมูล');
  });

  it('deletes what the service holds after "ยืนยัน"', async () => {
    const user = new Person(t);
    const reminder = await enqueuePush(
      t.db,
      'default',
      { to: user.userId, messages: [text('พรุ่งนี้มีนัดค่ะ')], purpose: 'reminder', dueAt: clock.now().getTime() + 86_400_000 },
      clock.now().getTime(),
    )!;
    await user.say('ลบข้อมูลของฉัน');
    const reply = await user.tap('ยืนยัน ลบข้อมูล');
    expect(texts(reply)[0]).toContain('ลบข้อมูลของคุณเรียบร้อยแล้ว');
    expect((await t.db.all<InboxRow>(q`SELECT * FROM inbox WHERE chat_key = ${user.userId}`)).every((r) => r.payload === null)).toBe(true);
    const reminderRow = (await t.db.get<OutboxRow>(q`SELECT * FROM outbox WHERE id = ${reminder!}`))!;
    expect(reminderRow.status).toBe('cancelled');
    expect(reminderRow.messages).toBe('[]');
  });
});
