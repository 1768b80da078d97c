// The database handle: migrations applied, and prepared statements reused safely.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';

describe('openDatabase', () => {
  it('applies the migrations', () => {
    const db = openDatabase(':memory:');
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['bookings', 'conversations', 'eligibility_checks', 'inbox', 'outbox', 'staff', 'users']));
    db.$client.close();
  });

  it('hands out the same prepared statement again, reset to object rows', () => {
    const db = openDatabase(':memory:');
    const first = db.$client.prepare('SELECT 1 AS answer');
    first.raw(true); // what drizzle does for some reads
    expect(first.get()).toEqual([1]);
    const again = db.$client.prepare('SELECT 1 AS answer');
    expect(again).toBe(first);
    expect(again.get()).toEqual({ answer: 1 });
    expect(() => db.$client.prepare('CREATE TABLE t (x)').run()).not.toThrow();
    db.$client.close();
  });
});
