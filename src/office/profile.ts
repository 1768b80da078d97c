// The office profile: who the office is (name, area, contacts, map pin) and how it books visits
// (opening hours, slot grid, holidays, closures, services with their counters). It is read once at
// start-up from the JSON file named by OFFICE_CONFIG (the shipped example by default); a bad file
// stops start-up with one message that lists every bad field.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { groupSettingsSchema } from './group-settings';
import { mchchSettingsSchema } from './mchch-settings';
import { CLOCK_TIME_PATTERN, minutesOfDay } from './clock';
import { FIRST_BUDDHIST_ERA_YEAR, isoDate, whenValid } from './profile-fields';

export const DEFAULT_OFFICE_CONFIG_PATH = fileURLToPath(new URL('./example.json', import.meta.url));

export const SERVICE_IDS = ['elderly', 'disability', 'aids', 'mchch', 'advice'] as const;

/** LINE caps quick-reply labels and sender names at 20 characters. */
const LINE_LABEL_MAX = 20;
/** LINE caps a location message's title and address at 100 characters each. */
const LINE_LOCATION_TEXT_MAX = 100;
/** Slot lengths that divide an hour, so every slot boundary lands on the same clock minutes. */
const SLOT_MINUTES_CHOICES = [5, 10, 15, 20, 30, 60];

/** Characters as LINE counts them (code points, so Thai vowel and tone marks count too). */
function charCount(text: string): number {
  return [...text].length;
}

const text = z.string().trim().min(1, 'must not be empty');

function textUpTo(limit: number, reason: string) {
  return text.refine((value) => charCount(value) <= limit, {
    error: (issue) => `has ${charCount(String(issue.input))} characters; at most ${limit} fit ${reason}`,
  });
}

const clockTime = z.string().regex(CLOCK_TIME_PATTERN, 'must be a 24-hour time as HH:mm, e.g. "08:30"');

const intervalShape = z.strictObject({ from: clockTime, to: clockTime });

const openInterval = intervalShape.superRefine((interval, ctx) => {
  if (minutesOfDay(interval.to) <= minutesOfDay(interval.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `${interval.to} must be later than "from" (${interval.from})` });
  }
}, whenValid(intervalShape));

const dayIntervals = z.array(openInterval);

/** One day's open intervals, in order and apart; the gap between two of them is the lunch break. */
const dayHours = dayIntervals.superRefine((intervals, ctx) => {
  intervals.forEach((interval, index) => {
    const previous = intervals[index - 1];
    if (previous && minutesOfDay(interval.from) < minutesOfDay(previous.to)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'from'],
        message: `${interval.from} is before the previous interval ends (${previous.to}); list intervals in order without overlap`,
      });
    }
  });
}, whenValid(dayIntervals));

const weeklyHoursShape = z.strictObject({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});
export type WeeklyHours = z.infer<typeof weeklyHoursShape>;

const weeklyHours = weeklyHoursShape.refine(
  (week) => Object.values(week).some((intervals) => intervals.length > 0),
  'must open on at least one day of the week',
);

const holiday = z.strictObject({
  date: isoDate,
  name: text,
  /** Where the date comes from, or why it is uncertain. */
  note: text.optional(),
});

const closureShape = z.strictObject({ from: isoDate, to: isoDate, reason: text });
const closure = closureShape.refine((range) => range.from <= range.to, {
  path: ['to'],
  message: 'must be on or after "from"',
  ...whenValid(closureShape),
});

const slotMinutes = z
  .number()
  .refine((minutes) => SLOT_MINUTES_CHOICES.includes(minutes), `must be one of ${SLOT_MINUTES_CHOICES.join(', ')}`);


/**
 * The years (ค.ศ.) whose government holidays are all in `holidays`. Days in other years are not
 * offered for booking, and start-up warns when the booking horizon or a payment date reaches one.
 */
const holidayYears = z
  .array(
    z
      .number()
      .int('must be whole years')
      .min(2000, 'must be a Christian-era year (ค.ศ.), e.g. 2026')
      .max(FIRST_BUDDHIST_ERA_YEAR - 1, 'looks like a Buddhist-era year (พ.ศ.); write the Christian-era year (ค.ศ. = พ.ศ. − 543)'),
  )
  .min(1, 'must list at least one year');

