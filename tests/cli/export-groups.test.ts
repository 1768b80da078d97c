// npm run export:groups: the office's register of groups (or its members) as CSV Excel opens with the
// Thai intact. The rows themselves are tested in tests/groups/register.test.ts; here the command.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import { DEFAULT_OFFICE_CONFIG_PATH } from '../../src/office/profile';
import { newTestDatabaseName, openTestDatabase, updateRow } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW } from '../cases/helpers';
import { sampleBank, sampleMembers, sampleProfile } from '../groups/fixtures';
import { CLI_TIMEOUT_MS, runCli } from './run';

/** A database with a registered group in each of two offices. */
async function seeded(): Promise<string> {
  const file = newTestDatabaseName(tempDbFile);
  const db = await openTestDatabase(file);
  for (const [office, name] of [['default', 'กลุ่มแม่บ้านบ้านโนนสูง'], ['b', 'กลุ่มออมทรัพย์บ้านดอน']] as const) {
    const c = await db.transaction((tx) => createDraft(tx, office, 'group', `U-${office}`, NOW, { profile: sampleProfile(name), members: sampleMembers(2), bank: sampleBank(name) }));
    await updateRow(db, 'cases', { id: c.id }, { status: 'registered', reference: 'GRP-0001' });
  }
  await db.close();
  return file;
}

describe('npm run export:groups', () => {
  it('writes the register to a file with a BOM; members to stdout; one office only', async () => {
    const file = await seeded();
    const dir = fs.mkdtempSync(path.join(path.dirname(tempDbFile()), 'offices-'));
    for (const id of ['default', 'b']) fs.copyFileSync(DEFAULT_OFFICE_CONFIG_PATH, path.join(dir, `${id}.json`));
    const env = { OFFICES_DIR: dir };
    const out = path.join(dir, 'groups.csv');

    const register = runCli('export-groups.ts', ['--out', out], file, env);
    expect(register.code).toBe(0);
    expect(register.stderr).toContain(`บันทึกทะเบียนกลุ่ม 1 รายการ (1 กลุ่ม) ลงไฟล์ ${out} แล้ว`);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = bytes.toString('utf8');
    expect(content).toContain('GRP-0001,กลุ่มแม่บ้านบ้านโนนสูง,กลุ่มแม่บ้าน');
    expect(content).toContain('••••4567');
    expect(content).not.toContain('0201234567');
    expect(content).not.toContain('บ้านดอน');

    const members = runCli('export-groups.ts', ['--office', 'b', '--members'], file, env);
    expect(members.code).toBe(0);
    expect([...members.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(members.stdout.split('\r\n')).toHaveLength(4); // header, two members, the final line end
    expect(members.stdout).toContain('GRP-0001,กลุ่มออมทรัพย์บ้านดอน,1,นางสมศรี ใจดี');
    expect(members.stdout).not.toContain('โนนสูง');
  }, CLI_TIMEOUT_MS);

  it('writes both sheets to an .xlsx, where --unmask-ids needs no --members', async () => {
    const file = await seeded();
    const out = path.join(path.dirname(tempDbFile()), 'groups.xlsx');
    const result = runCli('export-groups.ts', ['--out', out, '--unmask-ids'], file);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('สำนักงานนี้ไม่เก็บเลขประจำตัวประชาชนของสมาชิก');
    expect(result.stderr).toContain(`บันทึกทะเบียนกลุ่ม 1 กลุ่ม และรายชื่อสมาชิก 2 คน ลงไฟล์ ${out} แล้ว`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['กลุ่ม', 'สมาชิก']);
    expect(workbook.getWorksheet('กลุ่ม')!.getRow(2).getCell(2).value).toBe('กลุ่มแม่บ้านบ้านโนนสูง');
    expect(workbook.getWorksheet('สมาชิก')!.getRow(2).getCell(4).value).toBe('นางสมศรี ใจดี');
  }, CLI_TIMEOUT_MS);

  it('refuses --unmask-ids without --members, with the usage and exit code 1', () => {
    const result = runCli('export-groups.ts', ['--unmask-ids'], tempDbFile());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--unmask-ids ใช้ได้กับ --members (หรือไฟล์ xlsx) เท่านั้น');
    expect(result.stderr).toContain('วิธีใช้:');
    expect(result.stdout).toBe('');
  });
});
