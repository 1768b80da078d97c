// Test databases: SQLite by default; with DATABASE_URL=postgres://… each test database is its own
// PostgreSQL schema, created (and migrated) here and dropped when the test file is done.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { admin, databaseUrl, freshPgSchema } from './database-url';
import { openPostgres, openSqlite } from '../../src/db/client';
import { q, type Database, type Query, type Sql, type SqlValue } from '../../src/db/sql';

export { databaseUrl, freshPgSchema, testDatabaseUrl } from './database-url';
export const onPostgres = databaseUrl !== undefined;

const schemas = new Set<string>();
afterAll(async () => {
  if (!databaseUrl) return;
  for (const schema of schemas) await admin(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  schemas.clear();
});

/**
 * Open a test database by name — a SQLite file path, or (on PostgreSQL) a schema name; a new one
 * when `name` is undefined. The same name opens the same data again, as after a restart.
 */
export async function openTestDatabase(name: string): Promise<Database> {
  if (!databaseUrl) return openSqlite(name);
  const { schema, options } = await freshPgSchema(databaseUrl, name);
  schemas.add(schema);
  return openPostgres(options);
}

/** A name for a new test database (a temp file path on SQLite, a schema name on PostgreSQL). */
export function newTestDatabaseName(tempFile: () => string): string {
  return databaseUrl ? `test_${process.pid}_${randomBytes(4).toString('hex')}` : tempFile();
}

/** A statement built at run time (tests only: the bot's statements are all written at their call site). */
export function dynamicQuery(parts: string[], values: SqlValue[]): Query {
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  return q(strings, ...values);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Test set-up: `UPDATE table SET …fields WHERE key = id` (e.g. put a row in the state a crash leaves). */
export function updateRow(db: Sql, table: string, where: Record<string, string | number>, fields: Record<string, SqlValue>): Promise<unknown> {
  const [[whereColumn, id]] = Object.entries(where) as [[string, string | number]];
  const entries = Object.entries(fields);
  const parts = [`UPDATE ${table} SET ${snake(entries[0]![0])} = `];
  for (const [key] of entries.slice(1)) parts.push(`, ${snake(key)} = `);
  parts.push(` WHERE ${snake(whereColumn)} = `, '');
  return db.run(dynamicQuery(parts, [...entries.map(([, value]) => value), id]));
}
