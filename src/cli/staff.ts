// npm run staff -- invite|add|list|role|remove …  [--office <id>]: who receives one office's staff
// notices and daily agenda, may use its staff-only commands, and in which role (the office
// 'default' unless --office names another). `invite` prints a one-time code to pass on: the new
// staff member sends it to the bot in LINE (only its SHA-256 is stored; it works once and expires).
// Uses the database and offices the bot's configuration names (DATABASE_URL or DATABASE_PATH,
// OFFICES_DIR), so run it with the same environment as the bot. Every change is audited as 'cli'.
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import type { Sql } from '../db/sql';
import { listStaff, type StaffRole } from '../db/staff';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';
import { addStaffMember, createInvitation, DEFAULT_INVITE_HOURS, formatInviteCode, removeStaffMember, setStaffRole, type StaffChangeRefusal } from '../staff/access';
import { formatThaiDateTime } from '../thai/date-format';

const USER_ID = /^U[0-9a-f]{32}$/;
/** An invitation lasts at most 30 days: a code that lies about for months is a code someone finds. */
const MAX_INVITE_HOURS = 24 * 30;

const USAGE = [
  'วิธีใช้:',
  '  npm run staff -- invite [--role officer|admin] [--hours 72]',
  '                                           สร้างรหัสเชิญใช้ครั้งเดียว ให้เจ้าหน้าที่ใหม่ส่งรหัสในแชต LINE ของบอท',
  '  npm run staff -- add <LINE user id> [--admin]   เพิ่มเจ้าหน้าที่ (--admin = ผู้ดูแลระบบ)',
  '  npm run staff -- list                    ดูรายชื่อเจ้าหน้าที่และบทบาท',
  '  npm run staff -- role <LINE user id> admin|officer   เปลี่ยนบทบาท',
  '  npm run staff -- remove <LINE user id>   เลิกเป็นเจ้าหน้าที่ (ออกจากระบบหน้าเว็บทุกเครื่องด้วย)',
  '  เพิ่ม --office <รหัสสำนักงาน> เมื่อมีหลายสำนักงาน (ไม่ระบุ = default)',
  'LINE user id ขึ้นต้นด้วย U ตามด้วยตัวอักษร 0-9 a-f อีก 32 ตัว',
].join('\n');

const ADDED_BY: Record<string, string> = { cli: 'เพิ่มด้วยคำสั่ง', invite: 'ส่งรหัสเชิญ' };
const ROLE_LABEL: Record<StaffRole, string> = { officer: 'เจ้าหน้าที่', admin: 'ผู้ดูแลระบบ' };

async function list(db: Sql, office: string): Promise<string> {
  const rows = await listStaff(db, office);
  if (rows.length === 0) return 'ยังไม่มีเจ้าหน้าที่ในระบบ';
  return rows
    .map((row) => `${row.userId}  ${ROLE_LABEL[row.role] ?? row.role}  ${ADDED_BY[row.addedBy] ?? row.addedBy}  ${formatThaiDateTime(new Date(row.addedAt))}`)
    .join('\n');
}

type Result = { ok: boolean; out: string };
const usage = (problem?: string): Result => ({ ok: false, out: problem ? `${problem}\n\n${USAGE}` : USAGE });

