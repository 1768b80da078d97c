// The whole มชช. journey of issue 11, as four applicants and a staff member live it through the
// webhook: one applicant of each type types "สมัคร มชช." (or the Q17 alias), reads the round, picks
// the type, answers the qualifications, consents, fills every checklist item from the hub (photos,
// a set of photos at once, a PDF, the team pasted, advisers or ไม่มี, the applicant's name and a phone
// in Thai digits with dashes), reviews and sends. In a relay round (two applicants) staff take one
// case through every decision from the buttons on their pushes, the applicant fixing what was asked
// for, and refuse the other with a reason; in a prepare_only round (two applicants) the applicant
// hands the pack in and staff record the district's registration. One application is left mid-way
// and resumed three days later after a restart. After the cut-off a new applicant is refused.
// Every message is checked against LINE's spec. JOURNEY_DEBUG=1 prints the replies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAY } from '../../src/flows/engine';
import { DOC_SAY } from '../../src/flows/mchch/doc';
import { MCHCH_HUB_SAY } from '../../src/flows/mchch/hub';
import { MCHCH_REASONS } from '../../src/mchch/data';
import { roundLabel } from '../../src/mchch/rounds';
import { mchchCasesOf, mchchDataOf } from '../../src/mchch/store';
import { flexLabels } from '../booking/helpers';
import { buttonData } from '../cases/helpers';
import { GROUP_NAME } from '../groups/fixtures';
import { registeredGroup } from '../groups/registered';
import { jpeg, upload } from '../groups/sections-helpers';
import { allText, clock, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type Message, type TestBot } from '../support/harness';
import { ROUND_2562 } from './fixtures';
import { caseOf, mchchBot, newStaff, OFFICE } from './helpers';
import { cardTexts, deadEnds, everythingSentTo, fillHub, press, pushesTo, say, show, voiceNote } from './journey-helpers';

let t: TestBot;
beforeEach(() => fake.reset());
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const deliver = () => t.bot.outbox.runOnce();
const casesOf = (p: Person) => mchchCasesOf(t.db, OFFICE, p.userId);
/** The round's name, as notices and pushes say it; the intro says it with its window (roundLabel). */
const ROUND = ROUND_2562.label;
const XLSX = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml'), Buffer.alloc(400, 1)]);

/** "สมัคร มชช." (or an alias): the intro names the round; เริ่มสมัคร; the type. */
async function start(p: Person, type: string, words = 'สมัคร มชช.'): Promise<Message[]> {
  const intro = await say(p, words);
  expect(allText(intro)).toContain(roundLabel(ROUND_2562));
  expect(allText(intro)).toContain('4 ก.พ. 2562');
  await press(p, 'เริ่มสมัคร');
  return press(p, type);
}

/** Consent: the draft is made and the hub is shown. */
async function consent(p: Person, typeName: string): Promise<Message[]> {
  const asked = allText(p.lastMessages());
  expect(asked).toContain(ROUND);
  const hub = await press(p, 'ยินยอม');
  expect(allText(hub)).toContain(`บันทึกใบสมัครในนาม${typeName}แล้ว`);
  expect(allText(hub)).toContain(MCHCH_HUB_SAY.title);
  return hub;
}

/** ตรวจและส่ง → the send button; the reference is said. */
async function reviewAndSend(p: Person, send: string): Promise<string> {
  const hub = p.lastMessages();
  expect(allText(hub)).toContain(MCHCH_HUB_SAY.missing(0));
  const review = await press(p, MCHCH_HUB_SAY.review);
  expect(allText(review)).toContain('ตรวจใบสมัครก่อนส่ง');
  const sent = allText(await press(p, send));
  const reference = /MCH-2562-\d{4}/.exec(sent)?.[0];
  expect(reference).toBeDefined();
  return reference!;
}

/** What the applicants read never names a quota (Q28) nor invents a level or score (Q13, Q16), and names the district's staff as Q26 does. */
function expectNothingInvented(applicants: Person[]): void {
  const said = everythingSentTo(applicants.map((p) => p.userId));
  expect(said).not.toMatch(/โควตา|จำนวนจำกัด|คะแนนเต็ม|\d+ คะแนน|ระดับ [1-5]|พช\.|นักพัฒนาชุมชน/);
  expect(said).toContain('สำนักงานพัฒนาชุมชนอำเภอ');
  // Every reply and push ends with a way on (a button).
  expect(deadEnds(applicants.map((p) => p.userId))).toEqual([]);
}

