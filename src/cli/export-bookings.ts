// npm run export:bookings -- --from 2026-11-01 --to 2026-11-30 [--out file.xlsx|file.csv] [--format xlsx|csv]
// [--office <id>]: every booking of one office (default: 'default') with a visit in the range (booked
// and cancelled), as .xlsx or as CSV that Excel opens with the Thai intact (src/exports/bookings.ts,
// audited with actor 'cli'). Without --out the CSV goes to standard output. Uses the database and
// offices the bot's configuration names.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { exportBookings } from '../exports/bookings';
import { FORMAT_USAGE, formatOption, UsageError, writeExport } from '../exports/cli';
import type { ExportFormat } from '../exports/table';
import { isIsoDate } from '../office/clock';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';

const USAGE =
  'วิธีใช้: npm run export:bookings -- --from 2026-11-01 --to 2026-11-30 [--out bookings.xlsx] [--format xlsx|csv] [--office <รหัสสำนักงาน>]\n' +
  `(วันที่เป็น ค.ศ. แบบ ปปปป-ดด-วว; ${FORMAT_USAGE}; ไม่ระบุ --office = default)`;
/** Years this large are Buddhist-era years typed by mistake. */
const FIRST_BUDDHIST_ERA_YEAR = 2400;

function dateOption(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`ต้องระบุ --${name}`);
  if (!isIsoDate(value)) throw new UsageError(`--${name} ต้องเป็นวันที่แบบ ปปปป-ดด-วว เช่น 2026-11-01 (ได้ "${value}")`);
  if (Number(value.slice(0, 4)) >= FIRST_BUDDHIST_ERA_YEAR) throw new UsageError(`--${name} ${value} ดูเป็นปี พ.ศ. ใช้ปี ค.ศ. (พ.ศ. − 543) นะคะ`);
  return value;
}

function options(args: string[]): { from: string; to: string; out?: string; office: string; format: ExportFormat } {
  let values: { from?: string; to?: string; out?: string; office?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, office: { type: 'string' }, format: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const from = dateOption('from', values.from);
  const to = dateOption('to', values.to);
  if (to < from) throw new UsageError(`--to (${to}) ต้องไม่ก่อน --from (${from})`);
  const format = formatOption(values.format, values.out);
  return { from, to, format, office: values.office ?? DEFAULT_OFFICE_ID, ...(values.out !== undefined && { out: values.out }) };
}

try {
  const { from, to, out, format, office: officeId } = options(process.argv.slice(2));
  const config = loadConfig();
  const office = loadOfficeProfileById(config, officeId);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  let file;
  try {
    file = await exportBookings(db, office, { from, to }, format, { actor: 'cli', now: new Date() });
  } finally {
    await db.close();
  }
  writeExport(file, out);
  if (out !== undefined) process.stderr.write(`บันทึกนัดหมาย ${file.rows} รายการ (${from} ถึง ${to}) ลงไฟล์ ${out} แล้ว\n`);
} catch (error) {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError || error instanceof OfficesError) process.stderr.write(`${error.message}\n`);
  else throw error;
  process.exitCode = 1;
}
