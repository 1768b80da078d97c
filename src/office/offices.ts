// Which offices this deployment serves, and each one's LINE channel. Without OFFICES_DIR: one office,
// 'default', from OFFICE_CONFIG and LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN, as always. With
// OFFICES_DIR: every `<id>.json` there is an office profile (the id is the file name); its channel
// secret and token come from LINE_CHANNEL_SECRET_<ID> / LINE_CHANNEL_ACCESS_TOKEN_<ID> (ID upper-cased,
// '-' as '_') or from `<id>.secrets.json` beside it. The directory lives outside the repository.
// Every problem with any office is reported in one message; secrets are never printed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OFFICE_ID, loadOfficeProfile, OFFICE_ID_PATTERN, OfficeProfileError, type OfficeProfile } from './profile';

/** An office and its LINE channel, as start-up reads them (the LINE client is made from these). */
export interface OfficeChannel {
  profile: OfficeProfile;
  channelSecret: string;
  channelAccessToken: string;
}

/** What the offices are read from: the parts of the configuration that name them. */
export interface OfficeSource {
  officesDir?: string;
  officeConfigPath: string;
  /** No LINE credentials anywhere: the bot talks to its own fake LINE. */
  simulated: boolean;
  line: { channelSecret: string; channelAccessToken: string };
}