/** The part of the schedule that the slot grid and the holiday years are checked against. */
const slotGridAndHolidays = z.object({
  weeklyHours,
  slotMinutes,
  holidayYears,
  holidays: z.array(z.object({ date: isoDate })),
});

const scheduleShape = z.strictObject({
  timezone: z.literal('Asia/Bangkok', 'must be "Asia/Bangkok" (times are Thai local time, UTC+7)'),
  weeklyHours,
  slotMinutes,
  holidayYears,
  holidays: z.array(holiday),
  closures: z.array(closure),
  bookingHorizonDays: z.number().int('must be a whole number of days').min(1).max(366),
  minLeadMinutes: z.number().int('must be a whole number of minutes').min(0).max(7 * 24 * 60),
  reminder: z.strictObject({ dayBeforeHour: clockTime, morningOfHour: clockTime.optional() }),
  staffAgendaHour: clockTime,
});

/** Opening and closing times must sit on the slot grid, or the last minutes of an interval go unused. */
const schedule = scheduleShape.superRefine((value, ctx) => {
  value.holidays.forEach((entry, index) => {
    const year = Number(entry.date.slice(0, 4));
    if (!value.holidayYears.includes(year)) {
      ctx.addIssue({ code: 'custom', path: ['holidays', index, 'date'], message: `${entry.date} is in ${year}, which holidayYears does not list` });
    }
  });
  for (const [day, intervals] of Object.entries(value.weeklyHours)) {
    intervals.forEach((interval, index) => {
      for (const edge of ['from', 'to'] as const) {
        if (minutesOfDay(interval[edge]) % value.slotMinutes !== 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['weeklyHours', day, index, edge],
            message: `${interval[edge]} is not on the ${value.slotMinutes}-minute slot grid`,
          });
        }
      }
    });
  }
}, whenValid(slotGridAndHolidays));

const serviceId = z.enum(SERVICE_IDS);
const durationMinutes = z.number().int('must be a whole number of minutes').min(1).max(8 * 60);

const service = z.strictObject({
  id: serviceId,
  label: textUpTo(LINE_LABEL_MAX, 'a LINE quick-reply button'),
  title: text,
  durationMinutes,
  counters: z.number().int('must be a whole number').min(1).max(50),
  /**
   * What to bring. For the allowance registrations (elderly, disability, aids) the legal documents
   * are listed from src/rules automatically; list here only what this office asks for on top.
   */
  bring: z.array(text),
});

const servicesShape = z.array(service).min(1, 'must list at least one service');
const services = servicesShape.superRefine((list, ctx) => {
  list.forEach((entry, index) => {
    if (list.findIndex((other) => other.id === entry.id) < index) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${entry.id}" is listed twice` });
    }
  });
}, whenValid(z.array(z.object({ id: z.string() }))));

const office = z.strictObject({
  name: text,
  shortName: textUpTo(LINE_LABEL_MAX, 'a LINE sender name').refine(
    (name) => !/line/i.test(name),
    'must not contain the word "LINE" (LINE rejects such sender names)',
  ),
  unit: text,
  area: z.strictObject({ subdistrict: text, district: text, province: text }),
  address: text,
  phone: z.string().regex(/^0\d{8,9}$/, 'must be 9–10 digits starting with 0, without spaces or dashes'),
  email: z.email('must be an e-mail address').optional(),
  hoursText: text,
  location: z.strictObject({
    title: textUpTo(LINE_LOCATION_TEXT_MAX, 'a LINE location message'),
    address: textUpTo(LINE_LOCATION_TEXT_MAX, 'a LINE location message'),
    latitude: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
    longitude: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
  }),
  website: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
});

const staffSettingsShape = z.strictObject({
  /**
   * Reference Q20 (a junior officer works a case, a senior approves it): when true, only an admin may
   * take the decisions that are the office's approval (a group's registration, a change to it, a มชช.
   * application forwarded to the district: Transition.approves); officers do everything else. Default
   * false: a small office's one officer does both, as the reference allows.
   */
  approvalsByAdmin: z.boolean().default(false),
});
const staffSettingsSchema = staffSettingsShape.default(() => staffSettingsShape.parse({}));

