// The answer to an eligibility check: one Flex card per allowance — the outcome in large plain
// words, the amount, when and where to register, the first payment, what to bring, and why —
// with buttons to book a time, be reminded when registration opens, or check for someone else.
// Also the "remind me" entries, whose pushes wait in the outbox.
import type { messagingApi } from '@line/bot-sdk';
import { bubble, fbox, fbutton, flex, fseparator, ftext, postbackAction, quickItem, text, withQuickReply, type FlexComponent, type Message } from '../line/messages';
import type { OfficeProfile } from '../office/profile';
import { cancelPending, enqueuePush } from '../notify/outbox';
import { documentText, OPEN_QUESTIONS, type Allowance, type Decision, type Outcome } from '../rules';
import { formatBaht } from '../thai/numbers';
import { bangkokToday, compareDates, formatThaiDate, formatThaiMonthYear, fromIso, instantFromBangkok, toIso, type CalendarDate } from '../thai/dates';
import { firstOpenDayFrom } from '../booking/schedule';
import { postback } from './postback';
import type { Entry } from './types';

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

function amountText(decision: Decision): string | undefined {
  if (decision.monthlyAmount !== undefined) return `เดือนละ ${formatBaht(decision.monthlyAmount)}`;
  if (decision.monthlyAmountOptions?.length) return `เดือนละ ${decision.monthlyAmountOptions.map(formatBaht).join(' หรือ ')} (เจ้าหน้าที่จะยืนยัน)`;
  return undefined;
}

function section(title: string, lines: string[]): FlexComponent[] {
  if (lines.length === 0) return [];
  return [fseparator(), ftext(title, { size: 'sm', weight: 'bold', color: '#374151' }), ...lines.map((line) => ftext(line, { size: 'sm' }))];
}

interface CardOptions {
  checkId: number;
  office: OfficeProfile;
  today: CalendarDate;
}

