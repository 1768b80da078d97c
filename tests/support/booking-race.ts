// Many people booking few places at once: where they race (the last slots of the first open day after
// today with enough of them) and what each of them types to reach the booking summary. Shared by the
// contention benchmark and the multi-instance kill test, both of which run on the real date.
import { bookableSlots, openDays, type Slot } from '../../src/booking/schedule';
import { bangkokDateOf } from '../../src/office/clock';
import type { OfficeProfile } from '../../src/office/profile';
import { toBuddhistYear } from '../../src/thai/thai-calendar';

// Not the old-age allowance: its registration has rounds, so on many days of the year no slot of it is
// bookable at all. This service is taken any open day.
export const RACE_SERVICE = { id: 'disability', label: 'เบี้ยความพิการ' } as const;

/** The last `count` slots of the first open day after today: far enough that the lead time never interferes. */
export function raceSlots(office: OfficeProfile, count: number, now = new Date()): { date: string; slots: Slot[]; walk: (slot: Slot) => string[] } {
  const date = openDays(office, now).find((day) => day > bangkokDateOf(now) && bookableSlots(office, RACE_SERVICE.id, now, day).length >= count);
  if (!date) throw new Error('no open day with enough slots in the booking horizon');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const typedDate = `${day}/${month}/${toBuddhistYear(year)}`;
  return {
    date,
    slots: bookableSlots(office, RACE_SERVICE.id, now, date).slice(-count),
    // What a person types, answer after answer, to reach the summary of `slot` (then: ยืนยันนัด).
    walk: (slot) => ['จองคิว', RACE_SERVICE.label, typedDate, slot.start, 'ผู้ทดสอบ ระบบจองคิว', '081-234-5678'],
  };
}
