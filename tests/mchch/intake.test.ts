// The มชช. intake as people meet it: each type through to the draft, each qualification not met
// (the reason, the seed's rule and the fix; nothing stored), the window closed (why, with the
// round, and "แจ้งเตือนรอบหน้า"), a registered group picked and prefilled, consent declined,
// a restart mid-way, and bad input at the steps.
import { flexLabels } from '../booking/helpers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MCHCH_REASONS } from '../../src/mchch/data';
import { mchchCasesOf, mchchDataOf } from '../../src/mchch/store';
import { roundLabel } from '../../src/mchch/rounds';
import { parsePostback } from '../../src/flows/postback';
import { allText, expectNoLineProblems, fake, Person, quickReplyActions, quickReplyLabels, type Message, type TestBot } from '../support/harness';
import { flexButtons } from '../booking/helpers';
import { registeredGroup } from '../groups/registered';
import { clock } from '../support/harness';
import { GROUP_NAME } from '../groups/fixtures';
import { ROUND_2562 } from './fixtures';
import { applicantWithDraft, completeData, mchchBot, newStaff, OFFICE, press } from './helpers';

let t: TestBot;
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const casesOf = (p: Person) => mchchCasesOf(t.db, OFFICE, p.userId);

/** Start, and pick the type. */
async function startAs(p: Person, type: string): Promise<Message[]> {
  const intro = await p.say('สมัคร มชช.');
  expect(quickReplyLabels(intro)).toContain('เริ่มสมัคร');
  await press(p, 'เริ่มสมัคร');
  return press(p, type);
}

function expectNotYet(reply: Message[], reason: { rule: string; fix: string }): void {
  const said = allText(reply);
  expect(said).toContain('ยังสมัครไม่ได้');
  expect(said).toContain(reason.rule);
  expect(said).toContain(reason.fix);
  expect(said).toContain(ROUND_2562.label);
  expect(quickReplyLabels(reply)).toContain('เมนู');
}

