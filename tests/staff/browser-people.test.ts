// The people pages in Chromium (issue 12 points 3, 5 and 7): a villager opens a hand-off in LINE,
// a staff member answers it in the browser and the villager's push is in the fake LINE; an admin
// makes an invitation and reads the audit log; an officer is refused the staff page. Screenshots
// at phone width: handoffs, handoff, audit, staff-admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addStaff } from '../../src/db/staff';
import { allText, clock, fake, Person } from '../support/harness';
import { pushesTo } from '../cases/helpers';
import { hasChromium, launchBrowser, phoneContext, screenshot, signInInBrowser, startWorkspace, warnIfNoChromium, type Workspace } from './browser-helpers';

warnIfNoChromium('The workspace people-pages browser test');

describe.skipIf(!hasChromium)('hand-offs, the audit log and staff in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let admin: Person;
  let officer: Person;

  beforeAll(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok
    ws = await startWorkspace();
    admin = new Person(ws.t);
    officer = new Person(ws.t);
    await addStaff(ws.t.db, 'default', admin.userId, 'cli', clock.now().getTime(), 'admin');
    await addStaff(ws.t.db, 'default', officer.userId, 'cli', clock.now().getTime() + 1);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('a villager asks in LINE; an officer answers in the browser; the villager gets the push', async () => {
    const villager = new Person(ws.t);
    await villager.say('คุยกับเจ้าหน้าที่');
    await villager.say('สอบถามเรื่องเบี้ยยังชีพผู้สูงอายุของคุณแม่ค่ะ ต้องใช้เอกสารอะไรบ้าง');
    const other = new Person(ws.t);
    await other.say('คุยกับเจ้าหน้าที่');
    await other.say('ถนนหน้าบ้านไฟดับสามวันแล้วค่ะ');
    await ws.t.bot.outbox.runOnce();

    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, officer);
    await page.getByRole('link', { name: 'คุยกับประชาชน' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('คุยกับประชาชน');
    expect(await page.locator('main').innerText()).toContain('สอบถามเรื่องเบี้ยยังชีพ');
    await screenshot(page, 'handoffs');

    await page.locator('table a').first().click();
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^เรื่องคุย #\d+$/);
    await page.getByLabel('ตอบผู้ติดต่อ').fill('นำบัตรประชาชนและทะเบียนบ้านของคุณแม่มาที่สำนักงานได้เลยค่ะ');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect.poll(() => page.locator('.notice').first().innerText()).toContain('ส่งคำตอบถึงผู้ติดต่อแล้วค่ะ');
    await ws.t.bot.outbox.runOnce();
    const pushes = pushesTo(villager.userId);
    expect(pushes).toHaveLength(1);
    expect(allText(pushes[0]!)).toContain('นำบัตรประชาชนและทะเบียนบ้านของคุณแม่มาที่สำนักงานได้เลยค่ะ');
    expect(await page.locator('main').innerText()).toContain('คุณ (เจ้าหน้าที่)');
    await screenshot(page, 'handoff');

    await page.getByRole('button', { name: 'ปิดเรื่อง' }).click();
    await expect.poll(() => page.locator('.notice').first().innerText()).toContain('ปิดเรื่องแล้วค่ะ');
    await ws.t.bot.outbox.runOnce();
    expect(allText(pushesTo(villager.userId)[1]!)).toContain('เจ้าหน้าที่ปิดเรื่องที่คุยไว้แล้วค่ะ');
    expect(await page.getByLabel('ตอบผู้ติดต่อ').count()).toBe(0);

    // An officer is refused the admin pages, and sees no link to them.
    expect(await page.getByRole('link', { name: 'เจ้าหน้าที่', exact: true }).count()).toBe(0);
    const refused = await page.goto(`${ws.url}/staff/admin/staff`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('หน้านี้สำหรับผู้ดูแลระบบเท่านั้นค่ะ');
    await context.close();
  }, 90_000);

  it('an admin makes an invitation (its code shown once) and reads the audit log', async () => {
    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, admin);
    await page.getByRole('link', { name: 'เจ้าหน้าที่', exact: true }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('เจ้าหน้าที่');
    await screenshot(page, 'staff-admin');
    await page.getByRole('button', { name: 'สร้างรหัสเชิญ' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('รหัสเชิญเจ้าหน้าที่');
    const code = await page.locator('.invite-code').innerText();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'staff-invite');
    const newcomer = new Person(ws.t);
    expect(allText(await newcomer.say(code))).toContain('ลงทะเบียนเป็นเจ้าหน้าที่เรียบร้อยแล้วค่ะ');

    await page.getByRole('link', { name: 'บันทึกการใช้งาน' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('บันทึกการใช้งาน');
    const log = await page.locator('main').innerText();
    for (const label of ['ตอบผู้ติดต่อ', 'ปิดเรื่องคุย', 'สร้างรหัสเชิญเจ้าหน้าที่', 'เข้าร่วมเป็นเจ้าหน้าที่ด้วยรหัสเชิญ']) expect(log).toContain(label);
    expect(log).not.toContain(code);
    await screenshot(page, 'audit');
    await context.close();
  }, 90_000);
});
