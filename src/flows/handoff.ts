// "คุยกับเจ้าหน้าที่" (issue 12 point 5): the villager writes a message, a hand-off opens, every staff
// member gets a push with ตอบ and ปิดเรื่อง. While it is open the engine hands every message here
// (handoffTurn) instead of to the flows; "จบการคุย" ends it. Staff answer with a short staff-only flow.
import { forgetUnbound } from '../attachments/store';
import { addVillagerMessage, answerHandoff, closeHandoff, openHandoff } from '../handoff/actions';
import {
  END_WORD,
  HANDOFF_ENTRIES,
  HANDOFF_SAY,
  buttonWhileOpenMessages,
  forwardedMessages,
  mediaMarker,
  openedMessages,
} from '../handoff/messages';
import { findHandoff, messagesOf, openHandoffOf } from '../handoff/store';
import { postbackAction, quickItem, text, type Message } from '../line/messages';
import { keywordKey } from '../thai/normalize';
import { parsePostback, postback } from './postback';
import type { Entry, Flow, FlowContext, Input } from './types';

export const HANDOFF_FLOWS = { open: 'handoff', answer: 'handoff-answer' } as const;

/** Longest message kept (a LINE text holds 5,000; the push to staff shows the latest part). */
const MAX_TEXT = 2000;

const menuItem = () => quickItem(postbackAction('เมนู', postback.command('menu')));
const END_KEYS = [END_WORD, 'จบการสนทนา', 'เลิกคุย', 'จบคุย'].map(keywordKey);

export const handoffEntry: Entry = {
  id: HANDOFF_ENTRIES.open,
  menuLabel: 'คุยกับเจ้าหน้าที่',
  menuOrder: 79,
  keywords: ['คุยกับเจ้าหน้าที่', 'ขอคุยกับคน', 'ติดต่อคน', 'ขอคุยกับเจ้าหน้าที่', 'คุยกับคน'],
  flow: HANDOFF_FLOWS.open,
};

export const handoffFlow: Flow = {
  id: HANDOFF_FLOWS.open,
  version: 1,
  title: 'คุยกับเจ้าหน้าที่',
  start: () => ({ step: 'message' }),
  steps: {
    message: {
      ask: () => ({ messages: [text(HANDOFF_SAY.askMessage)], acceptsText: true }),
      accept: (reply) => {
        const typed = reply.text?.trim();
        if (!typed) return { ok: false, reason: HANDOFF_SAY.typeWords };
        return { ok: true, value: typed.slice(0, MAX_TEXT) };
      },
      next: async (ctx) => {
        await openHandoff(ctx.tx, ctx.services.office.id, ctx.userId, String(ctx.answers.message), ctx.now);
        return { end: openedMessages(ctx.services.office, ctx.now) };
      },
    },
  },
};

/** "จบการคุย" with nothing open (an old button): said so, with the menu. */
export const handoffEndEntry: Entry = {
  id: HANDOFF_ENTRIES.end,
  keywords: [END_WORD],
  respond: () => [text(HANDOFF_SAY.notOpen, [menuItem()])],
};

export const handoffAnswerEntry: Entry = {
  id: HANDOFF_ENTRIES.answer,
  staffOnly: true,
  keywords: [],
  flow: HANDOFF_FLOWS.answer,
};

