// The workspace's bookings page (issue 12 point 3), at the server: today's and another day's visits
// in time order with the service's title, the visitor and the code; a closed day says so; a bad date
// is a 404; มาแล้ว / ไม่มา recorded through markAttendance and audited, changed on second thought,
// refused for a cancelled or a future visit; the chart's numbers are what the LINE booking offers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markAttendance } from '../../src/booking/attendance';
import { daysWithPlaces } from '../../src/booking/availability';
import { registrationOn, takesRegistration } from '../../src/booking/registration';
import { slotsForDay } from '../../src/booking/schedule';
import { cancelBooking, insertBooking } from '../../src/booking/store';
import type { AuditRow, BookingRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type ServiceId } from '../../src/office/profile';
import { CHART_DAYS } from '../../src/staff/pages/today';
import { book } from '../booking/helpers';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { signInAt, type StaffSession } from './door-helpers';

const OFFICE = 'default';
const BASE = 'https://bot.example.go.th';
const profile = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
/** Monday 23 Nov 2026, 10:00 in Bangkok. */
const NOW = '2026-11-23T03:00:00Z';
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';

let t: TestBot;
let officer: Person;
let session: StaffSession;

beforeEach(async () => {
  fake.reset();
  clock.set(NOW);
  t = await createTestBot({ env: { PUBLIC_BASE_URL: BASE } });
  officer = new Person(t);
  await addStaff(t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
  session = await signInAt(t, officer);
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

async function place(serviceId: ServiceId, date: string, start: string, name: string, phone = '0812345678', userId = `U-${name}`): Promise<BookingRow> {
  const slot = slotsForDay(profile, serviceId, date).find((s) => s.start === start);
  if (!slot) throw new Error(`no slot ${serviceId} ${date} ${start}`);
  const booked = await t.db.transaction((tx) => insertBooking(tx, OFFICE, slot, { userId, name, phone }, clock.now().getTime() - 86_400_000));
  if (!booked) throw new Error(`slot ${serviceId} ${date} ${start} is full`);
  return booked;
}

const audits = (action: string) => t.db.all<AuditRow>(q`SELECT * FROM audit_log WHERE office_id = ${OFFICE} AND action = ${action} ORDER BY id`);
const bookingIdsIn = (html: string) => [...html.matchAll(/data-booking="(\d+)"/g)].map((m) => Number(m[1]));
const attendanceOf = (id: number) =>
  t.db.get<{ attendance: string | null; attendanceBy: string | null; attendanceAt: number | null }>(q`SELECT attendance, attendance_by, attendance_at FROM bookings WHERE id = ${id}`);
/** The row of one booking in a day's list. */
const rowOf = (html: string, id: number) => new RegExp(`<tr id="booking-${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe("a day's bookings", () => {
  it("today's list: by time, with the service's Thai title, the visitor, a tel: link and the code; audited with the count", async () => {
    const late = await place('advice', TODAY, '14:00', 'สมชาย ปลายวัน', '0899999999');
    const early = await place('disability', TODAY, '09:00', 'สมหญิง เช้าตรู่', '0811111111');
    const middle = await place('elderly', TODAY, '11:00', 'สมศรี กลางวัน', '0822222222');
    const gone = await place('elderly', TODAY, '11:15', 'ยกเลิก แล้ว');
    await t.db.transaction((tx) => cancelBooking(tx, OFFICE, gone.id, gone.userId, clock.now().getTime() - 1000));
    await place('elderly', TOMORROW, '09:00', 'พรุ่งนี้ มาแน่');

    const html = await session.html('/staff');
    expect(bookingIdsIn(html)).toEqual([early.id, middle.id, late.id]);
    expect(rowOf(html, early.id)).toContain('09:00–09:15 น.');
    expect(rowOf(html, early.id)).toContain('ลงทะเบียนรับเบี้ยความพิการ');
    expect(rowOf(html, early.id)).toContain('สมหญิง เช้าตรู่');
    expect(rowOf(html, early.id)).toContain('href="tel:0811111111"');
    expect(rowOf(html, early.id)).toContain(`รหัส ${early.code}`);
    expect(rowOf(html, middle.id)).toContain('ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ');
    expect(rowOf(html, late.id)).toContain('14:00–14:30 น.');
    expect(rowOf(html, late.id)).toContain('ปรึกษาเรื่องสวัสดิการและการพัฒนาชุมชน');
    expect(html).toContain('นัดวันนี้ · วันจันทร์ที่ 23 พ.ย. 2569');
    expect(html).toContain('ทั้งหมด 3 นัด');
    expect(html).not.toContain('ยกเลิก แล้ว');
    expect(html).not.toContain('พรุ่งนี้ มาแน่');
    // Not yet marked: both buttons.
    expect(rowOf(html, early.id)).toContain('ยังไม่ได้บันทึก');
    expect(rowOf(html, early.id)).toMatch(/<button[^>]*>มาแล้ว<\/button>/);
    expect(rowOf(html, early.id)).toMatch(/<button[^>]*>ไม่มา<\/button>/);

    const views = await audits('bookings.view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actor: officer.userId, target: `bookings:${TODAY}`, detail: '3' });
    // The audit names no one.
    expect(JSON.stringify(views)).not.toContain('สมหญิง');
  });

  it("another day's URL lists that day, steps to the days around it, and cannot be marked before it comes", async () => {
    await place('elderly', TODAY, '11:00', 'วันนี้ คนเดียว');
    const visit = await place('mchch', TOMORROW, '13:00', 'พรุ่งนี้ มาแน่');
    const html = await session.html(`/staff/day/${TOMORROW}`);
    expect(bookingIdsIn(html)).toEqual([visit.id]);
    expect(html).toContain('วันอังคารที่ 24 พ.ย. 2569');
    expect(rowOf(html, visit.id)).toContain('ยื่นใบสมัครระบบมาตรฐานงานชุมชน (มชช.)');
    expect(rowOf(html, visit.id)).toContain('13:00–13:30 น.');
    expect(rowOf(html, visit.id)).toContain('บันทึกการมาได้ตั้งแต่วันนัด');
    expect(rowOf(html, visit.id)).not.toContain('<button');
    expect(html).toContain(`href="/staff/day/${TODAY}"`);
    expect(html).toContain('href="/staff/day/2026-11-25"');
    expect(html).toContain('กลับไปวันนี้');
    // Only today's page carries the chart.
    expect(html).not.toContain('id="chart"');
    expect(await audits('bookings.view')).toMatchObject([{ target: `bookings:${TOMORROW}`, detail: '1' }]);

    // The date picker is a plain GET form.
    const picked = await session.get('/staff/day?date=2026-11-25');
    expect(picked.status).toBe(303);
    expect(picked.headers.get('location')).toBe('/staff/day/2026-11-25');
  });

  it('a closed day says why: the weekend, a holiday, a closure', async () => {
    expect(await session.html('/staff/day/2026-11-28')).toContain('สำนักงานปิด (วันหยุดประจำสัปดาห์)');
    expect(await session.html('/staff/day/2026-12-07')).toContain('สำนักงานปิด: วันหยุดชดเชยวันพ่อแห่งชาติ');
    expect(await session.html('/staff/day/2026-11-19')).toContain('สำนักงานปิด: เจ้าหน้าที่ออกหน่วยรับลงทะเบียนเคลื่อนที่ตามหมู่บ้าน');
    expect(await session.html(`/staff/day/${TOMORROW}`)).not.toContain('สำนักงานปิด');
  });

  it('a date that is not a real YYYY-MM-DD is a 404 page, and nothing is audited', async () => {
    for (const path of ['/staff/day/2026-02-30', '/staff/day/tomorrow', '/staff/day/23-11-2026', '/staff/day/2569-13-01', '/staff/day?date=%3Cscript%3E']) {
      const response = await session.get(path);
      expect(response.status, path).toBe(404);
      const body = await response.text();
      expect(body).toContain('ไม่พบวันที่นี้');
      expect(body).not.toContain('<script>');
    }
    expect(await audits('bookings.view')).toEqual([]);
  });
});

describe('มาแล้ว / ไม่มา', () => {
  it('records who marked it and when, audits it, and allows a change of mind', async () => {
    const visit = await place('elderly', TODAY, '09:00', 'สมศรี ใจดี');
    await session.html('/staff');
    const response = await session.post(`/staff/bookings/${visit.id}/attendance`, { value: 'came', day: TODAY });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/staff/day/${TODAY}?m=came`);
    expect(await attendanceOf(visit.id)).toEqual({ attendance: 'came', attendanceBy: officer.userId, attendanceAt: clock.now().getTime() });
    expect(await audits('bookings.attend')).toMatchObject([{ actor: officer.userId, target: `booking:${visit.id}`, detail: 'came' }]);

    const shown = await session.html(`/staff/day/${TODAY}?m=came`);
    expect(shown).toContain('บันทึกแล้ว: มาแล้ว');
    expect(rowOf(shown, visit.id)).toContain('<span class="tag ok">มาแล้ว</span>');
    expect(rowOf(shown, visit.id)).toContain('เปลี่ยนเป็น ไม่มา');
    expect(rowOf(shown, visit.id)).not.toMatch(/<button[^>]*>มาแล้ว<\/button>/);
    expect(shown).toContain('กดผิดเปลี่ยนได้ค่ะ');

    clock.advance(60_000);
    const changed = await session.post(`/staff/bookings/${visit.id}/attendance`, { value: 'no_show', day: TODAY });
    expect(changed.headers.get('location')).toBe(`/staff/day/${TODAY}?m=changed`);
    expect(await attendanceOf(visit.id)).toEqual({ attendance: 'no_show', attendanceBy: officer.userId, attendanceAt: clock.now().getTime() });
    expect((await audits('bookings.attend')).map((row) => row.detail)).toEqual(['came', 'no_show']);
    const again = await session.html(`/staff/day/${TODAY}?m=changed`);
    expect(again).toContain('เปลี่ยนการบันทึกแล้วค่ะ');
    expect(rowOf(again, visit.id)).toContain('<span class="tag bad">ไม่มา</span>');
  });

  it('a past day may still be marked', async () => {
    const visit = await place('disability', '2026-11-18', '09:00', 'มา เมื่อวันพุธ');
    await session.html('/staff/day/2026-11-18');
    const response = await session.post(`/staff/bookings/${visit.id}/attendance`, { value: 'no_show', day: '2026-11-18' });
    expect(response.headers.get('location')).toBe('/staff/day/2026-11-18?m=no_show');
    expect((await attendanceOf(visit.id))?.attendance).toBe('no_show');
  });

  it('refuses a visit cancelled since the page was shown, a future visit, and an unknown one — changing nothing', async () => {
    const visit = await place('elderly', TODAY, '13:00', 'สมศรี ใจดี');
    const future = await place('elderly', TOMORROW, '09:00', 'พรุ่งนี้ มาแน่');
    await session.html('/staff');
    // The villager cancels from LINE while the page is open.
    await t.db.transaction((tx) => cancelBooking(tx, OFFICE, visit.id, visit.userId, clock.now().getTime()));

    const cancelled = await session.post(`/staff/bookings/${visit.id}/attendance`, { value: 'came', day: TODAY });
    expect(cancelled.headers.get('location')).toBe(`/staff/day/${TODAY}?m=cancelled`);
    expect(await session.html(`/staff/day/${TODAY}?m=cancelled`)).toContain('บันทึกไม่ได้: นัดนี้ถูกยกเลิกไปแล้วค่ะ');

    const early = await session.post(`/staff/bookings/${future.id}/attendance`, { value: 'came', day: TOMORROW });
    expect(early.headers.get('location')).toBe(`/staff/day/${TOMORROW}?m=future`);

    const unknown = await session.post('/staff/bookings/999999/attendance', { value: 'came', day: TODAY });
    expect(unknown.headers.get('location')).toBe(`/staff/day/${TODAY}?m=unknown`);
    const badValue = await session.post(`/staff/bookings/${future.id}/attendance`, { value: 'maybe', day: TODAY });
    expect(badValue.headers.get('location')).toBe(`/staff/day/${TODAY}?m=unknown`);

    expect((await attendanceOf(visit.id))?.attendance).toBeNull();
    expect((await attendanceOf(future.id))?.attendance).toBeNull();
    expect(await audits('bookings.attend')).toEqual([]);
  });
});

