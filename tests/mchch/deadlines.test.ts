// The มชช. minute jobs driven as the scheduler runs them (scheduler.runOnce, then the outbox):
// the round opening told once to each waiting subscriber (not before the hour, never twice across
// passes or a restart, not to one who asked while that round was open), the applicants' reminders at
// T−7 and T−1 of the local cut-off (only draft/needs_info of that round, once each, never to an
// erased applicant), and the staff digest with its counts (none when nothing is open).
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseUserData } from '../../src/db/personal-data';
import { CASE_ENTRIES, openCaseData } from '../../src/cases/messages';
import { findCase } from '../../src/cases/store';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { postback } from '../../src/flows/postback';
import { subscriptionOf } from '../../src/mchch/subscriptions';
import type { MchchData } from '../../src/mchch/data';
import type { MchchRound } from '../../src/office/mchch-settings';
import { ERASED_APPLICANT } from '../../src/cases/actions';
import { allText, clock, expectNoLineProblems, fake, Person, quickReplyLabels, type Message, type TestBot } from '../support/harness';
import { ROUND_2562 } from './fixtures';
import { applicantWithDraft, completeData, mchchBot, moveCase, newStaff, OFFICE, roundSnapshot } from './helpers';

/** The following year's round (as in subscriptions.test.ts). */
const ROUND_2563: MchchRound = {
  ...ROUND_2562,
  id: '2563-chachoengsao',
  label: 'มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา)',
  opens: '2020-01-10',
  localCutoff: '2020-02-03',
  districtDeadline: '2020-02-10',
};

let t: TestBot;
afterEach(async () => {
  expectNoLineProblems();
  await t.close();
});

/** One minute pass and the outbox: every push sent, by recipient. */
async function pass(): Promise<Map<string, Message[][]>> {
  const before = fake.sent.length;
  await t.bot.scheduler.runOnce();
  await t.bot.outbox.runOnce();
  const by = new Map<string, Message[][]>();
  for (const r of fake.sent.slice(before)) by.set(r.to, [...(by.get(r.to) ?? []), r.messages]);
  return by;
}

function buttonData(messages: Message[], label: string): string | undefined {
  const items = messages.flatMap((m) => m.quickReply?.items ?? []);
  return (items.find((i) => i.action?.label === label)?.action as messagingApi.PostbackAction | undefined)?.data;
}

