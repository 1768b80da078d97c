// "จองคิว": booking a time at the office, one question at a time — service, day, time, name, phone,
// then a summary to confirm. With the param `service` (e.g. from the eligibility answer) the service
// question is skipped; with `reschedule` (a booking id, from "นัดหมายของฉัน") the same steps move that
// booking, keeping its name and phone. The place is taken at the confirmation by one guarded
// statement; a slot that filled meanwhile gets an apology and the next free choices.
import { activeBookingOf, bookVisit, moveVisit } from '../booking/actions';
import { anyBookableDay, dayProblem, daysWithPlaces, slotsWithPlaces, type OpenDay, type OpenSlot } from '../booking/availability';
import { dayReasonText, nameReasonText, readBookingDay, readClockTime, readVisitorName } from '../booking/input';
import {
  SAY,
  bookedMessages,
  dayProblemText,
  dayQuestion,
  dayMonthText,
  dayText,
  fullyBookedText,
  goItem,
  goneMessages,
  menuItem,
  summary,
  timeQuestion,
  whenText,
} from '../booking/messages';
import { paymentDelay, registrationOn, takesRegistration, type PaymentDelay } from '../booking/registration';
import { bookableSlots, findService, firstOpenDayFrom, lastOpenBookableDate } from '../booking/schedule';
import { findBooking, lastVisitor, upcomingBookings } from '../booking/store';
import { factsOfCheck } from '../db/eligibility';
import type { BookingRow } from '../db/schema';
import { text, type Message } from '../line/messages';
import { addDays, bangkokDateOf, bangkokInstant, isIsoDate } from '../office/clock';
import type { OfficeService, ServiceId } from '../office/profile';
import { formatThaiRange, type Decision, type Facts } from '../rules';
import { bangkokToday, toIso } from '../thai/calendar';
import { formatThaiMonthYear } from '../thai/date-format';
import { formatBaht } from '../thai/numbers';
import { formatPhone, parsePhone, phoneReasonText } from '../thai/phone';
import type { Entry, Flow, FlowContext, Next, Step } from './types';

/**
 * Upcoming visits one LINE account may hold at once: enough for a family booking for a parent and a
 * grandparent, too few for one account to empty a busy day's slots.
 */
export const MAX_UPCOMING_VISITS = 3;

/** Day buttons shown at once; other days through the date picker or typed. */
const DAY_BUTTONS = 8;
const OTHER_DAY = 'other-day';
const PREVIOUS = 'previous';
const YES = 'yes';
const BOTH = 'both';
const OTHER_TIME = 'other-time';

interface BookingAnswers {
  service?: ServiceId;
  /** The eligibility check whose card started the booking: whose registration window and money apply. */
  check?: number;
  /** The booking being moved, when the flow was started to reschedule. */
  reschedule?: number;
  day?: string;
  time?: string;
  /** The answer to "you already have a visit then — book both?" */
  clash?: typeof BOTH | typeof OTHER_TIME;
  name?: string;
  phone?: string;
}

const answersOf = (ctx: FlowContext) => ctx.answers as BookingAnswers;

function serviceOf(ctx: FlowContext): OfficeService {
  const service = findService(ctx.services.office, answersOf(ctx).service ?? '');
  if (!service) throw new Error('booking: the chosen service is no longer in the office profile');
  return service;
}

async function movingOf(ctx: FlowContext): Promise<BookingRow | undefined> {
  const id = answersOf(ctx).reschedule;
  return id === undefined ? undefined : findBooking(ctx.tx, ctx.services.office.id, id);
}

function isSlotOf(booking: BookingRow | undefined, slot: Pick<OpenSlot, 'date' | 'start'>): boolean {
  return booking !== undefined && booking.slotDate === slot.date && booking.slotStart === slot.start;
}

// ---- the allowance rules on a visit day (src/booking/registration) ------------------------------

