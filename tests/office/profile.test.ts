// The office profile: the shipped example loads and is sound, and every kind of bad field is named
// (path and problem) in one start-up error, several at once.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weekdayOf } from '../../src/office/clock';
import {
  DEFAULT_OFFICE_CONFIG_PATH,
  OfficeProfileError,
  SERVICE_IDS,
  loadOfficeProfile,
  parseOfficeProfile,
  type ProfileProblem,
} from '../../src/office/profile';

// The example as raw JSON, so each test can break one field of an otherwise valid profile.
type RawProfile = any;
const exampleJson = readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8');
const freshExample = (): RawProfile => JSON.parse(exampleJson);

function problemsAfter(breakIt: (profile: RawProfile) => void): readonly ProfileProblem[] {
  const profile = freshExample();
  breakIt(profile);
  try {
    parseOfficeProfile(profile, 'office.json');
  } catch (error) {
    if (error instanceof OfficeProfileError) return error.problems;
    throw error;
  }
  return [];
}

describe('the shipped example profile', () => {
  const profile = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);

  it('is found by an absolute default path', () => {
    expect(isAbsolute(DEFAULT_OFFICE_CONFIG_PATH)).toBe(true);
    expect(DEFAULT_OFFICE_CONFIG_PATH).toMatch(/src[\\/]office[\\/]example\.json$/);
  });

  it('describes a Thai office with a LINE-sized short name and map pin', () => {
    expect(profile.office.name).toBe('เทศบาลตำบลบ้านหนองบัว');
    expect([...profile.office.shortName].length).toBeLessThanOrEqual(20);
    expect(profile.office.location.latitude).toBeGreaterThan(5);
    expect(profile.office.location.latitude).toBeLessThan(21);
    expect(profile.schedule.timezone).toBe('Asia/Bangkok');
  });

  it('offers every service, registrations in 15 minutes as the seed manuals budget', () => {
    expect(profile.services.map((service) => service.id).sort()).toEqual([...SERVICE_IDS].sort());
    for (const id of ['elderly', 'disability', 'aids'] as const) {
      expect(profile.services.find((service) => service.id === id)?.durationMinutes).toBe(15);
    }
    // Allowance registrations take their documents from the rules; the others are listed here.
    for (const service of profile.services.filter((s) => !['elderly', 'disability', 'aids'].includes(s.id))) {
      expect(service.bring.length).toBeGreaterThan(0);
    }
  });

  it('opens Monday to Friday with a lunch gap and closes at the weekend', () => {
    const weekday = [
      { from: '08:30', to: '12:00' },
      { from: '13:00', to: '16:30' },
    ];
    const { weeklyHours } = profile.schedule;
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) expect(weeklyHours[day]).toEqual(weekday);
    expect(weeklyHours.sat).toEqual([]);
    expect(weeklyHours.sun).toEqual([]);
  });

  it.each([
    ['2026-01-01', 'วันขึ้นปีใหม่'],
    ['2026-04-13', 'วันสงกรานต์'],
    ['2026-06-01', 'วันหยุดชดเชยวันวิสาขบูชา'],
    ['2026-12-07', 'วันหยุดชดเชยวันพ่อแห่งชาติ'],
    ['2027-04-15', 'วันสงกรานต์'],
    ['2027-12-31', 'วันสิ้นปี'],
    ['2026-05-11', 'วันพืชมงคล'],
  ])('lists %s as %s', (date, name) => {
    expect(profile.schedule.holidays.find((holiday) => holiday.date === date)?.name).toBe(name);
  });

  it('says which years its holiday list covers', () => {
    expect(profile.schedule.holidayYears).toEqual([2026, 2027]);
  });

  it('lists each holiday date once, within 2026–2027', () => {
    const dates = profile.schedule.holidays.map((holiday) => holiday.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) expect(date >= '2026-01-01' && date <= '2027-12-31').toBe(true);
  });

  it('puts every substitute holiday on a weekday', () => {
    const substitutes = profile.schedule.holidays.filter((holiday) => holiday.name.startsWith('วันหยุดชดเชย'));
    expect(substitutes.length).toBeGreaterThan(0);
    for (const holiday of substitutes) expect(['sat', 'sun']).not.toContain(weekdayOf(holiday.date));
  });
});