describe('in an open round', () => {
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });

  it('the intro names both names, the round and its cut-off; never a score or a quota', async () => {
    const p = new Person(t);
    const intro = allText(await p.say('ระบบมาตรฐานงานชุมชน'));
    expect(intro).toContain('ระบบมาตรฐานการพัฒนาชุมชน (มชช.)');
    expect(intro).toContain('ระบบมาตรฐานงานชุมชน');
    expect(intro).toContain('ภูมิรู้ ภูมิธรรม และภูมิฐาน');
    expect(intro).toContain(roundLabel(ROUND_2562));
    expect(intro).toContain('4 ก.พ. 2562');
    expect(intro).not.toMatch(/คะแนนเต็ม|ระดับ [1-5]|โควตา|จำนวนจำกัด/);
    // No guideline link unless the office set one.
    expect(flexButtons(p.lastMessages())).toHaveLength(0);
    const types = await press(p, 'เริ่มสมัคร');
    expect(quickReplyLabels(types).slice(0, 4)).toEqual(['ผู้นำชุมชน', 'กลุ่ม/องค์กรชุมชน', 'เครือข่ายองค์กรชุมชน', 'ชุมชน']);
    expect(allText(types)).toContain('รู้จักตนเอง สามารถพัฒนาตนเองอย่างมีทิศทางและต่อเนื่อง');
  });

  it('a leader: residency computed and said back, activities with years, position; consent makes the draft', async () => {
    const p = new Person(t);
    const since = await startAs(p, 'ผู้นำชุมชน');
    expect(allText(since)).toContain('มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า ๑ ปี');
    expect(allText(since)).toContain(ROUND_2562.label);
    expect(allText(await p.say('ตั้งแต่ พ.ค. ๒๕๕๓ ค่ะ'))).toContain('อยู่มาแล้ว 8 ปี (ตั้งแต่ พ.ค. 2553)');
    const got = allText(await p.say('ประธานกองทุนหมู่บ้าน 2560, อสม. ปี 2555'));
    expect(got).toContain('1. ประธานกองทุนหมู่บ้าน (2560)');
    expect(got).toContain('2. อสม. (2555)');
    await press(p, 'ตำแหน่งทางการ');
    const consent = allText(await p.say('ผู้ใหญ่บ้าน'));
    expect(consent).toContain('สำนักงานพัฒนาชุมชนอำเภอ');
    expect(consent).toContain(ROUND_2562.label);
    expect(await casesOf(p)).toHaveLength(0);
    const done = allText(await press(p, 'ยินยอม'));
    expect(done).toContain('บันทึกใบสมัครในนามผู้นำชุมชนแล้ว');
    const [c] = await casesOf(p);
    expect(c!.status).toBe('draft');
    const data = mchchDataOf(c!);
    expect(data.round).toEqual({ id: ROUND_2562.id, label: ROUND_2562.label, mode: 'prepare_only', localCutoff: '2019-02-04', districtDeadline: '2019-02-11', district: ROUND_2562.district });
    expect(data.type).toBe('leader');
    expect(data.consent!.at).toBe(clock.now().getTime());
    expect(data.eligibility).toEqual({
      residentSince: '2010-05-01',
      activities: [{ text: 'ประธานกองทุนหมู่บ้าน', year: 2017 }, { text: 'อสม.', year: 2012 }],
      position: { formal: true, title: 'ผู้ใหญ่บ้าน' },
      asOf: '2019-01-21',
    });
    expect(data.applicant).toBeUndefined();
  });

  it('a leader in the community under a year: the months shown, the rule and the fix; nothing stored', async () => {
    const p = new Person(t);
    await startAs(p, 'ผู้นำชุมชน');
    // A year alone that could go either way: the month is asked for, nothing lost.
    const unsure = allText(await p.say('2561'));
    expect(unsure).toContain('ขอเดือนด้วย');
    const reply = await p.say('มิ.ย. 2561');
    expect(allText(reply)).toContain('อยู่มาแล้ว 6 เดือน (ตั้งแต่ มิ.ย. 2561)');
    expectNotYet(reply, MCHCH_REASONS.residency);
    expect(await casesOf(p)).toHaveLength(0);
  });

  it('a leader with no activities: not yet, with the rule and the fix', async () => {
    const p = new Person(t);
    await startAs(p, 'ผู้นำชุมชน');
    await p.say('2550');
    expectNotYet(await press(p, 'ไม่มี'), MCHCH_REASONS.activities);
    await startAs(p, 'ผู้นำชุมชน');
    await p.say('2550');
    expectNotYet(await p.say('ยังไม่มีผลงานค่ะ'), MCHCH_REASONS.activities);
    expect(await casesOf(p)).toHaveLength(0);
  });

  it('a group without a group case: its name, the resolution and its date; "ยังไม่มี" is not yet without a minutes button', async () => {
    const p = new Person(t);
    const name = await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    expect(allText(name)).toContain('กลุ่มชื่ออะไร');
    await p.say('กลุ่มทอผ้าบ้านหนองบัว');
    const no = await press(p, 'ยังไม่มี');
    expectNotYet(no, MCHCH_REASONS.resolution);
    expect(quickReplyLabels(no)).not.toContain('บันทึกการประชุม');

    await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    await p.say('กลุ่มทอผ้าบ้านหนองบัว');
    await press(p, 'มีมติแล้ว');
    // Half a date is refused politely; the full one is said back.
    expect(allText(await p.say('ม.ค. 2562'))).toContain('ขอวัน เดือน และปีให้ครบ');
    expect(allText(await p.say('15 ม.ค. ๒๕๖๒'))).toContain('ประชุมลงมติวันที่ 15 ม.ค. 2562');
    await press(p, 'ยินยอม');
    const [c] = await casesOf(p);
    expect(mchchDataOf(c!).eligibility).toEqual({ name: 'กลุ่มทอผ้าบ้านหนองบัว', resolution: { held: true, meeting: 'ประชุมสมาชิก', date: '2019-01-15' }, asOf: '2019-01-21' });
  });

  it('a registered group is offered, picked by its number, and fills in the applicant; no resolution offers its minutes section', async () => {
    const p = new Person(t);
    const staff = await newStaff(t);
    const group = await registeredGroup(t.db, p.userId, staff.userId, clock.now());
    const pick = await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    expect(allText(pick)).toContain(`1. ${GROUP_NAME}`);
    expect(quickReplyLabels(pick)).toContain('กลุ่มอื่น');
    await p.say('1');
    const no = await press(p, 'ยังไม่มี');
    expectNotYet(no, MCHCH_REASONS.resolution);
    const minutes = quickReplyActions(no).find((a) => a.label === 'บันทึกการประชุม') as { data: string };
    expect(parsePostback(minutes.data)).toMatchObject({ kind: 'go', entry: 'group-section-minutes', params: { c: String(group.id) } });
    expect(await casesOf(p)).toHaveLength(0);

    await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    await p.say('1');
    await press(p, 'มีมติแล้ว');
    await press(p, 'จำวันไม่ได้');
    await press(p, 'ยินยอม');
    const data = mchchDataOf((await casesOf(p))[0]!);
    expect(data.eligibility).toMatchObject({ groupCaseId: group.id, name: GROUP_NAME, resolution: { held: true, meeting: 'ประชุมสมาชิก' } });
    expect(data.eligibility!.resolution!.date).toBeUndefined();
    expect(data.applicant).toEqual({ name: 'สมศรี ใจดี', phone: '0812345678', role: 'ประธาน' });
  });

  it('a network: name, member organisations (may be skipped), the network members\' resolution', async () => {
    const p = new Person(t);
    await startAs(p, 'เครือข่ายองค์กรชุมชน');
    await p.say('เครือข่ายกลุ่มอาชีพตำบลบางพระ');
    expect(allText(await p.say('กลุ่มทอผ้า, กลุ่มจักสาน'))).toContain('2 กลุ่ม/องค์กร');
    expectNotYet(await press(p, 'ยังไม่มี'), MCHCH_REASONS.resolution);

    await startAs(p, 'เครือข่ายองค์กรชุมชน');
    await p.say('เครือข่ายกลุ่มอาชีพตำบลบางพระ');
    await press(p, 'ข้าม');
    await press(p, 'มีมติแล้ว');
    await p.pickDate('2019-01-16');
    await press(p, 'ยินยอม');
    const data = mchchDataOf((await casesOf(p))[0]!);
    expect(data.type).toBe('network');
    expect(data.eligibility).toEqual({ name: 'เครือข่ายกลุ่มอาชีพตำบลบางพระ', resolution: { held: true, meeting: 'ประชุมเครือข่าย', date: '2019-01-16' }, asOf: '2019-01-21' });
  });

  it('a community: name, หมู่ (Thai digits), boundary; no definite boundary is not yet; a ประชาคม resolution makes the draft', async () => {
    const p = new Person(t);
    await startAs(p, 'ชุมชน');
    await p.say('ชุมชนบ้านคลองสวน');
    expect(allText(await p.say('สี่'))).toContain('เลขหมู่');
    await p.say('หมู่ ๔');
    await p.say('ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314');
    expectNotYet(await press(p, 'ยังไม่ชัดเจน'), MCHCH_REASONS.boundary);
    expect(await casesOf(p)).toHaveLength(0);

    await startAs(p, 'ชุมชน');
    await p.say('ชุมชนบ้านคลองสวน');
    await p.say('4');
    await p.say('ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314');
    await press(p, 'ชัดเจนแล้ว');
    expect(allText(p.lastMessages())).toContain('ประชาคม');
    await press(p, 'มีมติแล้ว');
    await p.say('12/1/2562');
    await press(p, 'ยินยอม');
    expect(mchchDataOf((await casesOf(p))[0]!).eligibility).toEqual({
      name: 'ชุมชนบ้านคลองสวน',
      area: { moo: 4, description: 'ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314' },
      definiteBoundary: true,
      resolution: { held: true, meeting: 'ประชาคม', date: '2019-01-12' },
      asOf: '2019-01-21',
    });
  });

  it('consent declined stores nothing', async () => {
    const p = new Person(t);
    await startAs(p, 'ผู้นำชุมชน');
    await p.say('2550');
    await p.say('จัดงานวันผู้สูงอายุ');
    await press(p, 'ไม่เป็นทางการ');
    await p.say('ปราชญ์ชาวบ้าน');
    const reply = await press(p, 'ไม่ยินยอม');
    expect(allText(reply)).toContain('ยังไม่ได้เก็บข้อมูลใด ๆ');
    expect(quickReplyLabels(reply)).toContain('เมนู');
    expect(await casesOf(p)).toHaveLength(0);
  });

  it('a restart mid-way resumes at the same question with the answers kept', async () => {
    const p = new Person(t);
    await startAs(p, 'ผู้นำชุมชน');
    await p.say('พ.ศ. 2555');
    t = await t.restart();
    const again = new Person(t, p.userId);
    await again.say('ประธานกลุ่มออมทรัพย์ 2558');
    await press(again, 'ตำแหน่งทางการ');
    await again.say('กำนัน');
    await press(again, 'ยินยอม');
    const data = mchchDataOf((await casesOf(again))[0]!);
    expect(data.eligibility).toMatchObject({ residentSince: '2012-01-01', activities: [{ text: 'ประธานกลุ่มออมทรัพย์', year: 2015 }], position: { formal: true, title: 'กำนัน' } });
  });

  it('bad input is answered politely and loses nothing: a sticker, "ไม่รู้", a future year, words at a button question', async () => {
    const p = new Person(t);
    await p.say('มชช');
    expect(allText(await p.say('อะไรนะ'))).toContain('เลือกจากปุ่ม');
    await press(p, 'เริ่มสมัคร');
    await press(p, 'ผู้นำชุมชน');
    const sticker = await p.sticker();
    expect(allText(sticker)).toContain('อยู่ในชุมชนนี้มาตั้งแต่เมื่อไร');
    expect(allText(await p.say('ไม่รู้'))).toContain('ประมาณปีไหนก็ได้');
    expect(allText(await p.say('2570'))).toContain('ยังมาไม่ถึง');
    expect(allText(await p.say('ปี 2550'))).toContain('อยู่มาแล้ว 11 ปี');
    expect(allText(await p.say('ไม่รู้'))).toContain('ถ้ายังไม่มี กด "ไม่มี"');
    await p.say('อสม.');
    expect(allText(await p.say('ไม่แน่ใจค่ะ'))).toContain('บทบาทของคุณในชุมชน');
  });

  it('an application under way in the round is offered to continue, or another type; the leader type only once', async () => {
    const { person: p } = await applicantWithDraft(t, completeData('leader'));
    const intro = await p.say('สมัคร มชช.');
    expect(allText(intro)).toContain('คุณมีใบสมัครในรอบนี้อยู่แล้ว');
    expect(quickReplyLabels(intro)).toEqual(expect.arrayContaining(['กรอกต่อ', 'สมัครใหม่อีกประเภท']));
    // Continuing hands over to the application's hub: its checklist, everything of the draft kept.
    expect(flexLabels(await press(p, 'กรอกต่อ'))).toContain('✓ ๑.๔ สำเนาบัตรประชาชน');
    await press(p, 'ไว้ทำต่อทีหลัง');
    await p.say('สมัคร มชช.');
    await press(p, 'สมัครใหม่อีกประเภท');
    expect(allText(await press(p, 'ผู้นำชุมชน'))).toContain('มีใบสมัครในนามผู้นำชุมชนในรอบนี้แล้ว');
    const group = await press(p, 'กลุ่ม/องค์กรชุมชน');
    expect(allText(group)).toContain('กลุ่มชื่ออะไร');
  });
});

