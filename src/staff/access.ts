// Safe staff access (issue 12): one-time invitation codes (only their SHA-256 stored, an expiry,
// used once), redeeming one sent in LINE with a per-user throttle on wrong codes (kept in the
// database, so it survives restarts and is shared by instances), role changes and removal. Every
// change is audited (src/db/audit.ts) in the same transaction as the change.
import { createHash, randomInt } from 'node:crypto';
import { audit } from '../db/audit';
import { q, type Sql } from '../db/sql';
import { addStaff, staffRole, type StaffRole } from '../db/staff';
import { normalizeInput } from '../thai/normalize';

/** No 0/O, 1/I/L: a code read aloud over the phone or copied by hand stays unambiguous. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const DEFAULT_INVITE_HOURS = 72;
/** At most this many wrong codes from one LINE user in THROTTLE_WINDOW_MS; more are refused until the window has passed. */
export const THROTTLE_MAX_WRONG = 5;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/** A new random code, e.g. "K7PQ3MXA". */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/** "K7PQ-3MXA": how a code is shown, easier to read and type. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const DASHES = /[-‐‑‒–—―−_.]/g;

/**
 * The code a text would be if it is one (any case, with or without the dash or spaces, Thai digits
 * read as Arabic); undefined when it does not look like a code at all (then it is not counted).
 */
export function readInviteCode(typed: string): string | undefined {
  const squeezed = normalizeInput(typed).replace(/\s/g, '').replace(DASHES, '').toUpperCase();
  return squeezed.length === INVITE_CODE_LENGTH && /^[A-Z0-9]+$/.test(squeezed) ? squeezed : undefined;
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

/** Makes a one-time invitation; `createdBy` is 'cli' or the inviting admin's LINE user id. */
export async function createInvitation(
  db: Sql,
  office: string,
  options: { role: StaffRole; createdBy: string; hours?: number },
  now: number,
): Promise<NewInvitation> {
  const expiresAt = now + (options.hours ?? DEFAULT_INVITE_HOURS) * 3600_000;
  return db.transaction(async (tx) => {
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
    const taken = await tx.run(q`UPDATE staff_invitations SET used_by = ${userId}, used_at = ${now} WHERE id = ${invitation.id} AND used_at IS NULL`);
    if (taken.changes === 0) return { kind: 'used' };
    await addStaff(tx, office, userId, 'invite', now, invitation.role);
    await tx.run(q`DELETE FROM throttles WHERE office_id = ${office} AND key = ${throttleKey(userId)}`);
    await audit(tx, office, { actor: userId, action: 'staff.join', target: `staff:${userId}`, detail: `invitation:${invitation.id} role:${invitation.role}` }, now);
    return { kind: 'added', role: invitation.role };
  });
}

/** Adds a staff member directly (the CLI), audited. False when they already were staff. */
export async function addStaffMember(db: Sql, office: string, userId: string, role: StaffRole, by: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const added = await addStaff(tx, office, userId, 'cli', now, role);
    if (added) await audit(tx, office, { actor: by, action: 'staff.add', target: `staff:${userId}`, detail: `role:${role}` }, now);
    return added;
  });
}

/** Changes a staff member's role, audited. False when they are not staff; true (and no audit) when they already held it. */
export async function setStaffRole(db: Sql, office: string, userId: string, role: StaffRole, by: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await staffRole(tx, office, userId);
    if (before === undefined) return false;
    if (before === role) return true;
    await tx.run(q`UPDATE staff SET role = ${role} WHERE office_id = ${office} AND user_id = ${userId}`);
    await audit(tx, office, { actor: by, action: 'staff.role', target: `staff:${userId}`, detail: `${before}->${role}` }, now);
    return true;
  });
}

/**
 * Removes a staff member: their staff row and every workspace session of theirs, in one
 * transaction, audited. False when they were not staff (sessions are still ended).
 */
export async function removeStaffMember(db: Sql, office: string, userId: string, by: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const sessions = (await tx.run(q`DELETE FROM staff_sessions WHERE office_id = ${office} AND user_id = ${userId}`)).changes;
    const removed = (await tx.run(q`DELETE FROM staff WHERE office_id = ${office} AND user_id = ${userId}`)).changes > 0;
    if (removed || sessions > 0) await audit(tx, office, { actor: by, action: 'staff.remove', target: `staff:${userId}`, detail: `sessions:${sessions}` }, now);
    return removed;
  });
}
