// History is append-only: each change adds a row and leaves the earlier ones as they were, and no
// statement in the bot's source updates or deletes it (retention of whole cases comes later).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../src/cases/actions';
import type { Database } from '../../src/db/sql';
import { addStaff } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile } from '../support/harness';
import { NOW, OFFICE, historyRows, submittedCase } from './helpers';

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase(newTestDatabaseName(tempDbFile));
  await addStaff(db, 'default', 'Uofficer', 'cli', NOW.getTime());
});
afterEach(() => db.close());

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('case history', () => {
  it('grows by one row per change, earlier rows untouched', async () => {
    const c = await submittedCase(db);
    const officer = { role: 'officer' as const, id: 'Uofficer' };
    const seen = [await historyRows(db, c)];
    let version = c.version;
    for (const [to, note] of [['in_review'], ['needs_info', 'ขอรายชื่อสมาชิก']] as const) {
      const result = await db.transaction((tx) => transition(tx, OFFICE, c.id, { to, actor: officer, expectedVersion: version, note, sections: ['members'] }, NOW));
      if (!result.ok) throw new Error(result.reason);
      version = result.case.version;
      const rows = await historyRows(db, c);
      expect(rows.slice(0, -1)).toEqual(seen.at(-1));
      seen.push(rows);
    }
    expect(seen.at(-1)!.map((h) => `${h.fromStatus}>${h.toStatus}@${h.version}`)).toEqual(['null>draft@1', 'draft>submitted@2', 'submitted>in_review@3', 'in_review>needs_info@4']);
  });

  it('no statement in src/ updates or deletes it', () => {
    const offenders = sourceFiles(path.resolve('src'))
      .filter((file) => !file.includes(`${path.sep}migrations${path.sep}`))
      .filter((file) => {
        const source = fs.readFileSync(file, 'utf8');
        if (/\bUPDATE\s+case_history\b/i.test(source)) return true;
        // A group case deleted whole (a never-sent draft, PDPA retention and erasure) takes its history with it.
        return /\bDELETE\s+FROM\s+case_history\b/i.test(source) && !file.endsWith(path.join('src', 'groups', 'retention.ts'));
      });
    expect(offenders).toEqual([]);
  });
});
