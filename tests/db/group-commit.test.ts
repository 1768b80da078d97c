// SQLite's group commit (src/db/sqlite.ts): transactions begun while one is open share its COMMIT;
// each caller hears "committed" only once the data is on disk (a second connection to the file sees
// it), one that fails is undone alone, a failed COMMIT fails every member, and a plain read never
// runs inside others' uncommitted work. SQLite only: PostgreSQL commits each transaction itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { q } from '../../src/db/sql';
import { SqliteDatabase } from '../../src/db/sqlite';

let handles: { db: SqliteDatabase; reader: Database.Database }[] = [];
afterEach(async () => {
  for (const { db, reader } of handles) {
    reader.close();
    await db.close();
  }
  handles = [];
});

/** The database on a file, and a second connection to the same file that sees only what is committed. */
async function opened() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-')), 'db.sqlite');
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  const db = new SqliteDatabase(connection);
  await db.run(q`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  const reader = new Database(file, { readonly: true });
  handles.push({ db, reader });
  const onDisk = () => (reader.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map((r) => r.body);
  const commits = vi.spyOn(connection, 'exec');
  const commitCount = () => commits.mock.calls.filter(([sql]) => sql === 'COMMIT').length;
  return { db, connection, onDisk, commitCount };
}

const insert = (db: SqliteDatabase, body: string) => db.transaction((tx) => tx.run(q`INSERT INTO notes (body) VALUES (${body})`));

describe('group commit on SQLite', () => {
  it('transactions begun together share one COMMIT, and each resolves only once its row is on disk', async () => {
    const { db, onDisk, commitCount } = await opened();
    const seenAtResolve: string[][] = [];
    await Promise.all(['ก', 'ข', 'ค'].map((body) => insert(db, body).then(() => seenAtResolve.push(onDisk()))));
    expect(commitCount()).toBe(1);
    expect(seenAtResolve).toEqual([
      ['ก', 'ข', 'ค'],
      ['ก', 'ข', 'ค'],
      ['ก', 'ข', 'ค'],
    ]);
  });

  it('one member that throws is undone alone; the others are committed', async () => {
    const { db, onDisk } = await opened();
    const results = await Promise.allSettled([
      insert(db, 'ก'),
      db.transaction(async (tx) => {
        await tx.run(q`INSERT INTO notes (body) VALUES (${'ไม่ควรเหลือ'})`);
        throw new Error('the turn failed');
      }),
      insert(db, 'ค'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(onDisk()).toEqual(['ก', 'ค']);
  });

  it('a COMMIT that fails fails every member, and nothing of the group is kept', async () => {
    const { db, connection, onDisk } = await opened();
    const exec = connection.exec.bind(connection);
    vi.spyOn(connection, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT') throw new Error('SQLITE_FULL: database or disk is full');
      return exec(sql);
    });
    const results = await Promise.allSettled([insert(db, 'ก'), insert(db, 'ข')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(onDisk()).toEqual([]);
    expect(connection.inTransaction).toBe(false);
  });

  it('a plain read while a group is open commits the group first, so it never reads uncommitted work', async () => {
    const { db, onDisk } = await opened();
    const written = insert(db, 'ก');
    const read = db.all<{ body: string }>(q`SELECT body FROM notes`);
    const [rows] = await Promise.all([read, written]);
    expect(rows.map((r) => r.body)).toEqual(['ก']);
    expect(onDisk()).toEqual(['ก']);
  });

  it('a plain write joins the group and resolves once committed', async () => {
    const { db, onDisk, commitCount } = await opened();
    const before = commitCount();
    await Promise.all([insert(db, 'ก'), db.run(q`INSERT INTO notes (body) VALUES (${'ข'})`)]);
    expect(commitCount() - before).toBe(1);
    expect(onDisk()).toEqual(['ก', 'ข']);
  });
});
