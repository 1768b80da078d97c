// เจ้าหน้าที่ (issue 12 point 3, admins only: /staff/admin/* is refused to officers by the
// workspace's middleware): the office's staff with role and since; a one-time invitation (its code
// shown once, on the page that made it, never again); a role change; removal behind a confirm page.
// The decisions are src/staff/access.ts's — who may manage staff, never the office's last admin —
// and they audit, in their own transaction; this page only shows their answers.
import type { Sql } from '../../db/sql';
import type { StaffRole } from '../../db/staff';
import {
  createInvitation,
  DEFAULT_INVITE_HOURS,
  formatInviteCode,
  listStaff,
  mayManageStaff,
  removeStaffMember,
  setStaffRole,
  type NewInvitation,
  type StaffChange,
  type StaffMember,
} from '../access';
import { bangkokDateOf } from '../../thai/calendar';
import { formatThaiDate, formatThaiDateTime } from '../../thai/date-format';
import type { PageModule, SignedIn, StaffContext } from '../context';
import { CsrfField, Notice, page } from '../layout';

const ACTIVE = '/staff/admin/staff';
const HERE = '/staff/admin/staff';
export const INVITE_HOURS = [24, DEFAULT_INVITE_HOURS, 168] as const;

export const ROLE_LABEL: Record<StaffRole, string> = { officer: 'เจ้าหน้าที่', admin: 'ผู้ดูแลระบบ' };

export const STAFF_PAGE_SAY = {
  role: 'เปลี่ยนบทบาทแล้วค่ะ',
  removed: 'ลบเจ้าหน้าที่แล้วค่ะ การเข้าระบบของผู้นั้นสิ้นสุดทันที',
  lastAdmin: 'ทำไม่ได้ค่ะ: ผู้นี้เป็นผู้ดูแลระบบคนสุดท้ายของสำนักงาน ต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน กรุณาตั้งผู้ดูแลระบบคนอื่นก่อนค่ะ',
  notAllowed: 'ทำไม่ได้ค่ะ: เฉพาะผู้ดูแลระบบของสำนักงานจัดการเจ้าหน้าที่ได้',
  unknown: 'ไม่พบเจ้าหน้าที่คนนี้ค่ะ (อาจถูกลบไปแล้ว)',
  bad: 'ข้อมูลไม่ถูกต้องค่ะ กรุณาลองใหม่',
} as const;

/** The access functions this page uses, in one place (src/staff/access.ts decides and audits). */
const access = {
  members: (db: Sql, office: string) => listStaff(db, office),
  /** undefined when `by` may no longer manage staff (demoted since the page was opened). */
  invite: async (db: Sql, office: string, by: string, role: StaffRole, hours: number, now: number): Promise<NewInvitation | undefined> =>
    (await mayManageStaff(db, office, by)) ? createInvitation(db, office, { role, createdBy: by, hours }, now) : undefined,
  setRole: (db: Sql, office: string, userId: string, role: StaffRole, by: string, now: number) => setStaffRole(db, office, userId, role, by, now),
  remove: (db: Sql, office: string, userId: string, by: string, now: number) => removeStaffMember(db, office, userId, by, now),
};

/** Where a change's answer sends the admin back to: a notice on success, the refusal's message otherwise. */
function outcomeQuery(change: StaffChange, done: string): string {
  if (change.ok) return `m=${done}`;
  return `e=${{ not_staff: 'unknown', last_admin: 'last-admin', not_allowed: 'not-allowed' }[change.reason]}`;
}

const shortId = (userId: string) => `…${userId.slice(-6)}`;
const isRole = (value: unknown): value is StaffRole => value === 'officer' || value === 'admin';

function Who(props: { userId: string; me: string }) {
  return (
    <>
      <code>{shortId(props.userId)}</code>
      {props.userId === props.me ? <span class="tag ok">คุณ</span> : null}
    </>
  );
}