async function factsOf(ctx: FlowContext): Promise<Facts | undefined> {
  const check = answersOf(ctx).check;
  return check === undefined ? undefined : factsOfCheck(ctx.tx, ctx.services.office.id, check, ctx.userId);
}

type DayRules = (date: string) => Decision | undefined;

/** Per turn (a context lives for one call of a step), the rules' answers already worked out. */
const rulesOfTurn = new WeakMap<FlowContext, Map<string, DayRules>>();

/** The rules' answer for registering on each day asked about, worked out once per day and turn. */
async function registrationDays(ctx: FlowContext, service: OfficeService): Promise<DayRules> {
  const key = `${service.id}|${answersOf(ctx).check ?? ''}`;
  const ofTurn = rulesOfTurn.get(ctx) ?? new Map<string, DayRules>();
  rulesOfTurn.set(ctx, ofTurn);
  const known = ofTurn.get(key);
  if (known) return known;
  const facts = await factsOf(ctx);
  const seen = new Map<string, Decision | undefined>();
  const rules: DayRules = (date) => {
    if (!seen.has(date)) seen.set(date, registrationOn(service.id, facts, date));
    return seen.get(date);
  };
  ofTurn.set(key, rules);
  return rules;
}

/** The days of the horizon with a free place that count for the service (inside its window). */
async function usableDays(ctx: FlowContext, service: OfficeService, limit: number, known?: DayRules): Promise<OpenDay[]> {
  const rules = known ?? (await registrationDays(ctx, service));
  return daysWithPlaces(ctx.tx, ctx.services.office, service.id, ctx.now, limit, (date) => takesRegistration(rules(date)));
}

function lossText(delay: PaymentDelay): string {
  return `${delay.months} เดือน` + (delay.baht !== undefined ? ` (ประมาณ ${formatBaht(delay.baht)})` : '');
}

const monthText = (m: { year: number; month: number }) => formatThaiMonthYear(m.year, m.month);

/** What registering on `date` costs against the soonest usable day, when it starts the money later. */
async function delayOn(ctx: FlowContext, service: OfficeService, date: string): Promise<PaymentDelay | undefined> {
  const rules = await registrationDays(ctx, service);
  const soonest = (await usableDays(ctx, service, 1, rules))[0];
  return soonest ? paymentDelay(rules(soonest.date), rules(date)) : undefined;
}

/** Notes above the day buttons: that only registration days are offered, and the day the money slips. */
async function dayNotes(ctx: FlowContext, service: OfficeService): Promise<string[]> {
  const rules = await registrationDays(ctx, service);
  const days = await usableDays(ctx, service, Number.POSITIVE_INFINITY, rules);
  const notes: string[] = [];
  if (days.length > 0 && rules(days[0]!.date) && (await daysWithPlaces(ctx.tx, ctx.services.office, service.id, ctx.now, Number.POSITIVE_INFINITY)).length > days.length) {
    notes.push(SAY.onlyRegistrationDays);
  }
  const soonest = days[0] && rules(days[0].date);
  const slips = days.findIndex((day) => paymentDelay(soonest, rules(day.date)) !== undefined);
  if (slips > 0) {
    const delay = paymentDelay(soonest, rules(days[slips]!.date))!;
    notes.push(SAY.paymentWarning(dayText(days[slips - 1]!.date), monthText(delay.soonest), monthText(delay.later), lossText(delay)));
  }
  return notes;
}

/**
 * When the service takes registrations only in windows and no day of the horizon is in one: why,
 * and when the next window opens (on an open day of the office); undefined otherwise.
 */
async function windowClosed(ctx: FlowContext, service: OfficeService): Promise<{ say: string; opens?: string } | undefined> {
  const { office } = ctx.services;
  const rules = await registrationDays(ctx, service);
  const today = rules(bangkokDateOf(ctx.now));
  if (!today || anyBookableDay(office, service.id, ctx.now, (date) => takesRegistration(rules(date)))) return undefined;
  if (!anyBookableDay(office, service.id, ctx.now, () => true)) return undefined;
  const nextOpens = today.registration.nextOpens;
  const opens = nextOpens && firstOpenDayFrom(office, toIso(nextOpens));
  return { say: SAY.windowClosed(service.label, opens && dayText(opens)), ...(opens && { opens }) };
}

