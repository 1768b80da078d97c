// The มชช. pack: one application as an A4 PDF in Thai (reference groups-and-standards.md §3.5, §4.3):
// the office, the round it belongs to (label, dates, the letter its dates come from: Q11), the
// reference and type, the applicant and the qualification answers, the team and advisers, the
// office's form fields (Q21), the document checklist with the seed's numbers and titles, the case's
// history; then the photos of the documents, one page each, in checklist order. Staff print it for
// the district office (relay) or the applicant takes it there (prepare_only).
//
// Why the photos are pages of the PDF: the district wants one stack of paper per application, and a
// single file prints in one go from any phone or office PC. A document sent as a PDF file cannot be
// drawn by pdfkit; the checklist says it comes as a separate file, and the batch export
// (./export.ts) writes every original file beside summary.pdf anyway.
//
// The font is Sarabun (SIL OFL 1.1, the npm package @expo-google-fonts/sarabun: full TTFs with Thai
// and Latin), embedded subset by pdfkit, whose fontkit shapes the Thai marks (GSUB/GPOS). No system
// font is used. Thai has no spaces between words: lines are broken at the word boundaries
// Intl.Segmenter finds (pdfkit would break inside a word, even between a consonant and its mark).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AttachmentRow, CaseHistoryRow, CaseRow } from '../db/schema';
import { mchchKind, type MchchStatus } from '../cases/kinds/mchch';
import type { OfficeProfile } from '../office/profile';
import type { MchchSettings } from '../office/mchch-settings';
import { bangkokDateOf, fromIso, isIsoDate } from '../thai/calendar';
import { fullYears } from './eligibility';
import { checklistFor, itemState as readinessItemState, readiness } from './readiness';
import { formatThaiDate, formatThaiDateTime } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import { districtDeadlineText, roundLabel } from './rounds';
import {
  DOCUMENT_KEYS,
  TYPE_QUALIFICATIONS,
  TYPE_TITLES,
  documentSlot,
  type ChecklistItem,
  type ChecklistKey,
  type DocumentKey,
  type MchchData,
  type MchchType,
} from './data';

/** An attachment of the case with its content (absent when the file is gone from disk). */
export interface PackAttachment {
  row: Pick<AttachmentRow, 'id' | 'mime' | 'slot'>;
  content?: Buffer;
}

const require = createRequire(import.meta.url);

/**
 * The same font with another head.checkSumAdjustment: pdfkit takes a font equal to one it has (same
 * checksum and names) to be that one, and the ำ copy must stay a font of its own (see fixSaraAm).
 */
function distinctCopy(ttf: Buffer): Buffer {
  const copy = Buffer.from(ttf);
  const tables = copy.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const entry = 12 + i * 16;
    if (copy.toString('latin1', entry, entry + 4) === 'head') {
      const at = copy.readUInt32BE(entry + 8) + 8;
      copy.writeUInt32BE((copy.readUInt32BE(at) ^ 1) >>> 0, at);
      return copy;
    }
  }
  throw new Error('font without a head table');
}
/**
 * pdfkit and the fonts (about 25 MB and 1 MB) are loaded on the first PDF, not with the bot: most
 * processes never make one, and every turn would pay for them in memory.
 */
