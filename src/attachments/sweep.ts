// Content nobody refers to any more (its rows erased with the user's data) is removed from disk.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from '../db/sql';
import { log } from '../log';
import { removeContents } from './files';
import { referencedHashes } from './store';

/**
 * Remove the office's stored contents that no attachment row refers to. Returns how many went. A
 * download records its row before it writes the content (receive.ts), so content on disk without a
 * row is garbage, never a download under way.
 */
export async function sweepUnreferenced(db: Sql, dir: string, office: string): Promise<number> {
  const officeDir = path.join(dir, office);
  const prefixes = await fs.readdir(officeDir).catch(() => [] as string[]);
  let removed = 0;
  for (const prefix of prefixes) {
    const names = await fs.readdir(path.join(officeDir, prefix)).catch(() => [] as string[]);
    const candidates = names.filter((name) => /^[0-9a-f]{64}$/.test(name));
    const kept = await referencedHashes(db, office, candidates);
    removed += await removeContents(dir, office, candidates.filter((h) => !kept.has(h)));
  }
  if (removed > 0) log.info('attachment contents removed', { count: removed });
  return removed;
}