/**
 * Whether booking `serviceId` for the person of eligibility check `check` offers a day now; false
 * when no day of the booking horizon is in their registration round (the card then leads with the
 * reminder instead of a booking that would be refused).
 */
export async function registrationBookableNow(ctx: FlowContext, serviceId: string, check: number): Promise<boolean> {
  const service = findService(ctx.services.office, serviceId);
  return !service || (await windowClosed({ ...ctx, answers: { service: service.id, check } satisfies BookingAnswers }, service)) === undefined;
}

/** The way on from "not the registration time": a visit to ask, a reminder when it opens, the office. */
function windowClosedReply(ctx: FlowContext, service: OfficeService, closed: { say: string; opens?: string }): Message[] {
  const advice = findService(ctx.services.office, 'advice');
  return [
    text(closed.say, [
      ...(advice ? [goItem(SAY.askAdvice, 'booking', { service: advice.id })] : []),
      ...(closed.opens ? [goItem(SAY.remindOpening, 'remind-registration', { allowance: service.id, date: closed.opens })] : []),
      goItem('ติดต่อเจ้าหน้าที่', 'contact'),
      menuItem(),
    ]),
  ];
}

/**
 * A day to show as the typed example ("25 พ.ย."): one that can really be booked — the first beyond
 * the day buttons, else the last of them — so typing the example works.
 */
async function typedExample(ctx: FlowContext, service: OfficeService): Promise<string> {
  const days = await usableDays(ctx, service, DAY_BUTTONS + 1);
  const day = days[DAY_BUTTONS] ?? days.at(-1);
  return day ? dayMonthText(day.date) : dayMonthText(firstOpenDayFrom(ctx.services.office, addDays(bangkokDateOf(ctx.now), 1)));
}

/** The apology when a service has no free place in the whole horizon, or undefined. */
async function fullyBooked(ctx: FlowContext, service: OfficeService): Promise<string | undefined> {
  const { office } = ctx.services;
  if ((await usableDays(ctx, service, 1)).length > 0) return undefined;
  return fullyBookedText(office, service, lastOpenBookableDate(office, ctx.now));
}

const serviceStep: Step = {
  ask: (ctx) => ({
    messages: [text(SAY.service)],
    choices: ctx.services.office.services.map((s) => ({ value: s.id, label: s.label, keywords: [s.title] })),
  }),
  accept: async (reply, ctx) => {
    // The engine passes only one of this question's choices here: a service the office offers.
    const service = findService(ctx.services.office, reply.choice!.value)!;
    const closed = await windowClosed(ctx, service);
    if (closed) return { ok: false, reason: closed.say };
    const full = await fullyBooked(ctx, service);
    return full ? { ok: false, reason: full } : { ok: true, value: service.id };
  },
  next: () => ({ step: 'day' }),
};