let pdfTools: Promise<{ PDFDocument: typeof import('pdfkit'); fonts: Record<'r' | 'b' | 'r-am' | 'b-am', Buffer> }> | undefined;
function loadPdfTools() {
  pdfTools ??= import('pdfkit').then(({ default: PDFDocument }) => {
    const regular = readFileSync(require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'));
    const bold = readFileSync(require.resolve('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf'));
    return { PDFDocument, fonts: { r: regular, b: bold, 'r-am': distinctCopy(regular), 'b-am': distinctCopy(bold) } };
  });
  return pdfTools;
}

/** The checklist of a type as the office has it (Q15), the seed's titles: the hub's own (src/mchch/readiness.ts). */
export const checklistOf = (type: MchchType, settings: Pick<MchchSettings, 'documents'>): ChecklistItem[] => checklistFor(type, settings);

export type ItemState = { kind: 'given'; count: number; unit: 'หน้า' | 'ชื่อ' } | { kind: 'none' } | { kind: 'missing' } | { kind: 'skipped' };

/** How the pack shows one checklist item, from what the hub decides about it (readiness itemState). */
export function itemState(item: Pick<ChecklistItem, 'key' | 'required'>, data: MchchData): ItemState {
  const state = readinessItemState(data, item.key, item.required);
  if (state.count > 0) return { kind: 'given', count: state.count, unit: item.key === 'team' || item.key === 'advisers' ? 'ชื่อ' : 'หน้า' };
  if (state.none) return { kind: 'none' };
  return item.required && !state.done ? { kind: 'missing' } : { kind: 'skipped' };
}

/** Every required checklist item is there (the hub's rule: nothing of the checklist blocks sending). */
export function documentsComplete(data: MchchData, settings: Pick<MchchSettings, 'documents' | 'form'>): boolean {
  if (!data.type) return false;
  const checklist = new Set<string>(checklistFor(data.type, settings).map((item) => item.key));
  return readiness(data, settings).blocking.every((item) => !checklist.has(item.key));
}

const thaiDate = (iso: string) => formatThaiDate(fromIso(iso));
const SARA_AM = 0x0e33;

// ---- Thai text on the page ----------------------------------------------------------------------

type Doc = PDFKit.PDFDocument;
interface FontkitGlyph {
  id: number;
  codePoints: number[];
}
interface FontkitFont {
  layout(text: string): { glyphs: FontkitGlyph[] };
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}

/**
 * pdfkit writes one ToUnicode entry per glyph. Sarabun draws ำ as a nikhahit and the glyph of า, so
 * after the first ำ every า would be copied out as nothing ("ที่ปรึกษ"). Words with ำ are drawn
 * with a second copy of the font in which, before each is drawn, the า glyph reads ำ and the marks
 * before it read only themselves: the text layer is then exactly what was written, and the page
 * looks the same. (fontkit keeps one glyph object per glyph id, which pdfkit reads when it encodes.)
 */
function fixSaraAm(doc: Doc, fontName: string, cluster: string): void {
  doc.font(fontName);
  const font = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  const aa = font.glyphForCodePoint(0x0e32).id;
  for (const g of font.layout(cluster).glyphs) {
    g.codePoints = g.id === aa ? [SARA_AM] : g.codePoints.filter((cp) => cp !== SARA_AM);
  }
}

/** A consonant with its marks and ำ: drawn with the ำ copy of the font. */
const SARA_AM_CLUSTER = /[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*\u0e33/g;

function segments(text: string): { text: string; am: boolean }[] {
  const out: { text: string; am: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(SARA_AM_CLUSTER)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), am: false });
    out.push({ text: m[0], am: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), am: false });
  return out;
}

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const BOTTOM = PAGE.height - PAGE.margin - 18;

class Writer {
  y = PAGE.margin;
  constructor(readonly doc: Doc) {}

  private fontName(bold: boolean, am: boolean): string {
    return `${bold ? 'b' : 'r'}${am ? '-am' : ''}`;
  }

  width(text: string, size: number, bold = false): number {
    let w = 0;
    for (const s of segments(text)) w += this.doc.font(this.fontName(bold, s.am)).fontSize(size).widthOfString(s.text);
    return w;
  }

