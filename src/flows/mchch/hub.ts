// mchch_app: the มชช. application's hub (params { c, s? }; reference §3, §4.3–4.4). The card names
// the round (roundLabel of the profile's round with the case's round id, else the snapshot), the
// type, ✓/✗ for every checklist item with its seed number, "ยังขาด N รายการ", a button into each
// item, and "ตรวจและส่ง". `s` opens that section at once. In needs_info only the sections staff
// reopened are offered, and "ส่งข้อมูลที่แก้แล้ว". Statuses the applicant cannot change show the status.
// Sending, by the round's mode (Q1): relay → submitted (staff pre-check); prepare_only → pack_ready
// (the prepared pack: what to bring, where, by when, and "ยื่นที่อำเภอแล้ว"). pack_ready stays
// editable (fix, and the card is redrawn). A new send after the office's cut-off is refused with the
// round's dates and "แจ้งเตือนรอบหน้า"; a resubmission staff asked for is still taken until the
// district deadline (staff asked for it, and the district still takes applications until then).
// The send button carries the case version its card was drawn from: an old or second press sends nothing.
import { transition } from '../../cases/actions';
import { mchchKind } from '../../cases/kinds/mchch';
import { referenceText } from '../../cases/messages';
import { historyOf } from '../../cases/store';
import { goItem, menuItem } from '../../booking/messages';
import type { CaseRow } from '../../db/schema';
import { bubble, fbutton, flex, frow, fseparator, ftext, postbackAction, text, type FlexComponent, type Message } from '../../line/messages';
import { MCHCH_SECTION_TITLES, TYPE_TITLES, type MchchData, type MchchSection } from '../../mchch/data';
import { formFieldsFor, isDocumentKey, readiness, type Readiness, type ReadinessItem } from '../../mchch/readiness';
import { itemName, packCard, reviewCard, type CardButton } from '../../mchch/review';
import { districtDeadlineText, nextRound, roundLabel } from '../../mchch/rounds';
import { mchchDataOf } from '../../mchch/store';
import { fromIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { reopenedSections } from '../../cases/actions';
import { postback } from '../postback';
import type { Entry, Flow, FlowContext, Next, Routed } from '../types';
import {
  caseRoundStatus,
  hubItems,
  isMchchSection,
  notFoundMessages,
  ownMchchCase,
  pickChoice,
  profileRound,
  roundFacts,
  roundMode,
  roundName,
  sectionEditable,
  sectionsOfCase,
  settingsOf,
  todayIso,
} from './common';
import { MCHCH_ENTRIES, MCHCH_FLOWS, mchchHubParams } from './ids';

export const MCHCH_HUB_SAY = {
  title: 'ใบสมัคร มชช.',
  round: 'รอบ',
  type: 'ประเภท',
  status: 'สถานะ',
  reference: 'เลขที่',
  intro: 'กดที่แต่ละรายการเพื่อกรอกหรือส่งเอกสาร ทำข้อไหนก่อนก็ได้ ข้อมูลบันทึกไว้ทุกครั้งค่ะ',
  fixIntro: 'เจ้าหน้าที่ขอให้แก้ไขหรือส่งเพิ่มรายการด้านล่างค่ะ เสร็จแล้วกด "ส่งข้อมูลที่แก้แล้ว" นะคะ',
  packIntro: 'เอกสารเตรียมไว้แล้วค่ะ แก้ไขได้จนกว่าจะยื่น เมื่อยื่นที่อำเภอแล้วกด "ยื่นที่อำเภอแล้ว" ค่ะ',
  staffNote: 'เจ้าหน้าที่แจ้งว่า',
  optional: '(ไม่บังคับ)',
  missing: (n: number) => (n > 0 ? `ยังขาด ${n} รายการ` : 'ครบทุกรายการแล้วค่ะ 👍'),
  review: 'ตรวจและส่ง',
  resend: 'ส่งข้อมูลที่แก้แล้ว',
  pack: 'ดูรายการที่ต้องยื่น',
  handedIn: 'ยื่นที่อำเภอแล้ว',
  later: 'ไว้ทำต่อทีหลัง',
  withdraw: 'ยกเลิกใบสมัคร',
  backToHub: 'กลับหน้าใบสมัคร',
  sendRelay: 'ส่งใบสมัคร',
  sendPrepare: 'เตรียมเอกสารยื่น',
  laterDone: 'ข้อมูลที่กรอกไว้บันทึกไว้แล้วค่ะ กลับมาทำต่อได้ทุกเมื่อ กดปุ่ม "กลับหน้าใบสมัคร" ด้านล่างค่ะ',
  notReady: (names: string[]) => `ยังส่งไม่ได้ค่ะ ยังขาด: ${names.join(', ')}`,
  closed: (round: string, cutoff: string) =>
    `ขออภัยค่ะ ${round} ปิดรับใบสมัครแล้วเมื่อวันที่ ${cutoff} จึงส่งใบสมัครนี้ไม่ได้ค่ะ ข้อมูลที่กรอกไว้ยังเก็บไว้ให้นะคะ\nกด "แจ้งเตือนรอบหน้า" เพื่อให้แจ้งเมื่อเปิดรับรอบใหม่ค่ะ`,
  subscribe: 'แจ้งเตือนรอบหน้า',
  nextRound: (label: string) => `รอบถัดไป: ${label}`,
  tooLateResubmit: (deadline: string) => `ขออภัยค่ะ เลยกำหนดส่งถึงอำเภอ (${deadline}) แล้ว จึงส่งข้อมูลที่แก้ไม่ได้ค่ะ สอบถามเจ้าหน้าที่ได้นะคะ`,
  stale: 'ใบสมัครนี้เพิ่งเปลี่ยนไปเมื่อครู่ (อาจแก้หรือส่งจากที่อื่น) ขอแสดงข้อมูลล่าสุดให้ดูอีกครั้งนะคะ',
  notAllowed: 'ขออภัยค่ะ ตอนนี้ทำรายการนี้กับใบสมัครนี้ไม่ได้แล้ว',
  sent: (reference: string, next: string) => `ส่งใบสมัครเรียบร้อยแล้วค่ะ 🙏\nเลขที่: ${reference}\nจดเลขนี้ไว้ใช้ถามเจ้าหน้าที่ได้ค่ะ\n${next}`,
  resent: (reference: string, next: string) => `ส่งข้อมูลที่แก้แล้วเรียบร้อยค่ะ 🙏\nเลขที่: ${reference}\n${next}`,
  prepared: (reference: string) => `เตรียมเอกสารเรียบร้อยแล้วค่ะ 🙏\nเลขที่: ${reference}\nจดเลขนี้ไว้ใช้ถามเจ้าหน้าที่ได้ค่ะ รายการเอกสารที่ต้องนำไปยื่นอยู่ในการ์ดด้านล่างนะคะ`,
  withdrawAsk: 'ยกเลิกใบสมัคร มชช. นี้ใช่ไหมคะ ยกเลิกแล้วจะไม่พิจารณาต่อ (สมัครใหม่ได้เมื่อเปิดรับค่ะ)',
  withdrawYes: 'ยืนยัน ยกเลิก',
  withdrawNo: 'ไม่ยกเลิก',
  withdrawn: 'ยกเลิกใบสมัครนี้แล้วค่ะ สมัครใหม่ได้ทุกเมื่อที่เปิดรับค่ะ',
  handedInDone: (reference: string, next: string) => `บันทึกแล้วค่ะ ✅ ยื่นใบสมัครที่อำเภอแล้ว (เลขที่ ${reference})\n${next}`,
};

const WITHDRAWABLE = ['draft', 'submitted', 'in_review', 'needs_info', 'resubmitted', 'pack_ready'];
const ACTIONS = ['review', 'pack', 'later', 'withdraw'] as const;
type Action = (typeof ACTIONS)[number];

interface Seen {
  action: Action;
  version: number;
  status: string;
}

/** Where a section is filled in: its conversation and parameters. */
export function sectionTarget(section: MchchSection, caseId: number): { entry: string; flow: string; params: Record<string, string> } {
  const c = String(caseId);
  if (section === 'applicant') return { entry: MCHCH_ENTRIES.applicant, flow: MCHCH_FLOWS.applicant, params: { c } };
  if (section === 'form') return { entry: MCHCH_ENTRIES.form, flow: MCHCH_FLOWS.form, params: { c } };
  if (section === 'team' || section === 'advisers') return { entry: MCHCH_ENTRIES.list, flow: MCHCH_FLOWS.list, params: { c, k: section } };
  if (isDocumentKey(section)) return { entry: MCHCH_ENTRIES.doc, flow: MCHCH_FLOWS.doc, params: { c, k: section } };
  // The qualification answers are the intake's (another conversation); it takes the case.
  return { entry: MCHCH_ENTRIES.intake, flow: MCHCH_FLOWS.intake, params: { c } };
}

const currentCase = (ctx: FlowContext) => ownMchchCase(ctx, ctx.answers.c);
const seenOf = (ctx: FlowContext) => ctx.answers.hub as Seen | undefined;

function readinessOf(ctx: FlowContext, data: MchchData): Readiness {
  return readiness(data, settingsOf(ctx));
}

/** What the applicant can change now and is offered on the card: all items, or only the reopened. */
function offered(c: CaseRow, r: Readiness): { section: MchchSection; item?: ReadinessItem }[] {
  if (c.status === 'needs_info') {
    return reopenedSections(c)
      .filter(isMchchSection)
      .map((section) => ({ section, item: r.items.find((i) => i.key === section) }));
  }
  return r.items.filter((i) => sectionEditable(c, i.key)).map((item) => ({ section: item.key as MchchSection, item }));
}

/** "✓ ๑.๒ รูปถ่าย 1 รูป", "✗ คณะที่ปรึกษา (ไม่บังคับ)": the item's button says whether it is done. */
export function sectionLabel(entry: { section: MchchSection; item?: ReadinessItem }): string {
  const name = entry.item ? itemName(entry.item) : MCHCH_SECTION_TITLES[entry.section];
  return `${entry.item && entry.item.done ? '✓' : '✗'} ${name}${entry.item && !entry.item.required ? ` ${MCHCH_HUB_SAY.optional}` : ''}`;
}

function sectionButton(c: CaseRow, entry: { section: MchchSection; item?: ReadinessItem }, label = sectionLabel(entry)): FlexComponent {
  const target = sectionTarget(entry.section, c.id);
  return fbutton(postbackAction(label, postback.go(target.entry, target.params)), entry.item && !entry.item.done ? 'primary' : 'secondary');
}

async function staffNote(ctx: FlowContext, c: CaseRow): Promise<string | undefined> {
  const rows = await historyOf(ctx.tx, ctx.services.office.id, c.id);
  const last = rows.filter((r) => r.toStatus === 'needs_info').at(-1);
  return last && !last.internal && last.note ? last.note : undefined;
}

function statusText(c: CaseRow, data: MchchData) {
  return mchchKind.statusFor?.(c.status as never, data) ?? mchchKind.statuses[c.status as keyof typeof mchchKind.statuses];
}

async function hubCard(ctx: FlowContext, c: CaseRow): Promise<Message> {
  const data = mchchDataOf(c);
  const r = readinessOf(ctx, data);
  const body: FlexComponent[] = [frow(MCHCH_HUB_SAY.round, roundName(ctx, data))];
  if (data.type) body.push(frow(MCHCH_HUB_SAY.type, TYPE_TITLES[data.type]));
  if (c.status !== 'draft') body.push(frow(MCHCH_HUB_SAY.status, statusText(c, data).label));
  if (c.reference) body.push(frow(MCHCH_HUB_SAY.reference, referenceText(c)));
  const entries = offered(c, r);
  if (c.status === 'needs_info') {
    const note = await staffNote(ctx, c);
    if (note) body.push(frow(MCHCH_HUB_SAY.staffNote, note));
    body.push(ftext(MCHCH_HUB_SAY.fixIntro, { size: 'sm', color: '#6B7280' }));
  } else if (c.status === 'pack_ready') body.push(ftext(MCHCH_HUB_SAY.packIntro, { size: 'sm', color: '#6B7280' }));
  else body.push(ftext(MCHCH_HUB_SAY.intro, { size: 'sm', color: '#6B7280' }));
  // One button per item the applicant may change now, each with ✓/✗ and its seed number.
  body.push(fseparator(), ftext(MCHCH_HUB_SAY.missing(r.blocking.length), { size: 'sm', weight: 'bold' }), ...entries.map((e) => sectionButton(c, e)));
  const footer: FlexComponent[] = [];
  if (c.status === 'pack_ready') {
    footer.push(fbutton(postbackAction(MCHCH_HUB_SAY.handedIn, postback.go(MCHCH_ENTRIES.handedIn, { c: String(c.id), v: String(c.version) })), 'primary'));
    footer.push(fbutton(postbackAction(MCHCH_HUB_SAY.pack, ctx.answerData('pack'))));
  } else footer.push(fbutton(postbackAction(c.status === 'needs_info' ? MCHCH_HUB_SAY.resend : MCHCH_HUB_SAY.review, ctx.answerData('review')), 'primary'));
  footer.push(fbutton(postbackAction(MCHCH_HUB_SAY.later, ctx.answerData('later'))));
  if (WITHDRAWABLE.includes(c.status)) footer.push(fbutton(postbackAction(MCHCH_HUB_SAY.withdraw, ctx.answerData('withdraw')), 'link'));
  const alt = `${MCHCH_HUB_SAY.title}: ${MCHCH_HUB_SAY.missing(r.blocking.length)}`;
  return flex(alt, bubble({ header: [ftext(MCHCH_HUB_SAY.title, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}

function packMessage(ctx: FlowContext, c: CaseRow): Message {
  const data = mchchDataOf(c);
  const facts = roundFacts(ctx, data);
  const round = profileRound(ctx, data);
  return packCard({
    roundName: roundName(ctx, data),
    reference: referenceText(c),
    data,
    readiness: readinessOf(ctx, data),
    fields: formFieldsFor(data.type, settingsOf(ctx)),
    district: facts?.district ?? { name: 'สำนักงานพัฒนาชุมชนอำเภอ' },
    deadlineText: round ? districtDeadlineText(round) : facts ? formatThaiDate(fromIso(facts.districtDeadline)) : '',
    buttons: [
      { label: MCHCH_HUB_SAY.handedIn, data: postback.go(MCHCH_ENTRIES.handedIn, { c: String(c.id), v: String(c.version) }), style: 'primary' },
      { label: MCHCH_HUB_SAY.backToHub, data: postback.go(MCHCH_ENTRIES.hub, mchchHubParams(c.id)) },
    ],
  });
}

/** The refusal of a new send after the office's cut-off: the round's dates (and the next round's, when set) and the subscribe button. */
function closedMessages(ctx: FlowContext, c: CaseRow, data: MchchData): Message[] {
  const round = profileRound(ctx, data);
  const cutoff = round?.localCutoff ?? data.round?.localCutoff;
  const lines = [MCHCH_HUB_SAY.closed(round ? roundLabel(round) : (data.round?.label ?? ''), cutoff ? formatThaiDate(fromIso(cutoff)) : '')];
  const next = nextRound(settingsOf(ctx), todayIso(ctx.now));
  if (next) lines.push(MCHCH_HUB_SAY.nextRound(roundLabel(next)));
  return [text(lines.join('\n'), [goItem(MCHCH_HUB_SAY.subscribe, MCHCH_ENTRIES.subscribe), ...hubItems(c.id)])];
}

function backToHubStep(say: string): Next {
  return { step: 'hub', say: [text(say)] };
}

/** The send button's value carries the version the review card was drawn from. */
const sendValue = (c: CaseRow) => `send:${c.version}`;

async function send(ctx: FlowContext, c: CaseRow, version: number): Promise<Next> {
  const data = mchchDataOf(c);
  const r = readinessOf(ctx, data);
  if (!r.ready) return { step: 'review', say: [text(MCHCH_HUB_SAY.notReady(r.blocking.map(itemName)))] };
  const status = caseRoundStatus(ctx, data);
  let to: string;
  if (c.status === 'needs_info') {
    // Staff asked for this: taken until the district deadline even after the office's own cut-off.
    if (status === 'past') return { end: [text(MCHCH_HUB_SAY.tooLateResubmit(roundFacts(ctx, data) ? formatThaiDate(fromIso(roundFacts(ctx, data)!.districtDeadline)) : ''), hubItems(c.id))] };
    to = 'resubmitted';
  } else if (c.status === 'draft') {
    if (status !== 'open') return { end: closedMessages(ctx, c, data) };
    to = roundMode(ctx, data) === 'relay' ? 'submitted' : 'pack_ready';
  } else return backToHubStep(MCHCH_HUB_SAY.notAllowed);
  const result = await transition(ctx.tx, ctx.services.office.id, c.id, { to, actor: { role: 'applicant', id: ctx.userId }, expectedVersion: version, office: ctx.services.office }, ctx.now);
  if (!result.ok) return backToHubStep(result.reason === 'stale' ? MCHCH_HUB_SAY.stale : MCHCH_HUB_SAY.notAllowed);
  const sent = result.case;
  const next = statusText(sent, data).next;
  if (to === 'pack_ready') return { end: [text(MCHCH_HUB_SAY.prepared(referenceText(sent))), packMessage(ctx, sent), text(next, hubItems(sent.id))] };
  const say = to === 'submitted' ? MCHCH_HUB_SAY.sent(referenceText(sent), next) : MCHCH_HUB_SAY.resent(referenceText(sent), next);
  return { end: [text(say, hubItems(sent.id))] };
}

function reviewButtons(ctx: FlowContext, c: CaseRow, data: MchchData, r: Readiness): CardButton[] {
  const buttons: CardButton[] = [];
  if (r.ready) {
    const label = c.status === 'needs_info' ? MCHCH_HUB_SAY.resend : roundMode(ctx, data) === 'relay' ? MCHCH_HUB_SAY.sendRelay : MCHCH_HUB_SAY.sendPrepare;
    buttons.push({ label, data: ctx.answerData(sendValue(c)), style: 'primary' });
  } else {
    for (const item of r.blocking.filter((i) => sectionEditable(c, i.key)).slice(0, 6)) {
      const target = sectionTarget(item.key as MchchSection, c.id);
      buttons.push({ label: `✗ ${itemName(item)}`, data: postback.go(target.entry, target.params), style: 'primary' });
    }
  }
  buttons.push({ label: MCHCH_HUB_SAY.backToHub, data: ctx.answerData('hub') });
  return buttons;
}

export const mchchHubFlow: Flow = {
  id: MCHCH_FLOWS.hub,
  version: 1,
  title: 'ใบสมัคร มชช.',
  async start(ctx, params) {
    const c = await ownMchchCase(ctx, params.c);
    if (!c) return { refuse: notFoundMessages() };
    const editable = mchchKind.editable[c.status as keyof typeof mchchKind.editable];
    if (!editable) return { refuse: statusMessages(c) };
    // A push's button names the section: open it at once when the applicant may change it now.
    if (isMchchSection(params.s) && sectionsOfCase(ctx, mchchDataOf(c)).includes(params.s) && sectionEditable(c, params.s)) {
      const target = sectionTarget(params.s, c.id);
      return { then: { flow: target.flow, params: target.params } };
    }
    return { step: 'hub', answers: { c: c.id } };
  },
  steps: {
    hub: {
      async ask(ctx) {
        const c = await currentCase(ctx);
        if (!c) return { messages: notFoundMessages(), choices: [{ value: 'later', label: MCHCH_HUB_SAY.later }] };
        const labels: Record<Action, string> = { review: MCHCH_HUB_SAY.review, pack: MCHCH_HUB_SAY.pack, later: MCHCH_HUB_SAY.later, withdraw: MCHCH_HUB_SAY.withdraw };
        return {
          messages: [await hubCard(ctx, c)],
          choices: ACTIONS.map((value) => ({
            value,
            label: labels[value],
            keywords: value === 'later' ? ['ไว้ทำต่อ', 'ไว้ก่อน'] : value === 'review' ? ['ส่งใบสมัคร', 'ตรวจ', 'ส่งข้อมูลที่แก้แล้ว'] : [],
          })),
          choicesInMessages: true,
          quickChoices: c.status === 'pack_ready' ? ['pack', 'later'] : ['review', 'later'],
        };
      },
      async accept(reply, ctx) {
        const c = await currentCase(ctx);
        const action = reply.choice?.value as Action | undefined;
        if (!action) return { ok: false, reason: 'กรุณาเลือกจากปุ่มในการ์ดนะคะ' };
        return { ok: true, value: { action, version: c?.version ?? 0, status: c?.status ?? '' } satisfies Seen };
      },
      async next(ctx) {
        const seen = seenOf(ctx)!;
        const c = await currentCase(ctx);
        if (!c) return { end: notFoundMessages() };
        if (seen.action === 'later') return { end: [text(MCHCH_HUB_SAY.laterDone, hubItems(c.id))] };
        if (seen.action === 'withdraw') return WITHDRAWABLE.includes(c.status) ? { step: 'withdraw' } : backToHubStep(MCHCH_HUB_SAY.notAllowed);
        if (seen.action === 'pack') return c.status === 'pack_ready' ? { step: 'hub', say: [packMessage(ctx, c)] } : backToHubStep(MCHCH_HUB_SAY.notAllowed);
        if (c.status === 'draft' && caseRoundStatus(ctx, mchchDataOf(c)) !== 'open') return { end: closedMessages(ctx, c, mchchDataOf(c)) };
        return c.status === 'draft' || c.status === 'needs_info' ? { step: 'review' } : backToHubStep(MCHCH_HUB_SAY.notAllowed);
      },
    },
    review: {
      async ask(ctx) {
        const c = await currentCase(ctx);
        if (!c) return { messages: notFoundMessages(), choices: [{ value: 'hub', label: MCHCH_HUB_SAY.backToHub }] };
        const data = mchchDataOf(c);
        const r = readiness(data, settingsOf(ctx), todayIso(ctx.now));
        const card = reviewCard({ roundName: roundName(ctx, data), data, readiness: r, today: todayIso(ctx.now), buttons: reviewButtons(ctx, c, data, r) });
        return {
          messages: [card],
          choices: [
            ...(r.ready ? [{ value: sendValue(c), label: MCHCH_HUB_SAY.sendRelay, keywords: ['ส่ง', 'ยืนยัน'] }] : []),
            { value: 'hub', label: MCHCH_HUB_SAY.backToHub },
          ],
          choicesInMessages: true,
          quickChoices: ['hub'],
        };
      },
      accept: pickChoice,
      async next(ctx) {
        const c = await currentCase(ctx);
        if (!c) return { end: notFoundMessages() };
        const value = String(ctx.answers.review);
        if (!value.startsWith('send:')) return { step: 'hub' };
        return send(ctx, c, Number(value.slice(5)));
      },
    },
    withdraw: {
      ask: () => ({
        messages: [text(MCHCH_HUB_SAY.withdrawAsk)],
        choices: [
          { value: 'no', label: MCHCH_HUB_SAY.withdrawNo },
          { value: 'yes', label: MCHCH_HUB_SAY.withdrawYes },
        ],
      }),
      accept: pickChoice,
      async next(ctx) {
        if (ctx.answers.withdraw !== 'yes') return { step: 'hub' };
        const c = await currentCase(ctx);
        if (!c) return { end: notFoundMessages() };
        const seen = seenOf(ctx)!;
        const result = await transition(ctx.tx, ctx.services.office.id, c.id, { to: 'withdrawn', actor: { role: 'applicant', id: ctx.userId }, expectedVersion: seen.version, office: ctx.services.office }, ctx.now);
        if (!result.ok) return backToHubStep(result.reason === 'stale' ? MCHCH_HUB_SAY.stale : MCHCH_HUB_SAY.notAllowed);
        return { end: [text(MCHCH_HUB_SAY.withdrawn, [menuItem()])] };
      },
    },
  },
};

/** The case's status as the applicant reads it (the round's district office named), with a way on. */
function statusMessages(c: CaseRow): Message[] {
  const data = mchchDataOf(c);
  const info = statusText(c, data);
  const round = data.round ? `\nรอบ: ${data.round.label}` : '';
  return [text(`เรื่อง${mchchKind.title}\nเลขที่ ${referenceText(c)}${round}\nสถานะ: ${info.label}\n${info.next}`, [menuItem()])];
}

export const mchchHubEntry: Entry = { id: MCHCH_ENTRIES.hub, keywords: [], flow: mchchHubFlow.id };

/**
 * ยื่นที่อำเภอแล้ว (params { c, v }): the applicant's pack_ready → handed_in. A button from before an
 * edit (another version) or from a case that moved on shows the current status instead.
 */
export const mchchHandedInEntry: Entry = {
  id: MCHCH_ENTRIES.handedIn,
  keywords: [],
  async respond(ctx, params): Promise<Message[] | Routed> {
    const c = await ownMchchCase(ctx, params.c);
    if (!c) return notFoundMessages();
    const version = Number(params.v);
    if (c.status !== 'pack_ready') return statusMessages(c);
    if (c.version !== version) {
      // A button from another version of the case (data edits keep the version; only a status change
      // moves it): the pack as it is now, with a fresh button.
      return [text(MCHCH_HUB_SAY.stale), packMessage(ctx, c)];
    }
    const result = await transition(ctx.tx, ctx.services.office.id, c.id, { to: 'handed_in', actor: { role: 'applicant', id: ctx.userId }, expectedVersion: version, office: ctx.services.office }, ctx.now);
    if (!result.ok) return result.current ? statusMessages(result.current) : notFoundMessages();
    return [text(MCHCH_HUB_SAY.handedInDone(referenceText(result.case), statusText(result.case, mchchDataOf(result.case)).next), [menuItem()])];
  },
};
