// Transcript tests of the conversation engine, with a small three-step flow written for the test:
// user says → bot answers, and the state after. Covers bad input, help after three misses, stale
// buttons, every global command, idle conversations, flows that changed, and restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { contactEntry } from '../../src/flows/contact';
import { APOLOGY, APOLOGY_RESTART } from '../../src/handlers/dispatcher';
import { postback } from '../../src/flows/postback';
import { defaultEntries, defaultFlows } from '../../src/flows/registry';
import type { Entry, Flow } from '../../src/flows/types';
import { text } from '../../src/line/messages';
import { parseThaiDate, reasonText, bangkokToday, formatThaiPartialDate } from '../../src/thai/dates';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type TestBot } from '../support/harness';

function surveyFlow(version = 1): Flow {
  return {
    id: 'survey',
    version,
    title: 'แบบสอบถาม',
    start: () => ({ step: 'likes-tea' }),
    steps: {
      'likes-tea': {
        ask: () => ({
          messages: [text('ชอบดื่มชาไหมคะ')],
          choices: [
            { value: 'yes', label: 'ชอบ' },
            { value: 'no', label: 'ไม่ชอบ' },
          ],
        }),
        accept: (reply) => ({ ok: true, value: reply.choice!.value }),
        next: () => ({ step: 'birthday' }),
      },
      birthday: {
        ask: () => ({ messages: [text('เกิดวันที่เท่าไรคะ')], acceptsText: true, datePicker: { label: 'เลือกวันเกิด', max: '2026-11-23' } }),
        accept: (reply, ctx) => {
          const parsed = parseThaiDate(reply.date ?? reply.text ?? '', { today: bangkokToday(ctx.now) });
          return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: reasonText(parsed.reason) };
        },
        next: () => ({ step: 'nickname' }),
      },
      nickname: {
        ask: () => ({ messages: [text('ชื่อเล่นอะไรคะ')], acceptsText: true }),
        accept: (reply) => (reply.text && reply.text.trim().length >= 2 ? { ok: true, value: reply.text.trim() } : { ok: false, reason: 'ขอชื่อเล่นอย่างน้อย 2 ตัวอักษรค่ะ' }),
        next: (ctx) => ({
          end: [text(`ขอบคุณค่ะ คุณ${String(ctx.answers.nickname)} เกิด ${formatThaiPartialDate(ctx.answers.birthday as never)}`)],
        }),
      },
    },
  };
}

const surveyEntry: Entry = { id: 'survey', menuLabel: 'แบบสอบถาม', keywords: ['แบบสอบถาม'], flow: 'survey' };

let t: TestBot;
const deps = (version = 1) => ({ flows: [...defaultFlows, surveyFlow(version)], entries: [...defaultEntries, surveyEntry] });

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ deps: deps() });
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

function stateOf(userId: string) {
  return t.db.get<{ flowId: string | null; flowVersion: number | null; stepId: string | null; answers: string; history: string; attempts: number; revision: number; resumePending: unknown }>(
    q`SELECT flow_id, flow_version, step_id, answers, history, attempts, revision, resume_pending FROM conversations WHERE user_id = ${userId}`,
  );
}

