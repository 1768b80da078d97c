// Several bot processes on one database, as a deployment behind a load balancer runs them: N real
// servers (`node --import tsx src/index.ts`, see live-bot.ts), each on its own port, on one PostgreSQL
// schema (or, for one process, a SQLite file), with real-looking credentials, talking to the fake LINE
// API served by a process of its own; and a load balancer that spreads signed webhook posts across
// them round-robin and, like LINE, redelivers a post that got no 200 — to another instance.
// Used by tests/fault/instances.test.ts and `npm run bench` (tests/bench/instances.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { botProcess, postSigned, sleep, type BotProcess } from './bot-process';
import { freshPgSchema, testDatabaseUrl } from './database-url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READY_MS = 30_000;

/** A channel secret and long-lived access token shaped like LINE's (32 hex digits; 172 base64 characters). */
export function realLookingCredentials(): { secret: string; token: string } {
  return { secret: randomBytes(16).toString('hex'), token: randomBytes(129).toString('base64').slice(0, 172) };
}

/** What the fake received, one message request (a reply, or a push to one user). */
export interface Delivered {
  seq: number;
  /** Epoch ms when the fake accepted it. */
  at: number;
  via: 'reply' | 'push' | 'multicast';
  to: string;
  replyToken?: string;
  retryKey?: string;
}

export interface FakeLineProcess {
  readonly url: string;
  /** One fresh reply token per chat id, as LINE puts one in each webhook event. */
  tokens(chatIds: readonly string[]): Promise<string[]>;
  /** How many message requests were accepted so far. */
  count(): Promise<number>;
  /** Every message request accepted, in the order received. */
  delivered(): Promise<Delivered[]>;
  /** Every push call with its answer (a retry key sent again is answered 409). */
  pushCalls(): Promise<{ path: string; status: number; retryKey?: string }[]>;
  close(): Promise<void>;
}

/** Every child process started here, so that nothing outlives the test run even when it fails. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** The port a helper process prints as `PORT <n>` once it listens (the fake LINE, the bench servers). */
export function announcedPort(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /PORT (\d+)/.exec(buffer);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

/** The fake LINE API in its own process (tests/support/fake-line-process.ts). */
export async function startFakeLineProcess(options: { token: string; latencyMs?: number; pushesPerSecond?: number }): Promise<FakeLineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/fake-line-process.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      FAKE_LINE_TOKEN: options.token,
      ...(options.latencyMs && { FAKE_LINE_LATENCY_MS: String(options.latencyMs) }),
      ...(options.pushesPerSecond && { FAKE_LINE_PUSHES_PER_SECOND: String(options.pushesPerSecond) }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const port = await announcedPort(child, 'the fake LINE process');
  const url = `http://127.0.0.1:${port}`;
  const json = async <T>(route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${route}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`fake LINE ${route} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    url,
    tokens: async (chatIds) => (await json<{ tokens: string[] }>('/fake/tokens', { chatIds })).tokens,
    count: async () => (await json<{ count: number }>('/fake/sent?count')).count,
    delivered: async () => (await json<{ sent: Delivered[] }>('/fake/sent')).sent,
    pushCalls: () => json('/fake/calls'),
    close: () => stopChild(child),
  };
}

export interface InstanceSet {
  readonly bots: readonly BotProcess[];
  readonly secret: string;
  /** Where a test reads the shared database: the PostgreSQL URL with the schema's search_path (undefined on SQLite). */
  readonly databaseUrl: string | undefined;
  /** SIGKILL one instance: no shutdown, no flush, as a power cut or the OOM killer. */
  kill(index: number): Promise<void>;
  /** Kill every process still running and drop the schema; safe to call after a failure. */
  close(): Promise<void>;
}

async function healthy(bot: BotProcess): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const ok = await fetch(`${bot.url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${bot.url}/healthz never answered 200`);
    await sleep(50);
  }
}

/**
 * `count` bot processes on one fresh PostgreSQL schema under `pgUrl` (or one process on a SQLite file
 * when `pgUrl` is undefined), ready when each answers /healthz. The first starts alone: it runs the
 * migrations, which are not safe to run from several processes at once.
 */
export async function startInstances(
  count: number,
  options: { line: Pick<FakeLineProcess, 'url'>; token: string; secret: string; pgUrl: string | undefined; env?: Record<string, string> },
): Promise<InstanceSet> {
  if (!options.pgUrl && count > 1) throw new Error('several instances need PostgreSQL: one SQLite file has one process');
  const schema = options.pgUrl ? await freshPgSchema(options.pgUrl) : undefined;
  const databaseUrl = schema ? testDatabaseUrl(schema.schema) : undefined;
  const database: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-instances-')), 'bot.db') };
  const env = { LINE_CHANNEL_SECRET: options.secret, LINE_CHANNEL_ACCESS_TOKEN: options.token, ...database, ...options.env };
  const bots: BotProcess[] = [];
  const close = async () => {
    await Promise.all(bots.map((bot) => bot.kill()));
    await schema?.drop();
  };
  try {
    for (let i = 0; i < count; i++) bots.push(await botProcess(options.line.url, env));
    const ready = async (bot: BotProcess) => {
      await bot.start();
      await healthy(bot);
    };
    await ready(bots[0]!);
    await Promise.all(bots.slice(1).map(ready));
  } catch (error) {
    await close();
    throw error;
  }
  return { bots, secret: options.secret, databaseUrl, kill: (index) => bots[index]!.kill(), close };
}

/**
 * A load balancer in front of the instances, with LINE's redelivery behind it: each post goes to the
 * next instance in turn; a post that gets no 200 (connection refused or reset by a killed process) is
 * sent again, marked as a redelivery, to the next instance, and the one that failed leaves the rotation
 * (as a health-checked balancer takes it out).
 */
export class LoadBalancer {
  private next = 0;
  private readonly down = new Set<number>();
  /** Posts sent again after a failed one. */
  redeliveries = 0;

  constructor(
    private readonly bots: readonly Pick<BotProcess, 'url'>[],
    private readonly secret: string,
  ) {}

  /** Deliver one event (its own batch); resolves once an instance answered 200, with that instance's index. */
  async deliver<E extends { deliveryContext: { isRedelivery: boolean } }>(event: E): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const index = this.pick();
      const body = attempt === 0 ? event : { ...event, deliveryContext: { isRedelivery: true } };
      if (await postSigned(this.bots[index]!, [body], this.secret)) return index;
      this.down.add(index);
      this.redeliveries++;
      if (this.down.size === this.bots.length) {
        // Nobody answers: wait as LINE does before the next try.
        this.down.clear();
        await sleep(500);
      }
    }
  }

  private pick(): number {
    for (;;) {
      const index = this.next++ % this.bots.length;
      if (!this.down.has(index)) return index;
    }
  }
}
