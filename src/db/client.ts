// Opens the database — SQLite by default, PostgreSQL when DATABASE_URL is set — and applies that
// dialect's migrations (drizzle-kit generated, src/db/migrations/<dialect>) before anything runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import type pg from 'pg';
import type { PgDatabase } from './postgres';
import { q, type Database as Db } from './sql';
import { startCheckpointer } from './checkpointer';
import { SqliteDatabase } from './sqlite';

export type { Database, Sql } from './sql';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * `checkpointWorker`: the write-ahead log is checkpointed by a worker thread (src/db/checkpointer.ts)
 * instead of inside the COMMIT that fills it — what the bot does (openDatabase); the tests' many
 * short-lived databases keep SQLite's own.
 */
export function openSqlite(file: string, options: { checkpointWorker?: boolean } = {}): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers run beside the writer; NORMAL is durable in WAL mode except for the last
  // transactions on power loss, which LINE redelivery and the inbox cover.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed, not left in free pages and free space (PDPA erasure).
  sqlite.pragma('secure_delete = ON');
  sqliteMigrate(sqliteDrizzle(sqlite), { migrationsFolder: path.join(MIGRATIONS, 'sqlite') });
  const db = new SqliteDatabase(sqlite);
  if (options.checkpointWorker && file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpointer = startCheckpointer(file, () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    });
    db.onClose(() => checkpointer.stop());
  }
  return db;
}

/** The first key of the migration lock (pg_advisory_lock's two-key form, apart from the one-key locks on slots). */
const MIGRATION_LOCK = 0x77656c66; // "welf"

/**
 * A PostgreSQL pool with the migrations applied. drizzle records them in the connection's current
 * schema (the first of its search_path), beside the tables: so one server can hold several
 * databases-by-schema (the tests do), each knowing its own migrations. Every instance migrates at
 * start and drizzle's migrator takes no lock, so instances starting at once queue on a session
 * advisory lock for that schema and migrate on the connection that holds it, one after another
 * (the later ones find nothing left to apply).
 */
export async function openPostgres(options: pg.PoolConfig): Promise<PgDatabase> {
  // The PostgreSQL client and its migrator are loaded only when PostgreSQL is used (about 20 MB
  // that a bot on SQLite would otherwise hold).
  const [{ PgDatabase }, { drizzle: pgDrizzle }, { migrate: pgMigrate }] = await Promise.all([
    import('./postgres'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const db = new PgDatabase(options);
  try {
    const client = await db.pool.connect();
    try {
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      const migrationsSchema = rows[0]?.schema ?? 'public';
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK, migrationsSchema]);
      try {
        await pgMigrate(pgDrizzle(client), { migrationsFolder: path.join(MIGRATIONS, 'pg'), migrationsSchema });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK, migrationsSchema]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** The database the configuration names: PostgreSQL for a `postgres://` URL, else the SQLite file. */
export function openDatabase(target: { url?: string; path: string; poolSize?: number }): Promise<Db> {
  return target.url
    ? openPostgres({ connectionString: target.url, ...(target.poolSize !== undefined && { max: target.poolSize }) })
    : Promise.resolve(openSqlite(target.path, { checkpointWorker: true }));
}

/**
 * SQLite: copy the write-ahead log into the main file and truncate it, so old versions of erased
 * rows do not linger in the -wal file. Run after the erasing transaction has committed. PostgreSQL's
 * own vacuum handles dead rows; nothing to do there.
 */
export async function checkpoint(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') await db.all(q`PRAGMA wal_checkpoint(TRUNCATE)`);
}