function InviteForm(props: { staff: SignedIn }) {
  return (
    <form method="post" action={`${HERE}/invite`} class="card">
      <CsrfField staff={props.staff} />
      <h2>เชิญเจ้าหน้าที่ใหม่</h2>
      <p class="muted">ระบบจะสร้างรหัสเชิญที่ใช้ได้ครั้งเดียว ให้ผู้ได้รับเชิญพิมพ์รหัสในแชต LINE ของสำนักงาน</p>
      <label for="invite-role">บทบาท</label>
      <select id="invite-role" name="role">
        <option value="officer" selected>
          {ROLE_LABEL.officer}
        </option>
        <option value="admin">{ROLE_LABEL.admin} (จัดการเจ้าหน้าที่ได้)</option>
      </select>
      <label for="invite-hours">ใช้ได้ภายใน</label>
      <select id="invite-hours" name="hours">
        {INVITE_HOURS.map((h) => (
          <option value={String(h)} selected={h === DEFAULT_INVITE_HOURS}>
            {h % 24 === 0 ? `${h / 24} วัน` : `${h} ชั่วโมง`}
          </option>
        ))}
      </select>
      <div class="actions spaced">
        <button type="submit" class="btn primary">
          สร้างรหัสเชิญ
        </button>
      </div>
    </form>
  );
}

