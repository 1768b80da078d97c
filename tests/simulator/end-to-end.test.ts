// A person in a browser, the real bot behind the simulator: the bot runs as `npm start` runs it
// without credentials (its fake LINE API on the same port), and Chromium taps through a whole
// eligibility check into booking — as a newcomer trying the bot would.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Bot } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openSqlite } from '../../src/db/client';
import type { Database } from '../../src/db/sql';
import { createLineClient } from '../../src/line/client';
import { FakeLine } from '../../src/line/fake';
import { setLogSink } from '../../src/log';
import { loadOfficeProfile } from '../../src/office/profile';

const CHROMIUM_PATH = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) console.warn(`The end-to-end browser test was SKIPPED: Chromium is absent at ${CHROMIUM_PATH} (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)('the simulator with the real bot', () => {
  let server: ServerType;
  let bot: Bot;
  let db: Database;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    setLogSink(() => undefined);
    const config = loadConfig({ DATABASE_PATH: path.join(mkdtempSync(path.join(os.tmpdir(), 'welfare-e2e-')), 'bot.db') });
    db = openSqlite(config.databasePath);
    const fakeLine = new FakeLine(config.line.channelAccessToken);
    // The port is known only once listening; the app is created then, as src/index.ts does with PORT.
    const outer = new Hono();
    outer.all('*', (c) => bot.app.fetch(c.req.raw));
    server = serve({ fetch: outer.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const line = createLineClient({ channelAccessToken: config.line.channelAccessToken, apiBaseUrl: url, dataApiBaseUrl: url });
    bot = createApp({
      config,
      db,
      offices: [{ profile: loadOfficeProfile(config.officeConfigPath), channelSecret: config.line.channelSecret, channelAccessToken: config.line.channelAccessToken, line }],
      fakeLine,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.idle();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  const lastBotText = (page: Page) => page.locator('#chat').innerText();

  async function say(page: Page, words: string): Promise<void> {
    await page.fill('#text-input', words);
    await page.press('#text-input', 'Enter');
  }

  it('checks eligibility by typing and tapping, then starts booking from the answer card', async () => {
    const context = await browser.newContext({ viewport: { width: 460, height: 900 } });
    await context.route((u) => u.origin !== url, (route) => route.fulfill({ contentType: 'text/plain', body: 'blocked in tests' }));
    const page = await context.newPage();
    await page.goto(`${url}/simulator`);
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toContain('ยินดีต้อนรับ');

    await page.locator('#quick-replies button', { hasText: 'เช็คสิทธิ์เบี้ย' }).click();
    await expect.poll(() => lastBotText(page), { timeout: 5_000 }).toContain('เช็คสิทธิ์เบี้ยยังชีพให้ใครคะ');
    await page.locator('#quick-replies button', { hasText: 'ตัวเอง' }).click();
    await expect.poll(() => lastBotText(page), { timeout: 5_000 }).toContain('เกิดวันที่เท่าไรคะ');
    await say(page, '๑๕ มี.ค. ๒๕๐๐');
    await expect.poll(() => lastBotText(page), { timeout: 5_000 }).toContain('ทะเบียนบ้าน');
    for (const [tap, next] of [
      ['ใช่ ทั้งสองข้อ', 'ได้รับเบี้ยยังชีพผู้สูงอายุอยู่แล้ว'],
      ['ยังไม่ได้ลงทะเบียน', 'บำนาญ'],
      ['ไม่มีเลย', 'บัตรประจำตัวคนพิการ'],
      ['ไม่ได้พิการ', 'เดือนละ 700 บาท'],
    ] as const) {
      await page.locator('#quick-replies button', { hasText: tap }).first().click();
      await expect.poll(() => lastBotText(page), { timeout: 5_000 }).toContain(next);
    }

    // This test runs on the real date: when no day of the booking horizon is in a registration round
    // (early December) the card offers a visit to ask instead of the registration booking.
    await page.getByRole('button', { name: /^(จองคิวยื่นเรื่อง|จองคิวไปสอบถาม)$/ }).click();
    await expect.poll(() => lastBotText(page), { timeout: 5_000 }).toMatch(/เลือกวันที่จะมาติดต่อค่ะ|ยังไม่ถึงช่วงลงทะเบียน/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'simulator-end-to-end.png') });
    await context.close();
  }, 60_000);
});
