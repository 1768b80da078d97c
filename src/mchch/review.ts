// The มชช. application's review card (before sending) and the prepared pack (prepare_only: what to
// bring, where and by when), pure builders through src/line/. Every card names the round it uses.
// No levels, scores or quotas (Q13, Q16, Q28): only what the applicant gave and what is missing.
import { bubble, fbutton, flex, frow, fseparator, ftext, postbackAction, type FlexComponent, type Message } from '../line/messages';
import { fromIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import { TYPE_TITLES, type MchchData } from './data';
import type { FormField, Readiness, ReadinessItem } from './readiness';
import { fullYears, isDocumentKey } from './readiness';

export { fullYears };

const MUTED = '#6B7280';
const WARN = '#B45309';

export const REVIEW_SAY = {
  title: 'ตรวจใบสมัครก่อนส่ง',
  round: 'รอบ',
  type: 'ประเภท',
  name: 'ผู้สมัคร',
  contact: 'ผู้ประสานงาน',
  qualifications: 'คุณสมบัติ',
  team: (n: number) => `${n} คน`,
  documents: 'เอกสาร',
  pages: (n: number) => `${n} หน้า/ไฟล์`,
  noneMarked: 'ไม่มี',
  missing: (n: number) => `ยังขาด ${n} รายการ`,
  blocked: 'ยังส่งไม่ได้ค่ะ ต้องมีรายการเหล่านี้ก่อน:',
  ready: 'ข้อมูลครบแล้วค่ะ ถ้าถูกต้อง กดปุ่มด้านล่างได้เลยค่ะ',
  residency: (years: number, since: string) => `อยู่ในชุมชน ${years} ปี (ตั้งแต่ ${since})`,
  activities: (n: number) => `ผลงานกับชุมชน ${n} รายการ`,
  position: (title: string, formal: boolean) => `ตำแหน่ง ${title} (${formal ? 'ทางการ' : 'ไม่เป็นทางการ'})`,
  resolution: (meeting: string | undefined, date: string | undefined) => {
    const detail = [meeting, date].filter(Boolean).join(' ');
    return detail ? `มีมติให้สมัคร (${detail})` : 'มีมติให้สมัคร';
  },
  area: (description: string) => `พื้นที่: ${description}`,
  packTitle: 'เอกสารพร้อมยื่นที่อำเภอ',
  reference: 'เลขที่',
  bring: 'สิ่งที่ต้องนำไปยื่น',
  formFields: 'ข้อมูลใบสมัคร',
  where: 'ยื่นที่',
  phone: 'โทร',
  address: 'ที่อยู่',
  deadline: 'ภายในวันที่',
  packNext: 'พิมพ์หรือถ่ายเอกสารตามรายการ แล้วนำไปยื่นด้วยตนเอง เมื่อยื่นแล้วกด "ยื่นที่อำเภอแล้ว" นะคะ แก้ไขข้อมูลได้จนกว่าจะยื่นค่ะ',
};

export interface CardButton {
  label: string;
  data: string;
  style?: 'primary' | 'secondary' | 'link';
}

function dateText(iso: string): string {
  return formatThaiDate(fromIso(iso));
}

/** The qualification answers in short lines (the leader's residency as of today). */
export function qualificationLines(data: MchchData, today: string): string[] {
  const e = data.eligibility;
  if (!e) return [];
  const lines: string[] = [];
  if (data.type === 'leader') {
    if (e.residentSince) lines.push(REVIEW_SAY.residency(fullYears(e.residentSince, today), dateText(e.residentSince)));
    if (e.activities?.length) lines.push(REVIEW_SAY.activities(e.activities.length));
    if (e.position) lines.push(REVIEW_SAY.position(e.position.title, e.position.formal));
  } else {
    if (e.area) lines.push(REVIEW_SAY.area(e.area.description));
    if (e.resolution?.held) lines.push(REVIEW_SAY.resolution(e.resolution.meeting, e.resolution.date ? dateText(e.resolution.date) : undefined));
  }
  return lines;
}

/** "๑.๓ สำเนาทะเบียนบ้าน". */
export function itemName(item: Pick<ReadinessItem, 'seedNo' | 'short'>): string {
  return item.seedNo ? `${item.seedNo} ${item.short}` : item.short;
}

function itemValue(item: ReadinessItem): string {
  if (!item.done) return '✗';
  if (item.none) return `✓ ${REVIEW_SAY.noneMarked}`;
  if (isDocumentKey(item.key)) return `✓ ${REVIEW_SAY.pages(item.count)}`;
  if (item.key === 'team' || item.key === 'advisers') return `✓ ${REVIEW_SAY.team(item.count)}`;
  return '✓';
}

export interface ReviewInput {
  roundName: string;
  data: MchchData;
  readiness: Readiness;
  today: string;
  buttons: CardButton[];
}

export function reviewCard(input: ReviewInput): Message {
  const { data, readiness } = input;
  const body: FlexComponent[] = [frow(REVIEW_SAY.round, input.roundName)];
  if (data.type) body.push(frow(REVIEW_SAY.type, TYPE_TITLES[data.type]));
  const name = data.type === 'leader' ? data.applicant?.name : (data.eligibility?.name ?? data.applicant?.name);
  if (name) body.push(frow(REVIEW_SAY.name, name));
  if (data.type !== 'leader' && data.applicant) body.push(frow(REVIEW_SAY.contact, `${data.applicant.name}${data.applicant.role ? ` (${data.applicant.role})` : ''} ${formatPhone(data.applicant.phone)}`));
  const qualifications = qualificationLines(data, input.today);
  if (qualifications.length) body.push(frow(REVIEW_SAY.qualifications, qualifications.join('\n')));
  body.push(fseparator());
  for (const item of readiness.items) body.push(frow(itemName(item), itemValue(item)));
  for (const w of readiness.warnings) body.push(ftext(`⚠️ ${w}`, { size: 'sm', color: WARN }));
  if (readiness.blocking.length) {
    body.push(fseparator(), ftext(REVIEW_SAY.blocked, { size: 'sm', weight: 'bold' }));
    body.push(...readiness.blocking.map((i) => ftext(`• ${itemName(i)}`, { size: 'sm' })));
  } else body.push(ftext(REVIEW_SAY.ready, { size: 'sm', color: MUTED }));
  const footer = input.buttons.map((b) => fbutton(postbackAction(b.label, b.data), b.style ?? 'secondary'));
  const alt = readiness.blocking.length ? `${REVIEW_SAY.title}: ${REVIEW_SAY.missing(readiness.blocking.length)}` : REVIEW_SAY.title;
  return flex(alt, bubble({ header: [ftext(REVIEW_SAY.title, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}

export interface PackInput {
  roundName: string;
  reference: string;
  data: MchchData;
  readiness: Readiness;
  fields: readonly FormField[];
  district: { name: string; phone?: string; address?: string };
  deadlineText: string;
  buttons: CardButton[];
}

/** The prepared pack: the checklist to bring (the seed's titles), the form's fields, where and by when. */
export function packCard(input: PackInput): Message {
  const { data, readiness } = input;
  const body: FlexComponent[] = [frow(REVIEW_SAY.reference, input.reference), frow(REVIEW_SAY.round, input.roundName)];
  if (data.type) body.push(frow(REVIEW_SAY.type, TYPE_TITLES[data.type]));
  body.push(fseparator(), ftext(REVIEW_SAY.bring, { size: 'sm', weight: 'bold' }));
  for (const item of readiness.items) {
    if (item.key === 'applicant' || item.key === 'form' || !item.done || item.none) continue;
    const count = isDocumentKey(item.key) ? REVIEW_SAY.pages(item.count) : REVIEW_SAY.team(item.count);
    body.push(ftext(`☐ ${item.seedNo ? `${item.seedNo} ` : ''}${item.title} (${count})`, { size: 'sm' }));
  }
  const filled = input.fields.filter((f) => data.form?.[f.id]);
  if (filled.length) {
    body.push(fseparator(), ftext(REVIEW_SAY.formFields, { size: 'sm', weight: 'bold' }));
    for (const f of filled) {
      const value = data.form![f.id]!;
      body.push(frow(f.label, f.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateText(value) : f.kind === 'phone' ? formatPhone(value) : value));
    }
  }
  body.push(fseparator(), frow(REVIEW_SAY.where, input.district.name));
  if (input.district.phone) body.push(frow(REVIEW_SAY.phone, formatPhone(input.district.phone)));
  if (input.district.address) body.push(frow(REVIEW_SAY.address, input.district.address));
  body.push(frow(REVIEW_SAY.deadline, input.deadlineText));
  body.push(ftext(REVIEW_SAY.packNext, { size: 'sm', color: MUTED }));
  const footer = input.buttons.map((b) => fbutton(postbackAction(b.label, b.data), b.style ?? 'secondary'));
  return flex(`${REVIEW_SAY.packTitle} ${input.reference}`, bubble({ header: [ftext(REVIEW_SAY.packTitle, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}
