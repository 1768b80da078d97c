// สถานะระบบ (issue 12 point 3): for the member's office, the events that failed or were refused,
// the outbox rows that gave up — with "ส่งอีกครั้ง", which keeps the row's retry key — and the LINE
// errors of the last day (what the outbox recorded: src/notify/health.ts says how they are counted).
// Nothing here names a person or shows what a message said: ids, purposes, counts and error kinds.
import { audit } from '../../db/audit';
import { eventsHealth, gaveUpRows, lineErrorsLastDay, retryGaveUp } from '../../notify/health';
import { formatThaiDateTime } from '../../thai/date-format';
import type { StaffApp, WorkspaceDeps } from '../context';
import { Notice, page, PostButton } from '../layout';

const HREF = '/staff/health';

const MESSAGES = {
  retried: 'ตั้งให้ส่งอีกครั้งแล้วค่ะ ระบบจะส่งภายในไม่กี่วินาที (ใช้รหัสส่งซ้ำเดิม ผู้รับจะไม่ได้ข้อความซ้ำ)',
};

/** What a row was for, in Thai (the purposes the bot writes; anything else as it is). */
export function purposeLabel(purpose: string): string {
  if (purpose === 'reply') return 'คำตอบในแชต';
  if (purpose === 'case-applicant') return 'แจ้งผู้ยื่นเรื่อง';
  if (purpose.startsWith('case-staff-') || purpose.startsWith('staff-')) return 'แจ้งเจ้าหน้าที่';
  if (purpose.startsWith('handoff-')) return 'คุยกับเจ้าหน้าที่';
  if (purpose.includes('reminder') || purpose.endsWith('-due')) return 'การเตือน';
  if (purpose.startsWith('mchch-')) return 'ข่าว มชช.';
  if (purpose.startsWith('group-')) return 'ข่าวกลุ่ม';
  return purpose;
}

const when = (at: number) => formatThaiDateTime(new Date(at));

/** The refusal reasons src/handlers/webhook-input.ts writes, in Thai; an error's name as it is. */
const EVENT_KINDS: Record<string, string> = { malformed: 'รูปแบบไม่ถูกต้อง (malformed)', replay: 'เก่าเกินกว่าจะรับ (replay)' };