/** `--name value` taken out of the arguments; undefined value when the flag is absent; error when it lacks its value. */
function option(args: string[], name: string): { value?: string; rest: string[] } | 'missing' {
  const at = args.indexOf(name);
  if (at === -1) return { rest: args };
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) return 'missing';
  return { value, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

async function invite(db: Sql, office: string, args: string[]): Promise<Result> {
  const role = option(args, '--role');
  if (role === 'missing') return usage('--role ต้องตามด้วย officer หรือ admin');
  const hours = option(role.rest, '--hours');
  if (hours === 'missing') return usage('--hours ต้องตามด้วยจำนวนชั่วโมง');
  if (hours.rest.length > 0) return usage();
  if (role.value !== undefined && role.value !== 'officer' && role.value !== 'admin') return usage(`บทบาทไม่ถูกต้อง: "${role.value}" (officer หรือ admin)`);
  const h = hours.value === undefined ? DEFAULT_INVITE_HOURS : Number(hours.value);
  if (!Number.isInteger(h) || h < 1 || h > MAX_INVITE_HOURS) return usage(`--hours ต้องเป็นจำนวนเต็ม 1 ถึง ${MAX_INVITE_HOURS}`);
  const made = await createInvitation(db, office, { role: (role.value as StaffRole | undefined) ?? 'officer', createdBy: 'cli', hours: h }, Date.now());
  return {
    ok: true,
    out: [
      `รหัสเชิญ${ROLE_LABEL[made.role]}: ${formatInviteCode(made.code)}`,
      `ใช้ได้ครั้งเดียว ถึง ${formatThaiDateTime(new Date(made.expiresAt))}`,
      'ให้ผู้ที่ได้รับเชิญพิมพ์รหัสนี้ในแชต LINE ของบอท (ระบบไม่ได้เก็บรหัสนี้ไว้ หากหายให้สร้างใหม่)',
    ].join('\n'),
  };
}

/** Runs one command; returns the text to print and whether it succeeded. */
async function run(db: Sql, office: string, args: string[]): Promise<Result> {
  const [command, userId, ...extra] = args;
  if (command === 'list' && args.length === 1) return { ok: true, out: await list(db, office) };
  if (command === 'invite') return invite(db, office, args.slice(1));
  if (command !== 'add' && command !== 'remove' && command !== 'role') return usage();
  if (!userId || !USER_ID.test(userId)) return usage(`LINE user id ไม่ถูกต้อง: "${userId ?? ''}"`);
  const now = Date.now();
  if (command === 'add') {
    if (extra.length > 1 || (extra.length === 1 && extra[0] !== '--admin')) return usage();
    const role: StaffRole = extra[0] === '--admin' ? 'admin' : 'officer';
    return (await addStaffMember(db, office, userId, role, 'cli', now))
      ? { ok: true, out: `เพิ่ม ${userId} เป็น${ROLE_LABEL[role]}แล้ว` }
      : { ok: true, out: `${userId} เป็นเจ้าหน้าที่อยู่แล้ว (เปลี่ยนบทบาทด้วย npm run staff -- role)` };
  }
  if (command === 'role') {
    const role = extra[0];
    if (extra.length !== 1 || (role !== 'admin' && role !== 'officer')) return usage();
    const changed = await setStaffRole(db, office, userId, role, 'cli', now);
    return changed.ok ? { ok: true, out: `${userId} เป็น${ROLE_LABEL[role]}แล้ว` } : { ok: false, out: refusal(changed.reason, userId) };
  }
  if (extra.length > 0) return usage();
  const removed = await removeStaffMember(db, office, userId, 'cli', now);
  return removed.ok ? { ok: true, out: `นำ ${userId} ออกจากเจ้าหน้าที่แล้ว` } : { ok: false, out: refusal(removed.reason, userId) };
}

function refusal(reason: StaffChangeRefusal, userId: string): string {
  switch (reason) {
    case 'not_staff':
      return `ไม่พบ ${userId} ในรายชื่อเจ้าหน้าที่`;
    case 'last_admin':
      return `${userId} เป็นผู้ดูแลระบบคนสุดท้ายของสำนักงาน: ตั้งผู้ดูแลระบบคนอื่นก่อน (npm run staff -- role <LINE user id> admin)`;
    case 'not_allowed':
      return 'ไม่มีสิทธิ์จัดการเจ้าหน้าที่';
  }
}

/** `--office <id>` taken out of the arguments (anywhere among them); 'default' without it. */
function officeOption(args: string[]): { office: string; rest: string[] } | undefined {
  const at = args.indexOf('--office');
  if (at === -1) return { office: DEFAULT_OFFICE_ID, rest: args };
  const office = args[at + 1];
  if (office === undefined || office.startsWith('--')) return undefined;
  return { office, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

try {
  const config = loadConfig();
  const picked = officeOption(process.argv.slice(2));
  if (!picked) {
    process.stderr.write(`--office ต้องตามด้วยรหัสสำนักงาน\n\n${USAGE}\n`);
    process.exit(1);
  }
  // Refuses an office the configuration does not have (a typo would file staff under no office).
  loadOfficeProfileById(config, picked.office);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  const result = await run(db, picked.office, picked.rest);
  await db.close();
  (result.ok ? process.stdout : process.stderr).write(`${result.out}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof OfficesError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
