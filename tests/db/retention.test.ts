// Retention: what nobody asked to delete is still forgotten once its purpose has passed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, inbox, outbox } from '../../src/db/schema';
import { RETENTION } from '../../src/db/retention';
import { clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';

const DAY = 86_400_000;
let t: TestBot;
beforeEach(() => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('retention', () => {
  it('forgets a conversation abandoned half-way (with its birth date) after a week, not before', async () => {
    const yai = new Person(t);
    for (const answer of ['เช็คสิทธิ์', 'ตัวเอง', '15 มี.ค. 2500']) await yai.say(answer);
    const row = () => t.db.select().from(conversations).where(eq(conversations.userId, yai.userId)).get()!;
    clock.advance((RETENTION.abandonedConversationDays - 1) * DAY);
    expect(t.bot.scheduler.runOnce().retention.conversations).toBe(0);
    expect(JSON.parse(row().answers)).toHaveProperty('birth');
    clock.advance(2 * DAY);
    expect(t.bot.scheduler.runOnce().retention.conversations).toBe(1);
    expect(row()).toMatchObject({ flowId: null, answers: '{}' });
  });

  it('deletes processed event ids after 30 days and blanks sent messages after 90, keeping pending work', async () => {
    const yai = new Person(t);
    await yai.say('ติดต่อ');
    t.db.insert(inbox).values({ eventId: 'pending-one', chatKey: yai.userId, type: 'message', timestamp: 1, payload: '{}', receivedAt: 1 }).run();
    clock.advance((RETENTION.inboxDays + 1) * DAY);
    t.bot.scheduler.runOnce();
    expect(t.db.select({ id: inbox.eventId }).from(inbox).all()).toEqual([{ id: 'pending-one' }]);
    expect(t.db.select().from(outbox).get()!.messages).not.toBe('[]');
    clock.advance(RETENTION.sentMessagesDays * DAY);
    expect(t.bot.scheduler.runOnce().retention.outbox).toBe(1);
    expect(t.db.select().from(outbox).get()!.messages).toBe('[]');
  });
});
