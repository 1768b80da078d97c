// Boot: config → office profile → database and migrations → LINE client → app → server → workers.
// Stops gracefully: stop taking requests, finish what is under way, close the database.
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { holidayCoverageWarnings } from './booking/schedule';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { createLineClient } from './line/client';
import { FakeLine } from './line/fake';
import { log } from './log';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, OfficeProfileError } from './office/profile';

/** The settings and the office profile, or every problem with either in one go. */
function loadSettings() {
  const errors: Error[] = [];
  let config: ReturnType<typeof loadConfig> | undefined;
  let office: ReturnType<typeof loadOfficeProfile> | undefined;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    errors.push(error);
  }
  try {
    office = loadOfficeProfile(config?.officeConfigPath ?? path.resolve(process.env.OFFICE_CONFIG || DEFAULT_OFFICE_CONFIG_PATH));
  } catch (error) {
    if (!(error instanceof OfficeProfileError)) throw error;
    errors.push(error);
  }
  if (errors.length > 0 || !config || !office) {
    process.stderr.write(`${errors.map((e) => e.message).join('\n\n')}\n`);
    process.exit(1);
  }
  return { config, office };
}

async function boot() {
  const { config, office } = loadSettings();
  for (const warning of holidayCoverageWarnings(office, new Date())) log.warn(warning);
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath, poolSize: config.databasePoolSize });
  // Without credentials the bot talks to its own fake LINE API, served on the same port.
  const selfUrl = `http://127.0.0.1:${config.port}`;
  const fakeLine = config.simulated ? new FakeLine(config.line.channelAccessToken) : undefined;
  const line = createLineClient({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.simulated ? selfUrl : config.line.apiBaseUrl,
    dataApiBaseUrl: config.simulated ? selfUrl : config.line.dataApiBaseUrl,
  });
  const bot = createApp({ config, db, line, office, fakeLine });
  const server = serve({ fetch: bot.app.fetch, port: config.port }, (info) => {
    log.info('bot listening', { port: info.port, simulated: config.simulated, database: config.databaseUrl ? 'postgresql' : config.databasePath });
    if (config.simulatorEnabled) process.stdout.write(`\n  แชทจำลอง (simulator): http://localhost:${info.port}/simulator\n\n`);
  });
  await bot.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    bot.stop();
    server.close(() => {
      void bot.idle().finally(() => {
        void db.close().finally(() => process.exit(0));
      });
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

boot().catch((error: unknown) => {
  // The name and message only (a connection error names the host, never the password).
  process.stderr.write(`start-up failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}\n`);
  process.exit(1);
});
