// Signing in to the staff workspace from a test, at the server (app.request): the link a staff
// member gets for "เข้าระบบ", and a session that GETs pages and POSTs forms with its CSRF token.
import { expect } from 'vitest';
import type { Message, Person, TestBot } from '../support/harness';

/** The link in the answer to "เข้าระบบ", as a path on this server. */
export function signInPathIn(messages: Message[]): string {
  const json = JSON.stringify(messages);
  const match = /"uri":"https?:\/\/[^/"]+(\/staff\/signin\/[^"]+)"/.exec(json);
  if (!match) throw new Error(`no sign-in link in ${json.slice(0, 300)}`);
  return match[1]!;
}

/** A same-site form POST (what a browser sends from a workspace page). */
export function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
  };
}

export interface StaffSession {
  cookie: string;
  /** GET a workspace path with the session's cookie. */
  get(path: string): Promise<Response>;
  /** GET a page and return its HTML, expecting 200. */
  html(path: string): Promise<string>;
  /** POST a form with the session's cookie and CSRF token (read from the last page fetched, or /staff). */
  post(path: string, fields?: Record<string, string>): Promise<Response>;
}

/** The bot must have PUBLIC_BASE_URL set (createTestBot({ env: { PUBLIC_BASE_URL: 'https://…' } })) and `person` be staff. */
export async function signInAt(t: TestBot, person: Person): Promise<StaffSession> {
  const path = signInPathIn(await person.say('เข้าระบบ'));
  const token = path.split('/').pop()!;
  const response = await t.bot.app.request('/staff/signin', form({ token }));
  expect(response.status).toBe(303);
  const cookie = /^(staff_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('sign-in set no session cookie');
  let csrf: string | undefined;
  const get = async (p: string) => {
    const r = await t.bot.app.request(p, { headers: { cookie } });
    const type = r.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      const body = await r.clone().text();
      csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    }
    return r;
  };
  return {
    cookie,
    get,
    async html(p) {
      const r = await get(p);
      const body = await r.text();
      expect(r.status, `${p}: ${body.slice(0, 300)}`).toBe(200);
      return body;
    },
    async post(p, fields = {}) {
      if (!csrf) await get('/staff');
      if (!csrf) throw new Error('no CSRF token yet: GET a workspace page first');
      return t.bot.app.request(p, form({ _csrf: csrf, ...fields }, { cookie }));
    },
  };
}
