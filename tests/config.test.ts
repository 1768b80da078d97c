// Configuration: safe defaults, one message naming every bad value, and secrets never shown.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { DEFAULT_OFFICE_CONFIG_PATH } from '../src/office/profile';

describe('loadConfig', () => {
  it('runs with nothing set: simulator mode on port 3000 with the example office', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databasePath: path.resolve('./data/bot.db'),
      simulated: true,
      simulatorEnabled: true,
      officeConfigPath: DEFAULT_OFFICE_CONFIG_PATH,
      line: { apiBaseUrl: 'https://api.line.me', dataApiBaseUrl: 'https://api-data.line.me' },
    });
  });

  it('uses real credentials and turns the simulator off when both are given', () => {
    const config = loadConfig({ LINE_CHANNEL_SECRET: 's3cret', LINE_CHANNEL_ACCESS_TOKEN: 't0ken', LINE_API_BASE_URL: 'http://127.0.0.1:9090/' });
    expect(config).toMatchObject({ simulated: false, simulatorEnabled: false, line: { channelSecret: 's3cret', apiBaseUrl: 'http://127.0.0.1:9090' } });
  });

  it('refuses SIMULATOR=on beside real LINE credentials, naming the setting and hiding the secrets', () => {
    const attempt = () => loadConfig({ LINE_CHANNEL_SECRET: 's3cret', LINE_CHANNEL_ACCESS_TOKEN: 't0ken', SIMULATOR: 'on' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SIMULATOR: "on" serves the simulator, which only runs without LINE credentials/);
    expect(attempt).not.toThrow(/s3cret|t0ken/);
  });

  it('serves the simulator for SIMULATOR=on or auto without credentials, and not for off', () => {
    expect(loadConfig({ SIMULATOR: 'on' }).simulatorEnabled).toBe(true);
    expect(loadConfig({ SIMULATOR: 'auto' }).simulatorEnabled).toBe(true);
    expect(loadConfig({ SIMULATOR: 'off' })).toMatchObject({ simulated: true, simulatorEnabled: false });
    expect(loadConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', SIMULATOR: 'auto' }).simulatorEnabled).toBe(false);
  });

  it('names every bad value in one message, hiding secrets', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LINE_API_BASE_URL: 'ftp://x', LINE_CHANNEL_SECRET: 'only-the-secret', STAFF_INVITE_CODE: 'short', SIMULATOR: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const key of ['PORT', 'LINE_API_BASE_URL', 'LINE_CHANNEL_ACCESS_TOKEN', 'STAFF_INVITE_CODE', 'SIMULATOR']) expect(message).toContain(key);
    expect(message).toContain('(got "abc")');
    expect(message).not.toContain('only-the-secret');
    expect(message).not.toContain('short"');
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('paces the outbox at 1,000 pushes a second unless told, and never above LINE’s 2,000', () => {
    expect(loadConfig({}).outboxPushesPerSecond).toBe(1000);
    expect(loadConfig({ OUTBOX_PUSHES_PER_SECOND: '250' }).outboxPushesPerSecond).toBe(250);
    expect(() => loadConfig({ OUTBOX_PUSHES_PER_SECOND: '5000' })).toThrow(/OUTBOX_PUSHES_PER_SECOND: must be at most 2000/);
    expect(() => loadConfig({ OUTBOX_PUSHES_PER_SECOND: 'fast' })).toThrow(/OUTBOX_PUSHES_PER_SECOND/);
  });

  it('runs on PostgreSQL when DATABASE_URL is a postgres:// URL, and never prints a bad one (it holds the password)', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/bot' }).databaseUrl).toBe('postgres://bot:pw@db:5432/bot');
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot:pw@db/bot' }).databaseUrl).toBe('postgresql://bot:pw@db/bot');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:hunter2@db/bot' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:hunter2@db/bot' })).not.toThrow(/hunter2/);
  });

  it('keeps up to 10 PostgreSQL connections per instance unless DATABASE_POOL_SIZE says otherwise', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
