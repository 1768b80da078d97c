// npm run db:move -- --from ./data/bot.db --to postgres://… [--office <id>] [--replace]: copies every
// table of an office's SQLite database into PostgreSQL in one transaction (src/db/move.ts), the
// target migrated first. Stop the bot first (what it writes during the move would not be copied).
// Exit codes: 0 moved; 1 bad usage or a source that cannot be opened; 2 refused, nothing written
// (the office already has rows there, a row colliding with one already there, several offices in the
// file); 3 failed, rolled back. Ids are kept per office: PostgreSQL keys serial tables by (office_id, id).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openPostgres, openSqlite } from '../db/client';
import { moveOffice, OfficeOccupiedError, SeveralOfficesError } from '../db/move';

const USAGE = [
  'วิธีใช้: npm run db:move -- --from ./data/bot.db --to postgres://ผู้ใช้:รหัส@เครื่อง:5432/ฐานข้อมูล [--office default] [--replace]',
  '  --office   รหัสสำนักงานที่จะบันทึกข้อมูลเป็นของ (ค่าเริ่มต้น default)',
  '  --replace  ลบข้อมูลเดิมของสำนักงานนี้ใน PostgreSQL ก่อน (ในธุรกรรมเดียวกัน)',
  'หยุดบอทก่อนย้าย แล้วจึงตั้ง DATABASE_URL ให้บอทใช้ PostgreSQL',
].join('\n');

/** An office id as the tenancy convention writes it. */
const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

class UsageError extends Error {}

function options(args: string[]): { from: string; to: string; office: string; replace: boolean } {
  let values: { from?: string; to?: string; office?: string; replace?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, office: { type: 'string' }, replace: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.from === undefined) throw new UsageError('ต้องระบุ --from (ไฟล์ SQLite ของบอท)');
  if (!fs.existsSync(values.from)) throw new UsageError(`ไม่พบไฟล์ ${values.from}`);
  if (values.to === undefined) throw new UsageError('ต้องระบุ --to (postgres://…)');
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError('--to ต้องขึ้นต้นด้วย postgres:// หรือ postgresql://');
  const office = values.office ?? 'default';
  if (!OFFICE_ID.test(office)) throw new UsageError(`--office "${office}" ไม่ถูกต้อง: ใช้ a-z 0-9 และ - ไม่เกิน 40 ตัว ขึ้นต้นด้วยตัวอักษรหรือตัวเลข`);
  return { from: values.from, to: values.to, office, replace: values.replace ?? false };
}

/** Whether the file is a database the bot has opened (so migrating it cannot touch someone else's file). */
function isBotDatabase(file: string): boolean {
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  } finally {
    raw.close();
  }
}

/** The driver's own message: drizzle's wrapper repeats the statement and its values (personal data). */
function reason(error: unknown): string {
  return (((error as { cause?: unknown }).cause ?? error) as Error).message;
}

/** A PostgreSQL unique violation (drizzle wraps the driver's error in `cause`). */
function uniqueViolation(error: unknown): { table?: string; constraint?: string } | undefined {
  const pgError = ((error as { cause?: unknown }).cause ?? error) as { code?: string; table?: string; constraint?: string };
  return pgError.code === '23505' ? pgError : undefined;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof options>;
  try {
    args = options(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  let source: ReturnType<typeof openSqlite>;
  try {
    if (!isBotDatabase(args.from)) {
      process.stderr.write(`${args.from} ไม่ใช่ฐานข้อมูลของบอท (ไม่มีประวัติ migration)\n`);
      return 1;
    }
    source = openSqlite(args.from); // migrated as the bot would at start, so its tables match the schema
  } catch (error) {
    process.stderr.write(`เปิดไฟล์ ${args.from} ไม่ได้: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    let target: Awaited<ReturnType<typeof openPostgres>>;
    try {
      target = await openPostgres({ connectionString: args.to, max: 2 });
    } catch (error) {
      // The message never carries the URL (it holds the password).
      process.stderr.write(`เชื่อมต่อหรือเตรียม PostgreSQL ไม่ได้: ${reason(error)}\n`);
      return 3;
    }
    try {
      const { counts, replaced } = await moveOffice(source.connection, target.pool, { office: args.office, replace: args.replace });
      const removed = Object.values(replaced).reduce((a, b) => a + b, 0);
      if (args.replace) process.stdout.write(`ลบข้อมูลเดิมของสำนักงาน ${args.office} ใน PostgreSQL ${removed.toLocaleString('en-US')} แถว\n`);
      process.stdout.write(`ย้ายข้อมูลสำนักงาน ${args.office} ไป PostgreSQL แล้ว:\n`);
      for (const [table, n] of Object.entries(counts)) process.stdout.write(`  ${table.padEnd(20)} ${n.toLocaleString('en-US').padStart(12)} แถว\n`);
      process.stdout.write('ต่อไป: ตั้ง DATABASE_URL ให้บอทแล้วเริ่มบอทใหม่\n');
      return 0;
    } catch (error) {
      if (error instanceof OfficeOccupiedError) {
        process.stderr.write(`ไม่ได้ย้าย: PostgreSQL มีข้อมูลของสำนักงาน ${args.office} อยู่แล้ว (${error.tables.join(', ')})\nใช้ --replace เพื่อลบของเดิมแล้วย้ายใหม่ หรือเลือก --office อื่น\n`);
        return 2;
      }
      if (error instanceof SeveralOfficesError) {
        process.stderr.write(`ไม่ได้ย้าย: ไฟล์นี้มีข้อมูลหลายสำนักงาน (${error.table}: ${error.offices.join(', ')}) คำสั่งนี้ย้ายได้ทีละสำนักงานจากไฟล์ของสำนักงานเดียว\n`);
        return 2;
      }
      const conflict = uniqueViolation(error);
      if (conflict) {
        process.stderr.write(
          `ไม่ได้ย้าย (ยกเลิกทั้งหมด ไม่มีอะไรถูกเขียน): ข้อมูลในตาราง ${conflict.table ?? '?'} ชนกับแถวที่มีอยู่แล้วใน PostgreSQL (${conflict.constraint ?? '?'})\n` +
            'ตรวจว่าไฟล์นี้ถูกย้ายไปแล้วในชื่อสำนักงานอื่นหรือไม่\n',
        );
        return 2;
      }
      process.stderr.write(`ย้ายไม่สำเร็จ ยกเลิกทั้งหมดแล้ว ไม่มีอะไรถูกเขียน: ${reason(error)}\n`);
      return 3;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

process.exitCode = await main();
