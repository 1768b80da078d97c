// The answer to an eligibility check: one Flex card per allowance — the outcome in large plain
// words, the amount, when and where to register, the first payment, what to bring, and why —
// with buttons to book a time, be reminded when registration opens, or check for someone else.
// Also the "remind me" entries, whose pushes wait in the outbox.
import type { messagingApi } from '@line/bot-sdk';
import { bubble, fbox, fbutton, flex, ftext, postbackAction, quickItem, text, withQuickReply, type FlexComponent, type Message } from '../line/messages';
import type { OfficeProfile } from '../office/profile';
import { cancelPending, enqueuePush } from '../notify/outbox';
import { findCheck } from '../db/eligibility';
import {
  decideAids,
  decideDisability,
  decideElderly,
  disabilityCardDocuments,
  disabilityCardSteps,
  disabilityDocuments,
  documentText,
  OPEN_QUESTIONS,
  type Allowance,
  type Decision,
  type Facts,
  type Outcome,
} from '../rules';
import { formatBaht } from '../thai/numbers';
import { bangkokToday, compareDates, formatThaiDate, formatThaiMonthYear, fromIso, instantFromBangkok, toIso, type CalendarDate } from '../thai/dates';
import { firstOpenDayFrom } from '../booking/schedule';
import { postback } from './postback';
import type { Entry, FlowContext } from './types';

export const ALLOWANCE_TITLES: Record<Allowance, string> = {
  elderly: 'เบี้ยยังชีพผู้สูงอายุ',
  disability: 'เบี้ยความพิการ',
  aids: 'เบี้ยยังชีพผู้ป่วยเอดส์',
};

const OUTCOME_STYLE: Record<Outcome, { color: string; words: (d: Decision) => string }> = {
  eligible: { color: '#0E7C66', words: () => 'มีสิทธิ์ค่ะ' },
  'eligible-from': {
    color: '#1D4ED8',
    words: (d) => (d.eligibleFrom ? `มีสิทธิ์ตั้งแต่ ${formatThaiMonthYear(d.eligibleFrom.year, d.eligibleFrom.month)}` : 'มีสิทธิ์ในอนาคตค่ะ'),
  },
  'not-eligible': { color: '#6B7280', words: () => 'ยังไม่มีสิทธิ์ค่ะ' },
  'ask-office': { color: '#B45309', words: () => 'ควรสอบถามเจ้าหน้าที่ค่ะ' },
};

/** The headline: the person's situation when it says more than the outcome. */
function headline(decision: Decision): string {
  switch (decision.situation) {
    case 'awaiting-first-payment':
      return decision.outcome === 'ask-office' ? 'ลงทะเบียนแล้ว สอบถามเดือนที่เริ่มจ่าย' : 'ลงทะเบียนแล้ว รอรับเงินค่ะ';
    case 'must-confirm-after-move':
      return 'ต้องยืนยันสิทธิที่นี่ค่ะ';
    case 'receiving-ends':
      return 'สิทธิสิ้นสุดค่ะ';
    default:
      return OUTCOME_STYLE[decision.outcome].words(decision);
  }
}

/** An uncertain outcome shows the amount only as "if eligible". */
function amountText(decision: Decision): string | undefined {
  const prefix = decision.outcome === 'ask-office' ? 'ถ้ามีสิทธิ์ ' : '';
  if (decision.monthlyAmount !== undefined) return `${prefix}เดือนละ ${formatBaht(decision.monthlyAmount)}`;
  if (decision.monthlyAmountOptions?.length) return `${prefix}เดือนละ ${decision.monthlyAmountOptions.map(formatBaht).join(' หรือ ')} (เจ้าหน้าที่จะยืนยัน)`;
  return undefined;
}

/** The disability card is missing or expired: the card comes first, and this office helps with it. */
function cardToMake(decision: Decision, card: string | undefined): 'none' | 'expired' | undefined {
  if (decision.allowance !== 'disability') return undefined;
  return card === 'none' || card === 'expired' ? card : undefined;
}

