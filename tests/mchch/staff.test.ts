// The staff side of มชช. through the webhook: the notice (round, type, applicant, attachments,
// warnings, the decisions open now), the relay path with every push to the applicant (รับเรื่อง,
// ขอเอกสารเพิ่ม by the type's slots, ไม่รับ with the rule in plain Thai, ส่งต่ออำเภอ naming the district and
// the day, each stage with its day, the assessment ahead with its place, the result), prepare_only's
// notices for information and the district's decision recorded by staff, two staff on one button,
// and the day question refusing what it must.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindAttachment, recordAttachment } from '../../src/attachments/store';
import { flexButtons, flexLabels } from '../booking/helpers';
import { loadOfficeProfile } from '../../src/office/profile';
import { buttonData, pushesTo } from '../cases/helpers';
import { allText, clock, expectNoLineProblems, fake, quickReplyLabels, texts, type Person, type TestBot } from '../support/harness';
import { applicantWithDraft, caseOf, completeData, mchchBot, moveCase, newStaff, OFFICE, press, hubStandInDeps } from './helpers';

const deps = hubStandInDeps;

let t: TestBot;
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const lastPush = (p: Person) => pushesTo(p.userId).at(-1)!;
const deliver = () => t.bot.outbox.runOnce();

/** The applicant sends (relay: submitted) and the notices go out. */
async function submit(caseId: number, applicant: Person, to: 'submitted' | 'resubmitted' | 'pack_ready' | 'handed_in' = 'submitted') {
  await moveCase(t, caseId, [{ to, actor: { role: 'applicant', id: applicant.userId } }]);
  await deliver();
}

