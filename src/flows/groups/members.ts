// grp_sub_members: the group's members (issue 10 point 4, reference §2.4): the members' consent once
// per group (PDPA), then a menu: one by one (name said back, house number, หมู่, phone, the national ID
// only when the office collects them — Q29 — said back masked), a pasted multi-line list, an Excel/CSV
// file, photos of the paper register (staff transcribe them) with the count it shows, removing one.
// Each member is saved as soon as it is complete; a list or a file is saved in one write, only when
// every row is good (nothing half-saved). ID numbers are never logged.
import { readFile } from 'node:fs/promises';
import { contentPath } from '../../attachments/files';
import { attachmentsIn } from '../../attachments/store';
import { GROUP_SLOTS, type GroupData, type Member } from '../../groups/data';
import { importErrorLines, parseCsv, parsePastedList, parseXlsx, type ImportResult, type MemberDraft } from '../../groups/member-import';
import { GROUP_PRIVACY } from '../../groups/privacy';
import { text } from '../../line/messages';
import { HOUSE_REASON_TEXT, MOO_REASON_TEXT, parseHouseNo, parseMoo } from '../../thai/house-number';
import { maskThaiId, parseThaiId } from '../../thai/id-card';
import { parseSmallInt } from '../../thai/numbers';
import { nameReasonText, parsePersonName, type PersonName } from '../../thai/person-name';
import { formatPhone, parsePhone, phoneReasonText } from '../../thai/phone';
import type { Accepted, Choice, Entry, Flow, FlowContext, Next, Reply } from '../types';
import { SKIP, backToHub, caseData, caseIdOf, memberName, numbered, openSection, removeChoices, removeIndex, saveRefused, saveSection } from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Members = NonNullable<GroupData['members']>;

const YES = 'yes';
const NO = 'no';
const ONE = 'one';
const PASTE = 'paste';
const FILE = 'file';
const PHOTO = 'photo';
const REMOVE = 'remove';
const DONE = 'done';
/** How many names the menu and a confirmation show. */
const SHORT_LIST = 10;
/** How many members the removal question lists. */
const REMOVE_SHOWN = 80;