  /** Lines of at most `width`, broken between words (inside a word only when it alone is wider). */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let current = '';
      const push = () => {
        lines.push(current.trimEnd());
        current = '';
      };
      for (const { segment } of words.segment(paragraph)) {
        if (this.width(current + segment, size, bold) <= width) {
          current += segment;
          continue;
        }
        if (current.trim() !== '') push();
        if (segment.trim() === '') continue;
        if (this.width(segment, size, bold) <= width) {
          current = segment;
          continue;
        }
        for (const { segment: g } of graphemes.segment(segment)) {
          if (this.width(current + g, size, bold) > width && current !== '') push();
          current += g;
        }
      }
      push();
    }
    return lines;
  }

  /** One line at (x, y), no wrapping. */
  draw(text: string, x: number, y: number, size: number, bold = false, color = '#000000'): void {
    let at = x;
    for (const s of segments(text)) {
      if (s.am) fixSaraAm(this.doc, this.fontName(bold, true), s.text);
      this.doc.font(this.fontName(bold, s.am)).fontSize(size).fillColor(color).text(s.text, at, y, { lineBreak: false });
      at += this.doc.widthOfString(s.text);
    }
  }

  lineHeight(size: number): number {
    return size * 1.45;
  }

  /** Room for `height` more on this page, or a new page. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) {
      this.doc.addPage();
      this.y = PAGE.margin;
    }
  }

  paragraph(text: string, opts: { x?: number; width?: number; size?: number; bold?: boolean; color?: string; after?: number } = {}): void {
    const x = opts.x ?? PAGE.margin;
    const width = opts.width ?? PAGE.width - PAGE.margin - x;
    const size = opts.size ?? 11;
    for (const line of this.wrap(text, width, size, opts.bold)) {
      this.ensure(this.lineHeight(size));
      this.draw(line, x, this.y, size, opts.bold, opts.color);
      this.y += this.lineHeight(size);
    }
    this.y += opts.after ?? 0;
  }

  heading(text: string): void {
    this.y += 6;
    this.ensure(this.lineHeight(13) * 3);
    this.draw(text, PAGE.margin, this.y, 13, true);
    this.y += this.lineHeight(13);
    this.doc.moveTo(PAGE.margin, this.y - 3).lineTo(PAGE.width - PAGE.margin, this.y - 3).lineWidth(0.6).strokeColor('#999999').stroke();
    this.y += 2;
  }

  /** "label: value", each wrapped in its column (an office's form label may be long). */
  field(label: string, value: string, labelWidth = 150): void {
    const size = 11;
    const x = PAGE.margin + labelWidth;
    const labels = this.wrap(label, labelWidth - 8, size, true);
    const values = this.wrap(value, PAGE.width - PAGE.margin - x, size);
    this.ensure(this.lineHeight(size) * Math.min(Math.max(labels.length, values.length), 3));
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      this.ensure(this.lineHeight(size));
      if (labels[i]) this.draw(labels[i]!, PAGE.margin, this.y, size, true);
      if (values[i]) this.draw(values[i]!, x, this.y, size);
      this.y += this.lineHeight(size);
    }
  }

  /** A tick or a cross drawn as lines (Sarabun has no ✓), left of the text at (x, y). */
  mark(kind: 'tick' | 'cross' | 'dash', x: number, y: number): void {
    const d = this.doc;
    d.save().lineWidth(1.4);
    if (kind === 'tick') d.strokeColor('#1a7f37').moveTo(x, y + 8).lineTo(x + 3.5, y + 12).lineTo(x + 10, y + 3).stroke();
    else if (kind === 'cross') d.strokeColor('#c62828').moveTo(x + 1, y + 3).lineTo(x + 9, y + 12).moveTo(x + 9, y + 3).lineTo(x + 1, y + 12).stroke();
    else d.strokeColor('#777777').moveTo(x + 1, y + 8).lineTo(x + 9, y + 8).stroke();
    d.restore();
  }
}

// ---- the document --------------------------------------------------------------------------------

