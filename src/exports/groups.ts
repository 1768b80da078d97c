// The groups export: the office's register of community groups (registered ones, or with `all` every
// group case, drafts too) and their members, as .xlsx (two sheets: groups, members) or CSV (one
// table: the register, or with `members` the members). Personal data is kept to what the register
// needs: the bank account as its last four digits only; members' national ID numbers only when the
// office collects them (office.groups.collectMemberIds, Q29), and then masked unless asked (unmaskIds).
//
//   registerTable(entries: RegisterEntry[]): Table
//   membersTable(entries: RegisterEntry[], { collectMemberIds, unmaskIds? }): Table
//   exportGroups(db, office: OfficeProfile, { all?, members?, unmaskIds? }, format: 'xlsx' | 'csv',
//                { actor, now }: { actor: string; now: Date })
//     → Promise<{ filename, contentType, body: Buffer | string, rows, groups, members }>
//
// `rows` counts the main table's rows (the register; the members for a members CSV). exportGroups
// writes one audit row (actor, 'export.groups', target 'groups:registered' or 'groups:all', detail
// the counts, the format and "ids unmasked" when they were) — no personal data.
import { statusInfo } from '../cases/kind';
import { groupKind } from '../cases/kinds/group';
import { audit } from '../db/audit';
import type { Sql } from '../db/sql';
import { committeeText, registerEntries, type RegisterEntry } from '../groups/register';
import { memberCount } from '../groups/sections';
import type { OfficeProfile } from '../office/profile';
import { maskAccount } from '../thai/bank-account';
import { bangkokDateOf, fromIso, toIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import { maskThaiId } from '../thai/id-card';
import { formatPersonName } from '../thai/person-name';
import { formatPhone } from '../thai/phone';
import { renderExport } from './file';
import { isoDateCell, numberCell, text, type Cell, type Column, type ExportActor, type ExportFile, type ExportFormat, type Table } from './table';

function beDate(iso: string | undefined): Cell {
  return isoDateCell(iso, iso === undefined ? '' : formatThaiDate(fromIso(iso)));
}

function beInstant(at: number | null): Cell {
  if (at === null) return text('');
  const day = bangkokDateOf(new Date(at));
  return isoDateCell(toIso(day), formatThaiDate(day));
}

/** Satang as baht for a spreadsheet: "12500.00" in the CSV (no thousands separator), a number in Excel. */
export function bahtCell(satang: number): Cell {
  return numberCell(satang / 100, (satang / 100).toFixed(2));
}

function countCell(n: number): Cell {
  return numberCell(n, String(n));
}

const REGISTER_COLUMNS: Column[] = [
  { header: 'เลขทะเบียน' },
  { header: 'ชื่อกลุ่ม' },
  { header: 'ประเภท' },
  { header: 'หมู่ที่', kind: 'number' },
  { header: 'หมู่บ้าน' },
  { header: 'ตำบล' },
  { header: 'ก่อตั้ง (พ.ศ.)', kind: 'date' },
  { header: 'สถานะ' },
  { header: 'จำนวนสมาชิก', kind: 'number' },
  { header: 'ประธาน' },
  { header: 'คณะกรรมการ' },
  { header: 'เงินทุนรวม (บาท)', kind: 'money' },
  { header: 'ธนาคาร' },
  { header: 'เลขบัญชี (4 ตัวท้าย)' },
  { header: 'รายงานล่าสุด', kind: 'date' },
  { header: 'ขึ้นทะเบียนเมื่อ', kind: 'date' },
];

export const REGISTER_HEADER = REGISTER_COLUMNS.map((c) => c.header);

/** One group's register row (no account number beyond its last four digits). */
function registerRow(entry: RegisterEntry): Cell[] {
  const { data } = entry;
  const profile = data.profile;
  const committee = committeeText(data);
  const funds = data.funds?.entries.reduce((sum, f) => sum + f.amountSatang, 0);
  return [
    text(entry.case.reference ?? ''),
    text(profile?.name ?? ''),
    text(profile?.type ?? ''),
    profile ? countCell(profile.moo) : text(''),
    text(profile?.village ?? ''),
    text(profile?.subdistrict ?? ''),
    beDate(profile?.established),
    text(statusInfo(groupKind, entry.case.status).label),
    countCell(memberCount(data)),
    text(committee.chair),
    text(committee.all),
    funds === undefined ? text('') : bahtCell(funds),
    text(data.bank?.bank ?? ''),
    text(data.bank ? maskAccount(data.bank.accountNumber) : ''),
    beInstant(entry.lastReportAt),
    beInstant(entry.registeredAt),
  ];
}

export function registerTable(entries: readonly RegisterEntry[]): Table {
  return { name: 'กลุ่ม', columns: REGISTER_COLUMNS, rows: entries.map(registerRow) };
}

export interface MemberExportOptions {
  /** The office collects members' ID numbers (office.groups.collectMemberIds, Q29): only then is there a column. */
  collectMemberIds: boolean;
  /** Whole ID numbers instead of masked ones: only when staff explicitly ask (--unmask-ids). */
  unmaskIds?: boolean;
}

function membersColumns(options: MemberExportOptions): Column[] {
  return [
    { header: 'เลขทะเบียนกลุ่ม' },
    { header: 'ชื่อกลุ่ม' },
    { header: 'ลำดับ', kind: 'number' },
    { header: 'ชื่อ-นามสกุล' },
    ...(options.collectMemberIds ? [{ header: 'เลขประจำตัวประชาชน' }] : []),
    { header: 'บ้านเลขที่' },
    { header: 'หมู่ที่', kind: 'number' },
    { header: 'เบอร์โทร' },
    { header: 'วันเกิด (พ.ศ.)', kind: 'date' },
    { header: 'เข้าร่วมเมื่อ (พ.ศ.)', kind: 'date' },
    { header: 'สถานะสมาชิก' },
  ];
}

/** One row per member listed (a register sent only as photos has none: staff transcribe it). */
function memberRows(entry: RegisterEntry, options: MemberExportOptions): Cell[][] {
  return (entry.data.members?.entries ?? []).map((m) => [
    text(entry.case.reference ?? ''),
    text(entry.data.profile?.name ?? ''),
    countCell(m.id),
    text(formatPersonName(m)),
    ...(options.collectMemberIds ? [text(m.nationalId === undefined ? '' : options.unmaskIds ? m.nationalId : maskThaiId(m.nationalId))] : []),
    text(m.houseNo ?? ''),
    m.moo === undefined ? text('') : countCell(m.moo),
    text(m.phone === undefined ? '' : formatPhone(m.phone)),
    beDate(m.birthDate),
    beDate(m.joined),
    text(m.status === 'active' ? 'เป็นสมาชิก' : `ออกแล้ว${m.left ? ` (${formatThaiDate(fromIso(m.left))})` : ''}`),
  ]);
}

export function membersTable(entries: readonly RegisterEntry[], options: MemberExportOptions): Table {
  return { name: 'สมาชิก', columns: membersColumns(options), rows: entries.flatMap((e) => memberRows(e, options)) };
}

export interface GroupsExportOptions {
  /** Every group case, drafts too; default only registered groups. */
  all?: boolean;
  /** The CSV is the members list instead of the register (the .xlsx always has both sheets). */
  members?: boolean;
  /** Whole ID numbers (only when the office collects them). */
  unmaskIds?: boolean;
}

export type GroupsExportFile = ExportFile & { groups: number; members: number };

export async function exportGroups(db: Sql, office: OfficeProfile, options: GroupsExportOptions, format: ExportFormat, by: ExportActor): Promise<GroupsExportFile> {
  const entries = await registerEntries(db, office.id, { all: options.all === true });
  const collectMemberIds = office.groups.collectMemberIds;
  const unmasked = collectMemberIds && options.unmaskIds === true;
  const register = registerTable(entries);
  const members = membersTable(entries, { collectMemberIds, unmaskIds: unmasked });
  const tables = format === 'csv' && options.members ? [members] : [register, members];
  const scope = options.all ? 'all' : 'registered';
  const basename = format === 'csv' && options.members ? `group-members-${scope}` : `groups-${scope}`;
  const file = await renderExport(tables, format, basename);
  const detail = `${entries.length} groups, ${members.rows.length} members, ${format}${format === 'csv' ? (options.members ? ' members' : ' register') : ''}${unmasked ? ', ids unmasked' : ''}`;
  await audit(db, office.id, { actor: by.actor, action: 'export.groups', target: `groups:${scope}`, detail }, by.now.getTime());
  return { ...file, groups: entries.length, members: members.rows.length };
}
