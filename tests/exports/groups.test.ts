// The groups export (src/exports/groups.ts): one .xlsx with two sheets (groups, members) — Thai intact,
// dates and money as Excel values — or one table as CSV with a BOM; members' ID numbers only where the
// office collects them (Q29) and masked unless asked; one audit row per export, no personal data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import type { Database } from '../../src/db/client';
import { auditEntries } from '../../src/db/audit';
import { exportGroups } from '../../src/exports/groups';
import { THAI_DATE_FORMAT } from '../../src/exports/xlsx';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type OfficeProfile } from '../../src/office/profile';
import { newTestDatabaseName, openTestDatabase, updateRow } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW } from '../cases/helpers';
import { GROUP_NAME, sampleBank, sampleMembers, sampleProfile } from '../groups/fixtures';
import { csvRows, expectSameRows, expectSpreadsheetLayout, sheetValues, workbookOf } from './read';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const collecting: OfficeProfile = { ...office, groups: { ...office.groups, collectMemberIds: true } };
const ID = '1101700203451';
const MASKED = 'x-xxxx-xxxx3-45-1';
const by = { actor: 'Ustaff', now: NOW };

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  const members = sampleMembers(3);
  members.entries[0]!.nationalId = ID;
  members.entries[1]!.birthDate = '1970-05-02';
  const data = {
    profile: sampleProfile(),
    members,
    committee: { entries: [{ position: 'ประธาน', memberId: 1 }] },
    funds: { entries: [{ source: 'เงินออมสมาชิก', amountSatang: 1_250_050 }] },
    bank: sampleBank(),
  };
  const c = await db.transaction((tx) => createDraft(tx, office.id, 'group', 'Uleader', NOW, data));
  await updateRow(db, 'cases', { id: c.id }, { status: 'registered', reference: 'GRP-0001' });
  await db.transaction((tx) => createDraft(tx, office.id, 'group', 'Uother', NOW, { profile: sampleProfile('กลุ่มยังไม่ส่ง') }));
});
afterEach(async () => {
  await db.close();
});

describe('exportGroups', () => {
  it('gives one .xlsx with a groups sheet and a members sheet, values typed for Excel', async () => {
    const file = await exportGroups(db, office, {}, 'xlsx', by);
    expect(file).toMatchObject({ filename: 'groups-registered.xlsx', rows: 1, groups: 1, members: 3 });
    const workbook = await workbookOf(file.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['กลุ่ม', 'สมาชิก']);
    const [groups, members] = workbook.worksheets as [typeof workbook.worksheets[0], typeof workbook.worksheets[0]];
    expectSpreadsheetLayout(groups!);
    expectSpreadsheetLayout(members!);
    const [header, row] = sheetValues(groups!);
    const group = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(group).toMatchObject({
      เลขทะเบียน: 'GRP-0001',
      ชื่อกลุ่ม: GROUP_NAME,
      'หมู่ที่': 5,
      'ก่อตั้ง (พ.ศ.)': new Date(Date.UTC(2026, 9, 1)),
      จำนวนสมาชิก: 3,
      ประธาน: 'นางสมศรี ใจดี',
      'เงินทุนรวม (บาท)': 12500.5,
      'เลขบัญชี (4 ตัวท้าย)': '••••4567',
    });
    expect(groups!.getRow(2).getCell(7).numFmt).toBe(THAI_DATE_FORMAT);
    expect(groups!.getRow(2).getCell(12).numFmt).toBe('#,##0.00');
    expect(JSON.stringify(sheetValues(groups!))).not.toContain('0201234567');
    expect(JSON.stringify(sheetValues(groups!))).not.toContain('กลุ่มยังไม่ส่ง');
    const memberRows = sheetValues(members!);
    expect(memberRows).toHaveLength(4);
    expect(memberRows[0]).not.toContain('เลขประจำตัวประชาชน'); // this office does not collect them (the default)
    expect(memberRows[2]![memberRows[0]!.indexOf('วันเกิด (พ.ศ.)')]).toEqual(new Date(Date.UTC(1970, 4, 2)));
    expect(JSON.stringify(memberRows)).not.toContain(ID);
  });

  it('masks members’ ID numbers where the office collects them, unless asked for whole ones', async () => {
    const masked = await workbookOf((await exportGroups(db, collecting, {}, 'xlsx', by)).body);
    const maskedRows = sheetValues(masked.getWorksheet('สมาชิก')!);
    const column = maskedRows[0]!.indexOf('เลขประจำตัวประชาชน');
    expect(column).toBeGreaterThan(0);
    expect(maskedRows[1]![column]).toBe(MASKED);
    expect(JSON.stringify(maskedRows)).not.toContain(ID);
    const whole = await workbookOf((await exportGroups(db, collecting, { unmaskIds: true }, 'xlsx', by)).body);
    expect(sheetValues(whole.getWorksheet('สมาชิก')!)[1]![column]).toBe(ID);
    const csv = (await exportGroups(db, collecting, { members: true }, 'csv', by)).body as string;
    expect(csv).toContain(MASKED);
    expect(csv).not.toContain(ID);
  });

  it('gives the register, or the members, as CSV with a BOM and the same rows as the sheets', async () => {
    const workbook = await workbookOf((await exportGroups(db, office, { all: true }, 'xlsx', by)).body);
    const register = await exportGroups(db, office, { all: true }, 'csv', by);
    expect(register).toMatchObject({ filename: 'groups-all.csv', rows: 2 });
    expectSameRows(csvRows(register.body), sheetValues(workbook.getWorksheet('กลุ่ม')!));
    expect(register.body).toContain('กลุ่มยังไม่ส่ง');
    const members = await exportGroups(db, office, { all: true, members: true }, 'csv', by);
    expect(members).toMatchObject({ filename: 'group-members-all.csv', rows: 3 });
    expectSameRows(csvRows(members.body), sheetValues(workbook.getWorksheet('สมาชิก')!));
  });

  it('writes one audit row per export with the counts, and says when ID numbers were whole', async () => {
    await exportGroups(db, collecting, { members: true }, 'csv', by);
    await exportGroups(db, collecting, { all: true, unmaskIds: true }, 'xlsx', { actor: 'cli', now: new Date(NOW.getTime() + 1000) });
    const entries = await auditEntries(db, office.id);
    expect(entries.map(({ actor, action, target, detail }) => ({ actor, action, target, detail }))).toEqual([
      { actor: 'cli', action: 'export.groups', target: 'groups:all', detail: '2 groups, 3 members, xlsx, ids unmasked' },
      { actor: 'Ustaff', action: 'export.groups', target: 'groups:registered', detail: '1 groups, 3 members, csv members' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/สมศรี|โนนสูง|1101700203451/);
  });
});
