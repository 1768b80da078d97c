// Several instances on one database (PostgreSQL when DATABASE_URL is set; on SQLite the two share the
// single writer): one user's events are handled once each and in order, whichever instance received
// them, and events a gone instance stored are picked up by another one's sweep.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeEvents } from '../../src/db/inbox';
import type { InboxRow, OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { screenEvent } from '../../src/handlers/webhook-input';
import { callback, clock, createTestBot, events, expectNoLineProblems, fake, Person, postWebhook, secondInstance, slowTransactions, type Message, type TestBot } from '../support/harness';

/** A flow started, a question inside it, the menu: answered differently in any other order. */
const WORDS = ['ตรวจสิทธิ์', 'ติดต่อ', 'เมนู'];
const USER = 'U' + 'd'.repeat(32);
let t: TestBot;

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

/** What one instance answers to WORDS, said one after the other by another user. */
async function expectedAnswers(): Promise<Message[][]> {
  const person = new Person(t);
  const answers: Message[][] = [];
  for (const word of WORDS) answers.push(await person.say(word));
  fake.reset();
  return answers;
}

describe('one user, two instances', () => {
  it('events received by either instance are handled once each, in timestamp order', async () => {
    const expected = await expectedAnswers();
    const a = await secondInstance(t, 'instance-a', slowTransactions);
    const b = await secondInstance(t, 'instance-b');
    try {
      // LINE spreads one user's messages over the instances behind the load balancer.
      const [first, second, third] = WORDS.map((word) => events.text(USER, word));
      for (const [bot, event] of [
        [a.bot, first],
        [b.bot, second],
        [a.bot, third],
      ] as const)
        expect((await postWebhook(bot, callback(event))).status).toBe(200);
      await Promise.all([a.bot.dispatcher.idle(), b.bot.dispatcher.idle()]);

      const inbox = await t.db.all<InboxRow>(q`SELECT * FROM inbox WHERE chat_key = ${USER}`);
      expect(inbox.map((r) => r.status)).toEqual(['done', 'done', 'done']);
      const replies = await t.db.all<OutboxRow>(q`SELECT * FROM outbox WHERE "to" = ${USER} AND purpose = 'reply' ORDER BY id`);
      expect(replies.map((r) => JSON.parse(r.messages) as Message[])).toEqual(expected);

      // Whatever had to wait for an older answer goes out as a push on the next pass.
      await Promise.all([a.bot.outbox.runOnce(), b.bot.outbox.runOnce()]);
      await Promise.all([a.bot.idle(), b.bot.idle()]);
      expect(fake.messagesTo(USER)).toEqual(expected.flat());
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('events an instance stored and never handled (it died) are handled by another’s sweep', async () => {
    const b = await secondInstance(t, 'instance-b');
    try {
      const now = clock.now().getTime();
      await storeEvents(t.db, [screenEvent(events.text(USER, 'ติดต่อ'), now)], now);
      await b.bot.dispatcher.sweep(); // only just stored: its own instance is on it
      await b.bot.idle();
      expect(fake.sent).toHaveLength(0);

      clock.advance(6_000);
      await b.bot.dispatcher.sweep();
      await b.bot.idle();
      expect((await t.db.get<InboxRow>(q`SELECT * FROM inbox WHERE chat_key = ${USER}`))?.status).toBe('done');
      expect(fake.messagesTo(USER).length).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });
});
