// The cases export: an office's cases of every kind (or one, `kind`), one row each: reference, the
// kind's title, the status's label (as staff read it), the kind's summary lines (what staff notices
// show: src/cases/kind.ts `summary`), when it was submitted and last changed. By default only cases
// that were submitted at some time (a draft is the applicant's unfinished work); `all` adds drafts.
// The summary lines hold no ID number by design; any that looks like one is masked all the same.
//
//   casesTable(rows: CaseRow[]): Table
//   exportCases(db, office: OfficeProfile, { kind?, all? }, format: 'xlsx' | 'csv',
//               { actor, now }: { actor: string; now: Date })
//     → Promise<{ filename, contentType, body: Buffer | string, rows }>
//
// An unknown kind throws CasesExportError (its message is Thai, for the user). exportCases writes one
// audit row (actor, 'export.cases', target 'cases:<kind>' or 'cases:all', detail '<rows> rows, <format>').
import { statusInfo } from '../cases/kind';
import { caseKinds, kindOf } from '../cases/kinds';
import { summaryOf } from '../cases/messages';
import { audit } from '../db/audit';
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import type { OfficeProfile } from '../office/profile';
import { formatThaiDateTime } from '../thai/date-format';
import { maskThaiId } from '../thai/id-card';
import { renderExport } from './file';
import { instantCell, text, type Column, type ExportActor, type ExportFile, type ExportFormat, type Table } from './table';

export class CasesExportError extends Error {}

const COLUMNS: Column[] = [
  { header: 'เลขที่' },
  { header: 'เรื่อง' },
  { header: 'สถานะ' },
  { header: 'สรุป' },
  { header: 'ยื่นเมื่อ', kind: 'datetime' },
  { header: 'เปลี่ยนแปลงล่าสุด', kind: 'datetime' },
];

/** 13 digits, possibly grouped by spaces or dashes, not part of a longer number. */
const ID_LIKE = /(?<!\d)\d(?:[ -]?\d){12}(?!\d)/g;

function summaryText(c: CaseRow): string {
  const kind = kindOf(c.kind);
  if (kind === undefined) return '';
  return summaryOf(kind, c)
    .map(([label, value]) => `${label}: ${value}`)
    .join('; ')
    .replace(ID_LIKE, (id) => maskThaiId(id));
}

function instant(at: number | null): ReturnType<typeof instantCell> {
  return instantCell(at, at === null ? '' : formatThaiDateTime(new Date(at)));
}

export function casesTable(rows: readonly CaseRow[]): Table {
  return {
    name: 'เรื่อง',
    columns: COLUMNS,
    rows: rows.map((c) => {
      const kind = kindOf(c.kind);
      return [
        text(c.reference ?? ''),
        text(kind?.title ?? c.kind),
        text(kind ? statusInfo(kind, c.status).label : c.status),
        text(summaryText(c)),
        instant(c.submittedAt === null ? null : Number(c.submittedAt)),
        instant(Number(c.updatedAt)),
      ];
    }),
  };
}

export interface CasesExportOptions {
  /** One kind (its id, e.g. 'group', 'mchch'); default every kind. */
  kind?: string;
  /** Drafts too (cases never submitted); default only cases submitted at some time. */
  all?: boolean;
}

/** The kinds one may name, for the usage and the refusal. */
export const CASE_KIND_IDS = Object.keys(caseKinds);

async function casesOf(db: Sql, office: string, options: CasesExportOptions): Promise<CaseRow[]> {
  const rows =
    options.kind === undefined
      ? await db.all<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office}`)
      : await db.all<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office} AND kind = ${options.kind}`);
  const at = (c: CaseRow) => (c.submittedAt === null ? Number.POSITIVE_INFINITY : Number(c.submittedAt));
  return rows.filter((c) => options.all || c.submittedAt !== null).sort((a, b) => at(a) - at(b) || a.id - b.id);
}

export async function exportCases(db: Sql, office: OfficeProfile, options: CasesExportOptions, format: ExportFormat, by: ExportActor): Promise<ExportFile> {
  if (options.kind !== undefined && kindOf(options.kind) === undefined) {
    throw new CasesExportError(`ไม่มีเรื่องประเภท "${options.kind}" ค่ะ (มี: ${CASE_KIND_IDS.join(', ')})`);
  }
  const rows = await casesOf(db, office.id, options);
  const scope = options.kind ?? 'all';
  const file = await renderExport([casesTable(rows)], format, `cases-${scope}${options.all ? '-with-drafts' : ''}`);
  await audit(db, office.id, { actor: by.actor, action: 'export.cases', target: `cases:${scope}`, detail: `${file.rows} rows, ${format}${options.all ? ', drafts too' : ''}` }, by.now.getTime());
  return file;
}
