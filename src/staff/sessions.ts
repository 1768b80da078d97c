// The way into the staff workspace (issue 12): a one-time sign-in link the bot sends to a staff
// member's LINE, and the browser session it opens. Only SHA-256 hashes of the link token and of the
// session id are stored, so a copy of the database opens nothing. A token travels as
// "<office>.<random>" (office ids have no dots): the office says which rows to look in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { q, type Sql } from '../db/sql';
import { isStaff } from '../db/staff';
import type { StaffRole } from '../db/schema';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** 32 random bytes, URL-safe. */
function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Splits "<office>.<random>"; undefined for anything else. */
export function splitToken(value: string | undefined): { office: string; secret: string } | undefined {
  const match = /^([a-z0-9][a-z0-9-]{0,39})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  return match ? { office: match[1]!, secret: match[2]! } : undefined;
}

/** A new sign-in link's token for a staff member, valid `ttlMs` and once. */
export async function createSignInLink(tx: Sql, office: string, userId: string, now: number, ttlMs: number): Promise<string> {
  const token = secret();
  // The person's spent and expired links go as a new one is made: their rows never pile up.
  await tx.run(q`DELETE FROM staff_sign_in_links WHERE office_id = ${office} AND user_id = ${userId} AND (expires_at <= ${now} OR used_at IS NOT NULL)`);
  await tx.run(q`
    INSERT INTO staff_sign_in_links (office_id, token_hash, user_id, created_at, expires_at)
    VALUES (${office}, ${sha256(token)}, ${userId}, ${now}, ${now + ttlMs})`);
  return `${office}.${token}`;
}

export type LinkRefusal = 'unknown' | 'used' | 'expired' | 'not-staff';

/**
 * Uses a sign-in link: one guarded UPDATE marks it used, so of two tabs racing, one wins. The link
 * must be unused, unexpired, and its staff member still staff. Nothing is changed on refusal.
 */
type LinkCheck = { ok: true; office: string; userId: string; hash: string } | { ok: false; why: LinkRefusal };

async function checkLink(tx: Sql, token: string, now: number): Promise<LinkCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, why: 'unknown' };
  const hash = sha256(parts.secret);
  const link = await tx.get<{ userId: string; expiresAt: number; usedAt: number | null }>(
    q`SELECT user_id, expires_at, used_at FROM staff_sign_in_links WHERE office_id = ${parts.office} AND token_hash = ${hash}`,
  );
  if (!link) return { ok: false, why: 'unknown' };
  if (link.usedAt !== null) return { ok: false, why: 'used' };
  if (link.expiresAt <= now) return { ok: false, why: 'expired' };
  if (!(await isStaff(tx, parts.office, link.userId))) return { ok: false, why: 'not-staff' };
  return { ok: true, office: parts.office, userId: link.userId, hash };
}

/** Whether a link would open a session now, without using it (the page before the button). */
export async function signInLinkState(db: Sql, token: string, now: number): Promise<{ ok: true; office: string } | { ok: false; why: LinkRefusal }> {
  const check = await checkLink(db, token, now);
  return check.ok ? { ok: true, office: check.office } : check;
}

export async function useSignInLink(
  db: Sql,
  token: string,
  now: number,
): Promise<{ ok: true; office: string; userId: string } | { ok: false; why: LinkRefusal }> {
  return db.transaction(async (tx) => {
    const check = await checkLink(tx, token, now);
    if (!check.ok) return check;
    const marked = await tx.run(
      q`UPDATE staff_sign_in_links SET used_at = ${now} WHERE office_id = ${check.office} AND token_hash = ${check.hash} AND used_at IS NULL`,
    );
    if (marked.changes === 0) return { ok: false as const, why: 'used' as const };
    return { ok: true as const, office: check.office, userId: check.userId };
  });
}

export interface NewSession {
  /** The cookie's value, "<office>.<random>"; only its hash is stored. */
  cookie: string;
  csrf: string;
  expiresAt: number;
}

export async function createSession(tx: Sql, office: string, userId: string, now: number, ttlMs: number): Promise<NewSession> {
  const id = secret();
  const csrf = secret();
  await tx.run(q`DELETE FROM staff_sessions WHERE office_id = ${office} AND user_id = ${userId} AND expires_at <= ${now}`);
  await tx.run(q`
    INSERT INTO staff_sessions (office_id, id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
    VALUES (${office}, ${sha256(id)}, ${userId}, ${csrf}, ${now}, ${now + ttlMs}, ${now})`);
  return { cookie: `${office}.${id}`, csrf, expiresAt: now + ttlMs };
}

export interface Session {
  office: string;
  userId: string;
  role: StaffRole;
  csrf: string;
  expiresAt: number;
}

/** The live session behind a cookie: unexpired, and its person still staff (read each request). */
export async function sessionFor(db: Sql, cookie: string | undefined, now: number): Promise<Session | undefined> {
  const parts = splitToken(cookie);
  if (!parts) return undefined;
  const row = await db.get<{ userId: string; csrfToken: string; expiresAt: number; role: StaffRole }>(q`
    SELECT s.user_id, s.csrf_token, s.expires_at, st.role
    FROM staff_sessions s JOIN staff st ON st.office_id = s.office_id AND st.user_id = s.user_id
    WHERE s.office_id = ${parts.office} AND s.id_hash = ${sha256(parts.secret)} AND s.expires_at > ${now}`);
  if (!row) return undefined;
  return { office: parts.office, userId: row.userId, role: row.role, csrf: row.csrfToken, expiresAt: row.expiresAt };
}

export async function endSession(db: Sql, cookie: string | undefined): Promise<void> {
  const parts = splitToken(cookie);
  if (!parts) return;
  await db.run(q`DELETE FROM staff_sessions WHERE office_id = ${parts.office} AND id_hash = ${sha256(parts.secret)}`);
}