/** Registration still to do (a new applicant, or a mover who must confirm here). */
function needsVisit(decision: Decision): boolean {
  if (decision.outcome === 'not-eligible' || decision.situation === 'receiving' || decision.situation === 'awaiting-first-payment') return false;
  return decision.registration.windows.length > 0 || decision.registration.openNow;
}

/** The office's service for help with the card: an advice visit, when the office offers one. */
const CARD_HELP_SERVICE = 'advice';

interface CardOptions {
  checkId: number;
  office: OfficeProfile;
  today: CalendarDate;
  /** The health answers, carried only on this user's own detail buttons (never stored). */
  healthParams?: Record<string, string>;
  /** "3 มิ.ย. 2495 — อายุ 74 ปี" */
  birthLine?: string;
  /** "1/2" when the answer has more than one card. */
  position?: string;
  /**
   * Whether booking the registration offers a day now (false: no day of the booking horizon is in
   * this person's round yet). Unset: assumed so.
   */
  canBookNow?: (allowance: Allowance) => boolean;
}

function detailsButton(decision: Decision, options: CardOptions, what: 'why' | 'docs', label: string) {
  const params = { check: String(options.checkId), a: decision.allowance, w: what, ...options.healthParams };
  return fbutton(postbackAction(label, postback.go('eligibility-details', params), label), 'link');
}

/** The next step in one or two short lines. */
function nextStep(decision: Decision, options: CardOptions, card: 'none' | 'expired' | undefined): string[] {
  if (card) return [card === 'none' ? 'ขั้นแรก ทำบัตรประจำตัวคนพิการ แล้วมาลงทะเบียนค่ะ' : 'ต่ออายุบัตรคนพิการก่อน แล้วนำบัตรใหม่มาแสดงค่ะ', 'ดูวิธีทำบัตรที่ปุ่ม "เอกสารที่ต้องใช้" ค่ะ'];
  if (decision.outcome === 'not-eligible') return decision.clauses.filter((c) => c.status === 'fail').slice(0, 1).map((c) => c.th);
  const where = needsVisit(decision) ? [`ที่ ${options.office.office.name}`] : [];
  return [decision.registration.th, ...where];
}

