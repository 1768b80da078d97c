// The test bot: the real app on a real SQLite file, LINE answered by the in-process fake through msw
// (so the SDK's real HTTP calls are exercised), a controllable clock, and helpers to talk to it like
// a user. Every request the bot makes to LINE is checked against the official OpenAPI spec and the
// limits; `expectNoLineProblems()` fails a test that sent anything LINE would reject.
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import { createApp, type AppDeps, type Bot, type OfficeSetup } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Database, Sql } from '../../src/db/sql';
import { newTestDatabaseName, onPostgres, openTestDatabase } from './database';
import { createLineClient } from '../../src/line/client';
import { FakeLine } from '../../src/line/fake';
import { setLogSink } from '../../src/log';
import { loadOfficeProfile, type OfficeProfile } from '../../src/office/profile';
import { checkMessages } from '../../src/line/limits';
import { validateAgainstSpec, type LineRequestKind } from './line-spec';

export const SECRET = 'test-channel-secret';
export const TOKEN = 'test-access-token';
export const LINE_API = 'https://api.line.me';
/** Message content (photos and files users send) comes from LINE's data API host. */
export const LINE_DATA_API = 'https://api-data.line.me';

export type Message = messagingApi.Message;

// ---- offices: 'default', and more ('a', 'b'; 'north', 'south' for db:move) for the tests of several offices

/** Each test office's channel secret, access token and bot user id (LINE's destination). */
export const officeSecret = (office: string): string => (office === 'default' ? SECRET : `${SECRET}-${office}`);
export const officeToken = (office: string): string => (office === 'default' ? TOKEN : `${TOKEN}-${office}`);
export const officeBotUserId = (office: string): string => `U${Buffer.from(office.padEnd(16, '.')).toString('hex').slice(0, 32)}`;
const TEST_OFFICES = ['default', 'a', 'b', 'north', 'south'];

// ---- one fake LINE per test file, reached through msw ---------------------------------------

export const fake = new FakeLine(Object.fromEntries(TEST_OFFICES.map((office) => [office, officeToken(office)])), () => clock.now().getTime());
const lineProblems: string[] = [];
const KIND_BY_PATH: Record<string, LineRequestKind> = {
  '/v2/bot/message/reply': 'reply',
  '/v2/bot/message/push': 'push',
  '/v2/bot/message/multicast': 'multicast',
  '/v2/bot/chat/loading/start': 'loading',
};

const server = setupServer(
  http.all(`${LINE_API}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const kind = KIND_BY_PATH[url.pathname];
    if (kind && request.method === 'POST') {
      const body = (await request.clone().json()) as { messages?: Message[] };
      for (const problem of validateAgainstSpec(kind, body)) lineProblems.push(`${url.pathname}: ${problem}`);
      if (body.messages) for (const v of checkMessages(body.messages)) lineProblems.push(`${url.pathname}: ${v.path} ${v.rule}`);
    }
    return fake.app.fetch(request);
  }),
  http.all(`${LINE_DATA_API}/*`, ({ request }) => fake.app.fetch(request)),
);

beforeAll(() => {
  setLogSink(() => undefined);
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => server.close());

/** Fails if anything the bot sent to LINE in this test broke the spec or a limit. */
export function expectNoLineProblems(): void {
  const problems = lineProblems.splice(0);
  expect(problems, problems.join('\n')).toEqual([]);
}

// ---- clock -----------------------------------------------------------------------------------

export const clock = {
  current: new Date('2026-11-23T03:00:00Z'), // Monday 10:00 in Bangkok
  now(): Date {
    return this.current;
  },
  set(iso: string): void {
    this.current = new Date(iso);
  },
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  },
};

// ---- the bot ---------------------------------------------------------------------------------

export interface TestBot {
  bot: Bot;
  db: Database;
  config: Config;
  /** The database's name: the SQLite file, or the PostgreSQL schema when DATABASE_URL is set. */
  file: string;
  /** Re-create the app on the same database file, as after a restart (waits for work under way). */
  restart(): Promise<TestBot>;
  close(): Promise<void>;
}

export function tempDbFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-bot-')), 'bot.db');
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, SIMULATOR: 'off', ...overrides });
}

