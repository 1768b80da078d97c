// Moving one office's SQLite database into PostgreSQL (npm run db:move, src/cli/move.ts). Generic over
// the schema: the tables and columns are those schema.sqlite.ts and schema.pg.ts define (one definer,
// schema.ts), read and written through drizzle so each column's own mapping applies (SQLite's 0/1
// booleans become true/false; times stay epoch ms). Everything is written in one PostgreSQL
// transaction, in batches read by rowid, so a table of a million rows never sits in memory at once.
import type BetterSqlite3 from 'better-sqlite3';
import { eq, getTableColumns, is, sql, type Column } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as pgDrizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import * as pgSchema from './schema.pg';
import * as sqliteSchema from './schema.sqlite';

/** The column that says which office a row belongs to, in the tables that have one. */
const OFFICE_COLUMN = 'office_id';
/** Rows per INSERT, kept well under PostgreSQL's 65,535 parameters per statement. */
const MAX_BATCH_ROWS = 1000;
const MAX_BATCH_PARAMETERS = 30_000;

interface MovedTable {
  name: string;
  source: SQLiteTable;
  target: PgTable;
  /** The drizzle key of the office column, when the table has one. */
  officeKey?: string;
  /** Automatically numbered columns (their sequence is set past the moved ids). */
  serials: string[];
  batchRows: number;
}

/** Refused before anything was written: the target already holds this office's rows. */
export class OfficeOccupiedError extends Error {
  constructor(readonly tables: string[]) {
    super(`occupied: ${tables.join(', ')}`);
  }
}

/** Refused before anything was written: the SQLite file holds rows of more than one office. */
export class SeveralOfficesError extends Error {
  constructor(
    readonly table: string,
    readonly offices: string[],
  ) {
    super(`several offices in ${table}`);
  }
}

function officeKey(table: SQLiteTable | PgTable): string | undefined {
  return Object.entries(getTableColumns(table)).find(([, column]) => (column as Column).name === OFFICE_COLUMN)?.[0];
}

/** Referenced tables before the tables that reference them (there are no cycles in the schema). */
function inDependencyOrder(tables: MovedTable[]): MovedTable[] {
  const byTarget = new Map(tables.map((t) => [t.target, t]));
  const ordered: MovedTable[] = [];
  const visit = (table: MovedTable) => {
    if (ordered.includes(table)) return;
    for (const key of pgTableConfig(table.target).foreignKeys) {
      const parent = byTarget.get(key.reference().foreignTable);
      if (parent && parent !== table) visit(parent);
    }
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

/**
 * Tables not moved: `instances` says which bot processes were alive on the source database; they
 * are stopped now (the move needs that), and on the target their half-sent outbox rows, whose
 * claims name no live instance there, are taken back by the first instance that starts.
 */
const NOT_MOVED = new Set(['instances']);

/** Every table of the schema (but NOT_MOVED), paired by name across the two dialects. */
export function movedTables(): MovedTable[] {
  const targets = new Map(
    Object.values(pgSchema)
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => [pgTableConfig(table).name, table]),
  );
  const tables = Object.values(sqliteSchema)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable) && !NOT_MOVED.has(sqliteTableConfig(value).name))
    .map((source) => {
      const config = sqliteTableConfig(source);
      const target = targets.get(config.name);
      if (!target) throw new Error(`table ${config.name} has no PostgreSQL definition`);
      const columns = pgTableConfig(target).columns;
      const key = officeKey(target);
      return {
        name: config.name,
        source,
        target,
        ...(key !== undefined && { officeKey: key }),
        serials: columns.filter((c) => c.generatedIdentity !== undefined || c.columnType.includes('Serial')).map((c) => c.name),
        batchRows: Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_BATCH_PARAMETERS / columns.length))),
      };
    });
  return inDependencyOrder(tables);
}

export interface MoveOptions {
  /** The office the rows are written for, in tables that have an office column. */
  office: string;
  /** Delete the office's rows in the target first (same transaction) instead of refusing. */
  replace: boolean;
}

export interface MoveResult {
  /** Rows copied per table. */
  counts: Record<string, number>;
  /** Rows deleted per table first (with `replace`). */
  replaced: Record<string, number>;
}

type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

/** Rows of this office in the target table: all rows when the table has no office column. */
function ofOffice(table: MovedTable, office: string) {
  return table.officeKey === undefined ? undefined : eq(getTableColumns(table.target)[table.officeKey] as Column, office);
}

/** Set each automatically numbered column's sequence past the largest id now in the table (never back). */
async function advanceSequences(tx: Tx, table: MovedTable): Promise<void> {
  for (const column of table.serials) {
    await tx.execute(sql`
      SELECT setval(named.seq, GREATEST((SELECT COALESCE(MAX(${sql.identifier(column)}), 0) + 1 FROM ${table.target}),
                                        COALESCE(pg_sequence_last_value(named.seq) + 1, 1)), false)
      FROM (SELECT pg_get_serial_sequence(${`"${table.name}"`}, ${column})::regclass AS seq) AS named`);
  }
}

/**
 * Copy every table of `source` (a bot's SQLite database, already migrated) into `target` (a
 * PostgreSQL pool, already migrated), in one transaction. Reads one SQLite snapshot throughout.
 * Throws OfficeOccupiedError or SeveralOfficesError before writing anything; any other failure rolls
 * the whole move back.
 */
export async function moveOffice(source: BetterSqlite3.Database, target: pg.Pool, options: MoveOptions): Promise<MoveResult> {
  const tables = movedTables();
  const from = sqliteDrizzle(source);
  const result: MoveResult = { counts: {}, replaced: {} };
  source.exec('BEGIN'); // one read snapshot for the whole copy (WAL: the writer is not blocked)
  try {
    for (const table of tables) {
      const key = officeKey(table.source);
      if (key === undefined) continue;
      const column = getTableColumns(table.source)[key]!;
      const offices = from.selectDistinct({ office: column }).from(table.source).limit(2).all() as { office: string }[];
      if (offices.length > 1) throw new SeveralOfficesError(table.name, offices.map((o) => o.office));
    }
    await pgDrizzle(target).transaction(async (tx) => {
      // Two moves of the same office at once would both find it empty.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`db:move:${options.office}`}))`);
      const occupied: string[] = [];
      for (const table of tables) {
        if ((await tx.select({ one: sql`1` }).from(table.target).where(ofOffice(table, options.office)).limit(1)).length > 0) occupied.push(table.name);
      }
      if (occupied.length > 0 && !options.replace) throw new OfficeOccupiedError(occupied);
      for (const table of [...tables].reverse()) {
        result.replaced[table.name] = options.replace ? ((await tx.delete(table.target).where(ofOffice(table, options.office))).rowCount ?? 0) : 0;
      }
      for (const table of tables) {
        const columns = getTableColumns(table.source);
        const read = from
          .select({ ...columns, rowid__: sql<number>`rowid` })
          .from(table.source)
          .where(sql`rowid > ${sql.placeholder('after')}`)
          .orderBy(sql`rowid`)
          .limit(table.batchRows)
          .prepare();
        let after = 0;
        let count = 0;
        for (;;) {
          const rows = read.all({ after }) as (Record<string, unknown> & { rowid__: number })[];
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.rowid__;
          const values = rows.map(({ rowid__: _, ...row }) => (table.officeKey === undefined ? row : { ...row, [table.officeKey]: options.office }));
          await tx.insert(table.target).values(values);
          count += rows.length;
        }
        result.counts[table.name] = count;
        await advanceSequences(tx, table);
      }
    });
  } finally {
    source.exec('COMMIT');
  }
  return result;
}
