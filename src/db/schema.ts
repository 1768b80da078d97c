// The database schema, written once for both databases: `defineSchema` is called with SQLite's and
// PostgreSQL's column builders (schema.sqlite.ts, schema.pg.ts), and drizzle-kit generates each
// dialect's migrations from those (`npm run db:generate` → migrations/sqlite, migrations/pg).
// Times are UTC instants in epoch milliseconds (integer on SQLite, bigint on PostgreSQL).
// The queries themselves are plain SQL through src/db/sql.ts; the row types below are what they read.
import { sql } from 'drizzle-orm';

/** The two dialects' builders share a shape, not a type: the definer sees them loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Column = any;
export interface Builders {
  table(name: string, columns: Record<string, Column>, extra?: (t: any) => unknown[]): any;
  text(name: string, options?: { enum: readonly [string, ...string[]] }): Column;
  /** A small count or version number. */
  integer(name: string): Column;
  /** An instant in epoch milliseconds. */
  time(name: string): Column;
  boolean(name: string): Column;
  /**
   * An automatically numbered id, drawn from one sequence per table (unique deployment-wide for new
   * rows). It is not a key by itself: the table declares `...serialKey(t)` among its extras.
   */
  serial(name: string): Column;
  /**
   * The primary key of a table with a `serial` id. PostgreSQL: `(office_id, id)`, because offices moved
   * in from their own SQLite files (npm run db:move) keep their ids, which start at 1 in every file;
   * the id alone repeats across offices, so every statement that names a row by id also binds
   * office_id. SQLite: nothing here (one office per file, the id column is `INTEGER PRIMARY KEY`).
   */
  serialKey(t: { officeId: Column; id: Column }): Column[];
  index(name: string): { on(...columns: Column[]): Column };
  uniqueIndex(name: string): { on(...columns: Column[]): Column };
  /** A primary key over several columns. */
  primaryKey(config: { name?: string; columns: [Column, ...Column[]] }): Column;
}

/**
 * The office (tenant) a row belongs to: `office_id` leads every key the bot looks rows up by, and every
 * statement binds it (src/db/*, booking/store.ts, notify/*). The default only fills rows that existed
 * before offices did (the single office is 'default'); the bot itself always writes it.
 */
const OFFICE_COLUMN = 'office_id';

