// "ตั้งกลุ่ม": the formation guide (grp_form, reference §4.1). A short intro and the PDPA consent
// create the group's draft case; from then on everything the leader tells the guide is saved in the
// case's `formation` section as it is taken, so the journey resumes after weeks, whatever happened to
// the conversation row. The overview is a carousel of the ten steps (seed titles, ✓ ทำแล้ว / ยังไม่ได้ทำ);
// a step shows its คำแนะนำ and buttons: mark it done, fill its section (grp_sub_<section>), book a staff
// visit (the booking flow, service "advice"), or later. Step 2 plans the forum (a reminder the day
// after asks how it went) and records its result; a forum that says no parks the journey, and coming
// back clears it. Steps 9–10 are staff work, shown as information only (Q7).
import { createDraft, saveData } from '../../cases/actions';
import { statusInfo } from '../../cases/kind';
import { kindOf } from '../../cases/kinds';
import { readBookingDay, readClockTime } from '../../booking/input';
import { goItem, menuItem } from '../../booking/messages';
import { findService } from '../../booking/schedule';
import type { CaseRow } from '../../db/schema';
import { GROUP_SLOTS, SECTION_TITLES, type GroupData } from '../../groups/data';
import { FORMATION_STEPS, formationStep, forumReminderRef, isStepDone, nextStepToDo, sectionsFilled, type FormationStep } from '../../groups/formation';
import { GROUP_PRIVACY } from '../../groups/privacy';
import { GROUP_KIND, groupCasesOf, groupDataOf } from '../../groups/store';
import { bubble, fbutton, flex, frow, ftext, postbackAction, text, type FlexComponent, type Message, type QuickReplyItem } from '../../line/messages';
import { cancelPending, enqueuePush } from '../../notify/outbox';
import { addDays, bangkokToday, compareDates, fromIso, instantFromBangkok, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { parseSmallInt } from '../../thai/numbers';
import { normalizeInput } from '../../thai/normalize';
import type { Choice, Entry, Flow, FlowContext, Next, Step } from '../types';
import { ownGroupCase } from './case';
import { GROUP_ENTRIES, GROUP_FLOWS, hubParams } from './ids';

const MAX_PLACE_CHARS = 200;
const MAX_SUMMARY_CHARS = 1_000;
/** Only a draft is the leader's to change; a sent group is followed from the hub and status pushes. */
const EDITABLE = ['draft'];

export const FORM_SAY = {
  title: 'ตั้งกลุ่ม',
  intro:
    'การรวมกลุ่ม เช่น กลุ่มอาชีพ กลุ่มแม่บ้าน กลุ่มออมทรัพย์ ช่วยให้ชาวบ้านทำกิจกรรม ออมเงิน และขอรับการสนับสนุนได้ง่ายขึ้นค่ะ\n\n' +
    'การจัดตั้งกลุ่มมี 10 ขั้นตอน:\n' +
    FORMATION_STEPS.map((s) => `${s.n}) ${s.title}`).join('\n') +
    '\n\nบอทจะช่วยบอกทีละขั้น และจำไว้ว่าทำถึงไหนแล้ว กลับมาทำต่อได้ทุกเมื่อค่ะ',
  start: 'เริ่มเลย',
  notNow: 'ไว้ก่อน',
  notNowEnd: 'ได้เลยค่ะ พร้อมเมื่อไร พิมพ์ "ตั้งกลุ่ม" ได้ทุกเมื่อนะคะ',
  pick: 'คุณมีกลุ่มที่กำลังตั้งอยู่หลายกลุ่มค่ะ จะทำต่อกลุ่มไหนคะ',
  newGroup: 'เริ่มกลุ่มใหม่',
  unnamed: (id: number) => `กลุ่มที่ยังไม่มีชื่อ (${id})`,
  progress: (done: number, total: number) => `ความคืบหน้าการตั้งกลุ่ม: ทำแล้ว ${done} จาก ${total} ขั้นค่ะ`,
  nextIs: (s: FormationStep) => `ขั้นต่อไป: ขั้นที่ ${s.n} ${s.title}`,
  allDone: 'ทำครบทุกขั้นแล้วค่ะ 🎉 กด "ส่งข้อมูลกลุ่ม" เพื่อตรวจและส่งให้เจ้าหน้าที่ได้เลยค่ะ',
  pickStep: 'กด "ดูขั้นนี้" ที่ขั้นที่ต้องการได้เลยค่ะ',
  welcomeBack: 'ยินดีต้อนรับกลับค่ะ 😊 ข้อมูลที่ทำไว้ยังอยู่ครบ ทำต่อได้เลยค่ะ',
  doneMark: '✓ ทำแล้ว',
  notDone: 'ยังไม่ได้ทำ',
  staffSide: 'เจ้าหน้าที่ดูแล',
  view: 'ดูขั้นนี้',
  stepOf: (n: number) => `ขั้นที่ ${n} จาก 10`,
  advice: 'คำแนะนำ',
  adviceNote: '(คำแนะนำทั่วไป สอบถามเจ้าหน้าที่เพิ่มได้ค่ะ)',
  markDone: 'ทำขั้นนี้แล้ว',
  unmark: 'ยังไม่ได้ทำ',
  fill: 'กรอกข้อมูลขั้นนี้',
  visit: 'นัดเจ้าหน้าที่',
  overview: 'ดูทุกขั้น',
  later: 'ไว้ทีหลัง',
  submit: 'ส่งข้อมูลกลุ่ม',
  planForum: 'วางแผนประชาคม',
  changeForum: 'เลื่อนวันประชุม',
  forumResult: 'บันทึกผลประชาคม',
  marked: (s: FormationStep) => `✓ บันทึกแล้วค่ะ ขั้นที่ ${s.n} ${s.title}`,
  unmarked: (s: FormationStep) => `เปลี่ยนขั้นที่ ${s.n} เป็นยังไม่ได้ทำแล้วค่ะ`,
  nextStep: (s: FormationStep) => `ขั้นที่ ${s.n}`,
  laterEnd: 'บันทึกไว้แล้วค่ะ กลับมาทำต่อได้ทุกเมื่อ กด "ตั้งกลุ่ม" หรือพิมพ์ "ตั้งกลุ่ม" ได้เลยนะคะ',
  goFill: (title: string) => `ไปกรอก${title}กันค่ะ`,
  goVisit: 'นัดเจ้าหน้าที่มาให้คำแนะนำ เลือกวันที่สะดวกได้เลยค่ะ',
  forumDate: 'จะจัดประชุมประชาคมวันไหนคะ\nพิมพ์วันที่ เช่น 15 ธ.ค. 2569 หรือกดเลือกวันจากปุ่มได้ค่ะ',
  pickDay: 'เลือกวัน',
  datePast: 'วันที่นี้ผ่านไปแล้วค่ะ ขอเป็นวันนี้หรือวันข้างหน้านะคะ',
  dateUnread: 'ขออภัยค่ะ อ่านวันที่ไม่ออก พิมพ์แบบนี้ได้ค่ะ เช่น 15 ธ.ค. 2569 หรือกดเลือกวันจากปุ่มค่ะ',
  dateHeard: (date: string) => `รับทราบค่ะ ประชุม${date}`,
  forumTime: 'ประชุมกี่โมงคะ พิมพ์ เช่น 13:30 หรือ บ่ายโมง\nถ้ายังไม่แน่ใจ กด "ไม่ระบุเวลา" ได้ค่ะ',
  noTime: 'ไม่ระบุเวลา',
  timeUnread: 'ขออภัยค่ะ อ่านเวลาไม่ออก พิมพ์แบบนี้ได้ค่ะ เช่น 13:30 หรือ บ่ายโมง',
  forumPlace: 'ประชุมที่ไหนคะ เช่น ศาลาประชาคมหมู่ 3',
  placeEmpty: 'ขอชื่อสถานที่ประชุมเป็นข้อความนะคะ เช่น ศาลาประชาคมหมู่ 3',
  placeTooLong: `ชื่อสถานที่ยาวเกินไปค่ะ ขอสั้น ๆ ไม่เกิน ${MAX_PLACE_CHARS} ตัวอักษรนะคะ`,
  forumSaved: (when: string, place: string) =>
    `บันทึกนัดประชุมประชาคมแล้วค่ะ\n📅 ${when}\n📍 ${place}\n\nวันถัดจากวันประชุม บอทจะทักมาถามผลการประชุมนะคะ`,
  reminder: (date: string) => `สวัสดีค่ะ 😊 ประชุมประชาคมเรื่องตั้งกลุ่มเมื่อ${date} เป็นอย่างไรบ้างคะ กดบันทึกผลการประชุมได้เลยค่ะ`,
  attendees: 'มีผู้มาร่วมประชุมประชาคมกี่คนคะ พิมพ์เป็นตัวเลข เช่น 25',
  attendeesUnread: 'ขอเป็นตัวเลขนะคะ เช่น 25 หรือ ๒๕ ค่ะ',
  attendeesZero: 'ขออย่างน้อย 1 คนค่ะ',
  photos: 'ถ้ามีรูปใบลงชื่อผู้เข้าประชุม ส่งรูปได้เลยค่ะ (ส่งหลายรูปพร้อมกันได้)\nถ้าไม่มี กด "ข้าม" ได้ค่ะ',
  skip: 'ข้าม',
  summary: 'สรุปผลการประชุมสั้น ๆ ได้ไหมคะ เช่น ตกลงตั้งกลุ่มอะไร ใครรับผิดชอบ\nถ้าไม่สะดวก กด "ข้าม" ได้ค่ะ',
  summaryTooLong: `สรุปยาวเกินไปค่ะ ขอไม่เกิน ${MAX_SUMMARY_CHARS} ตัวอักษรนะคะ`,
  agreed: 'ที่ประชุมเห็นชอบให้ตั้งกลุ่มไหมคะ',
  yes: 'เห็นชอบ',
  no: 'ไม่เห็นชอบ',
  agreedEnd: 'เยี่ยมเลยค่ะ 🎉 บันทึกผลประชาคมแล้ว\nขั้นต่อไปคือ ขั้นที่ 3 จัดตั้งกลุ่ม: ตกลงชื่อ ประเภท และวัตถุประสงค์ของกลุ่มค่ะ',
  parked: 'ไม่เป็นไรค่ะ 🙏 บันทึกผลไว้แล้ว ข้อมูลที่ทำไว้ยังอยู่ครบ ถ้าชาวบ้านพร้อมเมื่อไร กลับมาทำต่อได้ทุกเมื่อนะคะ',
  resume: 'ทำต่อ',
  gone: 'ไม่พบข้อมูลกลุ่มนี้ค่ะ อาจถูกลบไปแล้ว เริ่มตั้งกลุ่มใหม่ได้เลยนะคะ',
  sent: (label: string) => `กลุ่มนี้ส่งข้อมูลให้เจ้าหน้าที่แล้วค่ะ (สถานะ: ${label}) เจ้าหน้าที่จะแจ้งผลทาง LINE นี้นะคะ`,
  notSaved: 'ขออภัยค่ะ บันทึกไม่ได้ เพราะกลุ่มนี้ส่งข้อมูลแล้ว สอบถามเจ้าหน้าที่ได้ค่ะ',
};

// ---- the case the conversation works on ------------------------------------------------------

interface Group {
  c: CaseRow;
  data: GroupData;
}

/** The case id: given at the start (`c`), picked (`pick`), or created at the consent (`consent`). */
function caseIdOf(ctx: FlowContext): number | undefined {
  for (const key of ['consent', 'pick', 'c']) {
    const value = ctx.answers[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

async function loadGroup(ctx: FlowContext, id: unknown = caseIdOf(ctx)): Promise<Group | undefined> {
  const c = await ownGroupCase(ctx, id);
  return c && { c, data: groupDataOf(c) };
}

async function groupOf(ctx: FlowContext): Promise<Group> {
  const group = await loadGroup(ctx);
  if (!group) throw new Error('grp_form: the group case is gone');
  return group;
}

function formationOf(data: GroupData) {
  return data.formation ?? { done: [], parked: false };
}

/** Save the formation section; false when the case no longer takes changes from the leader. */
async function saveFormation(ctx: FlowContext, group: Group, change: Partial<NonNullable<GroupData['formation']>>): Promise<boolean> {
  const formation = { ...formationOf(group.data), ...change };
  const saved = await saveData(ctx.tx, ctx.services.office.id, group.c.id, ctx.userId, { formation }, ctx.now);
  return saved.ok;
}

function groupName(c: CaseRow, data: GroupData): string {
  return data.profile?.name ?? data.formation?.idea?.name ?? FORM_SAY.unnamed(c.id);
}

const params = (c: number, extra: Record<string, string> = {}) => ({ c: String(c), ...extra });
const resumeItem = (c: number, label = FORM_SAY.overview) => goItem(label, GROUP_ENTRIES.form, params(c));
const stepItem = (c: number, s: FormationStep) => goItem(FORM_SAY.nextStep(s), GROUP_ENTRIES.form, params(c, { step: String(s.n) }));

function hasVisits(ctx: FlowContext): boolean {
  return findService(ctx.services.office, 'advice') !== undefined;
}

// ---- pushes ----------------------------------------------------------------------------------

/** The day after the forum, at the office's hour: "how did it go?" with a button into the result. */
async function scheduleForumReminder(ctx: FlowContext, caseId: number, date: string): Promise<void> {
  const office = ctx.services.office;
  const ref = forumReminderRef(office.id, caseId);
  await cancelPending(ctx.tx, office.id, ref);
  const dueAt = instantFromBangkok(addDays(fromIso(date), 1), office.groups.forumReminderHour).getTime();
  const messages = [
    text(FORM_SAY.reminder(formatThaiDate(fromIso(date), { weekday: true })), [
      goItem(FORM_SAY.forumResult, GROUP_ENTRIES.form, params(caseId, { step: 'forum_result' })),
      goItem(FORM_SAY.changeForum, GROUP_ENTRIES.form, params(caseId, { step: 'forum_plan' })),
      menuItem(),
    ]),
  ];
  await enqueuePush(ctx.tx, office.id, { to: ctx.userId, messages, purpose: 'group-forum', dueAt, ref, dedupeKey: `${ref}:${date}` }, ctx.now.getTime());
}

// ---- messages --------------------------------------------------------------------------------

function statusText(data: GroupData, s: FormationStep): { words: string; color: string } {
  if (s.infoOnly) return { words: FORM_SAY.staffSide, color: '#6B7280' };
  return isStepDone(data, s) ? { words: FORM_SAY.doneMark, color: '#0E7C66' } : { words: FORM_SAY.notDone, color: '#B45309' };
}

function overviewCard(ctx: FlowContext, data: GroupData): Message {
  const bubbles = FORMATION_STEPS.map((s) => {
    const status = statusText(data, s);
    return bubble({
      header: [ftext(`ขั้นที่ ${s.n}`, { color: '#FFFFFF', weight: 'bold' })],
      accent: status.color,
      body: [ftext(s.title, { weight: 'bold', size: 'md' }), ftext(status.words, { color: status.color, size: 'sm' })],
      footer: [fbutton(postbackAction(FORM_SAY.view, ctx.answerData(String(s.n)), `${FORM_SAY.view} ขั้นที่ ${s.n}`), 'primary')],
    });
  });
  const doneCount = FORMATION_STEPS.filter((s) => isStepDone(data, s)).length;
  return flex(`ขั้นตอนการจัดตั้งกลุ่ม 10 ขั้น (ทำแล้ว ${doneCount} ขั้น)`, { type: 'carousel', contents: bubbles });
}

function forumRows(data: GroupData): FlexComponent[] {
  const formation = formationOf(data);
  const rows: FlexComponent[] = [];
  if (formation.forum) {
    const when = formatThaiDate(fromIso(formation.forum.date), { weekday: true }) + (formation.forum.time ? ` ${formation.forum.time} น.` : '');
    rows.push(frow('นัดประชุม', when), frow('สถานที่', formation.forum.place));
  }
  if (formation.forumResult) {
    rows.push(frow('ผู้เข้าร่วม', `${formation.forumResult.attendees} คน`), frow('มติ', formation.forumResult.agreed ? FORM_SAY.yes : FORM_SAY.no));
  }
  return rows;
}

function stepCard(data: GroupData, s: FormationStep): Message {
  const status = statusText(data, s);
  const body: FlexComponent[] = [
    ftext(status.words, { color: status.color, weight: 'bold', size: 'sm' }),
    ftext(`💡 ${FORM_SAY.advice}`, { weight: 'bold', size: 'sm', margin: 'md' }),
    ftext(s.advice, { size: 'sm' }),
    ftext(FORM_SAY.adviceNote, { size: 'xs', color: '#6B7280' }),
  ];
  if (s.forum) body.push(...forumRows(data));
  return flex(`ขั้นที่ ${s.n} ${s.title}`, bubble({ header: [ftext(FORM_SAY.stepOf(s.n), { color: '#FFFFFF', size: 'sm' }), ftext(s.title, { color: '#FFFFFF', weight: 'bold' })], body, accent: status.color }));
}

// ---- steps -----------------------------------------------------------------------------------

const choice = (value: string, label: string, keywords?: string[]): Choice => ({ value, label, ...(keywords && { keywords }) });
const SKIP = choice('skip', FORM_SAY.skip, ['ไม่มี', 'ไม่มีรูป']);

const pickStep: Step = {
  async ask(ctx) {
    const drafts = await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, EDITABLE);
    return {
      messages: [text(FORM_SAY.pick)],
      choices: [...drafts.slice(0, 10).map((c) => choice(`c${c.id}`, groupName(c, groupDataOf(c)))), choice('new', FORM_SAY.newGroup)],
    };
  },
  async accept(reply, ctx) {
    const value = reply.choice?.value;
    if (!value) return { ok: false, reason: FORM_SAY.pick };
    if (value === 'new') return { ok: true, value };
    const group = await loadGroup(ctx, Number(value.slice(1)));
    if (!group) return { ok: false, reason: FORM_SAY.gone };
    return { ok: true, value: group.c.id, say: await unpark(ctx, group) };
  },
  next: (ctx) => ({ step: ctx.answers.pick === 'new' ? 'intro' : 'overview' }),
};

const introStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.intro)], choices: [choice('start', FORM_SAY.start, ['เริ่ม', 'ตกลง']), choice('later', FORM_SAY.notNow)] }),
  accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: FORM_SAY.intro }),
  next: (ctx) => (ctx.answers.intro === 'later' ? { end: [text(FORM_SAY.notNowEnd, [goItem(FORM_SAY.title, GROUP_ENTRIES.form), menuItem()])] } : { step: 'consent' }),
};