const dayStep: Step = {
  ask: async (ctx) => {
    const { office } = ctx.services;
    const service = serviceOf(ctx);
    const days = await usableDays(ctx, service, DAY_BUTTONS);
    const lastDate = lastOpenBookableDate(office, ctx.now);
    const closed = days.length === 0 ? await windowClosed(ctx, service) : undefined;
    const none = closed ? closed.say : fullyBookedText(office, service, lastDate);
    const question =
      days.length > 0
        ? dayQuestion(service, days, ctx.answerData, await typedExample(ctx, service), await movingOf(ctx), await dayNotes(ctx, service))
        : text(none);
    return {
      messages: [question],
      choices: days.map((day) => ({ value: day.date, label: day.date })),
      choicesInMessages: true,
      acceptsText: true,
      datePicker: { label: SAY.datePicker, min: bangkokDateOf(ctx.now), max: lastDate },
    };
  },
  accept: async (reply, ctx) => {
    let date = reply.choice?.value ?? reply.date;
    if (date === undefined) {
      const read = readBookingDay(reply.text ?? '', bangkokToday(ctx.now));
      if (!read.ok) return { ok: false, reason: dayReasonText(read.reason, await typedExample(ctx, serviceOf(ctx))) };
      date = read.date;
    }
    if (!isIsoDate(date)) return { ok: false, reason: dayReasonText('unreadable', await typedExample(ctx, serviceOf(ctx))) };
    const service = serviceOf(ctx);
    const problem = await dayProblem(ctx.tx, ctx.services.office, service.id, ctx.now, date);
    if (problem) return { ok: false, reason: dayProblemText(problem, date) };
    const facts = await factsOf(ctx);
    const rules = registrationOn(service.id, facts, date);
    if (!takesRegistration(rules)) {
      // Name the rounds as seen today, so a round still open now is among them.
      const rounds = (registrationOn(service.id, facts, bangkokDateOf(ctx.now)) ?? rules!).registration.windows;
      return { ok: false, reason: SAY.notRegistrationDay(dayText(date), rounds.map(formatThaiRange).join(' และ ')) };
    }
    const delay = await delayOn(ctx, service, date);
    return delay ? { ok: true, value: date, say: [text(SAY.laterDayCosts(dayText(date), monthText(delay.later), lossText(delay)))] } : { ok: true, value: date };
  },
  next: () => ({ step: 'time' }),
};

function slotsOfDay(ctx: FlowContext): Promise<OpenSlot[]> {
  return slotsWithPlaces(ctx.tx, ctx.services.office, serviceOf(ctx).id, ctx.now, answersOf(ctx).day!);
}

const timeStep: Step = {
  ask: async (ctx) => {
    const slots = await slotsOfDay(ctx);
    const moving = await movingOf(ctx);
    const free = slots.filter((slot) => slot.free > 0 && !isSlotOf(moving, slot));
    return {
      messages: [timeQuestion(serviceOf(ctx), answersOf(ctx).day!, free, ctx.answerData, OTHER_DAY)],
      // Full slots stay valid answers, so a tap on one that just filled gets an apology, not "expired".
      choices: [...slots.map((slot) => ({ value: slot.start, label: slot.start })), { value: OTHER_DAY, label: SAY.otherDay }],
      choicesInMessages: true,
      acceptsText: true,
    };
  },
  accept: async (reply, ctx) => {
    const start = reply.choice?.value ?? readClockTime(reply.text ?? '');
    if (start === OTHER_DAY) return { ok: true, value: OTHER_DAY };
    if (!start) return { ok: false, reason: SAY.timeUnreadable };
    const slot = (await slotsOfDay(ctx)).find((s) => s.start === start);
    if (!slot) return { ok: false, reason: SAY.notASlot(start) };
    if (isSlotOf(await movingOf(ctx), slot)) return { ok: false, reason: SAY.sameSlot };
    if (slot.free === 0) return { ok: false, reason: SAY.slotJustFilled(start) };
    return { ok: true, value: start };
  },
  next: async (ctx) => {
    if (answersOf(ctx).time === OTHER_DAY) return { step: 'day' };
    return (await clashOf(ctx)) ? { step: 'clash' } : afterTime(ctx);
  },
};

function afterTime(ctx: FlowContext): Next {
  const { reschedule, name, phone } = answersOf(ctx);
  // Moving keeps the name and phone; after "back" to change the time, they are already known.
  return { step: reschedule !== undefined || (name && phone) ? 'confirm' : 'name' };
}

