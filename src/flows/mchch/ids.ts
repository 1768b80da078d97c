// The names the มชช. conversations call each other by (one place, so the intake, the application's
// hub, its sections, the staff buttons and the pushes agree). Each conversation working on an
// application carries its case id as the parameter `c`; a section ends by going back to the hub.
//
//   mchch              intake: intro, the round's window (closed → subscribe), the type, the
//                      qualifications (not yet → the reason and the fix), consent; creates the draft,
//                      then hands over to the hub. params { c? }                      entry mchch
//   mchch_app          the application's hub: the type's checklist ✓/✗, review, send (by the round's
//                      mode), withdraw; in needs_info only the reopened sections. params { c, s? }
//                                                                                     entry mchch-app
//   mchch_doc          one document slot: photos in order or a PDF, or "ไม่มีเอกสารนี้" when optional.
//                      params { c, k: DocumentKey }; hidden entry mchch-doc
//   mchch_team         the team (ทีมพัฒนา / ทีมนำการพัฒนา) or the advisers. params { c, k: 'team' | 'advisers' }
//   mchch_form         the office's ใบสมัคร fields (profile mchch.form.fields). params { c }
//   mchch_applicant    the applicant's name, phone (and address, role). params { c }
//   entries: mchch-status (สถานะใบสมัคร), mchch-handed-in (ยื่นที่อำเภอแล้ว, params { c, v }),
//            mchch-subscribe (แจ้งเตือนรอบหน้า)
import type { ChecklistKey, MchchSection } from '../../mchch/data';

export const MCHCH_FLOWS = {
  intake: 'mchch',
  hub: 'mchch_app',
  doc: 'mchch_doc',
  list: 'mchch_team',
  form: 'mchch_form',
  applicant: 'mchch_applicant',
} as const;

export const MCHCH_ENTRIES = {
  intake: 'mchch',
  hub: 'mchch-app',
  doc: 'mchch-doc',
  list: 'mchch-team',
  form: 'mchch-form',
  applicant: 'mchch-applicant',
  status: 'mchch-status',
  handedIn: 'mchch-handed-in',
  subscribe: 'mchch-subscribe',
} as const;

/** The hub's parameters: the case, and optionally the section to open at once (a push's button). */
export function mchchHubParams(caseId: number, section?: MchchSection | ChecklistKey): Record<string, string> {
  return section ? { c: String(caseId), s: section } : { c: String(caseId) };
}