const consentStep: Step = {
  ask: () => ({
    messages: [text(GROUP_PRIVACY.leaderConsent)],
    choices: [choice('yes', GROUP_PRIVACY.consentYes, ['ยินยอมค่ะ', 'ตกลง']), choice('no', GROUP_PRIVACY.consentNo)],
  }),
  async accept(reply, ctx) {
    if (!reply.choice) return { ok: false, reason: 'กรุณากด "ยินยอม" หรือ "ไม่ยินยอม" นะคะ' };
    if (reply.choice.value === 'no') return { ok: true, value: 'no' };
    // Back here after consenting (ย้อนกลับ) reuses the draft already made.
    if (typeof ctx.answers.consent === 'number') return { ok: true, value: ctx.answers.consent };
    const at = ctx.now.getTime();
    const c = await createDraft(ctx.tx, ctx.services.office.id, GROUP_KIND, ctx.userId, ctx.now, { consent: { at }, formation: { done: [], parked: false } });
    return { ok: true, value: c.id };
  },
  next: (ctx) =>
    ctx.answers.consent === 'no' ? { end: [text(GROUP_PRIVACY.declined, [goItem(FORM_SAY.title, GROUP_ENTRIES.form), menuItem()])] } : { step: 'overview' },
};

const overviewStep: Step = {
  async ask(ctx) {
    const { data } = await groupOf(ctx);
    const next = nextStepToDo(data);
    const todo = FORMATION_STEPS.filter((s) => !s.infoOnly);
    const lines = [FORM_SAY.progress(todo.filter((s) => isStepDone(data, s)).length, todo.length), next ? FORM_SAY.nextIs(next) : FORM_SAY.allDone];
    if (next) lines.push(FORM_SAY.pickStep);
    if (ctx.answers.unparked === true) lines.unshift(FORM_SAY.welcomeBack);
    const choices = [
      ...FORMATION_STEPS.map((s) => choice(String(s.n), `ขั้นที่ ${s.n}`, [String(s.n)])),
      choice('submit', FORM_SAY.submit),
      choice('later', FORM_SAY.later),
      choice('new', FORM_SAY.newGroup),
    ];
    const ready = !next || sectionsFilled(data);
    return {
      messages: [text(lines.join('\n')), overviewCard(ctx, data)],
      choices,
      choicesInMessages: true,
      quickChoices: ready ? ['submit', ...(next ? [String(next.n)] : []), 'later'] : [...(next ? [String(next.n)] : []), 'submit', 'later', 'new'],
    };
  },
  accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: FORM_SAY.pickStep }),
  async next(ctx) {
    const value = ctx.answers.overview as string;
    const id = caseIdOf(ctx)!;
    if (value === 'submit') return { end: [], then: { flow: GROUP_FLOWS.hub, params: hubParams(id) } };
    if (value === 'later') return laterEnd(id);
    if (value === 'new') return { step: 'intro' };
    return { step: 'step' };
  },
};

