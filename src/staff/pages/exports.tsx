// ส่งออก: the registers people open in Excel (issue 12 point 4) — bookings of a date range, groups
// with their members, cases — as .xlsx or CSV with a BOM. The very functions the CLIs call
// (src/exports/), which also write the audit row; the page only reads the form and sends the file.
import { caseKinds } from '../../cases/kinds';
import { CasesExportError, exportBookings, exportCases, exportGroups, type ExportFile, type ExportFormat } from '../../exports';
import { addDays, bangkokDateOf, isIsoDate } from '../../office/clock';
import type { PageModule, StaffContext } from '../context';
import { page } from '../layout';

/** A date range longer than this is refused: a year of bookings is already a large sheet. */
const MAX_RANGE_DAYS = 366;

function formatOf(c: StaffContext): ExportFormat {
  return c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
}

/** The file as a download: never shown in the browser, never cached (the security headers add no-store). */
function download(c: StaffContext, file: ExportFile): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body));
}

function FormatChoice() {
  return (
    <>
      <label>แบบไฟล์</label>
      <select name="format">
        <option value="xlsx" selected>
          Excel (.xlsx)
        </option>
        <option value="csv">CSV (เปิดใน Excel ได้)</option>
      </select>
    </>
  );
}

function ExportsPage(props: { today: string; problem?: string }) {
  const monthStart = `${props.today.slice(0, 8)}01`;
  return (
    <>
      {props.problem ? (
        <p class="error" role="alert">
          {props.problem}
        </p>
      ) : null}
      <p class="muted">ไฟล์มีข้อมูลส่วนบุคคล เก็บไว้ในเครื่องของสำนักงานเท่านั้น และลบเมื่อเลิกใช้ การส่งออกทุกครั้งถูกบันทึกไว้ค่ะ</p>
      <section class="card">
        <h2>นัดหมาย</h2>
        <form method="get" action="/staff/exports/bookings">
          <label for="from">ตั้งแต่วันที่</label>
          <input type="date" id="from" name="from" value={monthStart} required />
          <label for="to">ถึงวันที่</label>
          <input type="date" id="to" name="to" value={props.today} required />
          <FormatChoice />
          <p>
            <button type="submit" class="btn primary">
              ดาวน์โหลดนัดหมาย
            </button>
          </p>
        </form>
      </section>
      <section class="card">
        <h2>ทะเบียนกลุ่มและสมาชิก</h2>
        <form method="get" action="/staff/exports/groups">
          <label for="groups-which">กลุ่มใดบ้าง</label>
          <select id="groups-which" name="which">
            <option value="registered" selected>
              เฉพาะกลุ่มที่ขึ้นทะเบียนแล้ว
            </option>
            <option value="all">ทุกกลุ่ม รวมที่ยังไม่เสร็จ</option>
          </select>
          <FormatChoice />
          <p class="muted">ไฟล์ Excel มีสองแผ่นงาน: กลุ่ม และ สมาชิก (CSV มีเฉพาะทะเบียนกลุ่ม)</p>
          <p>
            <button type="submit" class="btn primary">
              ดาวน์โหลดทะเบียนกลุ่ม
            </button>
          </p>
        </form>
      </section>
      <section class="card">
        <h2>เรื่องที่ยื่น</h2>
        <form method="get" action="/staff/exports/cases">
          <label for="kind">ประเภทเรื่อง</label>
          <select id="kind" name="kind">
            <option value="" selected>
              ทุกประเภท
            </option>
            {Object.entries(caseKinds).map(([id, kind]) => (
              <option value={id}>{kind.title}</option>
            ))}
          </select>
          <FormatChoice />
          <p>
            <button type="submit" class="btn primary">
              ดาวน์โหลดเรื่องที่ยื่น
            </button>
          </p>
        </form>
      </section>
    </>
  );
}

export const exportsPages: PageModule = (app, deps) => {
  const today = () => bangkokDateOf(deps.now());
  const refuse = (c: StaffContext, problem: string) => page(c, 'ส่งออกข้อมูล', '/staff/exports', <ExportsPage today={today()} problem={problem} />, 400);

  app.get('/exports', (c) => page(c, 'ส่งออกข้อมูล', '/staff/exports', <ExportsPage today={today()} />));

  app.get('/exports/bookings', async (c) => {
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) return refuse(c, 'กรุณาเลือกวันเริ่มและวันสิ้นสุด โดยวันเริ่มต้องไม่อยู่หลังวันสิ้นสุดค่ะ');
    if (addDays(from, MAX_RANGE_DAYS) < to) return refuse(c, `ช่วงวันยาวเกินไปค่ะ เลือกได้ไม่เกิน ${MAX_RANGE_DAYS} วันต่อครั้ง`);
    const staff = c.get('staff');
    const file = await exportBookings(deps.db, staff.office.profile, { from, to }, formatOf(c), { actor: staff.userId, now: deps.now() });
    return download(c, file);
  });

  app.get('/exports/groups', async (c) => {
    const staff = c.get('staff');
    const file = await exportGroups(deps.db, staff.office.profile, { all: c.req.query('which') === 'all' }, formatOf(c), { actor: staff.userId, now: deps.now() });
    return download(c, file);
  });

  app.get('/exports/cases', async (c) => {
    const staff = c.get('staff');
    const kind = c.req.query('kind') || undefined;
    try {
      const file = await exportCases(deps.db, staff.office.profile, kind ? { kind } : {}, formatOf(c), { actor: staff.userId, now: deps.now() });
      return download(c, file);
    } catch (error) {
      if (error instanceof CasesExportError) return refuse(c, error.message);
      throw error;
    }
  });
};
