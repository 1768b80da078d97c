// บันทึกการใช้งาน (issue 12 point 3, admins only: /staff/admin/* is refused to officers by the
// workspace's middleware): the audit log newest first, a page at a time — who, what (a Thai label
// beside the raw action), about what, the detail, and when.
import { auditEntries } from '../../db/audit';
import type { AuditRow } from '../../db/schema';
import { bangkokDateOf, bangkokTimeOf } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import type { PageModule } from '../context';
import { page } from '../layout';

const ACTIVE = '/staff/admin/audit';
export const AUDIT_PAGE_SIZE = 50;

/** Thai labels of the actions written today (and those the other pages write); others fall back by their prefix. */
const ACTION_LABELS: Record<string, string> = {
  'staff.signin': 'เข้าสู่ระบบ',
  'staff.signout': 'ออกจากระบบ',
  'staff.invite': 'สร้างรหัสเชิญเจ้าหน้าที่',
  'staff.join': 'เข้าร่วมเป็นเจ้าหน้าที่ด้วยรหัสเชิญ',
  'staff.add': 'เพิ่มเจ้าหน้าที่',
  'staff.role': 'เปลี่ยนบทบาทเจ้าหน้าที่',
  'staff.remove': 'ลบเจ้าหน้าที่',
  'handoffs.view': 'ดูรายการคุยกับประชาชน',
  'handoff.view': 'เปิดดูเรื่องคุย',
  'handoff.answer': 'ตอบผู้ติดต่อ',
  'handoff.close': 'ปิดเรื่องคุย',
  'case.view': 'เปิดดูเรื่องที่ยื่น',
  'case.decide': 'ดำเนินการเรื่องที่ยื่น',
  'case.note': 'บันทึกเรื่องที่ยื่น',
  'attachment.view': 'เปิดดูไฟล์แนบ',
  'bookings.view': 'ดูรายการนัดหมาย',
  'bookings.code': 'ดูรหัสนัดหมาย',
  'booking.mark': 'บันทึกการมาตามนัด',
  'groups.view': 'ดูทะเบียนกลุ่ม',
  'group.view': 'เปิดดูกลุ่ม',
  'export.bookings': 'ส่งออกนัดหมาย',
  'export.groups': 'ส่งออกทะเบียนกลุ่ม',
  'export.cases': 'ส่งออกเรื่องที่ยื่น',
  'outbox.retry': 'ส่งข้อความซ้ำ',
  review: 'ตรวจสอบ',
};

const PREFIX_LABELS: Record<string, string> = {
  staff: 'เจ้าหน้าที่',
  handoff: 'คุยกับประชาชน',
  handoffs: 'คุยกับประชาชน',
  case: 'เรื่องที่ยื่น',
  attachment: 'ไฟล์แนบ',
  bookings: 'นัดหมาย',
  booking: 'นัดหมาย',
  group: 'กลุ่ม',
  groups: 'กลุ่ม',
  mchch: 'มชช.',
  export: 'ส่งออกข้อมูล',
  outbox: 'สถานะระบบ',
};

export function actionLabel(action: string): string {
  const exact = ACTION_LABELS[action];
  if (exact) return exact;
  const prefix = PREFIX_LABELS[action.split('.')[0] ?? ''];
  return prefix ? `${prefix} (อื่น ๆ)` : 'อื่น ๆ';
}

/** Staff keep no display name: a user id is shown by its last characters (enough to tell people apart). */
export function actorLabel(actor: string, me: string): string {
  if (actor === 'cli') return 'ผู้ดูแล (คำสั่ง CLI)';
  if (actor === me) return `คุณ (…${actor.slice(-6)})`;
  return `…${actor.slice(-6)}`;
}

/** "staff:U…" names a user id: shortened like the actor. */
function targetLabel(target: string): string {
  const match = /^staff:(U[0-9a-f]{32})$/.exec(target);
  return match ? `staff:…${match[1]!.slice(-6)}` : target;
}

/**
 * The page out of `size + 1` rows read, and the `before` of the next one. "at < before" would skip
 * the rest of a millisecond the page ends inside, so such a page stops before that millisecond and
 * the next one starts with it (unless the whole page is that one millisecond).
 */
export function auditPage(rows: readonly AuditRow[], size: number): { shown: AuditRow[]; nextBefore: number | undefined } {
  if (rows.length <= size) return { shown: [...rows], nextBefore: undefined };
  const page = rows.slice(0, size);
  const lastAt = Number(page.at(-1)!.at);
  if (Number(rows[size]!.at) !== lastAt) return { shown: page, nextBefore: lastAt };
  const kept = page.filter((r) => Number(r.at) > lastAt);
  return kept.length > 0 ? { shown: kept, nextBefore: lastAt + 1 } : { shown: page, nextBefore: lastAt };
}

export const auditPages: PageModule = (app, deps) => {
  app.get('/admin/audit', async (c) => {
    const staff = c.get('staff');
    const raw = c.req.query('before');
    const before = raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    const rows = await auditEntries(deps.db, staff.office.id, AUDIT_PAGE_SIZE + 1, before);
    const { shown, nextBefore } = auditPage(rows, AUDIT_PAGE_SIZE);
    return page(
      c,
      'บันทึกการใช้งาน',
      ACTIVE,
      <>
        <p class="muted">ทุกการเปิดดูข้อมูลส่วนบุคคล การส่งออก และการตัดสินใจของเจ้าหน้าที่ เรียงจากล่าสุด</p>
        {before !== undefined ? (
          <p>
            <a href="/staff/admin/audit">← กลับไปรายการล่าสุด</a>
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p class="muted">ยังไม่มีบันทึกค่ะ</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>เมื่อ · ใคร</th>
                  <th>ทำอะไร</th>
                  <th>เรื่อง · รายละเอียด</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => {
                  const at = new Date(Number(row.at));
                  return (
                    <tr>
                      <td>
                        <div>{formatThaiDate(bangkokDateOf(at))}</div>
                        <div>{bangkokTimeOf(at)} น.</div>
                        <div class="muted">{actorLabel(row.actor, staff.userId)}</div>
                      </td>
                      <td>
                        {actionLabel(row.action)}
                        <div class="muted">
                          <code>{row.action}</code>
                        </div>
                      </td>
                      <td>
                        <code>{targetLabel(row.target)}</code>
                        {row.detail ? <div class="muted">{row.detail}</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {nextBefore !== undefined ? (
          <p>
            <a class="btn plain" href={`/staff/admin/audit?before=${nextBefore}`}>
              เก่ากว่านี้ →
            </a>
          </p>
        ) : null}
      </>,
    );
  });
};