export function decisionCard(decision: Decision, options: CardOptions): messagingApi.FlexBubble {
  const style = OUTCOME_STYLE[decision.outcome];
  const amount = amountText(decision);
  const payment = decision.firstPaymentMonth
    ? [
        `เริ่มได้รับเงินเดือน ${formatThaiMonthYear(decision.firstPaymentMonth.year, decision.firstPaymentMonth.month)}` +
          (decision.firstPaymentDate ? ` (จ่ายวันที่ ${formatThaiDate(decision.firstPaymentDate)})` : ''),
      ]
    : [];
  // Not eligible: the failed conditions are the reason; questions skipped as moot are not listed.
  const notEligible = decision.outcome === 'not-eligible';
  const why = decision.clauses.filter((c) => c.status === 'fail' || (!notEligible && c.status === 'unknown')).map((c) => `• ${c.th}`);
  const notes = decision.openQuestions.map((id) => `• ${OPEN_QUESTIONS[id].th}`).filter((line) => !why.includes(line));

  const footer: FlexComponent[] = [];
  if (decision.outcome !== 'not-eligible') {
    footer.push(fbutton(postbackAction('จองคิวยื่นเรื่อง', postback.go('booking', { service: decision.allowance }), 'จองคิว'), 'primary'));
  }
  const opens = decision.registration.nextOpens;
  if (decision.outcome !== 'not-eligible' && !decision.registration.openNow && opens && compareDates(opens, options.today) > 0) {
    footer.push(
      fbutton(
        postbackAction('เตือนฉันเมื่อเปิดลงทะเบียน', postback.go('remind-registration', { allowance: decision.allowance, date: toIso(opens) }), 'เตือนเมื่อเปิดลงทะเบียน'),
      ),
    );
  }
  footer.push(fbutton(postbackAction('เช็คให้คนอื่น', postback.go('eligibility')), 'link'));

  return bubble({
    accent: style.color,
    header: [ftext(ALLOWANCE_TITLES[decision.allowance], { color: '#FFFFFF', size: 'sm' }), ftext(style.words(decision), { color: '#FFFFFF', size: 'xl', weight: 'bold' })],
    body: [
      ...(amount ? [ftext(amount, { size: 'lg', weight: 'bold' })] : []),
      ...(notEligible ? [] : section('ลงทะเบียน / ยืนยันสิทธิ', [decision.registration.th, `ที่ ${options.office.office.name} (${options.office.office.unit})`])),
      ...section('รับเงิน', payment),
      ...section('สิ่งที่ต้องเตรียม', decision.documents.map((d) => `• ${documentText(d)}`)),
      ...section('เหตุผล', why),
      ...section('หมายเหตุ', notes),
      fbox('vertical', [ftext(`เช็คเมื่อ ${formatThaiDate(options.today)} · เลขที่ ${options.checkId}`, { size: 'xxs', color: '#9CA3AF' })], { margin: 'lg' }),
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
}

export function eligibilityMessages(decisions: Decision[], options: AnswerOptions): Message[] {
  const whose = options.forFamily ? 'ของผู้ที่จะขอรับเบี้ย' : 'ของคุณ';
  const messages: Message[] = [];
  if (decisions.length > 0) {
    messages.push(text(`ผลการเช็คสิทธิ์${whose} ณ วันที่ ${formatThaiDate(options.today)} ค่ะ 👇`));
    const cards = decisions.map((d) => decisionCard(d, options));
    const alt = decisions.map((d) => `${ALLOWANCE_TITLES[d.allowance]}: ${OUTCOME_STYLE[d.outcome].words(d)}`).join(' / ');
    messages.push(flex(`ผลเช็คสิทธิ์ — ${alt}`, cards.length === 1 ? cards[0]! : { type: 'carousel', contents: cards }));
  }
  const closing: string[] = [];
  if (options.settledReason) closing.push(options.settledReason);
  if (options.youngForElderly && !options.settledReason) {
    closing.push('เบี้ยยังชีพผู้สูงอายุ: ยื่นยืนยันสิทธิได้ในปีก่อนที่จะอายุครบ 60 ปี ถ้าใกล้ถึงแล้วกลับมาเช็คอีกครั้งนะคะ');
  }
  if (decisions.length === 0 && !options.settledReason) closing.push('จากคำตอบ ยังไม่พบเบี้ยที่บอทเช็คให้ได้ค่ะ');
  closing.push('ผลนี้เป็นการประเมินเบื้องต้น เจ้าหน้าที่จะตรวจเอกสารอีกครั้งค่ะ ถ้าสงสัยกด "ติดต่อเจ้าหน้าที่" ได้เลยนะคะ');
  messages.push(text(closing.join('\n\n')));
  return withQuickReply(messages, [
    quickItem(postbackAction('จองคิว', postback.go('booking'))),
    quickItem(postbackAction('เช็คให้คนอื่น', postback.go('eligibility'))),
    quickItem(postbackAction('ติดต่อเจ้าหน้าที่', postback.go('contact'))),
    quickItem(postbackAction('เมนู', postback.command('menu'))),
  ]);
}

// ---- "remind me when registration opens" -----------------------------------------------------

const REMINDER_HOUR = '09:00';

function reminderWayOn() {
  return [quickItem(postbackAction('เช็คสิทธิ์เบี้ย', postback.go('eligibility'))), quickItem(postbackAction('เมนู', postback.command('menu')))];
}
const reminderRef = (userId: string) => `registration-reminder:${userId}`;

/** The pushed text avoids naming the AIDS allowance: a lock screen shows it to whoever is near. */
function reminderText(allowance: Allowance, office: OfficeProfile): string {
  const what = allowance === 'aids' ? 'เบี้ยยังชีพที่คุณเช็คไว้' : ALLOWANCE_TITLES[allowance];
  return `🔔 วันนี้เปิดให้ยืนยันสิทธิ${what}แล้วค่ะ\nที่ ${office.office.name} ${office.office.hoursText}\nพิมพ์ "เช็คสิทธิ์" เพื่อดูเอกสารที่ต้องเตรียม หรือ "จองคิว" เพื่อจองเวลาได้เลยค่ะ`;
}

export const remindRegistrationEntry: Entry = {
  id: 'remind-registration',
  keywords: [],
  respond(ctx, params) {
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
    const id = enqueuePush(
      ctx.tx,
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
  respond(ctx) {
    const cancelled = cancelPending(ctx.tx, reminderRef(ctx.userId));
    return [text(cancelled > 0 ? 'ยกเลิกการเตือนเรื่องลงทะเบียนแล้วค่ะ' : 'ไม่มีการเตือนที่ตั้งไว้ค่ะ', reminderWayOn())];
  },
};
