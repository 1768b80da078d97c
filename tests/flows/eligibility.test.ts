// Eligibility through the webhook: personas answer the questions as villagers (or their children)
// would, and get one card per allowance with the outcome, amount, dates, documents and reasons.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import { eq } from 'drizzle-orm';
import { eligibilityChecks, outbox } from '../../src/db/schema';
import { RULES_VERSION } from '../../src/rules';
import { clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';

let t: TestBot;
beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 พ.ย. 2569, 10:00 in Bangkok: the Oct–Nov window is open
  t = createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** Every text inside a Flex message, in order. */
function flexTexts(message: Message | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string };
    if (n.type === 'text' && n.text) out.push(n.text);
    for (const value of Object.values(node)) walk(value);
  };
  walk((message as messagingApi.FlexMessage | undefined)?.contents);
  return out;
}

/** The cards of the answer, as one string of text each (header first). */
function cards(reply: Message[]): string[] {
  const flex = reply.find((m) => m.type === 'flex') as messagingApi.FlexMessage | undefined;
  if (!flex) return [];
  const bubbles = flex.contents.type === 'carousel' ? flex.contents.contents : [flex.contents];
  return bubbles.map((b) => flexTexts({ type: 'flex', altText: '', contents: b } as Message).join(' | '));
}

async function walk(person: Person, answers: string[]): Promise<Message[]> {
  let reply: Message[] = [];
  for (const answer of answers) reply = await person.say(answer);
  return reply;
}

interface Persona {
  who: string;
  answers: string[];
  /** Per card: fragments its text must contain. */
  expect: string[][];
  alsoSays?: string;
}

const personas: Persona[] = [
  {
    who: '69-year-old already receiving the old-age allowance',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '15 มี.ค. 2500', 'ใช่', 'ใช่', 'ได้รับอยู่แล้ว', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย'],
    expect: [['เบี้ยยังชีพผู้สูงอายุ', 'มีสิทธิ์ค่ะ', 'ไม่ต้องยืนยันสิทธิใหม่']],
  },
  {
    who: '69-year-old never registered: registers in the open window, paid from next October',
    answers: ['เบี้ยคนแก่', 'ตัวเอง', '15/3/2500', 'ใช่', 'ใช่', 'ยังไม่ได้รับ', 'ไม่มีเลย', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย'],
    expect: [['มีสิทธิ์', 'เดือนละ 700 บาท', 'ตอนนี้เปิดรับอยู่', 'ตุลาคม 2570', 'บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน']],
  },
  {
    who: 'turning 60 next year, inside the registration window now',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '10 ต.ค. 2510', 'ใช่', 'ใช่', 'ไม่มีเลย', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย'],
    expect: [['มีสิทธิ์ตั้งแต่ พฤศจิกายน 2570', 'เดือนละ 600 บาท', 'ตอนนี้เปิดรับอยู่']],
  },
  {
    who: 'born 2 September: turns 60 on 1 September, paid from October',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '๒/๙/๒๕๑๐', 'ใช่', 'ใช่', 'ไม่มีเลย', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย'],
    expect: [['มีสิทธิ์ตั้งแต่ ตุลาคม 2570', 'เดือนละ 600 บาท']],
  },
  {
    who: 'a pensioner: the 2566 rules are unclear, so ask the office',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '1/1/2498', 'ใช่', 'ใช่', 'ยังไม่ได้รับ', 'ได้รับบำนาญ', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย'],
    expect: [['ควรสอบถามเจ้าหน้าที่', 'บำนาญ']],
  },
  {
    who: 'a disabled child, asked about by a parent',
    answers: ['เบี้ยพิการ', 'คนในครอบครัว', '5 มิ.ย. 2560', 'ใช่', 'ใช่', 'มีบัตร ยังไม่หมดอายุ', 'ไม่ใช่', 'ไม่ต้อง ดูผลเลย'],
    expect: [['เบี้ยความพิการ', 'มีสิทธิ์', 'เดือนละ 1,000 บาท', 'หนังสือมอบอำนาจ']],
    alsoSays: 'ยื่นยืนยันสิทธิได้ในปีก่อนที่จะอายุครบ 60 ปี',
  },
  {
    who: 'a disabled adult whose card has expired',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '1990', 'ใช่', 'ใช่', 'มีบัตร แต่หมดอายุ', 'ไม่ใช่', 'ไม่ต้อง ดูผลเลย'],
    expect: [['เบี้ยความพิการ', 'บัตร', 'หมดอายุ']],
  },
  {
    who: 'a son asking for his bed-ridden mother, who holds a disability card',
    answers: ['เช็คสิทธิ์', 'คนในครอบครัว', '4 ส.ค. 2490', 'ใช่', 'ใช่', 'ยังไม่ได้รับ', 'ไม่มีเลย', 'มีบัตร ยังไม่หมดอายุ', 'ไม่ต้อง ดูผลเลย'],
    expect: [
      ['เบี้ยยังชีพผู้สูงอายุ', 'มีสิทธิ์', 'หนังสือมอบอำนาจ'],
      ['เบี้ยความพิการ', 'มีสิทธิ์', 'เดือนละ 800 บาท', 'หนังสือมอบอำนาจ'],
    ],
  },
  {
    who: 'someone whose house registration is outside the area',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '2495', 'ใช่', 'ไม่ใช่'],
    expect: [['ยังไม่มีสิทธิ์', 'ทะเบียนบ้าน']],
  },
  {
    who: 'someone who chooses to check the AIDS allowance',
    answers: ['เช็คสิทธิ์', 'ตัวเอง', '1/1/2530', 'ใช่', 'ใช่', 'ไม่ได้พิการ', 'เช็คด้วย', 'มีใบรับรองแพทย์แล้ว', 'ใช่'],
    expect: [['เบี้ยยังชีพผู้ป่วยเอดส์', 'มีสิทธิ์', 'เดือนละ 500 บาท', 'ใบรับรองแพทย์']],
  },
];

