// npm run export:cases -- [--office <id>] [--kind <kind>] [--all] [--out file.xlsx|file.csv] [--format xlsx|csv]:
// the office's cases, every kind or one (--kind group, mchch, …), one row each — reference, what it
// is about, status, the summary lines staff read, when submitted and last changed — as .xlsx or as
// CSV that Excel opens with the Thai intact (src/exports/cases.ts, audited with actor 'cli'). By
// default only cases that were submitted; --all adds drafts. Without --out the CSV goes to standard
// output. Uses the database and offices the bot's configuration names.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { CASE_KIND_IDS, CasesExportError, exportCases } from '../exports/cases';
import { FORMAT_USAGE, formatOption, UsageError, writeExport } from '../exports/cli';
import { loadOfficeProfileById, OfficesError } from '../office/offices';
import { DEFAULT_OFFICE_ID } from '../office/profile';

const USAGE =
  'วิธีใช้: npm run export:cases -- [--office <รหัสสำนักงาน>] [--kind <ประเภท>] [--all] [--out cases.xlsx] [--format xlsx|csv]\n' +
  `(--kind = ${CASE_KIND_IDS.join(', ')} (ไม่ระบุ = ทุกประเภท); --all = รวมฉบับร่างที่ยังไม่ส่ง; ${FORMAT_USAGE}; ไม่ระบุ --office = default)`;

function options(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      options: {
        office: { type: 'string' },
        kind: { type: 'string' },
        all: { type: 'boolean', default: false },
        out: { type: 'string' },
        format: { type: 'string' },
      },
      strict: true,
    });
    if (values.kind !== undefined && !CASE_KIND_IDS.includes(values.kind)) throw new UsageError(`--kind ต้องเป็นหนึ่งใน ${CASE_KIND_IDS.join(', ')} (ได้ "${values.kind}")`);
    return {
      office: values.office ?? DEFAULT_OFFICE_ID,
      all: values.all,
      format: formatOption(values.format, values.out),
      ...(values.kind !== undefined && { kind: values.kind }),
      ...(values.out !== undefined && { out: values.out }),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

try {
  const { office: officeId, kind, all, format, out } = options(process.argv.slice(2));
  const config = loadConfig();
  const office = loadOfficeProfileById(config, officeId);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  let file;
  try {
    file = await exportCases(db, office, { all, ...(kind !== undefined && { kind }) }, format, { actor: 'cli', now: new Date() });
  } finally {
    await db.close();
  }
  writeExport(file, out);
  if (out !== undefined) process.stderr.write(`บันทึกเรื่อง${kind === undefined ? 'ทุกประเภท' : ` (${kind})`} ${file.rows} รายการ ลงไฟล์ ${out} แล้ว\n`);
} catch (error) {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError || error instanceof OfficesError || error instanceof CasesExportError) process.stderr.write(`${error.message}\n`);
  else throw error;
  process.exitCode = 1;
}
