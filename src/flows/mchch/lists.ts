// mchch_team: the team (ทีมพัฒนา for a group or network, ทีมนำการพัฒนา for a community) or the
// advisers (คณะที่ปรึกษา, optional, inside or outside the community), params { c, k: 'team' | 'advisers' }.
// Names one per line (a pasted list is fine, numbering is dropped) or one at a time ("เพิ่มอีก"),
// each read with src/thai/person-name.ts; a team entry may carry a skill or role after a dash
// ("นายสมชาย ใจกล้า - การตลาด"). Advisers: whether they are inside or outside the community, and
// "ไม่มี" (none). The list is said back before it is saved.
import { text } from '../../line/messages';
import type { ListKey, MchchData } from '../../mchch/data';
import { formatPersonName, nameReasonText, parsePersonName } from '../../thai/person-name';
import type { Accepted, Choice, Entry, Flow, FlowContext, Reply } from '../types';
import { backToHub, hubItems, caseData, openSection, pickChoice, saveRefused, saveSections } from './common';
import { wholeNumber } from '../postback';
import { MCHCH_ENTRIES, MCHCH_FLOWS } from './ids';

type TeamEntry = NonNullable<MchchData['team']>['entries'][number];
type AdviserEntry = NonNullable<MchchData['advisers']>['entries'][number];
interface Parsed {
  name: string;
  role?: string;
}

const NONE = 'none';
const SAVE = 'save';
const MORE = 'more';
const AGAIN = 'again';
const KEEP = 'keep';
const INSIDE = 'inside';
const OUTSIDE = 'outside';
const MAX_TEAM = 100;
const MAX_ADVISERS = 50;

export const LIST_SAY = {
  teamTitle: (community: boolean) => (community ? 'ทีมนำการพัฒนา' : 'ทีมพัฒนา'),
  askTeam: (title: string) =>
    `ขอรายชื่อ${title}ค่ะ พิมพ์ชื่อและนามสกุล คนละบรรทัด (วางรายชื่อทั้งชุดได้) ถ้าต้องการใส่ความรู้ความสามารถหรือหน้าที่ ใส่หลังขีดค่ะ เช่น\nนายสมชาย ใจกล้า - การตลาด\nนางสมศรี ใจดี - บัญชี`,
  askAdvisers: 'ขอรายชื่อคณะที่ปรึกษาค่ะ (ไม่บังคับ เป็นคนในหรือนอกชุมชนก็ได้) พิมพ์ชื่อและนามสกุล คนละบรรทัด\nถ้าไม่มี กด "ไม่มี" ได้เลยค่ะ',
  askMore: 'พิมพ์รายชื่อเพิ่มได้เลยค่ะ คนละบรรทัด',
  badLine: (n: number, line: string, reason: string) => `บรรทัดที่ ${n} "${line}": ${reason}\nช่วยพิมพ์รายชื่อใหม่อีกครั้งนะคะ`,
  tooMany: (max: number) => `รายชื่อมากเกินไปค่ะ (ไม่เกิน ${max} คน)`,
  roleTooLong: (n: number) => `บรรทัดที่ ${n}: ความสามารถหรือหน้าที่ยาวเกินไปค่ะ (ไม่เกิน 100 ตัวอักษร)`,
  where: 'คณะที่ปรึกษาเป็นคนในชุมชน หรือนอกชุมชนคะ (ถ้ามีทั้งสองแบบ พิมพ์ "(นอกชุมชน)" ท้ายชื่อคนที่อยู่นอกชุมชน แล้วกด "ในชุมชน" ค่ะ)',
  inside: 'ในชุมชน',
  outside: 'นอกชุมชน',
  none: 'ไม่มี',
  sayBack: (title: string, lines: string[]) => `รายชื่อ${title} ${lines.length} คน:\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}\nถูกต้องไหมคะ`,
  save: 'ถูกต้อง บันทึก',
  more: 'เพิ่มอีก',
  again: 'พิมพ์ใหม่ทั้งหมด',
  existing: (title: string, lines: string[]) => `รายชื่อ${title}ที่บันทึกไว้ ${lines.length} คน:\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}`,
  existingNone: 'บันทึกไว้ว่าไม่มีคณะที่ปรึกษาค่ะ',
  keep: 'ใช้ตามนี้',
  edit: 'แก้ไขรายชื่อ',
  kept: 'ใช้รายชื่อเดิมค่ะ ✅',
  saved: (title: string, n: number) => `บันทึกรายชื่อ${title} ${n} คนแล้วค่ะ ✅`,
  savedNone: 'บันทึกแล้วค่ะ ✅ ไม่มีคณะที่ปรึกษา',
  unknown: 'ขออภัยค่ะ ไม่พบรายการนี้ในใบสมัครค่ะ',
};