export function defineSchema({ table, text, integer, time, boolean, serial, serialKey, index, uniqueIndex, primaryKey }: Builders) {
  const officeId = () => text(OFFICE_COLUMN).notNull().default('default');

  /** A LINE user who has talked to the bot. No name is kept here: the greeting fetches it live. */
  const users = table(
    'users',
    {
      officeId: officeId(),
      userId: text('user_id').notNull(),
      /** 'active' while the user follows the bot, 'blocked' after unfollow: nothing is sent then. */
      status: text('status', { enum: ['active', 'blocked'] }).notNull().default('active'),
      followedAt: time('followed_at'),
      blockedAt: time('blocked_at'),
      createdAt: time('created_at').notNull(),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.userId] })],
  );

  /**
   * Every webhook event, stored before LINE hears 200. The primary key is LINE's webhookEventId, so
   * a redelivered or duplicated event is a no-op. The payload is cleared once the event is processed
   * (data minimisation); the id stays to keep de-duplicating.
   */
  const inbox = table(
    'inbox',
    {
      /** LINE's webhookEventId: unique across channels, so the key stays the id alone. */
      eventId: text('event_id').primaryKey(),
      officeId: officeId(),
      /** The queue key: the user id, or the group/room id for events without a user. */
      chatKey: text('chat_key').notNull(),
      type: text('type').notNull(),
      timestamp: time('timestamp').notNull(),
      payload: text('payload'),
      status: text('status', { enum: ['pending', 'done', 'failed', 'refused'] }).notNull().default('pending'),
      attempts: integer('attempts').notNull().default(0),
      /**
       * Set while a pending event waits to be tried again after its handler's work before the turn
       * failed for a reason that may pass (a photo's download from LINE): not before this instant.
       */
      retryAt: time('retry_at'),
      error: text('error'),
      receivedAt: time('received_at').notNull(),
      processedAt: time('processed_at'),
    },
    (t) => [
      index('inbox_pending').on(t.officeId, t.status, t.chatKey, t.timestamp),
      // Retention: finished events past the de-duplication window.
      index('inbox_processed').on(t.status, t.receivedAt),
    ],
  );

  /** One row per user: where they are in which conversation. Survives restarts. */
  const conversations = table(
    'conversations',
    {
      officeId: officeId(),
      userId: text('user_id').notNull(),
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
      resumePending: boolean('resume_pending').notNull().default(false),
      expiresAt: time('expires_at'),
      updatedAt: time('updated_at').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.officeId, t.userId] }),
      // Retention (one pass over every office): conversations left half-way, oldest first (idle rows are not in the index).
      index('conversations_abandoned').on(t.updatedAt).where(sql`flow_id IS NOT NULL`),
    ],
  );

  /**
   * Every message the bot sends. A reply is written here in the same transaction as the state change
   * that caused it, then sent with the reply token; if that fails it becomes a push with a retry key.
   * Scheduled pushes (reminders, staff notices) wait here until due.
   */
  const outbox = table(
    'outbox',
    {
      id: serial('id'),
      officeId: officeId(),
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
      /** Unique per office when set: the same reminder or notice can never be queued twice. */
      dedupeKey: text('dedupe_key'),
      status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] })
        .notNull()
        .default('pending'),
      attempts: integer('attempts').notNull().default(0),
      dueAt: time('due_at').notNull(),
      claimedUntil: time('claimed_until'),
      /**
       * The instance (INSTANCE_ID) that claimed the row while it is 'sending'.
       * A reply row is written owned by the instance whose turn made it. A claim by an instance that has
       * stopped beating (the instances table) is taken back by a live one instead of waiting out the lease.
       */
      claimedBy: text('claimed_by'),
      lastError: text('last_error'),
      createdAt: time('created_at').notNull(),
      sentAt: time('sent_at'),
    },
    (t) => [
      ...serialKey(t),
      // The worker claims due rows of every office (one pass, each row sent with its office's channel).
      index('outbox_due').on(t.status, t.dueAt),
      index('outbox_ref').on(t.officeId, t.ref),
      /** One recipient's answers go out in order: "is an older one still unsent?" is looked up here. */
      index('outbox_recipient').on(t.officeId, t.to, t.purpose, t.status),
      uniqueIndex('outbox_dedupe').on(t.officeId, t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
      // Retention: finished rows whose content is not blanked yet (blanked rows leave the index).
      index('outbox_sent_content').on(t.status, t.createdAt).where(sql`messages <> '[]'`),
    ],
  );


  /** Office staff who receive notices and may use staff-only commands. */
  const staff = table(
    'staff',
    {
      officeId: officeId(),
      userId: text('user_id').notNull(),
      /** How they became staff: 'cli' (added by an administrator) or 'invite' (sent the invitation code). */
      addedBy: text('added_by', { enum: ['cli', 'invite'] }).notNull(),
      addedAt: time('added_at').notNull(),
      /** 'officer' works cases and bookings; 'admin' also manages staff and settings (reference Q20's "approver"). */
      role: text('role', { enum: ['officer', 'admin'] }).notNull().default('officer'),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.userId] })],
  );

  /**
   * A booked visit to the office. Capacity is enforced by the INSERT/UPDATE statements in
   * src/booking/store.ts (one statement each, inside the turn's transaction; on PostgreSQL after a lock on the slot), never by a prior read.
   */
  const bookings = table(
    'bookings',
    {
      id: serial('id'),
      officeId: officeId(),
      /** Short reference the villager can read out at the counter, e.g. "NB4K7Q"; unique per office. */
      code: text('code').notNull(),
      userId: text('user_id').notNull(),
      serviceId: text('service_id').notNull(),
      /** The slot, in the office's local time: "YYYY-MM-DD" and "HH:mm". */
      slotDate: text('slot_date').notNull(),
      slotStart: text('slot_start').notNull(),
      /** The same moment as a UTC instant (ms), for reminders and sorting. */
      startsAt: time('starts_at').notNull(),
      name: text('name').notNull(),
      phone: text('phone').notNull(),
      /** Who the visit is for, when booked on someone's behalf (e.g. "แม่"); optional. */
      forWhom: text('for_whom'),
      status: text('status', { enum: ['booked', 'cancelled'] }).notNull().default('booked'),
      createdAt: time('created_at').notNull(),
      updatedAt: time('updated_at').notNull(),
      cancelledAt: time('cancelled_at'),
      /** Staff marked the visit: 'came' (มาแล้ว) or 'no_show' (ไม่มา); null until marked. */
      attendance: text('attendance', { enum: ['came', 'no_show'] }),
      attendanceBy: text('attendance_by'),
      attendanceAt: time('attendance_at'),
    },
    (t) => [
      ...serialKey(t),
      uniqueIndex('bookings_code').on(t.officeId, t.code),
      index('bookings_slot').on(t.officeId, t.serviceId, t.slotDate, t.slotStart, t.status),
      index('bookings_user').on(t.officeId, t.userId, t.status, t.startsAt),
    ],
  );

  /**
   * An eligibility check, kept so staff can reproduce the answer after the rules change: the as-of
   * date, the rules version, the non-health facts and the outcome per allowance. Health answers
   * (disability card, HIV/AIDS) are used for the decision and not stored.
   */
  const eligibilityChecks = table(
    'eligibility_checks',
    {
      id: serial('id'),
      officeId: officeId(),
      userId: text('user_id').notNull(),
      forWhom: text('for_whom', { enum: ['self', 'family'] }).notNull(),
      asOf: text('as_of').notNull(),
      rulesVersion: text('rules_version').notNull(),
      /** JSON: the facts without health answers. */
      facts: text('facts').notNull(),
      /** JSON: [{allowance, outcome, monthlyAmount?, firstPaymentMonth?, failed: clause ids, unknown: clause ids}] */
      outcomes: text('outcomes').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [...serialKey(t), index('eligibility_user').on(t.officeId, t.userId)],
  );

  /**
   * The bot processes sharing this database, each beating every few seconds (src/db/instances.ts).
   * An outbox claim whose instance has stopped beating is taken back by a live one. Deployment-level:
   * the one table without office_id (an instance serves every office).
   */
  const instances = table('instances', {
    /** INSTANCE_ID: by default host name and port, so a restarted process is its own predecessor. */
    id: text('id').primaryKey(),
    startedAt: time('started_at').notNull(),
    heartbeatAt: time('heartbeat_at').notNull(),
  });

  /**
   * Something a citizen hands in and staff decide (src/cases/): a group registration today, มชช.
   * applications next. `data` is the kind's JSON, checked with the kind's zod schema on every write;
   * `version` counts status changes (buttons carry it, so an old one is recognised); `reference` is
   * issued when the case is first submitted (GRP-2569-0007), unique per office.
   */
  const cases = table(
    'cases',
    {
      id: serial('id'),
      officeId: officeId(),
      /** The kind's id in src/cases/kinds (e.g. 'group'). */
      kind: text('kind').notNull(),
      reference: text('reference'),
      applicantUserId: text('applicant_user_id').notNull(),
      /** One of the kind's statuses. */
      status: text('status').notNull(),
      version: integer('version').notNull().default(1),
      /** JSON object, one key per section of the kind's data. */
      data: text('data').notNull().default('{}'),
      /** JSON array of the sections staff reopened with ขอเอกสารเพิ่ม (only these may change then). */
      reopened: text('reopened').notNull().default('[]'),
      createdAt: time('created_at').notNull(),
      updatedAt: time('updated_at').notNull(),
      submittedAt: time('submitted_at'),
    },
    (t) => [
      ...serialKey(t),
      // The staff queue: an office's open cases of a kind by status, oldest change first.
      index('cases_queue').on(t.officeId, t.kind, t.status, t.updatedAt),
      // "My cases": an applicant's cases in one office.
      index('cases_applicant').on(t.officeId, t.applicantUserId),
      uniqueIndex('cases_reference').on(t.officeId, t.reference).where(sql`reference IS NOT NULL`),
    ],
  );

  /**
   * What happened to a case: one row per status change (and its creation), never updated or deleted
   * by the bot (retention of whole cases comes later). `internal` notes are for staff only.
   */
  const caseHistory = table(
    'case_history',
    {
      id: serial('id'),
      officeId: officeId(),
      caseId: integer('case_id').notNull(),
      at: time('at').notNull(),
      actorKind: text('actor_kind', { enum: ['applicant', 'officer', 'admin', 'system'] }).notNull(),
      /** The LINE user id of the applicant or staff member; 'system' for the bot itself. */
      actorId: text('actor_id').notNull(),
      /** Null on the row that records the creation. */
      fromStatus: text('from_status'),
      toStatus: text('to_status').notNull(),
      /** The case's version after this change. */
      version: integer('version').notNull(),
      note: text('note'),
      internal: boolean('internal').notNull().default(false),
      /**
       * The day the step happened or is set for, when staff give one (ISO 'YYYY-MM-DD', the office's
       * calendar): a district's decision heard of later, an assessment scheduled ahead. Null: `at`'s day.
       */
      onDate: text('on_date'),
    },
    (t) => [...serialKey(t), index('case_history_case').on(t.officeId, t.caseId, t.at)],
  );

  /**
   * The last reference number issued per office, kind and Buddhist-era year: taken with one
   * INSERT … ON CONFLICT DO UPDATE … RETURNING in the submitting transaction, so two submissions at
   * once never get the same number.
   */
  const caseCounters = table(
    'case_counters',
    {
      officeId: officeId(),
      kind: text('kind').notNull(),
      year: integer('year').notNull(),
      lastNumber: integer('last_number').notNull(),
    },
    (t) => [uniqueIndex('case_counters_key').on(t.officeId, t.kind, t.year)],
  );

  /**
   * A photo or file a user sent at a step that asks for a document (src/attachments/). The content
   * is stored once per office under ATTACHMENTS_DIR by its SHA-256; this row says who sent it and
   * which document slot it answers. Written when the download completes (before the turn, so a
   * restart does not download again); `slot` (and `case_id`, when the step belongs to a case) are
   * set by the turn that accepts it. The file name is personal data: kept for staff, never logged.
   */
  const attachments = table(
    'attachments',
    {
      id: serial('id'),
      officeId: officeId(),
      /** LINE's message id: the same message is stored once, however often its event is tried. */
      messageId: text('message_id').notNull(),
      userId: text('user_id').notNull(),
      sha256: text('sha256').notNull(),
      /** Decided from the content's first bytes, never from the file name. */
      mime: text('mime').notNull(),
      bytes: integer('bytes').notNull(),
      fileName: text('file_name'),
      /** Several photos sent at once: LINE's set id, this photo's 1-based index and the set's size. */
      imageSetId: text('image_set_id'),
      imageSetIndex: integer('image_set_index'),
      imageSetTotal: integer('image_set_total'),
      /** The case the document belongs to (src/cases/), when the asking step names one. */
      caseId: integer('case_id'),
      /** The document slot it answers, e.g. "group.minutes"; null until a turn accepts it. */
      slot: text('slot'),
      createdAt: time('created_at').notNull(),
    },
    (t) => [
      ...serialKey(t),
      uniqueIndex('attachments_message').on(t.officeId, t.messageId),
      index('attachments_user').on(t.officeId, t.userId),
      index('attachments_set').on(t.officeId, t.userId, t.imageSetId),
      index('attachments_sha').on(t.officeId, t.sha256),
    ],
  );

  /**
   * People who asked to be told when the next มชช. round opens (src/mchch/subscriptions.ts): one row
   * per person and office; `notifiedRound` is the round they were told about (then the row is done).
   * Personal data only by the LINE user id: erased with the person (ลบข้อมูลของฉัน).
   */
  const mchchSubscriptions = table(
    'mchch_subscriptions',
    {
      officeId: officeId(),
      userId: text('user_id').notNull(),
      createdAt: time('created_at').notNull(),
      /** The round open or closed when they asked (they want a later one), if any. */
      afterRound: text('after_round'),
      notifiedRound: text('notified_round'),
      notifiedAt: time('notified_at'),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.userId] }), index('mchch_subscriptions_waiting').on(t.officeId, t.notifiedRound)],
  );

  /**
   * One-time invitations to become staff (issue 12): only the code's SHA-256 is kept; it expires and
   * is used once. Created by an administrator (CLI or an admin in LINE / the workspace).
   */
  const staffInvitations = table(
    'staff_invitations',
    {
      id: serial('id'),
      officeId: officeId(),
      codeHash: text('code_hash').notNull(),
      role: text('role', { enum: ['officer', 'admin'] }).notNull(),
      /** 'cli', or the LINE user id of the admin who made it. */
      createdBy: text('created_by').notNull(),
      createdAt: time('created_at').notNull(),
      expiresAt: time('expires_at').notNull(),
      usedBy: text('used_by'),
      usedAt: time('used_at'),
    },
    (t) => [...serialKey(t), uniqueIndex('staff_invitations_code').on(t.officeId, t.codeHash)],
  );

  /** Counted attempts per key in a time window (wrong invitation codes from one LINE user): throttling survives restarts and instances. */
  const throttles = table(
    'throttles',
    {
      officeId: officeId(),
      key: text('key').notNull(),
      windowStart: time('window_start').notNull(),
      count: integer('count').notNull(),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.key] })],
  );

  /** One-time sign-in links for the staff workspace: the token's SHA-256, valid minutes, used once. */
  const staffSignInLinks = table(
    'staff_sign_in_links',
    {
      officeId: officeId(),
      tokenHash: text('token_hash').notNull(),
      userId: text('user_id').notNull(),
      createdAt: time('created_at').notNull(),
      expiresAt: time('expires_at').notNull(),
      usedAt: time('used_at'),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.tokenHash] }), index('staff_sign_in_links_user').on(t.officeId, t.userId)],
  );

  /** Workspace sessions: the cookie's SHA-256; ended by expiry, sign-out, or removal from staff (rows deleted). */
  const staffSessions = table(
    'staff_sessions',
    {
      officeId: officeId(),
      idHash: text('id_hash').notNull(),
      userId: text('user_id').notNull(),
      /** The session's CSRF token (random, compared in constant time with the form's). */
      csrfToken: text('csrf_token').notNull(),
      createdAt: time('created_at').notNull(),
      expiresAt: time('expires_at').notNull(),
      lastSeenAt: time('last_seen_at').notNull(),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.idHash] }), index('staff_sessions_user').on(t.officeId, t.userId)],
  );

  /**
   * What staff did and saw (issue 12): every view or export of personal data and every decision.
   * Names no personal data itself: the action, and what it was about by id (a case id, a day, a user id).
   */
  const auditLog = table(
    'audit_log',
    {
      id: serial('id'),
      officeId: officeId(),
      at: time('at').notNull(),
      /** The staff member's LINE user id, or 'cli'. */
      actor: text('actor').notNull(),
      action: text('action').notNull(),
      /** What it was about, e.g. "case:12", "bookings:2026-12-07", "export:groups". */
      target: text('target').notNull(),
      detail: text('detail'),
    },
    (t) => [...serialKey(t), index('audit_log_at').on(t.officeId, t.at)],
  );

  /** A villager talking to a person (คุยกับเจ้าหน้าที่): open until staff or the villager close it. */
  const handoffs = table(
    'handoffs',
    {
      id: serial('id'),
      officeId: officeId(),
      userId: text('user_id').notNull(),
      openedAt: time('opened_at').notNull(),
      closedAt: time('closed_at'),
      /** A staff member's LINE user id, 'villager', or 'system' (retention). */
      closedBy: text('closed_by'),
      lastMessageAt: time('last_message_at').notNull(),
    },
    (t) => [...serialKey(t), index('handoffs_user').on(t.officeId, t.userId, t.closedAt), index('handoffs_open').on(t.officeId, t.closedAt, t.lastMessageAt)],
  );

  /** The messages of a hand-off, both ways. Personal data: kept by the retention rules, erased with the villager. */
  const handoffMessages = table(
    'handoff_messages',
    {
      id: serial('id'),
      officeId: officeId(),
      handoffId: integer('handoff_id').notNull(),
      at: time('at').notNull(),
      author: text('author', { enum: ['villager', 'staff'] }).notNull(),
      /** The staff member who answered (author 'staff'). */
      staffUserId: text('staff_user_id'),
      text: text('text').notNull(),
    },
    (t) => [...serialKey(t), index('handoff_messages_handoff').on(t.officeId, t.handoffId, t.at)],
  );

  /**
   * Which rich menu each LINE user has been linked to by the bot (issue 12): staff get the staff menu
   * when they join and lose it when removed; a job compares this with the staff list, so a crash
   * between the change and LINE's call is mended on the next pass.
   */
  const richMenuLinks = table(
    'rich_menu_links',
    {
      officeId: officeId(),
      userId: text('user_id').notNull(),
      /** LINE's id of the menu linked (the one the alias 'staff' pointed to then): a redeploy relinks. */
      menu: text('menu').notNull(),
      linkedAt: time('linked_at').notNull(),
    },
    (t) => [primaryKey({ columns: [t.officeId, t.userId] })],
  );

  return {
    richMenuLinks,
    users,
    inbox,
    conversations,
    outbox,
    staff,
    bookings,
    eligibilityChecks,
    instances,
    cases,
    caseHistory,
    caseCounters,
    attachments,
    mchchSubscriptions,
    staffInvitations,
    throttles,
    staffSignInLinks,
    staffSessions,
    auditLog,
    handoffs,
    handoffMessages,
  };
}

