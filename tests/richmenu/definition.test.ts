// The main rich menu as committed (richmenu/main.json + its image): valid for LINE (official OpenAPI
// schema and the documented limits), every button sends something the bot understands, and the image
// is the right size, type and weight. Also the local checker itself, on the mistakes it must catch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRichMenu, checkRichMenuImage, readImageInfo, RICH_MENU_LIMITS } from '../../richmenu/check';
import { commandOf } from '../../src/flows/commands';
import { parsePostback } from '../../src/flows/postback';
import { defaultEntries } from '../../src/flows/registry';
import { SPEC_MISSING_MESSAGE, specAvailable, validateAgainstSpec } from '../support/line-spec';

const richmenuDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../richmenu');
const menu = JSON.parse(fs.readFileSync(path.join(richmenuDir, 'main.json'), 'utf8')) as {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: Array<{ bounds: { x: number; y: number; width: number; height: number }; action: { type: string; label?: string; data?: string; displayText?: string } }>;
};

/** The menu's promise: these tiles, in this order, with these words. */
const TILES = [
  { go: 'eligibility', label: 'เช็คสิทธิ์เบี้ย' },
  { go: 'booking', label: 'จองคิว' },
  { go: 'my-bookings', label: 'นัดหมายของฉัน' },
  { go: 'mchch', label: 'สมัคร มชช.' },
  { go: 'group-submit', label: 'ข้อมูลกลุ่ม' },
  { go: 'group-form', label: 'ตั้งกลุ่ม' },
  { go: 'my-cases', label: 'สถานะเรื่อง' },
  { go: 'handoff', label: 'คุยกับเจ้าหน้าที่' },
  { command: 'menu', label: 'เมนูทั้งหมด', displayText: 'เมนู' },
] as const;

const entriesById = new Map(defaultEntries.map((e) => [e.id, e]));
const goIds = menu.areas.flatMap((a) => {
  const parsed = parsePostback(a.action.data ?? '');
  return parsed.kind === 'go' ? [parsed.entry] : [];
});

describe('richmenu/main.json', () => {
  it('passes the local shape and limits check', () => {
    expect(checkRichMenu(menu)).toEqual([]);
  });

  it('is a 2500×1686 menu of 9 large areas in a 3×3 grid that covers it exactly', () => {
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.areas).toHaveLength(9);
    const columns = [...new Set(menu.areas.map((a) => a.bounds.x))].sort((a, b) => a - b);
    const rows = [...new Set(menu.areas.map((a) => a.bounds.y))].sort((a, b) => a - b);
    expect(columns).toHaveLength(3);
    expect(rows).toHaveLength(3);
    const covered = menu.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0);
    expect(covered).toBe(2500 * 1686); // no gaps (and checkRichMenu rules out overlaps)
    for (const area of menu.areas) {
      expect(area.bounds.width).toBeGreaterThanOrEqual(833); // thirds, give or take a pixel
      expect(area.bounds.height).toBe(562); // thirds of 1686: still a thumb-sized tile for elderly users
    }
  });

  it('opens by default with a short chat bar text and the name the deploy expects', () => {
    expect(menu.selected).toBe(true);
    expect(menu.name).toBe('main-v2');
    expect([...menu.chatBarText].length).toBeLessThanOrEqual(RICH_MENU_LIMITS.chatBarTextLength);
  });

  it.skipIf(!specAvailable)('matches the official RichMenuRequest schema (line-openapi)', () => {
    expect(validateAgainstSpec('richmenu', menu)).toEqual([]);
  });

  it('says plainly when the official schema check is skipped', () => {
    if (!specAvailable) console.warn(SPEC_MISSING_MESSAGE);
    expect(typeof specAvailable).toBe('boolean');
  });

  it('has the planned tiles: postbacks with displayText, labels ≤ 20', () => {
    expect(menu.areas).toHaveLength(TILES.length);
    menu.areas.forEach((area, i) => {
      const tile = TILES[i]!;
      const { action } = area;
      expect(action.type).toBe('postback');
      expect(action.label).toBe(tile.label);
      expect([...action.label!].length).toBeLessThanOrEqual(RICH_MENU_LIMITS.actionLabelLength);
      expect(action.displayText).toBe('displayText' in tile ? tile.displayText : tile.label);
      expect(action).not.toHaveProperty('text'); // deprecated, and not allowed with displayText
      const parsed = parsePostback(action.data!);
      expect(parsed).toEqual('go' in tile ? { kind: 'go', entry: tile.go, params: {} } : { kind: 'command', command: tile.command });
    });
  });
});