export const MEMBERS_SAY = {
  declined: 'ไม่เป็นไรค่ะ ยังไม่ได้บันทึกรายชื่อสมาชิกใด ๆ เมื่อสมาชิกยินยอมแล้ว กลับมากรอกได้เลยนะคะ',
  none: 'ยังไม่มีรายชื่อสมาชิกค่ะ เลือกวิธีเพิ่มสมาชิกได้เลยนะคะ',
  count: (n: number, lines: string[], more: number) => `สมาชิกที่บันทึกไว้ ${n} คนค่ะ\n${numbered(lines)}${more > 0 ? `\n…และอีก ${more} คน` : ''}`,
  photos: (n: number, count?: number) => `รูปทะเบียนสมาชิก ${n} รูป${count ? ` (ในทะเบียนมี ${count} คน)` : ''}`,
  one: 'เพิ่มทีละคน',
  paste: 'วางรายชื่อหลายคน',
  file: 'ส่งไฟล์ Excel/CSV',
  photo: 'ส่งรูปทะเบียน',
  remove: 'ลบสมาชิก',
  done: 'เสร็จแล้ว',
  pick: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ',
  name: 'ชื่อสมาชิกคืออะไรคะ พิมพ์คำนำหน้า ชื่อ และนามสกุล เช่น นางสมศรี ใจดี ค่ะ',
  house: (name: string) => `${name} ค่ะ\nบ้านเลขที่เท่าไรคะ เช่น 12/3 (ไม่ทราบ กด "ข้าม" ได้ค่ะ)`,
  moo: 'หมู่ที่เท่าไรคะ เช่น 5 (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  phone: 'เบอร์โทรของสมาชิกคืออะไรคะ เช่น 081-234-5678 (ไม่มี กด "ข้าม" ได้ค่ะ)',
  nationalId: 'เลขประจำตัวประชาชน 13 หลักของสมาชิกคืออะไรคะ',
  duplicate: 'ชื่อนี้มีในรายชื่อสมาชิกอยู่แล้วค่ะ ขอชื่อสมาชิกคนอื่นนะคะ',
  duplicateId: 'เลขบัตรประชาชนนี้มีในรายชื่อสมาชิกอยู่แล้วค่ะ ช่วยตรวจอีกครั้งนะคะ',
  saved: (line: string, n: number) => `บันทึกแล้วค่ะ ✅ ${line}\nตอนนี้มีสมาชิก ${n} คนค่ะ`,
  pasteAsk: 'วางรายชื่อสมาชิกในข้อความเดียวได้เลยค่ะ บรรทัดละหนึ่งคน เรียงเป็น ชื่อ นามสกุล บ้านเลขที่ หมู่ เบอร์โทร เช่น\n1. นางสมศรี ใจดี 12/3 หมู่ 5 081-234-5678\n2. นายสมชาย รักดี 45 หมู่ 5',
  pasteErrors: (lines: string) => `ยังไม่ได้บันทึกค่ะ รายชื่อมีจุดที่ต้องแก้:\n${lines}\nแก้แล้วส่งรายชื่อทั้งหมดมาใหม่ในข้อความเดียวนะคะ`,
  fileAsk: 'ส่งไฟล์รายชื่อสมาชิก (Excel .xlsx หรือ .csv) มาในแชทนี้ได้เลยค่ะ แถวแรกเป็นหัวตาราง เช่น คำนำหน้า ชื่อ นามสกุล บ้านเลขที่ หมู่ เบอร์โทร',
  fileErrors: (lines: string) => `ยังไม่ได้บันทึกค่ะ ไฟล์มีจุดที่ต้องแก้:\n${lines}\nแก้ในไฟล์แล้วส่งไฟล์ทั้งไฟล์มาใหม่นะคะ`,
  fileUnreadable: 'ขออภัยค่ะ เปิดไฟล์นี้ไม่ได้ ลองส่งไฟล์อีกครั้งนะคะ',
  empty: 'ไม่พบรายชื่อสมาชิกเลยค่ะ ลองส่งใหม่อีกครั้งนะคะ',
  confirm: (n: number, lines: string[], droppedIds: number) =>
    `อ่านได้ ${n} คนค่ะ\n${numbered(lines)}${n > lines.length ? `\n…และอีก ${n - lines.length} คน` : ''}${droppedIds ? '\n(เลขบัตรประชาชนจะไม่ถูกเก็บ เพราะสำนักงานไม่ได้ขอค่ะ)' : ''}\nบันทึกทั้งหมดเลยไหมคะ`,
  saveAll: 'บันทึกทั้งหมด',
  cancel: 'ไม่บันทึก',
  back: 'กลับเมนูสมาชิก',
  savedAll: (n: number, total: number) => `บันทึก ${n} คนแล้วค่ะ ✅ ตอนนี้มีสมาชิก ${total} คนค่ะ`,
  notSaved: 'ไม่ได้บันทึกรายชื่อนี้ค่ะ',
  photoAsk: 'ถ่ายรูปทะเบียนสมาชิกให้เห็นชื่อชัด ๆ แล้วส่งมาได้เลยค่ะ ส่งหลายรูปพร้อมกันได้ เจ้าหน้าที่จะพิมพ์รายชื่อเองค่ะ',
  registerCount: (n: number) => `ได้รับรูป ${n} รูปแล้วค่ะ ในทะเบียนมีสมาชิกกี่คนคะ พิมพ์เป็นตัวเลข เช่น 25 ค่ะ`,
  badCount: 'ขอจำนวนสมาชิกเป็นตัวเลขนะคะ เช่น 25 ค่ะ',
  photosSaved: (n: number, count: number) => `บันทึกรูปทะเบียน ${n} รูป สมาชิก ${count} คนแล้วค่ะ ✅ เจ้าหน้าที่จะพิมพ์รายชื่อจากรูปค่ะ`,
  whichRemove: 'ลบสมาชิกคนไหนคะ พิมพ์หมายเลขจากรายชื่อได้เลยค่ะ',
  badRemove: 'ไม่พบสมาชิกหมายเลขนี้ค่ะ พิมพ์หมายเลขจากรายชื่อนะคะ',
  removed: (name: string, n: number) => `ลบ "${name}" แล้วค่ะ ตอนนี้มีสมาชิก ${n} คนค่ะ`,
  finished: (n: number) => (n ? `รายชื่อสมาชิก ${n} คน บันทึกเรียบร้อยค่ะ ✅` : 'ยังไม่มีรายชื่อสมาชิกที่บันทึกไว้ค่ะ'),
};

