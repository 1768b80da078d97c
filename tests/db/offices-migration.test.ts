// The offices migration on a database that already has data: every existing row is kept and belongs
// to the office 'default', and the new keys hold per office (SQLite rebuilds three tables to change
// their primary key; PostgreSQL swaps the keys in place). Then PostgreSQL's office keys migration, which
// keys the serial tables by (office_id, id), on rows too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../../src/db/client';
import { q, type Database as Db } from '../../src/db/sql';
import { databaseUrl, freshPgSchema } from '../support/database';
import { tempDbFile } from '../support/harness';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');
const dialect = databaseUrl ? 'pg' : 'sqlite';

/** A copy of the dialect's migrations folder holding only those before the migration named `name`. */
function migrationsBefore(name: string): string {
  const from = path.join(MIGRATIONS, dialect);
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(from, to, { recursive: true });
  const journalFile = path.join(to, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag.endsWith(`_${name}`));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return to;
}

/** One row in every table, written as the bot wrote them before offices existed. */
const OLD_ROWS = [
  `INSERT INTO users (user_id, status, created_at) VALUES ('U1', 'active', 1)`,
  `INSERT INTO conversations (user_id, flow_id, answers, updated_at) VALUES ('U1', 'eligibility', '{"birth":"1950-01-01"}', 1)`,
  `INSERT INTO staff (user_id, added_by, added_at) VALUES ('S1', 'cli', 1)`,
  `INSERT INTO inbox (event_id, chat_key, type, timestamp, status, received_at) VALUES ('E1', 'U1', 'message', 1, 'done', 1)`,
  `INSERT INTO outbox ("to", mode, messages, retry_key, purpose, dedupe_key, due_at, created_at) VALUES ('U1', 'push', '[]', 'k', 'reminder', 'reminder:1', 1, 1)`,
  `INSERT INTO bookings (code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, created_at, updated_at)
     VALUES ('123456', 'U1', 'elderly', '2026-12-01', '09:00', 1, 'n', 'p', 1, 1)`,
  `INSERT INTO eligibility_checks (user_id, for_whom, as_of, rules_version, facts, outcomes, created_at) VALUES ('U1', 'self', '2026-12-01', 'v', '{}', '[]', 1)`,
];
const TABLES = ['users', 'conversations', 'staff', 'inbox', 'outbox', 'bookings', 'eligibility_checks'];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A database migrated up to the migration before offices, with OLD_ROWS in it; then opened as the bot opens it. */
async function migratedWithOldRows(before = 'offices'): Promise<Db> {
  const folder = migrationsBefore(before);
  if (dialect === 'sqlite') {
    const file = tempDbFile();
    const sqlite = new Database(file);
    sqliteMigrate(sqliteDrizzle(sqlite), { migrationsFolder: folder });
    for (const statement of OLD_ROWS) sqlite.prepare(statement).run();
    sqlite.close();
    return openSqlite(file);
  }
  const { schema, options, drop } = await freshPgSchema(databaseUrl!);
  cleanups.push(drop);
  const pool = new pg.Pool(options);
  await pgMigrate(pgDrizzle(pool), { migrationsFolder: folder, migrationsSchema: schema });
  for (const statement of OLD_ROWS) await pool.query(statement);
  await pool.end();
  return openPostgres(options);
}