describe('a conversation from start to end', () => {
  it('asks one question at a time with buttons, and finishes with the answers', async () => {
    const yai = new Person(t);
    let reply = await yai.say('แบบสอบถาม');
    expect(texts(reply)).toEqual(['ชอบดื่มชาไหมคะ']);
    expect(quickReplyLabels(reply)).toEqual(['ชอบ', 'ไม่ชอบ', 'ยกเลิก']);

    reply = await yai.tap('ชอบ');
    expect(texts(reply)).toEqual(['เกิดวันที่เท่าไรคะ']);
    expect(quickReplyLabels(reply)).toEqual(['เลือกวันเกิด', 'ย้อนกลับ', 'ยกเลิก']);
    expect((await stateOf(yai.userId))).toMatchObject({ flowId: 'survey', stepId: 'birthday', attempts: 0 });

    reply = await yai.say('๑๕ มี.ค. ๒๕๐๐');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);

    reply = await yai.say('ยายศรี');
    expect(texts(reply)).toEqual(['ขอบคุณค่ะ คุณยายศรี เกิด 15 มี.ค. 2500']);
    expect((await stateOf(yai.userId))).toMatchObject({ flowId: null, stepId: null, answers: '{}' });
  });

  it('takes a typed choice as well as a tap', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.say(' ไม่ชอบ ค่ะ ');
    expect(texts(reply)).toEqual(['เกิดวันที่เท่าไรคะ']);
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toEqual({ 'likes-tea': 'no' });
  });

  it('takes a date from the date picker', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    const reply = await yai.pickDate('1957-03-15');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);
    expect(JSON.parse((await stateOf(yai.userId))!.answers).birthday).toEqual({ year: 1957, month: 3, day: 15 });
  });
});

describe('bad input', () => {
  it('re-asks the same question with a specific reason, keeping the answers', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    const reply = await yai.say('31 เม.ย. 2500');
    expect(texts(reply)[0]).toBe(reasonText('bad-day'));
    expect(texts(reply)[1]).toBe('เกิดวันที่เท่าไรคะ');
    expect((await stateOf(yai.userId))).toMatchObject({ stepId: 'birthday', attempts: 1 });
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toEqual({ 'likes-tea': 'yes' });
  });

  it('asks to pick a button when text does not match a choice', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.say('อาจจะ');
    expect(texts(reply)).toEqual(['กรุณาเลือกจากปุ่มด้านล่างนะคะ', 'ชอบดื่มชาไหมคะ']);
  });

  it('offers help and the way out after three misses, and still keeps the answers', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    await yai.say('ไม่รู้');
    await yai.say('จำไม่ได้');
    const third = await yai.say('???');
    expect(texts(third)[0]).toContain('ช่วยเหลือ');
    expect(quickReplyLabels(third)).toEqual(['เลือกวันเกิด', 'ย้อนกลับ', 'ช่วยเหลือ', 'ยกเลิก']);
    expect((await stateOf(yai.userId))).toMatchObject({ stepId: 'birthday', attempts: 3 });
    const reply = await yai.say('15/3/2500');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);
    expect((await stateOf(yai.userId))!.attempts).toBe(0);
  });

  it('answers a sticker or a voice note kindly and asks the question again', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.sticker();
    expect(texts(reply)).toEqual(['ขอบคุณค่ะ 🙏 ตอนนี้บอทอ่านได้เฉพาะข้อความและปุ่มนะคะ', 'ชอบดื่มชาไหมคะ']);
    expect((await stateOf(yai.userId))).toMatchObject({ stepId: 'likes-tea', attempts: 0 });
  });

  it('answers a one-shot question typed mid-flow and keeps the flow', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.say('เบอร์โทร');
    expect(allText(reply)).toContain('โทร');
    expect(reply.some((m) => m.type === 'location')).toBe(true);
    expect(texts(reply).at(-1)).toBe('ชอบดื่มชาไหมคะ');
  });
});

describe('stale buttons', () => {
  it('recognises a button from an earlier question and does not act on it', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const oldButtons = yai.lastMessages();
    await yai.tap('ชอบ');
    const oldNo = oldButtons.at(-1)!.quickReply!.items![1]!.action as { data: string };
    const reply = await yai.postback(oldNo.data);
    expect(texts(reply)).toEqual(['ปุ่มนี้เป็นของข้อความเก่า ใช้ไม่ได้แล้วค่ะ', 'เกิดวันที่เท่าไรคะ']);
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toEqual({ 'likes-tea': 'yes' });
  });

  it('says so for a button after the flow has ended, and shows the menu', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const first = yai.lastMessages();
    await yai.say('ยกเลิก');
    const yes = first.at(-1)!.quickReply!.items![0]!.action as { data: string };
    const reply = await yai.postback(yes.data);
    expect(texts(reply)[0]).toBe('ปุ่มนี้เป็นของข้อความเก่า ใช้ไม่ได้แล้วค่ะ');
    expect(quickReplyLabels(reply)).toContain('ติดต่อเจ้าหน้าที่');
  });

  it('answers forged or unknown postback data politely', async () => {
    const yai = new Person(t);
    const reply = await yai.postback('a=hack&x=1');
    expect(texts(reply)[0]).toBe('ขออภัยค่ะ ปุ่มนี้ใช้ไม่ได้แล้ว');
  });
});

