// Safe staff access (issue 12): a one-time invitation (made by a function, the CLI, or an admin in
// LINE) sent in LINE makes the sender staff with its role, once, until it expires; wrong codes are
// throttled per LINE user across restarts; removal ends the member's workspace sessions; role
// changes and removals are audited and never leave an office that has admins without one; an admin
// also acts as an officer on cases; the simulator's demo code still works there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { ConfigError, loadConfig, SIMULATOR_STAFF_INVITE_CODE } from '../../src/config';
import { q } from '../../src/db/sql';
import { addStaff, isStaff, staffRole } from '../../src/db/staff';
import { SAY as ENGINE_SAY } from '../../src/flows/engine';
import { postback } from '../../src/flows/postback';
import { ACCESS_SAY } from '../../src/flows/staff';
import {
  addStaffMember,
  createInvitation,
  formatInviteCode,
  listStaff,
  readInviteCode,
  removeStaffMember,
  setStaffRole,
  THROTTLE_WINDOW_MS,
} from '../../src/staff/access';
import { caseIn } from '../cases/helpers';
import { runCli, CLI_TIMEOUT_MS } from '../cli/run';
import { clock, createTestBot, expectNoLineProblems, fake, Person, quickReplyLabels, texts, type TestBot } from '../support/harness';

const OFFICE = 'default';
let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z'); // Monday 23 Nov 2569, 10:00 in Bangkok
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const now = () => clock.now().getTime();
const invite = (role: 'officer' | 'admin' = 'officer', hours?: number) => createInvitation(t.db, OFFICE, { role, createdBy: 'cli', ...(hours ? { hours } : {}) }, now());
const toThaiDigits = (s: string) => s.replace(/[0-9]/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]!);
const invitationRows = () => t.db.all<{ id: number; role: string; usedBy: string | null; usedAt: number | null }>(q`SELECT id, role, used_by, used_at FROM staff_invitations WHERE office_id = ${OFFICE} ORDER BY id`);
const auditRows = () => t.db.all<{ actor: string; action: string; target: string; detail: string | null }>(q`SELECT actor, action, target, detail FROM audit_log WHERE office_id = ${OFFICE} ORDER BY id`);