describe('relay: from the notice to the result', () => {
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot({ mode: 'relay', deps });
  });

  it('the notice, รับเรื่อง, ขอเอกสารเพิ่ม by slot, resubmitted, ไม่รับ with the rule in plain Thai', async () => {
    const staff = await newStaff(t);
    const { person: applicant, caseId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    const a = await recordAttachment(t.db, OFFICE, { messageId: 'm1', userId: applicant.userId, sha256: 'sha-1', mime: 'image/jpeg', bytes: 1000 }, clock.now().getTime());
    await t.db.transaction((tx) => bindAttachment(tx, OFFICE, a.id, applicant.userId, 'mchch.photo', caseId));
    await submit(caseId, applicant);

    const notice = lastPush(staff);
    for (const part of ['มีเรื่องใหม่ส่งเข้ามา', 'มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)', 'ผู้นำชุมชน', 'สมศรี ใจดี', 'MCH-2562-0001', 'เอกสารแนบ', '1 รายการ', '⚠️ ผู้สมัครแจ้งว่าไม่มี: คณะที่ปรึกษา']) {
      expect(allText(notice)).toContain(part);
    }
    expect(flexLabels(notice)).toEqual(['รับเรื่อง']);

    const taken = await press(staff, 'รับเรื่อง');
    expect(texts(taken)[0]).toContain('บันทึกแล้วค่ะ ✅ เรื่อง MCH-2562-0001 สถานะ: เจ้าหน้าที่รับเรื่องแล้ว');
    expect(quickReplyLabels(taken)).toEqual(['ขอเอกสารเพิ่ม', 'ไม่รับ', 'ส่งต่ออำเภอ', 'เมนู']);
    await deliver();
    expect(allText(lastPush(applicant))).toContain('เจ้าหน้าที่รับเรื่องแล้ว');
    expect(allText(lastPush(applicant))).toContain('มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)');

    // ขอเอกสารเพิ่ม: only the leader's sections (no minutes), chosen then a note.
    const sections = await staff.tap('ขอเอกสารเพิ่ม');
    const offered = quickReplyLabels(sections);
    expect(offered).toEqual(expect.arrayContaining(['รูปถ่าย 1 รูป', 'สำเนาบัตรประชาชน', 'สำเนาทะเบียนบ้าน', 'คณะที่ปรึกษา']));
    expect(offered).not.toContain('บันทึกการประชุม/มติ');
    expect(offered).not.toContain('รายชื่อทีมพัฒนา');
    await staff.tap('สำเนาบัตรประชาชน');
    await staff.tap('รูปถ่าย 1 รูป');
    const noteAsked = await staff.tap('เสร็จแล้ว');
    expect(texts(noteAsked).join('\n')).toContain('พิมพ์สิ่งที่ต้องการให้ผู้สมัครแก้ไข');
    const asked = await staff.say('ขอรูปถ่ายหน้าตรงที่เห็นชัด และสำเนาบัตรที่ยังไม่หมดอายุค่ะ');
    expect(texts(asked)[0]).toContain('ขอข้อมูล/เอกสารเพิ่ม');
    await deliver();
    const push = allText(lastPush(applicant));
    for (const part of ['ขอข้อมูล/เอกสารเพิ่ม', 'สำเนาบัตรประชาชน', 'รูปถ่าย 1 รูป', 'ขอรูปถ่ายหน้าตรงที่เห็นชัด']) expect(push).toContain(part);
    // The push's button goes into the hub at the first reopened slot in the type's order (the photo, before the ID card).
    expect(texts(await press(applicant, 'ส่งเอกสารเพิ่ม'))).toContain(`hub c=${caseId} s=photo`);
    expect((await caseOf(t, caseId)).c.reopened).toBe(JSON.stringify(['idCard', 'photo']));

    // Resubmitted: a new notice, รับเรื่อง again, then ไม่รับ with a reason.
    await applicant.say('ยกเลิก');
    await submit(caseId, applicant, 'resubmitted');
    expect(allText(lastPush(staff))).toContain('ผู้ยื่นส่งข้อมูลเพิ่มแล้ว');
    await press(staff, 'รับเรื่อง');
    await deliver();
    const reasons = await staff.tap('ไม่รับ');
    // The full reasons are listed in the question (some labels are cut on the buttons).
    for (const reason of ['1. อยู่ชุมชนไม่ถึง 1 ปี', '5. เอกสารไม่ครบ', '6. ยื่นหลังวันปิดรับ', '7. เหตุผลอื่น']) expect(texts(reasons).join('\n')).toContain(reason);
    expect(quickReplyLabels(reasons)).toEqual(expect.arrayContaining(['เอกสารไม่ครบ', 'ยื่นหลังวันปิดรับ', 'เหตุผลอื่น']));
    expect(quickReplyLabels(reasons).every((l) => [...l].length <= 20)).toBe(true);
    const afterReason = await staff.tap('เอกสารไม่ครบ');
    expect(texts(afterReason).join('\n')).toContain('เหตุผล: เอกสารไม่ครบ');
    const refused = await staff.say('สำเนาทะเบียนบ้านอ่านไม่ออกค่ะ');
    expect(texts(refused)[0]).toContain('ไม่รับเรื่อง');
    await deliver();
    const rejection = allText(lastPush(applicant));
    expect(rejection).toContain('เหตุผล: ต้องมีเอกสารประกอบการสมัครครบตามประเภทผู้สมัคร');
    expect(rejection).toContain('สำเนาทะเบียนบ้านอ่านไม่ออกค่ะ');
    expect(flexLabels(lastPush(applicant))).toEqual(['ติดต่อเจ้าหน้าที่']);
    const { c, history } = await caseOf(t, caseId);
    expect(c.status).toBe('rejected_local');
    expect(history.at(-1)!.note).toBe('เหตุผล: ต้องมีเอกสารประกอบการสมัครครบตามประเภทผู้สมัคร\nสำเนาทะเบียนบ้านอ่านไม่ออกค่ะ');
  });

  it('ขอเอกสารเพิ่ม on a group offers its own slots, never the ID card copy', async () => {
    const staff = await newStaff(t);
    const { person: applicant, caseId } = await applicantWithDraft(t, completeData('group', [1], 'relay'));
    await submit(caseId, applicant);
    await press(staff, 'รับเรื่อง');
    const offered = quickReplyLabels(await staff.tap('ขอเอกสารเพิ่ม'));
    expect(offered).toEqual(expect.arrayContaining(['บันทึกการประชุม/มติ', 'รายชื่อทีมพัฒนา', 'ใบสมัคร']));
    expect(offered).not.toContain('สำเนาบัตรประชาชน');
    expect(offered).not.toContain('รูปถ่าย 1 รูป');
    expect(offered.length).toBeLessThanOrEqual(13);
  });

  it('ส่งต่ออำเภอ "วันนี้", then every stage with its day, the assessment ahead with its place, certified; สถานะใบสมัคร shows each step', async () => {
    const staff = await newStaff(t);
    const { person: applicant, caseId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'));
    await submit(caseId, applicant);
    await press(staff, 'รับเรื่อง');
    const dayAsked = await staff.tap('ส่งต่ออำเภอ');
    expect(texts(dayAsked).join('\n')).toContain('ส่งต่ออำเภอวันที่เท่าไรคะ');
    expect(quickReplyLabels(dayAsked)).toEqual(expect.arrayContaining(['วันนี้', '📅 เลือกวันที่']));
    const forwarded = await staff.tap('วันนี้');
    expect(texts(forwarded).join('\n')).toContain('วันที่ 21 ม.ค. 2562 ค่ะ');
    expect(texts(forwarded).join('\n')).toContain('สถานะ: ส่งต่ออำเภอแล้ว');
    await deliver();
    const push = allText(lastPush(applicant));
    expect(push).toContain('ส่งใบสมัครถึงสำนักงานพัฒนาชุมชนอำเภอแล้ว');
    expect(push).toContain('21 ม.ค. 2562');

    // The district registered it on 8 Feb (typed with a short BE year), heard on the 10th.
    clock.set('2019-02-10T03:00:00Z');
    await staff.tap('อำเภอรับสมัครแล้ว');
    const tooLate = await staff.say('15 ก.พ. 62');
    expect(texts(tooLate).join('\n')).toContain('ต้องเป็นวันนี้หรือก่อนหน้านี้');
    const sticker = await staff.sticker();
    expect(texts(sticker).join('\n')).toContain('อำเภอรับสมัครวันที่เท่าไรคะ');
    const registered = await staff.say('8 ก.พ. 62');
    expect(texts(registered).join('\n')).toContain('วันที่ 8 ก.พ. 2562 ค่ะ');
    await deliver();
    expect(allText(lastPush(applicant))).toContain('อำเภอรับสมัครแล้ว');
    expect(allText(lastPush(applicant))).toContain('8 ก.พ. 2562');

    clock.set('2019-06-10T03:00:00Z');
    await staff.tap('ประเมินตนเองก่อน');
    await staff.say('๑๕/๓/๒๕๖๒'); // Thai digits, BE
    await staff.tap('ทำแผนพัฒนาแล้ว');
    await staff.say('1 เม.ย. 2562');
    await staff.tap('เริ่มพัฒนาตนเอง');
    await staff.say('2019-04-20');
    await staff.tap('ประเมินตนเองหลัง');
    await staff.say('1 มิ.ย. 2562');
    await deliver();
    expect(allText(lastPush(applicant))).toContain('ประเมินตนเองหลังพัฒนาแล้ว');
    expect(allText(lastPush(applicant))).toContain('1 มิ.ย. 2562');

    // The assessment is set ahead, with its place.
    await staff.tap('นัดตรวจประเมิน');
    const place = await staff.say('20 มิ.ย. 2562');
    expect(texts(place).join('\n')).toContain('สถานที่และเวลาตรวจประเมิน');
    await staff.say('ศาลาประชาคมหมู่ 3 เวลา 09.30 น.');
    await deliver();
    const scheduled = allText(lastPush(applicant));
    for (const part of ['นัดตรวจประเมินแล้ว', '20 มิ.ย. 2562', 'ศาลาประชาคมหมู่ 3 เวลา 09.30 น.']) expect(scheduled).toContain(part);

    clock.set('2019-07-01T03:00:00Z');
    await staff.tap('ผ่านการรับรอง');
    await staff.tap('วันนี้');
    await staff.say('ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช. ปี 2562');
    await deliver();
    const certified = allText(lastPush(applicant));
    for (const part of ['ผ่านการรับรองมาตรฐาน', '1 ก.ค. 2562', 'ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช. ปี 2562']) expect(certified).toContain(part);

    const { history } = await caseOf(t, caseId);
    expect(history.filter((h) => h.onDate).map((h) => [h.toStatus, h.onDate])).toEqual([
      ['forwarded_to_district', '2019-01-21'],
      ['district_registered', '2019-02-08'],
      ['baseline_self_assessment', '2019-03-15'],
      ['plan_agreed', '2019-04-01'],
      ['developing', '2019-04-20'],
      ['final_self_assessment', '2019-06-01'],
      ['assessment_scheduled', '2019-06-20'],
      ['certified', '2019-07-01'],
    ]);

    const status = allText(await applicant.say('สถานะใบสมัคร'));
    for (const step of [
      '21 ม.ค. 2562 เริ่มกรอกใบสมัคร',
      '21 ม.ค. 2562 ส่งแล้ว รอเจ้าหน้าที่ตรวจ',
      '21 ม.ค. 2562 ส่งต่ออำเภอแล้ว',
      '8 ก.พ. 2562 อำเภอรับสมัครแล้ว',
      '15 มี.ค. 2562 ประเมินตนเองก่อนพัฒนาแล้ว',
      '1 เม.ย. 2562 จัดทำแผนพัฒนาตนเองแล้ว',
      '20 เม.ย. 2562 อยู่ระหว่างพัฒนาตนเอง',
      '1 มิ.ย. 2562 ประเมินตนเองหลังพัฒนาแล้ว',
      '20 มิ.ย. 2562 นัดตรวจประเมินแล้ว — ศาลาประชาคมหมู่ 3',
      '1 ก.ค. 2562 ผ่านการรับรองมาตรฐาน',
    ]) {
      expect(status).toContain(step);
    }
    expect(status).toContain('ขั้นต่อไป');
  });

  it('two staff press รับเรื่อง on their own notices at once: one decides, the other is told it was handled', async () => {
    const staffA = await newStaff(t);
    const staffB = await newStaff(t);
    const { person: applicant, caseId } = await applicantWithDraft(t, completeData('network', [1], 'relay'));
    await submit(caseId, applicant);
    const [a, b] = await Promise.all([staffA.postback(buttonData(lastPush(staffA), 'รับเรื่อง')), staffB.postback(buttonData(lastPush(staffB), 'รับเรื่อง'))]);
    const answers = [texts(a)[0]!, texts(b)[0]!];
    expect(answers.filter((s) => s.includes('บันทึกแล้วค่ะ ✅'))).toHaveLength(1);
    expect(answers.filter((s) => s.includes('เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: เจ้าหน้าที่รับเรื่องแล้ว)'))).toHaveLength(1);
    expect((await caseOf(t, caseId)).history.filter((h) => h.toStatus === 'in_review')).toHaveLength(1);
  });
});

