// Deploys a rich menu kept as code (richmenu/<name>.json + <name>.png or .jpg) to the LINE channel,
// the "sturdier design" of reference/line-platform.md §6:
//   1. check the definition and image locally (shape, limits, postbacks the bot understands, image
//      type/size/≤1 MB; the official OpenAPI schema too when it is available), then ask LINE
//      (validateRichMenuObject);
//   2. reuse the menu already on LINE if it has the same definition and the same image bytes,
//      otherwise create a new one and upload the image (an image can never be replaced);
//   3. point the alias at it (update if it exists, else create);
//   4. make it the default menu if it is not already;
//   5. delete older menus whose name has the same prefix ("main-v0" when deploying "main-v1"), except
//      any menu an alias or the default still points at.
// Running it twice changes nothing the second time, so it is safe to run from CI on every push.
// Create and delete are limited to 100 an hour each; a 429 stops the clean-up and a later run finishes it.
//
//   npm run richmenu:deploy                      # richmenu/main.json, alias "main"
//   npm run richmenu:deploy -- --dry-run         # local checks only; sends nothing, needs no token
//   npm run richmenu:deploy -- --menu richmenu/main.json --alias main
//   npm run richmenu:deploy -- --menu richmenu/staff.json --alias staff   # the staff menu (issue 12)
//
// Every menu is recorded on LINE by its alias, as main's is ("main"); the staff menu's is "staff". Only
// the "main" alias becomes everyone's default menu (or pass --no-default); the staff menu is linked to
// each staff member by the bot itself (src/staff/richmenu-sync.ts), which finds it on each office's
// channel through the alias "staff" (nothing to configure: until it is deployed, staff keep the default).
//
// Needs LINE_CHANNEL_ACCESS_TOKEN (and LINE_CHANNEL_SECRET, as src/config.ts wants both or neither);
// LINE_API_BASE_URL / LINE_DATA_API_BASE_URL are optional. The token is never printed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HTTPFetchError, LineBotClient } from '@line/bot-sdk';
import { ConfigError, loadConfig, SIMULATOR_ACCESS_TOKEN } from '../src/config';
import {
  ALIAS_ID_PATTERN,
  asRichMenuRequest,
  checkRichMenu,
  checkRichMenuImage,
  imageTypeForFile,
  RichMenuInvalid,
  type CheckedRichMenu,
  type ImageType,
} from './check';

/** The LINE calls a deploy makes; a LineBotClient has them all, tests pass a client aimed at msw. */
export type RichMenuClient = Pick<
  LineBotClient,
  | 'validateRichMenuObject'
  | 'getRichMenuList'
  | 'getRichMenuImage'
  | 'createRichMenu'
  | 'setRichMenuImage'
  | 'getRichMenuAlias'
  | 'getRichMenuAliasList'
  | 'createRichMenuAlias'
  | 'updateRichMenuAlias'
  | 'getDefaultRichMenuId'
  | 'setDefaultRichMenu'
  | 'deleteRichMenu'
>;

export interface RichMenuBundle {
  definition: CheckedRichMenu;
  image: { bytes: Uint8Array; type: ImageType; fileName: string };
}

export interface DeployOptions {
  /** Alias to point at the menu ([a-z0-9_-], ≤32). */
  aliasId: string;
  /** Make it the default menu for everyone (default true). */
  setDefault?: boolean;
  /** Menus whose name starts with this are this menu's older versions. Default: the name without "-v<N>" + "-v". */
  stalePrefix?: string;
  /** Progress lines for a person (no secrets are ever passed here). */
  say?: (line: string) => void;
}

