// Test helpers for bookings: tapping the buttons a step draws inside its Flex messages (the harness
// taps quick replies), walking a person through the booking flow, and reading the bookings table.
import { and, eq } from 'drizzle-orm';
import type { messagingApi } from '@line/bot-sdk';
import { bookings, outbox } from '../../src/db/schema';
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

export function bookingsOf(t: TestBot, userId: string) {
  return t.db.select().from(bookings).where(eq(bookings.userId, userId)).all();
}

export function takenIn(t: TestBot, serviceId: string, date: string, start: string): number {
  return t.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.serviceId, serviceId), eq(bookings.slotDate, date), eq(bookings.slotStart, start), eq(bookings.status, 'booked')))
    .all().length;
}

export function outboxRows(t: TestBot, purpose?: string) {
  const rows = t.db.select().from(outbox).all();
  return purpose ? rows.filter((r) => r.purpose === purpose) : rows;
}