export function decisionCard(decision: Decision, options: CardOptions): messagingApi.FlexBubble {
  const style = OUTCOME_STYLE[decision.outcome];
  const amount = amountText(decision);
  const card = cardToMake(decision, options.healthParams?.card);
  const payment = decision.firstPaymentMonth
    ? `เริ่มรับเงิน ${formatThaiMonthYear(decision.firstPaymentMonth.year, decision.firstPaymentMonth.month)}` +
      (decision.firstPaymentDate ? ` (จ่ายวันที่ ${formatThaiDate(decision.firstPaymentDate)})` : '')
    : undefined;
  const hasDetails = decision.clauses.length > 0 || decision.openQuestions.length > 0;
  const hasDocuments = decision.documents.length > 0 || card !== undefined;

  const footer: FlexComponent[] = [];
  const contact = (style: 'primary' | 'secondary') => fbutton(postbackAction('ติดต่อเจ้าหน้าที่', postback.go('contact'), 'ติดต่อเจ้าหน้าที่'), style);
  const canHelpWithCard = options.office.services.some((service) => service.id === CARD_HELP_SERVICE);
  // Too early to book the registration itself: the reminder comes first, and a visit is only to ask.
  const tooEarly = !card && decision.outcome !== 'ask-office' && needsVisit(decision) && options.canBookNow?.(decision.allowance) === false;
  if (card) {
    if (canHelpWithCard) footer.push(fbutton(postbackAction('จองคิวให้ช่วยเรื่องบัตร', postback.go('booking', { service: CARD_HELP_SERVICE }), 'จองคิว'), 'primary'));
    footer.push(contact(canHelpWithCard ? 'secondary' : 'primary'));
  } else if (decision.outcome === 'ask-office') {
    // Uncertain: talk to the office first; booking a visit to ask is the second choice.
    footer.push(contact('primary'));
    footer.push(fbutton(postbackAction('จองคิวไปสอบถาม', postback.go('booking', { service: decision.allowance, check: String(options.checkId) }), 'จองคิว')));
  } else if (needsVisit(decision) && !tooEarly) {
    footer.push(fbutton(postbackAction('จองคิวยื่นเรื่อง', postback.go('booking', { service: decision.allowance, check: String(options.checkId) }), 'จองคิว'), 'primary'));
  }
  const opens = decision.registration.nextOpens;
  if (needsVisit(decision) && !decision.registration.openNow && opens && compareDates(opens, options.today) > 0) {
    footer.push(
      fbutton(
        postbackAction('เตือนฉันเมื่อเปิดลงทะเบียน', postback.go('remind-registration', { allowance: decision.allowance, date: toIso(opens) }), 'เตือนเมื่อเปิดลงทะเบียน'),
        tooEarly ? 'primary' : undefined,
      ),
    );
  }
  if (tooEarly) {
    const ask: Record<string, string> = canHelpWithCard ? { service: CARD_HELP_SERVICE } : { service: decision.allowance, check: String(options.checkId) };
    footer.push(fbutton(postbackAction('จองคิวไปสอบถาม', postback.go('booking', ask), 'จองคิว')));
  }
  if (hasDocuments) footer.push(detailsButton(decision, options, 'docs', 'เอกสารที่ต้องใช้'));
  if (hasDetails) footer.push(detailsButton(decision, options, 'why', 'ดูรายละเอียด'));

  const stamp = [`เช็คเมื่อ ${formatThaiDate(options.today)} · เลขที่ ${options.checkId}`, ...(options.position ? [`ผลที่ ${options.position} เลื่อนขวาดูต่อ 👉`] : [])];
  return bubble({
    accent: style.color,
    header: [ftext(ALLOWANCE_TITLES[decision.allowance], { color: '#FFFFFF', size: 'md' }), ftext(headline(decision), { color: '#FFFFFF', size: 'xl', weight: 'bold' })],
    body: [
      ...(amount ? [ftext(amount, { size: 'xl', weight: 'bold' })] : []),
      ...nextStep(decision, options, card).map((line) => ftext(line, { size: 'md' })),
      ...(payment ? [ftext(payment, { size: 'md' })] : []),
      ...(options.birthLine && decision.allowance !== 'aids' ? [ftext(`เกิด ${options.birthLine}`, { size: 'sm', color: '#6B7280' })] : []),
      fbox('vertical', stamp.map((line) => ftext(line, { size: 'xs', color: '#9CA3AF' })), { margin: 'lg' }),
    ],
    footer,
  });
}

export interface AnswerOptions extends CardOptions {
  forFamily: boolean;
  /** The person is far from 60: the old-age allowance is explained in a line instead of a card. */
  youngForElderly: boolean;
  /** Set when nothing could be decided here (not Thai, or registered elsewhere): why, in Thai. */
  settledReason?: string;
  /** Allowances not checked this time, offered as buttons after the answer. */
  others?: readonly Allowance[];
}

const CHECK_ALSO_LABEL: Record<Allowance, string> = {
  elderly: 'เช็คเบี้ยสูงอายุด้วย',
  disability: 'เช็คเบี้ยพิการด้วย',
  aids: 'เช็คเบี้ยเอดส์ด้วย',
};

