// The outbox drain case of `npm run bench`: 5,000 pushes queued at once (a morning's reminders and
// staff notices) drained by the real outbox worker over loopback HTTP to the fake LINE API, which
// enforces LINE's 2,000 pushes/s limit. The baseline, in the same run, is the same 5,000 pushes sent
// straight through the LINE client at the worker's concurrency (no database, no pacing): the ratio is
// what the outbox costs. Also prints how many pushes the fake refused with 429 (should be 0).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openSqlite } from '../../src/db/client';
import { q } from '../../src/db/sql';
import { createLineClient } from '../../src/line/client';
import { FakeLine } from '../../src/line/fake';
import { text } from '../../src/line/messages';
import { setLogSink } from '../../src/log';
import { DEFAULT_PUSHES_PER_SECOND, enqueuePush, OutboxWorker } from '../../src/notify/outbox';

const PUSHES = Number(process.env.BENCH_OUTBOX_PUSHES ?? 5000);
const BATCH = 100;
const TOKEN = 'bench-outbox-token';
const LINE_PUSH_LIMIT = 2000;

export async function runOutboxDrain(): Promise<void> {
  setLogSink(() => undefined, 'error');
  const fake = new FakeLine(TOKEN, Date.now, { pushesPerSecond: LINE_PUSH_LIMIT });
  const server = serve({ fetch: fake.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  const line = createLineClient({ channelAccessToken: TOKEN, apiBaseUrl: `http://127.0.0.1:${port}`, dataApiBaseUrl: `http://127.0.0.1:${port}` });
  const users = Array.from({ length: PUSHES }, () => 'U' + randomUUID().replace(/-/g, ''));
  const messages = [text('พรุ่งนี้ 09:00 น. มีนัดที่สำนักงานค่ะ')];

  // Warm-up (connections, JIT), then the baseline: the same pushes straight through the client.
  await Promise.all(Array.from({ length: 200 }, (_, i) => line.push(`U${i}`, messages, randomUUID())));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  fake.rateLimited = 0;
  let next = 0;
  const baseStart = performance.now();
  await Promise.all(
    Array.from({ length: BATCH }, async () => {
      while (next < users.length) await line.push(users[next++]!, messages, randomUUID());
    }),
  );
  const baseSeconds = (performance.now() - baseStart) / 1000;
  const baseRefused = fake.rateLimited;
  await new Promise((resolve) => setTimeout(resolve, 1100)); // let the fake's one-second window empty
  fake.rateLimited = 0;

  // The outbox: queue them all, then let the worker's timer drain them as in production.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-bench-outbox-')), 'bench.db');
  const db = openSqlite(file);
  const now = Date.now();
  await db.transaction(async (tx) => {
    for (const to of users) await enqueuePush(tx, 'default', { to, messages, purpose: 'bench', dueAt: now }, now);
  });
  const worker = new OutboxWorker({ db, lineFor: () => line, batchSize: BATCH });
  const sentCount = async () => Number((await db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`))!.n);
  const started = performance.now();
  worker.start();
  while ((await sentCount()) < PUSHES && performance.now() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  worker.stop();
  await worker.idle();
  const sent = await sentCount();
  server.close();
  await db.close();

  console.log(`\nOutbox drain: ${PUSHES} pushes queued at once, fake LINE enforcing ${LINE_PUSH_LIMIT}/s, pacing ${DEFAULT_PUSHES_PER_SECOND}/s\n`);
  console.log('| sender | pushes | seconds | pushes/s | refused 429 |');
  console.log('|---|---|---|---|---|');
  console.log(`| LINE client directly, ${BATCH} at a time (baseline) | ${PUSHES} | ${baseSeconds.toFixed(2)} | ${(PUSHES / baseSeconds).toFixed(0)} | ${baseRefused} |`);
  console.log(`| outbox worker | ${sent} | ${seconds.toFixed(2)} | ${(sent / seconds).toFixed(0)} | ${fake.rateLimited} |`);
  console.log(`\nratio outbox/baseline: ${((sent / seconds) / (PUSHES / baseSeconds)).toFixed(2)}×`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await runOutboxDrain();
