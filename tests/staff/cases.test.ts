// The workspace's cases (issue 12 point 3), at the server: the queue in LINE's order with its
// filters, the search by reference (Thai digits, lower case), a case's page (its data, documents,
// history and only the decisions open to this member), a decision from the page making the same
// change and the same push as LINE's button, a stale form refused with the case as it is now, the
// note and sections a decision needs, and attachments served only to the office's staff with
// headers that keep them out of caches and other sites.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindAttachment, recordAttachment } from '../../src/attachments/store';
import { storeContent } from '../../src/attachments/files';
import { staffDecisions } from '../../src/cases/decisions';
import type { AnyKind } from '../../src/cases/kind';
import { kindOf } from '../../src/cases/kinds';
import { findCase } from '../../src/cases/store';
import { normalizeReference } from '../../src/cases/queue';
import type { AuditRow, CaseRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { updateRow } from '../support/database';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { GROUP_NAME } from '../groups/fixtures';
import { OFFICE, buttonData, caseAt, historyRows, pushesAbout, pushesTo, submittedCase } from '../cases/helpers';
import { signInAt, type StaffSession } from './door-helpers';
import { applicantWithDraft, completeData, mchchBot, moveCase } from '../mchch/helpers';
import { MCHCH_REASONS } from '../../src/mchch/data';
import { reasonLine } from '../../src/cases/actions';

const BASE = 'https://bot.example.go.th';
let t: TestBot;
let officer: Person;
let session: StaffSession;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ env: { PUBLIC_BASE_URL: BASE } });
  officer = new Person(t);
  await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
  session = await signInAt(t, officer);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const audits = (action: string) => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} AND action = ${action} ORDER BY id`);
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(clock.now().getTime() - days * DAY);

/** The values of the hidden `to` fields: the decisions the page offers. */
function offered(html: string): string[] {
  return [...html.matchAll(/name="to" value="([^"]+)"/g)].map((m) => m[1]!);
}

/** The CSRF token and version the page's forms carry. */
function versionIn(html: string): string {
  return /name="v" value="(\d+)"/.exec(html)![1]!;
}

describe('the queue', () => {
  it('lists what waits for staff in LINE’s order; filters by kind and status; drafts never', async () => {
    await caseAt(t.db, 'in_review', at(5), 'U1', 'กลุ่มตรวจอยู่');
    await caseAt(t.db, 'submitted', at(2), 'U2', 'กลุ่มส่งใหม่');
    await caseAt(t.db, 'submitted', at(4), 'U3', 'กลุ่มส่งนาน');
    await caseAt(t.db, 'needs_info', at(9), 'U4', 'กลุ่มรอแก้');
    await caseAt(t.db, 'registered', at(3), 'U5', 'กลุ่มขึ้นแล้ว');
    await caseAt(t.db, 'draft', at(1), 'U6', 'กลุ่มร่าง');

    const html = await session.html('/staff/cases');
    const order = ['กลุ่มส่งนาน', 'กลุ่มส่งใหม่', 'กลุ่มตรวจอยู่', 'กลุ่มรอแก้'].map((name) => html.indexOf(name));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('กลุ่มขึ้นแล้ว');
    expect(html).not.toContain('กลุ่มร่าง');
    expect(html).toContain('รอผู้ยื่นแก้ไข');
    expect(html).toContain('4 วัน');
    expect(html).toContain('class="table-wrap"');

    const registered = await session.html('/staff/cases?status=registered');
    expect(registered).toContain('กลุ่มขึ้นแล้ว');
    expect(registered).not.toContain('กลุ่มส่งใหม่');
    const all = await session.html('/staff/cases?status=all&kind=group');
    for (const name of ['กลุ่มขึ้นแล้ว', 'กลุ่มส่งใหม่', 'กลุ่มรอแก้']) expect(all).toContain(name);
    expect(all).not.toContain('กลุ่มร่าง');
    const mchch = await session.html('/staff/cases?kind=mchch');
    expect(mchch).toContain('ไม่มีเรื่องตามที่เลือกค่ะ');
    expect(mchch).not.toContain('กลุ่มส่งใหม่');

    const listed = await audits('cases.list');
    expect(listed.map((a) => a.detail)).toEqual(['all/waiting', 'all/registered', 'group/all', 'mchch/waiting']);
    expect(listed.every((a) => a.actor === officer.userId)).toBe(true);
  });

  it('finds a case by its reference as people type it (Thai digits, lower case, no dashes) and goes straight to it', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    expect(c.reference).toBe('GRP-2569-0001');
    for (const typed of ['GRP-2569-0001', 'grp-๒๕๖๙-๐๐๐๑', 'grp 2569 1', 'GRP25690001']) {
      const r = await session.get(`/staff/cases?q=${encodeURIComponent(typed)}`);
      expect(r.status, typed).toBe(303);
      expect(r.headers.get('location')).toBe(`/staff/cases/${c.id}`);
    }
    const missing = await session.get(`/staff/cases?q=${encodeURIComponent('MCH-๒๕๖๒-๙')}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('ไม่พบเรื่องเลขที่ MCH-2562-0009');
    const odd = await session.get(`/staff/cases?q=${encodeURIComponent('<b>นายสมชาย</b>')}`);
    const text = await odd.text();
    expect(text).toContain('ไม่ใช่รูปแบบเลขที่เรื่อง');
    expect(text).not.toContain('<b>นายสมชาย');
    expect(normalizeReference('hello')).toBeUndefined();
  });
});

