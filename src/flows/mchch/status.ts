// สถานะใบสมัคร: the person's มชช. applications, each a bubble naming its round, type and
// reference, the stage it is at (as the applicant reads it: the kind's statusFor), every step so far
// with its day (src/mchch/timeline.ts), what happens next, and a button into the application (the
// hub while it can still be changed, else its status). None yet: a button to apply.
import { menuItem } from '../../booking/messages';
import { caseStatusInfo } from '../../cases/kind';
import { kindOf } from '../../cases/kinds';
import { dayText, openCaseData, referenceText } from '../../cases/messages';
import { historyOf } from '../../cases/store';
import type { CaseRow } from '../../db/schema';
import { LINE_LIMITS } from '../../line/limits';
import { bubble, fbutton, flex, frow, ftext, postbackAction, quickItem, text, type FlexComponent, type Message } from '../../line/messages';
import { TYPE_TITLES } from '../../mchch/data';
import { roundLabel } from '../../mchch/rounds';
import { mchchCasesOf, mchchDataOf, MCHCH_KIND } from '../../mchch/store';
import { timelineOf, type TimelineStep } from '../../mchch/timeline';
import type { OfficeProfile } from '../../office/profile';
import { postback } from '../postback';
import type { Entry } from '../types';
import { MCHCH_ENTRIES } from './ids';

const MUTED = '#6B7280';
/** A step's note (an assessment's place and time) is shown up to this many characters. */
const NOTE_CHARS = 200;

export const STATUS_SAY = {
  empty: 'ยังไม่มีใบสมัคร มชช. ค่ะ สมัครได้จากปุ่มด้านล่างเลยค่ะ',
  apply: 'สมัคร มชช.',
  heading: (n: number) => `ใบสมัคร มชช. ของคุณ ${n} ใบค่ะ`,
  more: (n: number) => `และใบสมัครเก่ากว่านี้อีก ${n} ใบค่ะ`,
  title: 'ใบสมัคร มชช.',
  round: 'รอบ',
  type: 'ประเภท',
  reference: 'เลขที่',
  stage: 'สถานะ',
  steps: 'ขั้นตอนที่ผ่านมา',
  next: 'ขั้นต่อไป',
  open: 'เปิดใบสมัคร',
  view: 'ดูสถานะ',
  noType: 'ยังไม่ได้เลือก',
};

/** The round as the office's profile has it (roundLabel, with its window), else as the case kept it. */
function roundText(c: CaseRow, office: OfficeProfile): string | undefined {
  const kept = mchchDataOf(c).round;
  if (!kept) return undefined;
  const round = office.mchch.rounds.find((r) => r.id === kept.id);
  return round ? roundLabel(round) : kept.label;
}

function stepLine(step: TimelineStep): string {
  const note = step.note ? ` — ${[...step.note].slice(0, NOTE_CHARS).join('')}` : '';
  return `✓ ${dayText(step.day)} ${step.label}${note}`;
}

/** One application's bubble. */
export function applicationBubble(c: CaseRow, steps: readonly TimelineStep[], office: OfficeProfile) {
  const kind = kindOf(MCHCH_KIND)!;
  const data = mchchDataOf(c);
  const info = caseStatusInfo(kind, c, c.status);
  const round = roundText(c, office);
  const body: FlexComponent[] = [
    ...(round ? [frow(STATUS_SAY.round, round)] : []),
    frow(STATUS_SAY.type, data.type ? TYPE_TITLES[data.type] : STATUS_SAY.noType),
    frow(STATUS_SAY.reference, referenceText(c)),
    frow(STATUS_SAY.stage, info.label),
    ftext(STATUS_SAY.steps, { size: 'sm', weight: 'bold' }),
    ...steps.map((step) => ftext(stepLine(step), { size: 'sm' })),
  ];
  if (info.next) body.push(ftext(`${STATUS_SAY.next}: ${info.next}`, { size: 'sm', color: MUTED }));
  // Into the hub while the applicant may still change it (case-open routes it there, at the section
  // staff reopened), else the status; a finished one that names another entry (ติดต่อเจ้าหน้าที่) goes there.
  const editable = kind.editable[c.status] !== undefined;
  const button = editable
    ? fbutton(postbackAction(info.button ?? STATUS_SAY.open, openCaseData(c)), 'primary')
    : fbutton(postbackAction(info.buttonEntry ? (info.button ?? STATUS_SAY.view) : STATUS_SAY.view, info.buttonEntry ? postback.go(info.buttonEntry) : openCaseData(c)), 'secondary');
  return bubble({ header: [ftext(STATUS_SAY.title, { weight: 'bold', color: '#FFFFFF' })], body, footer: [button] });
}

/**
 * `mchch-status` (สถานะใบสมัคร): the person's applications, the latest change first. Typed, or the
 * button under สถานะเรื่อง when the person has one — not a menu item of its own: the menu holds at most
 * 13 buttons and staff already fill it (สถานะเรื่อง lists every case, มชช. ones included).
 */
export const mchchStatusEntry: Entry = {
  id: MCHCH_ENTRIES.status,
  keywords: ['สถานะใบสมัคร', 'สถานะ มชช', 'ใบสมัคร มชช ของฉัน', 'สถานะมชช'],
  async respond(ctx): Promise<Message[]> {
    const office = ctx.services.office;
    const cases = await mchchCasesOf(ctx.tx, office.id, ctx.userId);
    if (cases.length === 0) return [text(STATUS_SAY.empty, [quickItem(postbackAction(STATUS_SAY.apply, postback.go(MCHCH_ENTRIES.intake))), menuItem()])];
    const kind = kindOf(MCHCH_KIND)!;
    const shown = cases.slice(0, LINE_LIMITS.flexCarouselBubbles);
    const cards = [];
    for (const c of shown) {
      const steps = timelineOf(await historyOf(ctx.tx, office.id, c.id), (status) => caseStatusInfo(kind, c, status).label);
      cards.push(applicationBubble(c, steps, office));
    }
    const lines = [STATUS_SAY.heading(cases.length)];
    if (cases.length > shown.length) lines.push(STATUS_SAY.more(cases.length - shown.length));
    return [text(lines.join('\n')), { ...flex(STATUS_SAY.heading(cases.length), { type: 'carousel', contents: cards }), quickReply: { items: [menuItem()] } }];
  },
};
