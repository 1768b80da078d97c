// The staff workspace's door (issue 12 point 2), at the server: "เข้าระบบ" in LINE sends a one-time
// link; its page uses it only on POST; the session cookie's flags; a reused or expired link refused;
// no session → no page; a POST without the CSRF token or from another site refused; the headers;
// a removed staff member's session ends at once; sign-out ends it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { q } from '../../src/db/sql';
import { addStaff, removeStaff } from '../../src/db/staff';
import type { AuditRow } from '../../src/db/schema';
import type { PageModule } from '../../src/staff/context';
import { page, PostButton } from '../../src/staff/layout';
import { form, signInAt, signInPathIn } from './door-helpers';
import { clock, createTestBot, expectNoLineProblems, fake, Person, texts, type TestBot } from '../support/harness';

const OFFICE = 'default';
const BASE = 'https://bot.example.go.th';
let t: TestBot;
let officer: Person;

/** A page for these tests alone: shows who is signed in, and a form that POSTs. */
const probe: PageModule = (app) => {
  app.get('/probe', (c) => page(c, 'probe', '/staff/probe', PostButton({ staff: c.get('staff'), action: '/staff/probe', label: 'ส่ง' })));
  app.post('/probe', (c) => c.text(`posted by ${c.get('staff').userId}`));
};

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot({ env: { PUBLIC_BASE_URL: BASE }, deps: { workspacePages: [probe] } });
  officer = new Person(t);
  await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

async function linkFor(person: Person): Promise<string> {
  return signInPathIn(await person.say('เข้าระบบ'));
}

/** Opens the link's page and presses เข้าสู่ระบบ; returns the session cookie (name=value). */
async function signIn(path: string): Promise<{ response: Response; cookie?: string }> {
  const shown = await t.bot.app.request(path);
  expect(shown.status).toBe(200);
  const token = path.split('/').pop()!;
  const response = await t.bot.app.request('/staff/signin', form({ token }));
  const set = response.headers.get('set-cookie') ?? '';
  const cookie = /^(staff_session=[^;]+)/.exec(set)?.[1];
  return { response, ...(cookie ? { cookie } : {}) };
}

const audits = () => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} ORDER BY id`);

describe('the sign-in link', () => {
  it('is sent to staff only, names its lifetime, and opens a session with a strict cookie', async () => {
    const villager = new Person(t);
    const refused = await villager.say('เข้าระบบ');
    expect(JSON.stringify(refused)).not.toContain('/staff/signin/');

    const answer = await officer.say('เข้าระบบ');
    expect(JSON.stringify(answer)).toContain('ใช้ได้ครั้งเดียว ภายใน 10 นาที');
    const path = signInPathIn(answer);
    expect(JSON.stringify(answer)).toContain(`${BASE}${path}`);
    // The token is stored only as a hash.
    const token = path.split('.').pop()!;
    const stored = await t.db.all<{ tokenHash: string }>(q`SELECT token_hash FROM staff_sign_in_links`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    // Opening the page does not use the link: only the button's POST does.
    expect((await t.bot.app.request(path)).status).toBe(200);
    expect((await t.bot.app.request(path)).status).toBe(200);
    const { response, cookie } = await signIn(path);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/staff');
    const set = response.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Secure/i);
    expect(set).toMatch(/Path=\/staff/);
    expect(set).toMatch(/Max-Age=43200/);
    const probePage = await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } });
    expect(probePage.status).toBe(200);
    expect(await probePage.text()).toContain('ออกจากระบบ');
    expect((await audits()).map((a) => a.action)).toContain('staff.signin');
  });

  it('works once: the second use is refused and opens no session', async () => {
    const path = await linkFor(officer);
    expect((await signIn(path)).cookie).toBeDefined();
    const again = await t.bot.app.request('/staff/signin', form({ token: path.split('/').pop()! }));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('ลิงก์นี้ถูกใช้ไปแล้ว');
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await t.bot.app.request(path)).status).toBe(410);
    const sessions = await t.db.all(q`SELECT id_hash FROM staff_sessions`);
    expect(sessions).toHaveLength(1);
  });

  it('expires after its minutes', async () => {
    const path = await linkFor(officer);
    clock.advance(10 * 60_000 + 1);
    const shown = await t.bot.app.request(path);
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain('หมดอายุ');
    const used = await t.bot.app.request('/staff/signin', form({ token: path.split('/').pop()! }));
    expect(used.status).toBe(410);
    expect(used.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a made-up token and a member removed before using theirs', async () => {
    expect((await t.bot.app.request(`/staff/signin/default.${'A'.repeat(43)}`)).status).toBe(404);
    const path = await linkFor(officer);
    await removeStaff(t.db, OFFICE, officer.userId);
    const used = await t.bot.app.request('/staff/signin', form({ token: path.split('/').pop()! }));
    expect(used.status).toBe(403);
    expect(used.headers.get('set-cookie')).toBeNull();
  });

  it('without PUBLIC_BASE_URL says it cannot be sent, with a way on', async () => {
    const plain = await createTestBot();
    try {
      const person = new Person(plain);
      await addStaff(plain.db, OFFICE, person.userId, 'cli', clock.now().getTime());
      const answer = await person.say('เข้าระบบ');
      expect(texts(answer).join('\n')).toContain('PUBLIC_BASE_URL');
      expect(JSON.stringify(answer)).not.toContain('/staff/signin/');
      expect(JSON.stringify(answer)).toContain('quickReply');
    } finally {
      await plain.close();
    }
  });
});

describe('a session', () => {
  it('is needed for every page; a removed member loses theirs at the next request', async () => {
    const none = await t.bot.app.request('/staff/probe');
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('เข้าระบบ');
    const { cookie } = await signIn(await linkFor(officer));
    expect((await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } })).status).toBe(200);
    await removeStaff(t.db, OFFICE, officer.userId);
    expect((await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } })).status).toBe(401);
  });

  it('ends after its hours', async () => {
    const { cookie } = await signIn(await linkFor(officer));
    clock.advance(12 * 3600_000 + 1);
    expect((await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } })).status).toBe(401);
  });

  it('refuses a POST without the CSRF token, with a wrong one, or from another site; takes the right one', async () => {
    const { cookie } = await signIn(await linkFor(officer));
    const pageHtml = await (await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(pageHtml)![1]!;
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.bot.app.request('/staff/probe', form(fields, { cookie: cookie!, ...headers }));
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: `${csrf.slice(0, -1)}x` })).status).toBe(403);
    expect((await post({ _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    const ok = await post({ _csrf: csrf });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(`posted by ${officer.userId}`);
  });

  it('sign-out deletes the session', async () => {
    const session = await signInAt(t, officer);
    await session.html('/staff/probe');
    const out = await session.post('/staff/signout');
    expect(out.status).toBe(200);
    expect(await out.text()).toContain('ออกจากระบบแล้ว');
    expect((await session.get('/staff/probe')).status).toBe(401);
    expect(await t.db.all(q`SELECT id_hash FROM staff_sessions`)).toHaveLength(0);
    expect((await audits()).map((a) => a.action)).toEqual(['staff.signin', 'staff.signout']);
  });
});

describe('every response', () => {
  it('carries a strict CSP, no-store and the other headers, signed in or not', async () => {
    const { cookie } = await signIn(await linkFor(officer));
    for (const response of [await t.bot.app.request('/staff/probe'), await t.bot.app.request('/staff/probe', { headers: { cookie: cookie! } })]) {
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
