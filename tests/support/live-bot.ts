// The bot as LINE meets it, for fault-injection tests: the real server (`node --import tsx
// src/index.ts`) as a child process that can be killed, on a temp SQLite file, talking to the fake
// LINE API served from the test process on a loopback port; and a webhook sender that behaves like
// LINE (signed posts, redelivery of what was not acknowledged with the same webhookEventId).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import Database from 'better-sqlite3';
import { FakeLine, type FakeLineOptions } from '../../src/line/fake';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const LIVE_SECRET = 'fault-channel-secret';
export const LIVE_TOKEN = 'fault-access-token';

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

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface LiveBot {
  readonly url: string;
  readonly file: string;
  /** Every JSON log line the bot wrote, across restarts. */
  readonly logs: Record<string, unknown>[];
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no flush, as a power cut or the OOM killer. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** A read-only look at the database (the bot may be running). */
  query<T>(sql: string, ...params: unknown[]): T[];
}

/** `line`: where the bot finds LINE (the fake in this process, or one in a process of its own). */
export async function liveBot(line: Pick<LiveLine, 'url'>, env: Record<string, string> = {}): Promise<LiveBot> {
  const port = await freePort();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-fault-')), 'bot.db');
  const logs: Record<string, unknown>[] = [];
  let child: ChildProcess | undefined;
  const end = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
    child = undefined;
  };

  const bot: LiveBot = {
    url: `http://127.0.0.1:${port}`,
    file,
    logs,
    get running() {
      return child !== undefined;
    },
    async start() {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          DATABASE_PATH: file,
          LINE_CHANNEL_SECRET: LIVE_SECRET,
          LINE_CHANNEL_ACCESS_TOKEN: LIVE_TOKEN,
          LINE_API_BASE_URL: line.url,
          LINE_DATA_API_BASE_URL: line.url,
          SIMULATOR: 'off',
          LOG_LEVEL: 'info',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let buffer = '';
      let stderr = '';
      proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        proc.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const lineText = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (!lineText.startsWith('{')) continue;
            const entry = JSON.parse(lineText) as Record<string, unknown>;
            logs.push(entry);
            if (entry.msg === 'bot listening') resolve();
          }
        });
        proc.once('exit', (code, signal) => {
          if (child === proc) child = undefined;
          reject(new Error(`bot exited (${code ?? signal}) before listening: ${stderr.slice(0, 2000)}`));
        });
      });
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
  return bot;
}

let eventCounter = 0;

/** A text message event as LINE sends it, with a reply token the fake will honour. */
export function textEvent(fake: FakeLine, userId: string, text: string) {
  return textEventWith(fake.issueReplyToken(userId), userId, text);
}

/** A text message event carrying a reply token issued elsewhere (a fake LINE in another process). */
export function textEventWith(replyToken: string, userId: string, text: string) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    webhookEventId: `01FAULT${String(++eventCounter).padStart(19, '0')}`,
    deliveryContext: { isRedelivery: false },
    source: { type: 'user', userId },
    replyToken,
    message: { type: 'text', id: randomUUID(), quoteToken: 'q', text },
  };
}
export type LiveEvent = ReturnType<typeof textEvent>;

/** POST one signed batch; true when the bot answered 200 (LINE's "delivered"). */
export async function postSigned(bot: Pick<LiveBot, 'url'>, events: unknown[], secret = LIVE_SECRET): Promise<boolean> {
  const body = JSON.stringify({ destination: 'U' + 'f'.repeat(32), events });
  const signature = createHmac('sha256', secret).update(body).digest('base64');
  try {
    const response = await fetch(`${bot.url}/webhook`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll until `done()` or the deadline; returns whether it got there. */
export async function waitFor(done: () => boolean, ms: number, every = 100): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (done()) return true;
    await sleep(every);
  }
  return done();
}
