// Booking slots from the office profile: the lunch gap, weekends, holidays and closures, service
// durations of 15, 30 and 45 minutes, the lead time before a slot and the booking horizon.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bookableSlots,
  firstOpenDayFrom,
  holidayCoverageWarnings,
  isOpenDay,
  openDays,
  slotKey,
  slotsForDay,
  whyClosed,
  type Slot,
} from '../../src/booking/schedule';
import { DEFAULT_OFFICE_CONFIG_PATH, parseOfficeProfile } from '../../src/office/profile';

const weekday = [
  { from: '08:30', to: '12:00' },
  { from: '13:00', to: '16:30' },
];

// The example office's contact details with a schedule fixed here, so the expectations below do
// not move when the shipped holiday list is updated.
const profile = parseOfficeProfile(
  {
    ...JSON.parse(readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8')),
    schedule: {
      timezone: 'Asia/Bangkok',
      weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      slotMinutes: 15,
      holidayYears: [2026, 2027],
      holidays: [{ date: '2026-12-07', name: 'วันหยุดชดเชยวันพ่อแห่งชาติ' }],
      closures: [{ from: '2026-11-19', to: '2026-11-20', reason: 'ออกหน่วยรับลงทะเบียนเคลื่อนที่' }],
      bookingHorizonDays: 30,
      minLeadMinutes: 60,
      reminder: { dayBeforeHour: '17:00' },
      staffAgendaHour: '07:30',
    },
    services: [
      { id: 'elderly', label: 'เบี้ยผู้สูงอายุ', title: 'ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ', durationMinutes: 15, counters: 2, bring: [] },
      { id: 'mchch', label: 'ยื่นเอกสาร มชช.', title: 'ยื่นใบสมัคร มชช.', durationMinutes: 30, counters: 1, bring: [] },
      { id: 'advice', label: 'ปรึกษาเจ้าหน้าที่', title: 'ปรึกษาทั่วไป', durationMinutes: 45, counters: 1, bring: [] },
    ],
  },
  'schedule fixture',
);

/** The UTC instant of a Bangkok wall-clock time (UTC+7). */
const bangkok = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);
const starts = (slots: Slot[]) => slots.map((slot) => slot.start);
const MONDAY = '2026-11-23';

