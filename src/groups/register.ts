// The office's register of community groups (reference §2.11: what staff hand executives), as rows
// for the export (npm run export:groups): one row per registered group (or, as an option, every
// group case whatever its status), and one row per member with the group's reference. Pure row
// builders and the CSV, plus the one read of the office's group cases. Personal data is kept to what
// the register needs: the bank account as its last four digits only; members' national ID numbers
// only when the office collects them (Q29), and then masked unless the caller explicitly asks.
import { csvCell, UTF8_BOM } from '../booking/csv';
import { groupKind } from '../cases/kinds/group';
import { statusInfo } from '../cases/kind';
import { formatPersonName } from '../thai/person-name';
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { bangkokDateOf, fromIso } from '../thai/calendar';
import { maskAccount } from '../thai/bank-account';
import { formatThaiDate } from '../thai/date-format';
import { maskThaiId } from '../thai/id-card';
import { formatPhone } from '../thai/phone';
import type { GroupData } from './data';
import { memberCount } from './sections';
import { GROUP_KIND, groupDataOf } from './store';

/** Activity reports are their own case kind (another part of issue 10); read by id, none is fine. */
export const GROUP_REPORT_KIND = 'group_report';
const CHAIR = 'ประธาน';

/** A group case as the register reads it: the case, its data, when it was registered and last reported. */
export interface RegisterEntry {
  case: CaseRow;
  data: GroupData;
  registeredAt: number | null;
  lastReportAt: number | null;
}

/**
 * The office's group cases for the register: registered ones, or with `all` every status (drafts
 * too), in reference order (cases without one last). Reads the history for the registration date and
 * the group_report cases (if that kind has any) for the latest report.
 */
export async function registerEntries(db: Sql, office: string, options: { all?: boolean } = {}): Promise<RegisterEntry[]> {
  const rows = await db.all<CaseRow & { registeredAt: number | string | null }>(q`
    SELECT c.*, (SELECT MAX(h.at) FROM case_history h WHERE h.office_id = c.office_id AND h.case_id = c.id AND h.to_status = 'registered') AS registered_at
    FROM cases c
    WHERE c.office_id = ${office} AND c.kind = ${GROUP_KIND} AND (${options.all ? 1 : 0} = 1 OR c.status = 'registered')
    ORDER BY CASE WHEN c.reference IS NULL THEN 1 ELSE 0 END, c.reference, c.id`);
  const reports = await db.all<{ data: string; submittedAt: number | string }>(q`
    SELECT data, submitted_at FROM cases WHERE office_id = ${office} AND kind = ${GROUP_REPORT_KIND} AND submitted_at IS NOT NULL`);
  const lastReport = new Map<number, number>();
  for (const report of reports) {
    const groupCaseId = reportGroupCaseId(report.data);
    const at = Number(report.submittedAt);
    if (groupCaseId !== undefined && at > (lastReport.get(groupCaseId) ?? 0)) lastReport.set(groupCaseId, at);
  }
  return rows.map(({ registeredAt, ...c }) => ({
    case: c as CaseRow,
    data: groupDataOf(c),
    registeredAt: registeredAt === null ? null : Number(registeredAt),
    lastReportAt: lastReport.get(c.id) ?? null,
  }));
}