describe('a bad field is named with its path and problem', () => {
  // [what is wrong, how to break the example, path reported, problem reported]
  const cases: [string, (profile: RawProfile) => void, string, RegExp][] = [
    ['short name too long', (p) => (p.office.shortName = 'เทศบาลตำบลบ้านหนองบัวใหญ่'), 'office.shortName', /25 characters; at most 20/],
    ['short name says LINE', (p) => (p.office.shortName = 'LINE หนองบัว'), 'office.shortName', /must not contain the word "LINE"/],
    ['missing unit', (p) => delete p.office.unit, 'office.unit', /is required/],
    ['blank name', (p) => (p.office.name = '   '), 'office.name', /must not be empty/],
    ['phone with dashes', (p) => (p.office.phone = '043-000-111'), 'office.phone', /digits/],
    ['bad e-mail', (p) => (p.office.email = 'welfare at bannongbua'), 'office.email', /e-mail/],
    ['plain-http website', (p) => (p.office.website = 'http://www.bannongbua.example'), 'office.website', /https/],
    ['long map title', (p) => (p.office.location.title = 'ก'.repeat(101)), 'office.location.title', /at most 100/],
    ['latitude off the globe', (p) => (p.office.location.latitude = 116.4), 'office.location.latitude', /between -90 and 90/],
    ['longitude off the globe', (p) => (p.office.location.longitude = -181), 'office.location.longitude', /between -180 and 180/],
    ['other time zone', (p) => (p.schedule.timezone = 'Asia/Tokyo'), 'schedule.timezone', /Asia\/Bangkok/],
    ['time without leading zero', (p) => (p.schedule.weeklyHours.tue[0].from = '8:30'), 'schedule.weeklyHours.tue[0].from', /HH:mm/],
    ['interval ends before it starts', (p) => (p.schedule.weeklyHours.wed[1] = { from: '16:30', to: '13:00' }), 'schedule.weeklyHours.wed[1].to', /later than "from"/],
    ['intervals overlap', (p) => (p.schedule.weeklyHours.mon[1].from = '11:30'), 'schedule.weeklyHours.mon[1].from', /before the previous interval ends \(12:00\)/],
    ['intervals out of order', (p) => p.schedule.weeklyHours.fri.reverse(), 'schedule.weeklyHours.fri[1].from', /before the previous interval ends \(16:30\)/],
    ['time off the slot grid', (p) => (p.schedule.weeklyHours.thu[0].from = '08:20'), 'schedule.weeklyHours.thu[0].from', /not on the 15-minute slot grid/],
    ['never open', (p) => (p.schedule.weeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }), 'schedule.weeklyHours', /at least one day/],
    ['odd slot length', (p) => (p.schedule.slotMinutes = 7), 'schedule.slotMinutes', /one of 5, 10, 15/],
    ['impossible holiday date', (p) => (p.schedule.holidays[0].date = '2026-02-30'), 'schedule.holidays[0].date', /real date as YYYY-MM-DD/],
    ['holiday in Buddhist era', (p) => (p.schedule.holidays[0].date = '2569-01-01'), 'schedule.holidays[0].date', /Buddhist-era year/],
    ['holiday without a name', (p) => (p.schedule.holidays[1].name = ''), 'schedule.holidays[1].name', /must not be empty/],
    ['holiday in a year not covered', (p) => (p.schedule.holidays[0].date = '2028-01-03'), 'schedule.holidays[0].date', /2028, which holidayYears does not list/],
    ['holiday years in Buddhist era', (p) => (p.schedule.holidayYears = [2569]), 'schedule.holidayYears[0]', /Buddhist-era year/],
    ['no holiday years', (p) => delete p.schedule.holidayYears, 'schedule.holidayYears', /is required/],
    ['closure ends before it starts', (p) => (p.schedule.closures[0].to = '2026-11-18'), 'schedule.closures[0].to', /on or after "from"/],
    ['fractional horizon', (p) => (p.schedule.bookingHorizonDays = 1.5), 'schedule.bookingHorizonDays', /whole number/],
    ['negative lead time', (p) => (p.schedule.minLeadMinutes = -5), 'schedule.minLeadMinutes', /./],
    ['reminder hour in words', (p) => (p.schedule.reminder.dayBeforeHour = '5pm'), 'schedule.reminder.dayBeforeHour', /HH:mm/],
    ['agenda at 24:00', (p) => (p.schedule.staffAgendaHour = '24:00'), 'schedule.staffAgendaHour', /HH:mm/],
    ['misspelt field', (p) => (p.schedule.slotMinute = 15), 'schedule', /unknown field "slotMinute"/],
    ['no services', (p) => (p.services = []), 'services', /at least one service/],
    ['service listed twice', (p) => (p.services[2].id = 'elderly'), 'services[2].id', /"elderly" is listed twice/],
    ['unknown service', (p) => (p.services[4].id = 'housing'), 'services[4].id', /elderly/],
    ['label too long for a button', (p) => (p.services[3].label = 'ยื่นเอกสารระบบมาตรฐานงานชุมชน'), 'services[3].label', /at most 20 fit a LINE quick-reply button/],
    ['duration off the slot grid', (p) => (p.services[1].durationMinutes = 20), 'services[1].durationMinutes', /not a multiple of schedule.slotMinutes \(15\)/],
    ['duration longer than any interval', (p) => (p.services[0].durationMinutes = 240), 'services[0].durationMinutes', /no open interval \(the longest is 210 minutes\)/],
    ['no counter', (p) => (p.services[0].counters = 0), 'services[0].counters', /./],
  ];

  it.each(cases)('%s', (_what, breakIt, path, problem) => {
    const problems = problemsAfter(breakIt);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.problem).toMatch(problem);
  });

  it('accepts the example untouched', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });
});

