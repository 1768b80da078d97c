// Every setting, from the environment, validated with zod, with safe defaults.
// A bad setting stops start-up with one message that names every bad value (secrets never shown).
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { officesHaveCredentials } from './office/offices';
import { DEFAULT_OFFICE_CONFIG_PATH } from './office/profile';

const optionalSecret = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.line.me' })
  .transform((s) => s.replace(/\/+$/, ''));

const envSchema = z
  .object({
    PORT: z.coerce.number({ error: 'must be a port number from 1 to 65535' }).int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().trim().min(1).default('./data/bot.db'),
    /** PostgreSQL instead of the SQLite file: postgres://user:password@host:port/database */
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /** PostgreSQL connections each instance keeps at most (instances × this < the server's max_connections). */
    DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number of connections from 1 to 100' }).int().min(1).max(100).default(10),
    LINE_CHANNEL_SECRET: optionalSecret,
    LINE_CHANNEL_ACCESS_TOKEN: optionalSecret,
    LINE_API_BASE_URL: baseUrl.default('https://api.line.me'),
    LINE_DATA_API_BASE_URL: baseUrl.default('https://api-data.line.me'),
    OFFICE_CONFIG: z.string().trim().min(1).default(DEFAULT_OFFICE_CONFIG_PATH),
    /** Several offices: a directory of <id>.json profiles (src/office/offices.ts); unset = one office from OFFICE_CONFIG. */
    OFFICES_DIR: z.string().trim().min(1).optional(),
    /**
     * The simulator's demo code (default "staff-demo"): sent in the simulator it makes the pretend
     * user staff. Refused beside real LINE credentials: staff join with one-time codes from
     * `npm run staff -- invite` (src/staff/access.ts).
     */
    STAFF_INVITE_CODE: z
      .string()
      .trim()
      .min(8, 'must be at least 8 characters so it cannot be guessed')
      .optional(),
    /** 'auto' and 'on' serve the simulator when there are no LINE credentials; 'on' with credentials is refused. */
    SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Hours a conversation may sit idle before the bot asks whether to continue or start over. */
    CONVERSATION_IDLE_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** Minutes between passes that forget personal data past its retention (src/db/retention.ts). */
    RETENTION_INTERVAL_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
    /**
     * This process among the instances sharing the database (outbox claims, heartbeats). Default:
     * host name and port — unique among instances running at once, and the same after a restart.
     */
    INSTANCE_ID: z.string().trim().min(1).max(100).optional(),
    /** Pushes per second at most; LINE allows 2,000/s per channel, retries included. */
    OUTBOX_PUSHES_PER_SECOND: z.coerce
      .number({ error: 'must be a number of pushes per second from 1 to 2000' })
      .int()
      .min(1)
      .max(2000, 'must be at most 2000, LINE’s limit for push')
      .default(1000),
    /**
     * Where people reach this server from outside, e.g. https://bot.example.go.th: the staff
     * workspace's sign-in links start with it. Simulator default: http://localhost:<PORT>.
     */
    PUBLIC_BASE_URL: baseUrl.optional(),
    /** Minutes a workspace sign-in link sent in LINE stays valid (it works once). */
    STAFF_SIGN_IN_LINK_MINUTES: z.coerce.number({ error: 'must be a number of minutes from 1 to 60' }).int().min(1).max(60).default(10),
    /** Hours a workspace session lasts before the staff member signs in again. */
    STAFF_SESSION_HOURS: z.coerce.number({ error: 'must be a number of hours from 1 to 168' }).int().min(1).max(168).default(12),
    /** Where photos and files users send are stored, by content hash (src/attachments/). */
    ATTACHMENTS_DIR: z.string().trim().min(1).default('./data/attachments'),
    /** The largest photo or file the bot keeps, in bytes (LINE itself carries much larger files). */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number({ error: 'must be a number of bytes, e.g. 10485760 for 10 MB' })
      .int()
      .min(1024, 'must be at least 1024 bytes')
      .max(200 * 1024 * 1024, 'must be at most 209715200 (200 MB)')
      .default(10 * 1024 * 1024),
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  databasePath: string;
  /** Set: PostgreSQL at this URL (never logged: it holds the password); unset: the SQLite file. */
  databaseUrl?: string;
  /** PostgreSQL connections this instance keeps at most. */
  databasePoolSize: number;
  line: {
    channelSecret: string;
    channelAccessToken: string;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
  };
  /** True when no LINE credentials were given: the bot talks to its in-process fake LINE. */
  simulated: boolean;
  simulatorEnabled: boolean;
  officeConfigPath: string;
  /** Set: every <id>.json there is an office (src/office/offices.ts). */
  officesDir?: string;
  staffInviteCode?: string;
  conversationIdleMs: number;
  outboxMaxAttempts: number;
  retentionIntervalMs: number;
  outboxPushesPerSecond: number;
  instanceId: string;
  attachments: { dir: string; maxBytes: number };
  /** The staff workspace: its public address (unset: no sign-in links are sent), and how long links and sessions last. */
  workspace: { publicBaseUrl?: string; signInLinkMs: number; sessionMs: number };
}

const SECRET_KEYS = new Set(['DATABASE_URL', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'STAFF_INVITE_CODE']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error — fix these settings and start again:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Placeholder credentials for simulator mode; the fake LINE API accepts them and nothing else does. */
export const SIMULATOR_CHANNEL_SECRET = 'simulator-channel-secret';
export const SIMULATOR_ACCESS_TOKEN = 'simulator-access-token';
/** The staff invitation code in simulator mode when STAFF_INVITE_CODE is unset: send it to try the staff side. */
export const SIMULATOR_STAFF_INVITE_CODE = 'staff-demo';

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, environment[key] === '' ? undefined : environment[key]]),
  );
  const parsed = envSchema.safeParse(picked);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'environment');
        const raw = environment[key];
        const shown = raw === undefined ? '' : SECRET_KEYS.has(key) ? ' (value hidden)' : ` (got "${raw}")`;
        return `${key}: ${issue.message}${shown}`;
      });
  // Checked apart from the schema so it is reported together with every other bad value.
  const hasSecret = Boolean(picked.LINE_CHANNEL_SECRET?.trim());
  const hasToken = Boolean(picked.LINE_CHANNEL_ACCESS_TOKEN?.trim());
  // With OFFICES_DIR each office has its own channel: one global pair would be ambiguous.
  if (picked.OFFICES_DIR && (hasSecret || hasToken)) {
    problems.push('LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN: with OFFICES_DIR each office has its own, LINE_CHANNEL_SECRET_<ID> and LINE_CHANNEL_ACCESS_TOKEN_<ID> (or <id>.secrets.json); unset these');
  } else if (hasSecret !== hasToken) {
    const missing = hasSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    problems.push(`${missing}: set both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or neither (simulator mode)`);
  }
  // The simulator signs pretend events with the channel secret and lets anyone who reaches the page
  // send them as any user id: beside a real channel it would act as real users on their real data.
  const officesDir = picked.OFFICES_DIR ? path.resolve(picked.OFFICES_DIR.trim()) : undefined;
  const hasCredentials = officesDir ? officesHaveCredentials(officesDir, environment) : hasSecret && hasToken;
  if (picked.SIMULATOR === 'on' && hasCredentials) {
    problems.push('SIMULATOR: "on" serves the simulator, which only runs without LINE credentials; unset LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN to use it, or set SIMULATOR to auto or off');
  }
  // Session cookies and sign-in links travel in the clear over http: with real users, only https
  // (or this machine itself, behind a proxy that terminates TLS) is accepted.
  const publicUrl = picked.PUBLIC_BASE_URL?.trim();
  if (publicUrl && hasCredentials && /^http:/i.test(publicUrl) && !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/i.test(publicUrl)) {
    problems.push(`PUBLIC_BASE_URL: must be https:// beside LINE credentials: the staff workspace's sign-in links and session cookies must not travel in the clear (got "${publicUrl}")`);
  }
  // A static code anyone could pass on, never expiring, is no longer a way to become staff (issue
  // 12). Start-up refuses it rather than ignoring it, so an operator who still has it set learns
  // at once that staff now join with one-time codes, instead of finding the code silently dead.
  if (picked.STAFF_INVITE_CODE?.trim() && hasCredentials) {
    problems.push('STAFF_INVITE_CODE: no longer accepted beside LINE credentials; unset it and make a one-time code for each new staff member with `npm run staff -- invite` (it works once and expires)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  const simulated = !hasCredentials;
  return {
    port: env.PORT,
    databasePath: env.DATABASE_PATH === ':memory:' ? ':memory:' : path.resolve(env.DATABASE_PATH),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    line: {
      channelSecret: env.LINE_CHANNEL_SECRET ?? SIMULATOR_CHANNEL_SECRET,
      channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? SIMULATOR_ACCESS_TOKEN,
      apiBaseUrl: env.LINE_API_BASE_URL,
      dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
    },
    simulated,
    simulatorEnabled: env.SIMULATOR !== 'off' && simulated,
    officeConfigPath: path.resolve(env.OFFICE_CONFIG),
    ...(officesDir ? { officesDir } : {}),
    staffInviteCode: simulated ? (env.STAFF_INVITE_CODE ?? SIMULATOR_STAFF_INVITE_CODE) : undefined,
    conversationIdleMs: env.CONVERSATION_IDLE_HOURS * 3600_000,
    outboxMaxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    retentionIntervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000,
    outboxPushesPerSecond: env.OUTBOX_PUSHES_PER_SECOND,
    instanceId: env.INSTANCE_ID ?? `${os.hostname()}:${env.PORT}`,
    attachments: { dir: path.resolve(env.ATTACHMENTS_DIR), maxBytes: env.ATTACHMENT_MAX_BYTES },
    workspace: {
      ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : simulated ? { publicBaseUrl: `http://localhost:${env.PORT}` } : {}),
      signInLinkMs: env.STAFF_SIGN_IN_LINK_MINUTES * 60_000,
      sessionMs: env.STAFF_SESSION_HOURS * 3600_000,
    },
  };
}
