// "เช็คสิทธิ์เบี้ย": who it is for, the date of birth, and only the questions that can change the
// answer; then one card per allowance saying where the person stands and why (see eligibility-card).
import { findCheck, recordCheck } from '../db/eligibility';
import { text } from '../line/messages';
import { bangkokToday, formatThaiPartialDate, parseThaiDate, reasonText, toIso, type CalendarDate, type PartialDate } from '../thai/dates';
import { ageOn, decideElderly, resolveBirthDate, RULES_VERSION, type Allowance, type Decision, type Facts } from '../rules';
import { registrationBookableNow } from './booking';
import { decideOne, eligibilityMessages } from './eligibility-card';
import type { Answers, Choice, Entry, Flow, FlowContext, MaybePromise, Next, Step } from './types';

const TRI: readonly Choice[] = [
  { value: 'yes', label: 'ใช่', keywords: ['ใช่ค่ะ', 'ใช่ครับ', 'ใช่แล้ว', 'ค่ะ', 'ครับ', 'มี'] },
  { value: 'no', label: 'ไม่ใช่', keywords: ['ไม่', 'ไม่ค่ะ', 'ไม่ครับ', 'ไม่มี'] },
  { value: 'unsure', label: 'ไม่แน่ใจ', keywords: ['ไม่รู้', 'ไม่ทราบ', 'ไม่แน่ใจค่ะ'] },
];
const UNSURE = TRI[2]!;

const ALLOWANCES: readonly Allowance[] = ['elderly', 'disability', 'aids'];

const triAnswer = (value: unknown): boolean | 'unknown' => (value === 'yes' ? true : value === 'no' ? false : 'unknown');

function today(ctx: FlowContext): CalendarDate {
  return bangkokToday(ctx.now);
}

/** "คุณ" when asking about oneself, "ผู้ที่จะขอรับเบี้ย" when a son or daughter asks for a parent. */
function who(answers: Answers): string {
  return answers['for-whom'] === 'family' ? 'ผู้ที่จะขอรับเบี้ย' : 'คุณ';
}

function birthOf(answers: Answers): PartialDate | 'unknown' {
  const birth = answers.birth;
  return birth && typeof birth === 'object' ? (birth as PartialDate) : 'unknown';
}

/** The allowance the person asked about ("เบี้ยผู้สูงอายุ", "เบี้ยพิการ"), checked alone and first. */
function namedOf(answers: Answers): Allowance | undefined {
  return ALLOWANCES.find((a) => a === answers.named);
}

/**
 * The old-age questions matter only when the rules do not already say "too young" from the birth
 * date alone (their look-ahead decides, so the flow and the card never disagree).
 */
function elderlyRelevant(answers: Answers, ctx: FlowContext): boolean {
  const birth = birthOf(answers);
  if (birth === 'unknown') return true;
  const byAgeAlone = decideElderly({ birth, thaiNational: 'unknown', registeredInArea: 'unknown', applicant: 'self' }, today(ctx));
  return byAgeAlone.clauses.find((c) => c.id === 'elderly.minimum-age')?.status !== 'fail';
}

/** The allowances this check decides: the named one, or the old-age (if near 60) and disability ones. */
function inScope(answers: Answers, ctx: FlowContext): Allowance[] {
  const named = namedOf(answers);
  if (named) return named === 'elderly' && !elderlyRelevant(answers, ctx) ? [] : [named];
  return [...(elderlyRelevant(answers, ctx) ? (['elderly'] as const) : []), 'disability'];
}

/** Not Thai, or registered elsewhere: no allowance here, so the other questions change nothing. */
function settledEarly(answers: Answers): boolean {
  return answers.residence === 'not-thai' || answers.residence === 'elsewhere';
}

/** The institution question matters only for a disability card that may count. */
function needsInstitutionQuestion(answers: Answers): boolean {
  const card = answers.disability;
  const institutionKnown = answers.exclusions !== undefined || answers['already-change'] !== undefined || answers.institution !== undefined;
  return (card === 'valid' || card === 'unsure') && !institutionKnown;
}

