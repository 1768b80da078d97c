// สถานะใบสมัคร: the steps of an application from its history (pure: the day staff gave for a step,
// else the day it was recorded; notes the applicant was told, never internal ones), and the entry —
// none yet (a way to apply), each application's round (as the office's profile names it, with its
// window), type, reference, stage, steps and what next, and its button into the right place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseHistoryRow } from '../../src/db/schema';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { TIMELINE_SAY, timelineOf } from '../../src/mchch/timeline';
import { parsePostback } from '../../src/flows/postback';
import { flexButtons, flexLabels } from '../booking/helpers';
import { allText, clock, expectNoLineProblems, fake, Person, quickReplyActions, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { applicantWithDraft, completeData, mchchBot, moveCase, newStaff, press, hubStandInDeps } from './helpers';

type Row = Pick<CaseHistoryRow, 'fromStatus' | 'toStatus' | 'at' | 'onDate' | 'note' | 'internal'>;
const at = (iso: string) => new Date(iso).getTime();

describe('timelineOf (pure)', () => {
  const label = (s: string) => `L:${s}`;

  it('one step per history row in time order, each with the day staff gave or else the Bangkok day it was recorded', () => {
    const rows: Row[] = [
      { fromStatus: 'forwarded_to_district', toStatus: 'district_registered', at: at('2019-02-10T03:00:00Z'), onDate: '2019-02-08', note: null, internal: false },
      { fromStatus: null, toStatus: 'draft', at: at('2019-01-20T18:30:00Z'), onDate: null, note: null, internal: false }, // 01:30 on the 21st in Bangkok
      { fromStatus: 'draft', toStatus: 'submitted', at: at('2019-01-21T03:00:00Z'), onDate: null, note: null, internal: false },
    ];
    expect(timelineOf(rows, label)).toEqual([
      { status: 'draft', label: TIMELINE_SAY.started, day: '2019-01-21', dayGiven: false },
      { status: 'submitted', label: 'L:submitted', day: '2019-01-21', dayGiven: false },
      { status: 'district_registered', label: 'L:district_registered', day: '2019-02-08', dayGiven: true },
    ]);
  });

  it('keeps the note the applicant was told and drops a note for staff only', () => {
    const rows: Row[] = [
      { fromStatus: 'final_self_assessment', toStatus: 'assessment_scheduled', at: at('2019-06-01T03:00:00Z'), onDate: '2019-06-20', note: 'ศาลาประชาคมหมู่ 3', internal: false },
      { fromStatus: 'in_review', toStatus: 'needs_info', at: at('2019-01-22T03:00:00Z'), onDate: null, note: 'โทรคุยแล้ว', internal: 1 },
    ];
    const steps = timelineOf(rows, label);
    expect(steps[0]).not.toHaveProperty('note');
    expect(steps[1]!.note).toBe('ศาลาประชาคมหมู่ 3');
  });
});

const deps = hubStandInDeps;

describe('สถานะใบสมัคร', () => {
  let t: TestBot;
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot({ mode: 'relay', deps });
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  it('none yet: says so, with a button to apply (and the menu)', async () => {
    const p = new Person(t);
    const reply = await p.say('สถานะใบสมัคร');
    expect(texts(reply).join('\n')).toContain('ยังไม่มีใบสมัคร มชช.');
    expect(quickReplyLabels(reply)).toEqual(['สมัคร มชช.', 'เมนู']);
    const apply = quickReplyActions(reply)[0] as { data: string };
    expect(parsePostback(apply.data)).toMatchObject({ kind: 'go', entry: MCHCH_ENTRIES.intake });
  });

  it('each application: the round with its window, type, reference, stage, steps with their days, what next; a button into the right place', async () => {
    const staff = await newStaff(t);
    const someoneElse = await applicantWithDraft(t, completeData('community', [1], 'relay'));
    const { person, caseId: draft } = await applicantWithDraft(t, completeData('group', [1], 'relay'));
    const { caseId: asked } = await applicantWithDraft(t, completeData('leader', [1], 'relay'), person);
    const { caseId: sent } = await applicantWithDraft(t, completeData('network', [1], 'relay'), person);
    const officer = { role: 'officer' as const, id: staff.userId };
    const applicant = { role: 'applicant' as const, id: person.userId };
    await moveCase(t, asked, [
      { to: 'submitted', actor: applicant },
      { to: 'in_review', actor: officer },
      { to: 'needs_info', actor: officer, sections: ['idCard', 'photo'], note: 'ขอรูปถ่ายใหม่ค่ะ' },
    ]);
    clock.set('2019-01-25T03:00:00Z');
    await moveCase(t, sent, [
      { to: 'submitted', actor: applicant },
      { to: 'in_review', actor: officer },
      { to: 'forwarded_to_district', actor: officer, date: '2019-01-24' },
    ]);

    const reply = await person.say('สถานะ มชช');
    expect(texts(reply)[0]).toBe('ใบสมัคร มชช. ของคุณ 3 ใบค่ะ');
    const all = allText(reply);
    expect(all).not.toContain('ชุมชนบ้านคลองสวน');
    expect(all).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร 11 ม.ค.');
    for (const part of ['กลุ่ม/องค์กรชุมชน', 'ผู้นำชุมชน', 'เครือข่ายองค์กรชุมชน', 'MCH-2562-0001', 'MCH-2562-0002', 'ยังไม่มี (ได้เมื่อส่งเรื่อง)']) expect(all).toContain(part);
    // The forwarded one: its steps with their days, the day staff gave for the forwarding, what next naming the district.
    for (const part of ['✓ 21 ม.ค. 2562 เริ่มกรอกใบสมัคร', '✓ 25 ม.ค. 2562 ส่งแล้ว รอเจ้าหน้าที่ตรวจ', '✓ 25 ม.ค. 2562 เจ้าหน้าที่รับเรื่องแล้ว', '✓ 24 ม.ค. 2562 ส่งต่ออำเภอแล้ว']) expect(all).toContain(part);
    expect(all).toContain('ขั้นต่อไป: เจ้าหน้าที่ส่งใบสมัครถึงสำนักงานพัฒนาชุมชนอำเภอแล้ว');
    expect(all).toContain('ขอรูปถ่ายใหม่ค่ะ');
    // The latest change first: the forwarded one, the one asked for more, the draft.
    expect(flexLabels(reply)).toEqual(['ดูสถานะ', 'ส่งเอกสารเพิ่ม', 'กรอกใบสมัครต่อ']);

    // ส่งเอกสารเพิ่ม → the hub at the first reopened slot in the type's order; the draft → the hub.
    expect(texts(await press(person, 'ส่งเอกสารเพิ่ม'))).toContain(`hub c=${asked} s=photo`);
    await person.say('ยกเลิก');
    const again = await person.say('สถานะใบสมัคร');
    const draftButton = flexButtons(again).find((b) => b.label === 'กรอกใบสมัครต่อ')!;
    expect(texts(await person.postback(draftButton.action.data!))).toContain(`hub c=${draft} s=`);
    await person.say('ยกเลิก');
    // ดูสถานะ: the status as the applicant reads it, naming the round's district office.
    await person.say('สถานะใบสมัคร');
    const status = texts(await press(person, 'ดูสถานะ')).join('\n');
    expect(status).toContain('สถานะ: ส่งต่ออำเภอแล้ว');
    expect(status).toContain('เจ้าหน้าที่ส่งใบสมัครถึงสำนักงานพัฒนาชุมชนอำเภอแล้ว');
    expect(someoneElse.caseId).toBeGreaterThan(0);
  });

  it('a finished application leads to the contact; สถานะเรื่อง reads the same status as the applicant does', async () => {
    const staff = await newStaff(t);
    const { person, caseId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    const officer = { role: 'officer' as const, id: staff.userId };
    await moveCase(t, caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: person.userId } },
      { to: 'in_review', actor: officer },
      { to: 'rejected_local', actor: officer, reason: 'late', note: 'ได้รับหลังวันที่ 4 ก.พ. ค่ะ' },
    ]);
    const reply = await person.say('ใบสมัคร มชช ของฉัน');
    expect(flexLabels(reply)).toEqual(['ติดต่อเจ้าหน้าที่']);
    expect(allText(reply)).toContain('ไม่รับเรื่อง — เหตุผล: ใบสมัครต้องถึงสำนักงานภายในวันปิดรับของรอบ');
    const mine = allText(await person.say('สถานะเรื่อง'));
    expect(mine).toContain('สมัคร มชช.');
    expect(mine).toContain('ไม่รับเรื่อง');
  });
});

describe('the menu and สถานะเรื่อง', () => {
  let t: TestBot;
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  it('สถานะเรื่อง offers สถานะใบสมัคร only to someone with an application; staff\'s menu still fits and keeps ข้อมูลส่วนตัว', async () => {
    const { person } = await applicantWithDraft(t, completeData('group'));
    const mine = await person.say('สถานะเรื่อง');
    expect(quickReplyLabels(mine)[0]).toBe('สถานะใบสมัคร');
    expect(allText(await person.tap('สถานะใบสมัคร'))).toContain('ใบสมัคร มชช. ของคุณ 1 ใบ');
    const other = new Person(t);
    expect(quickReplyLabels(await other.say('สถานะเรื่อง'))).not.toContain('สถานะใบสมัคร');

    const staff = await newStaff(t);
    const menu = quickReplyLabels(await staff.say('เมนู'));
    expect(menu).toEqual(expect.arrayContaining(['สมัคร มชช.', 'เรื่องรอตรวจ (จนท.)', 'ข้อมูลส่วนตัว']));
    expect(menu.length).toBeLessThanOrEqual(13);
  });
});