export interface DeployResult {
  richMenuId: string;
  created: boolean;
  alias: 'created' | 'updated' | 'unchanged';
  default: 'set' | 'unchanged' | 'skipped';
  deleted: string[];
  /** Stale menus left in place: still in use by an alias or the default, or a rate limit stopped the clean-up. */
  kept: Array<{ richMenuId: string; name: string; why: string }>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MENU_PATH = path.join(here, 'main.json');
export const DEFAULT_ALIAS = 'main';

/** "main-v1" → "main-v"; a name without a version suffix only matches itself. */
export function stalePrefixFor(name: string): string {
  const match = /^(.*-v)\d+$/.exec(name);
  return match ? match[1]! : name;
}

/**
 * Reads and checks `<name>.json` and the image beside it (`<name>.png`, or `<name>.jpg`/`.jpeg`).
 * Throws RichMenuInvalid listing every problem found.
 */
export function loadRichMenuBundle(jsonPath: string): RichMenuBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  } catch (error) {
    throw new RichMenuInvalid([`cannot read ${jsonPath}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems = checkRichMenu(parsed);
  const base = jsonPath.replace(/\.json$/i, '');
  const images = ['.png', '.jpg', '.jpeg'].map((ext) => base + ext).filter((p) => fs.existsSync(p));
  if (images.length === 0) problems.push(`no image beside ${path.basename(jsonPath)}: expected ${path.basename(base)}.png or .jpg (npm run richmenu:image)`);
  if (images.length > 1) problems.push(`more than one image for ${path.basename(jsonPath)} (${images.map((p) => path.basename(p)).join(', ')}); keep one`);
  if (problems.length > 0 || images.length !== 1) throw new RichMenuInvalid(problems);

  const definition = asRichMenuRequest(parsed);
  const imagePath = images[0]!;
  const bytes = new Uint8Array(fs.readFileSync(imagePath));
  const fileName = path.basename(imagePath);
  const imageProblems = checkRichMenuImage(bytes, fileName, definition.size);
  if (imageProblems.length > 0) throw new RichMenuInvalid(imageProblems);
  return { definition, image: { bytes, type: imageTypeForFile(fileName)!, fileName } };
}

function isNotFound(error: unknown): boolean {
  return error instanceof HTTPFetchError && error.status === 404;
}

function isRateLimited(error: unknown): boolean {
  return error instanceof HTTPFetchError && error.status === 429;
}

/** True when every field we define is present with the same value in what LINE returned. */
function contains(theirs: unknown, ours: unknown): boolean {
  if (Array.isArray(ours)) {
    return Array.isArray(theirs) && theirs.length === ours.length && ours.every((item, i) => contains(theirs[i], item));
  }
  if (typeof ours === 'object' && ours !== null) {
    if (typeof theirs !== 'object' || theirs === null) return false;
    return Object.entries(ours).every(([key, value]) => value === undefined || contains((theirs as Record<string, unknown>)[key], value));
  }
  return theirs === ours;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The image LINE holds for a menu, or undefined when it has none (an upload that failed half-way). */
async function imageHash(client: RichMenuClient, richMenuId: string): Promise<string | undefined> {
  try {
    return sha256(await readAll(await client.getRichMenuImage(richMenuId)));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Turns LINE's error body into one readable line (LINE's bodies never contain the token). */
export function describeLineError(error: unknown): string {
  if (!(error instanceof HTTPFetchError)) return error instanceof Error ? error.message : String(error);
  let detail = error.body;
  try {
    const body = JSON.parse(error.body) as { message?: string; details?: Array<{ message?: string; property?: string }> };
    detail = [body.message, ...(body.details ?? []).map((d) => `${d.property ?? ''}: ${d.message ?? ''}`)].filter(Boolean).join('; ');
  } catch {
    // not JSON; keep the raw text
  }
  const requestId = error.headers.get('x-line-request-id');
  return `LINE answered ${error.status}${detail ? `: ${detail}` : ''}${requestId ? ` (x-line-request-id ${requestId})` : ''}`;
}

export async function deployRichMenu(client: RichMenuClient, bundle: RichMenuBundle, options: DeployOptions): Promise<DeployResult> {
  const say = options.say ?? (() => {});
  const { definition, image } = bundle;
  if (!ALIAS_ID_PATTERN.test(options.aliasId)) throw new RichMenuInvalid([`alias "${options.aliasId}" must match [a-z0-9_-]{1,32}`]);
  const localProblems = [...checkRichMenu(definition), ...checkRichMenuImage(image.bytes, image.fileName, definition.size)];
  if (localProblems.length > 0) throw new RichMenuInvalid(localProblems);

  // 1. LINE's own check of the definition (2,000/s; nothing is created).
  await client.validateRichMenuObject(definition);
  say(`LINE accepts the definition of "${definition.name}"`);

  const existing = (await client.getRichMenuList()).richmenus;
  let aliasTarget: string | undefined;
  try {
    aliasTarget = (await client.getRichMenuAlias(options.aliasId)).richMenuId;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }

  // 2. Reuse an identical menu (same definition and image) rather than spend a create (100/h).
  const wantedHash = sha256(image.bytes);
  const candidates = existing
    .filter((menu) => contains(menu, definition))
    .sort((a, b) => Number(b.richMenuId === aliasTarget) - Number(a.richMenuId === aliasTarget));
  let richMenuId: string | undefined;
  for (const candidate of candidates) {
    if ((await imageHash(client, candidate.richMenuId)) === wantedHash) {
      richMenuId = candidate.richMenuId;
      break;
    }
  }
  const created = richMenuId === undefined;
  if (richMenuId === undefined) {
    const newId = (await client.createRichMenu(definition)).richMenuId;
    say(`created rich menu ${newId}`);
    try {
      // The SDK sends Blob.type as Content-Type; a typeless Blob gets a 415.
      await client.setRichMenuImage(newId, new Blob([new Uint8Array(image.bytes)], { type: image.type }));
    } catch (error) {
      // A menu without an image is useless (it cannot be default or aliased); do not leave it behind.
      await client.deleteRichMenu(newId).catch(() => undefined);
      throw error;
    }
    say(`uploaded ${image.fileName} (${image.type}, ${image.bytes.length.toLocaleString('en')} bytes)`);
    richMenuId = newId;
  } else {
    say(`rich menu ${richMenuId} on LINE is already this definition and image; reusing it`);
  }

  // 3. Alias: update if it exists, else create.
  let alias: DeployResult['alias'] = 'unchanged';
  if (aliasTarget === undefined) {
    await client.createRichMenuAlias({ richMenuAliasId: options.aliasId, richMenuId });
    alias = 'created';
  } else if (aliasTarget !== richMenuId) {
    await client.updateRichMenuAlias(options.aliasId, { richMenuId });
    alias = 'updated';
  }
  say(`alias "${options.aliasId}" ${alias === 'unchanged' ? 'already points at it' : `${alias} → ${richMenuId}`}`);

  // 4. Default menu.
  let defaultId: string | undefined;
  try {
    defaultId = (await client.getDefaultRichMenuId()).richMenuId;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  let defaultResult: DeployResult['default'] = 'skipped';
  if (options.setDefault ?? true) {
    if (defaultId === richMenuId) {
      defaultResult = 'unchanged';
    } else {
      await client.setDefaultRichMenu(richMenuId);
      defaultId = richMenuId;
      defaultResult = 'set';
    }
    say(defaultResult === 'set' ? 'set as the default menu for everyone' : 'already the default menu');
  }

  // 5. Delete older versions, but never a menu something still points at.
  const prefix = options.stalePrefix ?? stalePrefixFor(definition.name);
  const aliases = (await client.getRichMenuAliasList()).aliases;
  const inUse = new Map<string, string>();
  for (const a of aliases) if (a.richMenuId !== richMenuId) inUse.set(a.richMenuId, `alias "${a.richMenuAliasId}" points at it`);
  if (defaultId !== undefined && defaultId !== richMenuId && !inUse.has(defaultId)) inUse.set(defaultId, 'it is the default menu');

  const stale = existing.filter((menu) => menu.richMenuId !== richMenuId && menu.name.startsWith(prefix));
  const deleted: string[] = [];
  const kept: DeployResult['kept'] = [];
  let rateLimited = false;
  for (const menu of stale) {
    const why = inUse.get(menu.richMenuId);
    if (why || rateLimited) {
      kept.push({ richMenuId: menu.richMenuId, name: menu.name, why: why ?? 'rate limited (100 deletes an hour); run again later' });
      continue;
    }
    try {
      await client.deleteRichMenu(menu.richMenuId);
      deleted.push(menu.richMenuId);
      say(`deleted stale menu ${menu.richMenuId} ("${menu.name}")`);
    } catch (error) {
      if (isNotFound(error)) continue; // already gone
      if (!isRateLimited(error)) throw error;
      rateLimited = true;
      kept.push({ richMenuId: menu.richMenuId, name: menu.name, why: 'rate limited (100 deletes an hour); run again later' });
    }
  }
  for (const k of kept) say(`kept ${k.richMenuId} ("${k.name}"): ${k.why}`);

  return { richMenuId, created, alias, default: defaultResult, deleted, kept };
}

/** The official OpenAPI schema check (§8), when the spec and the dev tooling are there; undefined = skipped. */
async function specProblems(definition: unknown): Promise<string[] | undefined> {
  try {
    const spec = await import('../tests/support/line-spec');
    return spec.specAvailable ? spec.validateAgainstSpec('richmenu', definition) : undefined;
  } catch {
    return undefined; // e.g. a production install without ajv/yaml
  }
}

interface CliArgs {
  dryRun: boolean;
  menuPath: string;
  aliasId: string;
  /** Make it everyone's default menu: only the main menu, unless --no-default. */
  setDefault: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: Omit<CliArgs, 'setDefault'> = { dryRun: false, menuPath: DEFAULT_MENU_PATH, aliasId: DEFAULT_ALIAS, help: false };
  let noDefault = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--menu') args.menuPath = path.resolve(value());
    else if (arg === '--alias') args.aliasId = value();
    else if (arg === '--no-default') noDefault = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown option ${arg} (try --help)`);
  }
  // A per-user menu (the staff menu) must never replace the citizens' default.
  return { ...args, setDefault: !noDefault && args.aliasId === DEFAULT_ALIAS };
}

