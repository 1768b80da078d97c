// The instances case of `npm run bench`: the same full turn as the webhook case (a signed "ติดต่อ" →
// inbox → engine → state saved → reply), sent to real bot processes (src/index.ts) with the fake LINE
// API in a process of its own: one process on SQLite (the baseline), then one and three instances on
// one PostgreSQL, the load spread round-robin as a load balancer would. Same machine, same run: the
// ratios to the SQLite row are the figures that matter. Without DATABASE_URL the PostgreSQL rows are
// skipped, and it says so.
import { databaseUrl } from '../support/database-url';
import { realLookingCredentials, startFakeLineProcess, startInstances } from '../support/instances';
import { CONCURRENCY, f, load, WARMUP, type LoadTarget, type Result } from './run';

/** Fewer than the webhook case: three rows of real processes, each started, warmed up and stopped. */
const REQUESTS = Number(process.env.BENCH_INSTANCES_REQUESTS ?? 1000);

async function measure(instances: number, pgUrl: string | undefined): Promise<Result> {
  const { secret, token } = realLookingCredentials();
  const line = await startFakeLineProcess({ token });
  try {
    const set = await startInstances(instances, { line, token, secret, pgUrl });
    try {
      const target: LoadTarget = {
        webhooks: set.bots.map((bot) => `${bot.url}/webhook`),
        secret,
        tokens: (userIds) => line.tokens(userIds),
        replies: async (full) => (full ? { count: 0, sent: await line.delivered() } : { count: await line.count(), sent: [] }),
      };
      await load(target, WARMUP, true);
      return await load(target, REQUESTS, true);
    } finally {
      await set.close();
    }
  } finally {
    await line.close();
  }
}

export async function runInstancesBench(): Promise<void> {
  console.log(`\nInstances: ${REQUESTS} full turns, concurrency ${CONCURRENCY}, to real bot processes (fake LINE in its own process), round-robin\n`);
  const rows: [string, Result][] = [['SQLite, 1 process (baseline)', await measure(1, undefined)]];
  if (databaseUrl) {
    rows.push(['PostgreSQL, 1 instance', await measure(1, databaseUrl)]);
    rows.push(['PostgreSQL, 3 instances', await measure(3, databaseUrl)]);
  }
  const base = rows[0]![1];
  console.log('| database | req/s | ack p50 ms | ack p99 ms | full turns/s | turn p50 ms | turn p99 ms | turns/s ÷ SQLite |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.turnRps, 0)} | ${f(r.turnP50)} | ${f(r.turnP99)} | ${f(r.turnRps! / base.turnRps!, 2)}× |`);
  }
  if (!databaseUrl) console.log('\nPostgreSQL rows skipped: DATABASE_URL is not set (postgres://… to a role that may create schemas).');
}
