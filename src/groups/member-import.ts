// Reading many members at once (issue 10 point 4): a pasted list (one member per line), a CSV or an
// Excel file the leader sends. Pure functions, no database: the members flow saves the rows in one
// write only when there is no error at all ("nothing half-saved"). Each problem names the row as the
// person sees it (the line of their message, the row number in their sheet). Duplicates inside the
// list and against the members already entered are errors; a person in several groups is fine (Q34).
// National ID numbers are read only when the office collects them (Q29); otherwise they are dropped.
// exceljs (about 30 MB once loaded) is loaded on the first Excel file, not with the bot.
import type ExcelJS from 'exceljs';
import { bangkokToday, toIso } from '../thai/calendar';
import { parseThaiDate, reasonText as dateReasonText } from '../thai/date-parse';
import { HOUSE_REASON_TEXT, MOO_REASON_TEXT, parseHouseNo, parseMoo } from '../thai/house-number';
import { parseThaiId } from '../thai/id-card';
import { nameReasonText, parsePersonName } from '../thai/person-name';
import { normalizeInput, thaiDigitsToArabic } from '../thai/normalize';
import { parsePhone, phoneReasonText } from '../thai/phone';

export interface MemberDraft {
  title?: string;
  firstName: string;
  lastName: string;
  houseNo?: string;
  moo?: number;
  phone?: string;
  nationalId?: string;
  joined?: string;
}

export interface ImportProblem {
  /** The line of the pasted message, or the sheet's row number (1-based, as the person sees it). */
  row: number;
  problem: string;
}

export interface ImportResult {
  rows: MemberDraft[];
  errors: ImportProblem[];
  /** ID numbers left out because the office does not collect them (Q29). */
  droppedIds: number;
}

export interface ImportOptions {
  collectIds: boolean;
  /** Members already in the group, for the duplicate check. */
  existing?: readonly { firstName: string; lastName: string; nationalId?: string; status?: string }[];
  /** For dates joined (a date after today is refused). */
  now?: Date;
}

/** At most this many members in one list (the group's data holds 2,000). */
export const MAX_IMPORT_ROWS = 1_000;

// ---------------------------------------------------------------------------------------------
// One member written on one line: "1. นางสมศรี ใจดี 12/3 หมู่ 5 081-234-5678"

const NUMBERING = /^\s*\d{1,4}\s*[.)]\s*/;
const MOO_WORD = /^(?:หมู่ที่|หมู่|ม\.?)$/;
const MOO_GLUED = /^(?:หมู่ที่|หมู่|ม\.)(\d{1,3})$/;
const HOUSE_WORD = /^(?:บ้านเลขที่|เลขที่)$/;
const HOUSE_GLUED = /^(?:บ้านเลขที่|เลขที่)(\d.*)$/;
const PHONE_WORD = /^(?:โทร\.?|โทรศัพท์|เบอร์โทร\.?|เบอร์|tel\.?):?$/i;
const PHONE_GLUED = /^(?:โทร\.?|เบอร์โทร\.?|เบอร์|tel\.?):?([+\d].*)$/i;
const ID_WORD = /^(?:เลขบัตร(?:ประชาชน)?|บัตร|ID):?$/i;
const DIGITS_AND_DASHES = /^\+?[\d-]+$/;

const digitCount = (s: string) => s.replace(/\D/g, '').length;
const isMarker = (t: string) => MOO_WORD.test(t) || MOO_GLUED.test(t) || HOUSE_WORD.test(t) || HOUSE_GLUED.test(t) || PHONE_WORD.test(t) || PHONE_GLUED.test(t) || ID_WORD.test(t);

type LineParse = { ok: true; draft: MemberDraft; droppedId: boolean } | { ok: false; problem: string };

