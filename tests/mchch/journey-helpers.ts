// Helpers for the มชช. journey test: press a button by label (quick reply or card) with an optional
// transcript (JOURNEY_DEBUG=1 prints every reply), fill every missing checklist item of the hub as a
// person would, and read pushes.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { APPLICANT_SAY } from '../../src/flows/mchch/applicant';
import { DOC_SAY } from '../../src/flows/mchch/doc';
import { LIST_SAY } from '../../src/flows/mchch/lists';
import { flexButtons, flexLabels } from '../booking/helpers';
import { jpeg, pdf, upload } from '../groups/sections-helpers';
import { callback, events, fake, postWebhook, quickReplyLabels, sign, texts, type Message, type Person } from '../support/harness';

const DEBUG = process.env.JOURNEY_DEBUG === '1';

/** The text of every text component in the reply's cards (Flex), in order. */
export function cardTexts(messages: Message[]): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'text' && typeof o.text === 'string') found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  for (const m of messages) if (m.type === 'flex') walk((m as { contents: unknown }).contents);
  return found;
}

export function show(step: string, reply: Message[]): Message[] {
  if (DEBUG) {
    const card = cardTexts(reply);
    console.log(`--- ${step}\n${texts(reply).join('\n')}${card.length ? `\n[card] ${card.join(' / ')}` : ''}\n[quick] ${quickReplyLabels(reply).join(' | ')}\n[flex] ${flexLabels(reply).join(' | ')}`);
  }
  return reply;
}

/** Tap a button by label on `last` (the person's last reply by default): a quick reply or a button in a card. */
export async function press(p: Person, label: string, last: Message[] = p.lastMessages()): Promise<Message[]> {
  if (quickReplyLabels(last).includes(label) && last === p.lastMessages()) return show(label, await p.tap(label));
  const button = flexButtons(last).find((b) => b.action.label === label);
  if (!button) throw new Error(`no "${label}": ${quickReplyLabels(last).join(' | ')} / ${flexLabels(last).join(' | ')}`);
  return show(label, await p.postback((button.action as { data: string }).data));
}

export async function say(p: Person, words: string): Promise<Message[]> {
  return show(`say ${words}`, await p.say(words));
}

/**
 * A voice note from the person (Person has no method for it). Its reply is the person's last
 * messages; the next say/tap of this Person returns it too, so read replies after it with lastMessages.
 */
export async function voiceNote(p: Person): Promise<Message[]> {
  const body = JSON.stringify(callback(events.audio(p.userId)));
  const response = await postWebhook(p.t.bot, body, sign(body));
  expect(response.status).toBe(200);
  await p.t.bot.idle();
  return show('voice note', p.lastMessages());
}

/** Everything the bot sent these users (replies and pushes), as text, cards included. */
export function everythingSentTo(userIds: string[]): string {
  return fake.sent.filter((r) => userIds.includes(r.to)).map((r) => [...texts(r.messages), ...cardTexts(r.messages), ...quickReplyLabels(r.messages)].join('\n')).join('\n');
}

/** The replies and pushes to these users that leave no way on: no quick reply on the last message and no button in a card. */
export function deadEnds(userIds: string[]): string[] {
  return fake.sent
    .filter((r) => userIds.includes(r.to))
    .filter((r) => quickReplyLabels(r.messages).length === 0 && flexButtons(r.messages).length === 0)
    .map((r) => `${r.via}: ${[...texts(r.messages), ...cardTexts(r.messages)].join(' / ').slice(0, 200)}`);
}

/** The pushes one LINE user received, each as its messages. */
export const pushesTo = (userId: string): Message[][] => fake.sent.filter((r) => r.to === userId && r.via === 'push').map((r) => r.messages);

export interface FillOptions {
  /** How the advisers are answered: names (inside the community), or "ไม่มี". */
  advisers?: string;
  /** Documents (by a word of their label) sent as one PDF rather than photos. */
  pdfFor?: string[];
  /** Documents (by a word of their label) sent as a set of several photos at once. */
  photoSetFor?: string[];
  /** Stop after this many items (to leave mid-way). */
  stopAfter?: number;
}

/** Every "✗" item of the hub card on the person's last reply, filled from its button, until none is left. */
export async function fillHub(p: Person, options: FillOptions = {}): Promise<string[]> {
  const filled: string[] = [];
  for (let i = 0; i < 12; i++) {
    if (options.stopAfter !== undefined && filled.length >= options.stopAfter) return filled;
    const todo = flexLabels(p.lastMessages()).find((l) => l.startsWith('✗'));
    if (!todo) return filled;
    filled.push(todo);
    const opened = await press(p, todo);
    if (todo.includes('ข้อมูลผู้สมัคร')) {
      expect(texts(opened)[0]).toContain('ขอชื่อและนามสกุล');
      expect(texts(await say(p, 'นางสมศรี ใจดี'))[0]).toBe(APPLICANT_SAY.nameBack('นางสมศรี ใจดี'));
      await press(p, APPLICANT_SAY.yes);
      await say(p, '๐๘๑-๒๓๔-๕๖๗๘'); // Thai digits with dashes
      const next = await press(p, 'ข้าม'); // no address
      if (texts(next).join('\n').includes(APPLICANT_SAY.role)) await say(p, 'ประธาน');
    } else if (todo.includes('ทีม')) {
      await say(p, '1. นายสมชาย ใจกล้า - การตลาด\n2. นางมาลี ศรีสุข - บัญชี');
      await press(p, LIST_SAY.save);
    } else if (todo.includes('ที่ปรึกษา')) {
      if (!options.advisers || options.advisers === LIST_SAY.none) await press(p, LIST_SAY.none);
      else {
        expect(texts(await say(p, options.advisers))[0]).toBe(LIST_SAY.where);
        await press(p, LIST_SAY.inside);
        await press(p, LIST_SAY.save);
      }
    } else if (options.pdfFor?.some((w) => todo.includes(w))) {
      show('pdf', await p.file(upload(pdf(), 'application/pdf'), 'เอกสาร.pdf', 809));
    } else if (options.photoSetFor?.some((w) => todo.includes(w))) {
      const set = { id: 'SET' + randomUUID(), total: 2 };
      for (const index of [2, 1]) show(`photo ${index}/2`, await p.image(upload(jpeg()), { ...set, index }));
      await press(p, DOC_SAY.done);
    } else {
      show('photo', await p.image(upload(jpeg())));
      await press(p, DOC_SAY.done);
    }
  }
  throw new Error(`the hub still has items to fill: ${flexLabels(p.lastMessages()).join(' | ')}`);
}