function laterEnd(c: number): Next {
  return { end: [text(FORM_SAY.laterEnd, [resumeItem(c, FORM_SAY.resume), menuItem()])] };
}

/** The step being looked at: chosen on the overview (or given at the start as `overview`). */
function viewedStep(ctx: FlowContext): FormationStep {
  const s = formationStep(Number(ctx.answers.overview));
  if (!s) throw new Error('grp_form: no step chosen');
  return s;
}

const stepStep: Step = {
  async ask(ctx) {
    const { data } = await groupOf(ctx);
    const s = viewedStep(ctx);
    const formation = formationOf(data);
    const choices: Choice[] = [];
    if (s.forum) {
      choices.push(formation.forum ? choice('plan', FORM_SAY.changeForum) : choice('plan', FORM_SAY.planForum));
      if (formation.forum) choices.push(choice('result', FORM_SAY.forumResult));
    }
    if (!s.infoOnly) {
      if (!isStepDone(data, s)) choices.push(choice('done', FORM_SAY.markDone, ['ทำแล้ว', 'เสร็จแล้ว']));
      else if (formation.done.includes(s.n)) choices.push(choice('undo', FORM_SAY.unmark));
    }
    if (s.section) choices.push(choice('fill', FORM_SAY.fill, ['กรอกข้อมูล']));
    if (!s.infoOnly && hasVisits(ctx)) choices.push(choice('visit', FORM_SAY.visit, ['นัด']));
    choices.push(choice('overview', FORM_SAY.overview), choice('later', FORM_SAY.later));
    return { messages: [stepCard(data, s)], choices };
  },
  accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' }),
  async next(ctx) {
    const group = await groupOf(ctx);
    const s = viewedStep(ctx);
    const id = group.c.id;
    switch (ctx.answers.step) {
      case 'done': {
        const done = [...new Set([...formationOf(group.data).done, s.n])].sort((a, b) => a - b);
        if (!(await saveFormation(ctx, group, { done }))) return { end: [text(FORM_SAY.notSaved, [menuItem()])] };
        const after = nextStepToDo({ ...group.data, formation: { ...formationOf(group.data), done } });
        const items: QuickReplyItem[] = after ? [stepItem(id, after)] : [goItem(FORM_SAY.submit, GROUP_ENTRIES.submit, hubParams(id))];
        const lines = [FORM_SAY.marked(s), after ? FORM_SAY.nextIs(after) : FORM_SAY.allDone];
        return { end: [text(lines.join('\n'), [...items, resumeItem(id), menuItem()])] };
      }
      case 'undo': {
        const done = formationOf(group.data).done.filter((n) => n !== s.n);
        if (!(await saveFormation(ctx, group, { done }))) return { end: [text(FORM_SAY.notSaved, [menuItem()])] };
        return { step: 'step', say: [text(FORM_SAY.unmarked(s))] };
      }
      case 'fill':
        return { end: [text(FORM_SAY.goFill(SECTION_TITLES[s.section!]))], then: { flow: GROUP_FLOWS.section(s.section!), params: { c: String(id) } } };
      case 'visit':
        return { end: [text(FORM_SAY.goVisit)], then: { flow: 'booking', params: { service: 'advice' } } };
      case 'plan':
        return { step: 'forum_date' };
      case 'result':
        return { step: 'attendees' };
      case 'overview':
        return { step: 'overview' };
      default:
        return laterEnd(id);
    }
  },
};

