// mchch_form: the office's ใบสมัคร fields (profile mchch.form.fields asked of the case's type, Q21),
// one question each by its kind — text, date (typed in BE or CE, Thai digits, or picked; said back),
// phone (dashes, Thai digits), number — the optional ones with "ข้าม", a saved answer offered to keep.
// Saved together at the end. No fields configured: says so and sends the applicant to the photo of
// the paper form (the applicationForm document).
import { text } from '../../line/messages';
import { formFieldsFor, type FormField } from '../../mchch/readiness';
import { bangkokToday, isIsoDate, toIso } from '../../thai/calendar';
import { reasonText, parseThaiDate } from '../../thai/date-parse';
import { formatThaiDate } from '../../thai/date-format';
import { fromIso } from '../../thai/calendar';
import { parseSmallInt } from '../../thai/numbers';
import { formatPhone, parsePhone, phoneReasonText } from '../../thai/phone';
import type { Accepted, Choice, Entry, Flow, FlowContext, Reply } from '../types';
import { goItem } from '../../booking/messages';
import { backToHub, hubItems, openSection, saveRefused, saveSections, settingsOf, SKIP } from './common';
import { MCHCH_ENTRIES, MCHCH_FLOWS } from './ids';

const KEEP = 'keep';

export const FORM_SAY = {
  noFields: 'สำนักงานนี้ใช้ใบสมัครแบบกระดาษค่ะ กรอกใบสมัครแล้วกด "ส่งรูปใบสมัคร" เพื่อถ่ายรูปส่งมาได้เลยนะคะ',
  photoButton: 'ส่งรูปใบสมัคร',
  optional: '(ไม่บังคับ กด "ข้าม" ได้ค่ะ)',
  keep: (value: string) => `ใช้: ${value}`,
  badNumber: 'ขอเป็นตัวเลขนะคะ เช่น 25 ค่ะ',
  fullDate: 'ขอวัน เดือน และปีให้ครบนะคะ เช่น 15 มีนาคม ตามด้วยปี พ.ศ. ค่ะ',
  dateBack: (label: string, date: string) => `${label}: ${date} ค่ะ`,
  tooLong: 'ยาวเกินไปค่ะ ขอไม่เกิน 1000 ตัวอักษรนะคะ',
  saved: (n: number) => `บันทึกข้อมูลใบสมัคร ${n} ข้อแล้วค่ะ ✅`,
};

function fieldsOf(ctx: FlowContext): FormField[] {
  return formFieldsFor(ctx.answers.type as never, settingsOf(ctx));
}
const valuesOf = (ctx: FlowContext): Record<string, string> => (ctx.answers.values as Record<string, string> | undefined) ?? {};
/** Index of the field being asked (every earlier one answered or skipped). */
const indexOf = (ctx: FlowContext): number => (ctx.answers.index as number | undefined) ?? 0;

/** A saved value as the applicant reads it. */
function shown(field: FormField, value: string): string {
  if (field.kind === 'date' && isIsoDate(value)) return formatThaiDate(fromIso(value));
  if (field.kind === 'phone') return formatPhone(value);
  return value;
}

function acceptValue(field: FormField, reply: Reply, now: Date): Accepted {
  if (field.kind === 'date') {
    if (reply.date !== undefined) return isIsoDate(reply.date) ? { ok: true, value: reply.date } : { ok: false, reason: reasonText('unrecognised') };
    const parsed = parseThaiDate(reply.text ?? '', { today: bangkokToday(now) });
    if (!parsed.ok) return { ok: false, reason: reasonText(parsed.reason) };
    const { year, month, day } = parsed.value;
    if (month === undefined || day === undefined) return { ok: false, reason: FORM_SAY.fullDate };
    return { ok: true, value: toIso({ year, month, day }) };
  }
  const typed = reply.text?.trim() ?? '';
  if (field.kind === 'phone') {
    const parsed = parsePhone(typed);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: phoneReasonText(parsed.reason) };
  }
  if (field.kind === 'number') {
    const n = parseSmallInt(typed);
    return n === undefined ? { ok: false, reason: FORM_SAY.badNumber } : { ok: true, value: String(n) };
  }
  if (!typed) return { ok: false, reason: field.label };
  return [...typed].length > 1000 ? { ok: false, reason: FORM_SAY.tooLong } : { ok: true, value: typed };
}

export const formFlow: Flow = {
  id: MCHCH_FLOWS.form,
  version: 1,
  title: 'ข้อมูลใบสมัคร มชช.',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'form', params);
    if ('refuse' in opened) return opened;
    const fields = formFieldsFor(opened.data.type, settingsOf(ctx));
    // None configured: the paper form's photo is the ใบสมัคร (Q21).
    if (fields.length === 0) {
      return { refuse: [text(FORM_SAY.noFields, [goItem(FORM_SAY.photoButton, MCHCH_ENTRIES.doc, { c: String(opened.c.id), k: 'applicationForm' }), ...hubItems(opened.c.id)])] };
    }
    return { step: 'field', answers: { ...opened.answers, type: opened.data.type, values: { ...(opened.data.form ?? {}) }, index: 0 } };
  },
  steps: {
    field: {
      async ask(ctx) {
        const field = fieldsOf(ctx)[indexOf(ctx)]!;
        const saved = valuesOf(ctx)[field.id];
        const choices: Choice[] = [];
        if (saved) choices.push({ value: KEEP, label: FORM_SAY.keep(shown(field, saved)).slice(0, 20) });
        if (!field.required) choices.push(SKIP);
        const question = field.required ? field.label : `${field.label}\n${FORM_SAY.optional}`;
        return {
          messages: [text(question)],
          choices,
          acceptsText: true,
          ...(field.kind === 'date' ? { datePicker: { label: '📅 เลือกวันที่' } } : {}),
        };
      },
      accept(reply, ctx): Accepted {
        const field = fieldsOf(ctx)[indexOf(ctx)]!;
        const values = { ...valuesOf(ctx) };
        if (reply.choice?.value === KEEP) return { ok: true, value: values };
        if (reply.choice?.value === SKIP.value && !field.required) {
          delete values[field.id];
          return { ok: true, value: values };
        }
        const accepted = acceptValue(field, reply, ctx.now);
        if (!accepted.ok) return accepted;
        values[field.id] = accepted.value as string;
        const say = field.kind === 'date' ? [text(FORM_SAY.dateBack(field.label, shown(field, accepted.value as string)))] : undefined;
        return { ok: true, value: values, ...(say ? { say } : {}) };
      },
      async next(ctx) {
        // One step asks every field in turn: the answers so far and the field's index are kept in the
        // conversation's answers (the engine saves them with the turn).
        ctx.answers.values = ctx.answers.field;
        const index = indexOf(ctx) + 1;
        if (index < fieldsOf(ctx).length) {
          ctx.answers.index = index;
          return { step: 'field' };
        }
        const values = valuesOf(ctx);
        if (!(await saveSections(ctx, { form: values }))) return saveRefused(ctx);
        return backToHub(ctx, [text(FORM_SAY.saved(Object.keys(values).length))]);
      },
    },
  },
};

export const formEntry: Entry = { id: MCHCH_ENTRIES.form, keywords: [], flow: formFlow.id };
