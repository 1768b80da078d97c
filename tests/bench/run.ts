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
  /** The longest time between two consecutive replies reaching the fake LINE (ms): the bot's longest pause. */
  replyGapMs?: number;
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
    const arrivals = mine.map((s) => s.at).sort((a, b) => a - b);
    const replyGapMs = arrivals.reduce((longest, at, i) => (i === 0 ? 0 : Math.max(longest, at - arrivals[i - 1]!)), 0);
    Object.assign(result, {
      replyGapMs,
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

/** How many times the webhook case measures each row; the tables give the median and the spread. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

/** A fresh PostgreSQL schema on `url` for the bot's row there; `drop` removes it. */
async function pgSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const schema = `bench_webhook_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: schemaUrl.toString(),
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
/** The median of one figure over the runs, and with several runs its spread (lowest–highest). */
function spread(results: Result[], pick: (r: Result) => number | undefined, digits: number): string {
  const values = results.map(pick).filter((v): v is number => v !== undefined);
  if (values.length === 0) return '—';
  const m = f(median(values), digits);
  return values.length > 1 ? `${m} (${f(Math.min(...values), digits)}–${f(Math.max(...values), digits)})` : m;
}
/** One Result whose figures are the medians over the runs. */
function medians(results: Result[]): Result {
  const m = (pick: (r: Result) => number | undefined) => {
    const values = results.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  return {
    rps: m((r) => r.rps)!,
    p50: m((r) => r.p50)!,
    p99: m((r) => r.p99)!,
    turnRps: m((r) => r.turnRps),
    turnP50: m((r) => r.turnP50),
    turnP99: m((r) => r.turnP99),
    cpuMs: m((r) => r.cpuMs),
    rssMb: m((r) => r.rssMb),
  };
}

async function webhookBench(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  console.log(
    `\nWebhook: ${REQUESTS} signed requests per row, concurrency ${LEVELS.join(' and ')}, ${RUNS} run${RUNS > 1 ? 's' : ''} (median, and lowest–highest), ` +
      `after ${WARMUP} warm-up requests each; the fake LINE API in its own process; the bot on SQLite${databaseUrl ? ' and on PostgreSQL' : ''}\n`,
  );
  const pg = databaseUrl ? await pgSchema(databaseUrl) : undefined;
  // The servers run side by side and take turns, so load from elsewhere falls on each alike.
  const servers: Record<string, { server: Server; line?: FakeLineProcess; target: LoadTarget }> = {
    'bare Hono, signature only (baseline)': await startWithLine('bare'),
    'peer: SDK echo-bot example (Express)': await startWithLine('peer'),
    'bot, full turn (SQLite)': await startWithLine('bot'),
    ...(pg && { 'bot, full turn (PostgreSQL)': await startWithLine('bot', { BENCH_DATABASE_URL: pg.url }) }),
  };
  const names = Object.keys(servers);
  const [BARE, PEER] = names as [string, string];
  const bots = names.slice(2);
  const samples = new Map(LEVELS.map((c) => [c, new Map(names.map((n) => [n, [] as Result[]]))]));
  try {
    for (const name of names) await load(servers[name]!.target, WARMUP, name !== BARE);
    for (let run = 0; run < RUNS; run++) {
      for (const concurrency of LEVELS) {
        for (const name of names) {
          const { server, target } = servers[name]!;
          const measure = () => load(target, REQUESTS, name !== BARE, concurrency);
          samples.get(concurrency)!.get(name)!.push(await (bots.includes(name) && run === 0 ? profiled(server, measure) : measure()));
        }
      }
    }
  } finally {
    for (const started of Object.values(servers)) await stopWithLine(started);
    await pg?.drop();
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
  for (const [concurrency, rows] of samples) {
    for (const [name, results] of rows) {
      console.log(
        `| ${concurrency} | ${name} | ${spread(results, (r) => r.rps, 0)} | ${spread(results, (r) => r.p50, 1)} | ${spread(results, (r) => r.p99, 1)} | ` +
          `${spread(results, (r) => r.turnRps, 0)} | ${spread(results, (r) => r.turnP50, 0)} | ${spread(results, (r) => r.turnP99, 0)} | ${spread(results, (r) => r.cpuMs, 2)} | ${spread(results, (r) => r.rssMb, 0)} |`,
      );
    }
  }
  const light = medians(samples.get(LEVELS[0]!)!.get(bots[0]!)!);
  console.log(`| ${LEVELS[0]} | bot, each turn ${HEAVY_MS} ms heavier (one run) | ${f(heavy.rps, 0)} | ${f(heavy.p50, 1)} | ${f(heavy.p99, 1)} | ${f(heavy.turnRps, 0)} | ${f(heavy.turnP50, 0)} | ${f(heavy.turnP99, 0)} | ${f(heavy.cpuMs, 2)} | ${f(heavy.rssMb, 0)} |`);

  console.log('\nRatios of the medians (the peer\'s turn ends before its ack: its turns/s is its req/s)\n');
  console.log('| concurrency | ratio | req/s (acks) | full turns/s ÷ req/s | ack p50 | ack p99 | turn p50 | turn p99 | CPU/req | RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const targets: string[] = [];
  for (const [concurrency, rows] of samples) {
    const bare = medians(rows.get(BARE)!);
    const peer = medians(rows.get(PEER)!);
    for (const name of bots) {
      const bot = medians(rows.get(name)!);
      const which = name.match(/\((.*)\)/)![1];
      console.log(`| ${concurrency} | bot (${which}) / peer | ${ratio(bot.rps, peer.rps)} | ${ratio(bot.turnRps, peer.rps)} | ${ratio(bot.p50, peer.p50)} | ${ratio(bot.p99, peer.p99)} | ${ratio(bot.turnP50, peer.turnP50)} | ${ratio(bot.turnP99, peer.turnP99)} | ${ratio(bot.cpuMs, peer.cpuMs)} | ${ratio(bot.rssMb, peer.rssMb)} |`);
      console.log(`| ${concurrency} | bot (${which}) / bare | ${ratio(bot.rps, bare.rps)} | ${ratio(bot.turnRps, bare.rps)} | ${ratio(bot.p50, bare.p50)} | ${ratio(bot.p99, bare.p99)} | — | — | ${ratio(bot.cpuMs, bare.cpuMs)} | ${ratio(bot.rssMb, bare.rssMb)} |`);
      // Issue 13's targets, on the medians.
      const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
      targets.push(
        `${which}, concurrency ${concurrency}: turns/s ≥ peer req/s ${mark(bot.turnRps! >= peer.rps)} (${ratio(bot.turnRps, peer.rps)}); ` +
          `ack p99 ≤ peer's ${mark(bot.p99 <= peer.p99)}; ` +
          (concurrency === 16 ? `turn p99 < 100 ms ${mark(bot.turnP99! < 100)} (${f(bot.turnP99, 0)} ms); ` : '') +
          `CPU ≤ 2.5 ms/turn ${mark(bot.cpuMs! <= 2.5)} (${f(bot.cpuMs, 2)}); RSS ≤ 200 MB ${mark(bot.rssMb! <= 200)} (${f(bot.rssMb, 0)})`,
      );
    }
  }
  console.log(`\nTargets (issue 13), on the medians:\n${targets.map((t) => `- ${t}`).join('\n')}`);
  if (!databaseUrl) console.log('\n(the bot on PostgreSQL SKIPPED: set DATABASE_URL=postgres://… to measure it in the same run)');
  console.log(
    `\nratio heavy/light turn (concurrency ${LEVELS[0]}): turn p50 ${f(heavy.turnP50! / light.turnP50!, 2)}×, turn p99 ${f(heavy.turnP99! / light.turnP99!, 2)}×; ` +
      `ack p50 ${f(heavy.p50 / light.p50, 2)}×, ack p99 ${f(heavy.p99 / light.p99, 2)}×`,
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
