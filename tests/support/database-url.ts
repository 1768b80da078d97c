// Where the test database lives, without vitest (child processes import this too).
export const databaseUrl = process.env.DATABASE_URL || undefined;

/** The DATABASE_URL a child process (the CLI, a bot process) uses to reach the test database `name`. */
export function testDatabaseUrl(name: string): string | undefined {
  if (!databaseUrl) return undefined;
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return url.toString();
}