/** The round as the profile has it now (for the opening day and the letter), else the case's snapshot. */
function roundLines(data: MchchData, profile: Pick<OfficeProfile, 'mchch'>): [string, string][] {
  const snapshot = data.round;
  if (!snapshot) return [['รอบการสมัคร', 'ไม่ระบุรอบ']];
  const round = profile.mchch.rounds.find((r) => r.id === snapshot.id);
  const lines: [string, string][] = [];
  if (round) {
    lines.push(['รอบการสมัคร', roundLabel(round)]);
    lines.push(['ยื่นที่', `${round.district.name} ภายในวันที่ ${districtDeadlineText(round)}`]);
    lines.push(['ตามหนังสือ', round.source]);
  } else {
    lines.push(['รอบการสมัคร', `${snapshot.label} (ปิดรับที่สำนักงาน ${thaiDate(snapshot.localCutoff)})`]);
    lines.push(['ยื่นที่', `${snapshot.district.name} ภายในวันที่ ${thaiDate(snapshot.districtDeadline)}`]);
  }
  return lines;
}

function eligibilityLines(c: Pick<CaseRow, 'submittedAt'>, data: MchchData): [string, string][] {
  const e = data.eligibility ?? {};
  const lines: [string, string][] = [];
  switch (data.type) {
    case 'leader': {
      if (e.residentSince) {
        // Q24: the years count to the day it was sent (the submission), else the day it was checked.
        const asOf = c.submittedAt !== null ? bangkokDateOf(new Date(c.submittedAt)) : e.asOf ? fromIso(e.asOf) : undefined;
        const years = asOf ? ` (${fullYears(fromIso(e.residentSince), asOf)} ปี ณ วันที่ ${formatThaiDate(asOf)})` : '';
        lines.push(['อยู่ในชุมชนตั้งแต่', `${thaiDate(e.residentSince)}${years}`]);
      }
      if (e.activities?.length) {
        lines.push(['ผลงานกิจกรรมกับชุมชน', e.activities.map((a, i) => `${i + 1}. ${a.text}${a.year ? ` (ปี ${a.year + 543})` : ''}`).join('\n')]);
      }
      if (e.position) lines.push(['ตำแหน่ง', `${e.position.title} (${e.position.formal ? 'ตำแหน่งทางการ' : 'ตำแหน่งไม่เป็นทางการ'})`]);
      break;
    }
    case 'group':
    case 'network':
    case 'community': {
      const nameLabel = data.type === 'group' ? 'ชื่อกลุ่ม/องค์กร' : data.type === 'network' ? 'ชื่อเครือข่าย' : 'ชื่อชุมชน';
      if (e.name) lines.push([nameLabel, e.name]);
      if (e.memberOrgs?.length) lines.push(['องค์กรสมาชิก', e.memberOrgs.map((m, i) => `${i + 1}. ${m}`).join('\n')]);
      if (e.area) lines.push(['ที่ตั้ง/อาณาเขต', `${e.area.moo ? `หมู่ที่ ${e.area.moo} ` : ''}${e.area.description}`]);
      if (e.definiteBoundary !== undefined) lines.push(['เขตพื้นที่แน่นอน', e.definiteBoundary ? 'มี' : 'ยังไม่มี']);
      if (e.resolution) {
        const when = e.resolution.date ? ` เมื่อวันที่ ${thaiDate(e.resolution.date)}` : '';
        const meeting = e.resolution.meeting ? ` (${e.resolution.meeting})` : '';
        lines.push(['มติให้สมัคร', e.resolution.held ? `มีมติแล้ว${when}${meeting}` : 'ยังไม่มีมติ']);
      }
      break;
    }
  }
  return lines;
}

function formValue(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '—';
  return isIsoDate(value) ? thaiDate(value) : value;
}

function historyDay(h: CaseHistoryRow): string {
  return h.onDate ? thaiDate(h.onDate) : formatThaiDateTime(new Date(h.at));
}

const stateText = (s: ItemState) =>
  s.kind === 'given' ? `มี ${s.count} ${s.unit}` : s.kind === 'none' ? 'ไม่มี' : s.kind === 'missing' ? 'ขาด' : 'ไม่ได้ส่ง (ไม่บังคับ)';

