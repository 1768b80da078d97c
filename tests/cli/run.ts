// Runs a command-line tool the way `npm run` does (tsx), against a given database file, and
// returns what it printed and its exit code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDatabaseUrl } from '../support/database-url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Each run starts a Node process (about 2 s, more on a busy machine): tests that run several take longer. */
export const CLI_TIMEOUT_MS = 90_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Standard output as raw bytes, for checking the encoding. */
  bytes: Buffer;
}

export function runCli(script: string, args: string[], databasePath: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli', script), ...args], {
    cwd: ROOT,
    // On PostgreSQL `databasePath` names the test schema.
    env: { ...process.env, DATABASE_PATH: databasePath, DATABASE_URL: testDatabaseUrl(databasePath) ?? '', LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '', ...env },
  });
  return { code: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8'), bytes: result.stdout };
}
