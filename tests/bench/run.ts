// npm run bench: signed webhook requests from one load generator, at concurrency 16 and 64, against
// (1) a bare Hono endpoint that only verifies the signature — the baseline —, (2) the peer: line-bot-sdk's
// echo-bot example (Express, the SDK's middleware() and replyMessage; peer.ts), and (3) the whole bot,
// where each request is a text message taken through a full turn (inbox → engine → state saved → reply).
// The peer and the bot reply to a fake LINE API in a process of its own, which timestamps each reply;
// all run in the same run, on the same machine, so the figures that matter are the ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announcedPort, startFakeLineProcess, type FakeLineProcess } from '../support/instances';
import { runContention } from './contention';
import { runInstancesBench } from './instances';
import { runOutboxDrain } from './outbox';
import { summariseProfile } from './profile';
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

export async function startServer(mode: 'bot' | 'bare' | 'peer', env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(mode === 'peer' ? [path.join(HERE, 'peer.ts')] : [path.join(HERE, 'server.ts'), mode])], {
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
  /** How many messages the fake LINE API accepted; with `full`, each one's recipient, reply token and time (epoch ms). */
  replies(full: boolean): Promise<{ count: number; sent: Reply[]; rss?: number }>;
  /** The server process's CPU time so far (user + system, µs) and RSS, when it reports them. */
  usage?(): Promise<Usage>;
}

export interface Reply {
  to: string;
  at: number;
  replyToken?: string;
}

export interface Usage {
  cpuMicros: number;
  rss: number;
}

const stats = async (server: Server, full = false) =>
  (await (await fetch(`${server.url}/bench/stats${full ? '?full=1' : ''}`)).json()) as { count: number; sent: Reply[]; rss: number; cpuMicros: number };

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
    replies: (full) => stats(server, full),
    usage: () => stats(server),
  };
}

/** A bench server whose replies go to the fake LINE API in its own process. */
export function remoteLineTarget(server: Server, line: FakeLineProcess): LoadTarget {
  return {
    webhooks: [`${server.url}/webhook`],
    secret: SECRET,
    tokens: (userIds) => line.tokens(userIds),
    replies: async (full) => (full ? { count: 0, sent: await line.delivered() } : { count: await line.count(), sent: [] }),
    usage: () => stats(server),
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
  /** The server's CPU time per request (ms), from the start of the load until its last reply arrived. */
  cpuMs?: number;
}

export async function load(target: LoadTarget, requests: number, fullTurn: boolean, concurrency = CONCURRENCY): Promise<Result> {
  const users = Array.from({ length: requests }, () => 'U' + randomUUID().replace(/-/g, ''));
  // Reply tokens are issued before the clock starts, as LINE issues them before it calls us.
  const tokens = fullTurn ? await target.tokens(users) : users.map(() => 'x'.repeat(32));
  const prepared = users.map((userId, i) => ({ userId, token: tokens[i]!, ...signedBody(userId, 'ติดต่อ', tokens[i]!, target.secret) }));
  const latencies: number[] = [];
  /** When each request went out (epoch ms), by its reply token: a reply is matched to its request by it. */
  const sentAt = new Map<string, number>();
  const tokenOf = new Map(prepared.map((item, i) => [item.userId, tokens[i]!]));
  const sentBefore = fullTurn ? (await target.replies(false)).count : 0;
  const usageBefore = await target.usage?.();
  let next = 0;
  const started = performance.now();
  const startedWall = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < prepared.length) {
        const webhook = target.webhooks[next % target.webhooks.length]!;
        const item = prepared[next++]!;
        const t0 = performance.now();
        sentAt.set(item.token, Date.now());
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
    // By reply token; a message without one (a push, had the reply failed) by its recipient's token.
    const mine = stats.sent.filter((s) => want.has(s.to));
    if (mine.length < requests) throw new Error(`only ${mine.length} of ${requests} replies arrived`);
    const turnLatencies = mine.map((s) => s.at - sentAt.get(s.replyToken && sentAt.has(s.replyToken) ? s.replyToken : tokenOf.get(s.to)!)!).sort((a, b) => a - b);
    const lastReply = Math.max(...mine.map((s) => s.at));
    Object.assign(result, {
      turnRps: requests / ((lastReply - startedWall) / 1000),
      turnP50: percentile(turnLatencies, 50),
      turnP99: percentile(turnLatencies, 99),
    });
  }
  const usageAfter = await target.usage?.();
  if (usageBefore && usageAfter) {
    result.cpuMs = (usageAfter.cpuMicros - usageBefore.cpuMicros) / 1000 / requests;
    result.rssMb = usageAfter.rss / 1024 / 1024;
  } else if (stats.rss !== undefined) result.rssMb = stats.rss / 1024 / 1024;
  return result;
}

export const f = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));

/** The webhook case's concurrencies: 16 and 64, or the one BENCH_CONCURRENCY names. */
const LEVELS = process.env.BENCH_CONCURRENCY ? [CONCURRENCY] : [16, 64];
const LINE_TOKEN = 'bench-access-token';

/** A bench server and, for one that replies, the fake LINE process it replies to. */
async function startWithLine(mode: 'bot' | 'peer' | 'bare', env: Record<string, string> = {}): Promise<{ server: Server; line?: FakeLineProcess; target: LoadTarget }> {
  if (mode === 'bare') {
    const server = await startServer('bare', env);
    return { server, target: serverTarget(server) };
  }
  const line = await startFakeLineProcess({ token: LINE_TOKEN });
  const server = await startServer(mode, { ...env, BENCH_LINE_URL: line.url, BENCH_LINE_TOKEN: LINE_TOKEN });
  return { server, line, target: remoteLineTarget(server, line) };
}

