// The database handle: each dialect's migrations applied at start, an existing database opened again
// without loss, and each statement's call site prepared once.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openSqlite } from '../../src/db/client';
import { q } from '../../src/db/sql';
import { newTestDatabaseName, onPostgres, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';

const TABLES = ['bookings', 'conversations', 'eligibility_checks', 'inbox', 'outbox', 'staff', 'users'];

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
    const journal = JSON.parse(fs.readFileSync('src/db/migrations/sqlite/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect(applied.n).toBe(journal.entries.length);
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
});
