// Reading a typed booking day, time and name: days ahead without a year, day numbers alone, Thai
// digits and words, and the reasons given when something cannot be read.
import { describe, expect, it } from 'vitest';
import { readAgendaDay, readBookingDay, readClockTime, readVisitorName } from '../../src/booking/input';

const MONDAY = { year: 2026, month: 11, day: 23 };
const LATE_DECEMBER = { year: 2026, month: 12, day: 28 };

describe('readBookingDay', () => {
  it.each([
    ['วันนี้', MONDAY, '2026-11-23'],
    ['พรุ่งนี้ค่ะ', MONDAY, '2026-11-24'],
    ['มะรืนนี้', MONDAY, '2026-11-25'],
    ['25 พ.ย.', MONDAY, '2026-11-25'],
    ['25/11', MONDAY, '2026-11-25'],
    ['๒๕ พฤศจิกายน', MONDAY, '2026-11-25'],
    ['1 ธ.ค. 2569', MONDAY, '2026-12-01'],
    ['2026-12-01', MONDAY, '2026-12-01'],
    ['วันที่ 30', MONDAY, '2026-11-30'],
    ['23', MONDAY, '2026-11-23'],
    ['20', MONDAY, '2026-12-20'],
    ['5 ม.ค.', LATE_DECEMBER, '2027-01-05'],
    ['31', { year: 2026, month: 11, day: 23 }, '2026-12-31'],
    ['20 พ.ย. 2569', MONDAY, '2026-11-20'],
    // A request word in front, as people type it (issue 7, point 15).
    ['นัดวันที่ 18 ธ.ค.', MONDAY, '2026-12-18'],
    ['ขอวันที่ 18 ธ.ค. ค่ะ', MONDAY, '2026-12-18'],
    ['จองวันที่ 25', MONDAY, '2026-11-25'],
    ['ขอนัด 18 ธ.ค.', MONDAY, '2026-12-18'],
    ['เอา ๒๐ ธ.ค.', MONDAY, '2026-12-20'],
  ])('"%s" → %s', (typed, today, date) => {
    expect(readBookingDay(typed, today)).toEqual({ ok: true, date });
  });

  it.each([
    ['เร็วๆ นี้', 'unreadable'],
    ['', 'unreadable'],
    ['พ.ย.', 'no-day'],
    ['พ.ย. 2569', 'no-day'],
    ['31 พ.ย.', 'bad-day'],
    ['32', 'bad-day'],
    ['0', 'bad-day'],
  ])('"%s" cannot be read: %s', (typed, reason) => {
    expect(readBookingDay(typed, MONDAY)).toEqual({ ok: false, reason });
  });
});

describe('readAgendaDay (staff: "นัดวันที่ …")', () => {
  const DECEMBER_FIRST = { year: 2026, month: 12, day: 1 };
  it.each([
    ['18 พ.ย.', '2026-11-18'], // a recent day, not next year's
    ['18 ธ.ค.', '2026-12-18'],
    ['5 ม.ค.', '2027-01-05'],
    ['5', '2026-12-05'], // a bare day: this month's, not October's
    ['28', '2026-11-28'], // …or one of the last few days
    ['พรุ่งนี้', '2026-12-02'],
    ['18/12/2569', '2026-12-18'],
  ])('"%s" on 1 ธ.ค. 2569 → %s', (typed, date) => {
    expect(readAgendaDay(typed, DECEMBER_FIRST)).toEqual({ ok: true, date });
  });
});

describe('readClockTime', () => {
  it.each([
    ['09:00', '09:00'],
    ['9:30', '09:30'],
    ['9.30', '09:30'],
    ['๑๓.๑๕ น.', '13:15'],
    ['เวลา 14:00 ค่ะ', '14:00'],
    ['16.00 นาฬิกา', '16:00'],
    // The times people say: บ่าย N (โมง) is N after noon, N โมงเย็น likewise, N โมง(เช้า) in the morning.
    ['บ่ายสอง', '14:00'],
    ['บ่ายสองโมง', '14:00'],
    ['บ่าย 2 โมงครึ่ง', '14:30'],
    ['บ่ายโมง', '13:00'],
    ['บ่ายโมงครึ่งค่ะ', '13:30'],
    ['บ่ายสามโมง', '15:00'],
    ['สี่โมงเย็น', '16:00'],
    ['สิบโมง', '10:00'],
    ['10 โมงครึ่ง', '10:30'],
    ['สิบเอ็ดโมง', '11:00'],
    ['เก้าโมงเช้า', '09:00'],
    ['สามโมงเช้า', '09:00'],
    ['แปดโมงครึ่ง', '08:30'],
    ['เที่ยง', '12:00'],
    ['เที่ยงครึ่ง', '12:30'],
    ['9 โมง', '09:00'],
    ['14 น.', '14:00'],
    ['9 นาฬิกา', '09:00'],
  ])('"%s" → %s', (typed, time) => {
    expect(readClockTime(typed)).toBe(time);
  });

  // "สองโมง" alone could be 08:00 or 14:00: asked again rather than guessed.
  it.each(['สองโมง', 'บ่ายสิบ', 'เจ็ดโมงเย็น', '24:00', '9:60', '930', ''])('"%s" is not a time', (typed) => {
    expect(readClockTime(typed)).toBeUndefined();
  });
});

describe('readVisitorName', () => {
  it('tidies a name as typed', () => {
    expect(readVisitorName('  สมศรี\u200b   ใจดี ')).toEqual({ ok: true, name: 'สมศรี ใจดี' });
    expect(readVisitorName('Somsri Jaidee')).toEqual({ ok: true, name: 'Somsri Jaidee' });
  });

  it.each([
    ['ก', 'too-short'],
    ['081-234-5678', 'looks-like-phone'],
    ['สมศรี 0812345678', 'looks-like-phone'],
    ['-- ..', 'no-letters'],
    ['ก'.repeat(81), 'too-long'],
  ])('"%s" is refused: %s', (typed, reason) => {
    expect(readVisitorName(typed)).toEqual({ ok: false, reason });
  });
});
