// Per-turn cost by stored users (npm run bench -- --size; BENCH_SIZE_USERS, _REQUESTS, _ROUNDS, _PAUSE_S):
// the same full-turn load as the webhook case against databases already holding 1,000, 100,000 and
// 1,000,000 users (with their conversations, events, sent messages, bookings and checks), on SQLite
// and — with DATABASE_URL — on PostgreSQL, in the same run. Each row is compared with the 1k row of
// the same database. Each table is filled by one INSERT … SELECT over a generated series (a recursive
// CTE on SQLite, generate_series on PostgreSQL); the built SQLite file is kept under the temp dir and
// copied for each run, so only the first run pays for it. Timestamps are recent, so the retention
// pass finds nothing to do. Then the largest is kept under load for a minute, for the longest pause
// between two replies.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite } from '../../src/db/client';
import { load, serverTarget, startServer, stopServer } from './run';

const BIG = Number(process.env.BENCH_SIZE_USERS ?? 1_000_000);
const SIZES = [...new Set([1_000, Math.min(100_000, BIG), BIG])];
/** How long the largest database is kept under load to find the longest pause in replies. */
const PAUSE_MS = Number(process.env.BENCH_SIZE_PAUSE_S ?? 60) * 1000;
const REQUESTS = Number(process.env.BENCH_SIZE_REQUESTS ?? 500);
const ROUNDS = Number(process.env.BENCH_SIZE_ROUNDS ?? 3);
const WARMUP = 200;
const DAY = 86_400_000;
const CACHE = path.join(os.tmpdir(), 'welfare-bench-size');
const MIGRATIONS = path.join(import.meta.dirname, '../../src/db/migrations');

/**
 * Per user: a conversation (one in five half-way through a check), two handled events and one sent
 * message; one booking per ten users (past visits) and one stored check per five. `series` is the
 * dialect's "SELECT i FROM 1..n", `hex32(x)` its 32-digit hex of x.
 */
function fillSql(users: number, now: number, dialect: 'sqlite' | 'pg'): string {
  const series = (n: number) => (dialect === 'sqlite' ? `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s)` : `(SELECT generate_series(1::bigint, ${n}) AS i)`);
  const hex32 = (x: string) => (dialect === 'sqlite' ? `printf('%032x', ${x})` : `lpad(to_hex(${x}), 32, '0')`);
  const pad2 = (x: string) => (dialect === 'sqlite' ? `printf('%02d', ${x})` : `lpad((${x})::text, 2, '0')`);
  const userId = (x: string) => `'U' || ${hex32(x)}`;
  return `
    INSERT INTO users (user_id, status, followed_at, created_at)
      SELECT ${userId('i')}, 'active', ${now - 100 * DAY}, ${now - 100 * DAY} FROM ${series(users)} AS n;
    INSERT INTO conversations (user_id, flow_id, flow_version, step_id, answers, history, attempts, revision, resume_pending, updated_at)
      SELECT ${userId('i')},
             CASE WHEN i % 5 = 0 THEN 'eligibility' END, CASE WHEN i % 5 = 0 THEN 1 END, CASE WHEN i % 5 = 0 THEN 'birth' END,
             CASE WHEN i % 5 = 0 THEN '{"for":"self"}' ELSE '{}' END, '[]', 0, i % 7, (i % 11 = 0), ${now} - (i % 3) * ${DAY}
      FROM ${series(users)} AS n;
    INSERT INTO inbox (event_id, chat_key, type, timestamp, payload, status, attempts, received_at, processed_at)
      SELECT 'E' || ${hex32('i')} || '-' || j, ${userId('i')}, 'message', ${now} - (i % 20) * ${DAY} - j, NULL, 'done', 1,
             ${now} - (i % 20) * ${DAY} - j, ${now} - (i % 20) * ${DAY} - j
      FROM ${series(users)} AS n, (SELECT 0 AS j UNION ALL SELECT 1) AS k;
    INSERT INTO outbox (${dialect === 'sqlite' ? '`to`' : '"to"'}, mode, messages, retry_key, purpose, status, attempts, due_at, created_at, sent_at)
      SELECT ${userId('i')}, 'reply', '[{"type":"text","text":"ติดต่อสำนักงานได้ที่ 0 2123 4567 ค่ะ"}]', ${hex32('i')}, 'reply', 'sent', 1,
             ${now} - (i % 60) * ${DAY}, ${now} - (i % 60) * ${DAY}, ${now} - (i % 60) * ${DAY}
      FROM ${series(users)} AS n;
    INSERT INTO bookings (code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, status, created_at, updated_at)
      SELECT (100000 + i)${dialect === 'pg' ? '::text' : ''}, ${userId('i * 10')}, 'elderly', '2026-06-' || ${pad2('1 + i % 28')}, '09:00',
             ${now - 150 * DAY}, 'ผู้ใช้ทดสอบ', '0812345678', 'booked', ${now - 160 * DAY}, ${now - 160 * DAY}
      FROM ${series(Math.floor(users / 10))} AS n;
    INSERT INTO eligibility_checks (user_id, for_whom, as_of, rules_version, facts, outcomes, created_at)
      SELECT ${userId('i * 5')}, 'self', '2026-11-01', 'bench', '{}', '[]', ${now - 30 * DAY}
      FROM ${series(Math.floor(users / 5))} AS n;`;
}