/**
 * A staff step: the applicant gets exactly one push, naming the new status (and `also`).
 * Returns the push.
 */
async function oneStatusPush(applicant: Person, status: string, act: () => Promise<unknown>, also: string[] = []): Promise<Message[]> {
  const before = pushesTo(applicant.userId).length;
  await act();
  await deliver();
  const after = pushesTo(applicant.userId);
  expect(after.length - before).toBe(1);
  const push = show(`push to applicant: ${status}`, after.at(-1)!);
  for (const part of [status, ...also]) expect(allText(push)).toContain(part);
  return push;
}

describe('a relay round: sent by LINE, decided by staff from their pushes', () => {
  it('a leader (resumed three days later) is taken through every decision to certified; a registered group is refused with the rule', async () => {
    t = await mchchBot({ mode: 'relay' });
    let staff = await newStaff(t);
    let leader = new Person(t);

    // --- The leader starts by the Q17 alias, answers the qualifications and consents.
    const since = await start(leader, 'ผู้นำชุมชน', 'ระบบมาตรฐานงานชุมชน');
    expect(allText(since)).toContain('มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า ๑ ปี');
    expect(allText(await say(leader, 'ตั้งแต่ พ.ค. ๒๕๕๓ ค่ะ'))).toContain('อยู่มาแล้ว 8 ปี (ตั้งแต่ พ.ค. 2553)');
    expect(allText(await say(leader, 'ประธานกองทุนหมู่บ้าน 2560'))).toContain('1. ประธานกองทุนหมู่บ้าน (2560)');
    await press(leader, 'ตำแหน่งทางการ');
    await say(leader, 'ผู้ใหญ่บ้าน');
    await consent(leader, 'ผู้นำชุมชน');

    // Two items, then "ไว้ทำต่อทีหลัง".
    const first = await fillHub(leader, { stopAfter: 2 });
    expect(first).toHaveLength(2);
    await press(leader, MCHCH_HUB_SAY.later);
    expect(allText(leader.lastMessages())).toContain('บันทึกไว้แล้ว');

    // --- Three days later, after a restart: "สมัคร มชช." → กรอกต่อ → the hub with what was done kept.
    clock.set('2019-01-24T03:00:00Z');
    t = await t.restart();
    leader = new Person(t, leader.userId);
    staff = new Person(t, staff.userId);
    const group = new Person(t);
    const again = await say(leader, 'สมัคร มชช.');
    expect(allText(again)).toContain('คุณมีใบสมัครในรอบนี้อยู่แล้ว');
    const resumed = await press(leader, 'กรอกต่อ');
    for (const done of first) expect(flexLabels(resumed)).toContain(done.replace('✗', '✓'));
    await fillHub(leader, { photoSetFor: ['ทะเบียนบ้าน'], pdfFor: ['บัตรประชาชน'], advisers: 'ไม่มี' });
    const leaderRef = await reviewAndSend(leader, MCHCH_HUB_SAY.sendRelay);
    expect(leaderRef).toBe('MCH-2562-0001');
    const [leaderCase] = await casesOf(leader);
    const leaderData = mchchDataOf(leaderCase!);
    expect(leaderCase!.status).toBe('submitted');
    expect(leaderData.applicant).toEqual({ name: 'นางสมศรี ใจดี', phone: '0812345678' });
    expect(leaderData.houseRegistration!.pages).toHaveLength(2);
    expect(leaderData.idCard!.pages).toHaveLength(1);
    expect(leaderData.advisers).toEqual({ entries: [], none: true });

    // Staff are told, with the reference, the round and the applicant.
    await deliver();
    const leaderNotice = show('notice: leader', pushesTo(staff.userId).at(-1)!);
    for (const part of ['มีเรื่องใหม่ส่งเข้ามา', leaderRef, ROUND, 'ผู้นำชุมชน', 'นางสมศรี ใจดี']) expect(allText(leaderNotice)).toContain(part);

    // --- The group: its registered group is offered and picked; the applicant comes prefilled.
    await registeredGroup(t.db, group.userId, staff.userId, clock.now());
    await deliver();
    const pick = await start(group, 'กลุ่ม/องค์กรชุมชน');
    expect(allText(pick)).toContain(`1. ${GROUP_NAME}`);
    await say(group, '1');
    await press(group, 'มีมติแล้ว');
    expect(allText(await say(group, '15 ม.ค. ๒๕๖๒'))).toContain('ประชุมลงมติวันที่ 15 ม.ค. 2562');
    const groupHub = await consent(group, 'กลุ่ม/องค์กรชุมชน');
    expect(flexLabels(groupHub)).toContain('✓ ข้อมูลผู้สมัคร');
    await fillHub(group, { pdfFor: ['บันทึกการประชุม'], advisers: 'ครูสมใจ รักเรียน\nนายแพทย์ใหญ่ ใจบุญ (นอกชุมชน)' });
    const groupRef = await reviewAndSend(group, MCHCH_HUB_SAY.sendRelay);
    expect(groupRef).toBe('MCH-2562-0002');
    const groupCase = (await casesOf(group))[0]!;
    const groupData = mchchDataOf(groupCase);
    expect(groupData.applicant).toEqual({ name: 'สมศรี ใจดี', phone: '0812345678', role: 'ประธาน' }); // from the registered group
    expect(groupData.eligibility).toMatchObject({ name: GROUP_NAME, resolution: { held: true, date: '2019-01-15' } });
    expect(groupData.team!.entries).toEqual([{ name: 'นายสมชาย ใจกล้า', role: 'การตลาด' }, { name: 'นางมาลี ศรีสุข', role: 'บัญชี' }]);
    expect(groupData.advisers).toEqual({ entries: [{ name: 'ครูสมใจ รักเรียน', inside: true }, { name: 'นายแพทย์ใหญ่ ใจบุญ', inside: false }], none: false });
    await deliver();
    const groupNotice = show('notice: group', pushesTo(staff.userId).at(-1)!);
    expect(allText(groupNotice)).toContain(groupRef);
    expect(allText(groupNotice)).toContain(GROUP_NAME);

    // --- Staff take the leader's case from its notice: รับเรื่อง.
    await oneStatusPush(leader, 'เจ้าหน้าที่รับเรื่องแล้ว', () => press(staff, 'รับเรื่อง', leaderNotice), [ROUND]);

    // ขอเอกสารเพิ่ม: the ID card, with a note.
    await press(staff, 'ขอเอกสารเพิ่ม');
    await press(staff, 'สำเนาบัตรประชาชน');
    await press(staff, 'เสร็จแล้ว');
    const askPush = await oneStatusPush(leader, 'ขอข้อมูล/เอกสารเพิ่ม', () => say(staff, 'สำเนาบัตรไม่ชัด ขอถ่ายใหม่ค่ะ'), ['สำเนาบัตรประชาชน', 'สำเนาบัตรไม่ชัด ขอถ่ายใหม่ค่ะ']);

    // The applicant's push button opens that slot; a new photo; ส่งข้อมูลที่แก้แล้ว.
    const slot = await press(leader, 'ส่งเอกสารเพิ่ม', askPush);
    expect(texts(slot)[0]).toContain('"สำเนาบัตรประชาชน" ที่ส่งไว้แล้ว 1 หน้า/ไฟล์');
    await press(leader, 'ส่งใหม่');
    show('new photo', await leader.image(upload(jpeg())));
    const fixedHub = await press(leader, 'ครบแล้ว');
    expect(allText(fixedHub)).toContain(MCHCH_HUB_SAY.title);
    // Only the reopened slot is offered, with the staff's note.
    expect(flexLabels(fixedHub).filter((l) => l.startsWith('✓') || l.startsWith('✗'))).toEqual(['✓ ๑.๔ สำเนาบัตรประชาชน']);
    expect(allText(fixedHub)).toContain('สำเนาบัตรไม่ชัด ขอถ่ายใหม่ค่ะ');
    await press(leader, MCHCH_HUB_SAY.review);
    expect(allText(await press(leader, MCHCH_HUB_SAY.resend))).toContain('ส่งข้อมูลที่แก้แล้วเรียบร้อย');
    expect((await caseOf(t, leaderCase!.id)).c.status).toBe('resubmitted');

    // Staff get the new notice and รับเรื่อง again.
    await deliver();
    const resentNotice = show('notice: resubmitted', pushesTo(staff.userId).at(-1)!);
    expect(allText(resentNotice)).toContain('ผู้ยื่นส่งข้อมูลเพิ่มแล้ว');
    expect(allText(resentNotice)).toContain(leaderRef);
    // The replaced ID-card photo stays bound to the case; staff are told of the 5 pages the application holds.
    expect(allText(resentNotice)).toMatch(/เอกสารแนบ.{0,120}"text":"5 รายการ"/);
    await oneStatusPush(leader, 'เจ้าหน้าที่รับเรื่องแล้ว', () => press(staff, 'รับเรื่อง', resentNotice));

    // ส่งต่ออำเภอ (วันนี้).
    await press(staff, 'ส่งต่ออำเภอ');
    await oneStatusPush(leader, 'ส่งต่ออำเภอแล้ว', () => press(staff, 'วันนี้'), ['ส่งใบสมัครถึงสำนักงานพัฒนาชุมชนอำเภอแล้ว', '24 ม.ค. 2562']);

    // The district's work happens offline; staff record each stage with its day.
    clock.set('2019-02-10T03:00:00Z');
    await press(staff, 'อำเภอรับสมัครแล้ว');
    await oneStatusPush(leader, 'อำเภอรับสมัครแล้ว', () => say(staff, '8 ก.พ. 62'), ['8 ก.พ. 2562']);
    clock.set('2019-06-10T03:00:00Z');
    await press(staff, 'ประเมินตนเองก่อน');
    await oneStatusPush(leader, 'ประเมินตนเองก่อนพัฒนาแล้ว', () => say(staff, '๑๕/๓/๒๕๖๒'), ['15 มี.ค. 2562']);
    await press(staff, 'ทำแผนพัฒนาแล้ว');
    await oneStatusPush(leader, 'จัดทำแผนพัฒนาตนเองแล้ว', () => say(staff, '1 เม.ย. 2562'), ['1 เม.ย. 2562']);
    await press(staff, 'เริ่มพัฒนาตนเอง');
    await oneStatusPush(leader, 'อยู่ระหว่างพัฒนาตนเอง', () => say(staff, '20 เม.ย. 2562'), ['20 เม.ย. 2562']);
    await press(staff, 'ประเมินตนเองหลัง');
    await oneStatusPush(leader, 'ประเมินตนเองหลังพัฒนาแล้ว', () => say(staff, '1 มิ.ย. 2562'), ['1 มิ.ย. 2562']);
    await press(staff, 'นัดตรวจประเมิน');
    expect(texts(await say(staff, '20 มิ.ย. 2562')).join('\n')).toContain('สถานที่และเวลาตรวจประเมิน');
    await oneStatusPush(leader, 'นัดตรวจประเมินแล้ว', () => say(staff, 'ศาลาประชาคมหมู่ 3 เวลา 09.30 น.'), ['20 มิ.ย. 2562', 'ศาลาประชาคมหมู่ 3 เวลา 09.30 น.']);
    clock.set('2019-07-01T03:00:00Z');
    await press(staff, 'ผ่านการรับรอง');
    await say(staff, '1 ก.ค. 2562');
    await oneStatusPush(leader, 'ผ่านการรับรองมาตรฐาน', () => say(staff, 'ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช. ปี 2562'), [
      '1 ก.ค. 2562',
      'ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช. ปี 2562',
    ]);
    expect((await caseOf(t, leaderCase!.id)).c.status).toBe('certified');

    // --- สถานะใบสมัคร shows every step with its date.
    await say(leader, 'สถานะใบสมัคร');
    const status = allText(show('the status reply alone', leader.lastMessages())); // not the pushes before it
    // Every step, in order, each with its day: the day staff gave for the district's steps.
    expect(cardTexts(leader.lastMessages()).filter((l) => l.startsWith('✓ '))).toEqual([
      '✓ 21 ม.ค. 2562 เริ่มกรอกใบสมัคร',
      '✓ 24 ม.ค. 2562 ส่งแล้ว รอเจ้าหน้าที่ตรวจ',
      '✓ 24 ม.ค. 2562 เจ้าหน้าที่รับเรื่องแล้ว',
      '✓ 24 ม.ค. 2562 ขอข้อมูล/เอกสารเพิ่ม — สำเนาบัตรไม่ชัด ขอถ่ายใหม่ค่ะ',
      '✓ 24 ม.ค. 2562 ส่งข้อมูลเพิ่มแล้ว',
      '✓ 24 ม.ค. 2562 เจ้าหน้าที่รับเรื่องแล้ว',
      '✓ 24 ม.ค. 2562 ส่งต่ออำเภอแล้ว',
      '✓ 8 ก.พ. 2562 อำเภอรับสมัครแล้ว',
      '✓ 15 มี.ค. 2562 ประเมินตนเองก่อนพัฒนาแล้ว',
      '✓ 1 เม.ย. 2562 จัดทำแผนพัฒนาตนเองแล้ว',
      '✓ 20 เม.ย. 2562 อยู่ระหว่างพัฒนาตนเอง',
      '✓ 1 มิ.ย. 2562 ประเมินตนเองหลังพัฒนาแล้ว',
      '✓ 20 มิ.ย. 2562 นัดตรวจประเมินแล้ว — ศาลาประชาคมหมู่ 3 เวลา 09.30 น.',
      '✓ 1 ก.ค. 2562 ผ่านการรับรองมาตรฐาน — ประกาศจังหวัด เรื่องผู้ผ่านการประเมิน มชช. ปี 2562',
    ]);
    expect(status).toContain('สถานะ');
    expect(status).toContain('ผ่านการรับรองมาตรฐาน');
    expect(status).toContain(leaderRef);
    expect(status).toContain(ROUND);

    // --- The group's case: รับเรื่อง from its notice, then ไม่รับ with a reason; the push carries the rule.
    await oneStatusPush(group, 'เจ้าหน้าที่รับเรื่องแล้ว', () => staff.postback(buttonData(groupNotice, 'รับเรื่อง')));
    await press(staff, 'ไม่รับ');
    await press(staff, MCHCH_REASONS.documents.label);
    const refusal = await oneStatusPush(group, 'ไม่รับเรื่อง', () => say(staff, 'บันทึกการประชุมไม่มีลายมือชื่อผู้เข้าประชุมค่ะ'), [
      `เหตุผล: ${MCHCH_REASONS.documents.rule}`,
      'บันทึกการประชุมไม่มีลายมือชื่อผู้เข้าประชุมค่ะ',
    ]);
    expect(flexLabels(refusal)).toEqual(['ติดต่อเจ้าหน้าที่']);
    expect((await caseOf(t, groupCase.id)).c.status).toBe('rejected_local');
    expectNothingInvented([leader, group]);
  });
});

