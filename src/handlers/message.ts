// Message events: text goes to the conversation engine; a photo or file at a step that asks for a
// document is downloaded before the turn (prepare) and goes to the engine as an attachment;
// stickers, voice notes, locations, and photos where none is asked get a kind answer and the current
// question again. Only one-to-one chats are served.
import type { webhook } from '@line/bot-sdk';
import { receiveAttachment } from '../attachments/receive';
import type { ImageSet, ReceivedAttachment } from '../attachments/types';
import { acceptStaffInvitation, staffAgendaByText } from '../flows/staff';
import type { Input } from '../flows/types';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

/** The fields of an image or file message the download needs, read defensively (the door checks little). */
function contentOf(event: webhook.MessageEvent) {
  const message = event.message as {
    id?: unknown;
    type?: unknown;
    fileName?: unknown;
    fileSize?: unknown;
    imageSet?: { id?: unknown; index?: unknown; total?: unknown };
    contentProvider?: { type?: unknown };
  };
  if ((message?.type !== 'image' && message?.type !== 'file') || typeof message.id !== 'string') return undefined;
  const set = message.imageSet;
  const imageSet: ImageSet | undefined =
    set && typeof set.id === 'string' && Number.isInteger(set.index) && Number.isInteger(set.total) && (set.total as number) >= 1
      ? { id: set.id, index: set.index as number, total: set.total as number }
      : undefined;
  return {
    messageId: message.id,
    type: message.type as 'image' | 'file',
    ...(typeof message.fileName === 'string' && { fileName: message.fileName }),
    ...(typeof message.fileSize === 'number' && { fileSize: message.fileSize }),
    ...(imageSet && { imageSet }),
    ...(typeof message.contentProvider?.type === 'string' && { provider: message.contentProvider.type }),
  };
}

export const messageHandler: EventHandler<webhook.MessageEvent, ReceivedAttachment | undefined> = {
  // Text, stickers and the like go straight to the turn: only a photo or file may need a download.
  needsPrepare: (event) => contentOf(event) !== undefined,

  // Only where the user's current step asks for a document (one cheap read), so photos and stickers
  // elsewhere cost no download.
  async prepare(event, { line, db, engine, services, now, attachments, lastAttempt }) {
    const userId = userIdOf(event);
    const content = contentOf(event);
    if (!userId || !content) return undefined;
    const request = await engine.documentAsked(db, userId, now, services);
    if (!request) return undefined;
    const office = services.office.id;
    return receiveAttachment({ ...content, userId }, request, { db, line, office, settings: attachments, now: now.getTime(), lastAttempt });
  },

  async handle(event, { tx, now, engine, services }, received) {
    const userId = userIdOf(event);
    if (!userId) return [];
    await markActive(tx, services.office.id, userId, now.getTime());
    // The door checks only what every event needs: a message event may still lack its message, or
    // a text message its text. Those are answered like media (a kind word), never thrown.
    const message = event.message as { type?: unknown; text?: unknown } | undefined;
    const input: Input = received
      ? { kind: 'attachment', attachment: received }
      : message?.type === 'text' && typeof message.text === 'string'
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
