// Opens the SQLite database, applies migrations, and hands out the drizzle instance.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a synchronous transaction callback receives; queries inside it are part of it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations', 'sqlite');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers (health check, simulator) run beside the writer; NORMAL is durable in WAL mode
  // except for the last transactions on power loss, which LINE redelivery and the inbox cover.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed, not left in free pages and free space (PDPA erasure).
  sqlite.pragma('secure_delete = ON');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db as Db;
}

/** How many distinct statements to keep prepared; the bot's queries are far fewer than this. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle asks better-sqlite3 to prepare every query anew, and preparing costs more than running
 * most of ours. Keep prepared statements by their SQL text and hand the same one out again. drizzle
 * switches a statement to raw (array) rows for some reads and never back, so a reused reader is
 * reset to object rows each time — exactly the state a freshly prepared one has.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source); // re-inserted below: the map's order is least recently used first
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    if (statement.reader) statement.raw(false);
    return statement;
  }) as typeof sqlite.prepare;
}

export function isDatabaseReachable(db: Db): boolean {
  try {
    return db.$client.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Copy the write-ahead log into the main file and truncate it, so old versions of erased rows do
 * not linger in the -wal file. Run after the erasing transaction has committed.
 */
export function checkpoint(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}