describe('the start-up error', () => {
  const folder = mkdtempSync(join(tmpdir(), 'office-profile-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function writeProfile(name: string, content: string): string {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  }

  it('names the file and every bad field, across sections, in one message', () => {
    const profile = freshExample();
    profile.office.phone = '043 000 111';
    profile.schedule.weeklyHours.mon[1].from = '11:30';
    profile.services[1].durationMinutes = 20;
    profile.services[3].label = 'ยื่นเอกสารระบบมาตรฐานงานชุมชน';
    const path = writeProfile('several.json', JSON.stringify(profile));

    const error = (() => {
      try {
        loadOfficeProfile(path);
      } catch (thrown) {
        return thrown;
      }
    })();

    expect(error).toBeInstanceOf(OfficeProfileError);
    const { message, file, problems } = error as OfficeProfileError;
    expect(file).toBe(path);
    expect(problems.map((entry) => entry.path).sort()).toEqual([
      'office.phone',
      'schedule.weeklyHours.mon[1].from',
      'services[1].durationMinutes',
      'services[3].label',
    ]);
    expect(message.split('\n')[0]).toBe(`Office profile ${path} is not valid (4 problems):`);
    for (const { path: fieldPath, problem } of problems) expect(message).toContain(`  - ${fieldPath}: ${problem}`);
  });

  it('says when the file is missing', () => {
    const path = join(folder, 'missing.json');
    expect(() => loadOfficeProfile(path)).toThrow(`Office profile ${path} is not valid (1 problem):\n  - (file): cannot be read: file not found`);
  });

  it('says when the file is not JSON', () => {
    const path = writeProfile('broken.json', '{ "office": { "name": "ทต.", } }');
    expect(() => loadOfficeProfile(path)).toThrow(/\(file\): is not valid JSON/);
  });

  it('says when the file holds something other than an object', () => {
    const path = writeProfile('list.json', '[]');
    expect(() => loadOfficeProfile(path)).toThrow(/\(top level\): /);
  });

  it('reads a file saved with a byte-order mark, as Windows editors do', () => {
    const path = writeProfile('bom.json', `\uFEFF${exampleJson}`);
    expect(loadOfficeProfile(path).office.shortName).toBe('ทต.บ้านหนองบัว');
  });
});
