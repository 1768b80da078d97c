// What the staff workspace needs to offer downloads: one function per table that reads, renders and
// audits, returning { filename, contentType, body: Buffer (xlsx) | string (CSV with a BOM), rows } to
// send as is (Content-Disposition: attachment; filename=…). Signatures at the top of each file.
export { exportBookings } from './bookings';
export { CASE_KIND_IDS, CasesExportError, exportCases, type CasesExportOptions } from './cases';
export { exportGroups, type GroupsExportFile, type GroupsExportOptions } from './groups';
export { CONTENT_TYPES, EXPORT_FORMATS, formatOfPath, type ExportActor, type ExportFile, type ExportFormat } from './table';