/**
 * The application as an A4 PDF (see the top of this file). `now`: when it is made (printed in the
 * footer); `history`: the case's rows (src/cases/store.ts historyOf), printed as its steps with their
 * days. From the database in one call: ./export.ts casePackPdf.
 */
export async function renderApplicationPdf(
  c: CaseRow,
  data: MchchData,
  attachments: readonly PackAttachment[],
  profile: Pick<OfficeProfile, 'office' | 'mchch'>,
  now: Date,
  history: readonly CaseHistoryRow[] = [],
): Promise<Buffer> {
  const { PDFDocument, fonts } = await loadPdfTools();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: `ใบสรุปการสมัคร มชช. ${c.reference ?? ''}`.trim(), Creator: profile.office.name, CreationDate: now, ModDate: now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font);

  const w = new Writer(doc);
  const type = data.type;
  const status = c.status as MchchStatus;

  w.paragraph(profile.office.name, { size: 15, bold: true });
  w.paragraph('ใบสรุปการสมัครเข้าสู่ระบบมาตรฐานการพัฒนาชุมชน (มชช.)', { size: 14, bold: true, after: 4 });
  for (const [label, value] of roundLines(data, profile)) w.field(label, value);
  w.field('เลขที่อ้างอิง', c.reference ?? 'ยังไม่ได้ส่ง (ฉบับร่าง)');
  w.field('ประเภทผู้สมัคร', type ? TYPE_TITLES[type] : 'ยังไม่ได้เลือก');
  w.field('สถานะ', mchchKind.statusFor?.(status, data)?.label ?? mchchKind.statuses[status]?.label ?? c.status);
  if (c.submittedAt !== null) w.field('วันที่ส่ง', formatThaiDateTime(new Date(c.submittedAt)));

  w.heading('ผู้สมัคร');
  const applicant = data.applicant;
  if (applicant) {
    w.field(type === 'leader' ? 'ชื่อ-สกุล' : 'ผู้ติดต่อ', applicant.name);
    if (applicant.role) w.field('บทบาท', applicant.role);
    w.field('โทรศัพท์', formatPhone(applicant.phone));
    if (applicant.address) w.field('ที่อยู่', applicant.address);
  } else {
    w.paragraph('ยังไม่ได้กรอก');
  }

  w.heading('คุณสมบัติ');
  if (type) w.paragraph(`ตามเกณฑ์: ${TYPE_QUALIFICATIONS[type]}`, { size: 10, color: '#444444', after: 2 });
  const qualifications = eligibilityLines(c, data);
  if (qualifications.length === 0) w.paragraph('ยังไม่ได้กรอก');
  for (const [label, value] of qualifications) w.field(label, value);

  const fields = profile.mchch.form.fields.filter((f) => !f.types || (type !== undefined && f.types.includes(type)));
  if (fields.length > 0) {
    w.heading('ข้อมูลใบสมัคร');
    for (const f of fields) w.field(f.label, formValue(data.form?.[f.id]), 200);
  }

  const items = type ? checklistOf(type, profile.mchch) : [];
  const team = items.find((i) => i.key === 'team');
  if (team) {
    w.heading(type === 'community' ? 'รายชื่อทีมนำการพัฒนา' : 'รายชื่อทีมพัฒนา');
    const entries = data.team?.entries ?? [];
    if (entries.length === 0) w.paragraph('ยังไม่มีรายชื่อ');
    entries.forEach((p, i) => w.paragraph(`${i + 1}. ${p.name}${p.role ? ` — ${p.role}` : ''}`, { x: PAGE.margin + 12 }));
  }
  if (items.some((i) => i.key === 'advisers')) {
    w.heading('คณะที่ปรึกษา');
    const entries = data.advisers?.entries ?? [];
    if (entries.length === 0) w.paragraph(data.advisers?.none ? 'ไม่มีคณะที่ปรึกษา' : 'ยังไม่ได้ระบุ');
    entries.forEach((p, i) => w.paragraph(`${i + 1}. ${p.name} (${p.inside ? 'บุคคลในชุมชน' : 'บุคคลภายนอกชุมชน'})`, { x: PAGE.margin + 12 }));
  }

  // The checklist: seed number, the seed's title verbatim, and what the application has.
  w.heading('เอกสารประกอบการสมัคร');
  const byId = new Map(attachments.map((a) => [a.row.id, a]));
  const noCol = PAGE.margin;
  const titleCol = PAGE.margin + 34;
  const stateCol = PAGE.width - PAGE.margin - 130;
  for (const item of items) {
    const state = itemState(item, data);
    const size = 11;
    const titleLines = w.wrap(item.title + (item.inferred ? ' (ไม่มีในหนังสือ กำหนดโดยสำนักงาน)' : ''), stateCol - titleCol - 8, size);
    w.ensure(w.lineHeight(size) * titleLines.length);
    const top = w.y;
    w.draw(item.seedNo ?? '–', noCol, top, size);
    w.mark(state.kind === 'given' ? 'tick' : state.kind === 'missing' ? 'cross' : 'dash', stateCol, top);
    let stateLine = stateText(state);
    const files = (DOCUMENT_KEYS as readonly ChecklistKey[]).includes(item.key) ? (data[item.key as DocumentKey]?.pages ?? []).map((id) => byId.get(id)) : [];
    if (files.some((a) => a?.row.mime === 'application/pdf')) stateLine += ' (ไฟล์ PDF แนบแยก)';
    w.draw(stateLine, stateCol + 14, top, size, state.kind === 'missing', state.kind === 'missing' ? '#c62828' : '#000000');
    for (const line of titleLines) {
      w.ensure(w.lineHeight(size));
      w.draw(line, titleCol, w.y, size);
      w.y += w.lineHeight(size);
    }
    w.y += 2;
  }

  w.heading('ประวัติการดำเนินการ');
  for (const h of history) {
    const label = mchchKind.statuses[h.toStatus as MchchStatus]?.label ?? h.toStatus;
    w.field(historyDay(h), label, 170);
  }

  // The documents' photos, one page each, in checklist order.
  for (const item of items) {
    if (!(DOCUMENT_KEYS as readonly ChecklistKey[]).includes(item.key)) continue;
    const key = item.key as DocumentKey;
    const pages = (data[key]?.pages ?? []).map((id) => byId.get(id)).filter((a): a is PackAttachment => a !== undefined && a.row.slot === documentSlot(key));
    pages.forEach((a, i) => {
      const isImage = a.row.mime === 'image/jpeg' || a.row.mime === 'image/png';
      if (!isImage) return;
      doc.addPage();
      w.y = PAGE.margin;
      w.paragraph(`${item.seedNo ? `${item.seedNo} ` : ''}${item.title} — หน้า ${i + 1}/${pages.length}`, { bold: true, size: 12, after: 4 });
      if (a.content) {
        doc.image(a.content, PAGE.margin, w.y, { fit: [PAGE.width - 2 * PAGE.margin, BOTTOM - w.y], align: 'center' });
      } else {
        w.paragraph('ไม่พบไฟล์รูปนี้ในเครื่อง (ถูกลบหรือย้ายไป) ขอให้ผู้สมัครส่งใหม่ค่ะ', { color: '#c62828' });
      }
    });
  }

  // Footer on every page: reference, when it was made, page x/y.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = `${c.reference ?? 'ฉบับร่าง'} · พิมพ์เมื่อ ${formatThaiDateTime(now)} · หน้า ${i - range.start + 1}/${range.count}`;
    // Drawn inside the margin box: pdfkit would otherwise start a new page for text below it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    w.draw(footer, PAGE.margin, PAGE.height - PAGE.margin + 6, 9, false, '#666666');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
