// npm run export:groups -- [--office <id>] [--members] [--all] [--unmask-ids] [--out file.csv]: the
// office's register of community groups (default: only registered groups; --all: every group case,
// drafts too) as CSV that Excel opens with the Thai intact — or with --members one row per member
// with the group's reference. Bank accounts appear as their last four digits only; members' ID
// numbers only when the office collects them (Q29), masked unless --unmask-ids. Without --out the
// CSV goes to standard output. Uses the database and offices the bot's configuration names.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { membersCsv, registerCsv, registerEntries } from '../groups/register';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';

const USAGE =
  'วิธีใช้: npm run export:groups -- [--office <รหัสสำนักงาน>] [--members] [--all] [--unmask-ids] [--out groups.csv]\n' +
  '(--members = รายชื่อสมาชิกทุกกลุ่ม; --all = ทุกสถานะ ไม่ใช่เฉพาะที่ขึ้นทะเบียนแล้ว; --unmask-ids = เลขประจำตัวประชาชนเต็ม (เฉพาะเมื่อสำนักงานเก็บ); ไม่ระบุ --office = default)';

class UsageError extends Error {}

interface Options {
  office: string;
  members: boolean;
  all: boolean;
  unmaskIds: boolean;
  out?: string;
}

function options(args: string[]): Options {
  try {
    const { values } = parseArgs({
      args,
      options: {
        office: { type: 'string' },
        out: { type: 'string' },
        members: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        'unmask-ids': { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values['unmask-ids'] && !values.members) throw new UsageError('--unmask-ids ใช้ได้กับ --members เท่านั้น');
    return {
      office: values.office ?? DEFAULT_OFFICE_ID,
      members: values.members,
      all: values.all,
      unmaskIds: values['unmask-ids'],
      ...(values.out !== undefined && { out: values.out }),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

try {
  const { office: officeId, members, all, unmaskIds, out } = options(process.argv.slice(2));
  const config = loadConfig();
  const office = loadOfficeProfileById(config, officeId);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  const entries = await registerEntries(db, office.id, { all });
  await db.close();
  const collectMemberIds = office.groups.collectMemberIds;
  if (unmaskIds && !collectMemberIds) process.stderr.write('สำนักงานนี้ไม่เก็บเลขประจำตัวประชาชนของสมาชิก จึงไม่มีคอลัมน์นี้ค่ะ\n');
  const csv = members ? membersCsv(entries, { collectMemberIds, unmaskIds }) : registerCsv(entries);
  const rows = csv.split('\r\n').length - 2;
  if (out === undefined) {
    process.stdout.write(csv);
  } else {
    writeFileSync(out, csv);
    process.stderr.write(`บันทึก${members ? 'รายชื่อสมาชิก' : 'ทะเบียนกลุ่ม'} ${rows} รายการ (${entries.length} กลุ่ม) ลงไฟล์ ${out} แล้ว\n`);
  }
} catch (error) {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError || error instanceof OfficesError) process.stderr.write(`${error.message}\n`);
  else throw error;
  process.exitCode = 1;
}
