// The profile section (grp_sub_profile; reference §2.2): the group's name, type, objectives, area,
// date established, meeting place, contact and the leader's role, one question at a time, saved as
// one section at the end. When the profile exists already, the leader picks the one item to change
// ("แก้ไขข้อใด") and each change is saved at once. A LINE location message is not read here (the
// engine treats locations as media), so the meeting place is typed.
import { saveData } from '../../cases/actions';
import type { CaseRow } from '../../db/schema';
import { text, type Message } from '../../line/messages';
import type { GroupData } from '../../groups/data';
import { groupDataOf } from '../../groups/store';
import { bangkokToday, compareDates, fromIso, isIsoDate, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { parseThaiDate, reasonText } from '../../thai/date-parse';
import { normalizeInput } from '../../thai/normalize';
import { formatPhone, parsePhone, phoneReasonText } from '../../thai/phone';
import type { Accepted, Choice, Entry, Flow, FlowContext, Question, Reply, Step } from '../types';
import { editableSections, groupCaseNotFound, hubItems, ownGroupCase } from './case';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Profile = NonNullable<GroupData['profile']>;
type Field = 'name' | 'type' | 'objectives' | 'moo' | 'village' | 'subdistrict' | 'established' | 'place' | 'contactName' | 'contactPhone' | 'role';

const ORDER: Field[] = ['name', 'type', 'objectives', 'moo', 'village', 'subdistrict', 'established', 'place', 'contactName', 'contactPhone', 'role'];
const OTHER = '__other';
const SKIP = '__skip';
const DONE = '__done';
export const SUBMITTER_ROLES = ['ประธาน', 'กรรมการ', 'สมาชิก', 'ผู้ช่วย'] as const;

export const PROFILE_SAY = {
  name: 'ชื่อกลุ่มคืออะไรคะ (พิมพ์ชื่อเต็มของกลุ่ม)',
  nameEmpty: 'ขอชื่อกลุ่มด้วยนะคะ เช่น กลุ่มแม่บ้านบ้านหนองบัว',
  nameLong: 'ชื่อกลุ่มยาวเกินไปค่ะ (ไม่เกิน 120 ตัวอักษร) ลองพิมพ์ให้สั้นลงนะคะ',
  type: 'กลุ่มเป็นประเภทไหนคะ',
  other: 'อื่น ๆ',
  typeOther: 'พิมพ์ประเภทของกลุ่มได้เลยค่ะ เช่น กลุ่มผู้สูงอายุ',
  typeBad: 'ขอประเภทของกลุ่มสั้น ๆ นะคะ (ไม่เกิน 60 ตัวอักษร)',
  objectives: 'กลุ่มตั้งขึ้นเพื่ออะไรคะ พิมพ์วัตถุประสงค์ได้เลย ถ้ามีหลายข้อ ขึ้นบรรทัดใหม่ทีละข้อค่ะ',
  objectivesBad: 'ขอวัตถุประสงค์อย่างน้อย 1 ข้อ (ไม่เกิน 10 ข้อ ข้อละไม่เกิน 300 ตัวอักษร) นะคะ',
  moo: 'กลุ่มอยู่หมู่ที่เท่าไรคะ (พิมพ์ตัวเลข เช่น 5)',
  mooBad: 'ขอหมู่ที่เป็นตัวเลข 1 ถึง 99 นะคะ เช่น 5 ค่ะ',
  village: 'ชื่อหมู่บ้านหรือชุมชนคืออะไรคะ (ไม่มีก็กด "ข้าม" ได้ค่ะ)',
  skip: 'ข้าม',
  tooLong: 'ข้อความยาวเกินไปค่ะ ลองพิมพ์ให้สั้นลงนะคะ',
  subdistrict: 'อยู่ตำบลอะไรคะ',
  established: 'กลุ่มตั้งขึ้นเมื่อวันที่เท่าไรคะ (เช่น 15 มี.ค. 2560 หรือกดเลือกวันที่)',
  pickDate: 'เลือกวันที่',
  place: 'ปกติกลุ่มประชุมกันที่ไหนคะ (เช่น ศาลาหมู่บ้าน ไม่มีก็กด "ข้าม" ได้ค่ะ)',
  contactName: 'ขอชื่อ-นามสกุลผู้ติดต่อของกลุ่มค่ะ',
  contactNameBad: 'ขอชื่อ-นามสกุลผู้ติดต่อ (ไม่เกิน 100 ตัวอักษร) นะคะ',
  contactPhone: 'ขอเบอร์โทรผู้ติดต่อค่ะ (เช่น 081-234-5678)',
  role: 'คุณเป็นอะไรในกลุ่มคะ',
  which: 'ข้อมูลกลุ่มตอนนี้ค่ะ แก้ไขข้อใดคะ',
  done: 'เสร็จแล้ว',
  current: (value: string) => `(ตอนนี้: ${value})`,
  saved: 'บันทึกข้อมูลกลุ่มเรียบร้อยแล้วค่ะ ✓',
  changed: 'บันทึกการแก้ไขแล้วค่ะ ✓',
  notEditable: 'ขออภัยค่ะ ตอนนี้แก้ไขข้อมูลกลุ่มส่วนนี้ไม่ได้ (ส่งเรื่องแล้ว หรือเจ้าหน้าที่ไม่ได้ขอให้แก้ส่วนนี้) ค่ะ',
  notSaved: 'ขออภัยค่ะ บันทึกไม่สำเร็จ ข้อมูลบางข้อยังไม่ถูกต้อง ลองแก้อีกครั้งนะคะ',
  sayName: (v: string) => `ชื่อกลุ่ม: ${v}`,
  sayDate: (v: string) => `วันก่อตั้ง: ${v}`,
  sayHalfDate: (v: string) => `วันก่อตั้ง: ${v} (ไม่ทราบวันที่แน่นอน บันทึกเป็นวันที่ 1 ค่ะ)`,
  sayPhone: (v: string) => `เบอร์ติดต่อ: ${v}`,
};

const LABELS: Record<Field, string> = {
  name: 'ชื่อกลุ่ม',
  type: 'ประเภท',
  objectives: 'วัตถุประสงค์',
  moo: 'หมู่ที่',
  village: 'หมู่บ้าน/ชุมชน',
  subdistrict: 'ตำบล',
  established: 'วันก่อตั้ง',
  place: 'ที่ประชุม',
  contactName: 'ชื่อผู้ติดต่อ',
  contactPhone: 'เบอร์ผู้ติดต่อ',
  role: 'บทบาทของคุณ',
};

interface ProfileAnswers {
  c: number;
  edit?: boolean;
  which?: string;
  name?: string;
  type?: string;
  typeOther?: string;
  objectives?: string[];
  moo?: number;
  village?: string | null;
  subdistrict?: string;
  established?: string;
  place?: string | null;
  contactName?: string;
  contactPhone?: string;
  role?: string;
}

function answersOf(ctx: FlowContext): ProfileAnswers {
  return ctx.answers as unknown as ProfileAnswers;
}

async function caseOf(ctx: FlowContext): Promise<CaseRow | undefined> {
  return ownGroupCase(ctx, answersOf(ctx).c);
}

async function savedProfile(ctx: FlowContext): Promise<Profile | undefined> {
  const c = await caseOf(ctx);
  return c ? groupDataOf(c).profile : undefined;
}

function shown(p: Profile, f: Field): string {
  switch (f) {
    case 'name':
      return p.name;
    case 'type':
      return p.type;
    case 'objectives':
      return p.objectives.join(' / ');
    case 'moo':
      return String(p.moo);
    case 'village':
      return p.village ?? '-';
    case 'subdistrict':
      return p.subdistrict;
    case 'established':
      return formatThaiDate(fromIso(p.established));
    case 'place':
      return p.place ?? '-';
    case 'contactName':
      return p.contact.name;
    case 'contactPhone':
      return formatPhone(p.contact.phone);
    case 'role':
      return p.submitterRole;
  }
}

/** The profile with what this conversation answered laid over what was saved. */
function merged(saved: Profile | undefined, a: ProfileAnswers): Record<string, unknown> {
  const type = a.type === OTHER ? a.typeOther : a.type;
  const pick = <T>(v: T | null | undefined, old: T | undefined) => (v === null ? undefined : (v ?? old));
  return {
    name: a.name ?? saved?.name,
    type: type ?? saved?.type,
    objectives: a.objectives ?? saved?.objectives,
    ...(saved?.activities !== undefined && { activities: saved.activities }),
    moo: a.moo ?? saved?.moo,
    ...(pick(a.village, saved?.village) !== undefined && { village: pick(a.village, saved?.village) }),
    subdistrict: a.subdistrict ?? saved?.subdistrict,
    established: a.established ?? saved?.established,
    ...(pick(a.place, saved?.place) !== undefined && { place: pick(a.place, saved?.place) }),
    ...(saved?.location && { location: saved.location }),
    contact: { name: a.contactName ?? saved?.contact.name, phone: a.contactPhone ?? saved?.contact.phone },
    submitterRole: a.role ?? saved?.submitterRole,
  };
}

/** Save the profile section; the hub again at the end (or the "which item" list while editing). */
async function save(ctx: FlowContext, thenWhich: boolean) {
  const a = answersOf(ctx);
  const result = await saveData(ctx.tx, ctx.services.office.id, a.c, ctx.userId, { profile: merged(await savedProfile(ctx), a) }, ctx.now);
  if (!result.ok) {
    const reason = result.reason === 'invalid' ? PROFILE_SAY.notSaved : PROFILE_SAY.notEditable;
    return { end: [text(reason, hubItems(a.c))], then: { flow: GROUP_FLOWS.hub, params: { c: String(a.c) } } };
  }
  if (thenWhich) return { step: 'which', say: [text(PROFILE_SAY.changed)] };
  return { end: [text(PROFILE_SAY.saved)], then: { flow: GROUP_FLOWS.hub, params: { c: String(a.c) } } };
}

function afterField(field: Field) {
  return async (ctx: FlowContext) => {
    const a = answersOf(ctx);
    if (field === 'type' && a.type === OTHER) return { step: 'typeOther' };
    if (a.edit) return save(ctx, true);
    const next = ORDER[ORDER.indexOf(field) + 1];
    return next ? { step: next } : save(ctx, false);
  };
}

function ok(value: unknown, say?: string): Accepted {
  return say ? { ok: true, value, say: [text(say)] } : { ok: true, value };
}

function typedText(reply: Reply): string {
  return (reply.text ?? '').trim();
}

/** A step asking one item: the question, with the saved value when changing it. */
function field(
  f: Field,
  question: (ctx: FlowContext) => Omit<Question, 'messages'> & { say: string },
  accept: (reply: Reply, ctx: FlowContext) => Accepted,
): Step {
  return {
    async ask(ctx) {
      const { say, ...rest } = question(ctx);
      const saved = answersOf(ctx).edit ? await savedProfile(ctx) : undefined;
      const messages: Message[] = [text(saved ? `${say}\n${PROFILE_SAY.current(shown(saved, f))}` : say)];
      return { messages, ...rest };
    },
    accept,
    next: afterField(f),
  };
}

function optionalText(max: number) {
  return (reply: Reply): Accepted => {
    if (reply.choice?.value === SKIP) return ok(null);
    const value = typedText(reply);
    if (!value) return { ok: false, reason: PROFILE_SAY.tooLong };
    return [...value].length > max ? { ok: false, reason: PROFILE_SAY.tooLong } : ok(value);
  };
}

const skipChoice: Choice = { value: SKIP, label: PROFILE_SAY.skip, keywords: ['ไม่มี', 'ข้าม'] };

function readObjectives(typed: string): string[] {
  return typed
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*]|[0-9๐-๙]+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
}