export class OfficesError extends Error {
  override readonly name = 'OfficesError';
  constructor(readonly problems: readonly string[]) {
    super(`Offices are not set up right — fix these and start again:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SECRETS_SUFFIX = '.secrets.json';

/** The environment variable of an office's secret or token: LINE_CHANNEL_SECRET_<ID>. */
export function officeEnvName(kind: 'LINE_CHANNEL_SECRET' | 'LINE_CHANNEL_ACCESS_TOKEN', id: string): string {
  return `${kind}_${id.toUpperCase().replace(/-/g, '_')}`;
}

/** Whether any office of OFFICES_DIR has a credential (then the deployment is not a simulation). */
export function officesHaveCredentials(dir: string, env: NodeJS.ProcessEnv): boolean {
  const inEnv = Object.entries(env).some(([key, value]) => /^LINE_CHANNEL_(SECRET|ACCESS_TOKEN)_/.test(key) && Boolean(value?.trim()));
  return inEnv || (existsSync(dir) && readdirSync(dir).some((name) => name.endsWith(SECRETS_SUFFIX)));
}

/** The profiles alone (the CLIs need no secrets). Throws OfficesError naming every problem. */
export function loadOfficeProfiles(source: Pick<OfficeSource, 'officesDir' | 'officeConfigPath'>): OfficeProfile[] {
  if (!source.officesDir) {
    try {
      return [loadOfficeProfile(source.officeConfigPath, DEFAULT_OFFICE_ID)];
    } catch (error) {
      if (error instanceof OfficeProfileError) throw new OfficesError([error.message]);
      throw error;
    }
  }
  const dir = source.officesDir;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json') && !name.endsWith(SECRETS_SUFFIX)).sort();
  } catch {
    throw new OfficesError([`OFFICES_DIR: cannot read the directory ${dir}`]);
  }
  const problems: string[] = [];
  const profiles: OfficeProfile[] = [];
  for (const name of names) {
    const id = name.slice(0, -'.json'.length);
    if (!OFFICE_ID_PATTERN.test(id)) {
      problems.push(`${name}: the file name is the office id: lower-case letters, digits and "-" (at most 40, starting with a letter or digit)`);
      continue;
    }
    try {
      profiles.push(loadOfficeProfile(path.join(dir, name), id));
    } catch (error) {
      if (!(error instanceof OfficeProfileError)) throw error;
      problems.push(error.message);
    }
  }
  if (names.length === 0) problems.push(`OFFICES_DIR: no office profile (<id>.json) in ${dir}`);
  const seen = new Map<string, string>();
  for (const profile of profiles) {
    if (!profile.botUserId) continue;
    const other = seen.get(profile.botUserId);
    if (other) problems.push(`${profile.id}.json: botUserId is the same as ${other}'s; each office has its own LINE channel`);
    seen.set(profile.botUserId, profile.id);
  }
  if (problems.length > 0) throw new OfficesError(problems);
  return profiles;
}

/**
 * The profile of one office by id (the CLIs' --office): the 'default' office without OFFICES_DIR,
 * else `<id>.json` there. Throws OfficesError when there is no such office or its file is bad.
 */
export function loadOfficeProfileById(source: Pick<OfficeSource, 'officesDir' | 'officeConfigPath'>, id: string): OfficeProfile {
  const known = source.officesDir ? undefined : [DEFAULT_OFFICE_ID];
  if (!OFFICE_ID_PATTERN.test(id) || (known && !known.includes(id))) {
    throw new OfficesError([`--office: no office "${id}"${source.officesDir ? '' : ' (without OFFICES_DIR the only office is "default")'}`]);
  }
  if (!source.officesDir) return loadOfficeProfiles(source)[0]!;
  const file = path.join(source.officesDir, `${id}.json`);
  if (!existsSync(file)) throw new OfficesError([`--office: no office "${id}" (no ${id}.json in ${source.officesDir})`]);
  try {
    return loadOfficeProfile(file, id);
  } catch (error) {
    if (error instanceof OfficeProfileError) throw new OfficesError([error.message]);
    throw error;
  }
}

/** Every office with its channel secret and token. Throws OfficesError naming every problem. */
export function loadOfficeChannels(source: OfficeSource, env: NodeJS.ProcessEnv = process.env): OfficeChannel[] {
  const profiles = loadOfficeProfiles(source);
  if (!source.officesDir) return [{ profile: profiles[0]!, ...source.line }];
  const problems: string[] = [];
  const offices: OfficeChannel[] = [];
  for (const profile of profiles) {
    if (source.simulated) {
      // The fake LINE knows each pretend channel by these; nothing real is reached.
      offices.push({ profile, channelSecret: `${source.line.channelSecret}-${profile.id}`, channelAccessToken: `${source.line.channelAccessToken}-${profile.id}` });
      continue;
    }
    const fromFile = readSecretsFile(path.join(source.officesDir, `${profile.id}${SECRETS_SUFFIX}`), problems);
    const secretName = officeEnvName('LINE_CHANNEL_SECRET', profile.id);
    const tokenName = officeEnvName('LINE_CHANNEL_ACCESS_TOKEN', profile.id);
    const channelSecret = env[secretName]?.trim() || fromFile?.channelSecret;
    const channelAccessToken = env[tokenName]?.trim() || fromFile?.channelAccessToken;
    if (!channelSecret || !channelAccessToken) {
      const missing = [!channelSecret && secretName, !channelAccessToken && tokenName].filter(Boolean).join(' and ');
      problems.push(`office "${profile.id}": no ${missing} (nor in ${profile.id}${SECRETS_SUFFIX}); every office of a real deployment needs its channel's secret and token`);
      continue;
    }
    offices.push({ profile, channelSecret, channelAccessToken });
  }
  const secrets = new Map<string, string>();
  for (const office of offices) {
    const other = secrets.get(office.channelSecret);
    if (other) problems.push(`office "${office.profile.id}" has the same channel secret as "${other}"; each office has its own LINE channel`);
    secrets.set(office.channelSecret, office.profile.id);
  }
  if (problems.length > 0) throw new OfficesError(problems);
  return offices;
}

function readSecretsFile(file: string, problems: string[]): { channelSecret?: string; channelAccessToken?: string } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const pick = (key: string) => (typeof raw[key] === 'string' && raw[key].trim() ? raw[key].trim() : undefined);
    return { channelSecret: pick('channelSecret'), channelAccessToken: pick('channelAccessToken') };
  } catch {
    // Not the content: it is a secret.
    problems.push(`${path.basename(file)}: is not a JSON object {"channelSecret": "…", "channelAccessToken": "…"}`);
    return undefined;
  }
}
