// npm run export:cases: the office's cases (every kind, or --kind) as .xlsx or CSV, audited as 'cli'.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../../src/db/audit';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, submittedCase } from '../cases/helpers';
import { CLI_TIMEOUT_MS, runCli } from './run';

async function seeded(): Promise<{ file: string; reference: string }> {
  const file = newTestDatabaseName(tempDbFile);
  const db = await openTestDatabase(file);
  const c = await submittedCase(db, 'Uleader', 'default', NOW);
  await db.close();
  return { file, reference: c.reference! };
}

describe('npm run export:cases', () => {
  it('writes an .xlsx for --out cases.xlsx, CSV with a BOM to stdout, and audits each as cli', async () => {
    const { file, reference } = await seeded();
    const out = path.join(path.dirname(tempDbFile()), 'cases.xlsx');
    const xlsx = runCli('export-cases.ts', ['--out', out], file);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stderr).toContain(`บันทึกเรื่องทุกประเภท 1 รายการ ลงไฟล์ ${out} แล้ว`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value]).toEqual([reference, 'ขึ้นทะเบียนกลุ่ม']);
    expect(row.getCell(5).value).toBeInstanceOf(Date);

    const csv = runCli('export-cases.ts', ['--kind', 'mchch'], file);
    expect(csv.code).toBe(0);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.stdout.split('\r\n')).toHaveLength(2); // the header and the final line end: no มชช. case

    const db = await openTestDatabase(file);
    const entries = await auditEntries(db, 'default');
    await db.close();
    expect(entries.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).toEqual([
      { actor: 'cli', action: 'export.cases', target: 'cases:mchch', detail: '0 rows, csv' },
      { actor: 'cli', action: 'export.cases', target: 'cases:all', detail: '1 rows, xlsx' },
    ]);
  }, CLI_TIMEOUT_MS);

  it.each([
    [['--kind', 'nope'], '--kind ต้องเป็นหนึ่งใน'],
    [['--format', 'xlsx'], '--format xlsx ต้องระบุ --out'],
    [['--status', 'x'], "Unknown option '--status'"],
  ])('refuses %j with a reason, the usage and exit code 1', (args, reason) => {
    const result = runCli('export-cases.ts', args, tempDbFile());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('วิธีใช้:');
    expect(result.stdout).toBe('');
  });
});
