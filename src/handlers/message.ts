// Message events: text goes to the conversation engine; stickers, photos, voice notes, files and
// locations get a kind answer and the current question again. Only one-to-one chats are served.
import type { webhook } from '@line/bot-sdk';
import { acceptStaffInvitation, staffAgendaByText } from '../flows/staff';
import type { Input } from '../flows/types';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

export const messageHandler: EventHandler<webhook.MessageEvent> = {
  async handle(event, { tx, now, engine, services }) {
    const userId = userIdOf(event);
    if (!userId) return [];
    await markActive(tx, services.office.id, userId, now.getTime());
    // The door checks only what every event needs: a message event may still lack its message, or
    // a text message its text. Those are answered like media (a kind word), never thrown.
    const message = event.message as { type?: unknown; text?: unknown } | undefined;
    const input: Input =
      message?.type === 'text' && typeof message.text === 'string'
        ? { kind: 'text', text: message.text }
        : { kind: 'media', media: typeof message?.type === 'string' ? message.type : 'unknown' };
    // The staff invitation code, and a staff member asking for a day's list by date ("นัดวันที่
    // 18 ธ.ค."), are answered before the engine, whatever conversation is under way.
    const early =
      input.kind === 'text'
        ? ((await acceptStaffInvitation(tx, userId, input.text, now, services)) ?? (await staffAgendaByText(tx, userId, input.text, now, services)))
        : undefined;
    return early ?? engine.handle(tx, userId, input, now, services);
  },
};