/** Bangkok wall-clock time as the UTC instant the clock takes. */
const bangkok = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`).toISOString();

describe('the round opens', () => {
  it('tells each waiting subscriber once, at the hour, with what to prepare and สมัคร มชช.; not one who asked during that round', async () => {
    t = await mchchBot({ rounds: [ROUND_2562, ROUND_2563], at: bangkok('2019-03-01', '10:00') });
    const early = new Person(t);
    await early.postback(postback.go(MCHCH_ENTRIES.subscribe));

    clock.set(bangkok('2020-01-09', '10:00')); // the day before
    expect((await pass()).get(early.userId)).toBeUndefined();
    clock.set(bangkok('2020-01-10', '08:59')); // the day, before the hour (9 by default)
    expect((await pass()).get(early.userId)).toBeUndefined();
    clock.set(bangkok('2020-01-10', '09:00'));
    const pushed = (await pass()).get(early.userId)!;
    expect(pushed).toHaveLength(1);
    const said = allText(pushed[0]!);
    expect(said).toContain('มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา) รับสมัคร 10 ม.ค.–3 ก.พ. 2563');
    expect(said).toContain('สมัครผ่าน LINE นี้ได้ถึงวันที่ 3 ก.พ. 2563');
    expect(said).toContain('• ผู้นำชุมชน: ใบสมัคร, รูปถ่าย 1 รูป, สำเนาทะเบียนบ้าน, สำเนาบัตรประชาชน');
    expect(said).toContain('• ชุมชน: ใบสมัคร, บันทึกการประชุม/มติ, รายชื่อทีมพัฒนา');
    expect(said).not.toContain('คณะที่ปรึกษา'); // optional items are not "to prepare"
    expect(quickReplyLabels(pushed[0]!)).toEqual(['สมัคร มชช.', 'เมนู']);
    expect(buttonData(pushed[0]!, 'สมัคร มชช.')).toBe(postback.go(MCHCH_ENTRIES.intake));
    expect((await subscriptionOf(t.db, OFFICE, early.userId))!.notifiedRound).toBe(ROUND_2563.id);

    // Someone asking now, while 2563 is open, waits for a later round.
    clock.set(bangkok('2020-01-15', '10:00'));
    const late = new Person(t);
    await late.postback(postback.go(MCHCH_ENTRIES.subscribe));
    const next = await pass();
    expect(next.get(early.userId)).toBeUndefined(); // never twice
    expect(next.get(late.userId)).toBeUndefined();

    t = await t.restart();
    clock.advance(60_000);
    const afterRestart = await pass();
    expect(afterRestart.get(early.userId)).toBeUndefined();
    expect(afterRestart.get(late.userId)).toBeUndefined();
  });

  it('a subscriber the bot could not reach on the opening day is told the next day the round is open', async () => {
    t = await mchchBot({ rounds: [ROUND_2562, ROUND_2563], at: bangkok('2019-03-01', '10:00') });
    const p = new Person(t);
    await p.postback(postback.go(MCHCH_ENTRIES.subscribe));
    clock.set(bangkok('2020-01-11', '07:00'));
    expect((await pass()).get(p.userId)).toHaveLength(1);
  });
});

describe('applicant reminders before the cut-off', () => {
  // ROUND_2562: cut-off 2019-02-04 → T−7 = 2019-01-28, T−1 = 2019-02-03.
  it('reminds draft and needs_info of the round at T−7 and T−1 at the hour, once each; never an erased applicant', async () => {
    t = await mchchBot({ mode: 'relay', rounds: [{ ...ROUND_2562, mode: 'relay' }, ROUND_2563], at: bangkok('2019-01-21', '10:00') });
    const officer = { role: 'officer' as const, id: (await newStaff(t)).userId };
    const complete = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    const { applicationForm: _form, photo: _photo, ...partial } = completeData('leader', [1], 'relay');
    const incomplete = await applicantWithDraft(t, partial as MchchData);
    const asked = await applicantWithDraft(t, completeData('group', [1], 'relay'));
    await moveCase(t, asked.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: asked.person.userId } },
      { to: 'in_review', actor: officer },
      { to: 'needs_info', actor: officer, note: 'ขอบันทึกการประชุมที่มีลายมือชื่อ', sections: ['resolutionMinutes'] },
    ]);
    const sent = await applicantWithDraft(t, completeData('network', [1], 'relay'));
    await moveCase(t, sent.caseId, [{ to: 'submitted', actor: { role: 'applicant', id: sent.person.userId } }]);
    const erased = await applicantWithDraft(t, completeData('community', [1], 'relay'));
    await moveCase(t, erased.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: erased.person.userId } },
      { to: 'in_review', actor: officer },
      { to: 'needs_info', actor: officer, note: 'ขอรายชื่อทีม', sections: ['team'] },
    ]);
    await t.db.transaction((tx) => eraseUserData(tx, OFFICE, erased.person.userId, clock.now()));
    const otherRound = await applicantWithDraft(t, { ...completeData('leader', [1], 'relay'), round: roundSnapshot(ROUND_2563, 'relay') });
    await pass(); // the status pushes of the set-up

    const reminded = [complete, incomplete, asked];
    const none = [sent, erased, otherRound];
    const expectNobody = (got: Map<string, Message[][]>) => {
      for (const who of [...reminded, ...none]) expect(got.get(who.person.userId)).toBeUndefined();
    };

    clock.set(bangkok('2019-01-27', '10:00')); // T−8
    expectNobody(await pass());
    clock.set(bangkok('2019-01-28', '08:30')); // T−7, before the hour
    expectNobody(await pass());
    clock.set(bangkok('2019-01-28', '09:00'));
    const week = await pass();
    for (const who of none) expect(week.get(who.person.userId)).toBeUndefined();
    for (const who of reminded) expect(week.get(who.person.userId)).toHaveLength(1);
    expect(week.get(ERASED_APPLICANT)).toBeUndefined();
    expect([...week.entries()].filter(([to]) => to !== officer.id).flatMap(([, m]) => m)).toHaveLength(reminded.length); // the officer's own are the agenda and digest

    const ready = allText(week.get(complete.person.userId)![0]!);
    expect(ready).toContain('อีก 7 วันจะปิดรับสมัคร มชช. ค่ะ (วันสุดท้าย 4 ก.พ. 2562)');
    expect(ready).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร');
    expect(ready).toContain('กรอกครบแล้ว เหลือกดส่ง');
    expect(allText(week.get(incomplete.person.userId)![0]!)).toContain('ยังขาดอีก 2 รายการ');
    const back = allText(week.get(asked.person.userId)![0]!);
    expect(back).toContain('เจ้าหน้าที่ขอเอกสารเพิ่ม');
    expect(back).toContain('บันทึกการประชุม/มติ');
    const draftRow = (await findCase(t.db, OFFICE, incomplete.caseId))!;
    expect(quickReplyLabels(week.get(incomplete.person.userId)![0]!)).toEqual(['กรอกใบสมัครต่อ', 'เมนู']);
    expect(buttonData(week.get(incomplete.person.userId)![0]!, 'กรอกใบสมัครต่อ')).toBe(openCaseData(draftRow));
    expect(buttonData(week.get(incomplete.person.userId)![0]!, 'กรอกใบสมัครต่อ')).toBe(postback.go(CASE_ENTRIES.open, { c: String(draftRow.id), v: String(draftRow.version) }));
    expect(quickReplyLabels(week.get(asked.person.userId)![0]!)).toEqual(['ส่งเอกสารเพิ่ม', 'เมนู']);

    clock.set(bangkok('2019-01-28', '15:00')); // later the same day: once
    expectNobody(await pass());
    clock.set(bangkok('2019-01-29', '09:00')); // another day
    expectNobody(await pass());

    t = await t.restart();
    clock.set(bangkok('2019-02-03', '09:10')); // T−1
    const eve = await pass();
    for (const who of none) expect(eve.get(who.person.userId)).toBeUndefined();
    for (const who of reminded) expect(eve.get(who.person.userId)).toHaveLength(1);
    expect([...eve.entries()].filter(([to]) => to !== officer.id).flatMap(([, m]) => m)).toHaveLength(reminded.length);
    expect(allText(eve.get(complete.person.userId)![0]!)).toContain('พรุ่งนี้จะปิดรับสมัคร มชช. ค่ะ');
    clock.advance(60_000);
    expectNobody(await pass());
  });
});

describe('the staff digest', () => {
  it('goes to every staff member at T−7 and T−1 with the counts and the oldest references, once each', async () => {
    t = await mchchBot({ mode: 'relay', rounds: [{ ...ROUND_2562, mode: 'relay' }, ROUND_2563], at: bangkok('2019-01-21', '10:00') });
    const staff = [await newStaff(t), await newStaff(t)];
    const officer = { role: 'officer' as const, id: staff[0]!.userId };
    const refs: string[] = [];
    for (const type of ['leader', 'group', 'network'] as const) {
      const a = await applicantWithDraft(t, completeData(type, [1], 'relay'));
      await moveCase(t, a.caseId, [{ to: 'submitted', actor: { role: 'applicant', id: a.person.userId } }]);
      refs.push((await findCase(t.db, OFFICE, a.caseId))!.reference!);
      clock.advance(60_000);
    }
    const reviewed = await applicantWithDraft(t, completeData('community', [1], 'relay'));
    await moveCase(t, reviewed.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: reviewed.person.userId } },
      { to: 'in_review', actor: officer },
    ]);
    await applicantWithDraft(t, completeData('leader', [1], 'relay')); // a draft: ยังไม่ส่ง
    await applicantWithDraft(t, { ...completeData('leader', [1], 'relay'), round: roundSnapshot(ROUND_2563, 'relay') }); // another round
    await pass();

    clock.set(bangkok('2019-01-28', '08:00'));
    for (const s of staff) expect((await pass()).get(s.userId)).toBeUndefined();
    clock.set(bangkok('2019-01-28', '09:01'));
    const week = await pass();
    for (const s of staff) expect(week.get(s.userId)).toHaveLength(1);
    const said = allText(week.get(staff[1]!.userId)![0]!);
    expect(said).toContain('มชช.: อีก 7 วันปิดรับสมัคร (วันสุดท้าย 4 ก.พ. 2562)');
    expect(said).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา) รับสมัคร');
    expect(said).toContain('• ส่งเข้ามา รอตรวจ: 3 เรื่อง');
    expect(said).toContain('• รับเรื่องแล้ว กำลังตรวจ: 1 เรื่อง');
    expect(said).toContain('• ยังไม่ส่ง (กำลังกรอก/เตรียมยื่น): 1 เรื่อง');
    expect(said).not.toContain('รอผู้สมัครส่งเอกสารเพิ่ม');
    expect(said).toContain(`ค้างนานที่สุด: ${refs.join(', ')}`);
    expect(quickReplyLabels(week.get(staff[1]!.userId)![0]!)).toEqual(['เรื่องรอตรวจ', 'เมนู']);
    expect(buttonData(week.get(staff[1]!.userId)![0]!, 'เรื่องรอตรวจ')).toBe(postback.go('case-queue'));

    clock.advance(60 * 60_000);
    for (const s of staff) expect((await pass()).get(s.userId)).toBeUndefined();
    clock.set(bangkok('2019-02-03', '09:00'));
    const eve = await pass();
    for (const s of staff) expect(eve.get(s.userId)).toHaveLength(1);
    expect(allText(eve.get(staff[0]!.userId)![0]!)).toContain('อีก 1 วันปิดรับสมัคร');
  });

  it('sends nothing when nothing of the round is open', async () => {
    t = await mchchBot({ rounds: [ROUND_2562, ROUND_2563], at: bangkok('2019-01-21', '10:00') });
    const s = await newStaff(t);
    await applicantWithDraft(t, { ...completeData('leader'), round: roundSnapshot(ROUND_2563) }); // another round's only
    clock.set(bangkok('2019-01-28', '09:00'));
    expect((await pass()).get(s.userId)).toBeUndefined();
  });
});

describe('prepare_only: hand the pack in before the district deadline', () => {
  // ROUND_2562: district deadline 2019-02-11 → T−7 = 2019-02-04, T−1 = 2019-02-10.
  it('reminds pack_ready applications at T−7 and T−1 of the district deadline, once each, with ยื่นที่อำเภอแล้ว; not those handed in', async () => {
    t = await mchchBot({ at: bangkok('2019-01-21', '10:00') });
    const ready = await applicantWithDraft(t, completeData('leader'));
    await moveCase(t, ready.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: ready.person.userId } }]);
    const done = await applicantWithDraft(t, completeData('group'));
    await moveCase(t, done.caseId, [
      { to: 'pack_ready', actor: { role: 'applicant', id: done.person.userId } },
      { to: 'handed_in', actor: { role: 'applicant', id: done.person.userId } },
    ]);
    await pass();

    clock.set(bangkok('2019-02-03', '10:00'));
    expect((await pass()).get(ready.person.userId)).toBeUndefined();
    clock.set(bangkok('2019-02-04', '08:30'));
    expect((await pass()).get(ready.person.userId)).toBeUndefined();
    clock.set(bangkok('2019-02-04', '09:00'));
    const week = await pass();
    const push = week.get(ready.person.userId)!;
    expect(push).toHaveLength(1);
    expect(allText(push[0]!)).toContain('อีก 7 วัน');
    expect(allText(push[0]!)).toContain('11 ก.พ. 2562');
    expect(allText(push[0]!)).toContain(ROUND_2562.district.name);
    const c = (await findCase(t.db, OFFICE, ready.caseId))!;
    expect(buttonData(push[0]!, 'ยื่นที่อำเภอแล้ว')).toBe(postback.go(MCHCH_ENTRIES.handedIn, { c: String(c.id), v: String(c.version) }));
    expect(week.get(done.person.userId)).toBeUndefined();
    expect((await pass()).get(ready.person.userId)).toBeUndefined(); // once

    clock.set(bangkok('2019-02-10', '09:05'));
    const day = await pass();
    expect(allText(day.get(ready.person.userId)![0]!)).toContain('พรุ่งนี้');
    // Pressing it hands the pack in.
    const p = new Person(t, ready.person.userId);
    await p.postback(buttonData(day.get(ready.person.userId)![0]!, 'ยื่นที่อำเภอแล้ว')!);
    expect((await findCase(t.db, OFFICE, ready.caseId))!.status).toBe('handed_in');
  });
});
