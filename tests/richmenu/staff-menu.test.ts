// The staff rich menu (richmenu/staff.json + staff.png): valid for LINE (local checks and, when the
// spec is there, the official schema), four large tiles for the staff's daily work, every button one
// the bot understands, and an image that matches it. Deploying it must not make it everyone's default.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRichMenu, checkRichMenuImage, readImageInfo } from '../../richmenu/check';
import { loadRichMenuBundle, parseArgs } from '../../richmenu/deploy';
import { parsePostback } from '../../src/flows/postback';
import { defaultEntries } from '../../src/flows/registry';
import { SPEC_MISSING_MESSAGE, specAvailable, validateAgainstSpec } from '../support/line-spec';

const richmenuDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../richmenu');
const menu = JSON.parse(fs.readFileSync(path.join(richmenuDir, 'staff.json'), 'utf8')) as {
  size: { width: number; height: number };
  name: string;
  chatBarText: string;
  areas: Array<{ bounds: { x: number; y: number; width: number; height: number }; action: { type: string; label?: string; data?: string; displayText?: string } }>;
};
const entriesById = new Map(defaultEntries.map((e) => [e.id, e]));

describe('richmenu/staff.json', () => {
  it('passes the local shape and limits check', () => {
    expect(checkRichMenu(menu)).toEqual([]);
  });

  it.skipIf(!specAvailable)('matches the official RichMenuRequest schema (line-openapi)', () => {
    expect(validateAgainstSpec('richmenu', menu)).toEqual([]);
  });

  it('says plainly when the official schema check is skipped', () => {
    if (!specAvailable) console.warn(SPEC_MISSING_MESSAGE);
    expect(typeof specAvailable).toBe('boolean');
  });

  it('is a compact 2500×843 menu of four equal tiles: เรื่องรอตรวจ, นัดวันนี้, เข้าระบบ, เมนู', () => {
    expect(menu.size).toEqual({ width: 2500, height: 843 });
    expect(menu.name).toBe('staff-v1');
    expect(menu.areas.map((a) => a.action.label)).toEqual(['เรื่องรอตรวจ', 'นัดวันนี้', 'เข้าระบบ', 'เมนู']);
    expect(menu.areas.map((a) => parsePostback(a.action.data ?? ''))).toEqual([
      { kind: 'go', entry: 'case-queue', params: {} },
      { kind: 'go', entry: 'staff-today', params: {} },
      { kind: 'go', entry: 'staff-sign-in', params: {} },
      { kind: 'command', command: 'menu' },
    ]);
    expect(menu.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0)).toBe(2500 * 843);
    for (const area of menu.areas) expect(area.bounds.width).toBe(625);
  });

  it('goes only to registered staff entries, saying the in-chat menu words (or, for one not in that menu, its first keyword)', () => {
    for (const [i, area] of menu.areas.entries()) {
      const parsed = parsePostback(area.action.data ?? '');
      if (parsed.kind === 'command') continue;
      expect(parsed.kind, `areas[${i}]`).toBe('go');
      if (parsed.kind !== 'go') continue;
      const entry = entriesById.get(parsed.entry);
      expect(entry, `areas[${i}] goes to unknown "${parsed.entry}"`).toBeDefined();
      if (!entry) continue;
      expect(entry.staffOnly, `areas[${i}] ${entry.id}`).toBe(true);
      // เข้าระบบ is not in the in-chat menu (it has no menuLabel): the tile says the word staff type.
      expect(area.action.displayText, `areas[${i}] ${entry.id}`).toBe(entry.menuLabel ?? entry.keywords[0]);
    }
  });

  it('has one image of exactly its size, ≤ 1 MB, and a page whose cells carry the same postbacks', () => {
    const candidates = ['staff.png', 'staff.jpg', 'staff.jpeg'].filter((f) => fs.existsSync(path.join(richmenuDir, f)));
    expect(candidates).toHaveLength(1);
    const bytes = new Uint8Array(fs.readFileSync(path.join(richmenuDir, candidates[0]!)));
    expect(readImageInfo(bytes)).toMatchObject({ width: 2500, height: 843 });
    expect(checkRichMenuImage(bytes, candidates[0]!, menu.size)).toEqual([]);
    const html = fs.readFileSync(path.join(richmenuDir, 'staff.html'), 'utf8');
    const cells = [...html.matchAll(/data-area="(\d+)" data-postback="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]!.replaceAll('&amp;', '&')]);
    expect(cells).toEqual(menu.areas.map((a, i) => [i, a.action.data]));
    expect(html).not.toMatch(/(src|href)=["']?https?:|url\(\s*["']?https?:|@import/i);
  });

  it('loads as a deploy bundle, and the deploy of a non-main alias does not make it the default', () => {
    expect(loadRichMenuBundle(path.join(richmenuDir, 'staff.json')).definition.name).toBe('staff-v1');
    expect(parseArgs(['--menu', 'richmenu/staff.json', '--alias', 'staff']).setDefault).toBe(false);
    expect(parseArgs([]).setDefault).toBe(true);
    expect(parseArgs(['--alias', 'main', '--no-default']).setDefault).toBe(false);
  });
});