/** The offices a test bot serves: the single 'default', or these ids (each with its own channel and the example profile). */
function testOffices(config: Config, ids?: readonly string[], change: (profile: OfficeProfile) => OfficeProfile = (p) => p): OfficeSetup[] {
  const lineOf = (office: string) =>
    createLineClient({ channelAccessToken: officeToken(office), apiBaseUrl: LINE_API, dataApiBaseUrl: LINE_DATA_API });
  return ids
    ? ids.map((id) => ({
        profile: change({ ...loadOfficeProfile(config.officeConfigPath, id), botUserId: officeBotUserId(id) }),
        channelSecret: officeSecret(id),
        channelAccessToken: officeToken(id),
        line: lineOf(id),
      }))
    : [{ profile: change(loadOfficeProfile(config.officeConfigPath)), channelSecret: config.line.channelSecret, channelAccessToken: TOKEN, line: lineOf('default') }];
}

export interface TestBotOptions {
  file?: string;
  env?: Record<string, string>;
  deps?: Partial<AppDeps>;
  /** Serve these offices (each with its own channel and the example profile) instead of the single 'default'. */
  offices?: readonly string[];
  /** Wrap the database handle the app gets (e.g. to record its statements). */
  wrapDb?: (db: Database) => Database;
  /** How `file` is opened: the test database by default (a SQLite file, or a PostgreSQL schema with DATABASE_URL). */
  open?: (file: string) => Promise<Database>;
  /** Change each office's profile (e.g. its group settings: `(p) => ({ ...p, groups: { ...p.groups, collectMemberIds: true } })`). */
  profile?: (profile: OfficeProfile) => OfficeProfile;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const file = options.file ?? newTestDatabaseName(tempDbFile);
  // Photos and files go to a fresh folder per bot, kept across its restarts (never ./data).
  options = { ...options, env: { ATTACHMENTS_DIR: path.join(path.dirname(tempDbFile()), 'attachments'), ...options.env } };
  const config = testConfig({ DATABASE_PATH: tempDbFile(), ...options.env });
  const opened = await (options.open ?? openTestDatabase)(file);
  const db = options.wrapDb ? options.wrapDb(opened) : opened;
  const offices = testOffices(config, options.offices, options.profile);
  const bot = createApp({ config, db, offices, now: () => clock.now(), ...options.deps });
  let closed = false;
  const testBot: TestBot = {
    bot,
    db,
    config,
    file,
    async restart() {
      await testBot.close();
      return createTestBot({ ...options, file });
    },
    async close() {
      bot.stop();
      await bot.idle();
      if (!closed) await db.close();
      closed = true;
    },
  };
  return testBot;
}

/**
 * The database with every transaction held a while before it commits (a slow turn, holding its
 * locks): 40 ms, or until `pause` resolves.
 */
export function slowTransactions(db: Database, pause: () => Promise<unknown> = () => new Promise((resolve) => setTimeout(resolve, 40))): Database {
  return {
    dialect: db.dialect,
    get: (query) => db.get(query),
    all: (query) => db.all(query),
    run: (query) => db.run(query),
    transaction: <T>(fn: (tx: Sql) => Promise<T>) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        await pause();
        return result;
      }),
    reachable: () => db.reachable(),
    close: () => db.close(),
  };
}

/**
 * Another instance of the bot on the same database, with its own INSTANCE_ID: on PostgreSQL its own
 * connection pool (another process, as far as the database can tell); on SQLite the same handle, as
 * SQLite has one writer. `wrap` may slow its database down. Not started: the test drives it.
 */
