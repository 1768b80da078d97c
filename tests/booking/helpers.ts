// Test helpers for bookings: tapping the buttons a step draws inside its Flex messages (the harness
// taps quick replies), walking a person through the booking flow, and reading the bookings table.
import type { messagingApi } from '@line/bot-sdk';
import type { BookingRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import type { Person, TestBot } from '../support/harness';

type Message = messagingApi.Message;

export interface FlexButton {
  label: string;
  action: messagingApi.Action & { label?: string; data?: string; uri?: string };
}

/** Every button inside the Flex messages, in document order. */
export function flexButtons(messages: Message[]): FlexButton[] {
  const found: FlexButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'button') {
      const action = record.action as FlexButton['action'];
      found.push({ label: action.label ?? '', action });
    }
    Object.values(record).forEach(walk);
  };
  messages.filter((m) => m.type === 'flex').forEach((m) => walk((m as messagingApi.FlexMessage).contents));
  return found;
}

export function flexLabels(messages: Message[]): string[] {
  return flexButtons(messages).map((b) => b.label);
}

/** Tap the Flex button whose label starts with `label` on the person's last messages. */
export function tapFlex(person: Person, label: string): Promise<Message[]> {
  const button = flexButtons(person.lastMessages()).find((b) => b.label.startsWith(label));
  if (!button?.action.data) throw new Error(`no Flex button "${label}"; have: ${flexLabels(person.lastMessages()).join(' | ')}`);
  return person.postback(button.action.data);
}

export interface Walk {
  service?: string;
  /** Label start of the day button, e.g. "วันอังคารที่ 24 พ.ย. 2569". */
  day?: string;
  time?: string;
  name?: string;
  phone?: string;
}

export const DEFAULT_WALK = {
  service: 'เบี้ยผู้สูงอายุ',
  day: 'วันอังคารที่ 24 พ.ย. 2569',
  time: '09:00',
  name: 'สมศรี ใจดี',
  phone: '081-234-5678',
} as const;

/** From nothing to the summary with the confirm button, answering each question the usual way. */
export async function walkToConfirm(person: Person, walk: Walk = {}): Promise<Message[]> {
  const w = { ...DEFAULT_WALK, ...walk };
  await person.say('จองคิว');
  await person.tap(w.service);
  await tapFlex(person, w.day);
  await tapFlex(person, w.time);
  await person.say(w.name);
  return person.say(w.phone);
}

export async function book(person: Person, walk: Walk = {}): Promise<Message[]> {
  await walkToConfirm(person, walk);
  return person.tap('ยืนยันนัด');
}

/** Move the person's first upcoming visit through "นัดหมายของฉัน". */
export async function moveFirst(person: Person, day: string, time: string): Promise<Message[]> {
  await person.say('นัดหมายของฉัน');
  await tapFlex(person, 'เลื่อนนัด');
  await tapFlex(person, day);
  await tapFlex(person, time);
  return person.tap('ยืนยันนัด');
}

/** Cancel the person's first upcoming visit through "นัดหมายของฉัน". */
export async function cancelFirst(person: Person): Promise<Message[]> {
  await person.say('นัดหมายของฉัน');
  await tapFlex(person, 'ยกเลิกนัด');
  return person.tap('ยืนยันยกเลิกนัด');
}

export function bookingsOf(t: TestBot, userId: string): Promise<BookingRow[]> {
  return t.db.all<BookingRow>(q`SELECT * FROM bookings WHERE user_id = ${userId} ORDER BY id`);
}

export async function takenIn(t: TestBot, serviceId: string, date: string, start: string): Promise<number> {
  const rows = await t.db.all(q`
    SELECT id FROM bookings WHERE service_id = ${serviceId} AND slot_date = ${date} AND slot_start = ${start} AND status = 'booked'`);
  return rows.length;
}

export async function outboxRows(t: TestBot, purpose?: string): Promise<OutboxRow[]> {
  const rows = await t.db.all<OutboxRow>(q`SELECT * FROM outbox ORDER BY id`);
  return purpose ? rows.filter((r) => r.purpose === purpose) : rows;
}
