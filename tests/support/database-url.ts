// Where the test database lives, without vitest (child processes and the benchmark import this too).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const databaseUrl = process.env.DATABASE_URL || undefined;

/** The DATABASE_URL a child process (the CLI, a bot process) uses to reach the test database `name`. */
export function testDatabaseUrl(name: string): string | undefined {
  if (!databaseUrl) return undefined;
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return url.toString();
}

export async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty schema on the server; connections made with `options` use it. */
export async function freshPgSchema(url: string, name?: string): Promise<{ schema: string; options: pg.PoolConfig; drop: () => Promise<void> }> {
  const schema = name ?? `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(url, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  return {
    schema,
    options: { connectionString: url, options: `-c search_path=${schema}`, max: 4 },
    drop: () => admin(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}
