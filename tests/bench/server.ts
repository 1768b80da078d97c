// A server for the benchmark, started as a child process so the load generator does not share its
// event loop. `bot`: the whole bot on a temp database, talking to a fake LINE API over loopback HTTP:
// the one in its own process at BENCH_LINE_URL when given (the webhook case), else one served inside
// this process (as the simulator does; the contention, retention and size cases). The peer, the SDK's
// echo-bot example, is peer.ts, its own entry point. `bare`: a Hono endpoint that only verifies the
// signature; the bot's modules are imported only in `bot` mode, so they weigh on no other mode's RSS.
// Each answers GET /bench/stats with its RSS and CPU time so far.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { signatureMatches } from '../../src/line/signature';
import { setLogSink } from '../../src/log';

export const BENCH_SECRET = 'bench-channel-secret';
const BENCH_TOKEN = process.env.BENCH_LINE_TOKEN ?? 'bench-access-token';
/** The fake LINE API in its own process (tests/support/fake-line-process.ts), when the run started one. */
const LINE_URL = process.env.BENCH_LINE_URL;

const mode = process.argv[2];
/** This process's CPU time so far (user + system, µs) and RSS, for /bench/stats. */
const usage = () => {
  const cpu = process.cpuUsage();
  return { rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system };
};
setLogSink(() => undefined, 'error');

/**
 * With BENCH_PROFILE=<dir>: POST /bench/profile/start and /bench/profile/stop take a CPU profile of
 * this process over just the measured load (not start-up, not the other servers' turns), written to
 * <dir>/<mode>-<n>.cpuprofile; open it in Chrome's DevTools or read it with tests/bench/profile.ts.
 */
async function mountProfiler(app: Hono): Promise<void> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let taken = 0;
  app.post('/bench/profile/start', async (c) => {
    await session.post('Profiler.start');
    return c.json({ ok: true });
  });
  app.post('/bench/profile/stop', async (c) => {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${mode}-${process.pid}-${++taken}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    return c.json({ file });
  });
}

function listen(app: Hono, onPort: (port: number) => void): void {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => onPort(info.port));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (mode === 'bare') {
  const app = new Hono();
  app.post('/webhook', async (c) => {
    const signature = c.req.header('x-line-signature');
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (!signatureMatches(raw, BENCH_SECRET, signature)) return c.text('invalid signature', 401);
    return c.json({ ok: true });
  });
  app.get('/bench/stats', (c) => c.json({ ...usage(), count: 0, sent: [] }));
  await mountProfiler(app);
  listen(app, (port) => process.stdout.write(`PORT ${port}\n`));
} else {
  const [{ createApp }, { findService }, { placesTakenPerSlot }, { loadConfig }, { openDatabase }, { createLineClient }, { FakeLine }, { loadOfficeProfile }] = await Promise.all([
    import('../../src/app'),
    import('../../src/booking/schedule'),
    import('../../src/booking/store'),
    import('../../src/config'),
    import('../../src/db/client'),
    import('../../src/line/client'),
    import('../../src/line/fake'),
    import('../../src/office/profile'),
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-bench-'));
  const config = loadConfig({
    LINE_CHANNEL_SECRET: BENCH_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: BENCH_TOKEN,
    DATABASE_PATH: process.env.BENCH_DATABASE ?? path.join(dir, 'bench.db'),
    // A PostgreSQL database (or schema, by search_path in the URL) instead of the SQLite file.
    ...(process.env.BENCH_DATABASE_URL && { DATABASE_URL: process.env.BENCH_DATABASE_URL }),
    SIMULATOR: 'off',
  });
  const fake = new FakeLine(BENCH_TOKEN);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath });
  const office = loadOfficeProfile(config.officeConfigPath);
  const outer = new Hono();
  let bot: ReturnType<typeof createApp> | undefined;
  // Polled while replies are still going out: only the count, unless the full list is asked for.
  outer.get('/bench/stats', (c) =>
    c.json({
      ...usage(),
      count: fake.sent.length,
      sent: c.req.query('full') ? fake.sent.map((r) => ({ to: r.to, at: Date.parse(r.at), replyToken: r.replyToken })) : [],
    }),
  );
  // For the contention case: how many messages each of some users has had, and the places taken per slot.
  outer.post('/bench/replies', async (c) => {
    const { userIds } = (await c.req.json()) as { userIds: string[] };
    const counts = new Map(userIds.map((id) => [id, 0]));
    for (const record of fake.sent) if (counts.has(record.to)) counts.set(record.to, counts.get(record.to)! + 1);
    return c.json({ counts: userIds.map((id) => counts.get(id)!) });
  });
  outer.get('/bench/bookings', async (c) =>
    c.json((await placesTakenPerSlot(db, 'default')).map((slot) => ({ ...slot, capacity: findService(office, slot.serviceId)?.counters ?? 0 }))),
  );
  // For the retention case: waits for the pass under way (or runs one) and says what it did.
  outer.post('/bench/retention', async (c) => {
    const started = performance.now();
    const result = await bot!.scheduler.runRetention();
    return c.json({ ...result, waitedMs: performance.now() - started });
  });
  outer.post('/bench/token', async (c) => c.json({ token: fake.issueReplyToken(((await c.req.json()) as { userId: string }).userId) }));
  await mountProfiler(outer);
  outer.route('/', fake.app);
  outer.all('*', (c) => bot!.app.fetch(c.req.raw));
  listen(outer, (port) => {
    const lineUrl = LINE_URL ?? `http://127.0.0.1:${port}`;
    const line = createLineClient({ channelAccessToken: BENCH_TOKEN, apiBaseUrl: lineUrl, dataApiBaseUrl: lineUrl });
    bot = createApp({ config, db, offices: [{ profile: office, channelSecret: config.line.channelSecret, channelAccessToken: BENCH_TOKEN, line }], fakeLine: undefined });
    // BENCH_TURN_EXTRA_MS makes every turn that much heavier (CPU inside the turn's transaction),
    // to show that the acknowledgement does not wait for the turn.
    const extraMs = Number(process.env.BENCH_TURN_EXTRA_MS ?? 0);
    if (extraMs > 0) {
      const handle = bot.engine.handle.bind(bot.engine);
      bot.engine.handle = (...args: Parameters<typeof handle>) => {
        const until = performance.now() + extraMs;
        while (performance.now() < until);
        return handle(...args);
      };
    }
    void bot.start().then(() => process.stdout.write(`PORT ${port}\n`));
  });
}
