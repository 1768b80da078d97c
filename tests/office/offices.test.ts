// Which offices a deployment serves: one 'default' office from OFFICE_CONFIG and the LINE_CHANNEL_*
// pair exactly as before, or every <id>.json of OFFICES_DIR with each office's secret and token from
// its own environment variables or <id>.secrets.json; start-up refuses what cannot work, all at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SIMULATOR_STAFF_INVITE_CODE } from '../../src/config';
import { loadOfficeChannels, loadOfficeProfileById, officeEnvName, OfficesError } from '../../src/office/offices';
import { DEFAULT_OFFICE_CONFIG_PATH } from '../../src/office/profile';

const example = JSON.parse(fs.readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8')) as Record<string, unknown>;

function officesDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offices-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof OfficesError || error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('no error');
}

describe('one office (no OFFICES_DIR)', () => {
  it("is 'default', from OFFICE_CONFIG and LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN, with no new setting", () => {
    const config = loadConfig({ LINE_CHANNEL_SECRET: 'secret-1', LINE_CHANNEL_ACCESS_TOKEN: 'token-1' });
    const [office, ...rest] = loadOfficeChannels(config, {});
    expect(rest).toEqual([]);
    expect(office).toMatchObject({ channelSecret: 'secret-1', channelAccessToken: 'token-1', profile: { id: 'default' } });
    expect(office!.profile.office.name).toBe((example.office as { name: string }).name);
  });
});

describe('OFFICES_DIR', () => {
  const U1 = 'U' + '1'.repeat(32);
  const U2 = 'U' + '2'.repeat(32);

  it('serves every <id>.json, with secrets from LINE_CHANNEL_SECRET_<ID> or <id>.secrets.json', () => {
    const dir = officesDir({
      'ban-na.json': { ...example, botUserId: U1 },
      'nong-khai.json': { ...example, botUserId: U2 },
      'nong-khai.secrets.json': { channelSecret: 'nk-secret', channelAccessToken: 'nk-token' },
    });
    const env = { OFFICES_DIR: dir, LINE_CHANNEL_SECRET_BAN_NA: 'bn-secret', LINE_CHANNEL_ACCESS_TOKEN_BAN_NA: 'bn-token' };
    const config = loadConfig(env);
    expect(config.simulated).toBe(false);
    expect(config.staffInviteCode).toBeUndefined();
    const offices = loadOfficeChannels(config, env);
    expect(offices.map((o) => [o.profile.id, o.profile.botUserId, o.channelSecret, o.channelAccessToken])).toEqual([
      ['ban-na', U1, 'bn-secret', 'bn-token'],
      ['nong-khai', U2, 'nk-secret', 'nk-token'],
    ]);
    expect(officeEnvName('LINE_CHANNEL_SECRET', 'nong-khai')).toBe('LINE_CHANNEL_SECRET_NONG_KHAI');
    expect(loadOfficeProfileById(config, 'nong-khai').id).toBe('nong-khai');
    expect(problemsOf(() => loadOfficeProfileById(config, 'udon'))).toEqual([expect.stringContaining('no office "udon"')]);
  });

  it('without any credentials is a simulation: each office gets a pretend channel of its own', () => {
    const dir = officesDir({ 'a.json': example, 'b.json': example });
    const config = loadConfig({ OFFICES_DIR: dir });
    expect(config.simulated).toBe(true);
    expect(config.staffInviteCode).toBe(SIMULATOR_STAFF_INVITE_CODE);
    const offices = loadOfficeChannels(config, {});
    expect(new Set(offices.map((o) => o.channelAccessToken)).size).toBe(2);
  });

  it('refuses, in one message, bad file names, bad profiles, a real office without its secret, shared destinations and secrets', () => {
    const dir = officesDir({
      'Ban_Na.json': example,
      'a.json': { ...example, botUserId: U1 },
      'b.json': { ...example, botUserId: U1 },
      'c.json': { ...example, office: { ...(example.office as object), phone: '12-34' } },
      'd.json': example,
      'e.json': example,
      'e.secrets.json': '{not json',
    });
    const env = {
      OFFICES_DIR: dir,
      LINE_CHANNEL_SECRET_A: 'same',
      LINE_CHANNEL_ACCESS_TOKEN_A: 'token-a',
      LINE_CHANNEL_SECRET_B: 'same',
      LINE_CHANNEL_ACCESS_TOKEN_B: 'token-b',
      LINE_CHANNEL_SECRET_C: 'c',
      LINE_CHANNEL_ACCESS_TOKEN_C: 'c',
      LINE_CHANNEL_SECRET_D: 'd-secret-only',
    };
    const problems = problemsOf(() => loadOfficeChannels(loadConfig(env), env)).join('\n');
    expect(problems).toContain('Ban_Na.json: the file name is the office id');
    expect(problems).toContain("b.json: botUserId is the same as a's");
    expect(problems).toMatch(/c\.json[\s\S]*office\.phone/);
    // The secrets problems are reported once the profiles are right; the profile problems come first.
    const fixed = officesDir({
      'a.json': { ...example, botUserId: U1 },
      'b.json': { ...example, botUserId: U2 },
      'd.json': example,
      'e.json': example,
      'e.secrets.json': '{not json',
    });
    const secrets = problemsOf(() => loadOfficeChannels(loadConfig({ ...env, OFFICES_DIR: fixed }), { ...env, OFFICES_DIR: fixed })).join('\n');
    expect(secrets).toContain('office "d": no LINE_CHANNEL_ACCESS_TOKEN_D');
    expect(secrets).toContain('e.secrets.json: is not a JSON object');
    expect(secrets).toContain('office "b" has the same channel secret as "a"');
    expect(secrets).not.toContain('d-secret-only');
    expect(secrets).not.toContain('same,');
  });

  it('refuses a global LINE_CHANNEL_SECRET beside OFFICES_DIR, and SIMULATOR=on beside real offices', () => {
    const dir = officesDir({ 'a.json': example, 'a.secrets.json': { channelSecret: 's', channelAccessToken: 't' } });
    expect(problemsOf(() => loadConfig({ OFFICES_DIR: dir, LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' })).join('\n')).toContain(
      'with OFFICES_DIR each office has its own',
    );
    expect(problemsOf(() => loadConfig({ OFFICES_DIR: dir, SIMULATOR: 'on' })).join('\n')).toContain('SIMULATOR: "on"');
  });
});