describe('an invitation sent in LINE', () => {
  it('makes the sender staff with its role, however the code is typed, and records who used it and when', async () => {
    const typings = [(c: string) => formatInviteCode(c), (c: string) => c, (c: string) => formatInviteCode(c).toLowerCase(), (c: string) => ` ${toThaiDigits(c.slice(0, 4))} ${toThaiDigits(c.slice(4))} `];
    for (const [i, typed] of typings.entries()) {
      const made = await invite(i === 0 ? 'admin' : 'officer');
      const person = new Person(t);
      const reply = await person.say(typed(made.code));
      expect(texts(reply), typed(made.code)).toEqual([ACCESS_SAY.welcome(made.role, '07:30')]);
      expect(quickReplyLabels(reply)).toEqual(['นัดวันนี้', 'นัดพรุ่งนี้', 'เมนู']);
      expect(await staffRole(t.db, OFFICE, person.userId)).toBe(made.role);
      expect((await invitationRows()).at(-1)).toMatchObject({ role: made.role, usedBy: person.userId, usedAt: now() });
    }
    expect((await auditRows()).filter((r) => r.action === 'staff.join')).toHaveLength(4);
    // An admin's welcome tells them how to invite others.
    expect(ACCESS_SAY.welcome('admin', '07:30')).toContain('เชิญเจ้าหน้าที่');
  });

  it('works once: a used code is refused to anyone else, and the one who used it is told they are staff already', async () => {
    const { code } = await invite();
    const first = new Person(t);
    await first.say(code);
    const second = new Person(t);
    expect(texts(await second.say(formatInviteCode(code)))).toEqual([ACCESS_SAY.used]);
    expect(await isStaff(t.db, OFFICE, second.userId)).toBe(false);
    expect(texts(await first.say(code))).toEqual([ACCESS_SAY.already]);
    expect((await invitationRows())[0]).toMatchObject({ usedBy: first.userId });
  });

  it('expires: after its hours it is refused and nobody becomes staff', async () => {
    const { code } = await invite('officer', 2);
    clock.advance(2 * 3600_000);
    const late = new Person(t);
    const reply = await late.say(code);
    expect(texts(reply)).toEqual([ACCESS_SAY.expired]);
    expect(quickReplyLabels(reply)).toEqual(['เมนู']);
    expect(await isStaff(t.db, OFFICE, late.userId)).toBe(false);
    expect((await invitationRows())[0]).toMatchObject({ usedBy: null, usedAt: null });
  });

  it('a code made with the CLI works in LINE', async () => {
    const made = runCli('staff.ts', ['invite', '--role', 'admin'], t.file);
    expect(made.code).toBe(0);
    const shown = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(made.stdout)![1]!;
    const person = new Person(t);
    expect(texts(await person.say(shown.toLowerCase()))).toEqual([ACCESS_SAY.welcome('admin', '07:30')]);
    expect(await staffRole(t.db, OFFICE, person.userId)).toBe('admin');
  }, CLI_TIMEOUT_MS);

  it('what does not look like a code goes on to the conversation and is not counted', async () => {
    // Dates and numbers typed in a flow are not codes (all digits), nor are words (all letters).
    for (const typed of ['25-12-2567', '๒๕๑๒๒๕๖๗', 'PASSWORD', 'สวัสดีค่ะ', 'ABC-123', 'ABCD-23456']) expect(readInviteCode(typed), typed).toBeUndefined();
    const villager = new Person(t);
    await villager.say('จองคิว');
    for (let i = 0; i < 8; i++) expect(texts(await villager.say('25-12-2567')).join('\n')).not.toContain('รหัสเชิญ');
    expect(await t.db.all(q`SELECT * FROM throttles`)).toEqual([]);
    const { code } = await invite();
    expect(texts(await villager.say(code))).toEqual([ACCESS_SAY.welcome('officer', '07:30')]);
  });
});

describe('wrong codes', () => {
  it('five in 15 minutes refuse even a right code until the window has passed, counted across a restart', async () => {
    const stranger = new Person(t);
    for (let i = 0; i < 3; i++) expect(texts(await stranger.say(`WRNG-${i + 2}ABC`))).toEqual([ACCESS_SAY.wrong]);
    t = await t.restart(); // a new bot on the same database
    const again = new Person(t, stranger.userId);
    clock.advance(60_000);
    expect(texts(await again.say('WRNG-5ABC'))).toEqual([ACCESS_SAY.wrong]);
    // The fifth wrong code in the window: from now on every code is refused for a while.
    expect(texts(await again.say('WRNG-6ABC'))).toEqual([ACCESS_SAY.throttled(14)]);
    expect(texts(await again.say('WRNG-6ABC'))[0]).toContain('ลองใหม่อีกครั้งใน 14 นาที');
    const { code } = await invite();
    clock.advance(10 * 60_000);
    expect(texts(await again.say(code))).toEqual([ACCESS_SAY.throttled(4)]);
    expect(await isStaff(t.db, OFFICE, again.userId)).toBe(false);
    expect((await invitationRows())[0]).toMatchObject({ usedAt: null });
    // Another LINE user is not held up by this one's mistakes.
    const other = new Person(t);
    expect(texts(await other.say('WRNG-7ABC'))).toEqual([ACCESS_SAY.wrong]);
    clock.set(new Date(clock.now().getTime() - 11 * 60_000 + THROTTLE_WINDOW_MS).toISOString()); // the window (from the first wrong code) has passed
    expect(texts(await again.say(formatInviteCode(code)))).toEqual([ACCESS_SAY.welcome('officer', '07:30')]);
    expect(await isStaff(t.db, OFFICE, again.userId)).toBe(true);
    // A success clears the count.
    expect(await t.db.all(q`SELECT key FROM throttles WHERE key = ${`invite:${again.userId}`}`)).toEqual([]);
  });
});

