// Message events: text goes to the conversation engine; stickers, photos, voice notes, files and
// locations get a kind answer and the current question again. Only one-to-one chats are served.
import type { webhook } from '@line/bot-sdk';
import { acceptStaffInvitation, staffAgendaByText } from '../flows/staff';
import type { Input } from '../flows/types';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

export const messageHandler: EventHandler<webhook.MessageEvent> = {
  handle(event, { tx, now, engine, services }) {
    const userId = userIdOf(event);
    if (!userId) return [];
    markActive(tx, userId, now.getTime());
    const message = event.message;
    const input: Input = message.type === 'text' ? { kind: 'text', text: (message as webhook.TextMessageContent).text } : { kind: 'media', media: String(message.type) };
    // The staff invitation code, and a staff member asking for a day's list by date ("นัดวันที่
    // 18 ธ.ค."), are answered before the engine, whatever conversation is under way.
    const early =
      input.kind === 'text'
        ? (acceptStaffInvitation(tx, userId, input.text, now, services) ?? staffAgendaByText(tx, userId, input.text, now, services))
        : undefined;
    return early ?? engine.handle(tx, userId, input, now, services);
  },
};
