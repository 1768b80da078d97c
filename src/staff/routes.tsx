// The staff workspace under /staff (issue 12, DESIGN §9): the way in (a one-time link from LINE →
// a session cookie), the checks every request passes, and the pages (./pages/index.ts).
//
// Choices, for the closing note:
// - The link's GET shows a page with one "เข้าสู่ระบบ" button and only its POST uses the link:
//   a link preview, a virus scanner or a forwarded chat fetching the URL cannot use it up or sign in.
// - The cookie is HttpOnly, SameSite=Strict, Path=/staff, Max-Age the session's, and Secure when
//   PUBLIC_BASE_URL is https (start-up refuses plain http beside real LINE credentials).
// - Every request re-reads the session AND the staff row: removing a member (which also deletes
//   their sessions) ends their access at the next click.
// - Every POST passes Sec-Fetch-Site/Origin and the session's CSRF token, compared in constant time.
import { Hono, type Context, type Hono as HonoApp } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audit } from '../db/audit';
import { log } from '../log';
import type { StaffEnv, WorkspaceDeps } from './context';
import { Bare } from './layout';
import { PAGES } from './pages';
import { csrfOk, fromThisSite, securityHeaders } from './security';
import { createSession, endSession, sessionFor, signInLinkState, useSignInLink, type LinkRefusal } from './sessions';
import { STYLE_CSS } from './style';

export const SESSION_COOKIE = 'staff_session';

const REFUSALS: Record<LinkRefusal, { title: string; body: string; status: 403 | 404 | 410 }> = {
  unknown: { title: 'ลิงก์นี้ใช้ไม่ได้', body: 'ลิงก์นี้ไม่ใช่ลิงก์เข้าระบบที่ถูกต้องค่ะ', status: 404 },
  used: { title: 'ลิงก์นี้ถูกใช้ไปแล้ว', body: 'ลิงก์เข้าระบบใช้ได้ครั้งเดียวค่ะ', status: 410 },
  expired: { title: 'ลิงก์นี้หมดอายุแล้ว', body: 'ลิงก์เข้าระบบใช้ได้ไม่กี่นาทีหลังส่งค่ะ', status: 410 },
  'not-staff': { title: 'ไม่ได้เป็นเจ้าหน้าที่', body: 'บัญชี LINE ที่ขอลิงก์นี้ไม่ได้เป็นเจ้าหน้าที่ของสำนักงานแล้วค่ะ', status: 403 },
};

function AskInLine() {
  return (
    <p>
      เปิด LINE ของสำนักงาน แล้วส่งคำว่า <strong>“เข้าระบบ”</strong> (หรือแตะปุ่ม เข้าระบบ ในเมนูเจ้าหน้าที่) เพื่อรับลิงก์ใหม่ค่ะ
    </p>
  );
}

export function mountStaffWorkspace(app: HonoApp, deps: WorkspaceDeps): void {
  const { db } = deps;
  const staff = new Hono<StaffEnv>();
  staff.use('*', securityHeaders);

  staff.get('/assets/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(STYLE_CSS);
  });

  staff.get('/signin/:token', async (c) => {
    const token = c.req.param('token');
    const state = await signInLinkState(db, token, deps.now().getTime());
    if (!state.ok) return refused(c, state.why);
    const office = deps.offices.get(state.office);
    return c.html(
      <Bare title="เข้าสู่ระบบเจ้าหน้าที่">
        <h1>เข้าสู่ระบบเจ้าหน้าที่</h1>
        <p>{office?.profile.office.name}</p>
        <form method="post" action="/staff/signin">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="btn primary">
            เข้าสู่ระบบ
          </button>
        </form>
        <p class="muted">ลิงก์นี้ใช้ได้ครั้งเดียว ถ้าไม่ได้ขอลิงก์นี้ ปิดหน้านี้ได้เลยค่ะ</p>
      </Bare>,
    );
  });

  staff.post('/signin', async (c) => {
    if (!fromThisSite(c)) return c.text('forbidden', 403);
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const now = deps.now().getTime();
    const used = await useSignInLink(db, token, now);
    if (!used.ok) return refused(c, used.why);
    const session = await db.transaction(async (tx) => {
      const made = await createSession(tx, used.office, used.userId, now, deps.sessionMs);
      await audit(tx, used.office, { actor: used.userId, action: 'staff.signin', target: `staff:${used.userId}` }, now);
      return made;
    });
    setCookie(c, SESSION_COOKIE, session.cookie, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/staff',
      secure: deps.secureCookies,
      maxAge: Math.floor(deps.sessionMs / 1000),
    });
    return c.redirect('/staff', 303);
  });

  // Everything below needs a live session; every POST also its CSRF token.
  staff.use('*', async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = await sessionFor(db, cookie, deps.now().getTime());
    const office = session ? deps.offices.get(session.office) : undefined;
    if (!session || !office) {
      if (cookie) deleteCookie(c, SESSION_COOKIE, { path: '/staff' });
      return c.html(
        <Bare title="ต้องเข้าสู่ระบบ">
          <h1>ต้องเข้าสู่ระบบก่อนค่ะ</h1>
          <AskInLine />
          <p>
            <a href="/staff">ลองเปิดอีกครั้ง</a>
          </p>
        </Bare>,
        401,
      );
    }
    c.set('staff', { office, userId: session.userId, role: session.role, csrf: session.csrf });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!fromThisSite(c) || !(await csrfOk(c, session.csrf))) {
        log.warn('workspace request refused: no valid CSRF token', { path: c.req.path });
        return c.html(
          <Bare title="ทำรายการไม่สำเร็จ">
            <h1>ทำรายการไม่สำเร็จค่ะ</h1>
            <p>หน้านี้เก่าเกินไปหรือไม่ได้มาจากระบบนี้ กรุณากลับไปเปิดหน้าเดิมแล้วลองใหม่ค่ะ</p>
            <p>
              <a href="/staff">กลับหน้าแรก</a>
            </p>
          </Bare>,
          403,
        );
      }
    }
    await next();
  });

  staff.post('/signout', async (c) => {
    const signedIn = c.get('staff');
    await endSession(db, getCookie(c, SESSION_COOKIE));
    await audit(db, signedIn.office.id, { actor: signedIn.userId, action: 'staff.signout', target: `staff:${signedIn.userId}` }, deps.now().getTime());
    deleteCookie(c, SESSION_COOKIE, { path: '/staff' });
    return c.html(
      <Bare title="ออกจากระบบแล้ว">
        <h1>ออกจากระบบแล้วค่ะ</h1>
        <AskInLine />
      </Bare>,
    );
  });

  /** Only admins (staff management, settings, the audit log); officers get a plain refusal. */
  staff.use('/admin/*', async (c, next) => {
    if (c.get('staff').role !== 'admin') {
      return c.html(
        <Bare title="เฉพาะผู้ดูแล">
          <h1>หน้านี้สำหรับผู้ดูแลระบบเท่านั้นค่ะ</h1>
          <p>
            <a href="/staff">กลับหน้าแรก</a>
          </p>
        </Bare>,
        403,
      );
    }
    await next();
  });

  for (const pages of deps.pages ?? PAGES) pages(staff, deps);

  app.route('/staff', staff);
}

function refused(c: Context, why: LinkRefusal) {
  const refusal = REFUSALS[why];
  return c.html(
    <Bare title={refusal.title}>
      <h1>{refusal.title}</h1>
      <p>{refusal.body}</p>
      <AskInLine />
    </Bare>,
    refusal.status,
  );
}