describe('a case’s page', () => {
  it('shows the case card’s data, its history, and only the decisions open now; each view is audited', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    const html = await session.html(`/staff/cases/${c.id}`);
    for (const part of ['GRP-2569-0001', GROUP_NAME, 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ', 'ข้อมูลกลุ่ม', 'สมาชิก', 'ประวัติ', 'ผู้ยื่น', 'กำลังกรอกข้อมูล', 'วันเวลา']) expect(html).toContain(part);
    expect(offered(html)).toEqual(['in_review']);
    expect(versionIn(html)).toBe(String(c.version));

    await updateRow(t.db, 'cases', { id: c.id }, { status: 'in_review' });
    const review = await session.html(`/staff/cases/${c.id}`);
    // The LINE card's buttons, in its order; forwarding has no button there, nor here.
    expect(offered(review)).toEqual(['needs_info', 'registered', 'rejected']);
    expect(review).toMatch(/<textarea[^>]*name="note"[^>]*required/);
    expect(review).toContain('name="sections" value="members"');

    await updateRow(t.db, 'cases', { id: c.id }, { status: 'registered' });
    const done = await session.html(`/staff/cases/${c.id}`);
    expect(offered(done)).toEqual([]);
    expect(done).toContain('เรื่องนี้ไม่มีขั้นตอนที่เจ้าหน้าที่ต้องทำต่อแล้วค่ะ');

    const views = await audits('case.view');
    expect(views.map((a) => a.target)).toEqual([`case:${c.id}`, `case:${c.id}`, `case:${c.id}`]);
    expect(views.every((a) => a.actor === officer.userId && a.detail === null)).toBe(true);
    expect((await session.get('/staff/cases/99999')).status).toBe(404);
  });

  it('a decision from the page changes the status, writes the history and queues the same push as LINE’s button', async () => {
    const byPage = await submittedCase(t.db, 'Uleader1');
    const byLine = await submittedCase(t.db, 'Uleader2');
    await t.bot.outbox.runOnce();

    const page = await session.html(`/staff/cases/${byPage.id}`);
    const r = await session.post(`/staff/cases/${byPage.id}/decide`, { to: 'in_review', v: versionIn(page), note: '' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/staff/cases/${byPage.id}?m=decided`);
    const notice = pushesTo(officer.userId).find((m) => JSON.stringify(m).includes('GRP-2569-0002'))!;
    await officer.postback(buttonData(notice, 'รับเรื่อง'));

    for (const c of [byPage, byLine]) {
      expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
      const last = (await historyRows(t.db, c)).at(-1)!;
      expect([last.actorKind, last.actorId, last.fromStatus, last.toStatus]).toEqual(['officer', officer.userId, 'submitted', 'in_review']);
    }
    const [pagePush] = await pushesAbout(t.db, byPage, 'case-applicant');
    const [linePush] = await pushesAbout(t.db, byLine, 'case-applicant');
    // The same message but for the case's reference and id.
    const same = (row: OutboxRow, c: CaseRow) => row.messages.replaceAll(c.reference!, 'REF').replaceAll(`p.c=${c.id}&`, 'p.c=ID&');
    expect(pagePush!.to).toBe('Uleader1');
    expect(same(pagePush!, byPage)).toBe(same(linePush!, byLine));
    expect(pagePush!.messages).toContain('เจ้าหน้าที่รับเรื่องแล้ว');

    const after = await session.html(`/staff/cases/${byPage.id}?m=decided`);
    expect(after).toContain('บันทึกแล้วค่ะ');
    expect(after).toContain('เจ้าหน้าที่ (คุณ)');
    expect(offered(after)).toEqual(['needs_info', 'registered', 'rejected']);
    const decided = await audits('case.decide');
    expect(decided.map((a) => [a.target, a.detail, a.actor])).toEqual([[`case:${byPage.id}`, 'in_review', officer.userId]]);
  });

  it('a form drawn before someone else decided is refused with the case as it is now; one decision, one push', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    await t.bot.outbox.runOnce();
    const page = await session.html(`/staff/cases/${c.id}`);
    await officer.postback(buttonData(pushesTo(officer.userId).at(-1)!, 'รับเรื่อง'));

    const r = await session.post(`/staff/cases/${c.id}/decide`, { to: 'in_review', v: versionIn(page) });
    expect(r.status).toBe(409);
    const html = await r.text();
    expect(html).toContain('มีเจ้าหน้าที่ดำเนินการไปแล้ว');
    expect(html).toContain('ตอนนี้สถานะ: เจ้าหน้าที่รับเรื่องแล้ว');
    expect(offered(html)).toEqual(['needs_info', 'registered', 'rejected']);
    expect((await historyRows(t.db, c)).filter((h) => h.toStatus === 'in_review')).toHaveLength(1);
    expect(await pushesAbout(t.db, c, 'case-applicant')).toHaveLength(1);
    expect(await audits('case.decide')).toEqual([]);
  });

  it('asks again for what a decision needs (the note, the sections), keeping what was typed', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    await session.html(`/staff/cases/${c.id}`);
    await session.post(`/staff/cases/${c.id}/decide`, { to: 'in_review', v: String(c.version) });
    const v = String(c.version + 1);

    const noNote = await session.post(`/staff/cases/${c.id}/decide`, { to: 'rejected', v, note: '  ' });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('กรุณาพิมพ์ข้อความถึงผู้ยื่น');

    const noSections = await session.post(`/staff/cases/${c.id}/decide`, { to: 'needs_info', v, note: 'ขอสำเนาบันทึกการประชุม <ฉบับจริง>' });
    expect(noSections.status).toBe(400);
    const again = await noSections.text();
    expect(again).toContain('เลือกส่วนที่ให้แก้ไขอย่างน้อย 1 ส่วน');
    expect(again).toContain('ขอสำเนาบันทึกการประชุม &lt;ฉบับจริง&gt;');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');

    // Two sections ticked: the form sends the field twice.
    const body = new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(again)![1]!, to: 'needs_info', v, note: 'ขอสำเนาบันทึกการประชุม' });
    body.append('sections', 'minutes');
    body.append('sections', 'members');
    const done = await t.bot.app.request(`/staff/cases/${c.id}/decide`, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: session.cookie },
    });
    expect(done.status).toBe(303);
    const now = (await findCase(t.db, OFFICE, c.id))!;
    expect([...(JSON.parse(now.reopened) as string[])].sort()).toEqual(['members', 'minutes']);
    expect(now.status).toBe('needs_info');
    expect((await pushesAbout(t.db, c, 'case-applicant')).at(-1)!.messages).toContain('ขอสำเนาบันทึกการประชุม');
  });

  it('refuses a decision that is not staff’s (the applicant’s withdrawal); an admin acts in the officer’s decisions; admin-only ones only to admins', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    await session.html(`/staff/cases/${c.id}`);
    const withdraw = await session.post(`/staff/cases/${c.id}/decide`, { to: 'withdrawn', v: String(c.version) });
    expect(withdraw.status).toBe(403);
    expect(await withdraw.text()).toContain('ทำรายการนี้ไม่ได้ในสถานะปัจจุบันค่ะ');
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('submitted');

    await updateRow(t.db, 'staff', { userId: officer.userId }, { role: 'admin' });
    const asAdmin = await session.post(`/staff/cases/${c.id}/decide`, { to: 'in_review', v: String(c.version) });
    expect(asAdmin.status).toBe(303);
    expect((await historyRows(t.db, c)).at(-1)!.actorKind).toBe('officer');

    // No kind has an admin-only decision today: one made up shows who is offered it, in which role.
    const group = kindOf('group')!;
    const kind: AnyKind = { ...group, transitions: [...group.transitions, { from: 'in_review', to: 'forwarded', role: 'admin', label: 'ส่งต่อ (ผู้ดูแล)' }] };
    const inReview = { status: 'in_review' };
    expect(staffDecisions(kind, inReview, 'officer').map((d) => d.rule.to)).toEqual(['needs_info', 'registered', 'rejected']);
    expect(staffDecisions(kind, inReview, 'admin').map((d) => [d.rule.to, d.role])).toEqual([
      ['needs_info', 'officer'],
      ['registered', 'officer'],
      ['rejected', 'officer'],
      ['forwarded', 'admin'],
    ]);
  });
});

describe('attachments', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);
  const PDF = Buffer.from('%PDF-1.4\n% a test\n');
  const CSV = Buffer.from('ชื่อ,โทร\nสมศรี,0812345678\n');

  async function attach(caseId: number | null, bytes: Buffer, mime: string, slot: string, office = OFFICE, fileName?: string): Promise<number> {
    const sha256 = await storeContent(t.config.attachments.dir, office, bytes);
    const row = await recordAttachment(t.db, office, { messageId: `m${Math.random()}`, userId: 'Uleader', sha256, mime, bytes: bytes.length, ...(fileName ? { fileName } : {}) }, clock.now().getTime());
    await bindAttachment(t.db, office, row.id, 'Uleader', slot, caseId ?? undefined);
    return row.id;
  }

  it('the case shows photos inline and PDFs in a frame under their section; each is served with its own type and strict headers, and audited', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    const photo = await attach(c.id, PNG, 'image/png', 'group.members.register');
    const pdf = await attach(c.id, PDF, 'application/pdf', 'group.minutes');
    const csv = await attach(c.id, CSV, 'text/csv', 'group.members.file', OFFICE, 'รายชื่อสมาชิก นางสมศรี.csv');

    const html = await session.html(`/staff/cases/${c.id}`);
    expect(html).toContain(`<img class="attachment" src="/staff/attachments/${photo}"`);
    expect(html).toContain(`<iframe class="attachment" src="/staff/attachments/${pdf}"`);
    expect(html).toContain(`href="/staff/attachments/${csv}"`);
    const section = (key: string) => new RegExp(`id="section-${key}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    const members = section('members');
    expect(members).toContain(`/staff/attachments/${photo}`);
    expect(members).toContain(`/staff/attachments/${csv}`);
    expect(section('minutes')).toContain(`/staff/attachments/${pdf}`);
    expect(members).not.toContain(`/staff/attachments/${pdf}`);
    expect(html).toMatch(/ส่วนที่ไม่มีเอกสารแนบ: ข้อมูลกลุ่ม, คณะกรรมการ/);

    const image = await session.get(`/staff/attachments/${photo}`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="attachment-${photo}.png"`);
    expect(image.headers.get('cache-control')).toBe('no-store');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");

    const doc = await session.get(`/staff/attachments/${pdf}`);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.headers.get('content-disposition')).toMatch(/^inline;/);

    // Anything else is a download, never shown in the browser, under a name without the sender's.
    const list = await session.get(`/staff/attachments/${csv}`);
    expect(list.headers.get('content-type')).toBe('application/octet-stream');
    expect(list.headers.get('content-disposition')).toBe(`attachment; filename="attachment-${csv}.csv"`);
    expect(Buffer.from(await list.arrayBuffer()).equals(CSV)).toBe(true);

    const viewed = await audits('attachment.view');
    expect(viewed.map((a) => [a.target, a.detail])).toEqual([
      [`attachment:${photo}`, `case:${c.id}`],
      [`attachment:${pdf}`, `case:${c.id}`],
      [`attachment:${csv}`, `case:${c.id}`],
    ]);
  });

  it('another office’s attachment is not found, nor one no step took; without a session nothing is served', async () => {
    const c = await submittedCase(t.db, 'Uleader');
    const ours = await attach(c.id, PNG, 'image/png', 'group.minutes');
    const theirs = await attach(c.id, PNG, 'image/png', 'group.minutes', 'north');
    const sha256 = await storeContent(t.config.attachments.dir, OFFICE, PDF);
    const unbound = (await recordAttachment(t.db, OFFICE, { messageId: 'loose', userId: 'Uleader', sha256, mime: 'application/pdf', bytes: PDF.length }, clock.now().getTime())).id;

    expect((await session.get(`/staff/attachments/${theirs}`)).status).toBe(404);
    expect((await session.get(`/staff/attachments/${unbound}`)).status).toBe(404);
    expect((await session.get('/staff/attachments/abc')).status).toBe(404);
    const anonymous = await t.bot.app.request(`/staff/attachments/${ours}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('text/html');
    expect(await audits('attachment.view')).toEqual([]);
  });
});

describe('a มชช. application: the reason for ไม่รับ and the day of ส่งต่ออำเภอ', () => {
  let m: TestBot;
  let staff: StaffSession;
  let member: Person;
  beforeEach(async () => {
    m = await mchchBot({ mode: 'relay', env: { PUBLIC_BASE_URL: BASE } });
    member = new Person(m);
    await addStaff(m.db, OFFICE, member.userId, 'cli', clock.now().getTime());
    staff = await signInAt(m, member);
  });
  afterEach(async () => {
    await m.close();
  });

  async function inReview(): Promise<{ caseId: number; applicant: Person }> {
    const { person, caseId } = await applicantWithDraft(m, completeData('leader', [1], 'relay'));
    await moveCase(m, caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: person.userId } },
      { to: 'in_review', actor: { role: 'officer', id: member.userId } },
    ]);
    return { caseId, applicant: person };
  }

  it('ไม่รับ needs a reason from the kind’s list; the applicant reads its rule first, then the note', async () => {
    const { caseId } = await inReview();
    const html = await staff.html(`/staff/cases/${caseId}`);
    expect(offered(html)).toEqual(['needs_info', 'rejected_local', 'forwarded_to_district']);
    expect(html).toContain('<option value="residency">');
    const v = versionIn(html);

    const noReason = await staff.post(`/staff/cases/${caseId}/decide`, { to: 'rejected_local', v, note: 'ตรวจทะเบียนบ้านแล้ว' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('กรุณาเลือกเหตุผล');

    const done = await staff.post(`/staff/cases/${caseId}/decide`, { to: 'rejected_local', v, reason: 'residency', note: 'ตรวจทะเบียนบ้านแล้ว' });
    expect(done.status).toBe(303);
    const c = (await findCase(m.db, OFFICE, caseId))!;
    expect(c.status).toBe('rejected_local');
    const push = (await pushesAbout(m.db, c, 'case-applicant')).at(-1)!;
    expect(push.messages).toContain(reasonLine(MCHCH_REASONS.residency.rule));
    expect(push.messages).toContain('ตรวจทะเบียนบ้านแล้ว');
  });

  it('ส่งต่ออำเภอ asks for the day (a date field, not after today); the history keeps it', async () => {
    const { caseId } = await inReview();
    const html = await staff.html(`/staff/cases/${caseId}`);
    expect(html).toMatch(/<input type="date" id="forwarded_to_district-date" name="date" required="" value="2019-01-21" min="2019-01-21" max="2019-01-21"/);
    const v = versionIn(html);

    const ahead = await staff.post(`/staff/cases/${caseId}/decide`, { to: 'forwarded_to_district', v, date: '2019-01-25' });
    expect(ahead.status).toBe(400);
    expect(await ahead.text()).toContain('ต้องเป็นวันนี้หรือก่อนหน้านี้');
    const done = await staff.post(`/staff/cases/${caseId}/decide`, { to: 'forwarded_to_district', v, date: '2019-01-21' });
    expect(done.status).toBe(303);
    const last = (await historyRows(m.db, { id: caseId, officeId: OFFICE })).at(-1)!;
    expect([last.toStatus, last.onDate]).toEqual(['forwarded_to_district', '2019-01-21']);
    expect(await staff.html(`/staff/cases/${caseId}`)).toContain('21 ม.ค. 2562');
  });
});
