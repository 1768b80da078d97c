// The workspace's cases in Chromium (issue 12 point 7): a staff member signs in by the link LINE
// delivered, opens the queue, opens a case, sees its photo and its PDF (in the page's frame, and on
// its own), decides รับเรื่อง, and the applicant gets the push in the (fake) LINE. Screenshots at
// phone width: 'cases', 'case', 'case-decided'.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { storeContent } from '../../src/attachments/files';
import { bindAttachment, recordAttachment } from '../../src/attachments/store';
import { findCase } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import { allText, clock, fake, Person } from '../support/harness';
import { OFFICE, pushesTo, submittedCase } from '../cases/helpers';
import { PHONE, hasChromium, launchBrowser, screenshot, signInInBrowser, startWorkspace, warnIfNoChromium, type Workspace } from './browser-helpers';

warnIfNoChromium('The workspace cases browser test');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A real PNG: a pale page with darker "lines", like a photo of a register. */
function registerPhoto(width = 320, height = 200): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const line = y % 20 === 0 || (x > 20 && x < 24);
      row.set(line ? [90, 110, 140] : [245, 240, 225], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
/** A real one-page PDF (the minutes), with a correct cross-reference table. */
function minutesPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = 'BT /F1 18 Tf 30 120 Td (Meeting minutes) Tj ET';
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe.skipIf(!hasChromium)('the workspace cases in a browser', () => {
  let browser: Browser;
  let ws: Workspace;
  let officer: Person;
  let leader: Person;

  async function attach(caseId: number, bytes: Buffer, mime: string, slot: string): Promise<number> {
    const sha256 = await storeContent(ws.t.config.attachments.dir, OFFICE, bytes);
    const row = await recordAttachment(ws.t.db, OFFICE, { messageId: `m-${slot}`, userId: leader.userId, sha256, mime, bytes: bytes.length }, clock.now().getTime());
    await bindAttachment(ws.t.db, OFFICE, row.id, leader.userId, slot, caseId);
    return row.id;
  }

  /**
   * A phone-width profile that reaches only the workspace, like phoneContext, but lets Chromium's own
   * PDF viewer (an extension page, not a web origin) load, so the PDF is really shown.
   */
  async function phoneWithPdfViewer(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    await context.route((u) => /^https?:$/.test(u.protocol) && u.origin !== ws.url, (route) => route.fulfill({ contentType: 'text/plain', body: 'blocked in tests' }));
    return context;
  }

  beforeAll(async () => {
    fake.reset();
    clock.set('2026-11-23T03:00:00Z');
    ws = await startWorkspace();
    officer = new Person(ws.t);
    leader = new Person(ws.t);
    await addStaff(ws.t.db, OFFICE, officer.userId, 'cli', clock.now().getTime());
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ws?.close();
  });

  it('queue → case → its photo and PDF → รับเรื่อง → the applicant’s push in LINE', async () => {
    const older = await submittedCase(ws.t.db, 'Uother', OFFICE, new Date(clock.now().getTime() - 3 * 86_400_000));
    const c = await submittedCase(ws.t.db, leader.userId);
    const photo = await attach(c.id, registerPhoto(), 'image/png', 'group.members.register');
    const pdf = await attach(c.id, minutesPdf(), 'application/pdf', 'group.minutes');
    await ws.t.bot.outbox.runOnce();

    const context = await phoneWithPdfViewer();
    const problems: string[] = [];
    const page = await signInInBrowser(context, ws, officer);
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${ws.url}/staff/cases`);
    expect(await page.locator('h1').innerText()).toBe('เรื่องที่ยื่น');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // The longest waiting first, as in LINE's เรื่องรอตรวจ.
    expect(await rows.nth(0).innerText()).toContain(older.reference!);
    await screenshot(page, 'cases');

    // The search box, with Thai digits, goes straight to the case.
    await page.getByLabel('ค้นหาด้วยเลขที่เรื่อง').fill('grp-๒๕๖๙-๐๐๐๒');
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await page.waitForURL(`${ws.url}/staff/cases/${c.id}`);
    expect(await page.locator('h1').innerText()).toContain(c.reference!);

    // The photo is shown (decoded by the browser), the PDF's frame loads it as a PDF.
    const img = page.locator(`img[src="/staff/attachments/${photo}"]`);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);
    const frame = page.frames().find((f) => f.url().endsWith(`/staff/attachments/${pdf}`));
    expect(frame, 'the PDF frame').toBeDefined();
    await screenshot(page, 'case');

    // Opened on its own (the "เปิด PDF" link): a PDF, inline, with the attachment's own policy.
    const own = await context.newPage();
    own.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const served = await own.goto(`${ws.url}/staff/attachments/${pdf}`);
    expect(served?.status()).toBe(200);
    expect(served?.headers()['content-type']).toBe('application/pdf');
    expect(served?.headers()['content-disposition']).toMatch(/^inline/);
    // Chromium hands it to its PDF viewer (an extension frame) instead of downloading it.
    await expect.poll(() => own.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 15_000 }).toBe(true);
    // The viewer opened the document: its toolbar names the file (headless screenshots do not
    // capture the PDF plugin's drawing, so this is what can be checked).
    const viewer = own.frames().find((f) => f.url().startsWith('chrome-extension://'))!;
    const toolbar = () => viewer.evaluate(() => document.querySelector('pdf-viewer')?.shadowRoot?.querySelector('viewer-toolbar')?.shadowRoot?.textContent ?? '');
    await expect.poll(toolbar, { timeout: 15_000 }).toContain(`attachment-${pdf}.pdf`);
    await own.close();

    await page.locator('#decide-in_review').getByRole('button', { name: 'รับเรื่อง' }).click();
    await page.waitForURL(`${ws.url}/staff/cases/${c.id}?m=decided`);
    expect(await page.getByRole('status').innerText()).toContain('บันทึกแล้วค่ะ');
    expect((await findCase(ws.t.db, OFFICE, c.id))!.status).toBe('in_review');
    await screenshot(page, 'case-decided');
    // A decision that asks for more opens its form with a tap (no script: <details>).
    await page.locator('#decide-needs_info summary').click();
    await expect.poll(() => page.getByLabel('บันทึกการประชุม').isVisible()).toBe(true);
    await page.locator('#decide-needs_info').screenshot({ path: '/tmp/staff-case-ask-more.png' });
    console.log('screenshot of the ขอเอกสารเพิ่ม form: /tmp/staff-case-ask-more.png');

    await ws.t.bot.outbox.runOnce();
    const push = pushesTo(leader.userId).at(-1)!;
    expect(allText(push)).toContain(c.reference!);
    expect(allText(push)).toContain('เจ้าหน้าที่รับเรื่องแล้ว');
    // Nothing on the pages or in the viewer was refused by a Content-Security-Policy.
    expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
    await context.close();
  }, 90_000);
});
