// Safe staff access (issue 12): one-time invitation codes (only their SHA-256 stored, an expiry,
// used once), redeeming one sent in LINE with a per-user throttle on wrong codes (kept in the
// database, so it survives restarts and is shared by instances), role changes and removal. Every
// change is audited (src/db/audit.ts) in the same transaction as the change.
import { createHash, randomInt } from 'node:crypto';
import { audit } from '../db/audit';
import { q, type Sql } from '../db/sql';
import { addStaff, staffRole, type StaffRole } from '../db/staff';

/** The workspace's list of an office's staff with their roles (one import for the admin page). */
export { listStaff, type StaffMember } from '../db/staff';
import { normalizeInput } from '../thai/normalize';

/** No 0/O, 1/I/L: a code read aloud over the phone or copied by hand stays unambiguous. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const DEFAULT_INVITE_HOURS = 72;
/** At most this many wrong codes from one LINE user in THROTTLE_WINDOW_MS; more are refused until the window has passed. */
export const THROTTLE_MAX_WRONG = 5;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * What a code looks like: letters and digits mixed. A text of 8 digits only ("25-12-2567", a date
 * typed mid-booking) or 8 letters only (an English word) is never taken for a code, so the
 * message goes on to the conversation and is not counted as a wrong code.
 */
const CODE_SHAPE = /^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]+$/;

/** A new random code, e.g. "K7PQ3MXA": always with both a letter and a digit (see CODE_SHAPE). */
export function newInviteCode(): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
    if (CODE_SHAPE.test(code)) return code;
  }
}

/** "K7PQ-3MXA": how a code is shown, easier to read and type. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const DASHES = /[-‐‑‒–—―−_.]/g;

/**
 * The code a text would be if it is one (any case, with or without the dash or spaces, Thai digits
 * read as Arabic); undefined when it does not look like a code at all (then it is not counted):
 * not 8 characters, or not letters and digits mixed.
 */
export function readInviteCode(typed: string): string | undefined {
  const squeezed = normalizeInput(typed).replace(/\s/g, '').replace(DASHES, '').toUpperCase();
  return squeezed.length === INVITE_CODE_LENGTH && CODE_SHAPE.test(squeezed) ? squeezed : undefined;
}

function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

export interface NewInvitation {
  /** The code itself: shown once to whoever made it, never stored. */
  code: string;
  expiresAt: number;
  role: StaffRole;
}

/**
 * Makes a one-time invitation (audited, action 'staff.invite'): `createdBy` is 'cli' or the inviting
 * admin's LINE user id, `hours` its life (default 72), `now` in ms. The code is returned once and
 * never stored. Throws when `createdBy` may not manage staff (callers check mayManageStaff first).
 */
export async function createInvitation(
  db: Sql,
  office: string,
  options: { role: StaffRole; createdBy: string; hours?: number },
  now: number,
): Promise<NewInvitation> {
  const expiresAt = now + (options.hours ?? DEFAULT_INVITE_HOURS) * 3600_000;
  return db.transaction(async (tx) => {
    if (!(await mayManageStaff(tx, office, options.createdBy))) throw new Error('only an admin of the office may invite staff');
    // A clash with an earlier code (1 in 31^8) would break the unique index: draw again.
    for (;;) {
      const code = newInviteCode();
      const hash = hashCode(code);
      const taken = await tx.get(q`SELECT id FROM staff_invitations WHERE office_id = ${office} AND code_hash = ${hash}`);
      if (taken) continue;
      await tx.run(
        q`INSERT INTO staff_invitations (office_id, code_hash, role, created_by, created_at, expires_at) VALUES (${office}, ${hash}, ${options.role}, ${options.createdBy}, ${now}, ${expiresAt})`,
      );
      await audit(tx, office, { actor: options.createdBy, action: 'staff.invite', target: `role:${options.role}`, detail: `expires ${new Date(expiresAt).toISOString()}` }, now);
      return { code, expiresAt, role: options.role };
    }
  });
}

export type Redemption =
  /** Not a code at all: the message goes on to the conversation (and is not counted). */
  | { kind: 'not-a-code' }
  | { kind: 'throttled'; minutes: number }
  | { kind: 'wrong' }
  | { kind: 'expired' }
  | { kind: 'used' }
  | { kind: 'already-staff' }
  | { kind: 'added'; role: StaffRole };

