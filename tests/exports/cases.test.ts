// The cases export (src/exports/cases.ts): every kind in one table (reference, what it is about, the
// status as staff read it, the summary lines staff notices show, when submitted and last changed),
// one kind with `kind`, drafts only with `all`; as .xlsx or CSV; one audit row per export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import type { Database } from '../../src/db/client';
import type { CaseRow } from '../../src/db/schema';
import { auditEntries } from '../../src/db/audit';
import { CasesExportError, exportCases } from '../../src/exports/cases';
import { THAI_DATETIME_FORMAT } from '../../src/exports/xlsx';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile } from '../../src/office/profile';
import { newTestDatabaseName, openTestDatabase, updateRow } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, submittedCase } from '../cases/helpers';
import { sampleProfile } from '../groups/fixtures';
import { csvRows, expectSameRows, expectSpreadsheetLayout, sheetValues, workbookOf } from './read';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const by = { actor: 'Ustaff', now: NOW };
const LATER = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

let db: Database;
let group: CaseRow;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  group = await submittedCase(db, 'Uleader', office.id, NOW);
  const mchch = await db.transaction((tx) => createDraft(tx, office.id, 'mchch', 'Uapplicant', NOW, {}));
  await updateRow(db, 'cases', { id: mchch.id }, { status: 'submitted', reference: 'MCH-2569-0001', submitted_at: LATER.getTime(), updated_at: LATER.getTime() });
  // A group someone named with what looks like an ID number: the export never shows it whole.
  await db.transaction((tx) => createDraft(tx, office.id, 'group', 'Udraft', NOW, { profile: sampleProfile('กลุ่ม 1101700203451') }));
});
afterEach(async () => {
  await db.close();
});

describe('exportCases', () => {
  it('lists every kind of submitted case, oldest submission first, with dates Excel reads', async () => {
    const file = await exportCases(db, office, {}, 'xlsx', by);
    expect(file).toMatchObject({ filename: 'cases-all.xlsx', rows: 2 });
    const sheet = (await workbookOf(file.body)).worksheets[0]!;
    expectSpreadsheetLayout(sheet);
    const [header, first, second, ...rest] = sheetValues(sheet);
    expect(rest).toEqual([]);
    expect(header).toEqual(['เลขที่', 'เรื่อง', 'สถานะ', 'สรุป', 'ยื่นเมื่อ', 'เปลี่ยนแปลงล่าสุด']);
    expect(first!.slice(0, 3)).toEqual([group.reference, 'ขึ้นทะเบียนกลุ่ม', 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ']);
    expect(first![3]).toContain('ชื่อกลุ่ม: กลุ่มแม่บ้านบ้านโนนสูง; ประเภท: กลุ่มแม่บ้าน');
    expect(first![4]).toEqual(new Date(Date.UTC(2026, 10, 23, 10, 0))); // 10:00 in Bangkok
    expect(second!.slice(0, 3)).toEqual(['MCH-2569-0001', 'สมัคร มชช.', 'ส่งแล้ว รอเจ้าหน้าที่ตรวจ']);
    expect(second![4]).toEqual(new Date(Date.UTC(2026, 10, 24, 10, 0)));
    expect(sheet.getRow(2).getCell(5).numFmt).toBe(THAI_DATETIME_FORMAT);
  });

  it('filters by kind, adds drafts only when asked, and masks an ID number in the summary', async () => {
    const mchch = await exportCases(db, office, { kind: 'mchch' }, 'csv', by);
    expect(mchch).toMatchObject({ filename: 'cases-mchch.csv', rows: 1 });
    expect(mchch.body).toContain('MCH-2569-0001');
    expect(mchch.body).not.toContain('ขึ้นทะเบียนกลุ่ม');
    const all = await exportCases(db, office, { kind: 'group', all: true }, 'csv', by);
    expect(all).toMatchObject({ filename: 'cases-group-with-drafts.csv', rows: 2 });
    const draft = csvRows(all.body)[2]!;
    expect(draft.slice(0, 3)).toEqual(['', 'ขึ้นทะเบียนกลุ่ม', 'กำลังกรอกข้อมูล']);
    expect(draft[3]).toContain('กลุ่ม x-xxxx-xxxx3-45-1');
    expect(all.body).not.toContain('1101700203451');
    await expect(exportCases(db, office, { kind: 'nope' }, 'csv', by)).rejects.toBeInstanceOf(CasesExportError);
  });

  it('gives the same rows as CSV with a BOM, and writes one audit row per export', async () => {
    const xlsx = await exportCases(db, office, {}, 'xlsx', by);
    const csv = await exportCases(db, office, { kind: 'group' }, 'csv', { actor: 'cli', now: LATER });
    expectSameRows(csvRows((await exportCases(db, office, {}, 'csv', by)).body), sheetValues((await workbookOf(xlsx.body)).worksheets[0]!));
    expect(csv.rows).toBe(1);
    const entries = await auditEntries(db, office.id);
    expect(entries.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).toEqual([
      { actor: 'cli', action: 'export.cases', target: 'cases:group', detail: '1 rows, csv' },
      { actor: 'Ustaff', action: 'export.cases', target: 'cases:all', detail: '2 rows, csv' },
      { actor: 'Ustaff', action: 'export.cases', target: 'cases:all', detail: '2 rows, xlsx' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/โนนสูง|1101700203451/);
  });
});