function parseLine(line: string, opts: ImportOptions): LineParse {
  const tokens = normalizeInput(line.replace(NUMBERING, '')).split(/[\s,;]+/).filter(Boolean);
  let at = 0;
  const nameWords: string[] = [];
  while (at < tokens.length && !/\d/.test(tokens[at]!) && !isMarker(tokens[at]!)) nameWords.push(tokens[at++]!);
  const name = parsePersonName(nameWords.join(' '));
  if (!name.ok) return { ok: false, problem: `ชื่อ — ${nameReasonText(name.reason)}` };
  const draft: MemberDraft = { ...name.value };
  let droppedId = false;
  const take = (field: 'house' | 'moo' | 'phone' | 'id', value: string | undefined): string | undefined => {
    if (value === undefined) return `ขาด${FIELD_LABEL[field]}หลังคำว่า "${tokens[at - 1]}" ค่ะ`;
    return fieldInto(draft, field, value, opts, () => (droppedId = true));
  };
  while (at < tokens.length) {
    const token = tokens[at++]!;
    let glued: RegExpExecArray | null;
    let problem: string | undefined;
    if (MOO_WORD.test(token)) problem = take('moo', tokens[at++]);
    else if ((glued = MOO_GLUED.exec(token))) problem = take('moo', glued[1]);
    else if (HOUSE_WORD.test(token)) problem = take('house', tokens[at++]);
    else if ((glued = HOUSE_GLUED.exec(token))) problem = take('house', glued[1]);
    else if (ID_WORD.test(token)) problem = take('id', tokens[at++]);
    else if (PHONE_WORD.test(token) || PHONE_GLUED.test(token) || (DIGITS_AND_DASHES.test(token) && /^(?:0|\+66)/.test(token))) {
      let value = PHONE_WORD.test(token) ? (tokens[at++] ?? '') : (PHONE_GLUED.exec(token)?.[1] ?? token);
      // "081 234 5678" (a phone in three parts) or "1 2345 67890 12 1" (an ID in five) arrive as several tokens.
      while (at < tokens.length && /^\d+$/.test(tokens[at]!) && digitCount(value) < 10 && digitCount(value) + digitCount(tokens[at]!) <= 10) value += tokens[at++]!;
      problem = digitCount(value) === 13 ? take('id', value) : take('phone', value);
    } else if (DIGITS_AND_DASHES.test(token) && digitCount(token) >= 11) problem = take('id', token);
    else if (draft.houseNo === undefined && /^\d/.test(token)) problem = take('house', token);
    else if (draft.moo === undefined && /^\d{1,3}$/.test(token)) problem = take('moo', token);
    else problem = `อ่าน "${token}" ไม่ออกค่ะ ขอเรียงเป็น ชื่อ นามสกุล บ้านเลขที่ หมู่ เบอร์โทร นะคะ`;
    if (problem) return { ok: false, problem };
  }
  return { ok: true, draft, droppedId };
}

const FIELD_LABEL = { house: 'บ้านเลขที่', moo: 'หมู่ที่', phone: 'เบอร์โทร', id: 'เลขบัตรประชาชน', joined: 'วันที่เข้าเป็นสมาชิก' } as const;
type Field = keyof typeof FIELD_LABEL;

