// The workspace's bookings page (issue 12 point 3): today's and any day's visits by time, with the
// visitor, the service, the code and whether they came; "มาแล้ว" / "ไม่มา" per visit; and on today's
// page a chart of booked and free places over the coming four weeks.
//
// Choices:
// - Attendance goes through src/booking/attendance.ts markAttendance (one guarded UPDATE), audited in
//   the same transaction. A visit may be marked on its day or later, never before (a future visit
//   cannot have come); a cancelled one is refused; marking again changes the answer (it says so).
// - The chart's figures are the LINE booking's own: slotsWithPlaces (the slots still open to booking
//   and their free places) on each day, for a service only on the days its registration rules let a
//   villager book it (takesRegistration, as the booking flow asks for someone without a check).
// - Viewing a day's list (names and phones) is audited; the chart has no personal data and is not.
import type { Child } from 'hono/jsx';
import { isAttendance, markAttendance, type AttendedBooking } from '../../booking/attendance';
import { slotsWithPlaces } from '../../booking/availability';
import { dayMonthText, dayText, timeRangeText } from '../../booking/messages';
import { registrationOn, takesRegistration } from '../../booking/registration';
import { findService, whyClosed, type ClosedReason } from '../../booking/schedule';
import { STAFF_SAY } from '../../booking/staff-messages';
import { bookingsOn } from '../../booking/store';
import { audit } from '../../db/audit';
import type { Sql } from '../../db/sql';
import { addDays, bangkokDateOf, isIsoDate, weekdayOf, WEEKDAYS } from '../../office/clock';
import type { OfficeProfile } from '../../office/profile';
import { formatPhone } from '../../thai/phone';
import { thaiWeekdayName } from '../../thai/thai-calendar';
import type { SignedIn, StaffApp, StaffContext, WorkspaceDeps } from '../context';
import { Notice, page, PostButton } from '../layout';

const HOME = '/staff';
/** How far ahead the chart looks from today. */
export const CHART_DAYS = 28;

export const TODAY_SAY = {
  title: 'นัดหมาย',
  today: 'นัดวันนี้',
  previousDay: '‹ วันก่อน',
  nextDay: 'วันถัดไป ›',
  backToToday: 'กลับไปวันนี้',
  pickDay: 'ดูวันอื่น',
  show: 'ดูนัด',
  none: 'ไม่มีนัดค่ะ',
  count: (n: number) => `ทั้งหมด ${n} นัด`,
  closed: (reason: string | null) => `สำนักงานปิด${reason ? `: ${reason}` : ' (วันหยุดประจำสัปดาห์)'}`,
  came: 'มาแล้ว',
  noShow: 'ไม่มา',
  waiting: 'ยังไม่ได้บันทึก',
  toCame: 'เปลี่ยนเป็น มาแล้ว',
  toNoShow: 'เปลี่ยนเป็น ไม่มา',
  notYet: 'บันทึกการมาได้ตั้งแต่วันนัด',
  changeNote: 'กดผิดเปลี่ยนได้ค่ะ',
  chartTitle: 'ที่ว่างในสี่สัปดาห์ข้างหน้า',
  chartAll: 'ทุกบริการ',
  chartShow: 'ดูกราฟ',
  chartBooked: 'จองแล้ว',
  chartFree: 'ว่าง',
  chartNote: 'ตัวเลขเดียวกับที่ประชาชนเห็นเมื่อจองคิวใน LINE: วันนี้นับเฉพาะช่วงเวลาที่ยังจองได้',
  chartRegistration: 'บางบริการรับเฉพาะช่วงลงทะเบียน วันนอกช่วงจึงไม่นับที่ของบริการนั้น',
  chartNumbers: 'ดูเป็นตัวเลข',
  chartClosedRow: (reason: string) => `ปิด: ${reason}`,
  notFound: 'ไม่พบวันที่นี้',
  notFoundBody: 'วันที่ต้องเขียนแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2026-12-03 ค่ะ',
} as const;

export const ATTENDANCE_NOTICES: Record<string, string> = {
  came: 'บันทึกแล้ว: มาแล้ว',
  no_show: 'บันทึกแล้ว: ไม่มา',
  changed: 'เปลี่ยนการบันทึกแล้วค่ะ',
  cancelled: 'บันทึกไม่ได้: นัดนี้ถูกยกเลิกไปแล้วค่ะ',
  future: 'บันทึกไม่ได้: ยังไม่ถึงวันนัดค่ะ',
  unknown: 'ไม่พบนัดนี้ค่ะ',
};

/** A date of a day page: a real 'YYYY-MM-DD' in a sensible range. */
export function isDayParam(value: string | undefined): value is string {
  return value !== undefined && isIsoDate(value) && value >= '2000-01-01' && value <= '2199-12-31';
}

export function dayPath(date: string): string {
  return `/staff/day/${date}`;
}

