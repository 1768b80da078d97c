// Staff membership: who gets notices and may use staff-only commands, and in which role
// ('officer' works cases and bookings; 'admin' also manages staff). Changes that must be audited
// (invitations, role changes, removal) go through src/staff/access.ts.
import { q, type Sql } from './sql';

export type StaffRole = 'officer' | 'admin';

export async function isStaff(db: Sql, office: string, userId: string): Promise<boolean> {
  return (await db.get(q`SELECT user_id FROM staff WHERE office_id = ${office} AND user_id = ${userId}`)) !== undefined;
}

/** The role a staff member holds; undefined for anyone who is not staff. */
export async function staffRole(db: Sql, office: string, userId: string): Promise<StaffRole | undefined> {
  return (await db.get<{ role: StaffRole }>(q`SELECT role FROM staff WHERE office_id = ${office} AND user_id = ${userId}`))?.role;
}

export async function addStaff(db: Sql, office: string, userId: string, addedBy: 'cli' | 'invite', now: number, role: StaffRole = 'officer'): Promise<boolean> {
  return (await db.run(q`INSERT INTO staff (office_id, user_id, added_by, added_at, role) VALUES (${office}, ${userId}, ${addedBy}, ${now}, ${role}) ON CONFLICT DO NOTHING`)).changes > 0;
}

/** Only the staff row; removing a member (with their workspace sessions, audited) is src/staff/access.ts removeStaffMember. */
export async function removeStaff(db: Sql, office: string, userId: string): Promise<boolean> {
  return (await db.run(q`DELETE FROM staff WHERE office_id = ${office} AND user_id = ${userId}`)).changes > 0;
}

export interface StaffMember {
  userId: string;
  role: StaffRole;
  /** 'cli' (npm run staff -- add) or 'invite' (sent an invitation code in LINE). */
  addedBy: string;
  /** ms since the epoch. */
  addedAt: number;
}

/** An office's staff, oldest first, each with their role. */
export async function listStaff(db: Sql, office: string): Promise<StaffMember[]> {
  const rows = await db.all<StaffMember>(q`SELECT user_id, added_by, added_at, role FROM staff WHERE office_id = ${office} ORDER BY added_at, user_id`);
  return rows.map((row) => ({ ...row, addedAt: Number(row.addedAt) }));
}

export async function staffIds(db: Sql, office: string): Promise<string[]> {
  return (await db.all<{ userId: string }>(q`SELECT user_id FROM staff WHERE office_id = ${office} ORDER BY added_at, user_id`)).map((r) => r.userId);
}