describe('a prepare_only round: prepared by LINE, handed in at the district', () => {
  it('a network and a community prepare their packs; the community hands in and staff record the district; after the cut-off a newcomer is refused', async () => {
    t = await mchchBot({ mode: 'prepare_only' });
    const staff = await newStaff(t);
    const network = new Person(t);
    const community = new Person(t);

    // --- The network.
    await start(network, 'เครือข่ายองค์กรชุมชน');
    await say(network, 'เครือข่ายกลุ่มอาชีพตำบลบางพระ');
    expect(allText(await say(network, 'กลุ่มทอผ้า, กลุ่มจักสาน'))).toContain('2 กลุ่ม/องค์กร');
    await press(network, 'มีมติแล้ว');
    await say(network, '16/1/2562');
    await consent(network, 'เครือข่ายองค์กรชุมชน');
    await fillHub(network, { advisers: 'ไม่มี' });
    const networkRef = await reviewAndSend(network, MCHCH_HUB_SAY.sendPrepare);
    expect(networkRef).toBe('MCH-2562-0001');
    const networkPack = allText(network.lastMessages());
    expect(networkPack).toContain('สำนักงานพัฒนาชุมชนอำเภอ');
    expect(networkPack).toContain('11 ก.พ. 2562');
    expect((await casesOf(network))[0]!.status).toBe('pack_ready');

    // --- The community.
    await start(community, 'ชุมชน');
    await say(community, 'ชุมชนบ้านคลองสวน');
    await say(community, 'หมู่ ๔');
    await say(community, 'ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314');
    await press(community, 'ชัดเจนแล้ว');
    await press(community, 'มีมติแล้ว');
    await say(community, '12 ม.ค. 2562');
    await consent(community, 'ชุมชน');
    // Bad input at the first document: words, a sticker, a voice note, an Excel file — each answered
    // politely, nothing lost; then the photo is taken.
    await fillHub(community, { stopAfter: 1 }); // the applicant's data
    const form = flexLabels(community.lastMessages()).find((l) => l.startsWith('✗') && l.includes('ใบสมัคร'))!;
    expect(texts(await press(community, form))[0]).toBe(DOC_SAY.ask('ใบสมัคร'));
    const wanted = 'รูปถ่าย หรือไฟล์ PDF';
    expect(texts(await say(community, 'ไม่มีค่ะ'))[0]).toBe(SAY.sendDocument(wanted));
    expect(texts(show('sticker', await community.sticker()))[0]).toBe(SAY.mediaAtDocument(wanted));
    expect(texts(await voiceNote(community))[0]).toBe(SAY.mediaAtDocument(wanted));
    const sheet = upload(XLSX(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await community.file(sheet, 'ใบสมัคร.xlsx', 420);
    expect(texts(show('xlsx', community.lastMessages()))[0]).toBe(SAY.documentWrongType(wanted));
    await community.image(upload(jpeg()));
    expect(texts(await press(community, DOC_SAY.done))[0]).toBe(DOC_SAY.saved('ใบสมัคร', 1));
    await fillHub(community, { pdfFor: ['ประชาคม'], advisers: 'ไม่มี' });
    const communityRef = await reviewAndSend(community, MCHCH_HUB_SAY.sendPrepare);
    expect(communityRef).toBe('MCH-2562-0002');
    const pack = community.lastMessages();
    const communityCase = (await casesOf(community))[0]!;
    expect(mchchDataOf(communityCase).eligibility).toMatchObject({ name: 'ชุมชนบ้านคลองสวน', area: { moo: 4 }, definiteBoundary: true });

    // Staff hear of each pack for information (no decision buttons).
    await deliver();
    const infos = pushesTo(staff.userId).map(allText);
    expect(infos.filter((s) => s.includes('ใบสมัครพร้อมยื่นที่อำเภอ (เพื่อทราบ)'))).toHaveLength(2);

    // The community hands it in, then taps ยื่นที่อำเภอแล้ว on its pack card.
    const handed = await press(community, MCHCH_HUB_SAY.handedIn, pack);
    expect(texts(handed)[0]).toContain('ยื่นใบสมัครที่อำเภอแล้ว');
    expect((await caseOf(t, communityCase.id)).c.status).toBe('handed_in');
    await deliver();
    const handedNotice = show('notice: handed in', pushesTo(staff.userId).at(-1)!);
    expect(allText(handedNotice)).toContain('ผู้สมัครยื่นที่อำเภอแล้ว (เพื่อทราบ)');
    expect(allText(handedNotice)).toContain(communityRef);

    // --- After the local cut-off a new applicant is refused, with แจ้งเตือนรอบหน้า.
    clock.set('2019-02-05T03:00:00Z');
    const late = new Person(t);
    const refused = await say(late, 'สมัคร มชช.');
    expect(allText(refused)).toContain('ปิดรับใบสมัครทาง LINE นี้แล้วเมื่อวันที่ 4 ก.พ. 2562');
    expect(allText(refused)).toContain(ROUND);
    expect(quickReplyLabels(refused)).toContain('แจ้งเตือนรอบหน้า');
    expect(await casesOf(late)).toHaveLength(0);

    // Staff record the district's registration with its day.
    clock.set('2019-02-08T03:00:00Z');
    await press(staff, 'อำเภอรับสมัครแล้ว', handedNotice);
    await oneStatusPush(community, 'อำเภอรับสมัครแล้ว', () => say(staff, '7 ก.พ. 2562'), ['7 ก.พ. 2562']);
    const { c, history } = await caseOf(t, communityCase.id);
    expect(c.status).toBe('district_registered');
    expect(history.at(-1)).toMatchObject({ toStatus: 'district_registered', onDate: '2019-02-07' });
    expectNothingInvented([network, community, late]);

  });
});