describe('slotsForDay', () => {
  it('cuts a 15-minute service into back-to-back slots, with none over lunch', () => {
    const slots = slotsForDay(profile, 'elderly', MONDAY);
    expect(slots).toHaveLength(28);
    expect(slots[0]).toEqual({
      serviceId: 'elderly',
      date: MONDAY,
      start: '08:30',
      end: '08:45',
      startsAt: new Date('2026-11-23T01:30:00Z'),
      capacity: 2,
    });
    expect(starts(slots)).toContain('11:45');
    expect(starts(slots).filter((start) => start >= '12:00' && start < '13:00')).toEqual([]);
    expect(slots.at(-1)).toMatchObject({ start: '16:15', end: '16:30' });
  });

  it.each([
    ['mchch', 30, ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']],
    ['advice', 45, ['08:30', '09:15', '10:00', '10:45', '13:00', '13:45', '14:30', '15:15']],
  ] as const)('fits %s (%i minutes) inside each interval without overlap', (serviceId, minutes, expectedStarts) => {
    const slots = slotsForDay(profile, serviceId, MONDAY);
    expect(starts(slots)).toEqual(expectedStarts);
    for (const slot of slots) {
      expect(slot.startsAt.getTime() + minutes * 60_000).toBe(bangkok(MONDAY, slot.end).getTime());
      const inside = weekday.some((interval) => interval.from <= slot.start && slot.end <= interval.to);
      expect(inside).toBe(true);
    }
  });

  it('gives a slot the capacity of its service counters', () => {
    expect(slotsForDay(profile, 'mchch', MONDAY).every((slot) => slot.capacity === 1)).toBe(true);
  });

  it('refuses a service the office does not offer', () => {
    expect(() => slotsForDay(profile, 'aids', MONDAY)).toThrow(/no service "aids"/);
  });
});

describe('open and closed days', () => {
  it.each([
    ['2026-11-18', 'Wednesday', null],
    ['2026-11-19', 'first day of a closure', { kind: 'closure', reason: 'ออกหน่วยรับลงทะเบียนเคลื่อนที่' }],
    ['2026-11-20', 'last day of a closure', { kind: 'closure', reason: 'ออกหน่วยรับลงทะเบียนเคลื่อนที่' }],
    ['2026-11-21', 'Saturday', { kind: 'weekly', reason: null }],
    ['2026-11-22', 'Sunday', { kind: 'weekly', reason: null }],
    ['2026-11-23', 'Monday', null],
    ['2026-12-07', 'substitute holiday', { kind: 'holiday', reason: 'วันหยุดชดเชยวันพ่อแห่งชาติ' }],
    ['2026-12-08', 'Tuesday after the holiday', null],
  ])('%s (%s)', (date, _what, closed) => {
    expect(whyClosed(profile, date)).toEqual(closed);
    expect(isOpenDay(profile, date)).toBe(closed === null);
    expect(slotsForDay(profile, 'elderly', date).length > 0).toBe(closed === null);
  });
});

describe('dates that are not ISO', () => {
  it.each(['23/11/2569', '2026-11-3', '2026-02-30', '23 พ.ย. 69', ''])('"%s" is rejected', (date) => {
    expect(() => slotsForDay(profile, 'elderly', date)).toThrow(RangeError);
    expect(() => isOpenDay(profile, date)).toThrow(RangeError);
    expect(() => bookableSlots(profile, 'elderly', bangkok(MONDAY, '08:00'), date)).toThrow(RangeError);
  });
});

describe('bookableSlots', () => {
  it.each([
    ['07:00', '08:30'],
    ['08:00', '09:00'], // exactly the 60-minute lead time: still bookable
    ['08:01', '09:15'],
    ['11:00', '13:00'], // nothing in the lunch gap
    ['15:15', '16:15'],
  ])('at %s on the day, the first bookable 15-minute slot is %s', (now, firstStart) => {
    expect(bookableSlots(profile, 'elderly', bangkok(MONDAY, now), MONDAY)[0]?.start).toBe(firstStart);
  });

  it('offers nothing later on the day once the last slot is within the lead time', () => {
    expect(bookableSlots(profile, 'elderly', bangkok(MONDAY, '15:16'), MONDAY)).toEqual([]);
  });

  it('offers nothing on a past day', () => {
    expect(bookableSlots(profile, 'elderly', bangkok(MONDAY, '07:00'), '2026-11-18')).toEqual([]);
  });

  it('offers the whole day up to the horizon and nothing after it', () => {
    const now = bangkok(MONDAY, '10:00');
    expect(bookableSlots(profile, 'elderly', now, '2026-12-23')).toHaveLength(28);
    expect(bookableSlots(profile, 'elderly', now, '2026-12-24')).toEqual([]);
  });

  it('counts the horizon from the Bangkok date, not the UTC date', () => {
    const justAfterMidnight = bangkok(MONDAY, '00:30'); // still 22 November in UTC
    expect(bookableSlots(profile, 'elderly', justAfterMidnight, '2026-12-23')).toHaveLength(28);
  });

  it('offers nothing for a Buddhist-era year that slipped through as ISO', () => {
    expect(bookableSlots(profile, 'elderly', bangkok(MONDAY, '10:00'), '2569-11-23')).toEqual([]);
  });
});

describe('openDays', () => {
  const wednesdayMorning = bangkok('2026-11-18', '10:00');

  it('skips closures, weekends and holidays, and stops at the horizon', () => {
    const days = openDays(profile, wednesdayMorning);
    expect(days.slice(0, 4)).toEqual(['2026-11-18', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect(days).not.toContain('2026-12-07');
    expect(days.at(-1)).toBe('2026-12-18');
    expect(days).toHaveLength(20); // 1 + 5 + 5 + 4 (7 Dec off) + 5 weekdays
  });

  it('returns at most the number asked for', () => {
    expect(openDays(profile, wednesdayMorning, 3)).toEqual(['2026-11-18', '2026-11-23', '2026-11-24']);
  });

  it.each([
    ['15:15', true], // the 16:15 slot is exactly an hour away
    ['15:16', false],
  ])('at %s, today is offered: %s', (time, offered) => {
    expect(openDays(profile, bangkok('2026-11-18', time), 1)).toEqual([offered ? '2026-11-18' : '2026-11-23']);
  });
});

describe('the years the holiday list covers', () => {
  it('offers no day in a year whose holidays are not listed, and says why', () => {
    expect(whyClosed(profile, '2028-01-04')).toEqual({ kind: 'no-calendar', reason: 'ยังไม่ได้ลงวันหยุดราชการปี 2571 ในระบบ' });
    expect(slotsForDay(profile, 'elderly', '2028-01-04')).toEqual([]);
    const lateDecember = bangkok('2027-12-20', '10:00');
    expect(openDays(profile, lateDecember).at(-1)).toBe('2027-12-31');
  });

  it('warns when the booking horizon or a payment date the bot states runs past the list', () => {
    expect(holidayCoverageWarnings(profile, bangkok('2027-12-20', '10:00'))).toEqual([
      expect.stringContaining('booking horizon reaches 2028-01-19'),
      expect.stringContaining('payment dates up to 2030-09-30'),
    ]);
    const covered = { ...profile, schedule: { ...profile.schedule, holidayYears: [2026, 2027, 2028, 2029] } };
    expect(holidayCoverageWarnings(covered, bangkok('2026-11-23', '10:00'))).toEqual([]);
  });

  it('the first open day from a date skips holidays, weekends and closures; past the list, weekends and closures', () => {
    expect(firstOpenDayFrom(profile, '2026-12-05')).toBe('2026-12-08'); // Sat, Sun, then the substitute holiday
    expect(firstOpenDayFrom(profile, '2026-11-19')).toBe('2026-11-23'); // the closure, then the weekend
    expect(firstOpenDayFrom(profile, '2026-11-24')).toBe('2026-11-24');
    expect(firstOpenDayFrom(profile, '2028-01-01')).toBe('2028-01-03'); // Saturday → Monday, holidays unknown
  });
});

describe('slotKey', () => {
  it('names a slot by service, date and start', () => {
    const slot = slotsForDay(profile, 'elderly', MONDAY).find((entry) => entry.start === '09:00');
    expect(slot && slotKey(slot)).toBe('elderly|2026-11-23|09:00');
  });

  it('is unique across every service and slot of a day', () => {
    const keys = (['elderly', 'mchch', 'advice'] as const).flatMap((id) => slotsForDay(profile, id, MONDAY).map(slotKey));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