// ---- rows as the query layer returns them (camelCased; booleans as stored: 0/1 on SQLite) ----

export interface InboxRow {
  eventId: string;
  officeId: string;
  chatKey: string;
  type: string;
  timestamp: number;
  payload: string | null;
  status: 'pending' | 'done' | 'failed' | 'refused';
  attempts: number;
  retryAt: number | null;
  error: string | null;
  receivedAt: number;
  processedAt: number | null;
}

export interface OutboxRow {
  id: number;
  officeId: string;
  to: string;
  mode: 'reply' | 'push';
  replyToken: string | null;
  messages: string;
  retryKey: string;
  purpose: string;
  ref: string | null;
  dedupeKey: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  dueAt: number;
  claimedUntil: number | null;
  claimedBy: string | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface BookingRow {
  id: number;
  officeId: string;
  code: string;
  userId: string;
  serviceId: string;
  slotDate: string;
  slotStart: string;
  startsAt: number;
  name: string;
  phone: string;
  forWhom: string | null;
  status: 'booked' | 'cancelled';
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
}

export interface EligibilityCheckRow {
  id: number;
  officeId: string;
  userId: string;
  forWhom: 'self' | 'family';
  asOf: string;
  rulesVersion: string;
  facts: string;
  outcomes: string;
  createdAt: number;
}

export interface CaseRow {
  id: number;
  officeId: string;
  kind: string;
  reference: string | null;
  applicantUserId: string;
  status: string;
  version: number;
  data: string;
  reopened: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
}

export interface CaseHistoryRow {
  id: number;
  officeId: string;
  caseId: number;
  at: number;
  actorKind: 'applicant' | 'officer' | 'admin' | 'system';
  actorId: string;
  fromStatus: string | null;
  toStatus: string;
  version: number;
  note: string | null;
  internal: boolean | number;
  onDate: string | null;
}

export interface MchchSubscriptionRow {
  officeId: string;
  userId: string;
  createdAt: number;
  afterRound: string | null;
  notifiedRound: string | null;
  notifiedAt: number | null;
}

export interface AttachmentRow {
  officeId: string;
  id: number;
  messageId: string;
  userId: string;
  sha256: string;
  mime: string;
  bytes: number;
  fileName: string | null;
  imageSetId: string | null;
  imageSetIndex: number | null;
  imageSetTotal: number | null;
  caseId: number | null;
  slot: string | null;
  createdAt: number;
}

export type StaffRole = 'officer' | 'admin';

export interface StaffInvitationRow {
  officeId: string;
  id: number;
  codeHash: string;
  role: StaffRole;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

export interface StaffSessionRow {
  officeId: string;
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface AuditRow {
  officeId: string;
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

export interface HandoffRow {
  officeId: string;
  id: number;
  userId: string;
  openedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  lastMessageAt: number;
}

export interface HandoffMessageRow {
  officeId: string;
  id: number;
  handoffId: number;
  at: number;
  author: 'villager' | 'staff';
  staffUserId: string | null;
  text: string;
}
