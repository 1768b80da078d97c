// The bookings export (src/exports/bookings.ts) as the workspace and the CLI call it: an .xlsx a staff
// member opens in Excel (Thai intact, real dates, widths, a bold frozen header), the same rows as CSV
// with a BOM, and one audit row naming who exported what — never a name or a phone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookVisit, cancelVisit } from '../../src/booking/actions';
import { slotsForDay } from '../../src/booking/schedule';
import type { Database } from '../../src/db/client';
import { auditEntries } from '../../src/db/audit';
import { exportBookings } from '../../src/exports/bookings';
import { THAI_DATE_FORMAT, THAI_DATETIME_FORMAT } from '../../src/exports/xlsx';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { csvRows, expectSameRows, expectSpreadsheetLayout, sheetValues, workbookOf } from './read';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const NOW = new Date('2026-11-23T03:00:00Z'); // 10:00 in Bangkok
const RANGE = { from: '2026-11-24', to: '2026-11-30' };

let db: Database;
let codes: string[];
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  const visit = (serviceId: ServiceId, date: string, start: string, name: string) => {
    const slot = slotsForDay(office, serviceId, date).find((s) => s.start === start)!;
    return db.transaction((tx) => bookVisit(tx, office, slot, { userId: `U${name.length}${start}`, name, phone: '0812345678' }, NOW));
  };
  const booked = [
    await visit('elderly', '2026-11-24', '09:00', 'สมศรี ใจดี'),
    await visit('advice', '2026-11-25', '13:00', '=HYPERLINK("http://x")'),
    await visit('elderly', '2026-12-01', '09:00', 'นอก ช่วง'),
  ].map((r) => {
    if (!r.ok) throw new Error('seed failed');
    return r.booking;
  });
  await db.transaction((tx) => cancelVisit(tx, office, booked[1]!.id, booked[1]!.userId, NOW));
  codes = booked.map((b) => b.code);
});
afterEach(async () => {
  await db.close();
});

describe('exportBookings', () => {
  it('gives an .xlsx with the Thai intact, real dates in the Thai format, widths and a bold frozen header', async () => {
    const file = await exportBookings(db, office, RANGE, 'xlsx', { actor: 'Ustaff', now: NOW });
    expect(file).toMatchObject({ filename: 'bookings-2026-11-24-2026-11-30.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: 2 });
    const workbook = await workbookOf(file.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['นัดหมาย']);
    const sheet = workbook.worksheets[0]!;
    expectSpreadsheetLayout(sheet);
    const [header, first, second, ...rest] = sheetValues(sheet);
    expect(rest).toEqual([]);
    expect(header).toEqual(['รหัสนัด', 'วันที่', 'วันที่ (พ.ศ.)', 'เวลา', 'บริการ', 'ชื่อ-นามสกุล', 'เบอร์โทร', 'สถานะ', 'จองเมื่อ', 'ยกเลิกเมื่อ']);
    expect(first!.slice(0, 8)).toEqual([codes[0], new Date(Date.UTC(2026, 10, 24)), '24 พ.ย. 2569', '09:00', 'ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ', 'สมศรี ใจดี', '081-234-5678', 'จองแล้ว']);
    // Excel has no time zones: the booking's instant is Bangkok's wall clock (10:00).
    expect(first![8]).toEqual(new Date(Date.UTC(2026, 10, 23, 10, 0)));
    expect(first![9]).toBeNull();
    // A name typed as a formula stays text.
    expect(second![5]).toBe('=HYPERLINK("http://x")');
    expect(sheet.getRow(3).getCell(6).type).toBe(3); // ValueType.String
    expect(second![7]).toBe('ยกเลิกแล้ว');
    expect(second![9]).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe(THAI_DATE_FORMAT);
    expect(sheet.getRow(2).getCell(9).numFmt).toBe(THAI_DATETIME_FORMAT);
    // The service's title is wider than the time.
    expect(sheet.getColumn(5).width).toBeGreaterThan(sheet.getColumn(4).width!);
    expect(JSON.stringify(sheetValues(sheet))).not.toContain(codes[2]);
  });

  it('gives the same rows as CSV with a BOM', async () => {
    const xlsx = await exportBookings(db, office, RANGE, 'xlsx', { actor: 'Ustaff', now: NOW });
    const csv = await exportBookings(db, office, RANGE, 'csv', { actor: 'Ustaff', now: NOW });
    expect(csv).toMatchObject({ filename: 'bookings-2026-11-24-2026-11-30.csv', contentType: 'text/csv; charset=utf-8', rows: 2 });
    const rows = csvRows(csv.body);
    expectSameRows(rows, sheetValues((await workbookOf(xlsx.body)).worksheets[0]!));
    expect(rows[1]![1]).toBe('2026-11-24');
    expect(rows[2]![5]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('writes one audit row per export: who, what, the range, the count and format — no personal data', async () => {
    await exportBookings(db, office, RANGE, 'xlsx', { actor: 'Ustaff', now: NOW });
    await exportBookings(db, office, { from: '2026-12-01', to: '2026-12-01' }, 'csv', { actor: 'cli', now: new Date(NOW.getTime() + 60_000) });
    const entries = await auditEntries(db, office.id);
    expect(entries.map(({ actor, action, target, detail, at }) => ({ actor, action, target, detail, at: Number(at) }))).toEqual([
      { actor: 'cli', action: 'export.bookings', target: 'bookings:2026-12-01..2026-12-01', detail: '1 rows, csv', at: NOW.getTime() + 60_000 },
      { actor: 'Ustaff', action: 'export.bookings', target: 'bookings:2026-11-24..2026-11-30', detail: '2 rows, xlsx', at: NOW.getTime() },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/สมศรี|0812345678|081-234/);
  });
});