/** Another upcoming visit of this LINE account whose time overlaps the chosen one (not the one being moved). */
async function clashOf(ctx: FlowContext): Promise<BookingRow | undefined> {
  const { office } = ctx.services;
  const { day, time, reschedule } = answersOf(ctx);
  const start = bangkokInstant(day!, time!).getTime();
  const end = start + serviceOf(ctx).durationMinutes * 60_000;
  return (await upcomingBookings(ctx.tx, ctx.services.office.id, ctx.userId, ctx.now.getTime())).find((other) => {
    const minutes = findService(office, other.serviceId)?.durationMinutes ?? office.schedule.slotMinutes;
    return other.id !== reschedule && other.startsAt < end && start < other.startsAt + minutes * 60_000;
  });
}

/** One person, two services at once: asked, never silently booked. */
const clashStep: Step = {
  ask: async (ctx) => {
    const other = await clashOf(ctx);
    const what = other ? (findService(ctx.services.office, other.serviceId)?.title ?? '') : '';
    return {
      messages: [text(other ? SAY.clash(what, whenText(other)) : SAY.pickTime)],
      choices: [
        { value: BOTH, label: SAY.bothVisits, keywords: ['จองเพิ่ม', 'ใช่', 'ตกลง', 'จอง'] },
        { value: OTHER_TIME, label: SAY.pickOtherTime, keywords: ['เวลาอื่น', 'ไม่', 'ไม่ใช่'] },
      ],
    };
  },
  accept: (reply) => ({ ok: true, value: reply.choice!.value }),
  next: (ctx) => (answersOf(ctx).clash === OTHER_TIME ? { step: 'time' } : afterTime(ctx)),
};

const nameStep: Step = {
  ask: async (ctx) => {
    const previous = await lastVisitor(ctx.tx, ctx.services.office.id, ctx.userId);
    return { messages: [text(SAY.name)], acceptsText: true, ...(previous && { choices: [{ value: PREVIOUS, label: previous.name }] }) };
  },
  accept: async (reply, ctx) => {
    const read = readVisitorName(reply.choice ? ((await lastVisitor(ctx.tx, ctx.services.office.id, ctx.userId))?.name ?? '') : (reply.text ?? ''));
    return read.ok ? { ok: true, value: read.name } : { ok: false, reason: nameReasonText(read.reason) };
  },
  next: () => ({ step: 'phone' }),
};

const phoneStep: Step = {
  ask: async (ctx) => {
    const previous = await lastVisitor(ctx.tx, ctx.services.office.id, ctx.userId);
    return { messages: [text(SAY.phone)], acceptsText: true, ...(previous && { choices: [{ value: PREVIOUS, label: formatPhone(previous.phone) }] }) };
  },
  accept: async (reply, ctx) => {
    const parsed = parsePhone(reply.choice ? ((await lastVisitor(ctx.tx, ctx.services.office.id, ctx.userId))?.phone ?? '') : (reply.text ?? ''));
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: phoneReasonText(parsed.reason) };
  },
  next: () => ({ step: 'confirm' }),
};

/** After the place was gone at the confirmation: back to the times, or to the days if the day is full. */
async function afterFull(ctx: FlowContext, apology: string): Promise<Next> {
  const moving = await movingOf(ctx);
  const dayHasRoom = (await slotsOfDay(ctx)).some((slot) => slot.free > 0 && !isSlotOf(moving, slot));
  return dayHasRoom ? { step: 'time', say: [text(apology)] } : { step: 'day', say: [text(SAY.dayJustFilled(dayText(answersOf(ctx).day!)))] };
}

async function finish(ctx: FlowContext): Promise<Next> {
  const { office } = ctx.services;
  const { day, time, reschedule, name, phone } = answersOf(ctx);
  const service = serviceOf(ctx);
  const slot = bookableSlots(office, service.id, ctx.now, day!).find((s) => s.start === time);
  if (!slot) return afterFull(ctx, SAY.slotTooSoon(time!));
  if (reschedule !== undefined) {
    const moved = await moveVisit(ctx.tx, office, reschedule, ctx.userId, slot, ctx.now);
    if (moved.ok) return { end: bookedMessages(office, service, moved.booking, moved.reminders, 'moved') };
    return moved.reason === 'gone' ? { end: goneMessages() } : afterFull(ctx, SAY.slotJustFilled(time!));
  }
  const booked = await bookVisit(ctx.tx, office, slot, { userId: ctx.userId, name: name!, phone: phone! }, ctx.now);
  return booked.ok ? { end: bookedMessages(office, service, booked.booking, booked.reminders, 'booked') } : afterFull(ctx, SAY.slotJustFilled(time!));
}