interface ThrottleRow {
  windowStart: number;
  count: number;
}

const throttleKey = (userId: string) => `invite:${userId}`;

async function throttleState(tx: Sql, office: string, userId: string, now: number): Promise<number | undefined> {
  const row = await tx.get<ThrottleRow>(q`SELECT window_start, count FROM throttles WHERE office_id = ${office} AND key = ${throttleKey(userId)}`);
  if (!row) return undefined;
  const ends = Number(row.windowStart) + THROTTLE_WINDOW_MS;
  if (now >= ends || row.count < THROTTLE_MAX_WRONG) return undefined;
  return Math.max(1, Math.ceil((ends - now) / 60_000));
}

async function countWrong(tx: Sql, office: string, userId: string, now: number): Promise<void> {
  const key = throttleKey(userId);
  const row = await tx.get<ThrottleRow>(q`SELECT window_start, count FROM throttles WHERE office_id = ${office} AND key = ${key}`);
  if (!row) {
    await tx.run(q`INSERT INTO throttles (office_id, key, window_start, count) VALUES (${office}, ${key}, ${now}, 1) ON CONFLICT DO NOTHING`);
  } else if (now >= Number(row.windowStart) + THROTTLE_WINDOW_MS) {
    await tx.run(q`UPDATE throttles SET window_start = ${now}, count = 1 WHERE office_id = ${office} AND key = ${key}`);
  } else {
    await tx.run(q`UPDATE throttles SET count = count + 1 WHERE office_id = ${office} AND key = ${key}`);
  }
}

interface InvitationRow {
  id: number;
  role: StaffRole;
  expiresAt: number;
  usedAt: number | null;
}

/**
 * A LINE user sent `typed`: when it is a valid invitation code they become staff with its role (the
 * invitation marked used in the same transaction). Wrong codes are counted per user; past the
 * limit every code, even a right one, is refused until the window has passed. Staff are never
 * throttled: for them only a real invitation code is answered (it is left unused).
 */
export async function redeemInvitation(db: Sql, office: string, userId: string, typed: string, now: number): Promise<Redemption> {
  const code = readInviteCode(typed);
  if (code === undefined) return { kind: 'not-a-code' };
  return db.transaction(async (tx) => {
    const invitation = await tx.get<InvitationRow>(q`SELECT id, role, expires_at, used_at FROM staff_invitations WHERE office_id = ${office} AND code_hash = ${hashCode(code)}`);
    if ((await staffRole(tx, office, userId)) !== undefined) return invitation ? { kind: 'already-staff' } : { kind: 'not-a-code' };
    const minutes = await throttleState(tx, office, userId, now);
    if (minutes !== undefined) return { kind: 'throttled', minutes };
    if (!invitation) {
      await countWrong(tx, office, userId, now);
      // The attempt that reaches the limit is already answered as throttled.
      const after = await throttleState(tx, office, userId, now);
      return after !== undefined ? { kind: 'throttled', minutes: after } : { kind: 'wrong' };
    }
    if (invitation.usedAt !== null) return { kind: 'used' };
    if (Number(invitation.expiresAt) <= now) return { kind: 'expired' };
    const taken = await tx.run(q`UPDATE staff_invitations SET used_by = ${userId}, used_at = ${now} WHERE office_id = ${office} AND id = ${invitation.id} AND used_at IS NULL`);
    if (taken.changes === 0) return { kind: 'used' };
    await addStaff(tx, office, userId, 'invite', now, invitation.role);
    await tx.run(q`DELETE FROM throttles WHERE office_id = ${office} AND key = ${throttleKey(userId)}`);
    await audit(tx, office, { actor: userId, action: 'staff.join', target: `staff:${userId}`, detail: `invitation:${invitation.id} role:${invitation.role}` }, now);
    return { kind: 'added', role: invitation.role };
  });
}