// ---- step 2: the forum -----------------------------------------------------------------------

const forumDateStep: Step = {
  async ask(ctx) {
    const { data } = await groupOf(ctx);
    const today = toIso(bangkokToday(ctx.now));
    const planned = formationOf(data).forum?.date;
    return {
      messages: [text(FORM_SAY.forumDate)],
      datePicker: { label: FORM_SAY.pickDay, min: today, initial: planned && planned >= today ? planned : today },
      acceptsText: true,
    };
  },
  accept(reply, ctx) {
    const today = bangkokToday(ctx.now);
    let date = reply.date;
    if (date === undefined) {
      const read = reply.text === undefined ? undefined : readBookingDay(reply.text, today);
      if (!read?.ok) return { ok: false, reason: FORM_SAY.dateUnread };
      date = read.date;
    }
    if (compareDates(fromIso(date), today) < 0) return { ok: false, reason: FORM_SAY.datePast };
    return { ok: true, value: date, say: [text(FORM_SAY.dateHeard(formatThaiDate(fromIso(date), { weekday: true, style: 'long' })))] };
  },
  next: () => ({ step: 'forum_time' }),
};

const forumTimeStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.forumTime)], choices: [choice('none', FORM_SAY.noTime, ['ไม่ทราบ', 'ยังไม่รู้'])], acceptsText: true }),
  accept(reply) {
    if (reply.choice?.value === 'none') return { ok: true, value: null };
    const time = reply.text === undefined ? undefined : readClockTime(reply.text);
    return time ? { ok: true, value: time } : { ok: false, reason: FORM_SAY.timeUnread };
  },
  next: () => ({ step: 'forum_place' }),
};

const forumPlaceStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.forumPlace)], acceptsText: true }),
  accept(reply) {
    const place = normalizeInput(reply.text ?? '').trim();
    if (place.length < 2) return { ok: false, reason: FORM_SAY.placeEmpty };
    if ([...place].length > MAX_PLACE_CHARS) return { ok: false, reason: FORM_SAY.placeTooLong };
    return { ok: true, value: place };
  },
  async next(ctx) {
    const group = await groupOf(ctx);
    const date = ctx.answers.forum_date as string;
    const time = (ctx.answers.forum_time as string | null) ?? undefined;
    const place = ctx.answers.forum_place as string;
    if (!(await saveFormation(ctx, group, { forum: { date, place, ...(time && { time }) } }))) return { end: [text(FORM_SAY.notSaved, [menuItem()])] };
    await scheduleForumReminder(ctx, group.c.id, date);
    const when = formatThaiDate(fromIso(date), { weekday: true, style: 'long' }) + (time ? ` เวลา ${time} น.` : '');
    const items = [resumeItem(group.c.id), ...(hasVisits(ctx) ? [goItem(FORM_SAY.visit, 'booking', { service: 'advice' })] : []), menuItem()];
    return { end: [text(FORM_SAY.forumSaved(when, place), items)] };
  },
};

const attendeesStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.attendees)], acceptsText: true }),
  accept(reply) {
    const count = reply.text === undefined ? undefined : parseSmallInt(reply.text);
    if (count === undefined) return { ok: false, reason: FORM_SAY.attendeesUnread };
    if (count < 1) return { ok: false, reason: FORM_SAY.attendeesZero };
    return { ok: true, value: count };
  },
  next: () => ({ step: 'forum_photos' }),
};

const forumPhotosStep: Step = {
  ask: (ctx) => ({
    messages: [text(FORM_SAY.photos)],
    choices: [SKIP],
    document: { slot: GROUP_SLOTS.forumPhotos, accept: ['image'], caseId: caseIdOf(ctx) },
  }),
  accept: (reply) => (reply.attachments ? { ok: true, value: reply.attachments } : reply.choice ? { ok: true, value: [] } : { ok: false, reason: FORM_SAY.photos }),
  next: () => ({ step: 'forum_summary' }),
};

const forumSummaryStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.summary)], choices: [SKIP], acceptsText: true }),
  accept(reply) {
    if (reply.choice) return { ok: true, value: null };
    const summary = (reply.text ?? '').trim();
    if (summary.length === 0) return { ok: false, reason: FORM_SAY.summary };
    if ([...summary].length > MAX_SUMMARY_CHARS) return { ok: false, reason: FORM_SAY.summaryTooLong };
    return { ok: true, value: summary };
  },
  next: () => ({ step: 'forum_agreed' }),
};