describe('every button sends something the bot understands', () => {
  it('each area is a go to a registered entry or a global command', () => {
    const unknown: string[] = [];
    for (const [i, area] of menu.areas.entries()) {
      const parsed = parsePostback(area.action.data ?? '');
      if (parsed.kind === 'command') continue;
      if (parsed.kind !== 'go') {
        unknown.push(`areas[${i}] data "${area.action.data}" does not parse (${parsed.kind})`);
      } else if (!entriesById.has(parsed.entry)) {
        unknown.push(`areas[${i}] goes to "${parsed.entry}", which is not in defaultEntries`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('registered entries are for everyone and use the same words as the in-chat menu', () => {
    for (const [i, area] of menu.areas.entries()) {
      const parsed = parsePostback(area.action.data ?? '');
      if (parsed.kind !== 'go') continue;
      const entry = entriesById.get(parsed.entry);
      if (!entry) continue; // an unknown entry fails the test above
      expect(entry.staffOnly, `areas[${i}] ${entry.id}`).toBeFalsy();
      expect(area.action.displayText, `areas[${i}] ${entry.id}`).toBe(entry.menuLabel);
    }
  });

  it('the menu tile shows "เมนู", a word the bot also takes as the menu command when typed', () => {
    const last = menu.areas.at(-1)!;
    expect(commandOf(last.action.displayText!)).toBe('menu');
  });

  it('links to no entry twice', () => {
    expect(new Set(goIds).size).toBe(goIds.length);
  });
});

describe('the menu image', () => {
  const candidates = ['main.png', 'main.jpg', 'main.jpeg'].filter((f) => fs.existsSync(path.join(richmenuDir, f)));

  it('exists exactly once (main.png, or main.jpg when PNG would exceed 1 MB)', () => {
    expect(candidates).toHaveLength(1);
  });

  it('is a PNG/JPEG of exactly the menu size (read from its header) and at most 1 MB', () => {
    const file = candidates[0]!;
    const bytes = new Uint8Array(fs.readFileSync(path.join(richmenuDir, file)));
    const info = readImageInfo(bytes);
    expect(info).toEqual({ type: file.endsWith('.png') ? 'image/png' : 'image/jpeg', width: 2500, height: 1686 });
    expect(bytes.length).toBeLessThanOrEqual(1_000_000);
    expect(checkRichMenuImage(bytes, file, menu.size)).toEqual([]);
  });

  it('has a page that draws one cell per area with the same postback (render.ts checks the pixels line up)', () => {
    const html = fs.readFileSync(path.join(richmenuDir, 'main.html'), 'utf8');
    const cells = [...html.matchAll(/data-area="(\d+)" data-postback="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]!.replaceAll('&amp;', '&')]);
    expect(cells).toEqual(menu.areas.map((a, i) => [i, a.action.data]));
    expect(html).not.toMatch(/(src|href)=["']?https?:|url\(\s*["']?https?:|@import/i); // offline: nothing external
  });
});

describe('readImageInfo', () => {
  const pngHeader = (width: number, height: number) => {
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const v = new DataView(b.buffer);
    v.setUint32(16, width);
    v.setUint32(20, height);
    return b;
  };
  const jpegHeader = (width: number, height: number, sof = 0xc0) => {
    const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const dqt = [0xff, 0xdb, 0, 4, 0, 0];
    const frame = [0xff, sof, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    return new Uint8Array([0xff, 0xd8, ...app0, 0xff, ...dqt, ...frame, 0xff, 0xd9]); // (an extra fill byte before DQT)
  };

  it('reads PNG width and height from IHDR', () => {
    expect(readImageInfo(pngHeader(2500, 1686))).toEqual({ type: 'image/png', width: 2500, height: 1686 });
  });

  it('reads JPEG width and height from the first SOF segment, baseline or progressive', () => {
    expect(readImageInfo(jpegHeader(2500, 843))).toEqual({ type: 'image/jpeg', width: 2500, height: 843 });
    expect(readImageInfo(jpegHeader(1200, 810, 0xc2))).toEqual({ type: 'image/jpeg', width: 1200, height: 810 });
  });

  it('refuses anything else', () => {
    expect(readImageInfo(new TextEncoder().encode('GIF89a....................'))).toBeUndefined();
    expect(readImageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    expect(readImageInfo(new Uint8Array())).toBeUndefined();
  });

  it('checkRichMenuImage names a wrong size, a wrong extension and an image over 1 MB', () => {
    const size = { width: 2500, height: 1686 };
    expect(checkRichMenuImage(pngHeader(2500, 843), 'main.png', size)).toEqual(['main.png is 2500×843 px; the menu is 2500×1686']);
    expect(checkRichMenuImage(pngHeader(2500, 1686), 'main.jpg', size)).toEqual(['main.jpg holds image/png data but its name says image/jpeg']);
    const big = new Uint8Array(1_000_001);
    big.set(pngHeader(2500, 1686));
    expect(checkRichMenuImage(big, 'main.png', size)).toEqual(['main.png is 1,000,001 bytes; LINE allows 1 MB (1,000,000)']);
  });
});

describe('checkRichMenu catches the usual mistakes', () => {
  const bad = (change: (m: typeof menu) => void) => {
    const copy = structuredClone(menu);
    change(copy);
    return checkRichMenu(copy);
  };

  it.each([
    ['chatBarText over 14', (m: typeof menu) => { m.chatBarText = 'เมนูหลักของสำนักงาน'; }, /chatBarText is 19 characters; LINE allows 14/],
    ['a label over 20', (m: typeof menu) => { m.areas[0]!.action.label = 'ตรวจสอบสิทธิ์เบี้ยยังชีพผู้สูงอายุ'; }, /areas\[0\]\.action\.label is \d+ characters; LINE allows 20/],
    ['an area outside the menu', (m: typeof menu) => { m.areas[2]!.bounds.width = 900; }, /areas\[2\]\.bounds .* reach outside the 2500×1686 menu/],
    ['overlapping areas', (m: typeof menu) => { m.areas[1]!.bounds.x = 800; }, /areas\[0\] and areas\[1\] overlap/],
    ['too narrow a ratio', (m: typeof menu) => { m.size = { width: 1200, height: 1000 }; }, /size ratio 1\.200 is below 1\.45/],
    ['too wide', (m: typeof menu) => { m.size.width = 2600; }, /size\.width is 2600; LINE allows 800–2500/],
    ['postback data the bot does not understand', (m: typeof menu) => { m.areas[3]!.action.data = 'action=contact'; }, /not postback data the bot understands/],
    ['more than 20 areas', (m: typeof menu) => { m.areas = Array.from({ length: 21 }, (_, i) => ({ bounds: { x: i * 100, y: 0, width: 100, height: 100 }, action: { type: 'postback', data: 'a=cmd&c=menu' } })); }, /21 areas; LINE allows 20/],
    ['text together with displayText', (m: typeof menu) => { (m.areas[0]!.action as Record<string, unknown>)['text'] = 'x'; }, /use displayText or text, not both/],
    ['a quick-reply-only action', (m: typeof menu) => { m.areas[0]!.action = { type: 'camera', label: 'กล้อง' }; }, /"camera" is not allowed in a rich menu/],
  ])('%s', (_name, change, expected) => {
    expect(bad(change).join('\n')).toMatch(expected);
  });
});