const pick = (reply: Reply): Accepted => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: MEMBERS_SAY.pick });

async function membersOf(ctx: FlowContext): Promise<Members> {
  return (await caseData(ctx)).members ?? { entries: [], registerPhotos: [], consentAt: ctx.now.getTime(), nextId: 1 };
}

const active = (m: Members) => m.entries.filter((e) => e.status !== 'left');

function lineOf(m: Member | MemberDraft): string {
  const where = [m.houseNo && `บ้านเลขที่ ${m.houseNo}`, m.moo && `หมู่ ${m.moo}`].filter(Boolean).join(' ');
  return `${memberName(m)}${where ? ` ${where}` : ''}`;
}

/** Append drafts to the section with fresh ids, in one write. */
async function addMembers(ctx: FlowContext, drafts: readonly MemberDraft[]): Promise<Members | undefined> {
  const members = await membersOf(ctx);
  let nextId = members.nextId;
  const added: Member[] = drafts.map((d) => ({ ...d, id: nextId++, status: 'active' }));
  const updated: Members = { ...members, entries: [...members.entries, ...added], nextId };
  return (await saveSection(ctx, 'members', updated)) ? updated : undefined;
}

function importOptions(ctx: FlowContext, members: Members) {
  return { collectIds: ctx.services.office.groups.collectMemberIds, existing: members.entries, now: ctx.now };
}

/** A parsed list or file: its errors as the refusal, or the rows to confirm. */
function importAccepted(result: ImportResult, errorsSay: (lines: string) => string, unit: 'บรรทัดที่' | 'แถวที่'): Accepted {
  if (result.errors.length) return { ok: false, reason: errorsSay(importErrorLines(result.errors, unit)) };
  if (!result.rows.length) return { ok: false, reason: MEMBERS_SAY.empty };
  return { ok: true, value: { rows: result.rows, droppedIds: result.droppedIds } };
}

async function readMemberFile(ctx: FlowContext, ids: readonly number[]): Promise<ImportResult | undefined> {
  const [row] = await attachmentsIn(ctx.tx, ctx.services.office.id, ids);
  const dir = ctx.services.attachmentsDir;
  if (!row || !dir) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(contentPath(dir, ctx.services.office.id, row.sha256));
  } catch {
    return undefined;
  }
  const options = importOptions(ctx, await membersOf(ctx));
  const isCsv = /csv|text\/plain/i.test(row.mime) || /\.csv$/i.test(row.fileName ?? '');
  return isCsv ? parseCsv(bytes, options) : parseXlsx(bytes, options);
}

const skipOr = (reply: Reply, read: (typed: string) => Accepted): Accepted => (reply.choice?.value === SKIP.value ? { ok: true, value: null } : read(reply.text ?? ''));