describe('prepare_only: the applicant hands it in, staff record the district', () => {
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot({ mode: 'prepare_only', deps });
  });

  it('pack_ready and handed_in reach staff for information; อำเภอไม่รับสมัคร with its day and the district\'s reason', async () => {
    const staff = await newStaff(t);
    const { person: applicant, caseId } = await applicantWithDraft(t, completeData('community'));
    await submit(caseId, applicant, 'pack_ready');
    expect(allText(lastPush(staff))).toContain('ใบสมัครพร้อมยื่นที่อำเภอ (เพื่อทราบ)');
    expect(flexLabels(lastPush(staff))).toEqual([]);
    await submit(caseId, applicant, 'handed_in');
    expect(allText(lastPush(staff))).toContain('ผู้สมัครยื่นที่อำเภอแล้ว (เพื่อทราบ)');
    expect(flexLabels(lastPush(staff))).toEqual(['อำเภอรับสมัครแล้ว', 'อำเภอไม่รับสมัคร']);

    clock.set('2019-02-12T03:00:00Z');
    const asked = await press(staff, 'อำเภอไม่รับสมัคร');
    expect(texts(asked).join('\n')).toContain('อำเภอแจ้งผลวันที่เท่าไรคะ');
    // The date picker: a day after today is refused for a step that has happened; the case's day before it began too.
    expect(texts(await staff.pickDate('2019-02-13')).join('\n')).toContain('ต้องเป็นวันนี้หรือก่อนหน้านี้');
    expect(texts(await staff.say('1 ม.ค. 2562')).join('\n')).toContain('วันที่ต้องไม่ก่อนวันนั้น');
    await staff.say('11 กุมภาพันธ์ 2562');
    const done = await staff.say('บันทึกประชาคมไม่มีลายมือชื่อผู้เข้าร่วม');
    expect(texts(done)[0]).toContain('สถานะ: อำเภอไม่รับสมัคร');
    expect(texts(done)[0]).toContain('วันที่: 11 ก.พ. 2562');
    await deliver();
    const push = allText(lastPush(applicant));
    for (const part of ['อำเภอไม่รับสมัคร', 'วันที่', '11 ก.พ. 2562', 'บันทึกประชาคมไม่มีลายมือชื่อผู้เข้าร่วม']) expect(push).toContain(part);
    expect((await caseOf(t, caseId)).history.at(-1)).toMatchObject({ toStatus: 'rejected_district', onDate: '2019-02-11' });
  });
});