describe('several applications under way', () => {
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });

  it('each is offered by its type or name, within LINE\'s label length', async () => {
    const { person: p } = await applicantWithDraft(t, completeData('leader'));
    await applicantWithDraft(t, completeData('group'), p);
    const labels = quickReplyLabels(await p.say('สมัคร มชช.'));
    expect(labels).toEqual(expect.arrayContaining(['กรอกต่อ: ผู้นำ', 'กรอกต่อ: กลุ่มทอผ้า…', 'สมัครใหม่อีกประเภท']));
  });
});

describe('office settings', () => {
  beforeEach(() => fake.reset());

  it('Q14: only a committee member may apply for a group; Q18: the group\'s years of activity', async () => {
    t = await mchchBot({ settings: { submitterMustBeCommittee: true, groupMinYearsActive: 2 } });
    const p = new Person(t);
    await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    await p.say('กลุ่มทอผ้าบ้านหนองบัว');
    const young = await p.say('มี.ค. 2561');
    expect(allText(young)).toContain('กลุ่มทำกิจกรรมมาแล้ว 9 เดือน');
    expect(allText(young)).toContain('ไม่น้อยกว่า 2 ปี');
    expect(await casesOf(p)).toHaveLength(0);

    await startAs(p, 'กลุ่ม/องค์กรชุมชน');
    await p.say('กลุ่มทอผ้าบ้านหนองบัว');
    await p.say('2550');
    await press(p, 'มีมติแล้ว');
    await p.say('15/1/2562');
    const notCommittee = await press(p, 'สมาชิก');
    expect(allText(notCommittee)).toContain('ต้องเป็นกรรมการ');
    expect(await casesOf(p)).toHaveLength(0);
  });

  it('Q13: the guideline link when the office set one', async () => {
    t = await mchchBot({ settings: { guidelineUrl: 'https://example.org/mchch.pdf' } });
    const p = new Person(t);
    await p.say('สมัคร มชช.');
    expect(JSON.stringify(p.lastMessages())).toContain('https://example.org/mchch.pdf');
  });
});