describe('global commands in every state', () => {
  it('ยกเลิก ends the flow and shows the menu', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    const reply = await yai.say('ยกเลิก');
    expect(texts(reply)[0]).toBe('ยกเลิกเรื่องแบบสอบถามแล้วค่ะ');
    expect((await stateOf(yai.userId))).toMatchObject({ flowId: null, answers: '{}' });
  });

  it('ยกเลิก with nothing under way says so', async () => {
    const reply = await new Person(t).say('ยกเลิก');
    expect(texts(reply)[0]).toBe('ตอนนี้ไม่มีเรื่องที่ค้างอยู่ค่ะ');
  });

  it('ย้อนกลับ goes to the previous question, and says so at the first', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    let reply = await yai.tap('ย้อนกลับ');
    expect(texts(reply)).toEqual(['ย้อนกลับไปข้อก่อนหน้าค่ะ', 'ชอบดื่มชาไหมคะ']);
    expect((await stateOf(yai.userId))!.stepId).toBe('likes-tea');
    reply = await yai.say('ย้อนกลับ');
    expect(texts(reply)).toEqual(['นี่เป็นคำถามแรกแล้วค่ะ', 'ชอบดื่มชาไหมคะ']);
  });

  it('เมนู shows the menu and keeps the flow to continue', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    let reply = await yai.say('เมนู');
    expect(quickReplyLabels(reply)[0]).toBe('ทำต่อ: แบบสอบถาม');
    expect((await stateOf(yai.userId))!.stepId).toBe('birthday');
    reply = await yai.tap('ทำต่อ: แบบสอบถาม');
    expect(texts(reply)).toEqual(['เกิดวันที่เท่าไรคะ']);
  });

  it('ช่วยเหลือ gives the office contact and the current question again', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.say('ช่วยเหลือ');
    expect(allText(reply)).toContain(t.bot.services.office.office.name);
    expect(texts(reply).at(-1)).toBe('ชอบดื่มชาไหมคะ');
    expect((await stateOf(yai.userId))!.stepId).toBe('likes-tea');
  });

  it('commands are understood with Thai digits, spaces, particles and zero-width characters', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    const reply = await yai.say('  ยก\u200bเลิก  ค่ะ');
    expect(texts(reply)[0]).toBe('ยกเลิกเรื่องแบบสอบถามแล้วค่ะ');
  });
});

describe('a flow that sends the user back', () => {
  it('rewinds the history, so ย้อนกลับ goes further back rather than forward', async () => {
    const flow = surveyFlow();
    // "ไม่ชอบ" tea at the nickname step is impossible here: the flow sends the user back to the tea question.
    flow.steps.nickname!.next = (ctx) => (ctx.answers.nickname === 'ถามใหม่' ? { step: 'likes-tea', say: [text('ขอถามใหม่อีกครั้งค่ะ')] } : { end: [text('จบ')] });
    await t.close();
    t = await createTestBot({ file: t.file, deps: { flows: [...defaultFlows, flow], entries: [...defaultEntries, surveyEntry] } });
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    await yai.say('15/3/2500');
    let reply = await yai.say('ถามใหม่');
    expect(texts(reply)).toEqual(['ขอถามใหม่อีกครั้งค่ะ', 'ชอบดื่มชาไหมคะ']);
    expect(quickReplyLabels(reply)).not.toContain('ย้อนกลับ');
    reply = await yai.say('ย้อนกลับ');
    expect(texts(reply)).toEqual(['นี่เป็นคำถามแรกแล้วค่ะ', 'ชอบดื่มชาไหมคะ']);
  });
});