const OUTSIDE_MARK = /\s*[(（]?\s*(?:นอกชุมชน|ภายนอก(?:ชุมชน)?)\s*[)）]?\s*$/;
const INSIDE_MARK = /\s*[(（]?\s*(?:ในชุมชน|ภายใน(?:ชุมชน)?)\s*[)）]?\s*$/;

/** One line of a pasted list: numbering dropped, name before a dash, the skill or role after it. */
export function parseListLine(line: string): { ok: true; value: Parsed; outside?: boolean } | { ok: false; reason: string } {
  let rest = line.replace(/^\s*(?:[-•*]|[\d๐-๙]{1,3}\s*[.)])\s*/, '').trim();
  let outside: boolean | undefined;
  if (OUTSIDE_MARK.test(rest)) {
    outside = true;
    rest = rest.replace(OUTSIDE_MARK, '');
  } else if (INSIDE_MARK.test(rest)) {
    outside = false;
    rest = rest.replace(INSIDE_MARK, '');
  }
  const dash = /\s+[-–—:]\s*|\s*[–—:]\s+/.exec(rest);
  const namePart = dash ? rest.slice(0, dash.index) : rest;
  const role = dash ? rest.slice(dash.index + dash[0].length).trim() : '';
  const parsed = parsePersonName(namePart);
  if (!parsed.ok) return { ok: false, reason: nameReasonText(parsed.reason) };
  if ([...role].length > 100) return { ok: false, reason: 'ความสามารถหรือหน้าที่ยาวเกินไปค่ะ (ไม่เกิน 100 ตัวอักษร)' };
  return { ok: true, value: { name: formatPersonName(parsed.value), ...(role ? { role } : {}) }, ...(outside !== undefined ? { outside } : {}) };
}

interface Typed {
  entries: Parsed[];
  /** Per entry: true outside, false inside, undefined not said. */
  outside: (boolean | undefined)[];
}

function parseList(typed: string, max: number): { ok: true; value: Typed } | { ok: false; reason: string } {
  const lines = typed.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return { ok: false, reason: nameReasonText('empty') };
  if (lines.length > max) return { ok: false, reason: LIST_SAY.tooMany(max) };
  const value: Typed = { entries: [], outside: [] };
  for (const [i, line] of lines.entries()) {
    const r = parseListLine(line);
    if (!r.ok) return { ok: false, reason: LIST_SAY.badLine(i + 1, line, r.reason) };
    value.entries.push(r.value);
    value.outside.push(r.outside);
  }
  return { ok: true, value };
}

const keyOf = (ctx: FlowContext): ListKey => ctx.answers.k as ListKey;
const titleOf = (ctx: FlowContext): string => (keyOf(ctx) === 'advisers' ? 'คณะที่ปรึกษา' : LIST_SAY.teamTitle(ctx.answers.community === true));

/** Everything typed in this pass (the first list plus every "เพิ่มอีก"). */
function collected(ctx: FlowContext): Typed {
  return (ctx.answers.collected as Typed | undefined) ?? { entries: [], outside: [] };
}

function adviserEntries(ctx: FlowContext): AdviserEntry[] {
  const all = collected(ctx);
  const defaultOutside = ctx.answers.where === OUTSIDE;
  return all.entries.map((e, i) => ({ name: e.name, inside: !(all.outside[i] ?? defaultOutside) }));
}

function teamLine(e: TeamEntry): string {
  return e.role ? `${e.name} - ${e.role}` : e.name;
}
function adviserLine(e: AdviserEntry): string {
  return `${e.name} (${e.inside ? LIST_SAY.inside : LIST_SAY.outside})`;
}

function linesNow(ctx: FlowContext): string[] {
  return keyOf(ctx) === 'team' ? collected(ctx).entries.map(teamLine) : adviserEntries(ctx).map(adviserLine);
}

function acceptTyped(reply: Reply, ctx: FlowContext, prior: Typed): Accepted {
  if (reply.choice?.value === NONE) return keyOf(ctx) === 'advisers' && prior.entries.length === 0 ? { ok: true, value: NONE } : { ok: false, reason: LIST_SAY.askMore };
  const max = keyOf(ctx) === 'team' ? MAX_TEAM : MAX_ADVISERS;
  const parsed = parseList(reply.text ?? '', max - prior.entries.length);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  return { ok: true, value: { entries: [...prior.entries, ...parsed.value.entries], outside: [...prior.outside, ...parsed.value.outside] } satisfies Typed };
}

