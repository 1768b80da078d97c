// Pieces of the office profile's schema shared by profile.ts and the settings modules it includes
// (./mchch-settings.ts), which cannot import profile.ts back.
import { z } from 'zod';
import { isIsoDate } from './clock';

/** Runs a refinement only once `schema` accepts the value, so it never sees half-valid data. */
export function whenValid(schema: z.ZodType) {
  return { when: (payload: { value: unknown }) => schema.safeParse(payload.value).success };
}

/** Years this large are Buddhist-era years typed by mistake (พ.ศ. 2400 is ค.ศ. 1857). */
export const FIRST_BUDDHIST_ERA_YEAR = 2400;

export const isoDate = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a real date as YYYY-MM-DD, e.g. "2026-12-07"' });
  } else if (Number(value.slice(0, 4)) >= FIRST_BUDDHIST_ERA_YEAR) {
    ctx.addIssue({
      code: 'custom',
      message: `${value} looks like a Buddhist-era year (พ.ศ.); write the Christian-era year (ค.ศ. = พ.ศ. − 543)`,
    });
  }
});