describe('time and change', () => {
  it('after a day idle, offers to continue or start over', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    clock.advance(25 * 3600_000);
    let reply = await yai.say('15/3/2500');
    expect(texts(reply)[0]).toContain('ค้างไว้');
    expect(quickReplyLabels(reply)).toEqual(['ทำต่อ', 'เริ่มใหม่', 'เมนู']);
    expect((await stateOf(yai.userId))!.stepId).toBe('birthday');
    reply = await yai.tap('ทำต่อ');
    expect(texts(reply)).toEqual(['เกิดวันที่เท่าไรคะ']);
    reply = await yai.say('15/3/2500');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);
  });

  it('after idling, the name of the same service continues it; the name of another goes there', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    clock.advance(25 * 3600_000);
    let reply = await yai.say('แบบสอบถาม');
    expect(texts(reply)).toEqual(['เกิดวันที่เท่าไรคะ']);
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toMatchObject({ 'likes-tea': 'yes' });
    clock.advance(25 * 3600_000);
    reply = await yai.say('จองคิว');
    expect((await stateOf(yai.userId))).toMatchObject({ flowId: 'booking' });
    expect(texts(reply).join('\n')).not.toContain('ค้างไว้');
  });

  it('starting over after idling begins the flow again', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    clock.advance(25 * 3600_000);
    await yai.say('สวัสดี');
    const reply = await yai.say('เริ่มใหม่');
    expect(texts(reply)).toEqual(['ชอบดื่มชาไหมคะ']);
    expect((await stateOf(yai.userId))).toMatchObject({ stepId: 'likes-tea', answers: '{}' });
  });

  it('continues after the app is re-created on the same database file', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ไม่ชอบ');
    t = await t.restart();
    const again = new Person(t, yai.userId);
    const reply = await again.say('1/1/2490');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);
    expect(JSON.parse((await stateOf(yai.userId))!.answers)).toMatchObject({ 'likes-tea': 'no', birthday: { year: 1947, month: 1, day: 1 } });
  });

  it('apologises and restarts when the flow changed version since the row was saved', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    await t.close();
    t = await createTestBot({ file: t.file, deps: deps(2) });
    const reply = await new Person(t, yai.userId).say('15/3/2500');
    expect(texts(reply)).toEqual(['ขออภัยค่ะ ขั้นตอนนี้เพิ่งมีการปรับปรุง ขอเริ่มใหม่อีกครั้งนะคะ', 'ชอบดื่มชาไหมคะ']);
    expect((await stateOf(yai.userId))).toMatchObject({ flowVersion: 2, stepId: 'likes-tea' });
  });

  it('migrates a saved row when the flow knows how', async () => {
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    await t.close();
    const v2 = { ...surveyFlow(2), migrate: (saved: { step: string; answers: Record<string, unknown> }) => ({ step: saved.step, answers: saved.answers }) };
    t = await createTestBot({ file: t.file, deps: { flows: [...defaultFlows, v2], entries: [...defaultEntries, surveyEntry] } });
    const reply = await new Person(t, yai.userId).say('15/3/2500');
    expect(texts(reply)).toEqual(['ชื่อเล่นอะไรคะ']);
  });

  it('a crash inside a step loses nothing: the state is unchanged, the user is told, and staff get a diagnosis without what was typed', async () => {
    const broken = surveyFlow();
    broken.steps.nickname!.accept = () => {
      throw new Error('bug');
    };
    await t.close();
    t = await createTestBot({ file: t.file, deps: { flows: [...defaultFlows, broken], entries: [...defaultEntries, surveyEntry] } });
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    await yai.say('15/3/2500');
    const before = (await stateOf(yai.userId));
    const reply = await yai.say('ยายศรี 081-234-5678');
    expect(texts(reply)[0]).toContain('ขออภัยค่ะ ระบบขัดข้องชั่วคราว');
    expect((await stateOf(yai.userId))).toEqual(before);
    // The failed event keeps the event and message type, flow, step and error — not the name or phone.
    const failed = await t.db.all<InboxRow>(q`SELECT * FROM inbox WHERE status = 'failed'`);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toBe('Error: bug');
    expect(JSON.parse(failed[0]!.payload!)).toEqual({ type: 'message', message: { type: 'text' }, flow: 'survey', step: 'nickname' });
    expect(JSON.stringify(failed)).not.toMatch(/ยายศรี|081-234-5678/);
  });
});