describe('"เชิญเจ้าหน้าที่" in LINE', () => {
  it('an officer is refused; an admin gets a new officer code that works once', async () => {
    const officer = new Person(t);
    const admin = new Person(t);
    await addStaffMember(t.db, OFFICE, officer.userId, 'officer', 'cli', now());
    await addStaffMember(t.db, OFFICE, admin.userId, 'admin', 'cli', now());
    expect(texts(await officer.say('เชิญเจ้าหน้าที่'))).toEqual([ACCESS_SAY.adminOnly]);
    expect(await invitationRows()).toEqual([]);

    const reply = await admin.say('เชิญเจ้าหน้าที่ค่ะ');
    const shown = /\n([A-Z2-9]{4}-[A-Z2-9]{4})\n/.exec(texts(reply)[0]!);
    expect(shown, texts(reply)[0]).not.toBeNull();
    expect(texts(reply)[0]).toContain('ใช้ได้ครั้งเดียว');
    expect(await invitationRows()).toMatchObject([{ role: 'officer', usedAt: null }]);
    expect((await auditRows()).at(-1)).toMatchObject({ actor: admin.userId, action: 'staff.invite', target: 'role:officer' });
    const newcomer = new Person(t);
    expect(texts(await newcomer.say(shown![1]!))).toEqual([ACCESS_SAY.welcome('officer', '07:30')]);
    expect(await staffRole(t.db, OFFICE, newcomer.userId)).toBe('officer');
  });

  it('refuses the staff-only entry to a villager', async () => {
    const villager = new Person(t);
    expect(texts(await villager.postback(postback.go('staff-invite')))).toEqual([ENGINE_SAY.staffOnly]);
    expect(await invitationRows()).toEqual([]);
  });
});

