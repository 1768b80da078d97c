// "เช็คสิทธิ์เบี้ย": who it is for, the date of birth, and only the questions that can change the
// answer; then one card per allowance saying where the person stands and why (see eligibility-card).
import { recordCheck } from '../db/eligibility';
import { text } from '../line/messages';
import { bangkokToday, parseThaiDate, reasonText, toIso, type CalendarDate, type PartialDate } from '../thai/dates';
import { ageOn, decideAids, decideDisability, decideElderly, resolveBirthDate, RULES_VERSION, type Decision, type Facts } from '../rules';
import { eligibilityMessages } from './eligibility-card';
import type { Answers, Choice, Entry, Flow, FlowContext, Next, Step } from './types';

const TRI: readonly Choice[] = [
  { value: 'yes', label: 'ใช่', keywords: ['ใช่ค่ะ', 'ใช่ครับ', 'ใช่แล้ว', 'ค่ะ', 'ครับ', 'มี'] },
  { value: 'no', label: 'ไม่ใช่', keywords: ['ไม่', 'ไม่ค่ะ', 'ไม่ครับ', 'ไม่มี'] },
  { value: 'unsure', label: 'ไม่แน่ใจ', keywords: ['ไม่รู้', 'ไม่ทราบ', 'ไม่แน่ใจค่ะ'] },
];

/** Elderly questions are asked only of people this close to 60 or older; younger ones are told when. */
const ELDERLY_RELEVANT_AGE = 58;

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

/** Completed years today, reading a missing day or month as the law does (ป.พ.พ. มาตรา 16). */
function ageToday(answers: Answers, ctx: FlowContext): number | undefined {
  const birth = birthOf(answers);
  return birth === 'unknown' ? undefined : ageOn(resolveBirthDate(birth).date, today(ctx));
}

function elderlyRelevant(answers: Answers, ctx: FlowContext): boolean {
  const age = ageToday(answers, ctx);
  return age === undefined || age >= ELDERLY_RELEVANT_AGE;
}

function needsInstitutionQuestion(answers: Answers): boolean {
  const card = answers.disability;
  return card !== 'not-disabled' && answers.exclusions === undefined && answers.already !== 'yes';
}

/** Not Thai, or registered elsewhere: no allowance here, so the other questions change nothing. */
function settledEarly(answers: Answers): boolean {
  return answers.nationality === 'no' || answers.area === 'no';
}