export const membersFlow: Flow = {
  id: GROUP_FLOWS.section('members'),
  version: 1,
  title: 'รายชื่อสมาชิก',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'members', params);
    if ('refuse' in opened) return opened;
    return { step: opened.data.members?.consentAt ? 'menu' : 'consent', answers: opened.answers };
  },
  steps: {
    consent: {
      ask: () => ({
        messages: [text(GROUP_PRIVACY.membersConsent)],
        choices: [
          { value: YES, label: GROUP_PRIVACY.membersYes, keywords: ['ยินยอม', 'ใช่', 'ตกลง'] },
          { value: NO, label: GROUP_PRIVACY.consentNo, keywords: ['ไม่'] },
        ],
      }),
      accept: pick,
      async next(ctx): Promise<Next> {
        if (ctx.answers.consent !== YES) return backToHub(ctx, [text(MEMBERS_SAY.declined)]);
        const members: Members = { entries: [], registerPhotos: [], consentAt: ctx.now.getTime(), nextId: 1 };
        return (await saveSection(ctx, 'members', members)) ? { step: 'menu' } : saveRefused(ctx);
      },
    },
    menu: {
      async ask(ctx) {
        const members = await membersOf(ctx);
        const list = active(members);
        const lines = [
          list.length ? MEMBERS_SAY.count(list.length, list.slice(0, SHORT_LIST).map(memberName), list.length - SHORT_LIST) : MEMBERS_SAY.none,
          ...(members.registerPhotos.length ? [MEMBERS_SAY.photos(members.registerPhotos.length, members.registerCount)] : []),
        ];
        const choices: Choice[] = [
          { value: ONE, label: MEMBERS_SAY.one, keywords: ['เพิ่ม', 'ทีละคน'] },
          { value: PASTE, label: MEMBERS_SAY.paste, keywords: ['วาง'] },
          { value: FILE, label: MEMBERS_SAY.file, keywords: ['ไฟล์', 'excel'] },
          { value: PHOTO, label: MEMBERS_SAY.photo, keywords: ['รูป'] },
          ...(list.length ? [{ value: REMOVE, label: MEMBERS_SAY.remove, keywords: ['ลบ'] }] : []),
          { value: DONE, label: MEMBERS_SAY.done, keywords: ['เสร็จ', 'ครบแล้ว'] },
        ];
        return { messages: [text(lines.join('\n'))], choices };
      },
      accept: pick,
      async next(ctx): Promise<Next> {
        switch (ctx.answers.menu) {
          case ONE:
            return { step: 'name' };
          case PASTE:
            return { step: 'paste' };
          case FILE:
            return { step: 'file' };
          case PHOTO:
            return { step: 'photos' };
          case REMOVE:
            return { step: 'remove' };
          default:
            return backToHub(ctx, [text(MEMBERS_SAY.finished(active(await membersOf(ctx)).length))]);
        }
      },
    },
    name: {
      ask: () => ({ messages: [text(MEMBERS_SAY.name)], acceptsText: true }),
      async accept(reply, ctx) {
        const parsed = parsePersonName(reply.text ?? '');
        if (!parsed.ok) return { ok: false, reason: nameReasonText(parsed.reason) };
        const same = active(await membersOf(ctx)).some((m) => m.firstName === parsed.value.firstName && m.lastName === parsed.value.lastName);
        return same ? { ok: false, reason: MEMBERS_SAY.duplicate } : { ok: true, value: parsed.value };
      },
      next: () => ({ step: 'house' }),
    },
    house: {
      ask: (ctx) => ({ messages: [text(MEMBERS_SAY.house(memberName(ctx.answers.name as PersonName)))], choices: [SKIP], acceptsText: true }),
      accept: (reply) =>
        skipOr(reply, (typed) => {
          const parsed = parseHouseNo(typed);
          if (!parsed.ok) return { ok: false, reason: HOUSE_REASON_TEXT[parsed.reason] };
          return { ok: true, value: parsed.value, ...(parsed.unusual && { say: [text(HOUSE_REASON_TEXT.unusual(parsed.value))] }) };
        }),
      next: () => ({ step: 'moo' }),
    },
    moo: {
      ask: () => ({ messages: [text(MEMBERS_SAY.moo)], choices: [SKIP], acceptsText: true }),
      accept: (reply) =>
        skipOr(reply, (typed) => {
          const parsed = parseMoo(typed);
          return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: MOO_REASON_TEXT[parsed.reason] };
        }),
      next: () => ({ step: 'phone' }),
    },
    phone: {
      ask: () => ({ messages: [text(MEMBERS_SAY.phone)], choices: [SKIP], acceptsText: true }),
      accept: (reply) =>
        skipOr(reply, (typed) => {
          const parsed = parsePhone(typed);
          return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: phoneReasonText(parsed.reason) };
        }),
      next: (ctx) => (ctx.services.office.groups.collectMemberIds ? { step: 'nationalId' } : saveOne(ctx)),
    },
    // Q29: asked only when the office collects ID numbers; said back masked, never logged.
    nationalId: {
      ask: () => ({ messages: [text(MEMBERS_SAY.nationalId)], acceptsText: true }),
      async accept(reply, ctx) {
        const parsed = parseThaiId(reply.text ?? '');
        if (!parsed.ok) return { ok: false, reason: parsed.reason };
        const same = active(await membersOf(ctx)).some((m) => m.nationalId === parsed.value);
        return same ? { ok: false, reason: MEMBERS_SAY.duplicateId } : { ok: true, value: parsed.value };
      },
      next: (ctx) => saveOne(ctx),
    },
    paste: {
      ask: () => ({ messages: [text(MEMBERS_SAY.pasteAsk)], acceptsText: true }),
      async accept(reply, ctx) {
        return importAccepted(parsePastedList(reply.text ?? '', importOptions(ctx, await membersOf(ctx))), MEMBERS_SAY.pasteErrors, 'บรรทัดที่');
      },
      next: () => ({ step: 'confirm' }),
    },
    file: {
      ask: (ctx) => ({
        messages: [text(MEMBERS_SAY.fileAsk)],
        choices: [{ value: NO, label: MEMBERS_SAY.back }],
        document: { slot: GROUP_SLOTS.memberFile, accept: ['xlsx', 'csv'], caseId: caseIdOf(ctx) },
      }),
      async accept(reply, ctx) {
        if (reply.choice) return { ok: true, value: null };
        if (!reply.attachments?.length) return { ok: false, reason: MEMBERS_SAY.fileAsk };
        const result = await readMemberFile(ctx, reply.attachments);
        return result ? importAccepted(result, MEMBERS_SAY.fileErrors, 'แถวที่') : { ok: false, reason: MEMBERS_SAY.fileUnreadable };
      },
      next: (ctx) => ({ step: ctx.answers.file ? 'confirm' : 'menu' }),
    },
    confirm: {
      ask: (ctx) => {
        const { rows, droppedIds } = toConfirm(ctx);
        return {
          messages: [text(MEMBERS_SAY.confirm(rows.length, rows.slice(0, SHORT_LIST).map(memberName), droppedIds))],
          choices: [
            { value: YES, label: MEMBERS_SAY.saveAll, keywords: ['บันทึก', 'ใช่', 'ตกลง', 'ถูกต้อง'] },
            { value: NO, label: MEMBERS_SAY.cancel, keywords: ['ไม่'] },
          ],
        };
      },
      accept: pick,
      async next(ctx): Promise<Next> {
        const { rows } = toConfirm(ctx);
        if (ctx.answers.confirm !== YES) return { step: 'menu', say: [text(MEMBERS_SAY.notSaved)] };
        const saved = await addMembers(ctx, rows);
        return saved ? { step: 'menu', say: [text(MEMBERS_SAY.savedAll(rows.length, active(saved).length))] } : saveRefused(ctx);
      },
    },
    photos: {
      ask: (ctx) => ({
        messages: [text(MEMBERS_SAY.photoAsk)],
        choices: [{ value: NO, label: MEMBERS_SAY.back }],
        document: { slot: GROUP_SLOTS.memberRegister, accept: ['image'], caseId: caseIdOf(ctx) },
      }),
      accept: (reply) => (reply.attachments?.length ? { ok: true, value: reply.attachments } : reply.choice ? { ok: true, value: null } : { ok: false, reason: MEMBERS_SAY.photoAsk }),
      next: (ctx) => ({ step: ctx.answers.photos ? 'registerCount' : 'menu' }),
    },
    registerCount: {
      ask: (ctx) => ({ messages: [text(MEMBERS_SAY.registerCount((ctx.answers.photos as number[]).length))], acceptsText: true }),
      accept(reply) {
        const n = parseSmallInt(reply.text ?? '');
        return n !== undefined && n >= 1 ? { ok: true, value: n } : { ok: false, reason: MEMBERS_SAY.badCount };
      },
      async next(ctx): Promise<Next> {
        const members = await membersOf(ctx);
        const photos = ctx.answers.photos as number[];
        const count = ctx.answers.registerCount as number;
        const updated: Members = { ...members, registerPhotos: [...members.registerPhotos, ...photos], registerCount: count };
        if (!(await saveSection(ctx, 'members', updated))) return saveRefused(ctx);
        return { step: 'menu', say: [text(MEMBERS_SAY.photosSaved(photos.length, count))] };
      },
    },
    remove: {
      async ask(ctx) {
        const list = active(await membersOf(ctx));
        // Long lists: the first REMOVE_SHOWN lines (LINE's 5,000 characters); any number typed still works.
        const more = list.length > REMOVE_SHOWN ? `\n…และอีก ${list.length - REMOVE_SHOWN} คน` : '';
        return { messages: [text(`${MEMBERS_SAY.whichRemove}\n${numbered(list.slice(0, REMOVE_SHOWN).map(lineOf))}${more}`)], choices: removeChoices(list.map(memberName)), acceptsText: true };
      },
      async accept(reply, ctx) {
        const index = removeIndex(reply, active(await membersOf(ctx)).length);
        return index === undefined ? { ok: false, reason: MEMBERS_SAY.badRemove } : { ok: true, value: index };
      },
      async next(ctx): Promise<Next> {
        const members = await membersOf(ctx);
        const gone = active(members)[ctx.answers.remove as number];
        if (!gone) return { step: 'menu' };
        const updated: Members = { ...members, entries: members.entries.filter((m) => m.id !== gone.id) };
        if (!(await saveSection(ctx, 'members', updated))) return saveRefused(ctx);
        return { step: 'menu', say: [text(MEMBERS_SAY.removed(memberName(gone), active(updated).length))] };
      },
    },
  },
};

