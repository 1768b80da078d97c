// The names the groups conversations call each other by (one place, so the hub, the formation guide,
// the staff buttons and the pushes agree). Every group conversation carries the case it works on as
// the parameter `c` (the case id); a section conversation ends by going back to the hub.
//
//   grp_form                    the formation guide (10 steps), params { c? }       entry group-form
//   grp_sub                     the hub: ✓/✗ per section, review, send, params { c?, s? }  entry group-submit
//   grp_sub_<section>           one section (profile, members, committee, rules, funds, bank, minutes),
//                               params { c }; ends with { end: [...], then: { flow: 'grp_sub', params: { c } } };
//                               each has a hidden entry GROUP_ENTRIES.section(s) (keywords []) so buttons can open it
//   grp_report / grp_update     a registered group's activity report / member or committee change
import type { GroupSection } from '../../groups/sections';

export const GROUP_FLOWS = {
  form: 'grp_form',
  hub: 'grp_sub',
  section: (s: GroupSection) => `grp_sub_${s}`,
  report: 'grp_report',
  update: 'grp_update',
} as const;

export const GROUP_ENTRIES = {
  form: 'group-form',
  submit: 'group-submit',
  /** Staff: the cases waiting (เรื่องรอตรวจ). */
  queue: 'case-queue',
  report: 'group-report',
  update: 'group-update',
  /** The applicant's own cases and their status (สถานะเรื่อง). */
  myCases: 'my-cases',
  /** Hidden entries, one per section flow (postback.go(GROUP_ENTRIES.section(s), { c })): the hub's buttons and pushes' buttons. */
  section: (s: GroupSection) => `group-section-${s}`,
} as const;

/** The hub's parameters: the case, and optionally the section to open at once (a push's button). */
export function hubParams(caseId: number, section?: GroupSection): Record<string, string> {
  return section ? { c: String(caseId), s: section } : { c: String(caseId) };
}
