// npm run export:bookings: the bookings of a date range as CSV that Excel opens with the Thai intact —
// a UTF-8 byte-order mark, CRLF line ends, quoting, formula cells defused — to a file or to stdout;
// or as .xlsx (the rows and the file themselves: tests/exports/bookings.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../../src/db/audit';
import { bookVisit, cancelVisit } from '../../src/booking/actions';
import { csvCell } from '../../src/exports/csv';
import { slotsForDay } from '../../src/booking/schedule';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';
import { tempDbFile } from '../support/harness';
import { CLI_TIMEOUT_MS, runCli } from './run';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const NOW = new Date('2026-11-23T03:00:00Z');

/** A database with four visits: three in the range (one cancelled), one after it. */
async function seeded(): Promise<{ file: string; codes: string[] }> {
  const file = newTestDatabaseName(tempDbFile);
  const db = await openTestDatabase(file);
  const visit = (serviceId: ServiceId, date: string, start: string, name: string) => {
    const slot = slotsForDay(office, serviceId, date).find((s) => s.start === start)!;
    return db.transaction((tx) => bookVisit(tx, office, slot, { userId: `U${name.length}${start}`, name, phone: '0812345678' }, NOW));
  };
  const results = [
    await visit('elderly', '2026-11-24', '09:00', 'สมศรี ใจดี'),
    await visit('disability', '2026-11-24', '08:30', 'ทองดี "หนุ่ม" มีสุข, จูเนียร์'),
    await visit('advice', '2026-11-25', '13:00', '=HYPERLINK("http://x")'),
    await visit('elderly', '2026-12-01', '09:00', 'นอก ช่วง'),
  ].map((r) => {
    if (!r.ok) throw new Error('seed failed');
    return r.booking;
  });
  await db.transaction((tx) => cancelVisit(tx, office, results[2]!.id, results[2]!.userId, NOW));
  await db.close();
  return { file, codes: results.map((b) => b.code) };
}