describe('personas', () => {
  it.each(personas)('$who', async (persona) => {
    const reply = await walk(new Person(t), persona.answers);
    const got = cards(reply);
    expect(got).toHaveLength(persona.expect.length);
    persona.expect.forEach((fragments, i) => {
      for (const fragment of fragments) expect(got[i], `card ${i} should mention "${fragment}"`).toContain(fragment);
    });
    if (persona.alsoSays) expect(texts(reply).join('\n')).toContain(persona.alsoSays);
    expect(quickReplyLabels(reply)).toEqual(['จองคิว', 'เช็คให้คนอื่น', 'ติดต่อเจ้าหน้าที่', 'เมนู']);
  });
});

describe('the record kept', () => {
  it('stores the as-of date, rules version and outcome, and no health answers', async () => {
    const person = new Person(t);
    await walk(person, personas.at(-1)!.answers);
    const [row] = t.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.userId, person.userId)).all();
    expect(row).toMatchObject({ asOf: '2026-11-23', rulesVersion: RULES_VERSION, forWhom: 'self' });
    expect(JSON.parse(row!.facts)).toEqual({ birth: { year: 1987, month: 1, day: 1 }, thaiNational: true, registeredInArea: true, applicant: 'self' });
    expect(row!.facts + row!.outcomes).not.toMatch(/certified|aidsDiagnosis|hardship|disabilityCard/);
    expect(JSON.parse(row!.outcomes)).toEqual([{ allowance: 'aids', checked: true }]);
  });

  it('is deleted with "ลบข้อมูลของฉัน"', async () => {
    const person = new Person(t);
    await walk(person, personas[1]!.answers);
    await person.say('ลบข้อมูลของฉัน');
    await person.tap('ยืนยัน ลบข้อมูล');
    expect(t.db.select().from(eligibilityChecks).where(eq(eligibilityChecks.userId, person.userId)).all()).toEqual([]);
  });
});

