// Set-up for the pack and export tests: real PNG photos of documents stored as the app stores them
// (content on disk by its hash, an attachments row bound to the case's slot), a leader's complete
// application with one photo per document, the profile the PDF reads, and the poppler tools.
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { bindAttachment, recordAttachment } from '../../src/attachments/store';
import { storeContent } from '../../src/attachments/files';
import { attachmentsOfCase } from '../../src/mchch/export';
import { DEFAULT_CHECKLISTS, documentSlot, type DocumentKey, type MchchData, type MchchType } from '../../src/mchch/data';
import { mchchSettingsSchema } from '../../src/office/mchch-settings';
import { loadOfficeProfile, type OfficeProfile } from '../../src/office/profile';
import { clock, Person, type TestBot } from '../support/harness';
import { applicantWithDraft, completeData, OFFICE } from './helpers';
import { ROUND_2562 } from './fixtures';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG: a coloured page with dark stripes (a stand-in for a photographed document). */
export function documentPng(seed: number, width = 120, height = 160): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const stripe = y % 20 < 3 && x > 10 && x < width - 10;
      row[1 + x * 3] = stripe ? 30 : (200 + seed * 13) % 256;
      row[2 + x * 3] = stripe ? 30 : (180 + seed * 29) % 256;
      row[3 + x * 3] = stripe ? 30 : 230;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let messages = 0;
/** Store a file as the app does (content by hash, a row), not yet bound: its attachment id. */
export async function storeFile(t: TestBot, userId: string, content: Buffer, mime: string): Promise<number> {
  const sha256 = await storeContent(t.config.attachments.dir, OFFICE, content);
  const row = await recordAttachment(t.db, OFFICE, { messageId: `pack-${++messages}-${Date.now()}`, userId, sha256, mime, bytes: content.length }, clock.now().getTime());
  return row.id;
}

/**
 * An applicant's draft of `type` with everything it needs, each document its own photo(s) (the
 * house registration two pages; `pdfFor` a PDF file instead), bound to the case's slots.
 */
export async function applicationWithFiles(t: TestBot, type: MchchType = 'leader', opts: { pdfFor?: DocumentKey; change?: (d: MchchData) => MchchData } = {}) {
  const person = new Person(t);
  const data = completeData(type, []);
  const bound: { id: number; key: DocumentKey }[] = [];
  let seed = 0;
  for (const item of DEFAULT_CHECKLISTS[type]) {
    if (item.key === 'team' || item.key === 'advisers') continue;
    const key = item.key;
    const count = key === 'houseRegistration' ? 2 : 1;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = opts.pdfFor === key ? await storeFile(t, person.userId, MINIMAL_PDF, 'application/pdf') : await storeFile(t, person.userId, documentPng(++seed), 'image/png');
      ids.push(id);
      bound.push({ id, key });
    }
    data[key] = { pages: ids, none: false };
  }
  const { caseId } = await applicantWithDraft(t, opts.change ? opts.change(data) : data, person);
  for (const b of bound) await bindAttachment(t.db, OFFICE, b.id, person.userId, documentSlot(b.key), caseId);
  return { person, caseId, attachments: () => attachmentsOfCase(t.db, t.config.attachments.dir, OFFICE, caseId) };
}

/** The office profile the test bot uses, with ROUND_2562 (and these มชช. settings). */
export function packProfile(t: TestBot, settings: Record<string, unknown> = {}): OfficeProfile {
  return { ...loadOfficeProfile(t.config.officeConfigPath), mchch: mchchSettingsSchema.parse({ rounds: [ROUND_2562], ...settings }) };
}

/** Whether a command-line tool is on this machine. */
export function hasTool(name: string, args = ['-v']): boolean {
  try {
    execFileSync(name, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