function reportGroupCaseId(data: string): number | undefined {
  try {
    const id = (JSON.parse(data) as { groupCaseId?: unknown }).groupCaseId;
    return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function beDate(iso: string | undefined): string {
  return iso === undefined ? '' : formatThaiDate(fromIso(iso));
}

function beInstant(at: number | null): string {
  return at === null ? '' : formatThaiDate(bangkokDateOf(new Date(at)));
}

/** "ประธาน: นางสมศรี ใจดี; เหรัญญิก: …": each position with the member's name (or the name typed). */
export function committeeText(data: GroupData): { chair: string; all: string } {
  const members = new Map((data.members?.entries ?? []).map((m) => [m.id, m]));
  const named = (data.committee?.entries ?? []).map((e) => {
    const member = e.memberId === undefined ? undefined : members.get(e.memberId);
    return { position: e.position, name: member ? formatPersonName(member) : (e.name ?? '') };
  });
  return {
    chair: named.filter((e) => e.position === CHAIR).map((e) => e.name).join('; '),
    all: named.map((e) => `${e.position}: ${e.name}`).join('; '),
  };
}

/** Satang as baht for a spreadsheet: "12500.00" (a number Excel sums, no thousands separator). */
export function bahtCell(satang: number): string {
  return (satang / 100).toFixed(2);
}

export const REGISTER_HEADER = [
  'เลขทะเบียน',
  'ชื่อกลุ่ม',
  'ประเภท',
  'หมู่ที่',
  'หมู่บ้าน',
  'ตำบล',
  'ก่อตั้ง (พ.ศ.)',
  'สถานะ',
  'จำนวนสมาชิก',
  'ประธาน',
  'คณะกรรมการ',
  'เงินทุนรวม (บาท)',
  'ธนาคาร',
  'เลขบัญชี (4 ตัวท้าย)',
  'รายงานล่าสุด',
  'ขึ้นทะเบียนเมื่อ',
];

/** One group's register row (no account number beyond its last four digits). */
export function registerRow(entry: RegisterEntry): string[] {
  const { data } = entry;
  const profile = data.profile;
  const committee = committeeText(data);
  const funds = data.funds?.entries.reduce((sum, f) => sum + f.amountSatang, 0);
  return [
    entry.case.reference ?? '',
    profile?.name ?? '',
    profile?.type ?? '',
    profile ? String(profile.moo) : '',
    profile?.village ?? '',
    profile?.subdistrict ?? '',
    beDate(profile?.established),
    statusInfo(groupKind, entry.case.status).label,
    String(memberCount(data)),
    committee.chair,
    committee.all,
    funds === undefined ? '' : bahtCell(funds),
    data.bank?.bank ?? '',
    data.bank ? maskAccount(data.bank.accountNumber) : '',
    beInstant(entry.lastReportAt),
    beInstant(entry.registeredAt),
  ];
}

export interface MemberExportOptions {
  /** The office collects members' ID numbers (office.groups.collectMemberIds, Q29): only then is there a column. */
  collectMemberIds: boolean;
  /** Whole ID numbers instead of masked ones: only when staff explicitly ask (--unmask-ids). */
  unmaskIds?: boolean;
}

export function membersHeader(options: MemberExportOptions): string[] {
  return [
    'เลขทะเบียนกลุ่ม',
    'ชื่อกลุ่ม',
    'ลำดับ',
    'ชื่อ-นามสกุล',
    ...(options.collectMemberIds ? ['เลขประจำตัวประชาชน'] : []),
    'บ้านเลขที่',
    'หมู่ที่',
    'เบอร์โทร',
    'วันเกิด (พ.ศ.)',
    'เข้าร่วมเมื่อ (พ.ศ.)',
    'สถานะสมาชิก',
  ];
}

/** One row per member listed (a register sent only as photos has none: staff transcribe it). */
export function memberRows(entry: RegisterEntry, options: MemberExportOptions): string[][] {
  return (entry.data.members?.entries ?? []).map((m) => [
    entry.case.reference ?? '',
    entry.data.profile?.name ?? '',
    String(m.id),
    formatPersonName(m),
    ...(options.collectMemberIds ? [m.nationalId === undefined ? '' : options.unmaskIds ? m.nationalId : maskThaiId(m.nationalId)] : []),
    m.houseNo ?? '',
    m.moo === undefined ? '' : String(m.moo),
    m.phone === undefined ? '' : formatPhone(m.phone),
    beDate(m.birthDate),
    beDate(m.joined),
    m.status === 'active' ? 'เป็นสมาชิก' : `ออกแล้ว${m.left ? ` (${beDate(m.left)})` : ''}`,
  ]);
}

/** The CSV Excel opens with the Thai intact (the bookings export's format: BOM, CRLF, formulas defused). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${UTF8_BOM}${rows.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('')}`;
}

export function registerCsv(entries: readonly RegisterEntry[]): string {
  return toCsv([REGISTER_HEADER, ...entries.map(registerRow)]);
}

export function membersCsv(entries: readonly RegisterEntry[], options: MemberExportOptions): string {
  return toCsv([membersHeader(options), ...entries.flatMap((e) => memberRows(e, options))]);
}