describe('the window closed', () => {
  beforeEach(() => fake.reset());

  async function closedReply(): Promise<Message[]> {
    const p = new Person(t);
    const reply = await p.say('สมัคร มชช.');
    expect(quickReplyLabels(reply)).toEqual(['แจ้งเตือนรอบหน้า', 'เมนู']);
    const subscribe = quickReplyActions(reply)[0] as { data: string };
    expect(parsePostback(subscribe.data)).toMatchObject({ kind: 'go', entry: 'mchch-subscribe' });
    expect(await casesOf(p)).toHaveLength(0);
    return reply;
  }

  it('before the round opens: the round and the day it opens', async () => {
    t = await mchchBot({ at: '2019-01-05T03:00:00Z' });
    const said = allText(await closedReply());
    expect(said).toContain('ยังไม่เปิดรับสมัคร');
    expect(said).toContain(roundLabel(ROUND_2562));
    expect(said).toContain('11 ม.ค. 2562');
  });

  it('after the local cut-off: closed on that day, the district office named', async () => {
    t = await mchchBot({ at: '2019-02-06T03:00:00Z' });
    const said = allText(await closedReply());
    expect(said).toContain('ปิดรับใบสมัครทาง LINE นี้แล้วเมื่อวันที่ 4 ก.พ. 2562');
    expect(said).toContain('สำนักงานพัฒนาชุมชนอำเภอ');
    expect(said).toContain('ยังไม่มีกำหนดรอบถัดไป');
  });

  it('after the round, and with no rounds at all: no next round yet', async () => {
    t = await mchchBot({ at: '2019-03-01T03:00:00Z' });
    const said = allText(await closedReply());
    expect(said).toContain(`${roundLabel(ROUND_2562)} ปิดรับไปแล้ว`);
    expect(said).toContain('ยังไม่มีกำหนดรอบถัดไป');
    await t.close();
    t = await mchchBot({ rounds: [] });
    expect(allText(await closedReply())).toContain('ยังไม่มีกำหนดรอบถัดไป');
  });

  it('a round that closes while the person answers: nothing is stored, the reason given', async () => {
    t = await mchchBot({ at: '2019-02-04T16:00:00Z' }); // 23:00 on the cut-off day in Bangkok
    const p = new Person(t);
    await startAs(p, 'ผู้นำชุมชน');
    await p.say('2550');
    await p.say('อสม.');
    await press(p, 'ตำแหน่งทางการ');
    await p.say('ผู้ใหญ่บ้าน');
    clock.set('2019-02-04T18:00:00Z'); // 01:00 the next day
    const reply = await press(p, 'ยินยอม');
    expect(allText(reply)).toContain('รอบนี้ปิดรับไปแล้ว');
    expect(await casesOf(p)).toHaveLength(0);
  });
});
