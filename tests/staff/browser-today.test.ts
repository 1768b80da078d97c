// The workspace's bookings page in Chromium (issue 12 point 7, "mark a visit"): a staff member signs
// in by the pushed link, sees today's visits, presses มาแล้ว and sees it marked; then opens another
// day from the chart. Screenshots at phone width: 'today' and 'day-chart'; 'today-desktop' at 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { slotsForDay } from '../../src/booking/schedule';
import { insertBooking } from '../../src/booking/store';
import { q } from '../../src/db/sql';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';
import { clock, type Person } from '../support/harness';
import { hasChromium, launchBrowser, PHONE, phoneContext, screenshot, signInInBrowser, warnIfNoChromium, workspaceWithOfficer, type Workspace } from './browser-helpers';

warnIfNoChromium('The workspace bookings page browser test');

const profile = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const TODAY = '2026-11-23';

describe.skipIf(!hasChromium)('the bookings page in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let officer: Person;

  const place = async (serviceId: ServiceId, date: string, start: string, name: string, phone: string) => {
    const slot = slotsForDay(profile, serviceId, date).find((s) => s.start === start)!;
    return (await ws.t.db.transaction((tx) => insertBooking(tx, 'default', slot, { userId: `U-${phone}`, name, phone }, clock.now().getTime() - 86_400_000)))!;
  };

  beforeAll(async () => {
    ({ ws, officer } = await workspaceWithOfficer());
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('shows today, marks a visit มาแล้ว, and opens another day from the chart', async () => {
    const first = await place('disability', TODAY, '09:00', 'สมหญิง ศรีสุขสวัสดิ์วัฒนา', '0811111111');
    await place('elderly', TODAY, '11:00', 'สมชาย ใจดี', '0822222222');
    await place('mchch', TODAY, '13:30', 'ประธานกลุ่มแม่บ้านเกษตรกรบ้านหนองบัว', '0833333333');
    await place('elderly', '2026-11-25', '09:00', 'บุญมี มีสุข', '0844444444');
    await place('elderly', '2026-11-25', '09:00', 'บุญมา มาดี', '0855555555');

    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, officer);
    await expect.poll(() => page.locator('h1').innerText()).toBe('นัดหมาย');
    const rows = page.locator('table.day-list tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).innerText()).toContain('สมหญิง ศรีสุขสวัสดิ์วัฒนา');
    expect(await rows.nth(0).innerText()).toContain('ลงทะเบียนรับเบี้ยความพิการ');

    const row = page.locator(`#booking-${first.id}`);
    await row.getByRole('button', { name: 'มาแล้ว' }).click();
    await page.waitForURL(`${ws.url}/staff/day/${TODAY}?m=came`);
    await expect.poll(() => page.locator('.notice').innerText()).toBe('บันทึกแล้ว: มาแล้ว');
    expect(await page.locator(`#booking-${first.id} .tag`).innerText()).toBe('มาแล้ว');
    expect(await page.locator(`#booking-${first.id}`).getByRole('button', { name: 'เปลี่ยนเป็น ไม่มา' }).count()).toBe(1);
    const stored = await ws.t.db.get<{ attendance: string; attendanceBy: string }>(q`SELECT attendance, attendance_by FROM bookings WHERE id = ${first.id}`);
    expect(stored).toEqual({ attendance: 'came', attendanceBy: officer.userId });

    // Nothing is wider than the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    // Today's page at phone width, the chart included.
    await page.goto(`${ws.url}/staff`);
    await screenshot(page, 'today');

    // The chart's bar for Wednesday opens that day's list.
    await page.locator('svg.chart a[data-date="2026-11-25"]').click();
    await page.waitForURL(`${ws.url}/staff/day/2026-11-25`);
    expect(await page.locator('table.day-list tbody tr').count()).toBe(2);
    expect(await page.locator('table.day-list').innerText()).toContain('บันทึกการมาได้ตั้งแต่วันนัด');
    await page.goto(`${ws.url}/staff?service=elderly#chart`);
    await page.locator('#chart summary').click();
    await screenshot(page, 'day-chart');
    // And on an office PC's screen.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ws.url}/staff`);
    await screenshot(page, 'today-desktop');
    await context.close();
  }, 90_000);
});
