// The workspace's door in Chromium (issue 12 point 7): sign in by the link LINE delivered, the same
// link refused when opened again, a form posted without its CSRF token refused, and sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PageModule } from '../../src/staff/context';
import { page as render, PostButton } from '../../src/staff/layout';
import type { Person } from '../support/harness';
import { hasChromium, launchBrowser, phoneContext, screenshot, signInInBrowser, warnIfNoChromium, workspaceWithOfficer, type Workspace } from './browser-helpers';
import { signInPathIn } from './door-helpers';

warnIfNoChromium('The workspace sign-in browser test');

/** A page for this test alone, with a form that POSTs. */
const probe: PageModule = (app) => {
  app.get('/', (c) => render(c, 'หน้าทดสอบ', '/staff', PostButton({ staff: c.get('staff'), action: '/staff/probe', label: 'ส่งแบบฟอร์ม' })));
  app.post('/probe', (c) => c.html('<p id="done">ส่งแล้ว</p>'));
};

describe.skipIf(!hasChromium)('the workspace door in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let officer: Person;

  beforeAll(async () => {
    ({ ws, officer } = await workspaceWithOfficer({ deps: { workspacePages: [probe] } }));
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('signs in by the pushed link once; the link opened again is refused; sign-out ends the session', async () => {
    const context = await phoneContext(browser, ws);
    const link = signInPathIn(await officer.say('เข้าระบบ'));
    const page = await context.newPage();
    await page.goto(`${ws.url}${link}`);
    await screenshot(page, 'signin');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(`${ws.url}/staff`);
    expect(await page.locator('h1').innerText()).toBe('หน้าทดสอบ');

    const again = await context.newPage();
    const response = await again.goto(`${ws.url}${link}`);
    expect(response?.status()).toBe(410);
    expect(await again.locator('h1').innerText()).toBe('ลิงก์นี้ถูกใช้ไปแล้ว');
    await screenshot(again, 'signin-reused');

    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('ออกจากระบบแล้วค่ะ');
    const after = await page.goto(`${ws.url}/staff`);
    expect(after?.status()).toBe(401);
    await context.close();
  }, 60_000);

  it('refuses a form whose CSRF token was taken out', async () => {
    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, officer);
    await page.evaluate(() => document.querySelectorAll('input[name=_csrf]').forEach((input) => input.remove()));
    await page.getByRole('button', { name: 'ส่งแบบฟอร์ม' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('ทำรายการไม่สำเร็จค่ะ');
    expect(await page.locator('#done').count()).toBe(0);
    await context.close();
  }, 60_000);
});
