// The staff rich menu follows the staff list (src/staff/richmenu-sync.ts): the scheduler's minute pass
// links the office's staff menu (found by its alias "staff" on the office's channel) to each staff
// member once, takes it away from whoever is no longer staff, writes rich_menu_links only after LINE
// said yes, tries again on the next pass after a LINE error, and does nothing but one lookup and one
// log line on a channel where the staff menu was never deployed. LINE is the in-process fake (msw).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { q } from '../../src/db/sql';
import { addStaff, removeStaff } from '../../src/db/staff';
import { ALIAS_TTL_MS, STAFF_MENU_ALIAS } from '../../src/line/richmenu';
import { setLogSink } from '../../src/log';
import { addStaffMember, createInvitation } from '../../src/staff/access';
import { signInAt } from '../staff/door-helpers';
import { allText, clock, createTestBot, fake, Person, type TestBot } from '../support/harness';

const STAFF_MENU = 'richmenu-5aff0000000000000000000000000001';
const NEW_STAFF_MENU = 'richmenu-5aff0000000000000000000000000002';
const OFFICER = 'U1111111111111111111111111111aaaa';
const SECOND = 'U2222222222222222222222222222bbbb';
const VILLAGER = 'U3333333333333333333333333333cccc';

const staffMenu = JSON.parse(
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../richmenu/staff.json'), 'utf8'),
) as { areas: { action: { label: string; data: string } }[] };
const tile = (label: string) => staffMenu.areas.find((a) => a.action.label === label)!.action.data;

let t: TestBot;
let logLines: string[];

/** LINE calls about rich menus since the last reset, as "METHOD path status". */
const menuCalls = () => fake.calls.filter((c) => c.path.includes('richmenu')).map((c) => `${c.method} ${c.path} ${c.status}`);

/** One scheduler minute, and the LINE work it started after its transactions. */
async function minute(bot = t.bot): Promise<void> {
  await bot.scheduler.runOnce();
  await bot.richMenus.idle();
}

async function linkRows(office = 'default'): Promise<{ userId: string; menu: string }[]> {
  return t.db.all(q`SELECT user_id, menu FROM rich_menu_links WHERE office_id = ${office} ORDER BY user_id`);
}

beforeEach(async () => {
  clock.set('2026-11-23T03:00:00Z');
  fake.reset();
  logLines = [];
  setLogSink((line) => logLines.push(line), 'info');
  t = await createTestBot();
});

afterEach(async () => {
  await t.close();
  setLogSink(() => undefined);
});

describe('the staff rich menu follows the staff list', () => {
  it('links the staff menu to a new staff member once; a second pass calls LINE no more', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());

    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(fake.richMenuOf(VILLAGER)).toBeUndefined();
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);
    expect(menuCalls()).toEqual([`GET /v2/bot/richmenu/alias/${STAFF_MENU_ALIAS} 200`, `POST /v2/bot/user/${OFFICER}/richmenu/${STAFF_MENU} 200`]);

    fake.calls.length = 0;
    await minute();
    clock.advance(60_000);
    await minute();
    expect(menuCalls()).toEqual([]);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);
  });

  it('takes the staff menu away from someone no longer staff, and only from them', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    await addStaff(t.db, 'default', SECOND, 'cli', clock.now().getTime());
    await minute();
    expect([fake.richMenuOf(OFFICER), fake.richMenuOf(SECOND)]).toEqual([STAFF_MENU, STAFF_MENU]);

    await removeStaff(t.db, 'default', SECOND);
    fake.calls.length = 0;
    await minute();
    expect(menuCalls()).toEqual([`DELETE /v2/bot/user/${SECOND}/richmenu 200`]);
    expect(fake.richMenuOf(SECOND)).toBeUndefined();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);

    fake.calls.length = 0;
    await minute();
    expect(menuCalls()).toEqual([]);
  });

  it('after a LINE 500 writes no row and tries again on the next pass (link and unlink)', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    fake.failNext('richmenuLink', 500);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBeUndefined();
    expect(await linkRows()).toEqual([]);
    expect(logLines.some((l) => l.includes('LINE API call failed') && l.includes('"status":500'))).toBe(true);
    // The log names the call and status, the user only as a hint.
    expect(logLines.join('\n')).not.toContain(OFFICER);

    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);

    await removeStaff(t.db, 'default', OFFICER);
    fake.failNext('richmenuUnlink', 500);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);

    await minute();
    expect(fake.richMenuOf(OFFICER)).toBeUndefined();
    expect(await linkRows()).toEqual([]);
  });

  it('where the staff menu was never deployed: no link calls, one info log, taken up after a deploy', async () => {
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    await minute();
    await minute();
    clock.advance(60_000);
    await minute();
    expect(menuCalls()).toEqual([`GET /v2/bot/richmenu/alias/${STAFF_MENU_ALIAS} 404`]);
    expect(await linkRows()).toEqual([]);
    expect(logLines.filter((l) => l.includes('staff rich menu not deployed'))).toHaveLength(1);
    expect(logLines.find((l) => l.includes('staff rich menu not deployed'))).toContain('"level":"info"');

    // The staff menu is deployed (richmenu/deploy.ts --alias staff): the bot asks again after a while.
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    clock.advance(ALIAS_TTL_MS);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);
  });

  it('a redeploy that moves the alias relinks staff to the new menu', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    await minute();
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, NEW_STAFF_MENU);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU); // the alias's answer is kept a while

    clock.advance(ALIAS_TTL_MS);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(NEW_STAFF_MENU);
    expect(await linkRows()).toEqual([{ userId: OFFICER, menu: NEW_STAFF_MENU }]);
  });

  it('syncUser links right after a join and unlinks right after a leave, without waiting for the job', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    await addStaff(t.db, 'default', SECOND, 'cli', clock.now().getTime());
    expect(await t.bot.richMenus.syncUser('default', OFFICER)).toEqual({ linked: 1, unlinked: 0, failed: 0 });
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);
    expect(fake.richMenuOf(SECOND)).toBeUndefined(); // only the one asked about

    await removeStaff(t.db, 'default', OFFICER);
    expect(await t.bot.richMenus.syncUser('default', OFFICER)).toEqual({ linked: 0, unlinked: 1, failed: 0 });
    expect(fake.richMenuOf(OFFICER)).toBeUndefined();
    expect(await t.bot.richMenus.syncUser('default', VILLAGER)).toEqual({ linked: 0, unlinked: 0, failed: 0 });
    expect(fake.richMenuOf(VILLAGER)).toBeUndefined();
  });
});

