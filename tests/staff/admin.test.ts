// The admins' pages (issue 12 points 1 and 3), at the server: บันทึกการใช้งาน (newest first, paged,
// labels) and เจ้าหน้าที่ (an invitation whose code a new LINE user redeems, shown once; a role
// change; removal behind a confirm page ending the member's session at once; never the last admin);
// officers refused both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/db/audit';
import { q } from '../../src/db/sql';
import { addStaff, staffRole } from '../../src/db/staff';
import type { AuditRow } from '../../src/db/schema';
import { auditPage, AUDIT_PAGE_SIZE } from '../../src/staff/pages/audit';
import { clock, createTestBot, expectNoLineProblems, fake, Person, texts, type TestBot } from '../support/harness';
import { signInAt, type StaffSession } from './door-helpers';

const OFFICE = 'default';
let t: TestBot;
let admin: Person;
let officer: Person;
let adminSession: StaffSession;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ env: { PUBLIC_BASE_URL: 'https://bot.example.go.th' } });
  admin = new Person(t);
  officer = new Person(t);
  await addStaff(t.db, OFFICE, admin.userId, 'cli', clock.now().getTime(), 'admin');
  await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime() + 1);
  adminSession = await signInAt(t, admin);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const audits = () => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} ORDER BY id`);
const short = (userId: string) => `…${userId.slice(-6)}`;

describe('officers', () => {
  it('get 403 on the audit log and the staff page, and on the staff forms', async () => {
    const session = await signInAt(t, officer);
    expect((await session.get('/staff/admin/audit')).status).toBe(403);
    expect((await session.get('/staff/admin/staff')).status).toBe(403);
    await session.get('/staff/handoffs'); // a page that carries the CSRF token
    expect((await session.post('/staff/admin/staff/invite', { role: 'admin', hours: '72' })).status).toBe(403);
    expect((await session.post('/staff/admin/staff/role', { user: officer.userId, role: 'admin' })).status).toBe(403);
    expect(await staffRole(t.db, OFFICE, officer.userId)).toBe('officer');
    expect((await audits()).filter((a) => a.action === 'staff.invite')).toEqual([]);
  });
});

describe('the audit log', () => {
  it('lists entries newest first with who, a Thai label beside the raw action, target, detail and a Thai time', async () => {
    clock.advance(60_000);
    await audit(t.db, OFFICE, { actor: officer.userId, action: 'handoff.answer', target: 'handoff:7' }, clock.now().getTime());
    await audit(t.db, OFFICE, { actor: 'cli', action: 'staff.add', target: `staff:${officer.userId}`, detail: 'role:officer' }, clock.now().getTime() + 1);
    const html = await adminSession.html('/staff/admin/audit');
    const rows = html.split('<tr>').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('ผู้ดูแล (คำสั่ง CLI)');
    expect(rows[0]).toContain('เพิ่มเจ้าหน้าที่');
    expect(rows[0]).toContain('staff.add');
    expect(rows[0]).toContain(`staff:${short(officer.userId)}`);
    expect(rows[0]).not.toContain(officer.userId);
    expect(rows[0]).toContain('role:officer');
    expect(rows[1]).toContain('ตอบผู้ติดต่อ');
    expect(rows[1]).toContain('handoff:7');
    expect(rows[1]).toContain(short(officer.userId));
    expect(rows[1]).toContain('23 พ.ย. 2569</div><div>10:01 น.');
    expect(rows[2]).toContain('เข้าสู่ระบบ');
    expect(rows[2]).toContain(`คุณ (${short(admin.userId)})`);
    expect(html).not.toContain('เก่ากว่านี้');
  });

  it('is paged by time: the next page holds the older entries, none skipped or repeated', async () => {
    const start = clock.now().getTime() + 1_000;
    for (let i = 0; i < 70; i++) await audit(t.db, OFFICE, { actor: 'cli', action: 'review', target: `case:${i}` }, start + i * 1_000);
    const first = await adminSession.html('/staff/admin/audit');
    const next = /href="(\/staff\/admin\/audit\?before=\d+)"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await adminSession.html(next!);
    const targets = (html: string) => [...html.matchAll(/<code>(case:\d+)<\/code>/g)].map((m) => m[1]);
    expect(targets(first)).toHaveLength(AUDIT_PAGE_SIZE);
    expect(targets(first)[0]).toBe('case:69');
    expect([...targets(first), ...targets(second)]).toEqual(Array.from({ length: 70 }, (_, i) => `case:${69 - i}`));
    expect(second).toContain('เข้าสู่ระบบ'); // the sign-in, the oldest
    expect(second).not.toContain('เก่ากว่านี้');
  });

  it('a full page ending inside one millisecond stops before it, so the next page starts with it', () => {
    const row = (id: number, at: number): AuditRow => ({ officeId: OFFICE, id, at, actor: 'cli', action: 'review', target: `case:${id}`, detail: null });
    const rows = [row(5, 40), row(4, 30), row(3, 20), row(2, 10), row(1, 10)];
    // The fourth row shares its millisecond with one beyond the page: the page stops before it.
    expect(auditPage(rows.slice(1), 3)).toEqual({ shown: [row(4, 30), row(3, 20)], nextBefore: 11 });
    // A page whose last row is alone in its millisecond is whole.
    expect(auditPage(rows, 3)).toEqual({ shown: rows.slice(0, 3), nextBefore: 20 });
    expect(auditPage(rows.slice(0, 2), 3)).toEqual({ shown: rows.slice(0, 2), nextBefore: undefined });
    const same = [row(3, 10), row(2, 10), row(1, 10)];
    expect(auditPage(same, 2)).toEqual({ shown: same.slice(0, 2), nextBefore: 10 });
  });
});

describe('staff and invitations', () => {
  it('lists staff with role and since', async () => {
    const html = await adminSession.html('/staff/admin/staff');
    expect(html).toContain('รายชื่อ (2)');
    const rowOf = (userId: string) => html.slice(html.indexOf(short(userId))).split('</tr>')[0]!;
    expect(rowOf(admin.userId)).toContain('ผู้ดูแลระบบ');
    expect(rowOf(admin.userId)).toContain('คุณ');
    expect(rowOf(officer.userId)).toContain('เจ้าหน้าที่');
    expect(rowOf(officer.userId)).toContain('ตั้งแต่ 23 พ.ย. 2569');
  });

  it('an invitation shows its code once, grouped, with how to use it and when it expires; a new LINE user redeems it', async () => {
    await adminSession.html('/staff/admin/staff');
    const made = await adminSession.post('/staff/admin/staff/invite', { role: 'officer', hours: '24' });
    expect(made.status).toBe(200);
    const html = await made.text();
    const code = /class="invite-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html)?.[1];
    expect(code).toBeDefined();
    expect(html).toContain('รหัสนี้แสดงครั้งเดียวเท่านั้น');
    expect(html).toContain('พิมพ์รหัสนี้ในแชต');
    expect(html).toContain('ใช้ได้ถึง <strong>24 พ.ย. 2569 เวลา 10:00 น.</strong>');
    expect((await audits()).filter((a) => a.action === 'staff.invite')).toEqual([expect.objectContaining({ actor: admin.userId, target: 'role:officer' })]);
    // Never again: the staff page does not show it, and the database holds only its hash.
    expect(await adminSession.html('/staff/admin/staff')).not.toContain(code!);
    expect(JSON.stringify(await t.db.all(q`SELECT * FROM staff_invitations`))).not.toContain(code!.replace('-', ''));

    const newcomer = new Person(t);
    const welcome = await newcomer.say(code!.toLowerCase());
    expect(texts(welcome)[0]).toContain('ลงทะเบียนเป็นเจ้าหน้าที่เรียบร้อยแล้วค่ะ');
    expect(await staffRole(t.db, OFFICE, newcomer.userId)).toBe('officer');
    expect(await adminSession.html('/staff/admin/staff')).toContain('รายชื่อ (3)');
    const again = await new Person(t).say(code!);
    expect(texts(again)[0]).toContain('ถูกใช้ไปแล้ว');
  });

  it('an admin invitation makes an admin; odd roles or lifetimes are refused', async () => {
    await adminSession.html('/staff/admin/staff');
    const html = await (await adminSession.post('/staff/admin/staff/invite', { role: 'admin', hours: '168' })).text();
    const code = /class="invite-code">([A-Z0-9-]{9})</.exec(html)![1]!;
    expect(html).toContain('ใช้ได้ถึง <strong>30 พ.ย. 2569');
    const newcomer = new Person(t);
    await newcomer.say(code);
    expect(await staffRole(t.db, OFFICE, newcomer.userId)).toBe('admin');
    for (const fields of [{ role: 'owner', hours: '72' }, { role: 'officer', hours: '10000' }]) {
      const refused = await adminSession.post('/staff/admin/staff/invite', fields);
      expect(refused.headers.get('location')).toBe('/staff/admin/staff?e=bad');
    }
    expect((await audits()).filter((a) => a.action === 'staff.invite')).toHaveLength(1);
  });

  it('a role change takes effect at once: the promoted officer opens the admin pages', async () => {
    const session = await signInAt(t, officer);
    expect((await session.get('/staff/admin/audit')).status).toBe(403);
    await adminSession.html('/staff/admin/staff');
    const changed = await adminSession.post('/staff/admin/staff/role', { user: officer.userId, role: 'admin' });
    expect(changed.headers.get('location')).toBe('/staff/admin/staff?m=role');
    expect((await session.get('/staff/admin/audit')).status).toBe(200);
    expect((await audits()).filter((a) => a.action === 'staff.role')).toEqual([
      expect.objectContaining({ actor: admin.userId, target: `staff:${officer.userId}`, detail: 'officer->admin' }),
    ]);
  });

  it('removal asks ยืนยันการลบ first; confirmed, the member is gone and their open session gets 401 at once', async () => {
    const session = await signInAt(t, officer);
    expect((await session.get('/staff/handoffs')).status).toBe(200);
    await adminSession.html('/staff/admin/staff');
    const ask = await adminSession.post('/staff/admin/staff/remove', { user: officer.userId });
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('ยืนยันการลบ');
    expect(askHtml).toContain('action="/staff/admin/staff/remove/confirm"');
    // Nothing changed yet.
    expect(await staffRole(t.db, OFFICE, officer.userId)).toBe('officer');
    expect((await session.get('/staff/handoffs')).status).toBe(200);

    const done = await adminSession.post('/staff/admin/staff/remove/confirm', { user: officer.userId });
    expect(done.headers.get('location')).toBe('/staff/admin/staff?m=removed');
    expect(await staffRole(t.db, OFFICE, officer.userId)).toBeUndefined();
    expect((await session.get('/staff/handoffs')).status).toBe(401);
    expect(await t.db.all(q`SELECT * FROM staff_sessions WHERE user_id = ${officer.userId}`)).toEqual([]);
    expect((await audits()).filter((a) => a.action === 'staff.remove')).toEqual([
      expect.objectContaining({ actor: admin.userId, target: `staff:${officer.userId}`, detail: 'role:officer sessions:1' }),
    ]);
    expect(await adminSession.html('/staff/admin/staff?m=removed')).toContain('ลบเจ้าหน้าที่แล้วค่ะ');
    // A second confirm (another tab) finds nobody.
    expect((await adminSession.post('/staff/admin/staff/remove/confirm', { user: officer.userId })).headers.get('location')).toBe('/staff/admin/staff?e=unknown');
  });

  it('the last admin can neither demote nor remove themselves; with a second admin they can', async () => {
    await adminSession.html('/staff/admin/staff');
    const demote = await adminSession.post('/staff/admin/staff/role', { user: admin.userId, role: 'officer' });
    expect(demote.headers.get('location')).toBe('/staff/admin/staff?e=last-admin');
    const remove = await adminSession.post('/staff/admin/staff/remove/confirm', { user: admin.userId });
    expect(remove.headers.get('location')).toBe('/staff/admin/staff?e=last-admin');
    expect(await adminSession.html('/staff/admin/staff?e=last-admin')).toContain('ผู้นี้เป็นผู้ดูแลระบบคนสุดท้ายของสำนักงาน');
    expect(await staffRole(t.db, OFFICE, admin.userId)).toBe('admin');
    expect((await audits()).filter((a) => a.action === 'staff.role' || a.action === 'staff.remove')).toEqual([]);

    await adminSession.post('/staff/admin/staff/role', { user: officer.userId, role: 'admin' });
    const now = await adminSession.post('/staff/admin/staff/role', { user: admin.userId, role: 'officer' });
    expect(now.headers.get('location')).toBe('/staff/admin/staff?m=role');
    expect(await staffRole(t.db, OFFICE, admin.userId)).toBe('officer');
    // The demoted admin's next click is an officer's.
    expect((await adminSession.get('/staff/admin/staff')).status).toBe(403);
  });
});
