// npm run staff -- add|list|remove <LINE user id> [--office <id>]: who receives one office's staff
// notices and daily agenda, and may use its staff-only commands (the office 'default' unless
// --office names another). Uses the database and offices the bot's configuration names
// (DATABASE_URL or DATABASE_PATH, OFFICES_DIR), so run it with the same environment as the bot.
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import type { Sql } from '../db/sql';
import { addStaff, listStaff, removeStaff } from '../db/staff';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';
import { formatThaiDateTime } from '../thai/date-format';

const USER_ID = /^U[0-9a-f]{32}$/;

const USAGE = [
  'วิธีใช้:',
  '  npm run staff -- add <LINE user id>      เพิ่มเจ้าหน้าที่',
  '  npm run staff -- list                    ดูรายชื่อเจ้าหน้าที่',
  '  npm run staff -- remove <LINE user id>   เลิกเป็นเจ้าหน้าที่',
  '  เพิ่ม --office <รหัสสำนักงาน> เมื่อมีหลายสำนักงาน (ไม่ระบุ = default)',
  'LINE user id ขึ้นต้นด้วย U ตามด้วยตัวอักษร 0-9 a-f อีก 32 ตัว',
  '(เจ้าหน้าที่ที่ส่งรหัสเชิญ STAFF_INVITE_CODE ให้บอทแล้ว จะอยู่ในรายการ list)',
].join('\n');

const ADDED_BY: Record<string, string> = { cli: 'เพิ่มด้วยคำสั่ง', invite: 'ส่งรหัสเชิญ' };

async function list(db: Sql, office: string): Promise<string> {
  const rows = await listStaff(db, office);
  if (rows.length === 0) return 'ยังไม่มีเจ้าหน้าที่ในระบบ';
  return rows.map((row) => `${row.userId}  ${ADDED_BY[row.addedBy] ?? row.addedBy}  ${formatThaiDateTime(new Date(row.addedAt))}`).join('\n');
}

/** Runs one command; returns the text to print and whether it succeeded. */
async function run(db: Sql, office: string, [command, userId, ...extra]: string[]): Promise<{ ok: boolean; out: string }> {
  if (command === 'list' && userId === undefined) return { ok: true, out: await list(db, office) };
  if ((command !== 'add' && command !== 'remove') || extra.length > 0) return { ok: false, out: USAGE };
  if (!userId || !USER_ID.test(userId)) return { ok: false, out: `LINE user id ไม่ถูกต้อง: "${userId ?? ''}"\n\n${USAGE}` };
  if (command === 'add') {
    return { ok: true, out: (await addStaff(db, office, userId, 'cli', Date.now())) ? `เพิ่ม ${userId} เป็นเจ้าหน้าที่แล้ว` : `${userId} เป็นเจ้าหน้าที่อยู่แล้ว` };
  }
  return (await removeStaff(db, office, userId)) ? { ok: true, out: `นำ ${userId} ออกจากเจ้าหน้าที่แล้ว` } : { ok: false, out: `ไม่พบ ${userId} ในรายชื่อเจ้าหน้าที่` };
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
