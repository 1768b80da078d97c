// The staff workspace in a real browser (Debian's Chromium through playwright-core): a test bot
// served on a loopback port (its PUBLIC_BASE_URL), a staff member who gets the sign-in link in LINE
// (the fake LINE) and opens it, and screenshots at phone width kept in the temp folder with their
// path printed, for a person to look at.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { addStaff } from '../../src/db/staff';
import { clock, createTestBot, fake, Person, type TestBot, type TestBotOptions } from '../support/harness';
import { signInPathIn } from './door-helpers';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
/** A phone (iPhone 12–14 class): the width staff most often have in hand. */
export const PHONE = { width: 390, height: 844 };

/** Call at the top of a browser test file: says plainly when the tests will not run. */
export function warnIfNoChromium(what: string): void {
  if (!hasChromium) console.warn(`${what} was SKIPPED: Chromium is absent at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Workspace {
  t: TestBot;
  /** http://127.0.0.1:<port>, also the bot's PUBLIC_BASE_URL. */
  url: string;
  close(): Promise<void>;
}

/** A test bot whose app is served on a loopback port, with PUBLIC_BASE_URL pointing there. */
export async function startWorkspace(options: TestBotOptions = {}): Promise<Workspace> {
  let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server: ServerType = serve({ fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = await createTestBot({ ...options, env: { PUBLIC_BASE_URL: url, ...options.env } });
  handler = (request) => t.bot.app.fetch(request);
  return {
    t,
    url,
    async close() {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

/**
 * The usual start of a browser test: the fake LINE emptied, the clock at a Monday 10:00 in Bangkok
 * (or `at`), a workspace, and one officer of the office 'default'.
 */
export async function workspaceWithOfficer(options: TestBotOptions = {}, at = '2026-11-23T03:00:00Z'): Promise<{ ws: Workspace; officer: Person }> {
  fake.reset();
  clock.set(at);
  const ws = await startWorkspace(options);
  const officer = new Person(ws.t);
  await addStaff(ws.t.db, 'default', officer.userId, 'cli', clock.now().getTime());
  return { ws, officer };
}

/** A fresh browser profile at phone width that can reach only the workspace. */
export async function phoneContext(browser: Browser, ws: Workspace): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  await context.route((u) => u.origin !== ws.url, (route) => route.fulfill({ contentType: 'text/plain', body: 'blocked in tests' }));
  return context;
}

/** The staff member sends "เข้าระบบ" in LINE, opens the link they got, and presses เข้าสู่ระบบ. */
export async function signInInBrowser(context: BrowserContext, ws: Workspace, person: Person): Promise<Page> {
  const link = signInPathIn(await person.say('เข้าระบบ'));
  const page = await context.newPage();
  await page.goto(`${ws.url}${link}`);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${ws.url}/staff`);
  return page;
}

/** A full-page screenshot in the temp folder; its path is printed (the closing note lists them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `staff-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot of the workspace's ${name} page: ${file}`);
  expect(existsSync(file)).toBe(true);
  return file;
}