export const handoffAnswerFlow: Flow = {
  id: HANDOFF_FLOWS.answer,
  version: 1,
  title: 'ตอบผู้ติดต่อ',
  staffOnly: true,
  start: async (ctx, params) => {
    const id = Number(params.h);
    const handoff = Number.isInteger(id) ? await findHandoff(ctx.tx, ctx.services.office.id, id) : undefined;
    if (!handoff) return { refuse: [text(HANDOFF_SAY.unknown, [menuItem()])] };
    if (handoff.closedAt !== null) return { refuse: [text(HANDOFF_SAY.alreadyClosed(id), [menuItem()])] };
    return { step: 'text', answers: { handoff: id } };
  },
  steps: {
    text: {
      ask: async (ctx) => {
        const id = Number(ctx.answers.handoff);
        const last = (await messagesOf(ctx.tx, ctx.services.office.id, id)).filter((m) => m.author === 'villager').at(-1)?.text;
        return { messages: [text(HANDOFF_SAY.answerPrompt(id, last && last.length > 300 ? last.slice(0, 299) + '…' : last))], acceptsText: true };
      },
      accept: (reply) => {
        const typed = reply.text?.trim();
        if (!typed) return { ok: false, reason: 'พิมพ์คำตอบเป็นข้อความได้เลยค่ะ' };
        if (typed.length > MAX_TEXT) return { ok: false, reason: HANDOFF_SAY.answerTooLong(MAX_TEXT) };
        return { ok: true, value: typed };
      },
      next: async (ctx) => {
        const id = Number(ctx.answers.handoff);
        const result = await answerHandoff(ctx.tx, ctx.services.office.id, id, ctx.userId, String(ctx.answers.text), ctx.now);
        if (!result.ok) return { end: [text(result.reason === 'closed' ? HANDOFF_SAY.alreadyClosed(id) : HANDOFF_SAY.unknown, [menuItem()])] };
        return {
          end: [
            text(HANDOFF_SAY.answerSent(id), [
              quickItem(postbackAction('ตอบเพิ่ม', postback.go(HANDOFF_ENTRIES.answer, { h: String(id) }))),
              quickItem(postbackAction('ปิดเรื่อง', postback.go(HANDOFF_ENTRIES.close, { h: String(id) }))),
              menuItem(),
            ]),
          ],
        };
      },
    },
  },
};

export const handoffCloseEntry: Entry = {
  id: HANDOFF_ENTRIES.close,
  staffOnly: true,
  keywords: [],
  respond: async (ctx, params) => {
    const id = Number(params.h);
    const result = Number.isInteger(id) ? await closeHandoff(ctx.tx, ctx.services.office.id, id, ctx.userId, ctx.now) : ({ ok: false, reason: 'unknown' } as const);
    if (result.ok) return [text(HANDOFF_SAY.closedForStaff(id), [menuItem()])];
    return [text(result.reason === 'closed' ? HANDOFF_SAY.alreadyClosed(id) : HANDOFF_SAY.unknown, [menuItem()])];
  },
};

/**
 * The engine's hook: when the sender has an open hand-off, what the turn says instead of the flows
 * (`ended`: the villager ended it, show the menu after); undefined when nothing is open or the input
 * is a staff button (a staff member's own buttons keep working).
 */
export async function handoffTurn(ctx: FlowContext, input: Input): Promise<{ say: Message[]; ended: boolean } | undefined> {
  const office = ctx.services.office;
  const handoff = await openHandoffOf(ctx.tx, office.id, ctx.userId);
  if (!handoff) return undefined;
  const end = async () => {
    await closeHandoff(ctx.tx, office.id, handoff.id, 'villager', ctx.now);
    return { say: [text(HANDOFF_SAY.endedByVillager)], ended: true };
  };
  switch (input.kind) {
    case 'text': {
      if (END_KEYS.includes(keywordKey(input.text))) return end();
      const typed = input.text.trim().slice(0, MAX_TEXT);
      if (!typed) return { say: forwardedMessages(office, ctx.now), ended: false };
      await addVillagerMessage(ctx.tx, office.id, handoff, typed, ctx.now);
      return { say: forwardedMessages(office, ctx.now), ended: false };
    }
    case 'media': {
      const marker = mediaMarker(input.media);
      await addVillagerMessage(ctx.tx, office.id, handoff, marker, ctx.now);
      return { say: forwardedMessages(office, ctx.now, marker), ended: false };
    }
    case 'attachment': {
      // Not asked for here: whatever was stored is let go, and only a marker is kept.
      if (input.attachment.status === 'stored') await forgetUnbound(ctx.tx, office.id, input.attachment.id);
      const marker = input.attachment.status === 'stored' && input.attachment.kind === 'image' ? mediaMarker('image') : mediaMarker('file');
      await addVillagerMessage(ctx.tx, office.id, handoff, marker, ctx.now);
      return { say: forwardedMessages(office, ctx.now, marker), ended: false };
    }
    case 'postback': {
      const pb = parsePostback(input.data);
      if (pb.kind === 'go' && pb.entry === HANDOFF_ENTRIES.end) return end();
      if (pb.kind === 'go' && (pb.entry === HANDOFF_ENTRIES.answer || pb.entry === HANDOFF_ENTRIES.close)) return undefined;
      return { say: buttonWhileOpenMessages(), ended: false };
    }
  }
}
