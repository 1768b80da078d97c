// What a file is, from its first bytes — never from the name the sender gave it (a program renamed
// "form.pdf" is still a program).
import type { DocumentKind } from './types';

export interface Detected {
  kind: DocumentKind;
  mime: string;
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": a ZIP, which an .xlsx workbook is

const startsWith = (bytes: Buffer, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * Plain text (a CSV): no NUL or other control bytes than tab, line feed, form feed and carriage
 * return (and the old DOS end-of-file mark). Thai CSVs from Excel may be UTF-8 or Windows-874, so
 * the encoding is left to whoever reads the rows.
 */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a) || b === 0x0b || b === 0x7f) return false;
  }
  return true;
}

export const MIME: Record<DocumentKind, string> = {
  image: 'image/jpeg',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The kind of a file, or undefined for anything the bot does not take (programs, Word files, videos…). */
export function detectKind(bytes: Buffer): Detected | undefined {
  if (startsWith(bytes, JPEG)) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(bytes, PNG)) return { kind: 'image', mime: 'image/png' };
  if (startsWith(bytes, PDF)) return { kind: 'pdf', mime: MIME.pdf };
  // A ZIP is a workbook when its entries live under xl/ (a Word file's live under word/); the entry
  // names are stored uncompressed in the archive.
  if (startsWith(bytes, ZIP)) return bytes.includes('xl/workbook') ? { kind: 'xlsx', mime: MIME.xlsx } : undefined;
  if (isPlainText(bytes)) return { kind: 'csv', mime: MIME.csv };
  return undefined;
}