describe('markAttendance', () => {
  it("changes only the office's own booking", async () => {
    const visit = await place('elderly', TODAY, '09:00', 'สมศรี ใจดี');
    const other = await t.db.transaction((tx) => markAttendance(tx, 'another-office', visit.id, 'came', officer.userId, clock.now().getTime()));
    expect(other).toEqual({ ok: false, why: 'unknown' });
    expect((await attendanceOf(visit.id))?.attendance).toBeNull();
    const own = await t.db.transaction((tx) => markAttendance(tx, OFFICE, visit.id, 'came', officer.userId, clock.now().getTime()));
    expect(own).toMatchObject({ ok: true, changedMind: false, booking: { id: visit.id, attendance: 'came' } });
  });
});

describe('the chart of the coming weeks', () => {
  /** The numbers table behind the chart: date → booked, free. */
  const chartRows = (html: string) =>
    new Map([...html.matchAll(/<tr data-date="([\d-]+)" data-booked="(\d+)" data-free="(\d+)">/g)].map((m) => [m[1]!, { booked: Number(m[2]), free: Number(m[3]) }]));

  const lineOffers = async (serviceId: ServiceId) => {
    const accepts = (date: string) => takesRegistration(registrationOn(serviceId, undefined, date));
    const days = await daysWithPlaces(t.db, profile, serviceId, clock.now(), Number.POSITIVE_INFINITY, accepts);
    // The booking looks further ahead (its horizon); the chart shows four weeks of it.
    return new Map(days.filter((day) => day.date < '2026-12-21').map((day) => [day.date, day.free]));
  };

  it("per service, shows the free places the LINE booking offers each day, and the places taken", async () => {
    // One visit through the real LINE flow (เบี้ยผู้สูงอายุ, Tue 24 Nov, 09:00), more put straight in.
    const villager = new Person(t);
    await book(villager);
    await place('disability', '2026-11-25', '09:00', 'คนที่ หนึ่ง');
    await place('disability', '2026-11-25', '09:15', 'คนที่ สอง');
    await place('elderly', '2026-11-25', '10:00', 'คนที่ สาม');
    await place('elderly', '2026-11-25', '10:00', 'คนที่ สี่');

    for (const serviceId of ['elderly', 'disability'] as const) {
      const rows = chartRows(await session.html(`/staff?service=${serviceId}`));
      const offers = await lineOffers(serviceId);
      const open = [...rows].filter(([, row]) => row.free > 0);
      expect(open.map(([date]) => date), serviceId).toEqual([...offers.keys()]);
      for (const [date, row] of open) expect(row.free, `${serviceId} ${date}`).toBe(offers.get(date));
      for (const date of rows.keys()) expect(date <= '2026-12-20' && date >= TODAY, date).toBe(true);
    }
    const elderly = chartRows(await session.html('/staff?service=elderly'));
    expect(elderly.get(TOMORROW)?.booked).toBe(1);
    expect(elderly.get('2026-11-25')?.booked).toBe(2);
    // The old-age allowance takes registrations in windows: no December day is offered for it.
    expect([...elderly.keys()].some((date) => date.startsWith('2026-12'))).toBe(false);
    const disability = chartRows(await session.html('/staff?service=disability'));
    expect(disability.get('2026-11-25')?.booked).toBe(2);
    // Today counts only the slots still open to booking (an hour's lead): 11:00 onwards.
    const todayOffered = slotsForDay(profile, 'disability', TODAY).filter((slot) => slot.start >= '11:00').length;
    expect(disability.get(TODAY)).toEqual({ booked: 0, free: todayOffered });
    // Weekends are left out; the horizon is four weeks.
    expect(disability.has('2026-11-28')).toBe(false);
    expect(disability.has('2026-12-05')).toBe(false); // วันพ่อแห่งชาติ falls on a Saturday
    expect(disability.has('2026-11-30')).toBe(true);
    expect([...disability.keys()].every((date) => date < '2026-12-21')).toBe(true);
    expect(CHART_DAYS).toBe(28);
  });

  it('over all services, a day is the sum of what each service offers, and the SVG says it in words', async () => {
    await place('advice', '2026-11-26', '09:00', 'ปรึกษา หนึ่ง');
    await place('aids', '2026-11-26', '09:00', 'เอดส์ หนึ่ง');
    const html = await session.html('/staff');
    const rows = chartRows(html);
    const perService = await Promise.all(profile.services.map((service) => lineOffers(service.id)));
    for (const date of ['2026-11-24', '2026-11-26', '2026-12-01']) {
      const free = perService.reduce((sum, offers) => sum + (offers.get(date) ?? 0), 0);
      expect(rows.get(date)?.free, date).toBe(free);
    }
    expect(rows.get('2026-11-26')?.booked).toBe(2);
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain(`aria-label="วันพฤหัสบดีที่ 26 พ.ย. 2569: จองแล้ว 2 ที่ ว่าง ${rows.get('2026-11-26')!.free} ที่"`);
    expect(html).toContain('href="/staff/day/2026-11-26"');
    // A weekday holiday in the four weeks keeps its row, with its name.
    expect(html).toMatch(/data-date="2026-12-07"[\s\S]*?ปิด: /);
    // The chart is not personal data: only the list's view is audited.
    expect(await audits('bookings.view')).toHaveLength(1);
  });
});