describe('a conversation that keeps failing', () => {
  it('is let go after three failures in an hour, so the user is not trapped in apologies', async () => {
    const broken = surveyFlow();
    broken.steps.birthday!.accept = () => {
      throw new Error('bug');
    };
    await t.close();
    t = await createTestBot({ file: t.file, deps: { flows: [...defaultFlows, broken], entries: [...defaultEntries, surveyEntry] } });
    const yai = new Person(t);
    await yai.say('แบบสอบถาม');
    await yai.tap('ชอบ');
    expect(texts(await yai.say('15/3/2500'))[0]).toBe(APOLOGY);
    expect(texts(await yai.say('15/3/2500'))[0]).toBe(APOLOGY);
    expect((await stateOf(yai.userId))!.stepId).toBe('birthday');
    expect(texts(await yai.say('15/3/2500'))[0]).toBe(APOLOGY_RESTART);
    expect((await stateOf(yai.userId))).toMatchObject({ flowId: null, answers: '{}' });
    expect(quickReplyLabels(await yai.say('เมนู'))).toContain('ติดต่อเจ้าหน้าที่');
  });
});

describe('outside any flow', () => {
  it('greets and shows the menu for hello, and a friendly answer plus the menu for anything else', async () => {
    const yai = new Person(t);
    let reply = await yai.say('สวัสดีค่ะ');
    expect(texts(reply)[0]).toContain('สวัสดีค่ะ');
    expect(quickReplyLabels(reply)).toContain('ติดต่อเจ้าหน้าที่');
    reply = await yai.say('ฝนจะตกไหม');
    expect(texts(reply)[0]).toContain('ยังไม่เข้าใจ');
    expect(quickReplyLabels(reply)).toContain(contactEntry.menuLabel);
  });
});

describe('an entry that answers by starting a flow', () => {
  // The entry reads its params and routes: to the survey (a flow that is here), or to one that is not.
  const routed: Entry = {
    id: 'routed',
    keywords: [],
    respond: (_ctx, params) => ({ say: [text(`ไปที่ ${params.to}`)], then: { flow: params.to!, params: {} } }),
  };

  it('says its lead-in and starts the flow at its first step; a flow not registered gets "button no longer works" and the menu', async () => {
    await t.close();
    t = await createTestBot({ deps: { flows: [...defaultFlows, surveyFlow()], entries: [...defaultEntries, surveyEntry, routed] } });
    const yai = new Person(t);
    const reply = await yai.postback(postback.go('routed', { to: 'survey' }));
    expect(texts(reply)).toEqual(['ไปที่ survey', 'ชอบดื่มชาไหมคะ']);
    expect(quickReplyLabels(reply)).toContain('ชอบ');
    expect(await stateOf(yai.userId)).toMatchObject({ flowId: 'survey', stepId: 'likes-tea' });

    const missing = await yai.postback(postback.go('routed', { to: 'not-here' }));
    expect(texts(missing)).toContain('ขออภัยค่ะ ปุ่มนี้ใช้ไม่ได้แล้ว');
    expect(quickReplyLabels(missing)).toContain(contactEntry.menuLabel);
  });
});