const forumAgreedStep: Step = {
  ask: () => ({ messages: [text(FORM_SAY.agreed)], choices: [choice('yes', FORM_SAY.yes, ['ใช่', 'เห็นด้วย', 'ตกลง']), choice('no', FORM_SAY.no, ['ไม่', 'ไม่เห็นด้วย'])] }),
  accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value === 'yes' } : { ok: false, reason: FORM_SAY.agreed }),
  async next(ctx) {
    const group = await groupOf(ctx);
    const id = group.c.id;
    const agreed = ctx.answers.forum_agreed === true;
    const summary = ctx.answers.forum_summary as string | null;
    const forumResult = { attendees: ctx.answers.attendees as number, agreed, photos: (ctx.answers.forum_photos as number[] | undefined) ?? [], ...(summary && { summary }) };
    if (!(await saveFormation(ctx, group, { forumResult, parked: !agreed }))) return { end: [text(FORM_SAY.notSaved, [menuItem()])] };
    // The result is in: the "how did it go?" reminder is no longer needed.
    await cancelPending(ctx.tx, ctx.services.office.id, forumReminderRef(ctx.services.office.id, id));
    if (!agreed) {
      const items = [resumeItem(id, FORM_SAY.resume), ...(hasVisits(ctx) ? [goItem(FORM_SAY.visit, 'booking', { service: 'advice' })] : []), menuItem()];
      return { end: [text(FORM_SAY.parked, items)] };
    }
    return { end: [text(FORM_SAY.agreedEnd, [stepItem(id, formationStep(3)!), resumeItem(id), menuItem()])] };
  },
};