/** Adds a staff member directly (the CLI), audited (action 'staff.add'). False when they already were staff. */
export async function addStaffMember(db: Sql, office: string, userId: string, role: StaffRole, by: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const added = await addStaff(tx, office, userId, 'cli', now, role);
    if (added) await audit(tx, office, { actor: by, action: 'staff.add', target: `staff:${userId}`, detail: `role:${role}` }, now);
    return added;
  });
}

/** Why a staff change was refused. */
export type StaffChangeRefusal =
  /** The user is not staff of this office. */
  | 'not_staff'
  /** It would leave an office that has admins with none: another admin must be made first. */
  | 'last_admin'
  /** `by` is neither 'cli' nor an admin of this office. */
  | 'not_allowed';
export type StaffChange = { ok: true } | { ok: false; reason: StaffChangeRefusal };

/** Who may manage an office's staff: the CLI (whoever runs it holds the database) or one of the office's admins. */
export async function mayManageStaff(db: Sql, office: string, by: string): Promise<boolean> {
  return by === 'cli' || (await staffRole(db, office, by)) === 'admin';
}

/**
 * Whether `userId` is the office's only admin, with their row and every other admin row locked
 * first (an UPDATE that changes nothing): two admins removing each other at the same moment on
 * PostgreSQL are taken one after the other, and the second sees the first's change, so an office
 * that has admins never ends up with none. (SQLite has one writer: the lock is a no-op there.)
 */
async function isLastAdmin(tx: Sql, office: string, userId: string): Promise<boolean> {
  await tx.run(q`UPDATE staff SET role = role WHERE office_id = ${office} AND role = 'admin'`);
  const admins = await tx.all<{ userId: string }>(q`SELECT user_id FROM staff WHERE office_id = ${office} AND role = 'admin'`);
  return admins.length === 1 && admins[0]!.userId === userId;
}

/**
 * Changes a staff member's role, audited (action 'staff.role'). `by` is 'cli' or the acting admin's
 * LINE user id; `now` in ms. Refused: 'not_allowed' (by is not an admin), 'not_staff', 'last_admin'
 * (demoting the office's only admin). Setting the role they already hold is ok and not audited.
 */
export async function setStaffRole(db: Sql, office: string, userId: string, role: StaffRole, by: string, now: number): Promise<StaffChange> {
  return db.transaction(async (tx) => {
    if (!(await mayManageStaff(tx, office, by))) return { ok: false, reason: 'not_allowed' };
    const before = await staffRole(tx, office, userId);
    if (before === undefined) return { ok: false, reason: 'not_staff' };
    if (before === role) return { ok: true };
    if (before === 'admin' && (await isLastAdmin(tx, office, userId))) return { ok: false, reason: 'last_admin' };
    await tx.run(q`UPDATE staff SET role = ${role} WHERE office_id = ${office} AND user_id = ${userId}`);
    await audit(tx, office, { actor: by, action: 'staff.role', target: `staff:${userId}`, detail: `${before}->${role}` }, now);
    return { ok: true };
  });
}

/**
 * Removes a staff member: their staff row and every workspace session of theirs (staff_sessions),
 * in one transaction, audited (action 'staff.remove'). `by` is 'cli' or the acting admin's LINE
 * user id; `now` in ms. Refused: 'not_allowed', 'not_staff', 'last_admin' (the office's only admin:
 * make another admin first). An admin may remove themselves while another admin remains.
 */
export async function removeStaffMember(db: Sql, office: string, userId: string, by: string, now: number): Promise<StaffChange> {
  return db.transaction(async (tx) => {
    if (!(await mayManageStaff(tx, office, by))) return { ok: false, reason: 'not_allowed' };
    const role = await staffRole(tx, office, userId);
    if (role === undefined) return { ok: false, reason: 'not_staff' };
    if (role === 'admin' && (await isLastAdmin(tx, office, userId))) return { ok: false, reason: 'last_admin' };
    const sessions = (await tx.run(q`DELETE FROM staff_sessions WHERE office_id = ${office} AND user_id = ${userId}`)).changes;
    await tx.run(q`DELETE FROM staff WHERE office_id = ${office} AND user_id = ${userId}`);
    await audit(tx, office, { actor: by, action: 'staff.remove', target: `staff:${userId}`, detail: `role:${role} sessions:${sessions}` }, now);
    return { ok: true };
  });
}
