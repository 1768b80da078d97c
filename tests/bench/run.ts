// npm run bench: signed webhook requests at a fixed concurrency against (1) a bare Hono endpoint that
// only verifies the signature — the baseline — and (2) the whole bot, where each request is a text
// message taken through a full turn (inbox → engine → state saved → reply to the fake LINE API).
// Both run in the same run, on the same machine, so the figures that matter are the ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announcedPort } from '../support/instances';
import { runContention } from './contention';
import { runInstancesBench } from './instances';
import { runOutboxDrain } from './outbox';
import { runRetentionBench } from './retention';
import { runSizeBench } from './size';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECRET = 'bench-channel-secret';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
export const WARMUP = 200;
/** How much heavier each turn is in the heavy-turn case (busy CPU inside the turn). */
const HEAVY_MS = Number(process.env.BENCH_HEAVY_MS ?? 5);

export interface Server {
  url: string;
  child: ChildProcess;
}

export async function startServer(mode: 'bot' | 'bare', env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', path.join(HERE, 'server.ts'), mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const port = await announcedPort(child, `${mode} server`);
  return { url: `http://127.0.0.1:${port}`, child };
}

export async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

export function signedBody(userId: string, text: string, replyToken: string, secret = SECRET): { body: string; signature: string } {
  const body = JSON.stringify({
    destination: 'U' + '0'.repeat(32),
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: randomUUID(),
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId },
        replyToken,
        message: { type: 'text', id: randomUUID(), quoteToken: 'q', text },
      },
    ],
  });
  return { body, signature: createHmac('sha256', secret).update(body).digest('base64') };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What the load is sent to: the webhook (or several, taken in turn) and the fake LINE API behind it. */
export interface LoadTarget {
  webhooks: string[];
  secret: string;
  /** A reply token per user, as LINE issues one per event before it calls. */
  tokens(userIds: string[]): Promise<string[]>;
  /** How many messages the fake LINE API accepted; with `full`, each one's recipient and time (epoch ms). */
  replies(full: boolean): Promise<{ count: number; sent: { to: string; at: number }[]; rss?: number }>;
}

/** The bench server (server.ts): one process with the fake LINE API inside. */
export function serverTarget(server: Server): LoadTarget {
  return {
    webhooks: [`${server.url}/webhook`],
    secret: SECRET,
    tokens: (userIds) =>
      Promise.all(
        userIds.map(async (userId) => {
          const response = await fetch(`${server.url}/bench/token`, { method: 'POST', body: JSON.stringify({ userId }) });
          return response.ok ? ((await response.json()) as { token: string }).token : randomUUID().replace(/-/g, '');
        }),
      ),
    replies: async (full) => (await (await fetch(`${server.url}/bench/stats${full ? '?full=1' : ''}`)).json()) as { count: number; sent: { to: string; at: number }[]; rss: number },
  };
}

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  turnRps?: number;
  turnP50?: number;
  turnP99?: number;
  rssMb?: number;
}

