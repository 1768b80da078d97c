// The real server (`node --import tsx src/index.ts`) as a child process that can be killed, and a
// sender that posts signed webhook batches to it as LINE does. Without vitest, so the benchmark uses
// it too; tests/support/live-bot.ts adds the test database, tests/support/instances.ts several of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const LIVE_SECRET = 'fault-channel-secret';
export const LIVE_TOKEN = 'fault-access-token';

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface BotProcess {
  readonly url: string;
  /** Every JSON log line the bot wrote, across restarts. */
  readonly logs: Record<string, unknown>[];
  readonly running: boolean;
  /** Resolves when the bot logs that it listens. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no flush, as a power cut or the OOM killer. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The bot on its own port, talking to LINE at `lineUrl`; `env` gives the database (DATABASE_URL or
 * DATABASE_PATH) and overrides the rest (test credentials, simulator off, info log).
 */
export async function botProcess(lineUrl: string, env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
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
  return {
    url: `http://127.0.0.1:${port}`,
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
          LINE_CHANNEL_SECRET: LIVE_SECRET,
          LINE_CHANNEL_ACCESS_TOKEN: LIVE_TOKEN,
          LINE_API_BASE_URL: lineUrl,
          LINE_DATA_API_BASE_URL: lineUrl,
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
  };
}

/** POST one signed batch; true when the bot answered 200 (LINE's "delivered"). */
export async function postSigned(bot: { url: string }, events: unknown[], secret = LIVE_SECRET): Promise<boolean> {
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
export async function waitFor(done: () => boolean | Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(every);
  }
  return done();
}

let eventCounter = 0;

/** A text message event as LINE sends it, carrying a reply token the fake LINE issued. */
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
