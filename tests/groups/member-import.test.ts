// The pure member-list readers: pasted lines, CSV (BOM, quotes, Windows-874), .xlsx, duplicates, IDs (Q29).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importErrorLines, parseCsv, parsePastedList, parseXlsx } from '../../src/groups/member-import';
import { parseThaiId } from '../../src/thai/id-card';

const off = { collectIds: false };
const on = { collectIds: true };
const ID = '1103700000003';

describe('parsePastedList', () => {
  it('reads numbered lines with Thai digits, blank lines skipped, fields in any marked order', () => {
    const result = parsePastedList('๑. นางสมศรี ใจดี ๑๒/๓ หมู่ ๕ ๐๘๑-๒๓๔-๕๖๗๘\n\n2) นายสมชาย รักดี ม.5 โทร 0812223333\n3. มาลี ศรีสุข', off);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี', houseNo: '12/3', moo: 5, phone: '0812345678' },
      { title: 'นาย', firstName: 'สมชาย', lastName: 'รักดี', moo: 5, phone: '0812223333' },
      { firstName: 'มาลี', lastName: 'ศรีสุข' },
    ]);
  });

  it('reports bad lines and duplicates by line number, inside the list and against existing members', () => {
    const result = parsePastedList('นางสมศรี ใจดี\nสมศรี\nนางสมศรี ใจดี\nนายทอง ดีงาม 4 0812', { collectIds: false, existing: [{ firstName: 'ทอง', lastName: 'ดีงาม' }] });
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(result.errors[1]!.problem).toContain('บรรทัดที่ 1');
    expect(importErrorLines(result.errors, 'บรรทัดที่', 2)).toMatch(/^บรรทัดที่ 2: .*\nบรรทัดที่ 3: .*\n…และอีก 1 บรรทัด$/);
  });

  it('keeps an ID only when the office collects them, refusing a wrong checksum', () => {
    expect(parseThaiId(ID)).toEqual({ ok: true, value: ID });
    expect(parsePastedList(`นางสมศรี ใจดี ${ID}`, off)).toMatchObject({ rows: [{ firstName: 'สมศรี' }], droppedIds: 1 });
    expect(parsePastedList(`นางสมศรี ใจดี ${ID}`, off).rows[0]).not.toHaveProperty('nationalId');
    expect(parsePastedList(`นางสมศรี ใจดี ${ID}`, on).rows[0]).toMatchObject({ nationalId: ID });
    expect(parsePastedList('นางสมศรี ใจดี 1103700000001', on).errors[0]!.problem).toContain('เลขตัวสุดท้ายไม่ตรง');
  });
});

describe('sheets', () => {
  it('reads a CSV with a BOM, Thai headers and quoted cells; rows numbered as in the sheet', () => {
    const csv = Buffer.from('\uFEFFลำดับ,คำนำหน้า,ชื่อ,นามสกุล,บ้านเลขที่,หมู่,เบอร์โทร\n1,นาง,สมศรี,ใจดี,"12/3",5,812345678\n2,นาย,ทอง,,4,5,\n', 'utf8');
    const result = parseCsv(csv, off);
    expect(result.rows).toEqual([{ title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี', houseNo: '12/3', moo: 5, phone: '0812345678' }]);
    expect(result.errors).toEqual([{ row: 3, problem: expect.stringContaining('ชื่อ') }]);
  });

  it('reads a Windows-874 CSV (Thai Excel) and a file without a header row', () => {
    const tis = Buffer.from([0xca, 0xc1, 0xc8, 0xc3, 0xd5, 0x20, 0xe3, 0xa8, 0xb4, 0xd5, 0x2c, 0x31, 0x32]); // "สมศรี ใจดี,12"
    expect(parseCsv(tis, off)).toMatchObject({ rows: [{ firstName: 'สมศรี', lastName: 'ใจดี', houseNo: '12' }], errors: [] });
  });

  it('reads the first sheet of an .xlsx with English headers, and refuses bytes that are not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('members');
    sheet.addRow(['Name', 'House No', 'Moo', 'Phone']);
    sheet.addRow(['นางสมศรี ใจดี', '12/3', 5, 812345678]);
    sheet.addRow(['นางสมศรี ใจดี', '1', 5, '']);
    const result = await parseXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), off);
    expect(result.rows).toEqual([{ title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี', houseNo: '12/3', moo: 5, phone: '0812345678' }]);
    expect(result.errors).toEqual([{ row: 3, problem: 'ชื่อซ้ำกับแถวที่ 2 ค่ะ' }]);
    expect((await parseXlsx(Buffer.from('not a zip'), off)).errors).toHaveLength(1);
  });
});