function choiceStep(ask: (ctx: FlowContext) => string, choices: readonly Choice[], next: (ctx: FlowContext) => Next): Step {
  return {
    ask: (ctx) => ({ messages: [text(ask(ctx))], choices }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next,
  };
}

// ---- the order of questions ------------------------------------------------------------------

function afterArea(ctx: FlowContext): Next {
  if (settledEarly(ctx.answers)) return finish(ctx);
  if (!elderlyRelevant(ctx.answers, ctx)) return { step: 'disability' };
  return (ageToday(ctx.answers, ctx) ?? 60) >= 60 ? { step: 'already' } : { step: 'exclusions' };
}

export function factsFrom(answers: Answers): Facts {
  const exclusion = answers.exclusions;
  const card = answers.disability;
  const aids = answers['aids-diagnosis'];
  const facts: Facts = {
    birth: birthOf(answers),
    thaiNational: triAnswer(answers.nationality),
    registeredInArea: triAnswer(answers.area),
    applicant: answers['for-whom'] === 'family' ? 'proxy' : 'self',
  };
  if (answers.already !== undefined) facts.alreadyReceiving = { elderly: triAnswer(answers.already) };
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
  const asOf = today(ctx);
  const isHoliday = (d: CalendarDate) => ctx.services.office.schedule.holidays.some((h) => h.date === toIso(d));
  const decisions: Decision[] = [];
  if (elderlyRelevant(answers, ctx)) decisions.push(decideElderly(facts, asOf, { isHoliday }));
  if (facts.disabilityCard !== undefined) decisions.push(decideDisability(facts, asOf, { isHoliday }));
  if (facts.aidsDiagnosis !== undefined) decisions.push(decideAids(facts, asOf, { isHoliday }));
  return decisions;
}

function finish(ctx: FlowContext): Next {
  const decisions = decisionsFor(ctx.answers, ctx);
  const checkId = recordCheck(
    ctx.tx,
    {
      userId: ctx.userId,
      forWhom: ctx.answers['for-whom'] === 'family' ? 'family' : 'self',
      asOf: toIso(today(ctx)),
      rulesVersion: RULES_VERSION,
      facts: factsFrom(ctx.answers),
      decisions,
    },
    ctx.now.getTime(),
  );
  // Too young for the old-age allowance and not eligible here at all: say why in one line.
  const settledReason =
    decisions.length === 0 && settledEarly(ctx.answers)
      ? decideElderly(factsFrom(ctx.answers), today(ctx)).clauses.find((c) => c.status === 'fail')?.th
      : undefined;
  return {
    end: eligibilityMessages(decisions, {
      checkId,
      office: ctx.services.office,
      forFamily: ctx.answers['for-whom'] === 'family',
      youngForElderly: !elderlyRelevant(ctx.answers, ctx),
      settledReason,
      today: today(ctx),
    }),
  };
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
    () => ({ step: 'birth' }),
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
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: reasonText(parsed.reason) };
    },
    next: () => ({ step: 'nationality' }),
  },

  nationality: choiceStep((ctx) => `${who(ctx.answers)}มีสัญชาติไทยไหมคะ`, TRI, () => ({ step: 'area' })),

  area: choiceStep(
    (ctx) => {
      const { area } = ctx.services.office.office;
      return `${who(ctx.answers)}มีชื่ออยู่ในทะเบียนบ้านในเขต ต.${area.subdistrict} อ.${area.district} จ.${area.province} ไหมคะ`;
    },
    TRI,
    afterArea,
  ),

  already: choiceStep(
    (ctx) => `ตอนนี้${who(ctx.answers)}ได้รับเบี้ยยังชีพผู้สูงอายุอยู่แล้วหรือยังคะ`,
    [
      { value: 'yes', label: 'ได้รับอยู่แล้ว', keywords: ['ได้รับแล้ว', 'ได้แล้ว', 'ใช่'] },
      { value: 'no', label: 'ยังไม่ได้รับ', keywords: ['ยังไม่ได้', 'ยัง', 'ไม่ได้รับ', 'ไม่'] },
      TRI[2]!,
    ],
    (ctx) => (ctx.answers.already === 'yes' ? { step: 'disability' } : { step: 'exclusions' }),
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
      TRI[2]!,
    ],
    () => ({ step: 'disability' }),
  ),

  disability: choiceStep(
    (ctx) => `${who(ctx.answers)}มีบัตรประจำตัวคนพิการไหมคะ`,
    [
      { value: 'valid', label: 'มีบัตร ยังไม่หมดอายุ', keywords: ['มี', 'มีบัตร', 'มีค่ะ'] },
      { value: 'expired', label: 'มีบัตร แต่หมดอายุ', keywords: ['หมดอายุ', 'บัตรหมดอายุ'] },
      { value: 'none', label: 'พิการ ยังไม่มีบัตร', keywords: ['ยังไม่มีบัตร', 'ไม่มีบัตร'] },
      { value: 'not-disabled', label: 'ไม่ได้พิการ', keywords: ['ไม่พิการ', 'ไม่ใช่', 'ไม่มี', 'ไม่'] },
      TRI[2]!,
    ],
    (ctx) => (needsInstitutionQuestion(ctx.answers) ? { step: 'institution' } : { step: 'aids-offer' }),
  ),

  // The disability allowance excludes people in a state institution's care; asked only if the
  // old-age questions did not already cover it.
  institution: choiceStep(
    (ctx) => `${who(ctx.answers)}อยู่ในความอุปการะของสถานสงเคราะห์ของรัฐไหมคะ`,
    [
      { value: 'no', label: 'ไม่ใช่', keywords: ['ไม่', 'ไม่ได้อยู่', 'อยู่บ้าน'] },
      { value: 'yes', label: 'ใช่', keywords: ['อยู่', 'ใช่ค่ะ'] },
      TRI[2]!,
    ],
    () => ({ step: 'aids-offer' }),
  ),

  'aids-offer': choiceStep(
    () =>
      'ต้องการเช็คสิทธิ์ "เบี้ยยังชีพผู้ป่วยเอดส์" ด้วยไหมคะ\n' +
      'ข้อนี้ไม่บังคับ ถ้าเลือกเช็ค บอทจะถามอีก 2 ข้อ และจะไม่เก็บคำตอบไว้ค่ะ',
    [
      { value: 'skip', label: 'ไม่ต้อง ดูผลเลย', keywords: ['ไม่ต้อง', 'ไม่', 'ดูผล', 'ข้าม'] },
      { value: 'check', label: 'เช็คด้วย', keywords: ['เช็ค', 'ต้องการ', 'ใช่'] },
    ],
    (ctx) => (ctx.answers['aids-offer'] === 'check' ? { step: 'aids-diagnosis' } : finish(ctx)),
  ),

  'aids-diagnosis': choiceStep(
    (ctx) => `แพทย์ได้ออกใบรับรองว่า${who(ctx.answers)}เป็นผู้ป่วยเอดส์แล้วหรือยังคะ`,
    [
      { value: 'certified', label: 'มีใบรับรองแพทย์แล้ว', keywords: ['มีใบรับรอง', 'มีแล้ว', 'รับรองแล้ว'] },
      { value: 'hiv-no-symptoms', label: 'ติดเชื้อ ยังไม่มีอาการ', keywords: ['ติดเชื้อ', 'ไม่มีอาการ'] },
      TRI[2]!,
    ],
    () => ({ step: 'aids-hardship' }),
  ),

  'aids-hardship': choiceStep(
    (ctx) => `${who(ctx.answers)}มีความยากลำบากข้อใดไหมคะ เช่น ยากจน ถูกทอดทิ้ง ไม่มีผู้ดูแล หรือทำงานเลี้ยงตัวเองไม่ได้`,
    TRI,
    (ctx) => finish(ctx),
  ),
};

export const eligibilityFlow: Flow = {
  id: 'eligibility',
  version: 1,
  title: 'เช็คสิทธิ์เบี้ย',
  steps,
  start: () => ({ step: 'for-whom' }),
};

export const eligibilityEntry: Entry = {
  id: 'eligibility',
  menuLabel: 'เช็คสิทธิ์เบี้ย',
  menuOrder: 10,
  keywords: [
    'เช็คสิทธิ์',
    'เช็คสิทธิ',
    'เช็คสิทธิ์เบี้ย',
    'ตรวจสิทธิ์',
    'สิทธิ์',
    'เบี้ยคนแก่',
    'เบี้ยผู้สูงอายุ',
    'เบี้ยยังชีพ',
    'เบี้ยยังชีพผู้สูงอายุ',
    'เบี้ยพิการ',
    'เบี้ยความพิการ',
    'เบี้ยคนพิการ',
    'เบี้ยเอดส์',
    'ลงทะเบียนเบี้ย',
    'ขอเบี้ย',
    'เชคสิท',
    'เช็คสิท',
    'เชคสิทธิ์',
    'ลงทะเบียนคนแก่',
    'ลงทะเบียนผู้สูงอายุ',
  ],
  flow: 'eligibility',
};