function choiceStep(ask: (ctx: FlowContext) => string, choices: readonly Choice[], next: (ctx: FlowContext) => MaybePromise<Next>): Step {
  return {
    ask: (ctx) => ({ messages: [text(ask(ctx))], choices }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next,
  };
}

// ---- the order of questions ------------------------------------------------------------------

async function afterBirth(ctx: FlowContext): Promise<Next> {
  if (inScope(ctx.answers, ctx).length === 0) return finish(ctx);
  // Carried over from an earlier check (which had no birth date): the residence is known already.
  return ctx.answers.residence === undefined ? { step: 'residence' } : afterResidence(ctx);
}

async function afterResidence(ctx: FlowContext): Promise<Next> {
  if (settledEarly(ctx.answers)) return finish(ctx);
  const scope = inScope(ctx.answers, ctx);
  if (scope.includes('elderly')) return { step: 'already' };
  return afterElderly(ctx);
}

async function afterElderly(ctx: FlowContext): Promise<Next> {
  const scope = inScope(ctx.answers, ctx);
  if (scope.includes('disability')) return { step: 'disability' };
  if (scope.includes('aids')) return { step: 'aids-diagnosis' };
  return finish(ctx);
}

export function factsFrom(answers: Answers): Facts {
  const exclusion = answers.exclusions;
  const card = answers.disability;
  const aids = answers['aids-diagnosis'];
  const residence = answers.residence;
  const change = answers['already-change'];
  const facts: Facts = {
    birth: birthOf(answers),
    thaiNational: residence === 'yes' ? true : residence === 'not-thai' ? false : 'unknown',
    registeredInArea: residence === 'yes' ? true : residence === 'elsewhere' ? false : 'unknown',
    applicant: answers['for-whom'] === 'family' ? 'proxy' : 'self',
  };
  const already = answers.already;
  if (already === 'waiting') facts.registeredAwaitingPayment = true;
  if (already !== undefined) facts.alreadyReceiving = { elderly: already === 'waiting' ? false : triAnswer(already) };
  if (change !== undefined) {
    facts.movedHouseRegistrationHere = change === 'unsure' ? 'unknown' : change === 'moved';
    facts.inStateInstitution = change === 'unsure' ? 'unknown' : change === 'institution';
  }
  if (exclusion !== undefined) {
    const unsure = exclusion === 'unsure' ? 'unknown' : undefined;
    facts.receivesStatePension = unsure ?? exclusion === 'pension';
    facts.receivesStateSalary = unsure ?? exclusion === 'salary';
    facts.inStateInstitution = unsure ?? exclusion === 'institution';
  }
  if (answers.institution !== undefined) facts.inStateInstitution = triAnswer(answers.institution);
  if (card === 'valid' || card === 'expired' || card === 'none') facts.disabilityCard = card;
  if (card === 'unsure') facts.disabilityCard = 'unknown';
  if (aids === 'certified' || aids === 'hiv-no-symptoms') facts.aidsDiagnosis = aids;
  if (aids === 'unsure') facts.aidsDiagnosis = 'unknown';
  if (answers['aids-hardship'] !== undefined) facts.aidsHardship = triAnswer(answers['aids-hardship']);
  return facts;
}

/** The allowances worth showing for these answers, decided as of today. */
export function decisionsFor(answers: Answers, ctx: FlowContext): Decision[] {
  const facts = factsFrom(answers);
  const scope = inScope(answers, ctx).filter((a) => a !== 'disability' || facts.disabilityCard !== undefined);
  return scope.map((allowance) => decideOne(allowance, facts, today(ctx), ctx));
}

/** "3 มิ.ย. 2495 — อายุ 74 ปี", with the law's reading of a missing day or month. */
export function birthReadBack(birth: PartialDate, on: CalendarDate): string {
  const resolved = resolveBirthDate(birth);
  const assumed =
    resolved.assumed === 'month-and-day' ? ' (ไม่ทราบวันและเดือน นับ 1 ม.ค.)' : resolved.assumed === 'day' ? ' (ไม่ทราบวัน นับวันที่ 1)' : '';
  const year = birth.month === undefined ? `ปี ${formatThaiPartialDate(birth)}` : formatThaiPartialDate(birth);
  return `${year}${assumed} — อายุ ${ageOn(resolved.date, on)} ปี`;
}

async function finish(ctx: FlowContext): Promise<Next> {
  const decisions = decisionsFor(ctx.answers, ctx);
  const facts = factsFrom(ctx.answers);
  const checkId = await recordCheck(
    ctx.tx,
    ctx.services.office.id,
    {
      userId: ctx.userId,
      forWhom: ctx.answers['for-whom'] === 'family' ? 'family' : 'self',
      asOf: toIso(today(ctx)),
      rulesVersion: RULES_VERSION,
      facts,
      decisions,
    },
    ctx.now.getTime(),
  );
  // Not eligible here at all (not Thai, registered elsewhere): say why in one line.
  const settledReason =
    decisions.length === 0 && settledEarly(ctx.answers)
      ? decideElderly(facts, today(ctx)).clauses.find((c) => c.status === 'fail')?.th
      : undefined;
  const decided = new Set(decisions.map((d) => d.allowance));
  // One at a time: these read the database inside the turn's transaction.
  const bookableNow = new Map<string, boolean>();
  for (const { allowance } of decisions) bookableNow.set(allowance, await registrationBookableNow(ctx, allowance, checkId));
  const birth = birthOf(ctx.answers);
  return {
    end: eligibilityMessages(decisions, {
      checkId,
      office: ctx.services.office,
      forFamily: ctx.answers['for-whom'] === 'family',
      youngForElderly: !elderlyRelevant(ctx.answers, ctx) && (namedOf(ctx.answers) ?? 'elderly') === 'elderly',
      settledReason,
      today: today(ctx),
      healthParams: healthParams(facts),
      canBookNow: (allowance) => bookableNow.get(allowance) ?? true,
      ...(birth !== 'unknown' ? { birthLine: birthReadBack(birth, today(ctx)) } : {}),
      // Offered after the answer: the allowances not checked this time (the old-age one only near 60).
      others: settledReason
        ? []
        : ALLOWANCES.filter((a) => !decided.has(a) && (a !== 'elderly' || (elderlyRelevant(ctx.answers, ctx) && namedOf(ctx.answers) !== 'elderly'))),
    }),
  };
}

/**
 * The health answers travel only on the user's own "details" buttons (never stored), so the
 * details can be decided again from the stored check.
 */
function healthParams(facts: Facts): Record<string, string> {
  const out: Record<string, string> = {};
  if (facts.disabilityCard) out.card = facts.disabilityCard;
  if (facts.aidsDiagnosis) out.dx = facts.aidsDiagnosis;
  if (facts.aidsHardship !== undefined) out.hs = String(facts.aidsHardship);
  return out;
}

/** The answer to the residence question that gives these facts back. */
function residenceAnswer(facts: Facts): string {
  if (facts.thaiNational === false) return 'not-thai';
  if (facts.registeredInArea === false) return 'elsewhere';
  return facts.thaiNational === true && facts.registeredInArea === true ? 'yes' : 'unsure';
}

const choiceOf = (answer: boolean | 'unknown'): string => (answer === 'unknown' ? 'unsure' : answer ? 'yes' : 'no');

/** Answers carried over from the person's last check, for "check this allowance too". */
async function carriedOver(ctx: FlowContext, checkId: number): Promise<Answers | undefined> {
  const check = await findCheck(ctx.tx, ctx.services.office.id, ctx.userId, checkId);
  if (!check) return undefined;
  const { facts } = check;
  const answers: Answers = { 'for-whom': check.forWhom, birth: facts.birth, residence: residenceAnswer(facts) };
  if (facts.inStateInstitution !== undefined) answers.institution = choiceOf(facts.inStateInstitution);
  return answers;
}

// ---- steps -----------------------------------------------------------------------------------

const steps: Record<string, Step> = {
  'for-whom': choiceStep(
    () =>
      'เช็คสิทธิ์เบี้ยยังชีพให้ใครคะ\n' +
      '(บอทจะถามวันเกิดและคำถามสั้นๆ ใช้เพื่อเช็คสิทธิ์เท่านั้น คำตอบเรื่องสุขภาพจะไม่ถูกเก็บไว้ค่ะ)',
    [
      { value: 'self', label: 'ตัวเอง', keywords: ['ตัวเองค่ะ', 'ฉัน', 'ของฉัน', 'ผม'] },
      { value: 'family', label: 'คนในครอบครัว', keywords: ['พ่อ', 'แม่', 'ครอบครัว', 'ญาติ', 'คนอื่น', 'ให้พ่อ', 'ให้แม่'] },
    ],
    // The AIDS allowance does not depend on age: no birth date asked.
    (ctx) => (namedOf(ctx.answers) === 'aids' ? { step: 'residence' } : { step: 'birth' }),
  ),

  birth: {
    ask: (ctx) => ({
      messages: [
        text(
          `${who(ctx.answers)}เกิดวันที่เท่าไรคะ (ตามบัตรประชาชน)\n` +
            'พิมพ์ได้เลย เช่น 15 มี.ค. 2500 หรือ 15/3/2500\nถ้าจำได้แค่ปี พิมพ์ปีอย่างเดียวก็ได้ค่ะ',
        ),
      ],
      acceptsText: true,
      choices: [{ value: 'unsure', label: 'ไม่ทราบวันเกิด', keywords: ['ไม่ทราบ', 'ไม่รู้', 'จำไม่ได้', 'ไม่แน่ใจ'] }],
      datePicker: { label: 'เลือกวันเกิด', initial: '1960-01-01', min: '1900-01-01', max: toIso(today(ctx)) },
    }),
    accept: (reply, ctx) => {
      if (reply.choice?.value === 'unsure') return { ok: true, value: 'unknown' };
      const parsed = parseThaiDate(reply.date ?? reply.text ?? '', { today: today(ctx) });
      if (!parsed.ok) return { ok: false, reason: reasonText(parsed.reason) };
      // Said back at once: a misread date (often typed by a relative) is caught here, not at the office.
      const readBack = `วันเกิด ${birthReadBack(parsed.value, today(ctx))} ค่ะ\nถ้าไม่ถูก กด "ย้อนกลับ" เพื่อแก้ได้เลยค่ะ`;
      return { ok: true, value: parsed.value, say: [text(readBack)] };
    },
    next: afterBirth,
  },

  // Nationality and house registration in one question: a "no" to either ends the check here.
  residence: choiceStep(
    (ctx) => {
      const { area } = ctx.services.office.office;
      return `${who(ctx.answers)}มีสัญชาติไทย และมีชื่อในทะเบียนบ้านในเขต ต.${area.subdistrict} อ.${area.district} จ.${area.province} ใช่ไหมคะ`;
    },
    [
      { value: 'yes', label: 'ใช่ ทั้งสองข้อ', keywords: ['ใช่', 'ใช่ค่ะ', 'ใช่ครับ', 'ใช่แล้ว', 'ค่ะ', 'ครับ', 'มี', 'ถูกต้อง'] },
      { value: 'elsewhere', label: 'ทะเบียนบ้านที่อื่น', keywords: ['ทะเบียนบ้านอยู่ที่อื่น', 'ที่อื่น', 'ต่างอำเภอ', 'ต่างจังหวัด'] },
      { value: 'not-thai', label: 'ไม่ใช่สัญชาติไทย', keywords: ['ไม่ใช่คนไทย', 'ต่างด้าว'] },
      UNSURE,
    ],
    afterResidence,
  ),

  already: choiceStep(
    (ctx) =>
      `ตอนนี้${who(ctx.answers)}ได้รับเบี้ยยังชีพผู้สูงอายุอยู่แล้วหรือยังคะ\n` +
      '(ถ้าลงทะเบียนไว้แล้วแต่ยังไม่ได้รับเงิน กด "ลงทะเบียนแล้ว รอเงิน")',
    [
      { value: 'yes', label: 'ได้รับอยู่แล้ว', keywords: ['ได้รับแล้ว', 'ได้แล้ว', 'ได้รับอยู่', 'ใช่'] },
      { value: 'waiting', label: 'ลงทะเบียนแล้ว รอเงิน', keywords: ['ลงทะเบียนแล้ว', 'รอเงิน', 'ยังไม่ได้เงิน'] },
      // Not "ยังไม่ได้รับ" / "ยัง": someone registered and waiting says that too; the buttons tell them apart.
      { value: 'no', label: 'ยังไม่ได้ลงทะเบียน', keywords: ['ยังไม่ลงทะเบียน', 'ไม่ได้ลงทะเบียน', 'ไม่เคยลงทะเบียน', 'ไม่'] },
      UNSURE,
    ],
    (ctx) => {
      const already = ctx.answers.already;
      if (already === 'yes') return { step: 'already-change' };
      if (already === 'waiting') return afterElderly(ctx);
      return { step: 'exclusions' };
    },
  ),

  // Receiving already: only a move or institution care changes the answer.
  'already-change': choiceStep(
    (ctx) =>
      `${who(ctx.answers)}มีเรื่องใดนี้ไหมคะ\n` +
      '• ย้ายทะเบียนบ้านมาอยู่ในเขตนี้ และยังไม่ได้ยืนยันสิทธิที่นี่\n• อยู่ในความอุปการะของสถานสงเคราะห์ของรัฐ',
    [
      { value: 'none', label: 'ไม่มีเลย', keywords: ['ไม่มี', 'ไม่', 'ไม่ใช่', 'ไม่มีอะไรเปลี่ยน'] },
      { value: 'moved', label: 'ย้ายทะเบียนบ้านมา', keywords: ['ย้ายมา', 'ย้ายทะเบียนบ้าน', 'ย้าย'] },
      { value: 'institution', label: 'อยู่สถานสงเคราะห์', keywords: ['สถานสงเคราะห์'] },
      UNSURE,
    ],
    afterElderly,
  ),

  exclusions: choiceStep(
    (ctx) =>
      `${who(ctx.answers)}มีข้อใดข้อหนึ่งนี้ไหมคะ\n` +
      '• ได้รับบำนาญ หรือเบี้ยหวัด\n• มีเงินเดือนประจำจากรัฐหรือ อปท.\n• อยู่ในสถานสงเคราะห์ของรัฐ',
    [
      { value: 'none', label: 'ไม่มีเลย', keywords: ['ไม่มี', 'ไม่', 'ไม่ใช่'] },
      { value: 'pension', label: 'ได้รับบำนาญ', keywords: ['บำนาญ', 'เบี้ยหวัด'] },
      { value: 'salary', label: 'มีเงินเดือนจากรัฐ', keywords: ['เงินเดือน', 'รับราชการ'] },
      { value: 'institution', label: 'อยู่สถานสงเคราะห์', keywords: ['สถานสงเคราะห์'] },
      UNSURE,
    ],
    afterElderly,
  ),

  disability: choiceStep(
    (ctx) => `${who(ctx.answers)}มีบัตรประจำตัวคนพิการไหมคะ`,
    [
      { value: 'valid', label: 'มีบัตร ยังไม่หมดอายุ', keywords: ['มี', 'มีบัตร', 'มีค่ะ'] },
      { value: 'expired', label: 'มีบัตร แต่หมดอายุ', keywords: ['หมดอายุ', 'บัตรหมดอายุ'] },
      { value: 'none', label: 'พิการ ยังไม่มีบัตร', keywords: ['ยังไม่มีบัตร', 'ไม่มีบัตร'] },
      { value: 'not-disabled', label: 'ไม่ได้พิการ', keywords: ['ไม่พิการ', 'ไม่ใช่', 'ไม่มี', 'ไม่'] },
      UNSURE,
    ],
    (ctx) => (needsInstitutionQuestion(ctx.answers) ? { step: 'institution' } : finish(ctx)),
  ),

  // The disability allowance excludes people in a state institution's care; asked only if the
  // old-age questions did not already cover it and the card can count.
  institution: choiceStep(
    (ctx) => `${who(ctx.answers)}อยู่ในความอุปการะของสถานสงเคราะห์ของรัฐไหมคะ`,
    [
      { value: 'no', label: 'ไม่ใช่', keywords: ['ไม่', 'ไม่ได้อยู่', 'อยู่บ้าน'] },
      { value: 'yes', label: 'ใช่', keywords: ['อยู่', 'ใช่ค่ะ'] },
      UNSURE,
    ],
    (ctx) => finish(ctx),
  ),

  'aids-diagnosis': choiceStep(
    (ctx) =>
      `แพทย์ได้ออกใบรับรองว่า${who(ctx.answers)}เป็นผู้ป่วยเอดส์แล้วหรือยังคะ\n(คำตอบนี้ใช้เช็คสิทธิ์เท่านั้น จะไม่ถูกเก็บไว้ค่ะ)`,
    [
      { value: 'certified', label: 'มีใบรับรองแพทย์แล้ว', keywords: ['มีใบรับรอง', 'มีแล้ว', 'รับรองแล้ว'] },
      { value: 'hiv-no-symptoms', label: 'ติดเชื้อ ยังไม่มีอาการ', keywords: ['ติดเชื้อ', 'ไม่มีอาการ'] },
      UNSURE,
    ],
    () => ({ step: 'aids-hardship' }),
  ),

  'aids-hardship': choiceStep(
    (ctx) => `${who(ctx.answers)}มีความยากลำบากข้อใดไหมคะ เช่น ยากจน ถูกทอดทิ้ง ไม่มีผู้ดูแล หรือทำงานเลี้ยงตัวเองไม่ได้`,
    TRI,
    (ctx) => finish(ctx),
  ),
};

const FIRST_QUESTION: Record<Allowance, string> = { elderly: 'already', disability: 'disability', aids: 'aids-diagnosis' };

export const eligibilityFlow: Flow = {
  id: 'eligibility',
  version: 2,
  title: 'เช็คสิทธิ์เบี้ย',
  steps,
  // `allowance`: the one the person named; `check`: their previous check, whose answers carry over
  // when they tap "check this allowance too" under the answer.
  start: async (ctx, params) => {
    const named = ALLOWANCES.find((a) => a === params.allowance);
    const carried = named && params.check ? await carriedOver(ctx, Number(params.check)) : undefined;
    if (named && carried) {
      const needsBirth = named !== 'aids' && carried.birth === 'unknown';
      return { step: needsBirth ? 'birth' : FIRST_QUESTION[named], answers: { ...carried, named } };
    }
    return { step: 'for-whom', answers: named ? { named } : {} };
  },
};

export const eligibilityEntry: Entry = {
  id: 'eligibility',
  menuLabel: 'เช็คสิทธิ์เบี้ย',
  menuOrder: 10,
  keywords: ['เช็คสิทธิ์', 'เช็คสิทธิ', 'เช็คสิทธิ์เบี้ย', 'ตรวจสิทธิ์', 'สิทธิ์', 'เบี้ยยังชีพ', 'ลงทะเบียนเบี้ย', 'ขอเบี้ย', 'เชคสิท', 'เช็คสิท', 'เชคสิทธิ์'],
  flow: 'eligibility',
};

/** "เบี้ยผู้สูงอายุ", "เบี้ยพิการ": the allowance named is checked first, and alone. */
export const eligibilityElderlyEntry: Entry = {
  id: 'eligibility-elderly',
  keywords: ['เบี้ยคนแก่', 'เบี้ยผู้สูงอายุ', 'เบี้ยยังชีพผู้สูงอายุ', 'ลงทะเบียนคนแก่', 'ลงทะเบียนผู้สูงอายุ'],
  flow: 'eligibility',
  params: { allowance: 'elderly' },
};

export const eligibilityDisabilityEntry: Entry = {
  id: 'eligibility-disability',
  keywords: ['เบี้ยพิการ', 'เบี้ยความพิการ', 'เบี้ยคนพิการ'],
  flow: 'eligibility',
  params: { allowance: 'disability' },
};

export const eligibilityAidsEntry: Entry = {
  id: 'eligibility-aids',
  keywords: ['เบี้ยเอดส์', 'เบี้ยผู้ป่วยเอดส์'],
  flow: 'eligibility',
  params: { allowance: 'aids' },
};
