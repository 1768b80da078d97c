// The rich menu deploy against a fake LINE (msw on the real API hosts, unhandled requests are errors):
// create → upload (image/png) → alias create-or-update → default → delete stale menus; a second run
// changes nothing; failures leave nothing half-done; --dry-run and simulator mode send nothing; the
// token never appears in the output.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineBotClient } from '@line/bot-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployRichMenu, loadRichMenuBundle, main, parseArgs, stalePrefixFor, type RichMenuBundle } from '../../richmenu/deploy';
import { RichMenuInvalid } from '../../richmenu/check';
import { FakeLine } from './fake-line';

const MENU_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../richmenu/main.json');
const TOKEN = 'test-channel-access-token-do-not-print';

const line = new FakeLine();
const server = setupServer(...line.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => line.reset());

const client = () => LineBotClient.fromChannelAccessToken({ channelAccessToken: TOKEN });
const bundle: RichMenuBundle = loadRichMenuBundle(MENU_PATH);
const otherImage = (): RichMenuBundle['image'] => {
  const bytes = bundle.image.bytes.slice();
  bytes[bytes.length - 5] = (bytes[bytes.length - 5]! + 1) % 256; // same header, different content
  return { ...bundle.image, bytes };
};
const oldDefinition = { ...structuredClone(bundle.definition), name: 'main-v0', chatBarText: 'เมนูเก่า' };