function Members(props: { staff: SignedIn; members: StaffMember[] }) {
  const { staff } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>เจ้าหน้าที่</th>
            <th>จัดการ</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr>
              <td>
                <Who userId={m.userId} me={staff.userId} />
                <div>
                  <strong>{ROLE_LABEL[m.role]}</strong>
                </div>
                <div class="muted">
                  ตั้งแต่ {formatThaiDate(bangkokDateOf(new Date(Number(m.addedAt))))} · {m.addedBy === 'invite' ? 'ด้วยรหัสเชิญ' : 'เพิ่มโดยผู้ดูแล (CLI)'}
                </div>
              </td>
              <td>
                <div class="actions">
                  <form method="post" action={`${HERE}/role`} class="inline">
                    <CsrfField staff={staff} />
                    <input type="hidden" name="user" value={m.userId} />
                    <input type="hidden" name="role" value={m.role === 'admin' ? 'officer' : 'admin'} />
                    <button type="submit" class="btn plain">
                      {m.role === 'admin' ? `เปลี่ยนเป็น${ROLE_LABEL.officer}` : `ตั้งเป็น${ROLE_LABEL.admin}`}
                    </button>
                  </form>
                  <form method="post" action={`${HERE}/remove`} class="inline">
                    <CsrfField staff={staff} />
                    <input type="hidden" name="user" value={m.userId} />
                    <button type="submit" class="btn danger">
                      ลบ
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationMade(props: { made: NewInvitation }) {
  const { made } = props;
  return (
    <div class="card">
      <h2>รหัสเชิญ ({ROLE_LABEL[made.role]})</h2>
      <p class="invite-code">{formatInviteCode(made.code)}</p>
      <p class="warn">
        <strong>รหัสนี้แสดงครั้งเดียวเท่านั้น</strong> ระบบไม่ได้เก็บรหัสไว้ จดหรือส่งต่อให้ผู้ได้รับเชิญตอนนี้เลยค่ะ
      </p>
      <ol>
        <li>ส่งรหัสนี้ให้ผู้ที่ต้องการเชิญเท่านั้น (ใช้ได้ครั้งเดียว)</li>
        <li>ให้ผู้นั้นเพิ่มเพื่อน LINE ของสำนักงาน แล้วพิมพ์รหัสนี้ในแชต (มีขีดหรือไม่มีก็ได้)</li>
        <li>บอทจะตอบว่าลงทะเบียนเป็น{ROLE_LABEL[made.role]}เรียบร้อยแล้ว</li>
      </ol>
      <p>
        ใช้ได้ถึง <strong>{formatThaiDateTime(new Date(made.expiresAt))}</strong>
      </p>
      <p>
        <a class="btn plain" href={HERE}>
          กลับไปรายชื่อเจ้าหน้าที่
        </a>
      </p>
    </div>
  );
}

const NOTICES: Record<string, string> = { role: STAFF_PAGE_SAY.role, removed: STAFF_PAGE_SAY.removed };
const ERRORS: Record<string, string> = { 'last-admin': STAFF_PAGE_SAY.lastAdmin, 'not-allowed': STAFF_PAGE_SAY.notAllowed, unknown: STAFF_PAGE_SAY.unknown, bad: STAFF_PAGE_SAY.bad };

function ErrorNotice(props: { c: StaffContext }) {
  const key = props.c.req.query('e');
  const text = key ? ERRORS[key] : undefined;
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}

async function field(c: StaffContext, name: string): Promise<string> {
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : '';
}

export const staffAdminPages: PageModule = (app, deps) => {
  const { db } = deps;
  const back = (c: StaffContext, query: string) => c.redirect(`${HERE}?${query}`, 303);

  app.get('/admin/staff', async (c) => {
    const staff = c.get('staff');
    const members = await access.members(db, staff.office.id);
    return page(
      c,
      'เจ้าหน้าที่',
      ACTIVE,
      <>
        <Notice c={c} messages={NOTICES} />
        <ErrorNotice c={c} />
        <h2>รายชื่อ ({members.length})</h2>
        <Members staff={staff} members={members} />
        <p class="muted">ลบเจ้าหน้าที่แล้ว การเข้าระบบทุกเครื่องของผู้นั้นสิ้นสุดทันที และจะไม่ได้รับแจ้งเตือนอีก</p>
        <InviteForm staff={staff} />
      </>,
    );
  });

  // The code exists only in this response (only its hash is stored): shown once, never again.
  app.post('/admin/staff/invite', async (c) => {
    const staff = c.get('staff');
    const role = await field(c, 'role');
    const hours = Number(await field(c, 'hours'));
    if (!isRole(role) || !(INVITE_HOURS as readonly number[]).includes(hours)) return back(c, 'e=bad');
    const made = await access.invite(db, staff.office.id, staff.userId, role, hours, deps.now().getTime());
    if (!made) return back(c, 'e=not-allowed');
    return page(c, 'รหัสเชิญเจ้าหน้าที่', ACTIVE, <InvitationMade made={made} />);
  });

  app.post('/admin/staff/role', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const userId = await field(c, 'user');
    const role = await field(c, 'role');
    if (!isRole(role) || !userId) return back(c, 'e=bad');
    return back(c, outcomeQuery(await access.setRole(db, office, userId, role, staff.userId, deps.now().getTime()), 'role'));
  });

  // First press: a page that asks again (nothing changes yet).
  app.post('/admin/staff/remove', async (c) => {
    const staff = c.get('staff');
    const userId = await field(c, 'user');
    const member = (await access.members(db, staff.office.id)).find((m) => m.userId === userId);
    if (!member) return back(c, 'e=unknown');
    return page(
      c,
      'ยืนยันการลบ',
      ACTIVE,
      <div class="card">
        <p>
          ลบ <Who userId={member.userId} me={staff.userId} /> ({ROLE_LABEL[member.role]}) ออกจากเจ้าหน้าที่ของสำนักงานใช่ไหมคะ?
        </p>
        <p class="muted">ผู้นั้นจะออกจากระบบทุกเครื่องทันที และจะไม่ได้รับแจ้งเตือนหรือใช้คำสั่งเจ้าหน้าที่ใน LINE อีก ถ้าต้องการให้กลับมา ต้องเชิญใหม่ค่ะ</p>
        <div class="actions">
          <form method="post" action={`${HERE}/remove/confirm`} class="inline">
            <CsrfField staff={staff} />
            <input type="hidden" name="user" value={member.userId} />
            <button type="submit" class="btn danger">
              ยืนยันการลบ
            </button>
          </form>
          <a class="btn plain" href={HERE}>
            ยกเลิก
          </a>
        </div>
      </div>,
    );
  });

  app.post('/admin/staff/remove/confirm', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const userId = await field(c, 'user');
    if (!userId) return back(c, 'e=bad');
    const removed = await access.remove(db, office, userId, staff.userId, deps.now().getTime());
    if (removed.ok) deps.staffChanged?.(office, userId);
    return back(c, outcomeQuery(removed, 'removed'));
  });
};