export function eligibilityMessages(decisions: Decision[], options: AnswerOptions): Message[] {
  const whose = options.forFamily ? 'ของผู้ที่จะขอรับเบี้ย' : 'ของคุณ';
  const messages: Message[] = [];
  if (decisions.length > 0) {
    const more = decisions.length > 1 ? `\nมีผล ${decisions.length} เรื่อง เลื่อนการ์ดไปทางขวาเพื่อดูเรื่องถัดไปนะคะ 👉` : '';
    messages.push(text(`ผลการเช็คสิทธิ์${whose} ณ วันที่ ${formatThaiDate(options.today)} ค่ะ 👇${more}`));
    const cards = decisions.map((d, i) => decisionCard(d, { ...options, ...(decisions.length > 1 && i < decisions.length - 1 ? { position: `${i + 1}/${decisions.length}` } : {}) }));
    const alt = decisions.map((d) => `${ALLOWANCE_TITLES[d.allowance]}: ${headline(d)}`).join(' / ');
    messages.push(flex(`ผลเช็คสิทธิ์ — ${alt}`, cards.length === 1 ? cards[0]! : { type: 'carousel', contents: cards }));
  }
  const closing: string[] = [];
  if (options.settledReason) closing.push(options.settledReason);
  if (options.youngForElderly && !options.settledReason) {
    closing.push('เบี้ยยังชีพผู้สูงอายุ: ลงทะเบียนล่วงหน้าได้ในปีก่อนที่จะอายุครบ 60 ปี ถ้าใกล้ถึงแล้วกลับมาเช็คอีกครั้งนะคะ');
  }
  if (decisions.length === 0 && !options.settledReason && !options.youngForElderly) closing.push('จากคำตอบ ยังไม่พบเบี้ยที่บอทเช็คให้ได้ค่ะ');
  closing.push('ผลนี้เป็นการประเมินเบื้องต้น เจ้าหน้าที่จะตรวจเอกสารอีกครั้งค่ะ');
  const others = (options.others ?? []).map((allowance) =>
    quickItem(postbackAction(CHECK_ALSO_LABEL[allowance], postback.go('eligibility', { allowance, check: String(options.checkId) }))),
  );
  if (others.length > 0) closing.push('เช็คเบี้ยอื่นต่อได้จากปุ่มด้านล่าง ไม่ต้องตอบคำถามเดิมซ้ำค่ะ');
  messages.push(text(closing.join('\n\n')));
  return withQuickReply(messages, [
    ...others,
    quickItem(postbackAction('จองคิว', postback.go('booking', { check: String(options.checkId) }))),
    quickItem(postbackAction('เช็คให้คนอื่น', postback.go('eligibility'))),
    quickItem(postbackAction('ติดต่อเจ้าหน้าที่', postback.go('contact'))),
    quickItem(postbackAction('เมนู', postback.command('menu'))),
  ]);
}

// ---- "ดูรายละเอียด" and "เอกสารที่ต้องใช้" under a card ------------------------------------

function bulletSection(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`${title}\n${lines.map((line) => `• ${line}`).join('\n')}`];
}

/** Why, and what is still open: every clause and note behind the short card. */
export function detailsText(decision: Decision, office: OfficeProfile): string {
  const notEligible = decision.outcome === 'not-eligible';
  const reasons = decision.clauses.filter((c) => !notEligible || c.status === 'fail').map((c) => c.th);
  const notes = decision.openQuestions.map((id) => OPEN_QUESTIONS[id].th).filter((line) => !reasons.includes(line));
  const registration = notEligible ? [] : [`ลงทะเบียน\n${decision.registration.th}\nที่ ${office.office.name} (${office.office.unit})`];
  return [`${ALLOWANCE_TITLES[decision.allowance]} — รายละเอียด`, ...bulletSection('เหตุผล', reasons), ...registration, ...bulletSection('หมายเหตุ', notes)].join('\n\n');
}

