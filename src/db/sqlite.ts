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

/** Transactions that share one BEGIN … COMMIT: each resolves only once the COMMIT is done. */
class Group {
  members = 0;
  scheduled = false;
  readonly committed: Promise<void>;
  settle!: (error?: unknown) => void;
  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A member whose own work failed does not wait on the group; nobody may be listening then.
    this.committed.catch(() => undefined);
  }
}

/** How many transactions at most share one commit. */
const MAX_GROUP = 64;

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new Mutex();
  private readonly statements = new WeakMap<TemplateStringsArray, BetterSqlite3.Statement>();
  /** The transaction open for a group of callers (see transaction()), if any. */
  private group: Group | undefined;
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly release: BetterSqlite3.Statement;
  private readonly rollbackTo: BetterSqlite3.Statement;

  constructor(readonly connection: BetterSqlite3.Database) {
    this.savepoint = connection.prepare('SAVEPOINT member');
    this.release = connection.prepare('RELEASE member');
    this.rollbackTo = connection.prepare('ROLLBACK TO member');
  }

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
      this.commitGroup();
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

  /**
   * A write outside a transaction joins the open group as a transaction of one statement (it
   * resolves once committed, as before). A read outside one (get, all — UPDATE … RETURNING among
   * them, whose caller acts on what it claimed) commits the group first and runs alone.
   */
  run(query: Query): Promise<RunResult> {
    return this.member(async (tx) => tx.run(query));
  }

  /**
   * Group commit. A transaction's work is its own savepoint inside a transaction left open until
   * the event loop's next check phase (setImmediate); transactions that begin meanwhile — the turns
   * run back to back, the webhook batches that arrived — join it, and one COMMIT writes them all.
   * Each caller's promise resolves only after that COMMIT (and rejects if it fails), so "resolved"
   * still means "on disk"; one whose work fails is rolled back to its savepoint alone. A plain
   * statement never runs inside others' uncommitted work: it commits the group first. Under load
   * this turns a commit per turn and per webhook into a commit per batch (the benchmark's profile
   * put BEGIN and COMMIT at a sixth of the bot's CPU); alone, a transaction waits one tick more.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.member(fn);
  }

  /** One member of the open group (see transaction()). */
  private async member<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    await this.mutex.acquire();
    let group: Group;
    let result: T;
    try {
      if (!this.group) {
        this.connection.exec('BEGIN IMMEDIATE');
        this.group = new Group();
      }
      group = this.group;
      group.members++;
      this.savepoint.run();
      const tx = new SqliteTransaction(this);
      try {
        result = await fn(tx);
      } catch (error) {
        tx.open = false;
        this.undo(group, error);
        if (this.group === group) this.commitSoon(group);
        throw error;
      }
      tx.open = false;
      this.release.run();
      if (group.members >= MAX_GROUP) this.commitGroup();
      else this.commitSoon(group);
    } finally {
      this.mutex.release();
    }
    await group.committed;
    return result;
  }

  /** A failed member's own work undone; if SQLite rolled the whole transaction back, the group fails with it. */
  private undo(group: Group, error: unknown): void {
    if (this.connection.inTransaction) {
      this.rollbackTo.run();
      this.release.run();
      return;
    }
    this.group = undefined;
    group.settle(error);
  }

  /** The group's COMMIT at the next check phase (once the transactions begun meanwhile have joined). */
  private commitSoon(group: Group): void {
    if (group.scheduled) return;
    group.scheduled = true;
    setImmediate(() => {
      void this.mutex.acquire().then(() => {
        try {
          if (this.group === group) this.commitGroup();
        } finally {
          this.mutex.release();
        }
      });
    });
  }

  /** COMMIT the open group now (the caller holds the mutex); its members hear how it went. */
  private commitGroup(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      this.connection.exec('COMMIT');
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      group.settle(error);
      return;
    }
    group.settle();
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
      this.commitGroup();
      if (this.connection.open) this.connection.close();
    } finally {
      this.mutex.release();
    }
    for (const closer of this.closers.splice(0)) await closer();
  }

  /** Run `closer` after the connection is closed (the checkpoint worker's stop). */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  private readonly closers: (() => Promise<void>)[] = [];
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
