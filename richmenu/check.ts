// Local checks for a rich menu before anything is sent to LINE: the RichMenuRequest shape and LINE's
// documented limits (reference/line-platform.md §4, §6), that every postback is one the bot
// understands, and that the image file is a PNG/JPEG of exactly the menu's size and at most 1 MB.
// Pure functions over parsed JSON and bytes; no network, no SDK calls.
import type { messagingApi } from '@line/bot-sdk';
import { parsePostback } from '../src/flows/postback';

export const RICH_MENU_LIMITS = {
  minWidth: 800,
  maxWidth: 2500,
  minHeight: 250,
  minRatio: 1.45,
  maxAreas: 20,
  nameLength: 300,
  chatBarTextLength: 14,
  actionLabelLength: 20,
  postbackDataLength: 300,
  displayTextLength: 300,
  messageTextLength: 300,
  uriLength: 1000,
  aliasIdLength: 32,
  clipboardTextLength: 1000,
  // LINE says "1 MB" without defining it; 1,000,000 bytes is the stricter reading (as in src/line/limits.ts).
  imageBytes: 1_000_000,
} as const;

export const ALIAS_ID_PATTERN = /^[a-z0-9_-]{1,32}$/;

export type ImageType = 'image/png' | 'image/jpeg';
export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

/** Type and pixel size from the header bytes of a PNG or baseline/progressive JPEG; undefined otherwise. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    // The first chunk must be IHDR: length(4) "IHDR"(4) width(4) height(4), big-endian.
    const chunk = String.fromCharCode(...bytes.subarray(12, 16));
    if (chunk !== 'IHDR') return undefined;
    return { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 4 <= bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      let marker = bytes[offset + 1]!;
      while (marker === 0xff && offset + 2 < bytes.length) marker = bytes[++offset + 1]!; // fill bytes
      offset += 2;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
      if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / start of scan before any SOF
      if (offset + 2 > bytes.length) return undefined;
      const length = view.getUint16(offset);
      const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isStartOfFrame) {
        if (offset + 7 > bytes.length) return undefined;
        return { type: 'image/jpeg', height: view.getUint16(offset + 3), width: view.getUint16(offset + 5) };
      }
      offset += length;
    }
  }
  return undefined;
}

export function imageTypeForFile(fileName: string): ImageType | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return 'image/jpeg';
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** LINE counts characters; Thai vowels and tone marks are separate code points and count too. */
const chars = (s: string) => [...s].length;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkText(value: unknown, path: string, max: number, required: boolean): string[] {
  if (value === undefined) return required ? [`${path} is required`] : [];
  if (typeof value !== 'string') return [`${path} must be a string`];
  if (required && value.length === 0) return [`${path} must not be empty`];
  const n = chars(value);
  return n > max ? [`${path} is ${n} characters; LINE allows ${max}`] : [];
}

function checkPostbackData(data: unknown, path: string): string[] {
  const problems = checkText(data, path, RICH_MENU_LIMITS.postbackDataLength, true);
  if (problems.length === 0 && parsePostback(data as string).kind === 'unknown') {
    problems.push(`${path} "${String(data)}" is not postback data the bot understands (see src/flows/postback.ts)`);
  }
  return problems;
}

function checkAction(action: unknown, path: string): string[] {
  if (!isObj(action)) return [`${path} must be an object`];
  const problems = checkText(action['label'], `${path}.label`, RICH_MENU_LIMITS.actionLabelLength, false);
  switch (action['type']) {
    case 'postback':
      problems.push(...checkPostbackData(action['data'], `${path}.data`));
      problems.push(...checkText(action['displayText'], `${path}.displayText`, RICH_MENU_LIMITS.displayTextLength, false));
      problems.push(...checkText(action['text'], `${path}.text`, RICH_MENU_LIMITS.displayTextLength, false));
      if (action['text'] !== undefined && action['displayText'] !== undefined) problems.push(`${path}: use displayText or text, not both`);
      break;
    case 'message':
      problems.push(...checkText(action['text'], `${path}.text`, RICH_MENU_LIMITS.messageTextLength, true));
      break;
    case 'uri': {
      problems.push(...checkText(action['uri'], `${path}.uri`, RICH_MENU_LIMITS.uriLength, true));
      const uri = action['uri'];
      if (typeof uri === 'string' && !/^(https?|line|tel):/i.test(uri)) problems.push(`${path}.uri must use http, https, line or tel`);
      break;
    }
    case 'datetimepicker':
      problems.push(...checkPostbackData(action['data'], `${path}.data`));
      if (!['date', 'time', 'datetime'].includes(String(action['mode']))) problems.push(`${path}.mode must be date, time or datetime`);
      break;
    case 'richmenuswitch': {
      problems.push(...checkPostbackData(action['data'], `${path}.data`));
      const alias = action['richMenuAliasId'];
      if (typeof alias !== 'string' || !ALIAS_ID_PATTERN.test(alias)) problems.push(`${path}.richMenuAliasId must match [a-z0-9_-]{1,32}`);
      break;
    }
    case 'clipboard':
      problems.push(...checkText(action['clipboardText'], `${path}.clipboardText`, RICH_MENU_LIMITS.clipboardTextLength, true));
      break;
    default:
      problems.push(`${path}.type "${String(action['type'])}" is not allowed in a rich menu (camera, cameraRoll and location are quick-reply only)`);
  }
  return problems;
}