/** What to bring; for a missing or expired disability card, the way to the card first. */
export function documentsText(decision: Decision, office: OfficeProfile, facts: Facts, card: 'none' | 'expired' | undefined): string {
  const parts = [`${ALLOWANCE_TITLES[decision.allowance]} — เอกสารที่ต้องใช้`];
  if (card) {
    const renewal = card === 'expired';
    parts.push(`${renewal ? 'ต่ออายุบัตรคนพิการ' : 'ทำบัตรประจำตัวคนพิการ'}\n${disabilityCardSteps(renewal).join('\n')}`);
    parts.push(...bulletSection('สิ่งที่ต้องเตรียมสำหรับบัตร', disabilityCardDocuments(facts, renewal).map(documentText)));
    parts.push(`${office.office.name} ช่วยตรวจเอกสารและบอกทางให้ได้ บางแห่งรับเรื่องทำหรือต่อบัตรให้ด้วย จองคิวมาปรึกษาหรือโทรถามก่อนได้เลยค่ะ`);
  }
  parts.push(...bulletSection(card ? 'เมื่อได้บัตรแล้ว นำมาลงทะเบียนพร้อม' : 'นำมาด้วย', (card ? disabilityDocuments(facts, false) : decision.documents).map(documentText)));
  return parts.join('\n\n');
}

/** Whether a day is one of the office's public holidays (for the payment day). */
function holidayCheck(ctx: Pick<FlowContext, 'services'>) {
  return (d: CalendarDate) => ctx.services.office.schedule.holidays.some((h) => h.date === toIso(d));
}

/** One allowance's decision; the same for the card and for its "details" button later. */
export function decideOne(allowance: Allowance, facts: Facts, asOf: CalendarDate, ctx: Pick<FlowContext, 'services'>): Decision {
  const opts = { isHoliday: holidayCheck(ctx) };
  if (allowance === 'elderly') return decideElderly(facts, asOf, opts);
  if (allowance === 'disability') return decideDisability(facts, asOf, opts);
  return decideAids(facts, asOf, opts);
}

const DETAIL_ALLOWANCES = new Set<string>(['elderly', 'disability', 'aids']);
const CARD_ANSWERS = new Set(['valid', 'expired', 'none', 'unknown']);
const AIDS_ANSWERS = new Set(['certified', 'hiv-no-symptoms', 'none', 'unknown']);

export const eligibilityDetailsEntry: Entry = {
  id: 'eligibility-details',
  keywords: [],
  async respond(ctx, params) {
    const check = await findCheck(ctx.tx, ctx.services.office.id, ctx.userId, Number(params.check));
    const allowance = params.a;
    const after = [
      // The check goes along, so a registration booked from here keeps to this person's rounds.
      quickItem(postbackAction('จองคิว', postback.go('booking', check ? { check: String(params.check) } : {}))),
      quickItem(postbackAction('ติดต่อเจ้าหน้าที่', postback.go('contact'))),
      quickItem(postbackAction('เมนู', postback.command('menu'))),
    ];
    if (!check || !allowance || !DETAIL_ALLOWANCES.has(allowance)) {
      return [text('ขออภัยค่ะ ผลเช็คนี้ไม่มีแล้ว ลองเช็คสิทธิ์ใหม่อีกครั้งนะคะ', [quickItem(postbackAction('เช็คสิทธิ์', postback.go('eligibility'))), ...after])];
    }
    // Decided again from the stored facts and the health answers on the button, as of the check's day.
    const facts: Facts = { ...check.facts };
    if (params.card && CARD_ANSWERS.has(params.card)) facts.disabilityCard = params.card as Facts['disabilityCard'];
    if (params.dx && AIDS_ANSWERS.has(params.dx)) facts.aidsDiagnosis = params.dx as Facts['aidsDiagnosis'];
    if (params.hs) facts.aidsHardship = params.hs === 'true' ? true : params.hs === 'false' ? false : 'unknown';
    const decision = decideOne(allowance as Allowance, facts, fromIso(check.asOf), ctx);
    const card = cardToMake(decision, facts.disabilityCard);
    const body = params.w === 'docs' ? documentsText(decision, ctx.services.office, facts, card) : detailsText(decision, ctx.services.office);
    return [text(body, after)];
  },
};

