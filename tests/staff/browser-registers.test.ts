// The groups register, มชช. round progress and health pages in Chromium at phone width, with some
// data in each: screenshots 'groups', 'group-members', 'mchch', 'health' (paths printed) for a person to look at, and
// "ส่งอีกครั้ง" pressed in the browser sends the row that gave up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDraft } from '../../src/cases/actions';
import { addStaff } from '../../src/db/staff';
import { text } from '../../src/line/messages';
import { storeEvents } from '../../src/db/inbox';
import { backoffMs, enqueuePush } from '../../src/notify/outbox';
import { groupsPage } from '../../src/staff/pages/groups';
import { healthPage } from '../../src/staff/pages/health';
import { mchchPage } from '../../src/staff/pages/mchch';
import { q } from '../../src/db/sql';
import { clock, fake, Person } from '../support/harness';
import { sampleProfile } from '../groups/fixtures';
import { registeredGroup } from '../groups/registered';
import { updateRow } from '../support/database';
import { ROUND_2562 } from '../mchch/fixtures';
import { applicantWithDraft, completeData, IN_ROUND, moveCase, OFFICE } from '../mchch/helpers';
import { hasChromium, launchBrowser, phoneContext, screenshot, signInInBrowser, startWorkspace, warnIfNoChromium, type Workspace } from './browser-helpers';

warnIfNoChromium('The workspace registers and health browser test');

describe.skipIf(!hasChromium)('the registers and health pages in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let officer: Person;
  let failedId: number;

  beforeAll(async () => {
    fake.reset();
    clock.set(IN_ROUND);
    ws = await startWorkspace({
      env: { OUTBOX_MAX_ATTEMPTS: '2' },
      deps: { workspacePages: [groupsPage, mchchPage, healthPage] },
      profile: (p) => ({ ...p, mchch: { ...p.mchch, rounds: [ROUND_2562] } }),
    });
    const t = ws.t;
    officer = new Person(t);
    await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
    const staff = { role: 'officer' as const, id: officer.userId };

    // Groups: two registered, one sent and waiting for staff.
    await registeredGroup(t.db, 'U-leader-1', officer.userId, clock.now());
    await registeredGroup(t.db, 'U-leader-2', officer.userId, clock.now());
    const waiting = await t.db.transaction((tx) => createDraft(tx, OFFICE, 'group', 'U-leader-3', clock.now(), { profile: { ...sampleProfile('กลุ่มเลี้ยงปลาบ้านนา'), moo: 7, village: 'บ้านนา' } }));
    await updateRow(t.db, 'cases', { id: waiting.id }, { status: 'submitted' });
    // มชช.: a prepared leader, a group accepted by staff, a draft still missing its minutes.
    const leader = await applicantWithDraft(t, completeData('leader'));
    await moveCase(t, leader.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: leader.person.userId } }]);
    const group = await applicantWithDraft(t, completeData('group'));
    await moveCase(t, group.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: group.person.userId } },
      { to: 'in_review', actor: staff },
    ]);
    await applicantWithDraft(t, { ...completeData('network'), resolutionMinutes: { pages: [], none: false } });

    // Health: a push LINE refused until the outbox gave up, and a refused event.
    await t.bot.outbox.runOnce(); // the pushes the set-up's decisions queued, sent first
    const now = clock.now().getTime();
    failedId = (await enqueuePush(t.db, OFFICE, { to: new Person(t).userId, messages: [text('แจ้งผลการพิจารณา')], purpose: 'case-applicant', dueAt: now }, now))!;
    fake.failNext('push', 500, 2);
    await t.bot.outbox.runOnce();
    clock.advance(backoffMs(1));
    await t.bot.outbox.runOnce();
    await storeEvents(t.db, OFFICE, [{ eventId: 'ev-refused', chatKey: 'Uvillager', type: 'message', timestamp: now, refused: { reason: 'stale', detail: 'too old' } }], now);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('shows each page at phone width; ส่งอีกครั้ง sends the row again', async () => {
    const context = await phoneContext(browser, ws);
    const page = await signInInBrowser(context, ws, officer);

    await page.goto(`${ws.url}/staff/groups`);
    expect(await page.locator('h1').innerText()).toBe('ทะเบียนกลุ่ม');
    expect(await page.locator('table').first().locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'groups');
    await page.locator('table').first().getByRole('link', { name: 'กลุ่มแม่บ้านบ้านโนนสูง' }).first().click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('กลุ่มแม่บ้านบ้านโนนสูง');
    expect(await page.locator('tbody tr').count()).toBe(5);
    await screenshot(page, 'group-members');

    await page.goto(`${ws.url}/staff/mchch`);
    expect(await page.locator('section.card h2').first().innerText()).toBe(ROUND_2562.label);
    await screenshot(page, 'mchch');

    await page.goto(`${ws.url}/staff/health`);
    await expect.poll(() => page.getByRole('button', { name: 'ส่งอีกครั้ง' }).count()).toBe(1);
    await screenshot(page, 'health');

    await page.getByRole('button', { name: 'ส่งอีกครั้ง' }).click();
    await page.waitForURL(`${ws.url}/staff/health?m=retried`);
    expect(await page.locator('.notice').first().innerText()).toContain('ตั้งให้ส่งอีกครั้งแล้ว');
    await ws.t.bot.outbox.runOnce();
    const row = await ws.t.db.get<{ status: string }>(q`SELECT status FROM outbox WHERE office_id = ${OFFICE} AND id = ${failedId}`);
    expect(row?.status).toBe('sent');
    await page.reload();
    expect(await page.getByRole('button', { name: 'ส่งอีกครั้ง' }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