function closedText(why: ClosedReason): string {
  return TODAY_SAY.closed(why.reason);
}

/** "อังคาร 24 พ.ย.": short enough for the chart's rows. */
function shortDay(date: string): string {
  return `${thaiWeekdayName(WEEKDAYS.indexOf(weekdayOf(date)))} ${dayMonthText(date)}`;
}

// ---- the day's list -----------------------------------------------------------------------------

function AttendanceTag(props: { value: AttendedBooking['attendance'] }) {
  if (props.value === 'came') return <span class="tag ok">{TODAY_SAY.came}</span>;
  if (props.value === 'no_show') return <span class="tag bad">{TODAY_SAY.noShow}</span>;
  return <span class="tag">{TODAY_SAY.waiting}</span>;
}

function AttendanceButtons(props: { staff: SignedIn; booking: AttendedBooking; markable: boolean }) {
  const { staff, booking } = props;
  if (!props.markable) return <p class="muted">{TODAY_SAY.notYet}</p>;
  const action = `/staff/bookings/${booking.id}/attendance`;
  const fields = (value: string) => ({ value, day: booking.slotDate });
  return (
    <div class="actions">
      {booking.attendance !== 'came' && (
        <PostButton staff={staff} action={action} fields={fields('came')} label={booking.attendance ? TODAY_SAY.toCame : TODAY_SAY.came} kind="primary" />
      )}
      {booking.attendance !== 'no_show' && (
        <PostButton staff={staff} action={action} fields={fields('no_show')} label={booking.attendance ? TODAY_SAY.toNoShow : TODAY_SAY.noShow} kind="plain" />
      )}
    </div>
  );
}

