// The steps an application has gone through, as the applicant reads them in สถานะใบสมัคร (pure):
// one per history row, each with its day — the day staff gave for the step (the district's
// decision, an assessment set ahead) or else the Bangkok day it was recorded — and the note the
// applicant was told (never an internal one).
import type { CaseHistoryRow } from '../db/schema';
import { bangkokDateOf, toIso } from '../thai/calendar';

export interface TimelineStep {
  status: string;
  /** What the applicant reads for the step. */
  label: string;
  /** ISO 'YYYY-MM-DD'. */
  day: string;
  /** Whether the day was given by staff for the step (rather than the day it was recorded). */
  dayGiven: boolean;
  note?: string;
}

export const TIMELINE_SAY = { started: 'เริ่มกรอกใบสมัคร' };

/** The steps in order; `label` reads a status as the applicant does (the kind's statusFor). */
export function timelineOf(
  history: readonly Pick<CaseHistoryRow, 'fromStatus' | 'toStatus' | 'at' | 'onDate' | 'note' | 'internal'>[],
  label: (status: string) => string,
): TimelineStep[] {
  return [...history]
    .sort((a, b) => a.at - b.at)
    .map((row) => ({
      status: row.toStatus,
      label: row.fromStatus === null ? TIMELINE_SAY.started : label(row.toStatus),
      day: row.onDate ?? toIso(bangkokDateOf(new Date(row.at))),
      dayGiven: row.onDate !== null && row.onDate !== undefined,
      ...(row.note && !row.internal ? { note: row.note } : {}),
    }));
}