describe('warnings on the notice', () => {
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot({ mode: 'relay', deps, settings: { submitterMustBeCommittee: true } });
  });

  it('a leader under a year in the community as of today; a group sent by a member when the office wants a committee member', async () => {
    const staff = await newStaff(t);
    const leader = completeData('leader', [1], 'relay');
    const { person: p1, caseId: c1 } = await applicantWithDraft(t, { ...leader, eligibility: { ...leader.eligibility, residentSince: '2018-06-01' } });
    await submit(c1, p1);
    expect(allText(lastPush(staff))).toContain('อยู่ในชุมชนตั้งแต่ 1 มิ.ย. 2561 ยังไม่ครบ 1 ปี (ณ 21 ม.ค. 2562)');

    // The office asks for a committee member (Q14): a member's group application is flagged on the
    // case card (the office's own settings) and, when the sender passes the profile, on the notice.
    const group = completeData('group', [1], 'relay');
    const { person: p2, caseId: c2 } = await applicantWithDraft(t, { ...group, applicant: { ...group.applicant!, role: 'สมาชิก' } });
    const loaded = loadOfficeProfile(t.config.officeConfigPath);
    const office = { ...loaded, mchch: { ...loaded.mchch, submitterMustBeCommittee: true } };
    await moveCase(t, c2, [{ to: 'submitted', actor: { role: 'applicant', id: p2.userId }, office }]);
    await deliver();
    const notice = allText(lastPush(staff));
    expect(notice).toContain('ผู้ส่งใบสมัคร (สมาชิก) ไม่ได้เป็นกรรมการ');
    expect(notice).not.toContain('ยังไม่ครบ 1 ปี');

    const { person: p3, caseId: c3 } = await applicantWithDraft(t, completeData('group', [1], 'relay'));
    await submit(c3, p3);
    expect(allText(lastPush(staff))).not.toContain('ไม่ได้เป็นกรรมการ');

    // เรื่องรอตรวจ → เปิดเรื่อง: the card reads the bot's own settings.
    await staff.say('เรื่องรอตรวจ');
    const cards = staff.lastMessages();
    const openData = flexButtons(cards).filter((b) => b.label === 'เปิดเรื่อง').map((b) => b.action.data!);
    const opened = allText(await staff.postback(openData.find((d) => d.includes(`p.c=${c2}&`))!));
    expect(opened).toContain('ผู้ส่งใบสมัคร (สมาชิก) ไม่ได้เป็นกรรมการ');
    expect(opened).toContain('กลุ่มทอผ้าบ้านหนองบัว');
  });
});
