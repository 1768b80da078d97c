// The database handle: each dialect's migrations applied at start, an existing database opened again
// without loss, and each statement's call site prepared once.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, openPostgres, openSqlite } from '../../src/db/client';
import type { PgDatabase } from '../../src/db/postgres';
import { q } from '../../src/db/sql';
import { databaseUrl, freshPgSchema, newTestDatabaseName, onPostgres, openTestDatabase, testDatabaseUrl } from '../support/database';
import { tempDbFile } from '../support/harness';

/** How many SQLite migrations there are (drizzle-kit's journal). */
const SQLITE_MIGRATIONS = (
  JSON.parse(fs.readFileSync(new URL('../../src/db/migrations/sqlite/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }
).entries.length;

const PG_MIGRATIONS = path.join(import.meta.dirname, '../../src/db/migrations/pg');
const TABLES = ['bookings', 'case_counters', 'case_history', 'cases', 'conversations', 'eligibility_checks', 'inbox', 'instances', 'outbox', 'staff', 'users'];

describe('opening the database', () => {
  it('applies the migrations', async () => {
    const db = await openTestDatabase(newTestDatabaseName(tempDbFile));
    const tables = onPostgres
      ? await db.all<{ name: string }>(q`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`)
      : await db.all<{ name: string }>(q`SELECT name FROM sqlite_master WHERE type = 'table'`);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(TABLES));
    await db.close();
  });

  it('opens an existing database again with its rows, running no migration twice', async () => {
    const name = newTestDatabaseName(tempDbFile);
    const first = await openTestDatabase(name);
    await first.run(q`INSERT INTO staff (user_id, added_by, added_at) VALUES ('U1', 'cli', 1)`);
    await first.close();
    const again = await openTestDatabase(name);
    expect(await again.all(q`SELECT user_id FROM staff`)).toEqual([{ userId: 'U1' }]);
    await again.close();
  });

  it.skipIf(onPostgres)('opens a SQLite file again without re-running its migrations (the journal moved folders unchanged)', async () => {
    const file = tempDbFile();
    (await openSqlite(file).close());
    const raw = new Database(file);
    const applied = raw.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
    raw.close();
    const db = openSqlite(file);
    const after = await db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM __drizzle_migrations`);
    expect(after?.n).toBe(applied.n);
    expect(applied.n).toBe(SQLITE_MIGRATIONS);
    await db.close();
  });

  it.skipIf(onPostgres)('prepares a call site once and runs it many times', async () => {
    const db = openSqlite(':memory:');
    const prepare = vi.spyOn(db.connection, 'prepare');
    for (let i = 0; i < 5; i++) await db.get(q`SELECT ${i} AS answer`);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(await db.get(q`SELECT ${7} AS answer`)).toEqual({ answer: 7 });
    await db.close();
  });

  // Every instance behind a load balancer runs the migrations at start; drizzle's migrator takes no
  // lock, so openPostgres serialises them with an advisory lock.
  it.skipIf(!onPostgres)('migrates once when several instances open an empty PostgreSQL schema at the same moment', async () => {
    const { options, drop } = await freshPgSchema(databaseUrl!);
    try {
      const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openPostgres(options)));
      expect(opened.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
      const dbs = opened.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof openPostgres>>>).value);
      const applied = await dbs[0]!.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM __drizzle_migrations`);
      expect(applied?.n).toBe(fs.readdirSync(PG_MIGRATIONS).filter((f) => f.endsWith('.sql')).length);
      for (const db of dbs) await db.close();
    } finally {
      await drop();
    }
  });

  it.skipIf(!onPostgres)('opens PostgreSQL with the pool size it is given', async () => {
    const { options, drop } = await freshPgSchema(databaseUrl!);
    try {
      const db = await openDatabase({ url: testDatabaseUrl(String(options.options).replace('-c search_path=', '')), path: '', poolSize: 3 });
      expect((db as PgDatabase).pool.options.max).toBe(3);
      await db.close();
    } finally {
      await drop();
    }
  });
});