describe('the functions the workspace calls', () => {
  const A = 'U' + 'a'.repeat(32);
  const B = 'U' + 'b'.repeat(32);
  const C = 'U' + 'c'.repeat(32);

  it('removal deletes the staff row and every workspace session of that user, audited; others keep theirs', async () => {
    await addStaffMember(t.db, OFFICE, A, 'admin', 'cli', now());
    await addStaffMember(t.db, OFFICE, B, 'officer', 'cli', now());
    for (const [user, id] of [[B, 'h1'], [B, 'h2'], [A, 'h3']] as const) {
      await t.db.run(q`INSERT INTO staff_sessions (office_id, id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (${OFFICE}, ${id}, ${user}, ${'csrf'}, ${now()}, ${now() + 3600_000}, ${now()})`);
    }
    expect(await removeStaffMember(t.db, OFFICE, B, A, now())).toEqual({ ok: true });
    expect(await isStaff(t.db, OFFICE, B)).toBe(false);
    expect(await t.db.all(q`SELECT user_id, id_hash FROM staff_sessions ORDER BY id_hash`)).toEqual([{ userId: A, idHash: 'h3' }]);
    expect((await auditRows()).at(-1)).toEqual({ actor: A, action: 'staff.remove', target: `staff:${B}`, detail: 'role:officer sessions:2' });
    expect(await removeStaffMember(t.db, OFFICE, B, A, now())).toEqual({ ok: false, reason: 'not_staff' });
  });

  it('role changes are audited; only an admin (or the CLI) may change staff; the last admin stays', async () => {
    await addStaffMember(t.db, OFFICE, A, 'admin', 'cli', now());
    await addStaffMember(t.db, OFFICE, B, 'officer', 'cli', now());
    // An officer may not promote themselves nor remove anyone.
    expect(await setStaffRole(t.db, OFFICE, B, 'admin', B, now())).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await removeStaffMember(t.db, OFFICE, A, B, now())).toEqual({ ok: false, reason: 'not_allowed' });
    await expect(createInvitation(t.db, OFFICE, { role: 'admin', createdBy: B }, now())).rejects.toThrow();
    // The only admin can be neither demoted nor removed, even by themselves.
    expect(await setStaffRole(t.db, OFFICE, A, 'officer', A, now())).toEqual({ ok: false, reason: 'last_admin' });
    expect(await removeStaffMember(t.db, OFFICE, A, 'cli', now())).toEqual({ ok: false, reason: 'last_admin' });
    expect(await setStaffRole(t.db, OFFICE, B, 'admin', A, now())).toEqual({ ok: true });
    expect((await auditRows()).at(-1)).toEqual({ actor: A, action: 'staff.role', target: `staff:${B}`, detail: 'officer->admin' });
    expect(await setStaffRole(t.db, OFFICE, A, 'officer', A, now())).toEqual({ ok: true });
    expect(await setStaffRole(t.db, OFFICE, C, 'officer', B, now())).toEqual({ ok: false, reason: 'not_staff' });
    expect(await listStaff(t.db, OFFICE)).toEqual([
      { userId: A, role: 'officer', addedBy: 'cli', addedAt: now() },
      { userId: B, role: 'admin', addedBy: 'cli', addedAt: now() },
    ]);
    // An office whose staff never had an admin (staff from before roles) can still lose an officer.
    await addStaff(t.db, 'other', C, 'cli', now());
    expect(await removeStaffMember(t.db, 'other', C, 'cli', now())).toEqual({ ok: true });
  });

  it('an admin also acts as an officer on cases; a removed officer acts as nobody', async () => {
    await addStaffMember(t.db, OFFICE, A, 'admin', 'cli', now());
    await addStaffMember(t.db, OFFICE, B, 'officer', 'cli', now());
    const c = await caseIn(t.db, 'submitted');
    const asAdmin = await t.db.transaction((tx) => transition(tx, OFFICE, c.id, { to: 'in_review', actor: { role: 'officer', id: A }, expectedVersion: c.version }, clock.now()));
    expect(asAdmin.ok).toBe(true);
    expect((await findCase(t.db, OFFICE, c.id))!.status).toBe('in_review');
    await removeStaffMember(t.db, OFFICE, B, A, now());
    const d = await caseIn(t.db, 'submitted');
    const asRemoved = await t.db.transaction((tx) => transition(tx, OFFICE, d.id, { to: 'in_review', actor: { role: 'officer', id: B }, expectedVersion: d.version }, clock.now()));
    expect(asRemoved).toMatchObject({ ok: false, reason: 'not_allowed' });
  });
});

describe('the old static code', () => {
  it('is refused at start-up beside LINE credentials, naming the way staff join now, without echoing the code', () => {
    let error: unknown;
    try {
      loadConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', STAFF_INVITE_CODE: 'old-shared-code-2569' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('npm run staff -- invite');
    expect((error as Error).message).not.toContain('old-shared-code-2569');
    // Without credentials (the simulator) it is the demo code.
    expect(loadConfig({ STAFF_INVITE_CODE: 'my-demo-code' }).staffInviteCode).toBe('my-demo-code');
  });
});

describe('the simulator', () => {
  it('its demo code still makes the pretend user staff (an officer)', async () => {
    const config = { ...t.config, staffInviteCode: SIMULATOR_STAFF_INVITE_CODE };
    await t.close();
    t = await createTestBot({ deps: { config } });
    const pretend = new Person(t);
    expect(texts(await pretend.say('Staff-Demo'))).toEqual([ACCESS_SAY.welcome('officer', '07:30')]);
    expect(await staffRole(t.db, OFFICE, pretend.userId)).toBe('officer');
    expect(texts(await pretend.say('staff-demo'))).toEqual([ACCESS_SAY.alreadyDemo]);
  });
});
