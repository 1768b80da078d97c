// The SQLite side of src/db/sql.ts: one better-sqlite3 connection, statements prepared once per call
// site, and an in-process async mutex so transactions never interleave. A transaction holds the mutex
// from BEGIN IMMEDIATE to COMMIT; a statement outside a transaction waits for it too, so nothing ever
// runs between another turn's statements.
import type BetterSqlite3 from 'better-sqlite3';
import { bindings, camelRow, compile, type Database, type Query, type Row, type RunResult, type Sql } from './sql';

/** One waiter at a time; the rest queue in arrival order. */
export class Mutex {
  private held = false;
  private readonly waiters: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new Mutex();
  private readonly statements = new WeakMap<TemplateStringsArray, BetterSqlite3.Statement>();

  constructor(readonly connection: BetterSqlite3.Database) {}

  /** The statement for a call site, prepared on first use. */
  private statement(query: Query): BetterSqlite3.Statement {
    let statement = this.statements.get(query.strings);
    if (!statement) {
      statement = this.connection.prepare(compile(query, 'sqlite').text);
      this.statements.set(query.strings, statement);
    }
    return statement;
  }

  private values(query: Query): unknown[] {
    return bindings(query, compile(query, 'sqlite'), 'sqlite');
  }

  // The statements themselves, run while the caller holds the mutex.
  getNow<T>(query: Query): T | undefined {
    return camelRow<T>(this.statement(query).get(...this.values(query)) as Row | undefined);
  }

  allNow<T>(query: Query): T[] {
    return (this.statement(query).all(...this.values(query)) as Row[]).map((row) => camelRow<T>(row)!);
  }

  runNow(query: Query): RunResult {
    const statement = this.statement(query);
    // A statement with RETURNING is a reader: run it through all() so it steps to the end.
    if (statement.reader) return { changes: statement.all(...this.values(query)).length };
    return { changes: statement.run(...this.values(query)).changes };
  }

  /**
   * Run one statement when no transaction is open. (Called from inside a transaction's callback it
   * would wait for that transaction to end, for ever: callbacks use their `tx`. An AsyncLocalStorage
   * guard against that mistake halved the bot's turns per second on Node 20, so there is none.)
   */
  private async alone<T>(work: () => T): Promise<T> {
    await this.mutex.acquire();
    try {
      return work();
    } finally {
      this.mutex.release();
    }
  }

  get<T = Row>(query: Query): Promise<T | undefined> {
    return this.alone(() => this.getNow<T>(query));
  }

  all<T = Row>(query: Query): Promise<T[]> {
    return this.alone(() => this.allNow<T>(query));
  }

  run(query: Query): Promise<RunResult> {
    return this.alone(() => this.runNow(query));
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    await this.mutex.acquire();
    try {
      this.connection.exec('BEGIN IMMEDIATE');
      const tx = new SqliteTransaction(this);
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        tx.open = false;
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
      tx.open = false;
      try {
        this.connection.exec('COMMIT');
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
      return result;
    } finally {
      this.mutex.release();
    }
  }

  async reachable(): Promise<boolean> {
    try {
      return (await this.get<{ ok: number }>(REACHABLE))?.ok === 1;
    } catch {
      return false;
    }
  }

  /** After the transaction under way; statements after this fail (the connection is closed). */
  async close(): Promise<void> {
    await this.mutex.acquire();
    try {
      if (this.connection.open) this.connection.close();
    } finally {
      this.mutex.release();
    }
  }
}

const REACHABLE = { strings: Object.assign(['SELECT 1 AS ok'], { raw: ['SELECT 1 AS ok'] }) as TemplateStringsArray, values: [] };

/** The handle a transaction's callback gets: statements run at once (the mutex is already held). */
class SqliteTransaction implements Sql {
  readonly dialect = 'sqlite' as const;
  /** False once committed or rolled back (work the callback scheduled for later may use the database then). */
  open = true;
  constructor(private readonly db: SqliteDatabase) {}

  async get<T = Row>(query: Query): Promise<T | undefined> {
    this.check();
    return this.db.getNow<T>(query);
  }

  async all<T = Row>(query: Query): Promise<T[]> {
    this.check();
    return this.db.allNow<T>(query);
  }

  async run(query: Query): Promise<RunResult> {
    this.check();
    return this.db.runNow(query);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    this.check();
    return fn(this);
  }

  private check(): void {
    if (!this.open) throw new Error('the transaction has already ended');
  }
}
