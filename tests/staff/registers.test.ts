// The workspace's groups register and มชช. round progress (issue 12 point 3), at the server: the
// register lists what registerEntries (the export's read) returns, each reference leading to its
// case, with the groups still on their way apart; each round of the profile with its applications
// counted by status and by stage, the days to the cut-off, and ready ✓/✗ by the readiness rule.
// Both views are audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import type { AuditRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { registerEntries } from '../../src/groups/register';
import { groupsPage } from '../../src/staff/pages/groups';
import { mchchPage } from '../../src/staff/pages/mchch';
import { updateRow } from '../support/database';
import { clock, expectNoLineProblems, fake, type TestBot } from '../support/harness';
import { sampleBank, sampleMembers, sampleProfile } from '../groups/fixtures';
import { registeredGroup } from '../groups/registered';
import { ROUND_2562 } from '../mchch/fixtures';
import { applicantWithDraft, completeData, mchchBot, moveCase, newStaff, OFFICE, roundSnapshot } from '../mchch/helpers';
import { signInAt, type StaffSession } from './door-helpers';

const BASE = 'https://bot.example.go.th';
const NEXT_ROUND = { ...ROUND_2562, id: '2563-chachoengsao', label: 'มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา)', opens: '2020-01-10', localCutoff: '2020-02-03', districtDeadline: '2020-02-10', mode: 'relay' as const };

let t: TestBot;
let session: StaffSession;
let staffId: string;

