// npm run export:groups -- [--office <id>] [--members] [--all] [--unmask-ids] [--out file.xlsx|file.csv]
// [--format xlsx|csv]: the office's register of community groups (default: only registered groups;
// --all: every group case, drafts too) — as .xlsx with two sheets (groups, members), or as CSV that
// Excel opens with the Thai intact: the register, or with --members one row per member with the
// group's reference (src/exports/groups.ts, audited with actor 'cli'). Bank accounts appear as their
// last four digits only; members' ID numbers only when the office collects them (Q29), masked unless
// --unmask-ids. Without --out the CSV goes to standard output. Uses the database and offices the
// bot's configuration names.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { FORMAT_USAGE, formatOption, UsageError, writeExport } from '../exports/cli';
import { exportGroups } from '../exports/groups';
import type { ExportFormat } from '../exports/table';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';

const USAGE =
  'วิธีใช้: npm run export:groups -- [--office <รหัสสำนักงาน>] [--members] [--all] [--unmask-ids] [--out groups.xlsx] [--format xlsx|csv]\n' +
  '(--members = รายชื่อสมาชิกทุกกลุ่ม (ในไฟล์ csv; ไฟล์ xlsx มีทั้งสองแผ่นงานเสมอ); --all = ทุกสถานะ ไม่ใช่เฉพาะที่ขึ้นทะเบียนแล้ว; ' +
  `--unmask-ids = เลขประจำตัวประชาชนเต็ม (เฉพาะเมื่อสำนักงานเก็บ); ${FORMAT_USAGE}; ไม่ระบุ --office = default)`;

interface Options {
  office: string;
  members: boolean;
  all: boolean;
  unmaskIds: boolean;
  format: ExportFormat;
  out?: string;
}

function options(args: string[]): Options {
  try {
    const { values } = parseArgs({
      args,
      options: {
        office: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        members: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        'unmask-ids': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const format = formatOption(values.format, values.out);
    // The .xlsx always holds the members sheet, so --unmask-ids applies to it without --members.
    if (values['unmask-ids'] && !values.members && format === 'csv') throw new UsageError('--unmask-ids ใช้ได้กับ --members (หรือไฟล์ xlsx) เท่านั้น');
    return {
      office: values.office ?? DEFAULT_OFFICE_ID,
      members: values.members,
      all: values.all,
      unmaskIds: values['unmask-ids'],
      format,
      ...(values.out !== undefined && { out: values.out }),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

try {
  const { office: officeId, members, all, unmaskIds, format, out } = options(process.argv.slice(2));
  const config = loadConfig();
  const office = loadOfficeProfileById(config, officeId);
  if (unmaskIds && !office.groups.collectMemberIds) process.stderr.write('สำนักงานนี้ไม่เก็บเลขประจำตัวประชาชนของสมาชิก จึงไม่มีคอลัมน์นี้ค่ะ\n');
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  let file;
  try {
    file = await exportGroups(db, office, { all, members, unmaskIds }, format, { actor: 'cli', now: new Date() });
  } finally {
    await db.close();
  }
  writeExport(file, out);
  if (out !== undefined) {
    const what = format === 'xlsx' ? `ทะเบียนกลุ่ม ${file.groups} กลุ่ม และรายชื่อสมาชิก ${file.members} คน` : `${members ? 'รายชื่อสมาชิก' : 'ทะเบียนกลุ่ม'} ${file.rows} รายการ (${file.groups} กลุ่ม)`;
    process.stderr.write(`บันทึก${what} ลงไฟล์ ${out} แล้ว\n`);
  }
} catch (error) {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError || error instanceof OfficesError) process.stderr.write(`${error.message}\n`);
  else throw error;
  process.exitCode = 1;
}
