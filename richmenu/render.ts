// Renders richmenu/<name>.html to the rich menu image with headless Chromium (playwright-core and the
// system browser; the machine may be offline, so the page must not load anything from the network).
//
//   npm run richmenu:image                 # richmenu/main.html → richmenu/main.png
//   npm run richmenu:image -- other        # richmenu/other.html → richmenu/other.png
//
// Before taking the picture it checks that each [data-area=i] cell of the page lies exactly on
// areas[i].bounds of richmenu/<name>.json and carries the same postback data, so the picture and the
// tap areas cannot drift apart. PNG when it fits in LINE's 1 MB, otherwise JPEG (<name>.jpg).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { checkRichMenu, checkRichMenuImage, RICH_MENU_LIMITS } from './check';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Smallest gap, in image pixels, between any text and the edge of its tile. */
const MIN_MARGIN = 40;

interface Area {
  bounds: { x: number; y: number; width: number; height: number };
  action: { type: string; data?: string };
}
interface Definition {
  size: { width: number; height: number };
  areas: Area[];
}

export async function renderRichMenu(name = 'main'): Promise<string> {
  const jsonPath = path.join(here, `${name}.json`);
  const htmlPath = path.join(here, `${name}.html`);
  const definition = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as Definition;
  const problems = checkRichMenu(definition);
  if (problems.length > 0) throw new Error(`${name}.json is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const { width, height } = definition.size;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    // Offline by design: anything but the page itself (file:, data:) is refused, so a stray URL fails loudly.
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    if (blocked.length > 0) throw new Error(`${name}.html tried to load from the network: ${blocked.join(', ')}`);

    const fontOk = await page.evaluate(() => document.fonts.check('bold 100px Loma', 'ก'));
    if (!fontOk) console.warn('warning: the Loma font (fonts-thai-tlwg) was not found; Thai text uses a fallback font');

    const cells = await page.$$eval('[data-area]', (elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect();
        return { area: Number(el.getAttribute('data-area')), postback: el.getAttribute('data-postback'), x: r.x, y: r.y, width: r.width, height: r.height };
      }));
    const mismatches: string[] = [];
    if (cells.length !== definition.areas.length) mismatches.push(`the page has ${cells.length} [data-area] cells; ${name}.json has ${definition.areas.length} areas`);
    for (const cell of cells) {
      const area = definition.areas[cell.area];
      if (!area) {
        mismatches.push(`cell data-area=${cell.area} has no matching area`);
        continue;
      }
      const b = area.bounds;
      const off = Math.max(Math.abs(cell.x - b.x), Math.abs(cell.y - b.y), Math.abs(cell.width - b.width), Math.abs(cell.height - b.height));
      if (off > 0.5) mismatches.push(`cell ${cell.area} is at ${cell.x},${cell.y} ${cell.width}×${cell.height}; the area is ${b.x},${b.y} ${b.width}×${b.height}`);
      if (cell.postback !== (area.action.data ?? null)) mismatches.push(`cell ${cell.area} says data-postback="${cell.postback}"; the area sends "${area.action.data}"`);
    }
    // Text must not run into the tile edges (a label cut off or touching the next tile reads badly).
    const cramped = await page.$$eval('[data-area]', (elements, margin) =>
      elements.flatMap((el) => [...el.querySelectorAll('*')].flatMap((child) => {
        const c = el.getBoundingClientRect();
        const r = child.getBoundingClientRect();
        const tight = r.left - c.left < margin || c.right - r.right < margin || r.top - c.top < margin || c.bottom - r.bottom < margin;
        return tight && child.textContent?.trim() ? [`cell ${el.getAttribute('data-area')}: "${child.textContent.trim()}" is closer than ${margin} px to the edge`] : [];
      })), MIN_MARGIN);
    mismatches.push(...cramped);
    if (mismatches.length > 0) throw new Error(`${name}.html does not fit ${name}.json:\n${mismatches.map((m) => `  - ${m}`).join('\n')}`);

    const clip = { x: 0, y: 0, width, height };
    const pngPath = path.join(here, `${name}.png`);
    const jpgPath = path.join(here, `${name}.jpg`);
    const png = await page.screenshot({ type: 'png', clip, animations: 'disabled' });
    let outPath = pngPath;
    let bytes: Uint8Array = png;
    if (png.length > RICH_MENU_LIMITS.imageBytes) {
      // Too big for LINE as PNG: fall back to JPEG, stepping the quality down until it fits.
      outPath = jpgPath;
      for (const quality of [92, 88, 84, 80, 75, 70]) {
        bytes = await page.screenshot({ type: 'jpeg', quality, clip, animations: 'disabled' });
        if (bytes.length <= RICH_MENU_LIMITS.imageBytes) break;
      }
    }
    const imageProblems = checkRichMenuImage(bytes, path.basename(outPath), definition.size);
    if (imageProblems.length > 0) throw new Error(`the rendered image is not usable:\n${imageProblems.map((p) => `  - ${p}`).join('\n')}`);
    fs.writeFileSync(outPath, bytes);
    // Only one image per menu, or the deploy would not know which one to upload.
    const other = outPath === pngPath ? jpgPath : pngPath;
    if (fs.existsSync(other)) fs.rmSync(other);
    console.log(`wrote ${path.relative(process.cwd(), outPath)} (${width}×${height}, ${bytes.length.toLocaleString('en')} bytes)`);
    return outPath;
  } finally {
    await browser.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  renderRichMenu(process.argv[2] ?? 'main').catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
