// Attachment content on disk: `<dir>/<office>/<first two hex digits>/<sha256>`, one file per content
// per office however often it is sent, written atomically (a temporary file renamed into place) so a
// crash never leaves half a file under a real name.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function contentPath(dir: string, office: string, sha256: string): string {
  return path.join(dir, office, sha256.slice(0, 2), sha256);
}

export async function contentExists(dir: string, office: string, sha256: string): Promise<boolean> {
  try {
    await fs.access(contentPath(dir, office, sha256));
    return true;
  } catch {
    return false;
  }
}

/** Store the content (unless the same content is already there) and return its hash. */
export async function storeContent(dir: string, office: string, content: Buffer): Promise<string> {
  const sha256 = sha256Of(content);
  const target = contentPath(dir, office, sha256);
  if (await contentExists(dir, office, sha256)) return sha256;
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, target);
  return sha256;
}

/** Remove these contents of one office from disk (already gone is fine). */
export async function removeContents(dir: string, office: string, hashes: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const sha256 of hashes) {
    try {
      await fs.unlink(contentPath(dir, office, sha256));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
