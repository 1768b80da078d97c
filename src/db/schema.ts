// The database schema (drizzle, SQLite). Times are UTC instants in epoch milliseconds.
// Migrations are generated from this file with `npm run db:generate` into ./migrations.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A LINE user who has talked to the bot. No name is kept here: the greeting fetches it live. */
export const users = sqliteTable('users', {
  userId: text('user_id').primaryKey(),
  /** 'active' while the user follows the bot, 'blocked' after unfollow: nothing is sent then. */
  status: text('status', { enum: ['active', 'blocked'] }).notNull().default('active'),
  followedAt: integer('followed_at'),
  blockedAt: integer('blocked_at'),
  createdAt: integer('created_at').notNull(),
});

/**
 * Every webhook event, stored before LINE hears 200. The primary key is LINE's webhookEventId, so
 * a redelivered or duplicated event is a no-op. The payload is cleared once the event is processed
 * (data minimisation); the id stays to keep de-duplicating.
 */
export const inbox = sqliteTable(
  'inbox',
  {
    eventId: text('event_id').primaryKey(),
    /** The queue key: the user id, or the group/room id for events without a user. */
    chatKey: text('chat_key').notNull(),
    type: text('type').notNull(),
    timestamp: integer('timestamp').notNull(),
    payload: text('payload'),
    status: text('status', { enum: ['pending', 'done', 'failed', 'refused'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  (t) => [
    index('inbox_pending').on(t.status, t.chatKey, t.timestamp),
    // Retention: finished events past the de-duplication window.
    index('inbox_processed').on(t.status, t.receivedAt),
  ],
);

/** One row per user: where they are in which conversation. Survives restarts. */
export const conversations = sqliteTable(
  'conversations',
  {
    userId: text('user_id').primaryKey(),
    flowId: text('flow_id'),
    flowVersion: integer('flow_version'),
    stepId: text('step_id'),
    /** JSON object of answers collected so far, keyed by step id. */
    answers: text('answers').notNull().default('{}'),
    /** JSON array of step ids visited, for ย้อนกลับ (back). */
    history: text('history').notNull().default('[]'),
    /** Invalid answers in a row at the current step. */
    attempts: integer('attempts').notNull().default(0),
    /** Bumped on every change; postback buttons carry it so stale buttons are recognised. */
    revision: integer('revision').notNull().default(0),
    /** Set when the bot has asked "continue or start over?" after the conversation sat idle. */
    resumePending: integer('resume_pending', { mode: 'boolean' }).notNull().default(false),
    expiresAt: integer('expires_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  // Retention: conversations left half-way, oldest first (idle rows are not in the index).
  (t) => [index('conversations_abandoned').on(t.updatedAt).where(sql`flow_id IS NOT NULL`)],
);

/**
 * Every message the bot sends. A reply is written here in the same transaction as the state change
 * that caused it, then sent with the reply token; if that fails it becomes a push with a retry key.
 * Scheduled pushes (reminders, staff notices) wait here until due.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    mode: text('mode', { enum: ['reply', 'push'] }).notNull(),
    replyToken: text('reply_token'),
    /** JSON array of LINE message objects (1–5), already checked against LINE's limits. */
    messages: text('messages').notNull(),
    /** UUID sent as X-Line-Retry-Key; identical on every attempt so LINE de-duplicates. */
    retryKey: text('retry_key').notNull(),
    purpose: text('purpose').notNull(),
    /** What the row belongs to (e.g. "booking:12"), so cancelling that thing can cancel its pushes. */
    ref: text('ref'),
    /** Unique when set: the same reminder or notice can never be queued twice. */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: integer('due_at').notNull(),
    claimedUntil: integer('claimed_until'),
    /**
     * The worker instance (a random id per process start) that claimed the row while it is 'sending'.
     * A claim by an instance that is gone is recovered at start-up instead of waiting out the lease.
     */
    claimedBy: text('claimed_by'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('outbox_due').on(t.status, t.dueAt),
    index('outbox_ref').on(t.ref),
    /** One recipient's answers go out in order: "is an older one still unsent?" is looked up here. */
    index('outbox_recipient').on(t.to, t.purpose, t.status),
    uniqueIndex('outbox_dedupe').on(t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
    // Retention: finished rows whose content is not blanked yet (blanked rows leave the index).
    index('outbox_sent_content').on(t.status, t.createdAt).where(sql`messages <> '[]'`),
  ],
);

export type InboxRow = typeof inbox.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

/** Office staff who receive notices and may use staff-only commands. */
export const staff = sqliteTable('staff', {
  userId: text('user_id').primaryKey(),
  /** How they became staff: 'cli' (added by an administrator) or 'invite' (sent the invitation code). */
  addedBy: text('added_by', { enum: ['cli', 'invite'] }).notNull(),
  addedAt: integer('added_at').notNull(),
});

/**
 * A booked visit to the office. Capacity is enforced by the INSERT/UPDATE statements in
 * src/booking/store.ts (one statement each, inside an immediate transaction), never by a prior read.
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short reference the villager can read out at the counter, e.g. "NB4K7Q". */
    code: text('code').notNull().unique(),
    userId: text('user_id').notNull(),
    serviceId: text('service_id').notNull(),
    /** The slot, in the office's local time: "YYYY-MM-DD" and "HH:mm". */
    slotDate: text('slot_date').notNull(),
    slotStart: text('slot_start').notNull(),
    /** The same moment as a UTC instant (ms), for reminders and sorting. */
    startsAt: integer('starts_at').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    /** Who the visit is for, when booked on someone's behalf (e.g. "แม่"); optional. */
    forWhom: text('for_whom'),
    status: text('status', { enum: ['booked', 'cancelled'] }).notNull().default('booked'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    cancelledAt: integer('cancelled_at'),
  },
  (t) => [index('bookings_slot').on(t.serviceId, t.slotDate, t.slotStart, t.status), index('bookings_user').on(t.userId, t.status, t.startsAt)],
);

/**
 * An eligibility check, kept so staff can reproduce the answer after the rules change: the as-of
 * date, the rules version, the non-health facts and the outcome per allowance. Health answers
 * (disability card, HIV/AIDS) are used for the decision and not stored.
 */
export const eligibilityChecks = sqliteTable(
  'eligibility_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    forWhom: text('for_whom', { enum: ['self', 'family'] }).notNull(),
    asOf: text('as_of').notNull(),
    rulesVersion: text('rules_version').notNull(),
    /** JSON: the facts without health answers. */
    facts: text('facts').notNull(),
    /** JSON: [{allowance, outcome, monthlyAmount?, firstPaymentMonth?, failed: clause ids, unknown: clause ids}] */
    outcomes: text('outcomes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('eligibility_user').on(t.userId)],
);

export type BookingRow = typeof bookings.$inferSelect;
export type EligibilityCheckRow = typeof eligibilityChecks.$inferSelect;