async function stopWithLine(started: { server: Server; line?: FakeLineProcess }): Promise<void> {
  await stopServer(started.server);
  await started.line?.close();
}

/** With BENCH_PROFILE=<dir>, a CPU profile of the server over `work` only, summarised as it is written. */
async function profiled<T>(server: Server, work: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_PROFILE) return work();
  await fetch(`${server.url}/bench/profile/start`, { method: 'POST' });
  const result = await work();
  const { file } = (await (await fetch(`${server.url}/bench/profile/stop`, { method: 'POST' })).json()) as { file: string };
  console.log(`\nCPU profile of the bot over that load: ${file}\n${summariseProfile(file)}`);
  return result;
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${f(a / b, 2)}×`);

async function webhookBench(): Promise<void> {
  console.log(`\nWebhook: ${REQUESTS} signed requests per row, concurrency ${LEVELS.join(' and ')}, after ${WARMUP} warm-up requests each; the fake LINE API in its own process\n`);
  // The three servers run side by side and take turns, so load from elsewhere falls on each alike.
  const servers = {
    bare: await startWithLine('bare'),
    peer: await startWithLine('peer'),
    bot: await startWithLine('bot'),
  };
  const results: { concurrency: number; bare: Result; peer: Result; bot: Result }[] = [];
  try {
    await load(servers.bare.target, WARMUP, false);
    await load(servers.peer.target, WARMUP, true);
    await load(servers.bot.target, WARMUP, true);
    for (const concurrency of LEVELS) {
      const bare = await load(servers.bare.target, REQUESTS, false, concurrency);
      const peer = await load(servers.peer.target, REQUESTS, true, concurrency);
      const bot = await profiled(servers.bot.server, () => load(servers.bot.target, REQUESTS, true, concurrency));
      results.push({ concurrency, bare, peer, bot });
    }
  } finally {
    for (const started of Object.values(servers)) await stopWithLine(started);
  }

  // The same bot with every turn made HEAVY_MS heavier: the turn latency grows, the ack should not
  // grow with it (the route answers before the turn runs).
  const heavyBot = await startWithLine('bot', { BENCH_TURN_EXTRA_MS: String(HEAVY_MS) });
  let heavy: Result;
  try {
    await load(heavyBot.target, WARMUP, true);
    heavy = await load(heavyBot.target, REQUESTS, true, LEVELS[0]);
  } finally {
    await stopWithLine(heavyBot);
  }

  console.log('| concurrency | server | req/s | ack p50 ms | ack p99 ms | full turns/s | turn p50 ms | turn p99 ms | CPU ms/req | RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const row = (concurrency: number, name: string, r: Result) =>
    console.log(`| ${concurrency} | ${name} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.turnRps, 0)} | ${f(r.turnP50)} | ${f(r.turnP99)} | ${f(r.cpuMs, 2)} | ${f(r.rssMb, 0)} |`);
  for (const { concurrency, bare, peer, bot } of results) {
    row(concurrency, 'bare Hono, signature only (baseline)', bare);
    row(concurrency, 'peer: SDK echo-bot example (Express)', peer);
    row(concurrency, 'bot, full turn', bot);
  }
  row(LEVELS[0]!, `bot, each turn ${HEAVY_MS} ms heavier`, heavy);

  console.log('\n| concurrency | ratio | req/s (acks) | full turns/s ÷ req/s | ack p50 | ack p99 | turn p50 | turn p99 | CPU/req | RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const { concurrency, bare, peer, bot } of results) {
    // The peer's turn ends before its ack (it replies, then answers 200): its turns/s is its req/s.
    console.log(`| ${concurrency} | bot/peer | ${ratio(bot.rps, peer.rps)} | ${ratio(bot.turnRps, peer.rps)} | ${ratio(bot.p50, peer.p50)} | ${ratio(bot.p99, peer.p99)} | ${ratio(bot.turnP50, peer.turnP50)} | ${ratio(bot.turnP99, peer.turnP99)} | ${ratio(bot.cpuMs, peer.cpuMs)} | ${ratio(bot.rssMb, peer.rssMb)} |`);
    console.log(`| ${concurrency} | bot/bare | ${ratio(bot.rps, bare.rps)} | ${ratio(bot.turnRps, bare.rps)} | ${ratio(bot.p50, bare.p50)} | ${ratio(bot.p99, bare.p99)} | — | — | ${ratio(bot.cpuMs, bare.cpuMs)} | ${ratio(bot.rssMb, bare.rssMb)} |`);
  }
  const full = results[0]!.bot;
  console.log(
    `\nratio heavy/light turn (concurrency ${LEVELS[0]}): turn p50 ${f(heavy.turnP50! / full.turnP50!, 2)}×, turn p99 ${f(heavy.turnP99! / full.turnP99!, 2)}×; ` +
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
} else if (process.argv.includes('--webhook')) {
  await webhookBench();
} else {
  await webhookBench();
  await runInstancesBench();
  await runContention();
  await runOutboxDrain();
  console.log('\n(the clean-up case at 1M users: npm run bench -- --retention; per-turn cost with 1k and 1M stored users: npm run bench -- --size)');
}