export async function load(target: LoadTarget, requests: number, fullTurn: boolean): Promise<Result> {
  const users = Array.from({ length: requests }, () => 'U' + randomUUID().replace(/-/g, ''));
  // Reply tokens are issued before the clock starts, as LINE issues them before it calls us.
  const tokens = fullTurn ? await target.tokens(users) : users.map(() => 'x'.repeat(32));
  const prepared = users.map((userId, i) => ({ userId, ...signedBody(userId, 'ติดต่อ', tokens[i]!, target.secret) }));
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const sentBefore = fullTurn ? (await target.replies(false)).count : 0;
  let next = 0;
  const started = performance.now();
  const startedWall = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < prepared.length) {
        const webhook = target.webhooks[next % target.webhooks.length]!;
        const item = prepared[next++]!;
        const t0 = performance.now();
        sentAt.set(item.userId, Date.now());
        const response = await fetch(webhook, {
          method: 'POST',
          body: item.body,
          headers: { 'content-type': 'application/json', 'x-line-signature': item.signature },
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result: Result = { rps: requests / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };

  let stats = await target.replies(false);
  if (fullTurn) {
    const want = new Set(users);
    const expected = sentBefore + requests;
    // Until every reply is in, or none has come for 15 s (on a busy machine the turns lag far behind).
    let progressAt = Date.now();
    while (stats.count < expected && Date.now() - progressAt < 15_000) {
      await new Promise((r) => setTimeout(r, 50));
      const before = stats.count;
      stats = await target.replies(false);
      if (stats.count > before) progressAt = Date.now();
    }
    stats = await target.replies(true);
    const mine = stats.sent.filter((s) => want.has(s.to));
    if (mine.length < requests) throw new Error(`only ${mine.length} of ${requests} replies arrived`);
    const turnLatencies = mine.map((s) => s.at - sentAt.get(s.to)!).sort((a, b) => a - b);
    const lastReply = Math.max(...mine.map((s) => s.at));
    Object.assign(result, {
      turnRps: requests / ((lastReply - startedWall) / 1000),
      turnP50: percentile(turnLatencies, 50),
      turnP99: percentile(turnLatencies, 99),
    });
  }
  if (stats.rss !== undefined) result.rssMb = stats.rss / 1024 / 1024;
  return result;
}

export const f = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));

async function webhookBench(): Promise<void> {
  console.log(`\nWebhook: ${REQUESTS} signed requests, concurrency ${CONCURRENCY}, after ${WARMUP} warm-up requests each\n`);
  const bare = await startServer('bare');
  await load(serverTarget(bare), WARMUP, false);
  const baseline = await load(serverTarget(bare), REQUESTS, false);
  await stopServer(bare);

  const bot = await startServer('bot');
  await load(serverTarget(bot), WARMUP, true);
  const full = await load(serverTarget(bot), REQUESTS, true);
  await stopServer(bot);

  // The same bot with every turn made HEAVY_MS heavier: the turn latency grows, the ack should not
  // grow with it (the route answers before the turn runs).
  const heavyBot = await startServer('bot', { BENCH_TURN_EXTRA_MS: String(HEAVY_MS) });
  await load(serverTarget(heavyBot), WARMUP, true);
  const heavy = await load(serverTarget(heavyBot), REQUESTS, true);
  await stopServer(heavyBot);

  console.log('| server | req/s | ack p50 ms | ack p99 ms | full turns/s | turn p50 ms | turn p99 ms | RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  const rows = [['bare Hono, signature only (baseline)', baseline], ['bot, full turn', full], [`bot, each turn ${HEAVY_MS} ms heavier`, heavy]] as const;
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.turnRps, 0)} | ${f(r.turnP50)} | ${f(r.turnP99)} | ${f(r.rssMb, 0)} |`);
  }
  console.log(`\nratio bot/baseline: acknowledged req/s ${f(full.rps / baseline.rps, 2)}×, completed turns/s ${f(full.turnRps! / baseline.rps, 2)}×, p99 ack latency ${f(full.p99 / baseline.p99, 2)}×`);
  console.log(
    `ratio heavy/light turn: turn p50 ${f(heavy.turnP50! / full.turnP50!, 2)}×, turn p99 ${f(heavy.turnP99! / full.turnP99!, 2)}×; ` +
      `ack p50 ${f(heavy.p50 / full.p50, 2)}×, ack p99 ${f(heavy.p99 / full.p99, 2)}×; ack p50 / turn p50: light ${f(full.p50 / full.turnP50!, 2)}, heavy ${f(heavy.p50 / heavy.turnP50!, 2)}`,
  );
}

// The clean-up case pre-fills a million users, which takes minutes: only on request.
if (process.argv.includes('--retention') || process.env.BENCH_RETENTION) {
  await runRetentionBench();
} else if (process.argv.includes('--instances')) {
  await runInstancesBench();
} else if (process.argv.includes('--size')) {
  await runSizeBench();
} else {
  await webhookBench();
  await runInstancesBench();
  await runContention();
  await runOutboxDrain();
  console.log('\n(the clean-up case at 1M users: npm run bench -- --retention; per-turn cost with 1k and 1M stored users: npm run bench -- --size)');
}