interface Rect { x: number; y: number; width: number; height: number }
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every problem with a RichMenuRequest: shape, limits, areas inside the menu and not overlapping. */
export function checkRichMenu(definition: unknown): string[] {
  if (!isObj(definition)) return ['the rich menu must be a JSON object'];
  const problems: string[] = [];
  const L = RICH_MENU_LIMITS;

  const size = definition['size'];
  let width = 0;
  let height = 0;
  if (!isObj(size) || !isInt(size['width']) || !isInt(size['height'])) {
    problems.push('size must be {width, height} in whole pixels');
  } else {
    width = size['width'];
    height = size['height'];
    if (width < L.minWidth || width > L.maxWidth) problems.push(`size.width is ${width}; LINE allows ${L.minWidth}–${L.maxWidth}`);
    if (height < L.minHeight) problems.push(`size.height is ${height}; LINE needs at least ${L.minHeight}`);
    if (height > 0 && width / height < L.minRatio) problems.push(`size ratio ${(width / height).toFixed(3)} is below ${L.minRatio} (width/height)`);
  }
  if (typeof definition['selected'] !== 'boolean') problems.push('selected must be true or false');
  problems.push(...checkText(definition['name'], 'name', L.nameLength, true));
  problems.push(...checkText(definition['chatBarText'], 'chatBarText', L.chatBarTextLength, true));

  const areas = definition['areas'];
  if (!Array.isArray(areas) || areas.length === 0) {
    problems.push('areas must be a non-empty array');
    return problems;
  }
  if (areas.length > L.maxAreas) problems.push(`there are ${areas.length} areas; LINE allows ${L.maxAreas}`);
  const rects: Array<Rect | undefined> = areas.map((area: unknown, i) => {
    const path = `areas[${i}]`;
    if (!isObj(area)) {
      problems.push(`${path} must be an object`);
      return undefined;
    }
    problems.push(...checkAction(area['action'], `${path}.action`));
    const b = area['bounds'];
    if (!isObj(b) || ![b['x'], b['y'], b['width'], b['height']].every(isInt)) {
      problems.push(`${path}.bounds must be {x, y, width, height} in whole pixels`);
      return undefined;
    }
    const r = b as unknown as Rect;
    if (r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0) problems.push(`${path}.bounds must have x, y ≥ 0 and width, height > 0`);
    if (width > 0 && height > 0 && (r.x + r.width > width || r.y + r.height > height)) {
      problems.push(`${path}.bounds (${r.x},${r.y} ${r.width}×${r.height}) reach outside the ${width}×${height} menu`);
    }
    return r;
  });
  rects.forEach((a, i) => rects.slice(i + 1).forEach((b, j) => {
    if (a && b && overlaps(a, b)) problems.push(`areas[${i}] and areas[${i + 1 + j}] overlap`);
  }));
  return problems;
}

/** Problems with the image bytes for a menu of `size`: type, pixel size and file size. */
export function checkRichMenuImage(bytes: Uint8Array, fileName: string, size: { width: number; height: number }): string[] {
  const problems: string[] = [];
  const info = readImageInfo(bytes);
  if (!info) return [`${fileName} is not a PNG or JPEG image`];
  const expectedType = imageTypeForFile(fileName);
  if (expectedType !== info.type) problems.push(`${fileName} holds ${info.type} data but its name says ${expectedType ?? 'neither PNG nor JPEG'}`);
  if (info.width !== size.width || info.height !== size.height) {
    problems.push(`${fileName} is ${info.width}×${info.height} px; the menu is ${size.width}×${size.height}`);
  }
  if (bytes.length > RICH_MENU_LIMITS.imageBytes) {
    problems.push(`${fileName} is ${bytes.length.toLocaleString('en')} bytes; LINE allows 1 MB (${RICH_MENU_LIMITS.imageBytes.toLocaleString('en')})`);
  }
  return problems;
}

/** A RichMenuRequest that passed checkRichMenu: every field LINE requires is there. */
export type CheckedRichMenu = messagingApi.RichMenuRequest & {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: messagingApi.RichMenuArea[];
};

/** Narrows after checkRichMenu found nothing; throws RichMenuInvalid otherwise. */
export function asRichMenuRequest(definition: unknown): CheckedRichMenu {
  const problems = checkRichMenu(definition);
  if (problems.length > 0) throw new RichMenuInvalid(problems);
  return definition as CheckedRichMenu;
}

export class RichMenuInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(`The rich menu is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RichMenuInvalid';
  }
}
