// The clean-up pass at size (npm run bench -- --retention; BENCH_USERS, BENCH_SOAK_SECONDS):
// a database pre-filled with bulk SQL in one transaction — 1M users, 3M inbox rows, 1.2M outbox
// rows, a quarter of each past its retention — then
//   1. each retention statement timed on one batch, beside the old unbatched statements (run in a
//      transaction that is rolled back, so the data stays for step 2);
//   2. the bot started on that file under a steady load of signed webhooks for a minute (after a
//      warm-up its retention pass cleans all of it), reporting the longest pause in the replies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../../src/db/client';
import { RETENTION, RETENTION_BATCH, retentionStatements } from '../../src/db/retention';
import { bindings, compile, type Query } from '../../src/db/sql';
import type { SqliteDatabase } from '../../src/db/sqlite';

type Db = SqliteDatabase;
type Conn = BetterSqlite3.Database;

/** One statement of the query layer, run synchronously on the connection (to time it alone). */
function runNow(conn: Conn, query: Query): void {
  const plan = compile(query, 'sqlite');
  conn.prepare(plan.text).run(...bindings(query, plan, 'sqlite'));
}
import { percentile, signedBody, startServer, stopServer } from './run';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const SOAK_CONCURRENCY = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 4);
const DAY = 86_400_000;

