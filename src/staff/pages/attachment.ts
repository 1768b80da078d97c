// GET /staff/attachments/:id — a photo or file a villager sent for a case, for staff of the same
// office only (the session middleware has already refused anyone without a session). Its stored
// bytes go out with the content type decided from its first bytes when it was received (never the
// sender's file name): JPEG, PNG and PDF inline (the case page shows them in an <img> or <iframe>),
// anything else (a member list as .xlsx or .csv) as a download under a neutral name. Never cached,
// never sniffed, framed only by the workspace's own pages. Every view is audited.
import fs from 'node:fs/promises';
import type { AttachmentRow, CaseRow } from '../../db/schema';
import { audit } from '../../db/audit';
import { q, type Sql } from '../../db/sql';
import { attachmentsIn } from '../../attachments/store';
import { contentPath } from '../../attachments/files';
import type { AnyKind } from '../../cases/kind';
import { log } from '../../log';
import type { PageModule } from '../context';

/** Shown where they are: a photo in an <img>, a PDF in an <iframe> (Chromium's viewer). */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/**
 * The attachment's own policy: nothing runs or loads except its own image (a browser showing an
 * image alone wraps it in a page of its own), the inline styles of that wrapper, and being framed
 * by the workspace's case page and nothing else.
 */
export const ATTACHMENT_CSP = ["default-src 'none'", "img-src 'self'", "style-src 'unsafe-inline'", "frame-ancestors 'self'"].join('; ');

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
};

export function attachmentPath(id: number): string {
  return `/staff/attachments/${id}`;
}

/** "attachment-12.pdf":  the sender's file name is personal data and never leaves in a header. */
function downloadName(a: Pick<AttachmentRow, 'id' | 'mime'>): string {
  return `attachment-${a.id}.${EXTENSION[a.mime] ?? 'bin'}`;
}

/**
 * The attachments staff see on a case: the pages its data holds when the kind can say (a document
 * sent again replaces its old pages, which stay bound to the case), else every attachment bound to
 * it — as the LINE card counts them (src/cases/actions.ts staffFacts).
 */
export async function caseAttachments(db: Sql, kind: AnyKind, c: CaseRow): Promise<AttachmentRow[]> {
  const data = kind.data.safeParse(JSON.parse(c.data));
  const held = data.success ? kind.attachmentsOf?.(data.data) : undefined;
  if (held) return (await attachmentsIn(db, c.officeId, [...new Set(held)])).filter((a) => a.caseId === c.id);
  return db.all<AttachmentRow>(q`SELECT * FROM attachments WHERE office_id = ${c.officeId} AND case_id = ${c.id} AND slot IS NOT NULL ORDER BY id`);
}

export const attachmentPage: PageModule = (app, deps) => {
  app.get('/attachments/:id', async (c) => {
    const staff = c.get('staff');
    const id = /^[1-9]\d{0,11}$/.test(c.req.param('id')) ? Number(c.req.param('id')) : undefined;
    const [row] = id === undefined ? [] : await attachmentsIn(deps.db, staff.office.id, [id]);
    // Only what a turn accepted for a document (an attachment no step took is nobody's record).
    if (!row || row.slot === null) return c.text('ไม่พบเอกสารนี้ค่ะ', 404);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(contentPath(deps.attachmentsDir, staff.office.id, row.sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      log.warn('attachment content missing', { attachment: row.id });
      return c.text('ไม่พบไฟล์ของเอกสารนี้ค่ะ', 404);
    }
    await audit(deps.db, staff.office.id, { actor: staff.userId, action: 'attachment.view', target: `attachment:${row.id}`, ...(row.caseId !== null ? { detail: `case:${row.caseId}` } : {}) }, deps.now().getTime());
    const inline = INLINE_TYPES.has(row.mime);
    c.header('Content-Type', inline ? row.mime : 'application/octet-stream');
    c.header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${downloadName(row)}"`);
    c.header('Content-Security-Policy', ATTACHMENT_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Length', String(bytes.length));
    return c.body(new Uint8Array(bytes));
  });
};