// ---- "remind me when registration opens" -----------------------------------------------------

const REMINDER_HOUR = '09:00';

function reminderWayOn() {
  return [quickItem(postbackAction('เช็คสิทธิ์เบี้ย', postback.go('eligibility'))), quickItem(postbackAction('เมนู', postback.command('menu')))];
}
const reminderRef = (userId: string) => `registration-reminder:${userId}`;

/** The pushed text avoids naming the AIDS allowance: a lock screen shows it to whoever is near. */
function reminderText(allowance: Allowance, office: OfficeProfile): string {
  const what = allowance === 'aids' ? 'เบี้ยยังชีพที่คุณเช็คไว้' : ALLOWANCE_TITLES[allowance];
  return `🔔 วันนี้เปิดรับลงทะเบียน${what}แล้วค่ะ\nที่ ${office.office.name} ${office.office.hoursText}\nพิมพ์ "เช็คสิทธิ์" เพื่อดูเอกสารที่ต้องเตรียม หรือ "จองคิว" เพื่อจองเวลาได้เลยค่ะ`;
}

export const remindRegistrationEntry: Entry = {
  id: 'remind-registration',
  keywords: [],
  async respond(ctx, params) {
    const allowance = params.allowance as Allowance | undefined;
    let date: CalendarDate | undefined;
    try {
      date = params.date ? fromIso(params.date) : undefined;
    } catch {
      date = undefined;
    }
    const today = bangkokToday(ctx.now);
    const inAYear = { ...today, year: today.year + 1 };
    if (!allowance || !(allowance in ALLOWANCE_TITLES) || !date || compareDates(date, today) <= 0 || compareDates(date, inAYear) > 0) {
      return [text('ขออภัยค่ะ ตั้งเตือนจากปุ่มนี้ไม่ได้แล้ว ลองเช็คสิทธิ์ใหม่อีกครั้งนะคะ', reminderWayOn())];
    }
    // "The window opens" is sent on a day the office is open to receive the person.
    date = fromIso(firstOpenDayFrom(ctx.services.office, toIso(date)));
    const id = await enqueuePush(
      ctx.tx,
      ctx.services.office.id,
      {
        to: ctx.userId,
        messages: [text(reminderText(allowance, ctx.services.office))],
        purpose: 'registration-reminder',
        dueAt: instantFromBangkok(date, REMINDER_HOUR).getTime(),
        ref: reminderRef(ctx.userId),
        dedupeKey: `registration-reminder:${ctx.userId}:${allowance}:${toIso(date)}`,
      },
      ctx.now.getTime(),
    );
    const when = `${formatThaiDate(date, { weekday: true })} เวลา ${REMINDER_HOUR} น.`;
    return [
      text(id === undefined ? `ตั้งเตือนไว้แล้วค่ะ จะส่งข้อความ${when}` : `ตั้งเตือนแล้วค่ะ 🔔 จะส่งข้อความ${when}`, [
        quickItem(postbackAction('ยกเลิกการเตือน', postback.go('cancel-registration-reminders'))),
        quickItem(postbackAction('เมนู', postback.command('menu'))),
      ]),
    ];
  },
};

export const cancelRegistrationRemindersEntry: Entry = {
  id: 'cancel-registration-reminders',
  keywords: ['ยกเลิกการเตือน', 'ไม่ต้องเตือน', 'ยกเลิกเตือน'],
  async respond(ctx) {
    const cancelled = await cancelPending(ctx.tx, ctx.services.office.id, reminderRef(ctx.userId));
    return [text(cancelled > 0 ? 'ยกเลิกการเตือนเรื่องลงทะเบียนแล้วค่ะ' : 'ไม่มีการเตือนที่ตั้งไว้ค่ะ', reminderWayOn())];
  },
};
