// The write-ahead log checkpointed by a worker thread (src/db/checkpointer.ts), not inside the bot's
// COMMITs: the bot's own connection has SQLite's automatic checkpoint off, the worker copies the log
// into the file, and a worker that cannot start turns SQLite's own checkpoint back on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer';
import { openSqlite } from '../../src/db/client';
import { q } from '../../src/db/sql';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-')), 'bot.db');

describe('the checkpoint worker', () => {
  it('the bot’s connection leaves checkpoints to the worker; the tests’ and a plain open keep SQLite’s own', async () => {
    const withWorker = openSqlite(tempFile(), { checkpointWorker: true });
    const plain = openSqlite(tempFile());
    try {
      expect(withWorker.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(plain.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await withWorker.close();
      await plain.close();
    }
  });

  it('copies the whole log into the database file while the bot goes on writing', async () => {
    const file = tempFile();
    const db = openSqlite(file);
    db.connection.pragma('wal_autocheckpoint = 0');
    const checkpointer = startCheckpointer(file, () => undefined, 60_000);
    try {
      await db.run(q`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
      for (let i = 0; i < 300; i++) await db.transaction((tx) => tx.run(q`INSERT INTO notes (body) VALUES (${'บันทึก '.repeat(50) + i})`));
      const report = await checkpointer.now();
      expect(report.error).toBeUndefined();
      expect(report.log).toBeGreaterThan(100);
      expect(report.checkpointed).toBe(report.log);
      // Still readable and writable by the bot meanwhile and after.
      await db.run(q`INSERT INTO notes (body) VALUES (${'หลังจากนั้น'})`);
      expect((await db.get<{ n: number }>(q`SELECT COUNT(*) AS n FROM notes`))!.n).toBe(301);
    } finally {
      await checkpointer.stop();
      await db.close();
    }
  });

  it('a worker that cannot open the file says so and hands checkpoints back', async () => {
    const onFailure = vi.fn();
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-')), 'not-there.db');
    startCheckpointer(missing, onFailure, 60_000);
    await vi.waitFor(() => expect(onFailure).toHaveBeenCalledTimes(1));
  });
});
