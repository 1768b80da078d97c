// What a มชช. application still needs before it can be sent (pure): the type's checklist (the
// office's `mchch.documents[type]` when it writes one — keys and required, titles from the seed —
// else the seed's DEFAULT_CHECKLISTS), the applicant section (name and phone), and the office's
// ใบสมัคร fields (`mchch.form.fields` for the type, the required ones).
// Q21: with no office form fields the photo of the paper ใบสมัคร is required; with fields configured
// and every required one filled, the photo becomes optional (the pack's summary carries the fields).
// A document is done with ≥1 page, an optional one also with "ไม่มีเอกสารนี้" (none); the team with ≥1
// entry; the advisers with ≥1 entry or none. `blocking` stops sending; `warnings` never do.
import type { MchchSettings } from '../office/mchch-settings';
import { fromIso } from '../thai/calendar';
import { fullYears as wholeYears } from './eligibility';
import { CHECKLIST_SHORT, MCHCH_REASONS, DEFAULT_CHECKLISTS, DOCUMENT_KEYS, MCHCH_SECTION_TITLES, type ChecklistItem, type ChecklistKey, type DocumentKey, type MchchData, type MchchType } from './data';

export type FormField = MchchSettings['form']['fields'][number];
type Settings = Pick<MchchSettings, 'documents' | 'form'>;

export type ReadinessKey = ChecklistKey | 'eligibility' | 'applicant' | 'form';

export interface ReadinessItem {
  key: ReadinessKey;
  /** The seed's number («๑.๑»), or null. */
  seedNo: string | null;
  /** The seed's title, verbatim (checklist items), or the section's name. */
  title: string;
  /** For buttons and lists (≤20 characters). */
  short: string;
  required: boolean;
  done: boolean;
  /** "ไม่มีเอกสารนี้" / no advisers: done, but nothing to bring. */
  none: boolean;
  /** Pages of a document, entries of a list. */
  count: number;
}

export interface Readiness {
  items: ReadinessItem[];
  /** The required items not done: what stops sending. */
  blocking: ReadinessItem[];
  /** Worth saying, never blocking (e.g. an optional document marked none). */
  warnings: string[];
  ready: boolean;
}

export function isDocumentKey(key: string): key is DocumentKey {
  return (DOCUMENT_KEYS as readonly string[]).includes(key);
}

/** The type's checklist as this office has it (Q15: the office may replace the seed's list). */
export function checklistFor(type: MchchType, settings: Pick<MchchSettings, 'documents'>): ChecklistItem[] {
  const seed = DEFAULT_CHECKLISTS[type];
  const office = settings.documents[type];
  if (!office) return [...seed];
  return office.map(({ key, required }) => {
    const known = seed.find((item) => item.key === key);
    // A key the seed does not list for this type: the title of the same key in another type's list.
    const other = known ?? Object.values(DEFAULT_CHECKLISTS).flat().find((item) => item.key === key);
    return { key, seedNo: known?.seedNo ?? null, title: other?.title ?? CHECKLIST_SHORT[key], required };
  });
}

/** The office's ใบสมัคร fields asked of this type. */
export function formFieldsFor(type: MchchType | undefined, settings: Pick<MchchSettings, 'form'>): FormField[] {
  return settings.form.fields.filter((f) => !f.types || (type !== undefined && f.types.includes(type)));
}

function filled(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/** What the application has for one checklist item (the hub, the reminders, the PDF pack and staff's warnings read this). */
export function itemState(data: MchchData, key: ChecklistKey, required: boolean): Pick<ReadinessItem, 'done' | 'none' | 'count'> {
  if (key === 'team') {
    const n = data.team?.entries.length ?? 0;
    return { done: n > 0, none: false, count: n };
  }
  if (key === 'advisers') {
    const n = data.advisers?.entries.length ?? 0;
    const none = n === 0 && data.advisers?.none === true;
    return { done: n > 0 || none, none, count: n };
  }
  const doc = data[key];
  const n = doc?.pages.length ?? 0;
  // "ไม่มีเอกสารนี้" counts only for an optional item (a required one marked none is still missing).
  const none = n === 0 && doc?.none === true;
  return { done: n > 0 || (none && !required), none, count: n };
}

/** Whole years from `since` to `today` (ISO dates): the intake's count (src/mchch/eligibility.ts). */
export function fullYears(since: string, today: string): number {
  return wholeYears(fromIso(since), fromIso(today));
}

/** `today` (ISO, Bangkok), when given, adds the leader's residency as of today to the warnings (Q24: checked again at submission; staff decide). */
export function readiness(data: MchchData, settings: Settings, today?: string): Readiness {
  const items: ReadinessItem[] = [];
  // The qualification answers (the intake's; re-answered from the hub's button): given once checked.
  items.push({
    key: 'eligibility',
    seedNo: null,
    title: MCHCH_SECTION_TITLES.eligibility,
    short: MCHCH_SECTION_TITLES.eligibility,
    required: true,
    done: Boolean(data.eligibility?.asOf),
    none: false,
    count: 0,
  });
  items.push({
    key: 'applicant',
    seedNo: null,
    title: MCHCH_SECTION_TITLES.applicant,
    short: MCHCH_SECTION_TITLES.applicant,
    required: true,
    done: Boolean(data.applicant?.name && data.applicant.phone),
    none: false,
    count: 0,
  });
  const fields = formFieldsFor(data.type, settings);
  const formDone = fields.filter((f) => f.required).every((f) => filled(data.form?.[f.id]));
  if (fields.length > 0) {
    items.push({
      key: 'form',
      seedNo: null,
      title: MCHCH_SECTION_TITLES.form,
      short: MCHCH_SECTION_TITLES.form,
      required: fields.some((f) => f.required),
      done: formDone,
      none: false,
      count: fields.filter((f) => filled(data.form?.[f.id])).length,
    });
  }
  const checklist = data.type ? checklistFor(data.type, settings) : [];
  for (const item of checklist) {
    // Q21: the photo of the paper form is optional once the office's fields are configured and filled.
    const required = item.key === 'applicationForm' && fields.length > 0 && formDone ? false : item.required;
    const short = item.key === 'team' && data.type === 'community' ? 'รายชื่อทีมนำการพัฒนา' : CHECKLIST_SHORT[item.key];
    items.push({ key: item.key, seedNo: item.seedNo, title: item.title, short, required, ...itemState(data, item.key, required) });
  }
  const blocking = items.filter((i) => i.required && !i.done);
  const warnings: string[] = [];
  for (const i of items) {
    if (i.none && i.done && isDocumentKey(i.key)) warnings.push(`แจ้งว่าไม่มี "${i.short}"`);
  }
  const since = data.type === 'leader' ? data.eligibility?.residentSince : undefined;
  if (today && since && fullYears(since, today) < 1) warnings.push(MCHCH_REASONS.residency.rule);
  return { items, blocking, warnings, ready: data.type !== undefined && blocking.length === 0 };
}