function readMoo(typed: string): number | undefined {
  const m = /^(?:หมู่ที่|หมู่|ม\.)?\s*(\d{1,2})$/.exec(normalizeInput(typed).replace(/\s+/g, ' ').trim());
  const n = m ? Number(m[1]) : undefined;
  return n !== undefined && n >= 1 && n <= 99 ? n : undefined;
}

function readEstablished(reply: Reply, ctx: FlowContext): Accepted {
  const today = bangkokToday(ctx.now);
  if (reply.date) {
    if (!isIsoDate(reply.date)) return { ok: false, reason: reasonText('unrecognised') };
    if (compareDates(fromIso(reply.date), today) > 0) return { ok: false, reason: reasonText('future') };
    return ok(reply.date, PROFILE_SAY.sayDate(formatThaiDate(fromIso(reply.date))));
  }
  const parsed = parseThaiDate(typedText(reply), { today });
  if (!parsed.ok) return { ok: false, reason: reasonText(parsed.reason) };
  const d = { year: parsed.value.year, month: parsed.value.month ?? 1, day: parsed.value.day ?? 1 };
  const shownDate = formatThaiDate(d);
  return ok(toIso(d), parsed.value.day === undefined ? PROFILE_SAY.sayHalfDate(shownDate) : PROFILE_SAY.sayDate(shownDate));
}

