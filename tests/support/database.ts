// Test databases: SQLite by default; with DATABASE_URL=postgres://… each test file gets its own
// PostgreSQL schema, created here and dropped when the file is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A new, empty schema on the server; connections made with `options` use it. */
export async function freshPgSchema(url: string): Promise<{ schema: string; options: pg.PoolConfig; drop: () => Promise<void> }> {
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    options: { connectionString: url, options: `-c search_path=${schema}`, max: 4 },
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