beforeEach(async () => {
  fake.reset();
  t = await mchchBot({ rounds: [ROUND_2562, NEXT_ROUND], env: { PUBLIC_BASE_URL: BASE }, deps: { workspacePages: [groupsPage, mchchPage] } });
  const staff = await newStaff(t);
  staffId = staff.userId;
  session = await signInAt(t, staff);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const audits = (action: string) => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} AND action = ${action}`);

/** A group case straight in `status` (with a reference when given), named `name`. */
async function groupIn(status: string, name: string, reference?: string) {
  const members = sampleMembers(2);
  Object.assign(members.entries[0]!, { nationalId: '1101700203451', phone: '0891234567', joined: '2026-10-01' });
  const data = { profile: sampleProfile(name), members, committee: { entries: [{ position: 'ประธาน', memberId: 2 }] }, bank: sampleBank(name) };
  const c = await t.db.transaction((tx) => createDraft(tx, OFFICE, 'group', `U-${name}`, clock.now(), data));
  await updateRow(t.db, 'cases', { id: c.id }, { status, ...(reference && { reference }) });
  return c;
}

describe('the groups register', () => {
  it('lists what registerEntries returns, in its order, each reference linked to its case; groups on their way apart; audited', async () => {
    const first = await registeredGroup(t.db, 'U-leader-1', staffId, clock.now());
    await groupIn('registered', 'กลุ่มจักสานบ้านดอน', 'GRP-0099');
    const waiting = await groupIn('submitted', 'กลุ่มเลี้ยงปลาบ้านนา');
    await groupIn('rejected', 'กลุ่มที่ไม่รับเรื่อง');

    const html = await session.html('/staff/groups');
    const [registered, onTheirWay] = html.split('กลุ่มที่อยู่ระหว่างดำเนินการ');
    const entries = await registerEntries(t.db, OFFICE);
    expect(entries).toHaveLength(2);
    const links = [...registered!.matchAll(/<a href="\/staff\/cases\/(\d+)">([^<]+)<\/a>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(links).toEqual(entries.map((e) => [e.case.id, e.case.reference]));
    expect(links.map((l) => l[0])).toContain(first.id);
    for (const e of entries) expect(registered).toContain(`<a href="/staff/groups/${e.case.id}">${e.data.profile!.name}</a>`);
    // The chair (member 1 of the registered group, member 2 of the other), the active members counted.
    expect(registered).toMatch(/นางสมศรี ใจดี<br\s*\/?><span class="muted">สมาชิก 5 คน/);
    expect(registered).toMatch(/นางมาลี ศรีสุข<br\s*\/?><span class="muted">สมาชิก 2 คน/);
    expect(registered).toContain('หมู่ 5 บ้านโนนสูง ต.บ้านหนองบัว');

    expect(onTheirWay).toContain(`<a href="/staff/cases/${waiting.id}">เรื่องที่ ${waiting.id}</a>`);
    expect(onTheirWay).toContain('กลุ่มเลี้ยงปลาบ้านนา');
    expect(onTheirWay).toContain('ส่งแล้ว รอเจ้าหน้าที่ตรวจ');
    expect(html).not.toContain('กลุ่มที่ไม่รับเรื่อง');

    expect(await audits('groups.view')).toMatchObject([{ actor: staffId, target: 'groups:register', detail: '2 registered, 1 in progress' }]);
  });
});

describe('a group\'s members', () => {
  it('lists the members by name, house and หมู่, without ID numbers or phones; audited; another kind of case or an unknown id is not found', async () => {
    const c = await groupIn('registered', 'กลุ่มจักสานบ้านดอน', 'GRP-0099');
    const html = await session.html(`/staff/groups/${c.id}`);
    expect(html).toContain('<h1>กลุ่มจักสานบ้านดอน</h1>');
    expect(html).toContain(`<a href="/staff/cases/${c.id}">GRP-0099</a>`);
    expect(html).toMatch(/<td>1<\/td><td>นางสมศรี ใจดี<br\s*\/?><span class="muted">บ้านเลขที่ 1\/1 หมู่ 5<\/span>/);
    expect(html).toContain('นางมาลี ศรีสุข');
    expect(html).toContain('เข้าร่วม 1 ต.ค. 2569');
    expect(html).toContain('ประธาน: นางมาลี ศรีสุข');
    expect(html).not.toMatch(/1101700203451|0891234567|089-123-4567/);
    expect(await audits('group.members.view')).toMatchObject([{ actor: staffId, target: `case:${c.id}`, detail: '2 members listed' }]);

    const mchch = await applicantWithDraft(t, completeData('leader'));
    expect((await session.get(`/staff/groups/${mchch.caseId}`)).status).toBe(404);
    expect((await session.get('/staff/groups/99999')).status).toBe(404);
    expect(await audits('group.members.view')).toHaveLength(1);
  });
});

describe('มชช. round progress', () => {
  it('shows each round with its dates and mode, its applications counted by status and stage, the days to the cut-off, ready ✓/✗; audited', async () => {
    const officer = { role: 'officer' as const, id: staffId };
    const leader = await applicantWithDraft(t, completeData('leader'));
    await moveCase(t, leader.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: leader.person.userId } }]);
    const group = await applicantWithDraft(t, completeData('group'));
    await moveCase(t, group.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: group.person.userId } },
      { to: 'in_review', actor: officer },
    ]);
    const second = await applicantWithDraft(t, { ...completeData('leader'), applicant: { name: 'สมหญิง รักดี', phone: '0811111111' } });
    await moveCase(t, second.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: second.person.userId } }]);
    // A draft still missing its minutes (not ready), and one application of the next round.
    const draft = await applicantWithDraft(t, { ...completeData('network'), resolutionMinutes: { pages: [], none: false } });
    await applicantWithDraft(t, { ...completeData('community'), round: roundSnapshot(NEXT_ROUND) });

    const html = await session.html('/staff/mchch');
    const [, thisRound, nextRound] = html.split('<section class="card">');
    expect(thisRound).toContain(`<h2>${ROUND_2562.label}</h2>`);
    // 2019-01-21 (the clock) to the cut-off 2019-02-04.
    expect(thisRound).toContain('เหลือ 14 วันก่อนปิดรับ');
    expect(thisRound).toContain('<dt>สำนักงานปิดรับ</dt><dd>4 ก.พ. 2562</dd>');
    expect(thisRound).toContain('กำหนดส่งอำเภอ</dt><dd>11 ก.พ. 2562 (สำนักงานพัฒนาชุมชนอำเภอ)</dd>');
    expect(thisRound).toContain('ผู้สมัครยื่นเองที่อำเภอ');
    expect(thisRound).toContain('<h3>ใบสมัคร 4 ราย</h3>');
    // By status, with the kind's labels; statuses nobody is in are not listed.
    expect(thisRound).toContain('<td>เอกสารพร้อมยื่นที่อำเภอ</td><td>2</td>');
    expect(thisRound).toContain('<td>เจ้าหน้าที่รับเรื่องแล้ว</td><td>1</td>');
    expect(thisRound).toContain('<td>กำลังกรอกใบสมัคร</td><td>1</td>');
    expect(thisRound).not.toContain('<td>ส่งแล้ว รอเจ้าหน้าที่ตรวจ</td>');
    // By stage: all four are before the district.
    expect(thisRound).toContain('<td>ก่อนถึงอำเภอ</td><td>4</td>');
    expect(thisRound).toContain('<td>อยู่ในขั้นพัฒนาตนเอง</td><td>0</td>');
    // The list: reference → case, type, ready by the readiness rule.
    expect(thisRound).toMatch(new RegExp(`<a href="/staff/cases/${leader.caseId}" class="nowrap">MCH-2562-\\d{4}</a><br\\s*/?><span class="muted">ผู้นำชุมชน</span></td><td><strong>สมศรี ใจดี</strong>`));
    expect(thisRound).toContain(`<a href="/staff/cases/${draft.caseId}" class="nowrap">ร่าง ${draft.caseId}</a>`);
    expect(thisRound).toContain('<strong>เครือข่ายกลุ่มอาชีพตำบลบางพระ</strong>');
    const readyMarks = [...thisRound!.matchAll(/(✓ เอกสารครบ|✗ ขาด \d+ รายการ)/g)].map((m) => m[1]);
    expect(readyMarks).toEqual(['✓ เอกสารครบ', '✓ เอกสารครบ', '✓ เอกสารครบ', '✗ ขาด 1 รายการ']);

    expect(nextRound).toContain(`<h2>${NEXT_ROUND.label}</h2>`);
    expect(nextRound).toContain('เปิดรับในอีก 354 วัน');
    expect(nextRound).toContain('สำนักงานตรวจแล้วส่งต่ออำเภอ');
    expect(nextRound).toContain('<h3>ใบสมัคร 1 ราย</h3>');
    expect(nextRound).toContain('<span class="muted">ชุมชน</span>');

    expect(await audits('mchch.view')).toMatchObject([{ actor: staffId, target: 'mchch:rounds', detail: '2 rounds, 5 applications' }]);
  });
});
