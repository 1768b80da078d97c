// The workspace's ส่งออก page (issue 12 point 4): a signed-in staff member downloads the bookings of a
// range as .xlsx (read back with exceljs: Thai intact, a real date) and as CSV with a BOM, the groups
// register and the cases; each download is audited under their own id; bad ranges get a Thai answer;
// no session, no file. In Chromium: the .xlsx downloaded from the page opens with the library.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookVisit } from '../../src/booking/actions';
import { slotsForDay } from '../../src/booking/schedule';
import { auditEntries } from '../../src/db/audit';
import { addStaff } from '../../src/db/staff';
import type { Database } from '../../src/db/sql';
import type { OfficeProfile } from '../../src/office/profile';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { csvRows, sheetValues, workbookOf } from '../exports/read';
import { hasChromium, launchBrowser, phoneContext, screenshot, signInInBrowser, warnIfNoChromium, workspaceWithOfficer, type Workspace } from './browser-helpers';
import { signInAt } from './door-helpers';

warnIfNoChromium('The workspace export browser test');
const OFFICE = 'default';
/** The body as sent: Response.text() would drop the byte-order mark the CSV must start with. */
const bytesAsText = async (r: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await r.arrayBuffer());

async function bookSome(db: Database, office: OfficeProfile): Promise<void> {
  const slot = slotsForDay(office, 'elderly', '2026-11-24').find((s) => s.start === '09:00')!;
  const booked = await db.transaction((tx) => bookVisit(tx, office, slot, { userId: 'Uvisitor1', name: 'สมศรี ใจดี', phone: '0812345678' }, clock.now()));
  expect(booked.ok).toBe(true);
}

describe('the export page', () => {
  let t: TestBot;
  let officer: Person;
  beforeEach(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z');
    t = await createTestBot({ env: { PUBLIC_BASE_URL: 'https://bot.example.go.th' } });
    officer = new Person(t);
    await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
    await bookSome(t.db, t.bot.services.office);
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  it('downloads the bookings as .xlsx and CSV, each audited under the staff member', async () => {
    const session = await signInAt(t, officer);
    expect(await session.html('/staff/exports')).toContain('ดาวน์โหลดนัดหมาย');
    const xlsx = await session.get('/staff/exports/bookings?from=2026-11-01&to=2026-11-30&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="bookings-2026-11-01-2026-11-30\.xlsx"/);
    expect(xlsx.headers.get('cache-control')).toBe('no-store');
    const sheet = (await workbookOf(Buffer.from(await xlsx.arrayBuffer()))).worksheets[0]!;
    const [, first] = sheetValues(sheet);
    expect(first![1]).toEqual(new Date(Date.UTC(2026, 10, 24)));
    expect(first![5]).toBe('สมศรี ใจดี');

    const csv = await session.get('/staff/exports/bookings?from=2026-11-01&to=2026-11-30&format=csv');
    const rows = csvRows(await bytesAsText(csv));
    expect(rows[1]![5]).toBe('สมศรี ใจดี');

    const exported = (await auditEntries(t.db, OFFICE)).filter((a) => a.action === 'export.bookings');
    expect(exported).toHaveLength(2);
    expect(exported.every((a) => a.actor === officer.userId && a.target === 'bookings:2026-11-01..2026-11-30')).toBe(true);
    expect(JSON.stringify(exported)).not.toContain('สมศรี');
  });

  it('gives the groups register and the cases; refuses a backwards range politely; nothing without a session', async () => {
    const session = await signInAt(t, officer);
    await session.html('/staff/exports');
    const groups = await session.get('/staff/exports/groups?which=registered&format=xlsx');
    expect(groups.status).toBe(200);
    expect((await workbookOf(Buffer.from(await groups.arrayBuffer()))).worksheets.length).toBe(2);
    const cases = await session.get('/staff/exports/cases?kind=&format=csv');
    expect(cases.status).toBe(200);
    expect((await bytesAsText(cases)).startsWith('\uFEFF')).toBe(true);
    const backwards = await session.get('/staff/exports/bookings?from=2026-11-30&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('วันเริ่มต้องไม่อยู่หลังวันสิ้นสุด');
    const unknownKind = await session.get('/staff/exports/cases?kind=nope');
    expect(unknownKind.status).toBe(400);
    expect((await t.bot.app.request('/staff/exports/bookings?from=2026-11-01&to=2026-11-30')).status).toBe(401);
  });
});

describe.skipIf(!hasChromium)('the export page in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let officer: Person;
  beforeAll(async () => {
    ({ ws, officer } = await workspaceWithOfficer());
    await bookSome(ws.t.db, ws.t.bot.services.office);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('downloads the bookings .xlsx, which opens with the Thai name and a real date', async () => {
    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, officer);
    await page.goto(`${ws.url}/staff/exports`);
    await page.fill('#from', '2026-11-01');
    await page.fill('#to', '2026-11-30');
    await screenshot(page, 'exports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลดนัดหมาย' }).click()]);
    expect(download.suggestedFilename()).toBe('bookings-2026-11-01-2026-11-30.xlsx');
    const file = await download.path();
    const sheet = (await workbookOf(readFileSync(file))).worksheets[0]!;
    const [header, first] = sheetValues(sheet);
    expect(header![5]).toBe('ชื่อ-นามสกุล');
    expect(first![5]).toBe('สมศรี ใจดี');
    expect(first![1]).toBeInstanceOf(Date);
    await context.close();
  }, 60_000);
});
