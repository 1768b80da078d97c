// The PostgreSQL side of src/db/sql.ts: a node-postgres pool, each call site a named statement
// (prepared once per connection), bigint (epoch-ms) columns and COUNT(*) read as JS numbers.
// A transaction takes one pooled client for BEGIN … COMMIT (READ COMMITTED).
import pg from 'pg';
import { bindings, camelRow, compile, type Database, type Query, type Row, type RunResult, type Sql } from './sql';

const INT8 = 20;
/** Epoch milliseconds and counts fit a double exactly (well below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

interface Queryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}

function execute(client: Queryable, query: Query): Promise<pg.QueryResult> {
  const plan = compile(query, 'pg');
  return client.query({ name: `q${plan.id}`, text: plan.text, values: bindings(query, plan, 'pg') });
}

class PgHandle implements Sql {
  readonly dialect = 'pg' as const;
  constructor(protected readonly client: Queryable) {}

  async get<T = Row>(query: Query): Promise<T | undefined> {
    return camelRow<T>((await execute(this.client, query)).rows[0]);
  }

  async all<T = Row>(query: Query): Promise<T[]> {
    return (await execute(this.client, query)).rows.map((row) => camelRow<T>(row)!);
  }

  async run(query: Query): Promise<RunResult> {
    return { changes: (await execute(this.client, query)).rowCount ?? 0 };
  }

  /** Inside a transaction: join it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return fn(this);
  }
}

export class PgDatabase extends PgHandle implements Database {
  readonly pool: pg.Pool;

  constructor(options: pg.PoolConfig) {
    const pool = new pg.Pool({ ...options, types });
    super(pool);
    this.pool = pool;
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
  }

  override async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection whose ROLLBACK failed is dropped, not handed out again.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(new PgHandle(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async reachable(): Promise<boolean> {
    try {
      return (await this.pool.query('SELECT 1 AS ok')).rows[0]?.ok === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
