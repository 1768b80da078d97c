// What a file is, by its first bytes — a table, whatever the name or content type it came with.
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/attachments/kinds';

const zipWith = (entry: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from(entry), Buffer.alloc(20)]);

describe('detectKind', () => {
  it.each([
    ['a JPEG photo', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0x10]), 'image', 'image/jpeg'],
    ['a PNG picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image', 'image/png'],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n'), 'pdf', 'application/pdf'],
    ['an Excel workbook (a ZIP with xl/workbook.xml)', zipWith('xl/workbook.xml'), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['a UTF-8 CSV with a BOM and Thai names', Buffer.from('\uFEFFชื่อ,เบอร์\r\nสมศรี,0812345678\r\n'), 'csv', 'text/csv'],
    ['a Windows-874 CSV (Thai bytes, not UTF-8)', Buffer.from([0xaa, 0xd7, 0xe8, 0xcd, 0x2c, 0x31, 0x0d, 0x0a]), 'csv', 'text/csv'],
  ])('%s', (_, bytes, kind, mime) => {
    expect(detectKind(bytes)).toEqual({ kind, mime });
  });

  it.each([
    ['a Windows program', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])],
    ['a Word file (a ZIP with word/)', zipWith('word/document.xml')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00')],
    ['an empty file', Buffer.alloc(0)],
    ['text with control bytes', Buffer.from('abc\x01def')],
  ])('takes nothing else: %s', (_, bytes) => {
    expect(detectKind(bytes)).toBeUndefined();
  });
});