export function healthPage(app: StaffApp, deps: WorkspaceDeps): void {
  const { db } = deps;

  app.get('/health', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const now = deps.now().getTime();
    const [events, gaveUp, lineErrors] = await Promise.all([eventsHealth(db, office, now), gaveUpRows(db, office), lineErrorsLastDay(db, office, now)]);
    const allWell = events.lastDay.failed + events.lastDay.refused === 0 && gaveUp.length === 0 && lineErrors.length === 0;
    return page(
      c,
      'สถานะระบบ',
      HREF,
      <>
        <Notice c={c} messages={MESSAGES} />
        <p class="muted">ข้อมูลถึง {when(now)} · ย้อนหลัง 24 ชั่วโมง</p>
        {allWell ? <p class="notice">ไม่มีปัญหาในวันที่ผ่านมาค่ะ</p> : null}

        <h2>ข้อความที่ส่งไม่สำเร็จ (ระบบเลิกลองแล้ว)</h2>
        {gaveUp.length === 0 ? (
          <p class="muted">ไม่มีค่ะ</p>
        ) : (
          <>
            <p>ข้อความเหล่านี้ยังไม่ถึงผู้รับ กด “ส่งอีกครั้ง” เมื่อแก้สาเหตุแล้ว (เช่น LINE กลับมาใช้ได้) ค่ะ</p>
            {gaveUp.map((row) => (
              <div class="card">
                <p class="actions">
                  <strong>ข้อความที่ {row.id}</strong>
                  <span class="tag bad nowrap">{row.kind.label}</span>
                </p>
                <dl class="facts">
                  <dt>ประเภท</dt>
                  <dd>
                    {purposeLabel(row.purpose)} <span class="muted">({row.purpose})</span>
                  </dd>
                  <dt>ลองครั้งสุดท้าย</dt>
                  <dd>{when(row.lastTriedAt)}</dd>
                  <dt>ลองไปแล้ว</dt>
                  <dd>{row.attempts} ครั้ง</dd>
                  <dt>สร้างเมื่อ</dt>
                  <dd>{when(row.createdAt)}</dd>
                </dl>
                <div class="actions">
                  {row.forgotten ? (
                    <span class="muted">เนื้อหาถูกลบตามระยะเก็บรักษาแล้ว ส่งอีกครั้งไม่ได้</span>
                  ) : (
                    <PostButton staff={staff} action={`${HREF}/outbox/${row.id}/retry`} label="ส่งอีกครั้ง" />
                  )}
                </div>
              </div>
            ))}
          </>
        )}

        <h2>ข้อผิดพลาดจาก LINE ใน 24 ชั่วโมง</h2>
        {lineErrors.length === 0 ? (
          <p class="muted">ไม่มีค่ะ</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>สาเหตุ</th>
                  <th>ข้อความ</th>
                  <th>ครั้งที่พลาด</th>
                  <th>ส่งได้ภายหลัง</th>
                </tr>
              </thead>
              <tbody>
                {lineErrors.map((e) => (
                  <tr>
                    <td>{e.kind.label}</td>
                    <td>{e.rows}</td>
                    <td>{e.failedAttempts}</td>
                    <td>{e.sentAfterAll}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="muted">นับจากข้อผิดพลาดล่าสุดที่บันทึกไว้กับแต่ละข้อความ (ระบบเก็บเฉพาะครั้งล่าสุดของแต่ละข้อความ)</p>

        <h2>ข้อความจากประชาชนที่ระบบทำไม่สำเร็จ</h2>
        <dl class="facts">
          <dt>ทำไม่สำเร็จ (24 ชม.)</dt>
          <dd>{events.lastDay.failed}</dd>
          <dt>ไม่รับ (24 ชม.)</dt>
          <dd>{events.lastDay.refused}</dd>
          <dt>ที่ยังเก็บไว้ทั้งหมด</dt>
          <dd>
            ทำไม่สำเร็จ {events.kept.failed} · ไม่รับ {events.kept.refused}
          </dd>
        </dl>
        {events.recent.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>เมื่อ</th>
                  <th>ชนิด</th>
                  <th>ผล · สาเหตุ</th>
                </tr>
              </thead>
              <tbody>
                {events.recent.map((e) => (
                  <tr>
                    <td>{when(e.at)}</td>
                    <td>{e.type}</td>
                    <td>
                      {e.status === 'failed' ? <span class="tag bad nowrap">ทำไม่สำเร็จ</span> : <span class="tag warn nowrap">ไม่รับ</span>}
                      <br />
                      <span class="muted">{EVENT_KINDS[e.kind] ?? e.kind}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </>,
    );
  });

  app.post('/health/outbox/:id/retry', async (c) => {
    const staff = c.get('staff');
    const id = Number(c.req.param('id'));
    const now = deps.now().getTime();
    const outcome = Number.isSafeInteger(id)
      ? await db.transaction(async (tx) => {
          const result = await retryGaveUp(tx, staff.office.id, id, now);
          if (result.ok) await audit(tx, staff.office.id, { actor: staff.userId, action: 'outbox.retry', target: `outbox:${id}`, detail: result.purpose }, now);
          return result;
        })
      : ({ ok: false, why: 'not-found' } as const);
    if (outcome.ok) return c.redirect(`${HREF}?m=retried`, 303);
    const notFound = outcome.why === 'not-found';
    return page(
      c,
      'ส่งอีกครั้งไม่ได้',
      HREF,
      <>
        <p class="error">
          {notFound
            ? 'ไม่พบข้อความนี้ในสำนักงานของคุณค่ะ'
            : outcome.why === 'forgotten'
              ? 'ข้อความนี้เก่าเกินระยะเก็บรักษา เนื้อหาถูกลบไปแล้วตามนโยบายข้อมูลส่วนบุคคล จึงส่งอีกครั้งไม่ได้ค่ะ'
              : 'ข้อความนี้ไม่ได้อยู่ในสถานะส่งไม่สำเร็จแล้ว (อาจส่งไปแล้ว หรือกำลังส่ง) จึงไม่ส่งซ้ำค่ะ'}
        </p>
        <p>
          <a href={HREF}>กลับไปหน้าสถานะระบบ</a>
        </p>
      </>,
      notFound ? 404 : 409,
    );
  });
}