/** 1 user : 1 conversation : 3 inbox rows : 1.2 outbox rows, ages spread so a quarter is past retention. */
function fill(db: Db, now: number): void {
  const sqlite = db.connection;
  sqlite.transaction(() => {
    sqlite.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${USERS})
      INSERT INTO users (user_id, status, created_at) SELECT printf('U%032x', i), 'active', ${now - 200 * DAY} FROM n;
      INSERT INTO conversations (user_id, flow_id, flow_version, step_id, answers, history, updated_at)
        SELECT user_id,
               CASE WHEN rowid % 5 = 0 THEN 'eligibility' END, CASE WHEN rowid % 5 = 0 THEN 1 END, CASE WHEN rowid % 5 = 0 THEN 'birth' END,
               CASE WHEN rowid % 5 = 0 THEN '{"birth":"2500-03-15"}' ELSE '{}' END, '[]',
               ${now} - (rowid % ${RETENTION.abandonedConversationDays * 4}) * ${DAY / 3}
        FROM users;
      INSERT INTO inbox (event_id, chat_key, type, timestamp, payload, status, received_at, processed_at)
        SELECT printf('E%08x-%d', r, j), user_id, 'message', at, NULL, 'done', at, at
        FROM (SELECT u.rowid AS r, u.user_id, k.j, ${now} - ((u.rowid * 3 + k.j) % 40) * ${DAY} - 1000 AS at
              FROM users u, (SELECT 0 AS j UNION ALL SELECT 1 UNION ALL SELECT 2) k);
      INSERT INTO outbox (\`to\`, mode, messages, retry_key, purpose, status, attempts, due_at, created_at, sent_at)
        SELECT user_id, 'push', '[{"type":"text","text":"นัดของคุณสมศรี วันอังคารที่ 24 พ.ย. 2569 เวลา 09:00 น. ค่ะ"}]',
               printf('%032x', rowid), 'reply', 'sent', 1, at, at, at
        FROM (SELECT user_id, rowid, ${now} - (rowid % 120) * ${DAY} - 1000 AS at FROM users
              UNION ALL SELECT user_id, rowid + ${USERS}, ${now} - (rowid % 120) * ${DAY} - 1000 FROM users WHERE rowid % 5 = 0);
    `);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

function count(db: Db, table: string, where = '1'): number {
  return (db.connection.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
}

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}


/** Run `work` in an immediate transaction that is rolled back; returns how long the work took. */
function timeRolledBack(db: Db, work: (conn: Conn) => void): number {
  const conn = db.connection;
  conn.exec('BEGIN IMMEDIATE');
  try {
    return time(() => work(conn));
  } finally {
    conn.exec('ROLLBACK');
  }
}

/** The three statements as they were before batching: each over the whole table. */
function oldPass(conn: Conn, now: number): void {
  const ago = (days: number) => now - days * DAY;
  conn.prepare("UPDATE conversations SET flow_id = NULL, answers = '{}' WHERE flow_id IS NOT NULL AND updated_at < ?").run(ago(7));
  conn.prepare("DELETE FROM inbox WHERE status <> 'pending' AND received_at < ?").run(ago(30));
  conn.prepare("UPDATE outbox SET messages = '[]' WHERE status IN ('sent', 'failed', 'cancelled') AND created_at < ? AND messages <> '[]'").run(ago(90));
}

export async function runRetentionBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'welfare-retention-'));
  const file = path.join(dir, 'bench.db');
  const now = Date.now();
  console.log(`\nRetention at size: ${USERS.toLocaleString()} users, ${(3 * USERS).toLocaleString()} inbox rows, ${(1.2 * USERS).toLocaleString()} outbox rows\n`);
  let db = openSqlite(file);
  const fillMs = time(() => fill(db, now));
  const due = {
    conversations: count(db, 'conversations', `flow_id IS NOT NULL AND updated_at < ${now - RETENTION.abandonedConversationDays * DAY}`),
    inbox: count(db, 'inbox', `received_at < ${now - RETENTION.inboxDays * DAY}`),
    outbox: count(db, 'outbox', `created_at < ${now - RETENTION.sentMessagesDays * DAY}`),
  };
  console.log(`filled in ${(fillMs / 1000).toFixed(1)} s (one transaction); due for clean-up: ${JSON.stringify(due)}; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

  // 1. One batch of each new statement (rolled back, five times each) beside the old whole-table pass.
  const rows: string[] = [];
  for (const rule of ['conversations', 'inbox', 'outbox'] as const) {
    for (const size of new Set([RETENTION_BATCH, 1000])) {
      const samples = Array.from({ length: 5 }, () => timeRolledBack(db, (conn) => runNow(conn, retentionStatements(new Date(now), size)[rule]))).sort((a, b) => a - b);
      rows.push(`| ${rule} | ${size}${size === RETENTION_BATCH ? ' (used)' : ''} | ${samples[2]!.toFixed(2)} | ${samples[4]!.toFixed(2)} |`);
    }
  }
  const oldMs = timeRolledBack(db, (conn) => oldPass(conn, now));
  await db.close();

  // 2. The bot on that file under a steady load; after a warm-up, the retention pass (the very one
  //    the scheduler runs) is started in the server and cleans everything while webhooks keep coming.
  const server = await startServer('bot', { BENCH_DATABASE: file });
  // Phases: warm-up (not counted), the same load without a pass (the baseline), then with the pass.
  const latencies = { baseline: [] as number[], pass: [] as number[] };
  const warmUpMs = Math.min(5_000, (SOAK_SECONDS * 1000) / 6);
  const passAtMs = warmUpMs + (SOAK_SECONDS * 1000 - warmUpMs) / 3;
  const started = performance.now();
  const until = started + SOAK_SECONDS * 1000;
  let passRequest: Promise<Record<string, number>> | undefined;
  await Promise.all(
    Array.from({ length: SOAK_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const elapsed = performance.now() - started;
        if (!passRequest && elapsed > passAtMs) {
          passRequest = fetch(`${server.url}/bench/retention`, { method: 'POST' }).then((r) => r.json() as Promise<Record<string, number>>);
        }
        const userId = 'U' + randomUUID().replace(/-/g, '');
        const token = ((await (await fetch(`${server.url}/bench/token`, { method: 'POST', body: JSON.stringify({ userId }) })).json()) as { token: string }).token;
        const { body, signature } = signedBody(userId, 'ติดต่อ', token);
        const t0 = performance.now();
        const response = await fetch(`${server.url}/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        if (passRequest) latencies.pass.push(performance.now() - t0);
        else if (elapsed > warmUpMs) latencies.baseline.push(performance.now() - t0);
      }
    }),
  );
  const pass = await passRequest!;
  await stopServer(server);
  db = openSqlite(file);
  const left = {
    conversations: count(db, 'conversations', `flow_id IS NOT NULL AND updated_at < ${now - RETENTION.abandonedConversationDays * DAY}`),
    inbox: count(db, 'inbox', `received_at < ${now - RETENTION.inboxDays * DAY}`),
    outbox: count(db, 'outbox', `created_at < ${now - RETENTION.sentMessagesDays * DAY} AND messages <> '[]'`),
  };
  // With everything cleaned, a pass that finds nothing: one index probe per statement.
  const idleMs = time(() => Object.values(retentionStatements(new Date(now), RETENTION_BATCH)).forEach((s) => runNow(db.connection, s)));
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  console.log('| statement | rows per batch | median ms | max of 5 ms |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`\nold pass (three whole-table statements in one transaction, rolled back): ${(oldMs / 1000).toFixed(2)} s — nothing is answered meanwhile`);
  console.log(`new pass when nothing is due (three index probes): ${idleMs.toFixed(2)} ms`);
  const passMs = pass.waitedMs!;
  console.log(`\nsoak: ${SOAK_SECONDS} s of signed webhooks (full turns) at concurrency ${SOAK_CONCURRENCY}; ${(warmUpMs / 1000).toFixed(0)} s warm-up, then the same load without and with the pass (which took ${(passMs / 1000).toFixed(1)} s)\n`);
  console.log('| phase | answered | ack p50 ms | ack p99 ms | longest pause ms |');
  console.log('|---|---|---|---|---|');
  const longest: Record<string, number> = {};
  for (const [phase, list] of Object.entries(latencies)) {
    const sorted = list.sort((a, b) => a - b);
    longest[phase] = sorted[sorted.length - 1] ?? NaN;
    console.log(`| ${phase === 'pass' ? 'retention pass running' : 'no pass (baseline)'} | ${sorted.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${longest[phase]!.toFixed(1)} |`);
  }
  console.log(`\nratio: longest pause with the pass / without ${(longest.pass! / longest.baseline!).toFixed(2)}×; longest pause / old one-transaction pass ${(longest.pass! / oldMs).toFixed(3)}×`);
  console.log(`the pass cleaned ${JSON.stringify({ conversations: pass.conversations, inbox: pass.inbox, outbox: pass.outbox })}; still due after it: ${JSON.stringify(left)}`);
}