export const listFlow: Flow = {
  id: MCHCH_FLOWS.list,
  version: 1,
  title: 'รายชื่อในใบสมัคร มชช.',
  async start(ctx, params) {
    const k = params.k;
    if (k !== 'team' && k !== 'advisers') return { refuse: [text(LIST_SAY.unknown, hubItems(wholeNumber(params.c)))] };
    const opened = await openSection(ctx, k, params);
    if ('refuse' in opened) return opened;
    const data = opened.data;
    const existing = k === 'team' ? (data.team?.entries.length ?? 0) > 0 : Boolean(data.advisers && (data.advisers.entries.length > 0 || data.advisers.none));
    return { step: existing ? 'existing' : 'names', answers: { ...opened.answers, k, community: data.type === 'community' } };
  },
  steps: {
    existing: {
      async ask(ctx) {
        const data = await caseData(ctx);
        const body =
          keyOf(ctx) === 'team'
            ? LIST_SAY.existing(titleOf(ctx), (data.team?.entries ?? []).map(teamLine))
            : data.advisers?.entries.length
              ? LIST_SAY.existing(titleOf(ctx), data.advisers.entries.map(adviserLine))
              : LIST_SAY.existingNone;
        return {
          messages: [text(body)],
          choices: [
            { value: KEEP, label: LIST_SAY.keep, keywords: ['ถูกต้อง', 'ใช้'] },
            { value: AGAIN, label: LIST_SAY.edit, keywords: ['แก้ไข', 'พิมพ์ใหม่'] },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => (ctx.answers.existing === KEEP ? backToHub(ctx, [text(LIST_SAY.kept)]) : { step: 'names' }),
    },
    names: {
      ask(ctx) {
        const advisers = keyOf(ctx) === 'advisers';
        const choices: Choice[] = advisers ? [{ value: NONE, label: LIST_SAY.none, keywords: ['ไม่มีที่ปรึกษา', 'ไม่มีค่ะ', 'ไม่มีครับ'] }] : [];
        return { messages: [text(advisers ? LIST_SAY.askAdvisers : LIST_SAY.askTeam(titleOf(ctx)))], choices, acceptsText: true };
      },
      accept: (reply, ctx) => acceptTyped(reply, ctx, { entries: [], outside: [] }),
      async next(ctx) {
        if (ctx.answers.names === NONE) {
          if (!(await saveSections(ctx, { advisers: { entries: [], none: true } }))) return saveRefused(ctx);
          return backToHub(ctx, [text(LIST_SAY.savedNone)]);
        }
        // The list so far is kept in the conversation's answers (the engine saves them with the turn).
        ctx.answers.collected = ctx.answers.names;
        return { step: keyOf(ctx) === 'advisers' && collected(ctx).outside.some((o) => o === undefined) ? 'where' : 'confirm' };
      },
    },
    where: {
      ask: () => ({
        messages: [text(LIST_SAY.where)],
        choices: [
          { value: INSIDE, label: LIST_SAY.inside, keywords: ['ภายใน', 'คนใน'] },
          { value: OUTSIDE, label: LIST_SAY.outside, keywords: ['ภายนอก', 'คนนอก'] },
        ],
      }),
      accept: pickChoice,
      next: () => ({ step: 'confirm' }),
    },
    confirm: {
      ask(ctx) {
        return {
          messages: [text(LIST_SAY.sayBack(titleOf(ctx), linesNow(ctx)))],
          choices: [
            { value: SAVE, label: LIST_SAY.save, keywords: ['ถูกต้อง', 'บันทึก', 'ใช่'] },
            { value: MORE, label: LIST_SAY.more, keywords: ['เพิ่ม'] },
            { value: AGAIN, label: LIST_SAY.again, keywords: ['พิมพ์ใหม่', 'แก้ไข'] },
          ],
        };
      },
      accept: pickChoice,
      async next(ctx) {
        const choice = ctx.answers.confirm;
        if (choice === MORE) return { step: 'more' };
        if (choice === AGAIN) return { step: 'names' };
        if (keyOf(ctx) === 'team') {
          const entries = collected(ctx).entries;
          if (!(await saveSections(ctx, { team: { entries } }))) return saveRefused(ctx);
          return backToHub(ctx, [text(LIST_SAY.saved(titleOf(ctx), entries.length))]);
        }
        const entries = adviserEntries(ctx);
        if (!(await saveSections(ctx, { advisers: { entries, none: false } }))) return saveRefused(ctx);
        return backToHub(ctx, [text(LIST_SAY.saved(titleOf(ctx), entries.length))]);
      },
    },
    more: {
      ask: () => ({ messages: [text(LIST_SAY.askMore)], acceptsText: true }),
      accept: (reply, ctx) => acceptTyped(reply, ctx, collected(ctx)),
      next(ctx) {
        ctx.answers.collected = ctx.answers.more;
        return { step: keyOf(ctx) === 'advisers' && collected(ctx).outside.some((o) => o === undefined) && ctx.answers.where === undefined ? 'where' : 'confirm' };
      },
    },
  },
};

export const listEntry: Entry = { id: MCHCH_ENTRIES.list, keywords: [], flow: listFlow.id };
