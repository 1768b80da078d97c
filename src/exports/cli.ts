// What the export CLIs share: --format xlsx|csv (default from --out's extension, CSV without --out)
// and writing what an export returned to the file or to standard output. An .xlsx is bytes a
// terminal cannot show, so it needs --out.
import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, formatOfPath, type ExportFile, type ExportFormat } from './table';

export class UsageError extends Error {}

export const FORMAT_USAGE = '--format xlsx|csv (ไม่ระบุ = ตามนามสกุลของไฟล์ --out; ไม่มี --out = csv)';

export function formatOption(format: string | undefined, out: string | undefined): ExportFormat {
  if (format === undefined) return out === undefined ? 'csv' : formatOfPath(out);
  const asked = format.toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(asked)) throw new UsageError(`--format ต้องเป็น xlsx หรือ csv (ได้ "${format}")`);
  if (asked === 'xlsx' && out === undefined) throw new UsageError('--format xlsx ต้องระบุ --out ด้วย (ไฟล์ Excel แสดงบนหน้าจอไม่ได้)');
  return asked as ExportFormat;
}

/** The file to --out, or the CSV to standard output. */
export function writeExport(file: ExportFile, out: string | undefined): void {
  if (out === undefined) process.stdout.write(file.body);
  else writeFileSync(out, file.body);
}