export async function secondInstance(
  t: TestBot,
  instanceId: string,
  wrap: (db: Database) => Database = (db) => db,
): Promise<{ bot: Bot; close(): Promise<void> }> {
  const opened = onPostgres ? await openTestDatabase(t.file) : t.db;
  const db = wrap(opened);
  const config = testConfig({ DATABASE_PATH: tempDbFile(), INSTANCE_ID: instanceId });
  const bot = createApp({ config, db, offices: testOffices(config), now: () => clock.now() });
  return {
    bot,
    async close() {
      bot.stop();
      await bot.idle();
      if (opened !== t.db) await opened.close();
    },
  };
}

// ---- talking to it ---------------------------------------------------------------------------

export function sign(body: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** POST /webhook (or /webhook/<path> when given), signed with the test secret unless `signature` says otherwise. */
export function postWebhook(bot: Bot, payload: unknown, signature?: string | null, path = '/webhook'): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = signature === undefined ? sign(body) : signature;
  if (sig !== null) headers['x-line-signature'] = sig;
  return Promise.resolve(bot.app.request(path, { method: 'POST', body, headers }));
}

let eventCounter = 0;
function common(userId: string, extra: Record<string, unknown> = {}) {
  return {
    webhookEventId: `01TEST${String(++eventCounter).padStart(20, '0')}`,
    timestamp: clock.now().getTime() + eventCounter, // strictly increasing, like real events
    mode: 'active',
    source: { type: 'user', userId },
    deliveryContext: { isRedelivery: false },
    ...extra,
  };
}

/** `channel`: the office whose channel the event comes through (its reply token is that channel's). */
export const events = {
  text: (userId: string, text: string, channel?: string) => ({
    ...common(userId),
    type: 'message',
    replyToken: fake.issueReplyToken(userId, channel),
    message: { type: 'text', id: randomUUID(), quoteToken: 'q', text },
  }),
  postback: (userId: string, data: string, params?: Record<string, string>, channel?: string) => ({
    ...common(userId),
    type: 'postback',
    replyToken: fake.issueReplyToken(userId, channel),
    postback: params ? { data, params } : { data },
  }),
  sticker: (userId: string, channel?: string) => ({
    ...common(userId),
    type: 'message',
    replyToken: fake.issueReplyToken(userId, channel),
    message: { type: 'sticker', id: randomUUID(), packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: 'q' },
  }),
  audio: (userId: string) => ({
    ...common(userId),
    type: 'message',
    replyToken: fake.issueReplyToken(userId),
    message: { type: 'audio', id: randomUUID(), duration: 3000, contentProvider: { type: 'line' } },
  }),
  /** A photo; its content is what `fake.setContent(id, …)` was given. Part of a set when `imageSet` is given. */
  image: (userId: string, id: string, imageSet?: { id: string; index: number; total: number }) => ({
    ...common(userId),
    type: 'message',
    replyToken: fake.issueReplyToken(userId),
    message: { type: 'image', id, quoteToken: 'q', contentProvider: { type: 'line' }, ...(imageSet && { imageSet }) },
  }),
  /** A file; the name and size are what the sender's phone says (the bot trusts neither for the kind). */
  file: (userId: string, id: string, fileName: string, fileSize: number) => ({
    ...common(userId),
    type: 'message',
    replyToken: fake.issueReplyToken(userId),
    message: { type: 'file', id, fileName, fileSize },
  }),
  follow: (userId: string, channel?: string) => ({ ...common(userId), type: 'follow', replyToken: fake.issueReplyToken(userId, channel), follow: { isUnblocked: false } }),
  unfollow: (userId: string) => ({ ...common(userId), type: 'unfollow' }),
};

export function callback(...evs: unknown[]) {
  return { destination: 'U' + 'f'.repeat(32), events: evs };
}

/** A batch as LINE sends it to one office's channel (its bot as the destination). */
export function callbackTo(office: string, ...evs: unknown[]) {
  return { destination: officeBotUserId(office), events: evs };
}

/**
 * A pretend user: says things and taps buttons, and reads what the bot answered. With `office`, they
 * talk to that office's channel (POST /webhook/<office>, its secret) and read only what it sent.
 */