describe('at once, without waiting for the job', () => {
  it('a code redeemed in LINE links the new member; removal from the workspace unlinks them', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    const made = await createInvitation(t.db, 'default', { role: 'officer', createdBy: 'cli' }, clock.now().getTime());
    const newcomer = new Person(t, OFFICER);
    expect(allText(await newcomer.say(made.code))).toContain('เจ้าหน้าที่');
    await t.bot.richMenus.idle(); // no scheduler pass: the turn's own after-commit sync
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);

    const web = await createTestBot({ file: t.file, env: { PUBLIC_BASE_URL: 'https://bot.example.go.th' } });
    try {
      const admin = new Person(web, SECOND);
      await addStaffMember(web.db, 'default', SECOND, 'admin', 'cli', clock.now().getTime());
      const session = await signInAt(web, admin);
      await session.html('/staff/admin/staff');
      expect((await session.post('/staff/admin/staff/remove/confirm', { user: OFFICER })).status).toBe(303);
      await web.bot.richMenus.idle();
      expect(fake.richMenuOf(OFFICER)).toBeUndefined();
    } finally {
      await web.close();
    }
  });
});

describe('what the staff member sees', () => {
  it('a new officer gets the staff menu and its tiles answer; once removed the menu goes and the tile is refused', async () => {
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU);
    const officer = new Person(t, OFFICER);
    await addStaff(t.db, 'default', OFFICER, 'cli', clock.now().getTime());
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBe(STAFF_MENU);

    expect(allText(await officer.postback(tile('เรื่องรอตรวจ')))).toContain('ไม่มีเรื่องรอตรวจค่ะ');
    expect(allText(await officer.postback(tile('นัดวันนี้')))).toContain('นัดวันนี้ 23 พ.ย. 2569');

    await removeStaff(t.db, 'default', OFFICER);
    await minute();
    expect(fake.richMenuOf(OFFICER)).toBeUndefined();
    // A tap on the menu still shown on an old phone screen: politely refused, with the services.
    const refused = allText(await officer.postback(tile('นัดวันนี้')));
    expect(refused).toContain('สำหรับเจ้าหน้าที่เท่านั้น');
    expect(refused).not.toContain('นัดวันนี้ 23 พ.ย. 2569');
  });
});

describe('each office its own staff menu', () => {
  it('links on the office’s own channel, by that channel’s alias', async () => {
    await t.close();
    t = await createTestBot({ offices: ['north', 'south'] });
    fake.setRichMenuAlias(STAFF_MENU_ALIAS, STAFF_MENU, 'north');
    await addStaff(t.db, 'north', OFFICER, 'cli', clock.now().getTime());
    await addStaff(t.db, 'south', SECOND, 'cli', clock.now().getTime());
    await minute();
    expect(fake.richMenuOf(OFFICER, 'north')).toBe(STAFF_MENU);
    expect(fake.richMenuOf(SECOND, 'south')).toBeUndefined();
    expect(await linkRows('north')).toEqual([{ userId: OFFICER, menu: STAFF_MENU }]);
    expect(await linkRows('south')).toEqual([]);
  });
});