describe('bad input at every step', () => {
  it('re-asks each question with a reason and loses no answer', async () => {
    const person = new Person(t);
    await person.say('เช็คสิทธิ์');
    expect(texts(await person.say('หลานชาย'))[0]).toBe('กรุณาเลือกจากปุ่มด้านล่างนะคะ');
    await person.say('ตัวเอง');
    expect(texts(await person.say('31 เม.ย. 2500'))[0]).toContain('วัน');
    expect(texts(await person.say('2600'))[0]).toContain('ยังมาไม่ถึง');
    expect(texts(await person.say('เมื่อวาน'))[1]).toContain('เกิดวันที่เท่าไร');
    expect(texts(await person.sticker())[0]).toContain('อ่านได้เฉพาะข้อความ');
    await person.say('15 มี.ค. 2500');
    expect(texts(await person.say('อาจจะ'))[1]).toBe('คุณมีสัญชาติไทยไหมคะ');
    await person.say('ใช่');
    expect(texts(await person.say('555'))[1]).toContain('ทะเบียนบ้าน');
    await person.say('ใช่');
    expect(texts(await person.say('?'))[1]).toContain('ได้รับเบี้ยยังชีพผู้สูงอายุอยู่แล้ว');
    await person.say('ยังไม่ได้รับ');
    expect(texts(await person.say('ไม่รู้จัก'))[1]).toContain('บำนาญ');
    await person.say('ไม่มีเลย');
    expect(texts(await person.say('x'))[1]).toContain('บัตรประจำตัวคนพิการ');
    await person.say('ไม่ได้พิการ');
    expect(texts(await person.say('y'))[1]).toContain('เอดส์');
    const reply = await person.say('ไม่ต้อง');
    expect(cards(reply)[0]).toContain('เดือนละ 700 บาท');
  });

  it('takes the date picker and "ไม่ทราบวันเกิด"', async () => {
    const a = new Person(t);
    await walk(a, ['เช็คสิทธิ์', 'ตัวเอง']);
    expect(texts(await a.pickDate('1957-03-15'))).toEqual(['คุณมีสัญชาติไทยไหมคะ']);
    const b = new Person(t);
    await walk(b, ['เช็คสิทธิ์', 'ตัวเอง']);
    await b.tap('ไม่ทราบวันเกิด');
    const reply = await walk(b, ['ใช่', 'ใช่', 'ยังไม่ได้รับ', 'ไม่มีเลย', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย']);
    expect(cards(reply)[0]).toContain('ควรสอบถามเจ้าหน้าที่');
  });
});

describe('remind me when registration opens', () => {
  it('queues one push for the opening day, and cancels it on request', async () => {
    clock.set('2026-12-10T03:00:00Z'); // December: between the two windows
    const person = new Person(t);
    const reply = await walk(person, ['เช็คสิทธิ์', 'ตัวเอง', '15/3/2500', 'ใช่', 'ใช่', 'ยังไม่ได้รับ', 'ไม่มีเลย', 'ไม่ได้พิการ', 'ไม่ต้อง ดูผลเลย']);
    const flex = reply.find((m) => m.type === 'flex') as messagingApi.FlexMessage;
    const button = JSON.stringify(flex).match(/"data":"(a=go&e=remind-registration[^"]+)"/);
    expect(button, 'the card offers a reminder').not.toBeNull();
    const data = button![1]!.replace(/\\u0026/g, '&');
    let answer = await person.postback(data);
    expect(texts(answer)[0]).toContain('ตั้งเตือนแล้วค่ะ');
    await person.postback(data);
    const queued = t.db.select().from(outbox).where(eq(outbox.purpose, 'registration-reminder')).all();
    expect(queued).toHaveLength(1);
    // The round opens on 1 ม.ค. 2570, a holiday before a weekend: sent on Monday 4 ม.ค., 09:00 Bangkok.
    expect(new Date(queued[0]!.dueAt).toISOString()).toBe('2027-01-04T02:00:00.000Z');
    expect(texts(answer)[0]).toContain('วันจันทร์ที่ 4 ม.ค. 2570');
    answer = await person.tap('ยกเลิกการเตือน');
    expect(texts(answer)[0]).toContain('ยกเลิกการเตือน');
    expect(t.db.select().from(outbox).where(eq(outbox.purpose, 'registration-reminder')).get()!.status).toBe('cancelled');
  });

  it('refuses a forged reminder date in the past', async () => {
    const reply = await new Person(t).postback('a=go&e=remind-registration&p.allowance=elderly&p.date=2020-01-01');
    expect(texts(reply)[0]).toContain('ตั้งเตือนจากปุ่มนี้ไม่ได้');
  });
});