export const profileFlow: Flow = {
  id: GROUP_FLOWS.section('profile'),
  version: 1,
  title: 'ข้อมูลกลุ่ม',
  async start(ctx, params) {
    const c = await ownGroupCase(ctx, params.c);
    if (!c) return { refuse: groupCaseNotFound() };
    if (!editableSections(c).includes('profile')) return { refuse: [text(PROFILE_SAY.notEditable, hubItems(c.id))] };
    return groupDataOf(c).profile ? { step: 'which', answers: { c: c.id, edit: true } } : { step: 'name', answers: { c: c.id } };
  },
  steps: {
    which: {
      async ask(ctx) {
        const saved = await savedProfile(ctx);
        const lines = saved ? ORDER.map((f) => `• ${LABELS[f]}: ${shown(saved, f)}`) : [];
        const choices: Choice[] = [...ORDER.map((f) => ({ value: f, label: LABELS[f] })), { value: DONE, label: PROFILE_SAY.done }];
        return { messages: [text([PROFILE_SAY.which, ...lines].join('\n'))], choices };
      },
      accept: (reply) => (reply.choice ? ok(reply.choice.value) : { ok: false, reason: 'กรุณาเลือกข้อที่ต้องการแก้จากปุ่มด้านล่างนะคะ' }),
      next(ctx) {
        const a = answersOf(ctx);
        if (a.which === DONE || !a.which) return { end: [text(PROFILE_SAY.saved)], then: { flow: GROUP_FLOWS.hub, params: { c: String(a.c) } } };
        return { step: a.which };
      },
    },
    name: field(
      'name',
      () => ({ say: PROFILE_SAY.name, acceptsText: true }),
      (reply) => {
        const name = typedText(reply).replace(/\s+/g, ' ');
        if (!name) return { ok: false, reason: PROFILE_SAY.nameEmpty };
        if ([...name].length > 120) return { ok: false, reason: PROFILE_SAY.nameLong };
        return ok(name, PROFILE_SAY.sayName(name));
      },
    ),
    type: field(
      'type',
      (ctx) => ({
        say: PROFILE_SAY.type,
        choices: [...ctx.services.office.groups.types.slice(0, 10).map((t) => ({ value: t, label: t })), { value: OTHER, label: PROFILE_SAY.other }],
      }),
      (reply) => (reply.choice ? ok(reply.choice.value) : { ok: false, reason: 'กรุณาเลือกประเภทจากปุ่มด้านล่าง หรือกด "อื่น ๆ" นะคะ' }),
    ),
    typeOther: {
      ask: () => ({ messages: [text(PROFILE_SAY.typeOther)], acceptsText: true }),
      accept(reply) {
        const value = typedText(reply);
        return value && [...value].length <= 60 ? ok(value) : { ok: false, reason: PROFILE_SAY.typeBad };
      },
      async next(ctx) {
        if (answersOf(ctx).edit) return save(ctx, true);
        return { step: 'objectives' };
      },
    },
    objectives: field(
      'objectives',
      () => ({ say: PROFILE_SAY.objectives, acceptsText: true }),
      (reply) => {
        const lines = readObjectives(typedText(reply));
        if (lines.length === 0 || lines.length > 10 || lines.some((l) => [...l].length > 300)) return { ok: false, reason: PROFILE_SAY.objectivesBad };
        return ok(lines);
      },
    ),
    moo: field(
      'moo',
      () => ({ say: PROFILE_SAY.moo, acceptsText: true }),
      (reply) => {
        const moo = readMoo(typedText(reply));
        return moo === undefined ? { ok: false, reason: PROFILE_SAY.mooBad } : ok(moo);
      },
    ),
    village: field('village', () => ({ say: PROFILE_SAY.village, acceptsText: true, choices: [skipChoice] }), optionalText(100)),
    subdistrict: field(
      'subdistrict',
      (ctx) => {
        const own = ctx.services.office.office.area.subdistrict;
        return { say: PROFILE_SAY.subdistrict, acceptsText: true, choices: [{ value: own, label: `ต.${own}` }] };
      },
      (reply) => {
        const value = (reply.choice?.value ?? typedText(reply)).replace(/^(?:ตำบล|ต\.)\s*/, '').trim();
        if (!value) return { ok: false, reason: PROFILE_SAY.subdistrict };
        return [...value].length > 100 ? { ok: false, reason: PROFILE_SAY.tooLong } : ok(value);
      },
    ),
    established: field(
      'established',
      (ctx) => ({ say: PROFILE_SAY.established, acceptsText: true, datePicker: { label: PROFILE_SAY.pickDate, max: toIso(bangkokToday(ctx.now)), min: '1900-01-01' } }),
      readEstablished,
    ),
    place: field('place', () => ({ say: PROFILE_SAY.place, acceptsText: true, choices: [skipChoice] }), optionalText(200)),
    contactName: field(
      'contactName',
      () => ({ say: PROFILE_SAY.contactName, acceptsText: true }),
      (reply) => {
        const name = typedText(reply).replace(/\s+/g, ' ');
        return name && [...name].length <= 100 ? ok(name) : { ok: false, reason: PROFILE_SAY.contactNameBad };
      },
    ),
    contactPhone: field(
      'contactPhone',
      () => ({ say: PROFILE_SAY.contactPhone, acceptsText: true }),
      (reply) => {
        const phone = parsePhone(typedText(reply));
        return phone.ok ? ok(phone.value, PROFILE_SAY.sayPhone(formatPhone(phone.value))) : { ok: false, reason: phoneReasonText(phone.reason) };
      },
    ),
    role: field(
      'role',
      () => ({ say: PROFILE_SAY.role, choices: SUBMITTER_ROLES.map((r) => ({ value: r, label: r })) }),
      (reply) => (reply.choice ? ok(reply.choice.value) : { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' }),
    ),
  },
};

export const profileEntry: Entry = { id: GROUP_ENTRIES.section('profile'), keywords: [], flow: profileFlow.id };