/** A hash of what the built file depends on: the migrations and the fill. */
function buildKey(users: number): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(path.join(MIGRATIONS, 'sqlite')).sort()) if (file.endsWith('.sql')) hash.update(fs.readFileSync(path.join(MIGRATIONS, 'sqlite', file)));
  hash.update(fillSql(users, 0, 'sqlite'));
  return `${users}-${hash.digest('hex').slice(0, 12)}`;
}

/** A SQLite file with `users` users: copied from the cache, built there first when absent or stale. */
function sqliteDatabase(users: number, now: number): { file: string; buildMs?: number } {
  fs.mkdirSync(CACHE, { recursive: true });
  const key = buildKey(users);
  const cached = path.join(CACHE, `${key}.db`);
  let buildMs: number | undefined;
  if (!fs.existsSync(cached)) {
    for (const stale of fs.readdirSync(CACHE)) if (stale.startsWith(`${users}-`)) fs.rmSync(path.join(CACHE, stale));
    const building = `${cached}.building`;
    const t0 = performance.now();
    const db = openSqlite(building);
    db.connection.transaction(() => db.connection.exec(fillSql(users, now, 'sqlite')))();
    db.connection.exec('ANALYZE');
    db.connection.pragma('wal_checkpoint(TRUNCATE)');
    db.connection.close();
    buildMs = performance.now() - t0;
    fs.renameSync(building, cached);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-size-')), 'bot.db');
  fs.copyFileSync(cached, file);
  return { file, ...(buildMs !== undefined && { buildMs }) };
}

/** A fresh PostgreSQL schema with `users` users; `drop` removes it. */
async function pgDatabase(url: string, users: number, now: number): Promise<{ url: string; buildMs: number; drop: () => Promise<void> }> {
  const schema = `bench_size_${process.pid}_${users}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  const drop = async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  };
  const t0 = performance.now();
  try {
    const db = await openPostgres({ connectionString: schemaUrl.toString() });
    try {
      await db.pool.query(`BEGIN; ${fillSql(users, now, 'pg')} COMMIT; ANALYZE;`);
    } finally {
      await db.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: schemaUrl.toString(), buildMs: performance.now() - t0, drop };
}

interface Row {
  database: string;
  users: number;
  buildMs?: number;
  /** Full turns per second of each round. */
  rounds: number[];
  turnP50: number;
  turnP99: number;
  /** The largest size only: the longest pause between replies during PAUSE_MS of load, and how many turns it took. */
  pause?: { longestMs: number; turns: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * One server per size, all started before any is measured; then ROUNDS rounds, each loading every
 * server in turn, so a spell of load from elsewhere on the machine falls on all sizes alike. The
 * latencies are those of the round with the most turns per second.
 */
async function measure(database: string, prepared: { users: number; env: Record<string, string>; buildMs?: number }[]): Promise<Row[]> {
  const servers = await Promise.all(prepared.map((p) => startServer('bot', p.env)));
  try {
    for (const server of servers) await load(serverTarget(server), WARMUP, true);
    const results = prepared.map(() => [] as Awaited<ReturnType<typeof load>>[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, server] of servers.entries()) results[i]!.push(await load(serverTarget(server), REQUESTS, true));
    }
    // Then the largest one under load for PAUSE_MS: the longest pause between two replies (within
    // each load, so the load generator's own gaps between loads do not count).
    const started = Date.now();
    let longestMs = 0;
    let turns = 0;
    while (Date.now() - started < PAUSE_MS) {
      const result = await load(serverTarget(servers.at(-1)!), REQUESTS, true);
      longestMs = Math.max(longestMs, result.replyGapMs ?? 0);
      turns += REQUESTS;
    }
    return prepared.map((p, i) => {
      const best = results[i]!.reduce((a, b) => (b.turnRps! > a.turnRps! ? b : a));
      return {
        database,
        users: p.users,
        ...(p.buildMs !== undefined && { buildMs: p.buildMs }),
        rounds: results[i]!.map((r) => r.turnRps!),
        turnP50: best.turnP50!,
        turnP99: best.turnP99!,
        ...(i === prepared.length - 1 && { pause: { longestMs, turns } }),
      };
    });
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

export async function runSizeBench(): Promise<void> {
  const url = process.env.DATABASE_URL || undefined;
  const now = Date.now();
  console.log(
    `\nPer-turn cost by stored users: ${SIZES.map((n) => n.toLocaleString('en-US')).join(' and ')} users, on SQLite${url ? ' and PostgreSQL' : ''}; ` +
      `${ROUNDS} rounds of ${REQUESTS} full turns (concurrency as the webhook case), the sizes taking turns, after ${WARMUP} warm-up each\n`,
  );
  const rows: Row[] = [];
  const files = SIZES.map((users) => ({ users, ...sqliteDatabase(users, now) }));
  try {
    rows.push(...(await measure('SQLite', files.map((f) => ({ users: f.users, env: { BENCH_DATABASE: f.file }, ...(f.buildMs !== undefined && { buildMs: f.buildMs }) })))));
  } finally {
    for (const f of files) fs.rmSync(path.dirname(f.file), { recursive: true, force: true });
  }
  if (url) {
    const targets = [];
    try {
      for (const users of SIZES) targets.push({ users, ...(await pgDatabase(url, users, now)) });
      rows.push(...(await measure('PostgreSQL', targets.map((t) => ({ users: t.users, env: { BENCH_DATABASE_URL: t.url }, buildMs: t.buildMs })))));
    } finally {
      for (const t of targets) await t.drop();
    }
  }
  console.log('| database | stored users | built in s | full turns/s, best (median) | ms per turn, best | turn p50 ms | turn p99 ms | per-turn cost / 1k row, best (median) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const base = rows.find((r) => r.database === row.database && r.users === SIZES[0])!;
    const built = row.buildMs === undefined ? 'cached' : (row.buildMs / 1000).toFixed(1);
    const best = Math.max(...row.rounds);
    console.log(
      `| ${row.database} | ${row.users.toLocaleString('en-US')} | ${built} | ${best.toFixed(0)} (${median(row.rounds).toFixed(0)}) | ${(1000 / best).toFixed(2)} | ` +
        `${row.turnP50.toFixed(0)} | ${row.turnP99.toFixed(0)} | ${(Math.max(...base.rounds) / best).toFixed(2)}× (${(median(base.rounds) / median(row.rounds)).toFixed(2)}×) |`,
    );
  }
  for (const row of rows.filter((r) => r.pause)) {
    const base = rows.find((r) => r.database === row.database && r.users === SIZES[0])!;
    console.log(
      `\n${row.database}, ${row.users.toLocaleString('en-US')} users: median turns/s ${(median(row.rounds) / median(base.rounds)).toFixed(2)}× of 1k (target ≥ 0.95×); ` +
        `longest pause between replies over ${(PAUSE_MS / 1000).toFixed(0)} s of load (${row.pause!.turns} turns): ${row.pause!.longestMs} ms (target < 100 ms)`,
    );
  }
  if (!url) console.log('\n(PostgreSQL rows SKIPPED: set DATABASE_URL=postgres://… to measure them in the same run)');
}