const USAGE = `usage: npm run richmenu:deploy -- [--dry-run] [--menu richmenu/main.json] [--alias main] [--no-default]
  --dry-run      check the menu and its image locally; send nothing (no token needed)
  --no-default   do not make it everyone's default menu (only the "main" alias ever is)
  staff menu:    --menu richmenu/staff.json --alias staff`;

/** The command line. Returns the exit code; `environment` and `out` are injectable for tests. */
export async function main(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env, out: (line: string) => void = console.log): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }

  let bundle: RichMenuBundle;
  try {
    bundle = loadRichMenuBundle(args.menuPath);
    if (!ALIAS_ID_PATTERN.test(args.aliasId)) throw new RichMenuInvalid([`alias "${args.aliasId}" must match [a-z0-9_-]{1,32}`]);
    const spec = await specProblems(bundle.definition);
    if (spec && spec.length > 0) throw new RichMenuInvalid(spec.map((p) => `OpenAPI spec: ${p}`));
    const { definition, image } = bundle;
    out(`checked ${path.relative(process.cwd(), args.menuPath)}: "${definition.name}", ${definition.areas.length} areas, ` +
      `${image.fileName} ${definition.size.width}×${definition.size.height} ${image.bytes.length.toLocaleString('en')} bytes` +
      (spec === undefined ? ' (OpenAPI schema check skipped: spec or dev tools not available)' : ', matches the OpenAPI schema'));
  } catch (error) {
    out(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (args.dryRun) {
    out('dry run: nothing was sent to LINE');
    return 0;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(environment);
  } catch (error) {
    out(error instanceof ConfigError ? error.message : `cannot read the settings: ${(error as Error).message}`);
    return 1;
  }
  if (config.simulated || config.line.channelAccessToken === SIMULATOR_ACCESS_TOKEN) {
    out('Not deploying: there is no real LINE_CHANNEL_ACCESS_TOKEN (the bot is in simulator mode), and rich menus live on LINE. ' +
      'Set LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET for the channel and run again, or use --dry-run to check the menu only. Nothing was sent.');
    return 1;
  }

  const client = LineBotClient.fromChannelAccessToken({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseURL: config.line.apiBaseUrl,
    dataApiBaseURL: config.line.dataApiBaseUrl,
  });
  try {
    const result = await deployRichMenu(client, bundle, { aliasId: args.aliasId, setDefault: args.setDefault, say: out });
    out(`done: rich menu ${result.richMenuId} (${result.created ? 'new' : 'reused'}), alias "${args.aliasId}" ${result.alias}, default ${result.default}, ` +
      `${result.deleted.length} stale deleted${result.kept.length ? `, ${result.kept.length} kept` : ''}`);
    return 0;
  } catch (error) {
    out(`deploy failed: ${describeLineError(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