const confirmStep: Step = {
  ask: async (ctx) => {
    const { day, time, name, phone } = answersOf(ctx);
    const moving = await movingOf(ctx);
    const parts = {
      office: ctx.services.office,
      service: serviceOf(ctx),
      date: day!,
      start: time!,
      name: moving?.name ?? name!,
      phone: moving?.phone ?? phone!,
      ...(moving && { moving }),
    };
    const delay = await delayOn(ctx, parts.service, day!);
    if (delay) Object.assign(parts, { warning: SAY.laterDayCosts(dayText(day!), monthText(delay.later), lossText(delay)) });
    return {
      messages: [summary(parts, ctx.answerData(YES))],
      choices: [{ value: YES, label: SAY.confirm, keywords: ['ยืนยัน', 'ยืนยันการจอง', 'ตกลง', 'ใช่', 'โอเค', 'ok'] }],
    };
  },
  accept: (reply) => ({ ok: true, value: reply.choice?.value }),
  next: finish,
};

export const bookingFlow: Flow = {
  id: 'booking',
  version: 1,
  title: 'จองคิว',
  steps: { service: serviceStep, day: dayStep, time: timeStep, clash: clashStep, name: nameStep, phone: phoneStep, confirm: confirmStep },
  async start(ctx, params) {
    const { office } = ctx.services;
    if (params.reschedule !== undefined) {
      const booking = await activeBookingOf(ctx.tx, ctx.services.office.id, Number(params.reschedule), ctx.userId, ctx.now);
      const service = booking && findService(office, booking.serviceId);
      if (!booking || !service) return { refuse: goneMessages() };
      return { step: 'day', answers: { service: service.id, reschedule: booking.id } satisfies BookingAnswers };
    }
    if ((await upcomingBookings(ctx.tx, ctx.services.office.id, ctx.userId, ctx.now.getTime())).length >= MAX_UPCOMING_VISITS) {
      return { refuse: [text(SAY.tooManyVisits(MAX_UPCOMING_VISITS), [goItem(SAY.myBookings, 'my-bookings'), goItem('ติดต่อเจ้าหน้าที่', 'contact'), menuItem()])] };
    }
    const check = params.check !== undefined && (await factsOfCheck(ctx.tx, ctx.services.office.id, Number(params.check), ctx.userId)) ? Number(params.check) : undefined;
    const answers: BookingAnswers = check === undefined ? {} : { check };
    const service = params.service ? findService(office, params.service) : undefined;
    if (!service) return { step: 'service', answers: { ...answers } };
    const withAnswers: FlowContext = { ...ctx, answers: { ...answers, service: service.id } };
    const closed = await windowClosed(withAnswers, service);
    if (closed) return { refuse: windowClosedReply(withAnswers, service, closed) };
    const full = await fullyBooked(withAnswers, service);
    if (full) return { refuse: [text(full, [goItem('ติดต่อเจ้าหน้าที่', 'contact'), menuItem()])] };
    return { step: 'day', answers: { ...answers, service: service.id } satisfies BookingAnswers };
  },
};

export const bookingEntry: Entry = {
  id: 'booking',
  menuLabel: 'จองคิว',
  menuOrder: 20,
  keywords: ['จองคิว', 'จอง', 'นัด', 'นัดหมาย', 'ขอคิว', 'จองนัด', 'ขอนัด', 'ทำนัด', 'นัดวัน', 'จองเวลา', 'คิว'],
  flow: 'booking',
};
