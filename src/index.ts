// Boot: config → office profile → database and migrations → LINE client → app → server → workers.
// Stops gracefully: stop taking requests, finish what is under way, close the database.
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { createLineClient } from './line/client';
import { FakeLine } from './line/fake';
import { log } from './log';
import { loadOfficeProfile, OfficeProfileError } from './office/profile';

function boot() {
  const config = loadConfig();
  const office = loadOfficeProfile(config.officeConfigPath);
  const db = openDatabase(config.databasePath);
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
    log.info('bot listening', { port: info.port, simulated: config.simulated, database: config.databasePath });
    if (config.simulatorEnabled) process.stdout.write(`\n  แชทจำลอง (simulator): http://localhost:${info.port}/simulator\n\n`);
  });
  bot.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    bot.stop();
    server.close(() => {
      void bot.idle().finally(() => {
        db.$client.close();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

try {
  boot();
} catch (error) {
  if (error instanceof ConfigError || error instanceof OfficeProfileError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
