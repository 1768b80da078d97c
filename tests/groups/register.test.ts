// The office's register of groups (npm run export:groups reads it; the rows are src/exports/groups.ts): rows, what is masked, the CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import type { Database } from '../../src/db/client';
import { tableCsv } from '../../src/exports/csv';
import { membersTable, registerTable, REGISTER_HEADER, type MemberExportOptions } from '../../src/exports/groups';
import { textRows } from '../../src/exports/table';
import { registerEntries, type RegisterEntry } from '../../src/groups/register';
import { newTestDatabaseName, openTestDatabase, updateRow } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, OFFICE } from '../cases/helpers';
import { GROUP_NAME, sampleBank, sampleMembers, sampleProfile } from './fixtures';

// The rows are built in src/exports/groups.ts; these are the CSV and one row's text, as the export writes them.
const registerCsv = (entries: RegisterEntry[]) => tableCsv(registerTable(entries));
const membersCsv = (entries: RegisterEntry[], options: MemberExportOptions) => tableCsv(membersTable(entries, options));
const registerRow = (entry: RegisterEntry) => textRows(registerTable([entry]))[1]!;

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
});
afterEach(async () => {
  await db.close();
});

/** A group case with full data, put straight into `status` with a reference. */
async function group(status: string, reference: string | null, office = OFFICE, name = GROUP_NAME) {
  const members = sampleMembers(3);
  members.entries[0]!.nationalId = '1101700203451';
  const data = {
    profile: sampleProfile(name),
    members,
    committee: { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 2 }] },
    funds: { entries: [{ source: 'เงินออมสมาชิก', amountSatang: 1_250_050 }, { source: 'เงินอุดหนุน', amountSatang: 500_000 }] },
    bank: sampleBank(name),
  };
  const c = await db.transaction((tx) => createDraft(tx, office, 'group', `U-${office}-${name}`, NOW, data));
  await updateRow(db, 'cases', { id: c.id }, { status, ...(reference !== null && { reference }) });
  return c;
}

describe('register rows', () => {
  it('lists registered groups only (all statuses with the option), with the bank account as its last four digits', async () => {
    await group('registered', 'GRP-0002', OFFICE, 'กลุ่มออมทรัพย์บ้านดอน');
    await group('registered', 'GRP-0001');
    await group('draft', null, OFFICE, 'กลุ่มยังไม่ส่ง');
    const entries = await registerEntries(db, OFFICE);
    expect(entries.map((e) => e.case.reference)).toEqual(['GRP-0001', 'GRP-0002']);
    const row = Object.fromEntries(REGISTER_HEADER.map((h, i) => [h, registerRow(entries[0]!)[i]]));
    expect(row).toMatchObject({
      ชื่อกลุ่ม: GROUP_NAME,
      ประเภท: 'กลุ่มแม่บ้าน',
      'หมู่ที่': '5',
      'ก่อตั้ง (พ.ศ.)': '1 ต.ค. 2569',
      จำนวนสมาชิก: '3',
      ประธาน: 'นางสมศรี ใจดี',
      คณะกรรมการ: 'ประธาน: นางสมศรี ใจดี; เหรัญญิก: นางมาลี ศรีสุข',
      'เงินทุนรวม (บาท)': '17500.50',
      ธนาคาร: 'ธ.ก.ส.',
      'เลขบัญชี (4 ตัวท้าย)': '••••4567',
    });
    expect(registerCsv(entries)).not.toContain('0201234567');
    expect((await registerEntries(db, OFFICE, { all: true })).map((e) => e.data.profile?.name)).toContain('กลุ่มยังไม่ส่ง');
  });

  it('writes a CSV with a BOM, CRLF and the Thai intact', async () => {
    await group('registered', 'GRP-0001');
    const csv = registerCsv(await registerEntries(db, OFFICE));
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(REGISTER_HEADER.join(','));
    expect(lines[1]).toContain(`GRP-0001,${GROUP_NAME},กลุ่มแม่บ้าน,5,บ้านโนนสูง,บ้านหนองบัว,1 ต.ค. 2569`);
    expect(lines.at(-1)).toBe('');
  });

  it('exports members with ID numbers only when the office collects them, masked unless asked', async () => {
    await group('registered', 'GRP-0001');
    const entries = await registerEntries(db, OFFICE);
    const without = membersCsv(entries, { collectMemberIds: false });
    expect(without).not.toContain('เลขประจำตัวประชาชน');
    expect(without).not.toMatch(/1101700203451|x-xxxx/);
    expect(without.split('\r\n')).toHaveLength(5); // header, three members, the final line end
    expect(without).toContain(`GRP-0001,${GROUP_NAME},1,นางสมศรี ใจดี,1/1,5`);
    const masked = membersCsv(entries, { collectMemberIds: true });
    expect(masked).toContain('เลขประจำตัวประชาชน');
    expect(masked).toContain('x-xxxx-xxxx');
    expect(masked).not.toContain('1101700203451');
    expect(membersCsv(entries, { collectMemberIds: true, unmaskIds: true })).toContain('1101700203451');
  });

  it('never mixes two offices', async () => {
    await group('registered', 'GRP-0001', OFFICE, 'กลุ่มของเทศบาล');
    await group('registered', 'GRP-0001', 'b', 'กลุ่มของอบต.');
    const ofDefault = registerCsv(await registerEntries(db, OFFICE));
    const ofB = registerCsv(await registerEntries(db, 'b'));
    expect(ofDefault).toContain('กลุ่มของเทศบาล');
    expect(ofDefault).not.toContain('กลุ่มของอบต.');
    expect(ofB).toContain('กลุ่มของอบต.');
    expect(ofB).not.toContain('กลุ่มของเทศบาล');
  });
});
