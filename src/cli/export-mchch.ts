// npm run export:mchch -- --round <id> [--office <id>] [--out <folder>] [--status a,b] [--zip]: a
// round's มชช. applications for the district office — one folder per application (summary.pdf and
// the documents as sent), index.csv, and with --zip one .zip of it all (src/mchch/export.ts). By
// default the applications staff accepted or applicants prepared and every later step; never drafts.
// Uses the database, attachments folder and offices the bot's configuration names. The export is
// personal data: only counts and the path are printed.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { DEFAULT_EXPORT_STATUSES, EXPORTABLE_STATUSES, ExportError, exportRound } from '../mchch/export';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';

const USAGE =
  'วิธีใช้: npm run export:mchch -- --round <รหัสรอบ> [--office <รหัสสำนักงาน>] [--out <โฟลเดอร์>] [--status a,b] [--zip]\n' +
  `(ไม่ระบุ --status = ${DEFAULT_EXPORT_STATUSES.join(',')}; ระบุได้: ${EXPORTABLE_STATUSES.join(',')}; ` +
  'ไม่ระบุ --out = ./mchch-<รหัสรอบ>; --zip = รวมเป็นไฟล์ .zip อีกหนึ่งไฟล์; ไม่ระบุ --office = default)';

class UsageError extends Error {}

function options(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      options: {
        round: { type: 'string' },
        office: { type: 'string' },
        out: { type: 'string' },
        status: { type: 'string' },
        zip: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (!values.round) throw new UsageError('ต้องระบุ --round');
    const statuses = values.status
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { round: values.round, office: values.office ?? DEFAULT_OFFICE_ID, out: values.out ?? `mchch-${values.round}`, statuses, zip: values.zip };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

try {
  const { round, office: officeId, out, statuses, zip } = options(process.argv.slice(2));
  const config = loadConfig();
  const office = loadOfficeProfileById(config, officeId);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  try {
    const result = await exportRound(db, config.attachments.dir, office, { roundId: round, out, zip, now: new Date(), ...(statuses && { statuses }) });
    process.stderr.write(`ส่งออกใบสมัคร มชช. ${result.applications} รายการ (${result.files} ไฟล์) ลงโฟลเดอร์ ${result.folder} แล้ว\n`);
    if (result.missingFiles > 0) process.stderr.write(`มีเอกสาร ${result.missingFiles} ไฟล์ที่ไม่พบในเครื่อง (ใน index.csv เป็น "ไม่ครบ")\n`);
    if (result.zip) process.stderr.write(`และไฟล์รวม ${result.zip}\n`);
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError || error instanceof OfficesError || error instanceof ExportError) process.stderr.write(`${error.message}\n`);
  else throw error;
  process.exitCode = 1;
}