describe('deployRichMenu', () => {
  it('replaces an old version: create → upload → alias update → default → delete stale, leaving other menus alone', async () => {
    const old = line.seed(oldDefinition, { bytes: new Uint8Array([1, 2, 3]), type: 'image/png' });
    line.aliases.set('main', old);
    line.defaultId = old;
    const orphan = line.seed(structuredClone(bundle.definition)); // an earlier run died before its upload
    const unrelated = line.seed({ ...oldDefinition, name: 'staff-v1' }, { bytes: new Uint8Array([4]), type: 'image/png' });
    const said: string[] = [];

    const result = await deployRichMenu(client(), bundle, { aliasId: 'main', say: (l) => said.push(l) });

    const created = result.richMenuId;
    expect(line.changes()).toEqual([
      'POST /v2/bot/richmenu',
      'POST /v2/bot/richmenu/:id/content',
      'POST /v2/bot/richmenu/alias/:alias',
      'POST /v2/bot/user/all/richmenu/:id',
      'DELETE /v2/bot/richmenu/:id',
      'DELETE /v2/bot/richmenu/:id',
    ]);
    expect(line.calls[0]!.route).toBe('POST /v2/bot/richmenu/validate'); // LINE's own check comes first
    const upload = line.calls.find((c) => c.route === 'POST /v2/bot/richmenu/:id/content')!;
    expect(upload.url).toBe(`https://api-data.line.me/v2/bot/richmenu/${created}/content`);
    expect(upload.contentType).toBe('image/png');
    expect(line.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const deletes = line.calls.filter((c) => c.method === 'DELETE').map((c) => c.url.split('/').pop());
    expect(deletes.sort()).toEqual([old, orphan].sort());

    expect(result).toEqual({ richMenuId: created, created: true, alias: 'updated', default: 'set', deleted: expect.any(Array), kept: [] });
    expect([...line.menus.keys()].sort()).toEqual([created, unrelated].sort());
    expect(line.menus.get(created)!.definition).toEqual(bundle.definition);
    expect(line.menus.get(created)!.image!.bytes).toEqual(bundle.image.bytes);
    expect(line.aliases.get('main')).toBe(created);
    expect(line.defaultId).toBe(created);
    expect(said.join('\n')).not.toContain(TOKEN);
  });

  it('on an empty channel creates the alias (not update) and sets the default', async () => {
    const result = await deployRichMenu(client(), bundle, { aliasId: 'main' });
    expect(line.changes()).toEqual([
      'POST /v2/bot/richmenu',
      'POST /v2/bot/richmenu/:id/content',
      'POST /v2/bot/richmenu/alias',
      'POST /v2/bot/user/all/richmenu/:id',
    ]);
    expect(result).toMatchObject({ created: true, alias: 'created', default: 'set', deleted: [] });
    expect(line.aliases.get('main')).toBe(result.richMenuId);
  });

  it('a second run is still correct and changes nothing (no create, upload, alias, default or delete)', async () => {
    const first = await deployRichMenu(client(), bundle, { aliasId: 'main' });
    const stateAfterFirst = { menus: [...line.menus.keys()], aliases: [...line.aliases], defaultId: line.defaultId };
    line.calls = [];

    const second = await deployRichMenu(client(), bundle, { aliasId: 'main' });

    expect(line.changes()).toEqual([]);
    expect(second).toEqual({ richMenuId: first.richMenuId, created: false, alias: 'unchanged', default: 'unchanged', deleted: [], kept: [] });
    expect({ menus: [...line.menus.keys()], aliases: [...line.aliases], defaultId: line.defaultId }).toEqual(stateAfterFirst);
  });

  it('a new image makes a new menu (images cannot be replaced) and retires the previous one', async () => {
    const first = await deployRichMenu(client(), bundle, { aliasId: 'main' });
    line.calls = [];
    const second = await deployRichMenu(client(), { ...bundle, image: otherImage() }, { aliasId: 'main' });
    expect(second.richMenuId).not.toBe(first.richMenuId);
    expect(line.changes()).toEqual([
      'POST /v2/bot/richmenu',
      'POST /v2/bot/richmenu/:id/content',
      'POST /v2/bot/richmenu/alias/:alias',
      'POST /v2/bot/user/all/richmenu/:id',
      'DELETE /v2/bot/richmenu/:id',
    ]);
    expect([...line.menus.keys()]).toEqual([second.richMenuId]);
  });

  it('keeps a stale menu another alias still points at, and can leave the default alone', async () => {
    const old = line.seed(oldDefinition, { bytes: new Uint8Array([1]), type: 'image/png' });
    line.aliases.set('main-old', old);
    line.defaultId = old;
    const result = await deployRichMenu(client(), bundle, { aliasId: 'main', setDefault: false });
    expect(result.default).toBe('skipped');
    expect(result.deleted).toEqual([]);
    expect(result.kept).toEqual([{ richMenuId: old, name: 'main-v0', why: 'alias "main-old" points at it' }]);
    expect(line.defaultId).toBe(old);
    expect(line.menus.has(old)).toBe(true);
  });

  it('stops deleting at a 429 (100 deletes an hour) and reports what is left for the next run', async () => {
    const a = line.seed(oldDefinition, { bytes: new Uint8Array([1]), type: 'image/png' });
    const b = line.seed({ ...oldDefinition, name: 'main-v00' }, { bytes: new Uint8Array([2]), type: 'image/png' });
    line.failNext.set('DELETE /v2/bot/richmenu/:id', 429);
    const result = await deployRichMenu(client(), bundle, { aliasId: 'main' });
    expect(result.deleted).toEqual([]);
    expect(result.kept.map((k) => k.richMenuId)).toEqual([a, b]);
    expect(line.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1); // no hammering after the 429
    line.calls = [];
    const again = await deployRichMenu(client(), bundle, { aliasId: 'main' });
    expect(again.deleted.sort()).toEqual([a, b].sort());
    expect(line.changes().every((r) => r === 'DELETE /v2/bot/richmenu/:id')).toBe(true);
  });

  it('when the upload fails it deletes the new image-less menu and touches neither alias nor default', async () => {
    line.failNext.set('POST /v2/bot/richmenu/:id/content', 500);
    await expect(deployRichMenu(client(), bundle, { aliasId: 'main' })).rejects.toMatchObject({ status: 500 });
    expect(line.changes()).toEqual(['POST /v2/bot/richmenu', 'POST /v2/bot/richmenu/:id/content', 'DELETE /v2/bot/richmenu/:id']);
    expect(line.menus.size).toBe(0);
    expect(line.aliases.size).toBe(0);
    expect(line.defaultId).toBeUndefined();
  });

  it('stops before creating anything when LINE rejects the definition', async () => {
    line.failNext.set('POST /v2/bot/richmenu/validate', 400);
    await expect(deployRichMenu(client(), bundle, { aliasId: 'main' })).rejects.toMatchObject({ status: 400 });
    expect(line.calls.map((c) => c.route)).toEqual(['POST /v2/bot/richmenu/validate']);
  });

  it('refuses an invalid definition, image or alias before calling LINE at all', async () => {
    const tooLong = { ...bundle, definition: { ...bundle.definition, chatBarText: 'ก'.repeat(15) } };
    await expect(deployRichMenu(client(), tooLong, { aliasId: 'main' })).rejects.toThrow(/chatBarText is 15 characters/);
    const wrongImage = { ...bundle, image: { ...bundle.image, fileName: 'main.jpg', type: 'image/jpeg' as const } };
    await expect(deployRichMenu(client(), wrongImage, { aliasId: 'main' })).rejects.toThrow(RichMenuInvalid);
    await expect(deployRichMenu(client(), bundle, { aliasId: 'Main Menu' })).rejects.toThrow(/must match/);
    expect(line.calls).toEqual([]);
  });
});

describe('the command line (main)', () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const code = await main(argv, env, (l) => out.push(l));
    return { code, out: out.join('\n') };
  };
  const realEnv = { LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_CHANNEL_SECRET: 'test-secret' };

  it('--dry-run checks the menu and sends nothing, even with a token set', async () => {
    const { code, out } = await run(['--dry-run'], realEnv);
    expect(code).toBe(0);
    expect(out).toMatch(/checked .*main\.json: "main-v2", 9 areas, main\.(png|jpg) 2500×1686/);
    expect(out).toContain('dry run: nothing was sent to LINE');
    expect(line.calls).toEqual([]);
  });

  it('refuses politely in simulator mode (no token) and sends nothing', async () => {
    const { code, out } = await run([], {});
    expect(code).toBe(1);
    expect(out).toContain('Not deploying: there is no real LINE_CHANNEL_ACCESS_TOKEN');
    expect(line.calls).toEqual([]);
  });

  it('reports a bad setting without showing the token', async () => {
    const { code, out } = await run([], { LINE_CHANNEL_ACCESS_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(out).toContain('LINE_CHANNEL_SECRET');
    expect(out).not.toContain(TOKEN);
    expect(line.calls).toEqual([]);
  });

  it('deploys with a real token, twice, and never prints the token', async () => {
    const first = await run([], realEnv);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/done: rich menu richmenu-\w+ \(new\), alias "main" created, default set, 0 stale deleted/);
    const second = await run([], realEnv);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/\(reused\), alias "main" unchanged, default unchanged, 0 stale deleted/);
    expect(first.out + second.out).not.toContain(TOKEN);
    expect(line.menus.size).toBe(1);
  });

  it('turns a LINE error into one line with the request id and exit code 1', async () => {
    line.failNext.set('POST /v2/bot/richmenu', 400);
    const { code, out } = await run([], realEnv);
    expect(code).toBe(1);
    expect(out).toContain('deploy failed: LINE answered 400: Injected failure (x-line-request-id req-400)');
    expect(out).not.toContain(TOKEN);
  });

  it('parses its options', () => {
    expect(parseArgs(['--dry-run', '--alias', 'tab-b'])).toMatchObject({ dryRun: true, aliasId: 'tab-b' });
    expect(() => parseArgs(['--menu'])).toThrow('--menu needs a value');
    expect(() => parseArgs(['--force'])).toThrow('unknown option --force');
  });

  it('derives the stale-name prefix from the versioned name', () => {
    expect(stalePrefixFor('main-v1')).toBe('main-v');
    expect(stalePrefixFor('main-v12')).toBe('main-v');
    expect(stalePrefixFor('main')).toBe('main');
  });
});