describe('the offices migration', () => {
  it("keeps every existing row, now in the office 'default'", async () => {
    const db = await migratedWithOldRows();
    for (const table of TABLES) {
      const rows = await db.all<{ officeId: string }>({ strings: tableQuery(table), values: [] });
      expect(rows, table).toEqual([expect.objectContaining({ officeId: 'default' })]);
    }
    expect(await db.get(q`SELECT user_id, answers FROM conversations WHERE office_id = 'default'`)).toEqual({ userId: 'U1', answers: '{"birth":"1950-01-01"}' });
    await db.close();
  });

  it('makes user ids, booking codes and dedupe keys unique per office, not per deployment', async () => {
    const db = await migratedWithOldRows();
    // The same user, code and key in another office: allowed now.
    await db.run(q`INSERT INTO users (office_id, user_id, status, created_at) VALUES ('b', 'U1', 'active', 2)`);
    await db.run(q`INSERT INTO conversations (office_id, user_id, updated_at) VALUES ('b', 'U1', 2)`);
    await db.run(q`INSERT INTO staff (office_id, user_id, added_by, added_at) VALUES ('b', 'S1', 'cli', 2)`);
    await db.run(q`
      INSERT INTO bookings (office_id, code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, created_at, updated_at)
      VALUES ('b', '123456', 'U1', 'elderly', '2026-12-01', '09:00', 1, 'n', 'p', 2, 2)`);
    await db.run(q`
      INSERT INTO outbox (office_id, "to", mode, messages, retry_key, purpose, dedupe_key, due_at, created_at)
      VALUES ('b', 'U1', 'push', '[]', 'k2', 'reminder', 'reminder:1', 1, 2)`);
    // …and still refused twice in one office.
    await expect(db.run(q`INSERT INTO users (office_id, user_id, status, created_at) VALUES ('b', 'U1', 'active', 3)`)).rejects.toThrow();
    await expect(
      db.run(q`
        INSERT INTO bookings (office_id, code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, created_at, updated_at)
        VALUES ('default', '123456', 'U2', 'elderly', '2026-12-02', '09:00', 1, 'n', 'p', 3, 3)`),
    ).rejects.toThrow();
    await db.close();
  });
});

// PostgreSQL only: SQLite keeps `id INTEGER PRIMARY KEY` (one office per file), with no migration.
describe.skipIf(dialect !== 'pg')('the office keys migration (PostgreSQL)', () => {
  it('keys outbox, bookings and eligibility checks by (office_id, id) on a database with rows; ids keep counting on', async () => {
    const db = await migratedWithOldRows('office_keys');
    expect(await db.get(q`SELECT id, office_id FROM bookings`)).toEqual({ id: 1, officeId: 'default' });
    // Another office's rows with the same ids (as db:move writes them): allowed now.
    await db.run(q`
      INSERT INTO bookings (id, office_id, code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, created_at, updated_at)
      VALUES (1, 'b', '123456', 'U1', 'elderly', '2026-12-01', '09:00', 1, 'n', 'p', 2, 2)`);
    await db.run(q`INSERT INTO outbox (id, office_id, "to", mode, messages, retry_key, purpose, due_at, created_at) VALUES (1, 'b', 'U1', 'push', '[]', 'k2', 'reminder', 1, 2)`);
    await db.run(q`
      INSERT INTO eligibility_checks (id, office_id, user_id, for_whom, as_of, rules_version, facts, outcomes, created_at)
      VALUES (1, 'b', 'U1', 'self', '2026-12-01', 'v', '{}', '[]', 2)`);
    // …still refused twice in one office.
    await expect(db.run(q`INSERT INTO outbox (id, office_id, "to", mode, messages, retry_key, purpose, due_at, created_at) VALUES (1, 'b', 'U2', 'push', '[]', 'k3', 'reminder', 1, 2)`)).rejects.toThrow();
    // A new row draws the next id from the table's one sequence, whatever the office.
    const next = await db.get<{ id: number }>(q`
      INSERT INTO bookings (office_id, code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, created_at, updated_at)
      VALUES ('default', '654321', 'U2', 'elderly', '2026-12-02', '09:00', 1, 'n', 'p', 3, 3) RETURNING id`);
    expect(next!.id).toBe(2);
    expect(await db.all(q`
      SELECT c.relname AS name FROM pg_constraint k JOIN pg_class c ON c.oid = k.conindid
      WHERE k.contype = 'p' AND k.conrelid IN ('outbox'::regclass, 'bookings'::regclass, 'eligibility_checks'::regclass) ORDER BY 1`)).toEqual([
      { name: 'bookings_office_id_id_pk' },
      { name: 'eligibility_checks_office_id_id_pk' },
      { name: 'outbox_office_id_id_pk' },
    ]);
    await db.close();
  });
});

/** `SELECT office_id FROM <table>` for a table named at run time (this test only). */
function tableQuery(table: string): TemplateStringsArray {
  const text = `SELECT office_id FROM ${table}`;
  return Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray;
}
