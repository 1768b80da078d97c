// The staff's day list stays within LINE's limits however busy the day: at most five messages, each
// valid, and a count of the visits that did not fit rather than a cut-off list.
import { describe, expect, it } from 'vitest';
import { agendaMessages } from '../../src/booking/staff-messages';
import type { BookingRow } from '../../src/db/schema';
import { checkMessages } from '../../src/line/limits';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile } from '../../src/office/profile';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);

function visits(count: number): BookingRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    officeId: 'default',
    code: `C${String(i).padStart(5, '0')}`,
    userId: `U${i}`,
    serviceId: 'elderly',
    slotDate: '2026-11-24',
    slotStart: '09:00',
    startsAt: Date.parse('2026-11-24T02:00:00Z'),
    name: `ผู้สูงอายุ ทดสอบยาวพอสมควร คนที่ ${i + 1}`,
    phone: '0812345678',
    forWhom: null,
    status: 'booked' as const,
    createdAt: 0,
    updatedAt: 0,
    cancelledAt: null,
    attendance: null,
    attendanceBy: null,
    attendanceAt: null,
  }));
}

describe('agendaMessages', () => {
  it.each([0, 1, 60, 140])('lists %i visits in full within five valid messages', (count) => {
    const messages = agendaMessages(office, '2026-11-24', visits(count), '2026-11-23');
    expect(messages.length).toBeLessThanOrEqual(5);
    expect(checkMessages(messages)).toEqual([]);
    const listed = JSON.stringify(messages).match(/คนที่ \d+/g) ?? [];
    expect(listed).toHaveLength(count);
  });

  it('counts what does not fit instead of cutting the list off silently', () => {
    const messages = agendaMessages(office, '2026-11-24', visits(400), '2026-11-23');
    expect(messages).toHaveLength(5);
    expect(checkMessages(messages)).toEqual([]);
    const shown = (JSON.stringify(messages).match(/คนที่ \d+/g) ?? []).length;
    const last = messages.at(-1) as { text: string };
    expect(last.text).toContain(`…และอีก ${400 - shown} นัด`);
  });

  it('names a closed day', () => {
    const [card] = agendaMessages(office, '2026-11-28', [], '2026-11-23');
    expect(JSON.stringify(card)).toContain('สำนักงานปิด');
    expect(JSON.stringify(card)).toContain('ยังไม่มีนัดค่ะ');
  });
});
