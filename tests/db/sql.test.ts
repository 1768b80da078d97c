// The query layer on both databases: placeholders, camelCased rows, lists, changes, and
// transactions that commit, roll back on a throw, and on SQLite never interleave.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../src/db/postgres';
import { compile, isIn, q, skipLocked, type Database as Db } from '../../src/db/sql';
import { SqliteDatabase } from '../../src/db/sqlite';
import { freshPgSchema } from '../support/database';

const url = process.env.DATABASE_URL;
const opened: { db: Db; drop?: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const { db, drop } of opened) {
    await db.close();
    await drop?.();
  }
});

async function sqlite(): Promise<Db> {
  const db = new SqliteDatabase(new Database(':memory:'));
  opened.push({ db });
  return db;
}

async function postgres(): Promise<Db> {
  const { options, drop } = await freshPgSchema(url!);
  const db = new PgDatabase(options);
  opened.push({ db, drop });
  return db;
}

const createItems = (db: Db) =>
  db.run(q`CREATE TABLE items (item_id INTEGER PRIMARY KEY, item_name TEXT NOT NULL, created_at BIGINT NOT NULL, done BOOLEAN NOT NULL DEFAULT FALSE)`);

describe('compile', () => {
  it('numbers placeholders per dialect and inlines constant fragments, once per call site', () => {
    const at = (x: number) => q`SELECT * FROM t WHERE a = ${x} AND b ${isIn([1, 2])} ${skipLocked}`;
    const sqliteText = compile(at(1), 'sqlite');
    expect(sqliteText.text).toBe('SELECT * FROM t WHERE a = ? AND b IN (SELECT value FROM json_each(?)) ');
    expect(compile(at(1), 'pg').text).toBe('SELECT * FROM t WHERE a = $1 AND b = ANY($2) FOR UPDATE SKIP LOCKED');
    expect(compile(at(2), 'sqlite')).toBe(sqliteText);
  });
});

for (const [name, open] of [
  ['SQLite', sqlite],
  ['PostgreSQL', postgres],
] as const) {
  describe.skipIf(name === 'PostgreSQL' && !url)(`${name} adapter`, () => {
    it('binds values, returns camelCased rows with numbers, counts changes, reads lists', async () => {
      const db = await open();
      await createItems(db);
      const when = Date.UTC(2026, 11, 1, 3);
      for (const [id, label] of [
        [1, 'หนึ่ง'],
        [2, 'สอง'],
        [3, 'สาม'],
      ] as const) {
        await db.run(q`INSERT INTO items (item_id, item_name, created_at, done) VALUES (${id}, ${label}, ${when + id}, ${id === 2})`);
      }
      const row = await db.get<{ itemId: number; itemName: string; createdAt: number }>(q`SELECT item_id, item_name, created_at FROM items WHERE item_id = ${2}`);
      expect(row).toEqual({ itemId: 2, itemName: 'สอง', createdAt: when + 2 });
      expect(await db.get(q`SELECT item_id FROM items WHERE item_id = ${99}`)).toBeUndefined();
      const picked = await db.all<{ itemId: number }>(q`SELECT item_id FROM items WHERE item_name ${isIn(['หนึ่ง', 'สาม'])} ORDER BY item_id`);
      expect(picked.map((r) => r.itemId)).toEqual([1, 3]);
      expect((await db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM items WHERE done = ${false}`))?.n).toBe(2);
      expect((await db.run(q`UPDATE items SET done = ${true} WHERE item_id <> ${2}`)).changes).toBe(2);
      const returned = await db.all<{ itemId: number }>(q`DELETE FROM items WHERE item_id > ${1} RETURNING item_id`);
      expect(returned.map((r) => r.itemId).sort()).toEqual([2, 3]);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      const db = await open();
      await createItems(db);
      await db.transaction(async (tx) => {
        await tx.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${1}, ${'kept'}, ${1})`);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${2}, ${'lost'}, ${2})`);
          await tx.run(q`UPDATE items SET item_name = ${'changed'} WHERE item_id = ${1}`);
          throw new Error('turn failed');
        }),
      ).rejects.toThrow('turn failed');
      const rows = await db.all<{ itemName: string }>(q`SELECT item_name FROM items ORDER BY item_id`);
      expect(rows.map((r) => r.itemName)).toEqual(['kept']);
      // The handle still works after a rollback.
      expect((await db.run(q`UPDATE items SET item_name = ${'again'} WHERE item_id = ${1}`)).changes).toBe(1);
    });

    it('runs concurrent read-modify-write transactions without losing an update', async () => {
      const db = await open();
      await createItems(db);
      await db.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${1}, ${'counter'}, ${0})`);
      // On PostgreSQL the row lock (FOR UPDATE) serialises them; on SQLite the mutex does.
      const lock = name === 'PostgreSQL' ? ' FOR UPDATE' : '';
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const row = lock
              ? await tx.get<{ createdAt: number }>(q`SELECT created_at FROM items WHERE item_id = ${1} FOR UPDATE`)
              : await tx.get<{ createdAt: number }>(q`SELECT created_at FROM items WHERE item_id = ${1}`);
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.run(q`UPDATE items SET created_at = ${row!.createdAt + 1} WHERE item_id = ${1}`);
          }),
        ),
      );
      expect((await db.get<{ createdAt: number }>(q`SELECT created_at FROM items WHERE item_id = ${1}`))?.createdAt).toBe(20);
    });
  });
}

describe('SQLite transactions', () => {
  it('never interleave: a second transaction and a lone statement wait until the first commits', async () => {
    const db = await sqlite();
    await createItems(db);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      order.push('first begins');
      await tx.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${1}, ${'a'}, ${1})`);
      await gate; // the event loop runs other work meanwhile
      order.push('first commits');
    });
    const second = db.transaction(async (tx) => {
      order.push('second begins');
      await tx.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${2}, ${'b'}, ${2})`);
    });
    const lone = db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM items`).then((row) => order.push(`lone read sees ${row?.n}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first begins']);
    release();
    await Promise.all([first, second, lone]);
    expect(order).toEqual(['first begins', 'first commits', 'second begins', 'lone read sees 2']);
  });

  it('a transaction joined through its tx runs inside it, and a finished tx refuses statements', async () => {
    const db = await sqlite();
    await createItems(db);
    let kept: Db | undefined;
    await expect(
      db.transaction(async (tx) => {
        kept = tx as Db;
        await tx.transaction((inner) => inner.run(q`INSERT INTO items (item_id, item_name, created_at) VALUES (${1}, ${'a'}, ${1})`));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await db.get(q`SELECT COUNT(*) AS n FROM items`)).toEqual({ n: 0 });
    await expect(kept!.get(q`SELECT COUNT(*) AS n FROM items`)).rejects.toThrow(/already ended/);
  });
});