/** The rows of the pasted list or the file, waiting for the leader's yes. */
function toConfirm(ctx: FlowContext): { rows: MemberDraft[]; droppedIds: number } {
  return (ctx.answers.menu === PASTE ? ctx.answers.paste : ctx.answers.file) as { rows: MemberDraft[]; droppedIds: number };
}

/** The member typed one field at a time, saved to the case at once (a restart keeps it). */
async function saveOne(ctx: FlowContext): Promise<Next> {
  const a = ctx.answers;
  const draft: MemberDraft = {
    ...(a.name as PersonName),
    ...(a.house ? { houseNo: a.house as string } : {}),
    ...(a.moo ? { moo: a.moo as number } : {}),
    ...(a.phone ? { phone: a.phone as string } : {}),
    ...(a.nationalId ? { nationalId: a.nationalId as string } : {}),
  };
  const saved = await addMembers(ctx, [draft]);
  if (!saved) return saveRefused(ctx);
  const details = [lineOf(draft), draft.phone && `โทร ${formatPhone(draft.phone)}`, draft.nationalId && `เลขบัตร ${maskThaiId(draft.nationalId)}`].filter(Boolean).join(' ');
  return { step: 'menu', say: [text(MEMBERS_SAY.saved(details, active(saved).length))] };
}

export const membersEntry: Entry = { id: GROUP_ENTRIES.section('members'), keywords: [], flow: membersFlow.id };