function DayList(props: { staff: SignedIn; profile: OfficeProfile; visits: readonly AttendedBooking[]; markable: boolean }) {
  const { staff, profile, visits } = props;
  if (visits.length === 0) return <p class="card">{TODAY_SAY.none}</p>;
  return (
    <div class="table-wrap">
      <table class="day-list">
        <thead>
          <tr>
            <th scope="col">เวลา</th>
            <th scope="col">ผู้มาติดต่อ</th>
            <th scope="col">การมา</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((visit) => {
            const service = findService(profile, visit.serviceId);
            return (
              <tr id={`booking-${visit.id}`} data-booking={String(visit.id)}>
                <td>
                  <strong>{timeRangeText(visit.slotStart, service)}</strong>
                  <div class="muted">รหัส {visit.code}</div>
                </td>
                <td>
                  <div>{visit.name === '' ? STAFF_SAY.noName : visit.name}</div>
                  {visit.phone !== '' && (
                    <div>
                      <a href={`tel:${visit.phone}`}>{formatPhone(visit.phone)}</a>
                    </div>
                  )}
                  {visit.forWhom && <div class="muted">สำหรับ {visit.forWhom}</div>}
                  <div class="muted">{service?.title ?? visit.serviceId}</div>
                </td>
                <td>
                  <AttendanceTag value={visit.attendance} />
                  <AttendanceButtons staff={staff} booking={visit} markable={props.markable} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.markable && visits.some((visit) => visit.attendance) && <p class="muted">{TODAY_SAY.changeNote}</p>}
    </div>
  );
}

function DaySteps(props: { date: string; today: string }) {
  const { date, today } = props;
  return (
    <div class="actions">
      <a class="btn plain" href={dayPath(addDays(date, -1))}>
        {TODAY_SAY.previousDay}
      </a>
      <a class="btn plain" href={dayPath(addDays(date, 1))}>
        {TODAY_SAY.nextDay}
      </a>
      {date !== today && (
        <a class="btn plain" href={HOME}>
          {TODAY_SAY.backToToday}
        </a>
      )}
      <form method="get" action="/staff/day" class="inline actions">
        <label for="day-picker">
          {TODAY_SAY.pickDay}
        </label>
        <input type="date" id="day-picker" name="date" value={date} required />
        <button type="submit" class="btn plain">
          {TODAY_SAY.show}
        </button>
      </form>
    </div>
  );
}

// ---- the chart ----------------------------------------------------------------------------------

export interface ChartDay {
  date: string;
  /** Places in the slots still open to booking. */
  offered: number;
  free: number;
  booked: number;
  /** Why the office is shut, for a weekday it would otherwise open. */
  closed?: string;
}

/**
 * Booked and free places per day from today for `days` days, over one service or all: the LINE
 * booking's own figures (slotsWithPlaces), counting a service only on days its registration rules
 * accept. Weekends, and days no chosen service takes, are left out; a weekday holiday or closure is
 * kept, with its reason.
 */
export async function chartDays(db: Sql, profile: OfficeProfile, now: Date, serviceId?: string, days = CHART_DAYS): Promise<ChartDay[]> {
  const services = profile.services.filter((service) => serviceId === undefined || service.id === serviceId);
  const out: ChartDay[] = [];
  const first = bangkokDateOf(now);
  for (let date = first, i = 0; i < days; date = addDays(date, 1), i++) {
    if (profile.schedule.weeklyHours[weekdayOf(date)].length === 0) continue;
    const taken = services.filter((service) => takesRegistration(registrationOn(service.id, undefined, date)));
    if (taken.length === 0) continue;
    const why = whyClosed(profile, date);
    if (why) {
      out.push({ date, offered: 0, free: 0, booked: 0, closed: why.reason ?? '' });
      continue;
    }
    let offered = 0;
    let free = 0;
    for (const service of taken) {
      for (const slot of await slotsWithPlaces(db, profile, service.id, now, date)) {
        offered += slot.capacity;
        free += slot.free;
      }
    }
    if (offered > 0) out.push({ date, offered, free, booked: offered - free });
  }
  return out;
}

const CHART = { width: 340, labelWidth: 110, numberWidth: 50, row: 26, bar: 16, top: 34 } as const;
const COLOURS = { booked: '#0e7c66', free: '#c7e9df', closed: '#6b7280', ink: '#1f2937' } as const;

/** A horizontal bar per day (booked, then free), each a link to that day's list; no script, no style attribute. */
export function WeeksChart(props: { days: readonly ChartDay[] }) {
  const { days } = props;
  const most = Math.max(1, ...days.map((day) => day.offered));
  const barSpace = CHART.width - CHART.labelWidth - CHART.numberWidth;
  const height = CHART.top + days.length * CHART.row + 6;
  const scale = (n: number) => Math.round((n / most) * barSpace * 10) / 10;
  return (
    <svg class="chart" viewBox={`0 0 ${CHART.width} ${height}`} role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">
      <title id="chart-title">{`${TODAY_SAY.chartTitle}: ${TODAY_SAY.chartBooked} ${days.reduce((n, d) => n + d.booked, 0)} ที่ ${TODAY_SAY.chartFree} ${days.reduce((n, d) => n + d.free, 0)} ที่`}</title>
      <rect x="8" y="10" width="12" height="12" rx="2" fill={COLOURS.booked} />
      <text x="26" y="21" font-size="13" fill={COLOURS.ink}>
        {TODAY_SAY.chartBooked}
      </text>
      <rect x="96" y="10" width="12" height="12" rx="2" fill={COLOURS.free} />
      <text x="114" y="21" font-size="13" fill={COLOURS.ink}>
        {TODAY_SAY.chartFree}
      </text>
      <text x={CHART.width - 6} y="21" font-size="12" fill={COLOURS.closed} text-anchor="end">
        จอง/ทั้งหมด
      </text>
      {days.map((day, index) => {
        const y = CHART.top + index * CHART.row;
        const label = day.closed
          ? `${dayText(day.date)}: ${TODAY_SAY.chartClosedRow(day.closed)}`
          : `${dayText(day.date)}: ${TODAY_SAY.chartBooked} ${day.booked} ที่ ${TODAY_SAY.chartFree} ${day.free} ที่`;
        const bookedWidth = scale(day.booked);
        return (
          <a href={dayPath(day.date)} aria-label={label} data-date={day.date}>
            <title>{label}</title>
            <text x="6" y={y + 13} font-size="12" fill={COLOURS.ink}>
              {shortDay(day.date)}
            </text>
            {day.closed ? (
              <text x={CHART.labelWidth} y={y + 13} font-size="12" fill={COLOURS.closed}>
                {TODAY_SAY.chartClosedRow(day.closed).slice(0, 30)}
              </text>
            ) : (
              <>
                <rect x={CHART.labelWidth} y={y} width={scale(day.offered)} height={CHART.bar} rx="3" fill={COLOURS.free} />
                {bookedWidth > 0 && <rect x={CHART.labelWidth} y={y} width={bookedWidth} height={CHART.bar} rx="3" fill={COLOURS.booked} />}
                <text x={CHART.width - 6} y={y + 13} font-size="12" fill={COLOURS.ink} text-anchor="end">
                  {`${day.booked}/${day.offered}`}
                </text>
              </>
            )}
          </a>
        );
      })}
    </svg>
  );
}

function ChartSection(props: { profile: OfficeProfile; days: readonly ChartDay[]; serviceId: string | undefined }) {
  const { profile, days, serviceId } = props;
  return (
    <section id="chart" class="card">
      <h2>{TODAY_SAY.chartTitle}</h2>
      <form method="get" action={HOME} class="actions">
        <label for="chart-service">
          บริการ
        </label>
        <select id="chart-service" name="service">
          <option value="" selected={serviceId === undefined}>
            {TODAY_SAY.chartAll}
          </option>
          {profile.services.map((service) => (
            <option value={service.id} selected={service.id === serviceId}>
              {service.label}
            </option>
          ))}
        </select>
        <button type="submit" class="btn plain">
          {TODAY_SAY.chartShow}
        </button>
      </form>
      <div class="chart-box">
        <WeeksChart days={days} />
      </div>
      <p class="muted">{TODAY_SAY.chartNote}</p>
      <p class="muted">{TODAY_SAY.chartRegistration}</p>
      <details>
        <summary>{TODAY_SAY.chartNumbers}</summary>
        <div class="table-wrap">
          <table class="chart-numbers">
            <thead>
              <tr>
                <th scope="col">วันที่</th>
                <th scope="col">{TODAY_SAY.chartBooked}</th>
                <th scope="col">{TODAY_SAY.chartFree}</th>
                <th scope="col">ทั้งหมด</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr data-date={day.date} data-booked={String(day.booked)} data-free={String(day.free)}>
                  <td>
                    <a href={dayPath(day.date)}>{shortDay(day.date)}</a>
                  </td>
                  {day.closed ? (
                    <td colspan={3}>{TODAY_SAY.chartClosedRow(day.closed)}</td>
                  ) : (
                    <>
                      <td>{day.booked}</td>
                      <td>{day.free}</td>
                      <td>{day.offered}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

// ---- the routes ---------------------------------------------------------------------------------

function notFound(c: StaffContext) {
  return page(
    c,
    TODAY_SAY.notFound,
    HOME,
    <>
      <p>{TODAY_SAY.notFoundBody}</p>
      <p>
        <a href={HOME}>{TODAY_SAY.backToToday}</a>
      </p>
    </>,
    404,
  );
}

async function dayPage(c: StaffContext, deps: WorkspaceDeps, date: string, chart: boolean) {
  const staff = c.get('staff');
  const profile = staff.office.profile;
  const now = deps.now();
  const today = bangkokDateOf(now);
  const visits = (await bookingsOn(deps.db, staff.office.id, date)) as AttendedBooking[];
  await audit(deps.db, staff.office.id, { actor: staff.userId, action: 'bookings.view', target: `bookings:${date}`, detail: String(visits.length) }, now.getTime());
  const closed = whyClosed(profile, date);
  const serviceParam = c.req.query('service');
  const serviceId = serviceParam && findService(profile, serviceParam) ? serviceParam : undefined;
  const days = chart ? await chartDays(deps.db, profile, now, serviceId) : [];
  const body: Child = (
    <>
      <Notice c={c} messages={ATTENDANCE_NOTICES} />
      <p class="day-heading">
        <strong>{date === today ? `${TODAY_SAY.today} · ${dayText(date)}` : dayText(date)}</strong>
        <br />
        <span class="muted">{TODAY_SAY.count(visits.length)}</span>
      </p>
      {closed && <p class="warn">{closedText(closed)}</p>}
      <DaySteps date={date} today={today} />
      <DayList staff={staff} profile={profile} visits={visits} markable={date <= today} />
      {chart && <ChartSection profile={profile} days={days} serviceId={serviceId} />}
    </>
  );
  return page(c, TODAY_SAY.title, HOME, body);
}

export function todayPage(app: StaffApp, deps: WorkspaceDeps): void {
  app.get('/', (c) => dayPage(c, deps, bangkokDateOf(deps.now()), true));

  /** The date picker's GET form: ?date=YYYY-MM-DD → that day's page. */
  app.get('/day', (c) => {
    const date = c.req.query('date');
    return isDayParam(date) ? c.redirect(dayPath(date), 303) : notFound(c);
  });

  app.get('/day/:date', (c) => {
    const date = c.req.param('date');
    if (!isDayParam(date)) return notFound(c);
    return dayPage(c, deps, date, date === bangkokDateOf(deps.now()));
  });

  app.post('/bookings/:id/attendance', async (c) => {
    const staff = c.get('staff');
    const idText = c.req.param('id');
    const body = await c.req.parseBody();
    const value = body.value;
    const day = typeof body.day === 'string' && isDayParam(body.day) ? body.day : undefined;
    const back = (key: string, date = day) => c.redirect(`${date ? dayPath(date) : HOME}?m=${key}`, 303);
    if (!/^\d{1,12}$/.test(idText) || !isAttendance(value)) return back('unknown');
    const now = deps.now().getTime();
    const result = await deps.db.transaction(async (tx) => {
      const marked = await markAttendance(tx, staff.office.id, Number(idText), value, staff.userId, now);
      if (marked.ok) await audit(tx, staff.office.id, { actor: staff.userId, action: 'bookings.attend', target: `booking:${marked.booking.id}`, detail: value }, now);
      return marked;
    });
    if (!result.ok) return back(result.why);
    return back(result.changedMind ? 'changed' : value, result.booking.slotDate);
  });
}
