// Boot: config → offices (profiles and channels) → database and migrations → LINE client → app → server → workers.
// Stops gracefully: stop taking requests, finish what is under way, close the database.
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { holidayCoverageWarnings } from './booking/schedule';
import { ConfigError, loadConfig, SIMULATOR_ACCESS_TOKEN, SIMULATOR_CHANNEL_SECRET } from './config';
import { openDatabase } from './db/client';
import { createLineClient } from './line/client';
import { FakeLine } from './line/fake';
import { log } from './log';
import { DEFAULT_OFFICE_CONFIG_PATH } from './office/profile';
import { loadOfficeChannels, OfficesError, type OfficeChannel } from './office/offices';

/** The settings and the offices, or every problem with either in one go. */
function loadSettings() {
  const errors: Error[] = [];
  let config: ReturnType<typeof loadConfig> | undefined;
  let offices: OfficeChannel[] | undefined;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    errors.push(error);
  }
  try {
    offices = loadOfficeChannels(
      config ?? {
        // The settings are bad too: still report what is wrong with the offices they name.
        ...(process.env.OFFICES_DIR ? { officesDir: path.resolve(process.env.OFFICES_DIR) } : {}),
        officeConfigPath: path.resolve(process.env.OFFICE_CONFIG || DEFAULT_OFFICE_CONFIG_PATH),
        simulated: true,
        line: { channelSecret: SIMULATOR_CHANNEL_SECRET, channelAccessToken: SIMULATOR_ACCESS_TOKEN },
      },
    );
  } catch (error) {
    if (!(error instanceof OfficesError)) throw error;
    errors.push(error);
  }
  if (errors.length > 0 || !config || !offices) {
    process.stderr.write(`${errors.map((e) => e.message).join('\n\n')}\n`);
    process.exit(1);
  }
  return { config, offices };
}

async function boot() {
  const { config, offices } = loadSettings();
  for (const { profile } of offices) {
    for (const warning of holidayCoverageWarnings(profile, new Date())) log.warn(warning, ...(offices.length > 1 ? [{ office: profile.id }] : []));
  }
  const db = await openDatabase({ url: config.databaseUrl, path: config.databasePath, poolSize: config.databasePoolSize });
  // Without credentials the bot talks to its own fake LINE API, served on the same port.
  const selfUrl = `http://127.0.0.1:${config.port}`;
  const fakeLine = config.simulated ? new FakeLine(Object.fromEntries(offices.map((office) => [office.profile.id, office.channelAccessToken]))) : undefined;
  const setups = offices.map((office) => ({
    ...office,
    line: createLineClient({
      channelAccessToken: office.channelAccessToken,
      apiBaseUrl: config.simulated ? selfUrl : config.line.apiBaseUrl,
      dataApiBaseUrl: config.simulated ? selfUrl : config.line.dataApiBaseUrl,
    }),
  }));
  const bot = createApp({ config, db, offices: setups, fakeLine });
  const server = serve({ fetch: bot.app.fetch, port: config.port }, (info) => {
    log.info('bot listening', { port: info.port, offices: offices.length, simulated: config.simulated, database: config.databaseUrl ? 'postgresql' : config.databasePath });
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