export class Person {
  /** Only what the bot sends after this person appears counts as their reply. */
  private seen = fake.sent.reduce((max, r) => Math.max(max, r.seq), 0);
  constructor(
    readonly t: TestBot,
    readonly userId = 'U' + randomUUID().replace(/-/g, ''),
    readonly office = 'default',
  ) {}

  private mine(record: { to: string; channel: string }): boolean {
    return record.to === this.userId && record.channel === this.office;
  }

  private async deliver(event: unknown): Promise<Message[]> {
    const body = JSON.stringify(this.office === 'default' ? callback(event) : callbackTo(this.office, event));
    const path = this.office === 'default' ? '/webhook' : `/webhook/${this.office}`;
    const response = await postWebhook(this.t.bot, body, sign(body, officeSecret(this.office)), path);
    expect(response.status).toBe(200);
    await this.t.bot.idle();
    const fresh = fake.sent.filter((r) => this.mine(r) && r.seq > this.seen);
    this.seen = fake.sent.reduce((max, r) => Math.max(max, r.seq), this.seen);
    return fresh.flatMap((r) => r.messages);
  }

  private get channel(): string | undefined {
    return this.office === 'default' ? undefined : this.office;
  }

  say(text: string): Promise<Message[]> {
    return this.deliver(events.text(this.userId, text, this.channel));
  }
  follow(): Promise<Message[]> {
    return this.deliver(events.follow(this.userId, this.channel));
  }
  sticker(): Promise<Message[]> {
    return this.deliver(events.sticker(this.userId, this.channel));
  }
  /** Send a photo whose content the fake LINE serves (`fake.setContent(id, …)` first). */
  image(id: string, imageSet?: { id: string; index: number; total: number }): Promise<Message[]> {
    return this.deliver(events.image(this.userId, id, imageSet));
  }
  file(id: string, fileName: string, fileSize: number): Promise<Message[]> {
    return this.deliver(events.file(this.userId, id, fileName, fileSize));
  }
  postback(data: string, params?: Record<string, string>): Promise<Message[]> {
    return this.deliver(events.postback(this.userId, data, params, this.channel));
  }

  /** Tap the quick-reply button with this label on the last message the bot sent. */
  async tap(label: string, params?: Record<string, string>): Promise<Message[]> {
    const action = quickReplyActions(this.lastMessages()).find((a) => a.label === label);
    if (!action) throw new Error(`no quick reply "${label}"; have: ${quickReplyLabels(this.lastMessages()).join(' | ')}`);
    if (action.type === 'message') return this.say((action as messagingApi.MessageAction).text!);
    return this.postback((action as messagingApi.PostbackAction).data!, params);
  }

  /** Pick a date with the date picker on the last message. */
  async pickDate(date: string): Promise<Message[]> {
    const action = quickReplyActions(this.lastMessages()).find((a) => a.type === 'datetimepicker') as messagingApi.DatetimePickerAction | undefined;
    if (!action) throw new Error('no date picker on the last message');
    return this.postback(action.data!, { date });
  }

  lastMessages(): Message[] {
    const mine = fake.sent.filter((r) => this.mine(r));
    return mine.length ? mine[mine.length - 1]!.messages : [];
  }
}

export function texts(messages: Message[]): string[] {
  return messages.flatMap((m) => (m.type === 'text' ? [(m as messagingApi.TextMessage).text] : []));
}

export function allText(messages: Message[]): string {
  return messages.map((m) => (m.type === 'text' ? (m as messagingApi.TextMessage).text : m.type === 'flex' ? JSON.stringify(m) : '')).join('\n');
}

export function quickReplyActions(messages: Message[]): (messagingApi.Action & { label?: string })[] {
  const last = messages[messages.length - 1];
  return (last?.quickReply?.items ?? []).map((item) => item.action as messagingApi.Action & { label?: string });
}

export function quickReplyLabels(messages: Message[]): string[] {
  return quickReplyActions(messages).map((a) => a.label ?? '');
}