/** Read one field's text into the draft; a Thai problem when it cannot be read. */
function fieldInto(draft: MemberDraft, field: Field, raw: string, opts: ImportOptions, onDroppedId: () => void): string | undefined {
  const value = normalizeInput(raw);
  if (value === '') return undefined;
  switch (field) {
    case 'house': {
      const parsed = parseHouseNo(value);
      if (!parsed.ok) return `${FIELD_LABEL.house} — ${HOUSE_REASON_TEXT[parsed.reason]}`;
      draft.houseNo = parsed.value;
      return undefined;
    }
    case 'moo': {
      const parsed = parseMoo(value);
      if (!parsed.ok) return `${FIELD_LABEL.moo} — ${MOO_REASON_TEXT[parsed.reason]}`;
      draft.moo = parsed.value;
      return undefined;
    }
    case 'phone': {
      // Excel keeps a phone typed as a number without its leading 0 ("812345678").
      const parsed = parsePhone(/^[689]\d{8}$/.test(value) ? `0${value}` : value);
      if (!parsed.ok) return `${FIELD_LABEL.phone} — ${phoneReasonText(parsed.reason)}`;
      draft.phone = parsed.value;
      return undefined;
    }
    case 'id': {
      if (!opts.collectIds) {
        onDroppedId();
        return undefined;
      }
      const parsed = parseThaiId(value);
      if (!parsed.ok) return parsed.reason;
      draft.nationalId = parsed.value;
      return undefined;
    }
    case 'joined': {
      const parsed = parseThaiDate(value, { today: bangkokToday(opts.now ?? new Date()) });
      if (!parsed.ok) return `${FIELD_LABEL.joined} — ${dateReasonText(parsed.reason)}`;
      const { year, month = 1, day = 1 } = parsed.value;
      draft.joined = toIso({ year, month, day });
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Duplicates, and the result

const nameKey = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`.normalize('NFC').toLowerCase();

function checked(parsed: { row: number; result: LineParse }[], opts: ImportOptions): ImportResult {
  const errors: ImportProblem[] = [];
  const rows: MemberDraft[] = [];
  let droppedIds = 0;
  const existing = (opts.existing ?? []).filter((m) => m.status !== 'left');
  const names = new Map<string, number | 'existing'>(existing.map((m) => [nameKey(m), 'existing']));
  const ids = new Map<string, number | 'existing'>(existing.flatMap((m) => (m.nationalId ? [[m.nationalId, 'existing'] as const] : [])));
  for (const { row, result } of parsed) {
    if (!result.ok) {
      errors.push({ row, problem: result.problem });
      continue;
    }
    if (result.droppedId) droppedIds++;
    const { draft } = result;
    const sameName = names.get(nameKey(draft));
    const sameId = draft.nationalId ? ids.get(draft.nationalId) : undefined;
    if (sameName !== undefined) errors.push({ row, problem: sameName === 'existing' ? 'ชื่อนี้มีในรายชื่อสมาชิกอยู่แล้วค่ะ' : `ชื่อซ้ำกับแถวที่ ${sameName} ค่ะ` });
    else if (sameId !== undefined) errors.push({ row, problem: sameId === 'existing' ? 'เลขบัตรประชาชนนี้มีในรายชื่อสมาชิกอยู่แล้วค่ะ' : `เลขบัตรประชาชนซ้ำกับแถวที่ ${sameId} ค่ะ` });
    else {
      names.set(nameKey(draft), row);
      if (draft.nationalId) ids.set(draft.nationalId, row);
      rows.push(draft);
    }
  }
  if (rows.length + errors.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ row: 1, problem: `รายชื่อยาวเกินไปค่ะ ส่งได้ครั้งละไม่เกิน ${MAX_IMPORT_ROWS} คน` }], droppedIds: 0 };
  return { rows, errors, droppedIds };
}

/** A pasted message, one member per line ("1." / "1)" / "๑." numbering allowed); blank lines are skipped. */
export function parsePastedList(message: string, opts: ImportOptions): ImportResult {
  const parsed = message
    .split(/\r?\n/)
    .map((line, i) => ({ row: i + 1, line }))
    .filter(({ line }) => normalizeInput(line) !== '')
    .map(({ row, line }) => ({ row, result: parseLine(thaiDigitsToArabic(line), opts) }));
  return withLineWording(checked(parsed, opts));
}

/** In a pasted message the person counts lines, not rows. */
function withLineWording(result: ImportResult): ImportResult {
  return { ...result, errors: result.errors.map((e) => ({ ...e, problem: e.problem.replace(/แถวที่/g, 'บรรทัดที่') })) };
}

// ---------------------------------------------------------------------------------------------
// Sheets (CSV and Excel): a header row in Thai or English names the columns; without one each row is
// read like a pasted line.

type Column = 'title' | 'first' | 'last' | 'full' | Field | 'skip';

const HEADERS: Readonly<Record<string, Column>> = {
  คำนำหน้า: 'title', คำนำหน้าชื่อ: 'title', title: 'title', prefix: 'title',
  ชื่อ: 'first', firstname: 'first', first: 'first', ชื่อจริง: 'first',
  นามสกุล: 'last', สกุล: 'last', lastname: 'last', surname: 'last', last: 'last',
  'ชื่อ-สกุล': 'full', 'ชื่อ-นามสกุล': 'full', ชื่อนามสกุล: 'full', ชื่อสกุล: 'full', fullname: 'full', name: 'full', ชื่อสมาชิก: 'full', 'ชื่อ-สกุลสมาชิก': 'full',
  บ้านเลขที่: 'house', เลขที่: 'house', houseno: 'house', housenumber: 'house', ที่อยู่: 'house',
  หมู่: 'moo', หมู่ที่: 'moo', moo: 'moo', ม: 'moo',
  โทร: 'phone', โทรศัพท์: 'phone', เบอร์โทร: 'phone', เบอร์โทรศัพท์: 'phone', เบอร์: 'phone', phone: 'phone', tel: 'phone', mobile: 'phone',
  เลขบัตรประชาชน: 'id', เลขประจำตัวประชาชน: 'id', เลขบัตร: 'id', nationalid: 'id', idcard: 'id', id: 'id',
  วันที่เข้าเป็นสมาชิก: 'joined', วันที่เข้า: 'joined', วันที่สมัคร: 'joined', joined: 'joined',
  ลำดับ: 'skip', ลำดับที่: 'skip', ที่: 'skip', no: 'skip', หมายเหตุ: 'skip', ลายมือชื่อ: 'skip', ลายเซ็น: 'skip',
};

const headerKey = (cell: string) => normalizeInput(cell).toLowerCase().replace(/[\s.:_]/g, '').replace(/[–—]/g, '-');

function headerOf(cells: readonly string[]): Column[] | undefined {
  const columns = cells.map((c) => HEADERS[headerKey(c)]);
  // A header names the name column at least; a first row without one is a member.
  if (!columns.some((c) => c === 'first' || c === 'full')) return undefined;
  return columns.map((c) => c ?? 'skip');
}

export interface SheetRow {
  /** The row number in the sheet (1-based). */
  row: number;
  cells: string[];
}

function fromSheet(sheet: readonly SheetRow[], opts: ImportOptions): ImportResult {
  const filled = sheet.filter((r) => r.cells.some((c) => normalizeInput(c) !== ''));
  const first = filled[0];
  if (!first) return { rows: [], errors: [{ row: 1, problem: 'ไฟล์นี้ไม่มีรายชื่อค่ะ' }], droppedIds: 0 };
  const columns = headerOf(first.cells);
  const body = columns ? filled.slice(1) : filled;
  const parsed = body.map(({ row, cells }) => ({ row, result: columns ? rowByColumns(cells, columns, opts) : parseLine(cells.join(' '), opts) }));
  return checked(parsed, opts);
}

function rowByColumns(cells: readonly string[], columns: readonly Column[], opts: ImportOptions): LineParse {
  const cell = (c: Column) => cells.filter((_, i) => columns[i] === c).map((v) => normalizeInput(v)).filter(Boolean).join(' ');
  const nameText = cell('full') || [cell('title'), cell('first'), cell('last')].filter(Boolean).join(' ');
  const name = parsePersonName(nameText);
  if (!name.ok) return { ok: false, problem: `ชื่อ — ${nameReasonText(name.reason)}` };
  const draft: MemberDraft = { ...name.value };
  let droppedId = false;
  for (const field of ['house', 'moo', 'phone', 'id', 'joined'] as const) {
    const problem = fieldInto(draft, field, cell(field), opts, () => (droppedId = true));
    if (problem) return { ok: false, problem };
  }
  return { ok: true, draft, droppedId };
}

/** Text of a CSV: UTF-8 (with or without a BOM), else Thai Windows (TIS-620 / Windows-874), as Thai Excel saves it. */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-874').decode(bytes);
  }
}

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks. Tab-separated files work too. */
export function csvRecords(text: string): SheetRow[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  const endRecord = () => {
    cells.push(cell);
    records.push({ row: row++, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) cells.push(cell), (cell = '');
    else if (ch === '\n') endRecord();
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

export function parseCsv(bytes: Buffer, opts: ImportOptions): ImportResult {
  return fromSheet(csvRecords(decodeCsv(bytes)), opts);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toIso({ year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() });
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** The first sheet of an .xlsx workbook. A file Excel cannot open either is one error, not a crash. */
export async function parseXlsx(bytes: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ row: 1, problem: 'เปิดไฟล์ Excel นี้ไม่ได้ค่ะ ลองบันทึกใหม่เป็น .xlsx หรือ .csv แล้วส่งอีกครั้งนะคะ' }], droppedIds: 0 };
  }
  const sheet = workbook.worksheets[0];
  const rows: SheetRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    rows.push({ row: rowNumber, cells: values.map((v) => cellText(v as ExcelJS.CellValue)) });
  });
  return fromSheet(rows, opts);
}

/** "บรรทัดที่ 7: …" / "แถวที่ 7: …", at most `limit` of them (LINE's 5,000 characters), then how many more. */
export function importErrorLines(errors: readonly ImportProblem[], unit: 'บรรทัดที่' | 'แถวที่', limit = 15): string {
  const shown = errors.slice(0, limit).map((e) => `${unit} ${e.row}: ${e.problem}`);
  if (errors.length > limit) shown.push(`…และอีก ${errors.length - limit} ${unit.replace('ที่', '')}`);
  return shown.join('\n');
}
