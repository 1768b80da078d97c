// What one plain turn asks of the database (issue 13's levers, held in place): the chat's next event
// is read once — inside the turn's own transaction, with no read before it and none after to find
// the queue empty —, the user's staff membership is looked up once, and the reply is written already
// claimed, so sending it needs no second write to claim it. Counted from the statements themselves,
// on whichever database the suite runs on; nothing here is timed.
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { callback, createTestBot, events, expectNoLineProblems, fake, Person, postWebhook, texts, type TestBot } from '../support/harness';
import { recordingDatabase, type LoggedStatement } from '../support/statement-log';

let t: TestBot;
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

const USER = 'U' + 'c'.repeat(32);
const count = (log: LoggedStatement[], pattern: RegExp) => log.filter((s) => pattern.test(s.text.replace(/\s+/g, ' '))).length;
const NEXT_PENDING = /FROM inbox WHERE office_id = \S+ AND chat_key = \S+ AND status = 'pending' ORDER BY/;
const STAFF_LOOKUP = /FROM staff WHERE office_id = \S+ AND user_id = /;
const CLAIM_REPLY = /UPDATE outbox SET status = 'sending'/;

/** A bot whose statements are logged, and a user who has followed it (the log starts after). */
async function followedWithLog(): Promise<{ log: LoggedStatement[]; person: Person }> {
  fake.reset();
  const log: LoggedStatement[] = [];
  t = await createTestBot({ wrapDb: (db) => recordingDatabase(db, log) });
  const person = new Person(t, USER);
  await person.follow();
  log.length = 0;
  return { log, person };
}

describe('one turn’s statements', () => {
  it('a message that opens the menu: its event read once, one staff lookup, the reply sent without a claim of its own', async () => {
    const { log, person } = await followedWithLog();
    const reply = await person.say('เมนู');
    expect(texts(reply)[0]).toBeTruthy();
    expect(count(log, NEXT_PENDING)).toBe(1);
    expect(count(log, STAFF_LOOKUP)).toBe(1);
    expect(count(log, CLAIM_REPLY)).toBe(0);
    // The reply row went out and was marked sent.
    const rows = await t.db.all<OutboxRow>(q`SELECT * FROM outbox WHERE "to" = ${USER} ORDER BY id`);
    expect(rows.at(-1)).toMatchObject({ status: 'sent', mode: 'reply', claimedBy: null });
  });

  it('three messages in one delivery: three reads of the chat’s events, each answered in order', async () => {
    const { log } = await followedWithLog();
    const response = await postWebhook(t.bot, callback(...['ติดต่อ', 'เมนู', 'ติดต่อ'].map((said) => events.text(USER, said))));
    expect(response.status).toBe(200);
    await t.bot.idle();
    expect(count(log, NEXT_PENDING)).toBe(3);
    const replies = fake.sent.filter((r) => r.to === USER).slice(-3);
    expect(replies.map((r) => r.via)).toEqual(['reply', 'reply', 'reply']);
    // ติดต่อ, เมนู, ติดต่อ: the first and the last answers are the same, the middle one the menu's.
    expect(texts(replies[2]!.messages)).toEqual(texts(replies[0]!.messages));
    expect(texts(replies[1]!.messages)).not.toEqual(texts(replies[0]!.messages));
  });
});
