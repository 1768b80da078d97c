// A round's มชช. applications for the district office (reference groups-and-standards.md §4.3): one
// folder per application, `<reference>/summary.pdf` (./pack.ts) and its documents as the applicant
// sent them (`<seedNo or key>-<short title>-<n>.<ext>`), plus `index.csv` (UTF-8 with BOM: reference,
// type, name, status, documents complete?) and, when asked, one .zip of it all (fflate, already
// pdfkit's dependency). Drafts never go out. Exports are personal data: files are written for the
// owner only (0600, folders 0700), and nothing here logs a name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentPath } from '../attachments/files';
import { mchchKind, MCHCH_STATUSES, type MchchStatus } from '../cases/kinds/mchch';
import { historyOf } from '../cases/store';
import type { AttachmentRow, CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { csvCell, UTF8_BOM } from '../booking/csv';
import type { OfficeProfile } from '../office/profile';
import { CHECKLIST_SHORT, DOCUMENT_KEYS, TYPE_TITLES, documentSlot, type DocumentKey, type MchchData } from './data';
import { checklistOf, documentsComplete, renderApplicationPdf, type PackAttachment } from './pack';
import { mchchCasesOfRound, mchchDataOf } from './store';

/**
 * What goes out by default: what the office has accepted or the applicant has prepared, and every later
 * step — every status but those still with the applicant or the office's intake, and those withdrawn
 * or refused by the office (the kind's list, so a status added there is exported unless named here).
 */
const NOT_EXPORTED_BY_DEFAULT: readonly MchchStatus[] = ['draft', 'submitted', 'needs_info', 'resubmitted', 'rejected_local', 'withdrawn'];
export const DEFAULT_EXPORT_STATUSES: readonly MchchStatus[] = MCHCH_STATUSES.filter((s) => !NOT_EXPORTED_BY_DEFAULT.includes(s));

/** The statuses a caller may ask for: any but draft (an unfinished application is not sent anywhere). */
export const EXPORTABLE_STATUSES: readonly MchchStatus[] = MCHCH_STATUSES.filter((s) => s !== 'draft');

/** The case's bound attachments with their content read from disk (absent when the file is gone). */
export async function attachmentsOfCase(db: Sql, dir: string, office: string, caseId: number): Promise<(PackAttachment & { row: AttachmentRow })[]> {
  const rows = await db.all<AttachmentRow>(q`SELECT * FROM attachments WHERE office_id = ${office} AND case_id = ${caseId} AND slot IS NOT NULL ORDER BY id`);
  return Promise.all(
    rows.map(async (row) => {
      try {
        return { row, content: await fs.readFile(contentPath(dir, office, row.sha256)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return { row };
      }
    }),
  );
}

/** One application's pack from the database: its attachments (read from `dir`) and history loaded. */
export async function casePackPdf(db: Sql, dir: string, profile: OfficeProfile, c: CaseRow, now: Date): Promise<Buffer> {
  const attachments = await attachmentsOfCase(db, dir, profile.id, c.id);
  return renderApplicationPdf(c, mchchDataOf(c), attachments, profile, now, await historyOf(db, profile.id, c.id));
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A file or folder name that every system takes ("บันทึกการประชุม/มติ" → "บันทึกการประชุม-มติ"). */
export function safeName(name: string): string {
  return name.replace(UNSAFE, '-').trim();
}

/** `<seedNo or key>-<short title>-<n>.<ext>`, e.g. "๑.๓-สำเนาทะเบียนบ้าน-2.png". */
export function attachmentFileName(seedNo: string | null, key: DocumentKey, n: number, mime: string): string {
  return safeName(`${seedNo ?? key}-${CHECKLIST_SHORT[key]}-${n}.${EXT[mime] ?? 'bin'}`);
}

/** The files of one application's folder: summary.pdf first, then the documents in checklist order. */
export async function applicationFiles(
  db: Sql,
  dir: string,
  profile: OfficeProfile,
  c: CaseRow,
  data: MchchData,
  now: Date,
): Promise<{ files: { name: string; content: Buffer }[]; missingFiles: number }> {
  const attachments = await attachmentsOfCase(db, dir, profile.id, c.id);
  const history = await historyOf(db, profile.id, c.id);
  const files = [{ name: 'summary.pdf', content: await renderApplicationPdf(c, data, attachments, profile, now, history) }];
  const byId = new Map(attachments.map((a) => [a.row.id, a]));
  let missingFiles = 0;
  const items = data.type ? checklistOf(data.type, profile.mchch) : [];
  for (const item of items) {
    if (!(DOCUMENT_KEYS as readonly string[]).includes(item.key)) continue;
    const key = item.key as DocumentKey;
    const pages = (data[key]?.pages ?? []).map((id) => byId.get(id)).filter((a) => a !== undefined && a.row.slot === documentSlot(key));
    pages.forEach((a, i) => {
      if (!a!.content) missingFiles++;
      else files.push({ name: attachmentFileName(item.seedNo, key, i + 1, a!.row.mime), content: a!.content });
    });
  }
  return { files, missingFiles };
}

export interface ExportOptions {
  roundId: string;
  /** The folder to write (must not exist or be empty). */
  out: string;
  statuses?: readonly string[];
  zip?: boolean;
  now: Date;
}

export interface ExportResult {
  applications: number;
  files: number;
  /** Documents whose file is gone from disk (listed in the PDF as missing). */
  missingFiles: number;
  folder: string;
  zip?: string;
}

export class ExportError extends Error {}

/** Write the round's applications (see the top of this file). */
export async function exportRound(db: Sql, attachmentsDir: string, profile: OfficeProfile, options: ExportOptions): Promise<ExportResult> {
  const statuses = options.statuses ?? DEFAULT_EXPORT_STATUSES;
  const unknown = statuses.filter((s) => !(EXPORTABLE_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new ExportError(`สถานะที่ส่งออกไม่ได้: ${unknown.join(', ')} (ได้: ${EXPORTABLE_STATUSES.join(', ')})`);
  if (!profile.mchch.rounds.some((r) => r.id === options.roundId)) {
    const known = profile.mchch.rounds.map((r) => r.id).join(', ') || 'ไม่มี';
    throw new ExportError(`ไม่พบรอบ "${options.roundId}" ในข้อมูลสำนักงาน ${profile.id} (รอบที่มี: ${known})`);
  }
  const existing = await fs.readdir(options.out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) throw new ExportError(`โฟลเดอร์ ${options.out} มีไฟล์อยู่แล้ว กรุณาระบุ --out เป็นโฟลเดอร์ใหม่`);
  await fs.mkdir(options.out, { recursive: true, mode: 0o700 });

  const cases = await mchchCasesOfRound(db, profile.id, options.roundId, statuses);
  const rows = [['เลขที่อ้างอิง', 'ประเภท', 'ชื่อ', 'สถานะ', 'เอกสารครบ']];
  // Photos and PDFs are compressed already: stored as they are (level 0), the CSV deflated.
  const zipEntries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  let files = 0;
  let missingFiles = 0;
  for (const c of cases) {
    const data = mchchDataOf(c);
    const folder = safeName(c.reference ?? `case-${c.id}`);
    const written = await applicationFiles(db, attachmentsDir, profile, c, data, options.now);
    missingFiles += written.missingFiles;
    await fs.mkdir(path.join(options.out, folder), { mode: 0o700 });
    for (const f of written.files) {
      await fs.writeFile(path.join(options.out, folder, f.name), f.content, { mode: 0o600 });
      if (options.zip) zipEntries[`${folder}/${f.name}`] = [f.content, { level: 0 }];
      files++;
    }
    const status = c.status as MchchStatus;
    rows.push([
      c.reference ?? '',
      data.type ? TYPE_TITLES[data.type] : '',
      data.eligibility?.name ?? data.applicant?.name ?? '',
      mchchKind.statuses[status]?.label ?? c.status,
      documentsComplete(data, profile.mchch) && written.missingFiles === 0 ? 'ครบ' : 'ไม่ครบ',
    ]);
  }
  const csv = `${UTF8_BOM}${rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('')}`;
  await fs.writeFile(path.join(options.out, 'index.csv'), csv, { mode: 0o600 });
  const result: ExportResult = { applications: cases.length, files, missingFiles, folder: options.out };
  if (options.zip) {
    zipEntries['index.csv'] = [Buffer.from(csv, 'utf8'), { level: 6 }];
    const zipPath = `${options.out.replace(/[\\/]+$/, '')}.zip`;
    // Loaded here, on the first .zip, not with the bot.
    const { zipSync } = await import('fflate');
    await fs.writeFile(zipPath, zipSync(zipEntries, { mtime: options.now }), { mode: 0o600 });
    result.zip = zipPath;
  }
  return result;
}