// ---- the flow --------------------------------------------------------------------------------

/** Coming back to a parked journey clears the mark (nothing else changes). */
async function unpark(ctx: FlowContext, group: Group): Promise<Message[]> {
  if (!formationOf(group.data).parked) return [];
  await saveFormation(ctx, group, { parked: false });
  return [text(FORM_SAY.welcomeBack)];
}

const START_STEPS: Record<string, string> = { forum_result: 'attendees', forum_plan: 'forum_date' };

export const formationFlow: Flow = {
  id: GROUP_FLOWS.form,
  version: 1,
  title: 'ตั้งกลุ่ม',
  steps: {
    pick: pickStep,
    intro: introStep,
    consent: consentStep,
    overview: overviewStep,
    step: stepStep,
    forum_date: forumDateStep,
    forum_time: forumTimeStep,
    forum_place: forumPlaceStep,
    attendees: attendeesStep,
    forum_photos: forumPhotosStep,
    forum_summary: forumSummaryStep,
    forum_agreed: forumAgreedStep,
  },
  async start(ctx, p) {
    let group: Group | undefined;
    if (p.c !== undefined) {
      group = await loadGroup(ctx, p.c);
      if (!group) return { refuse: [text(FORM_SAY.gone, [goItem(FORM_SAY.title, GROUP_ENTRIES.form), menuItem()])] };
    } else {
      const drafts = await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, EDITABLE);
      if (drafts.length === 0) return { step: 'intro' };
      if (drafts.length > 1) return { step: 'pick' };
      group = { c: drafts[0]!, data: groupDataOf(drafts[0]!) };
    }
    if (!EDITABLE.includes(group.c.status)) {
      return { refuse: [text(FORM_SAY.sent(statusInfo(kindOf(GROUP_KIND)!, group.c.status).label), [goItem(FORM_SAY.submit, GROUP_ENTRIES.submit, hubParams(group.c.id)), menuItem()])] };
    }
    // Resuming a parked journey clears the mark; the overview then says welcome back.
    const unparked = formationOf(group.data).parked && (await saveFormation(ctx, group, { parked: false }));
    const c = group.c.id;
    if (p.step && START_STEPS[p.step]) return { step: START_STEPS[p.step]!, answers: { c, overview: '2' } };
    if (p.step && formationStep(Number(p.step))) return { step: 'step', answers: { c, overview: p.step } };
    return { step: 'overview', answers: { c, ...(unparked && { unparked: true }) } };
  },
};

export const formationEntry: Entry = {
  id: GROUP_ENTRIES.form,
  menuLabel: 'ตั้งกลุ่ม',
  menuOrder: 40,
  keywords: ['ตั้งกลุ่ม', 'จัดตั้งกลุ่ม', 'ตั้งกลุ่มใหม่', 'วิธีตั้งกลุ่ม', 'รวมกลุ่ม'],
  flow: GROUP_FLOWS.form,
};
