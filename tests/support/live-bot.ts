// The bot as LINE meets it, for fault-injection tests: the real server (`node --import tsx
// src/index.ts`) as a child process that can be killed, on the test database (a temp SQLite file, or
// a fresh PostgreSQL schema when DATABASE_URL is set: tests/support/database.ts), talking to the fake
// LINE API served from the test process on a loopback port; and a webhook sender that behaves like
// LINE (signed posts, redelivery of what was not acknowledged with the same webhookEventId).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Database } from '../../src/db/sql';
import { FakeLine, type FakeLineOptions } from '../../src/line/fake';
import { botProcess, LIVE_TOKEN, textEventWith, type BotProcess } from './bot-process';
import { dynamicQuery, newTestDatabaseName, openTestDatabase, testDatabaseUrl } from './database';

export { freePort, LIVE_SECRET, LIVE_TOKEN, postSigned, sleep, textEventWith, waitFor } from './bot-process';

export interface LiveLine {
  fake: FakeLine;
  url: string;
  close(): Promise<void>;
}

/** The fake LINE API on a loopback port of the test process. */
export async function startLiveLine(options: FakeLineOptions = {}): Promise<LiveLine> {
  const fake = new FakeLine(LIVE_TOKEN, Date.now, options);
  const server: ServerType = serve({ fetch: fake.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    fake,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        fake.endOutage();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The bot process on its own test database. */
export interface LiveBot extends BotProcess {
  /** The test database's name (the SQLite file, or the PostgreSQL schema). */
  readonly file: string;
  /** The test process's own handle on the bot's database (reads while it runs; test set-up). */
  readonly db: Database;
  /** A look at the database (the bot may be running); rows camelCased, as the bot reads them. */
  query<T>(sql: string): Promise<T[]>;
  /** Stop the process and close the test's handle. */
  close(): Promise<void>;
}

/**
 * `line`: where the bot finds LINE. `name`: an existing test database to share (another bot process
 * on it); by default a new one.
 */
export async function liveBot(line: Pick<LiveLine, 'url'>, env: Record<string, string> = {}, name?: string): Promise<LiveBot> {
  const file = name ?? newTestDatabaseName(() => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-fault-')), 'bot.db'));
  const db = await openTestDatabase(file);
  const url = testDatabaseUrl(file);
  const proc = await botProcess(line.url, { ...(url ? { DATABASE_URL: url } : { DATABASE_PATH: file }), ...env });
  return {
    url: proc.url,
    file,
    db,
    logs: proc.logs,
    get running() {
      return proc.running;
    },
    start: () => proc.start(),
    kill: () => proc.kill(),
    stop: () => proc.stop(),
    query<T>(sql: string): Promise<T[]> {
      return db.all<T>(dynamicQuery([sql], []));
    },
    async close() {
      await proc.stop();
      await db.close();
    },
  };
}

/** A text message event as LINE sends it, with a reply token the fake will honour. */
export function textEvent(fake: FakeLine, userId: string, text: string) {
  return textEventWith(fake.issueReplyToken(userId), userId, text);
}
export type LiveEvent = ReturnType<typeof textEvent>;