describe('npm run export:bookings', () => {
  it('writes the range as UTF-8 CSV with a BOM and CRLF, in date and time order', async () => {
    const { file, codes } = await seeded();
    const out = path.join(path.dirname(tempDbFile()), 'bookings.csv'); // a fresh folder (on PostgreSQL `file` is a schema name)
    const result = runCli('export-bookings.ts', ['--from', '2026-11-24', '--to', '2026-11-30', '--out', out], file);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`บันทึกนัดหมาย 3 รายการ (2026-11-24 ถึง 2026-11-30) ลงไฟล์ ${out} แล้ว`);

    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = bytes.toString('utf8').slice(1);
    expect(content.endsWith('\r\n')).toBe(true);
    const lines = content.split('\r\n').slice(0, -1);
    expect(lines).toEqual([
      'รหัสนัด,วันที่,วันที่ (พ.ศ.),เวลา,บริการ,ชื่อ-นามสกุล,เบอร์โทร,สถานะ,จองเมื่อ,ยกเลิกเมื่อ',
      `${codes[1]},2026-11-24,24 พ.ย. 2569,08:30,ลงทะเบียนรับเบี้ยความพิการ,"ทองดี ""หนุ่ม"" มีสุข, จูเนียร์",081-234-5678,จองแล้ว,23 พ.ย. 2569 เวลา 10:00 น.,`,
      `${codes[0]},2026-11-24,24 พ.ย. 2569,09:00,ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ,สมศรี ใจดี,081-234-5678,จองแล้ว,23 พ.ย. 2569 เวลา 10:00 น.,`,
      `${codes[2]},2026-11-25,25 พ.ย. 2569,13:00,ปรึกษาเรื่องสวัสดิการและการพัฒนาชุมชน,"'=HYPERLINK(""http://x"")",081-234-5678,ยกเลิกแล้ว,23 พ.ย. 2569 เวลา 10:00 น.,23 พ.ย. 2569 เวลา 10:00 น.`,
    ]);
    expect(content).not.toContain(codes[3]);
  });

  it('writes an .xlsx when --out ends in .xlsx (or with --format xlsx), with real dates, and audits it as cli', async () => {
    const { file, codes } = await seeded();
    const dir = path.dirname(tempDbFile());
    const out = path.join(dir, 'bookings.xlsx');
    const result = runCli('export-bookings.ts', ['--from', '2026-11-24', '--to', '2026-11-30', '--out', out], file);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`บันทึกนัดหมาย 3 รายการ (2026-11-24 ถึง 2026-11-30) ลงไฟล์ ${out} แล้ว`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe(codes[1]);
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 10, 24)));
    expect(row.getCell(6).value).toBe('ทองดี "หนุ่ม" มีสุข, จูเนียร์');
    const named = path.join(dir, 'bookings.dat');
    expect(runCli('export-bookings.ts', ['--from', '2026-11-24', '--to', '2026-11-24', '--out', named, '--format', 'xlsx'], file).code).toBe(0);
    expect([...fs.readFileSync(named).subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip: PK
    const db = await openTestDatabase(file);
    const entries = await auditEntries(db, 'default');
    await db.close();
    expect(entries.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).toEqual([
      { actor: 'cli', action: 'export.bookings', target: 'bookings:2026-11-24..2026-11-24', detail: '2 rows, xlsx' },
      { actor: 'cli', action: 'export.bookings', target: 'bookings:2026-11-24..2026-11-30', detail: '3 rows, xlsx' },
    ]);
  }, CLI_TIMEOUT_MS);

  it('writes to standard output without --out', async () => {
    const { file, codes } = await seeded();
    const result = runCli('export-bookings.ts', ['--from', '2026-12-01', '--to', '2026-12-01'], file);
    expect(result.code).toBe(0);
    expect([...result.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(result.stdout.split('\r\n')).toHaveLength(3);
    expect(result.stdout).toContain(codes[3]);
  });

  it('exports one office with --office, and only that office', async () => {
    const { file, codes } = await seeded();
    const dir = fs.mkdtempSync(path.join(path.dirname(tempDbFile()), 'offices-'));
    for (const id of ['default', 'b']) fs.copyFileSync(DEFAULT_OFFICE_CONFIG_PATH, path.join(dir, `${id}.json`));
    const db = await openTestDatabase(file);
    const inB = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH, 'b');
    const slot = slotsForDay(inB, 'elderly', '2026-11-24').find((s) => s.start === '10:00')!;
    const booked = await db.transaction((tx) => bookVisit(tx, inB, slot, { userId: 'U-b', name: 'บุญมี มีสุข', phone: '0899999999' }, NOW));
    await db.close();
    if (!booked.ok) throw new Error('seed failed');
    const env = { OFFICES_DIR: dir };
    const ofB = runCli('export-bookings.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--office', 'b'], file, env);
    expect(ofB.code).toBe(0);
    expect(ofB.stdout).toContain(booked.booking.code);
    expect(ofB.stdout).not.toContain(codes[0]);
    const ofDefault = runCli('export-bookings.ts', ['--from', '2026-11-01', '--to', '2026-11-30'], file, env);
    expect(ofDefault.stdout).toContain(codes[0]);
    expect(ofDefault.stdout).not.toContain('บุญมี');
    expect(runCli('export-bookings.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--office', 'c'], file, env)).toMatchObject({ code: 1 });
  }, CLI_TIMEOUT_MS);

  it.each([
    [['--from', '2026-11-01'], 'ต้องระบุ --to'],
    [['--from', '1/11/2026', '--to', '2026-11-30'], '--from ต้องเป็นวันที่แบบ ปปปป-ดด-วว'],
    [['--from', '2569-11-01', '--to', '2569-11-30'], 'ดูเป็นปี พ.ศ.'],
    [['--from', '2026-11-30', '--to', '2026-11-01'], 'ต้องไม่ก่อน --from'],
    [['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx'], '--format xlsx ต้องระบุ --out'],
    [['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'pdf', '--out', 'x.pdf'], '--format ต้องเป็น xlsx หรือ csv'],
  ])('refuses %j with a reason, the usage and exit code 1', (args, reason) => {
    const result = runCli('export-bookings.ts', args, tempDbFile());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('วิธีใช้:');
    expect(result.stdout).toBe('');
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+66812345678', "'+66812345678"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