const profileShape = z.strictObject({
  /** Free text for whoever edits the file; ignored by the bot. */
  $comment: z.string().optional(),
  /**
   * With several offices: the LINE user id of this office's bot (LINE's `destination` in each
   * webhook), so POST /webhook without the office in its path finds the office. Not a secret.
   */
  botUserId: z.string().regex(/^U[0-9a-f]{32}$/, 'must be a LINE user id: U and 32 characters 0-9 a-f').optional(),
  office,
  schedule,
  services,
  /** Community groups: what the seeds leave open (./group-settings.ts); every part has a default. */
  groups: groupSettingsSchema,
  /** มชช. rounds, each dated and sourced (./mchch-settings.ts); none when the field is absent. */
  mchch: mchchSettingsSchema,
  /** Who on the staff may do what (issue 12). */
  staff: staffSettingsSchema,
});

const longestOpenInterval = (week: WeeklyHours): number =>
  Math.max(...Object.values(week).flat().map((interval) => minutesOfDay(interval.to) - minutesOfDay(interval.from)));

const serviceDurations = z.array(z.object({ durationMinutes }));

/**
 * Each service must fill whole slots and fit inside at least one open interval. The two checks
 * need different parts of the schedule, so each runs as soon as its own parts are valid.
 */
const officeProfileSchema = profileShape
  .superRefine(
    (profile, ctx) => {
      const { slotMinutes } = profile.schedule;
      profile.services.forEach((entry, index) => {
        if (entry.durationMinutes % slotMinutes !== 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'durationMinutes'],
            message: `${entry.durationMinutes} is not a multiple of schedule.slotMinutes (${slotMinutes})`,
          });
        }
      });
    },
    whenValid(z.object({ schedule: z.object({ slotMinutes }), services: serviceDurations })),
  )
  .superRefine(
    (profile, ctx) => {
      const longest = longestOpenInterval(profile.schedule.weeklyHours);
      profile.services.forEach((entry, index) => {
        if (entry.durationMinutes > longest) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'durationMinutes'],
            message: `${entry.durationMinutes} minutes fits in no open interval (the longest is ${longest} minutes)`,
          });
        }
      });
    },
    whenValid(z.object({ schedule: z.object({ weeklyHours }), services: serviceDurations })),
  );

/**
 * The office's id: which rows are its (office_id) and, with several offices, its file name and its
 * webhook path /webhook/<id>. Not written in the file; a single office is 'default'.
 */
export type OfficeProfile = z.infer<typeof officeProfileSchema> & { id: string };

export const DEFAULT_OFFICE_ID = 'default';
/** Lower-case letters, digits and '-', at most 40 characters, starting with a letter or digit. */
export const OFFICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export type ServiceId = (typeof SERVICE_IDS)[number];
export type OfficeService = OfficeProfile['services'][number];

export interface ProfileProblem {
  /** Where in the file, e.g. "schedule.weeklyHours.mon[1].from"; "(file)" when the file itself is unreadable. */
  path: string;
  problem: string;
}

export class OfficeProfileError extends Error {
  override readonly name = 'OfficeProfileError';

  constructor(
    readonly file: string,
    readonly problems: readonly ProfileProblem[],
  ) {
    super(describeProblems(file, problems));
  }
}

function describeProblems(file: string, problems: readonly ProfileProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map(({ path, problem }) => `  - ${path}: ${problem}`);
  return [`Office profile ${file} is not valid (${count}):`, ...lines].join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

const friendlyMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`;
  }
  return undefined;
};

/** Validates already-parsed JSON; `source` names it in the error (usually the file path). */
export function parseOfficeProfile(raw: unknown, source: string, id: string = DEFAULT_OFFICE_ID): OfficeProfile {
  const result = officeProfileSchema.safeParse(raw, { error: friendlyMessages });
  const problems = result.success ? [] : result.error.issues.map((issue) => ({ path: formatPath(issue.path), problem: issue.message }));
  if (!OFFICE_ID_PATTERN.test(id)) {
    problems.unshift({ path: '(office id)', problem: `"${id}" must be lower-case letters, digits and "-" (at most 40, starting with a letter or digit)` });
  }
  if (problems.length > 0 || !result.success) throw new OfficeProfileError(source, problems);
  return { ...result.data, id };
}

/** Reads and validates the office profile at `path`; throws OfficeProfileError naming every bad field. */
export function loadOfficeProfile(path: string, id: string = DEFAULT_OFFICE_ID): OfficeProfile {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new OfficeProfileError(path, [{ path: '(file)', problem: `cannot be read: ${reason}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new OfficeProfileError(path, [{ path: '(file)', problem: `is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseOfficeProfile(raw, path, id);
}
