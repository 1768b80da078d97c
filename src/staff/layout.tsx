// The frame of every workspace page: the office's name, the navigation (admins see two more
// entries), the sign-out form, and the page's own content. No script anywhere: forms and links only,
// so the pages work on an office PC's old browser and on a phone.
import type { Child } from 'hono/jsx';
import type { SignedIn, StaffContext } from './context';

export const STYLE_PATH = '/staff/assets/style.css';

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

/** The pages in the navigation, in order; `active` on a page is its href. */
export const NAV: readonly NavItem[] = [
  { href: '/staff', label: 'นัดหมาย' },
  { href: '/staff/cases', label: 'เรื่องที่ยื่น' },
  { href: '/staff/groups', label: 'กลุ่ม' },
  { href: '/staff/mchch', label: 'มชช.' },
  { href: '/staff/handoffs', label: 'คุยกับประชาชน' },
  { href: '/staff/exports', label: 'ส่งออก' },
  { href: '/staff/health', label: 'สถานะระบบ' },
  { href: '/staff/admin/staff', label: 'เจ้าหน้าที่', adminOnly: true },
  { href: '/staff/admin/audit', label: 'บันทึกการใช้งาน', adminOnly: true },
];

/** The hidden field every form of a signed-in page carries. */
export function CsrfField(props: { staff: SignedIn }) {
  return <input type="hidden" name="_csrf" value={props.staff.csrf} />;
}

/** A one-button form that POSTs (with the CSRF token): every change is a POST, never a link. */
export function PostButton(props: { staff: SignedIn; action: string; label: string; fields?: Record<string, string>; kind?: 'primary' | 'danger' | 'plain' }) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField staff={props.staff} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`btn ${props.kind ?? 'primary'}`}>
        {props.label}
      </button>
    </form>
  );
}

/** Every page's head: phone width, no referrer, the one stylesheet. */
function Head(props: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{props.title}</title>
      <link rel="stylesheet" href={STYLE_PATH} />
    </head>
  );
}

/** A page without navigation (sign-in, signed out, refusals). */
export function Bare(props: { title: string; children: Child }) {
  return (
    <html lang="th">
      <Head title={props.title} />
      <body>
        <main class="bare">{props.children}</main>
      </body>
    </html>
  );
}

export function Layout(props: { staff: SignedIn; title: string; active: string; children: Child }) {
  const { staff } = props;
  const items = NAV.filter((item) => !item.adminOnly || staff.role === 'admin');
  return (
    <html lang="th">
      <Head title={`${props.title} · ${staff.office.profile.office.name}`} />
      <body>
        <header class="top">
          <div class="office">{staff.office.profile.office.name}</div>
          <form method="post" action="/staff/signout" class="inline signout">
            <CsrfField staff={staff} />
            <button type="submit" class="btn plain">
              ออกจากระบบ
            </button>
          </form>
        </header>
        <nav class="nav">
          {items.map((item) => (
            <a href={item.href} class={item.href === props.active ? 'active' : undefined} aria-current={item.href === props.active ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Renders a page inside the layout. */
export function page(c: StaffContext, title: string, active: string, body: Child, status: 200 | 400 | 403 | 404 | 409 = 200) {
  return c.html(
    <Layout staff={c.get('staff')} title={title} active={active}>
      {body}
    </Layout>,
    status,
  );
}

/** A short notice at the top of a page after a POST redirected back (?m=…), from the page's own list. */
export function Notice(props: { c: StaffContext; messages: Record<string, string> }) {
  const key = props.c.req.query('m');
  const text = key ? props.messages[key] : undefined;
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}
