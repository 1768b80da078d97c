// Drives the simulator page in headless Chromium against a stub of the simulator API: what the page
// sends for each tap and keystroke, and how it shows the bot's messages.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPOINTMENT_FLEX, GALLERY_KEYWORD, OFFICE_NAME } from './canned-messages';
import { startStubServer, type SentEvent, type StubServer } from './stub-server';

const CHROMIUM_PATH = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM_PATH);
const SCREENSHOT_PATH = '/tmp/simulator.png';
const SEND_TIMEOUT = { timeout: 5_000, interval: 50 };

if (!hasChromium) {
  console.warn(`The simulator browser test was SKIPPED: Chromium is absent at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)('simulator page in a browser', () => {
  let stub: StubServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  // Each test gets its own stub, so the page sees a first visit with no users yet.
  beforeEach(async () => {
    stub = await startStubServer();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await stub.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const eventsOf = (userId: string): SentEvent['event'][] => stub.sent.filter((s) => s.userId === userId).map((s) => s.event);

  /** A fresh browser profile opens the page, which creates the first user; returns that user's id. */
  async function openAsNewUser(): Promise<{ page: Page; context: BrowserContext; userId: string }> {
    const context = await browser.newContext({ viewport: { width: 460, height: 900 } });
    contexts.push(context);
    // Nothing may leave this machine: any address but the stub's is answered inside the browser.
    await context.route((url) => url.origin !== stub.url, (route) => route.fulfill({ contentType: 'text/plain', body: 'blocked in tests' }));
    const page = await context.newPage();
    await page.goto(`${stub.url}/simulator`);
    await expect.poll(() => page.inputValue('#user-select'), SEND_TIMEOUT).toMatch(/^U[0-9a-f]{32}$/);
    const userId = await page.inputValue('#user-select');
    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toEqual([{ type: 'follow' }]);
    return { page, context, userId };
  }

  const chip = (page: Page, label: string) => page.locator('#quick-replies .chip', { hasText: label });
  const userBubbles = (page: Page) => page.locator('#chat .row.user .bubble');
  const botMessages = (page: Page) => page.locator('#chat .row.bot .message');

  it('creates a user on first visit whose first event is follow, and "เพิ่มผู้ใช้" makes another', async () => {
    const { page, userId } = await openAsNewUser();
    expect(stub.sent.find((s) => s.userId === userId)?.displayName).toBe('ยายสมศรี');
    await expect.poll(() => page.textContent('#office-name'), SEND_TIMEOUT).toBe(OFFICE_NAME);

    await page.click('#add-user');
    await expect.poll(() => page.locator('#user-select option').count(), SEND_TIMEOUT).toBe(2);
    const secondUserId = await page.inputValue('#user-select');
    expect(secondUserId).toMatch(/^U[0-9a-f]{32}$/);
    expect(secondUserId).not.toBe(userId);
    expect(await page.inputValue('#display-name')).toBe('ตาบุญมี');
    await expect.poll(() => eventsOf(secondUserId), SEND_TIMEOUT).toEqual([{ type: 'follow' }]);

    await page.fill('#display-name', 'ลุงมี');
    await page.fill('#text-input', 'สวัสดี');
    await page.press('#text-input', 'Enter');
    await expect.poll(() => stub.sent.at(-1), SEND_TIMEOUT).toEqual({ userId: secondUserId, displayName: 'ลุงมี', event: { type: 'text', text: 'สวัสดี' } });
    expect(await page.locator('#user-select option').allTextContents()).toEqual(['ยายสมศรี', 'ลุงมี']);
  });

  it('sends typed text on Enter and on the send button, showing user markup as plain text', async () => {
    const { page, userId } = await openAsNewUser();
    await page.fill('#text-input', '<b>ตัวหนา</b>');
    await page.press('#text-input', 'Enter');
    await page.fill('#text-input', 'สวัสดีค่ะ');
    await page.click('#send');

    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toEqual([
      { type: 'follow' },
      { type: 'text', text: '<b>ตัวหนา</b>' },
      { type: 'text', text: 'สวัสดีค่ะ' },
    ]);
    expect(await userBubbles(page).allTextContents()).toEqual(['<b>ตัวหนา</b>', 'สวัสดีค่ะ']);
    expect(await page.locator('#chat b').count()).toBe(0);
    expect(await page.inputValue('#text-input')).toBe('');
  });

  it('shows bot text as text, keeping its line breaks', async () => {
    const { page } = await openAsNewUser();
    const greeting = page.locator('#chat .row.bot .bubble').first();
    await greeting.waitFor();
    expect(await greeting.textContent()).toBe('สวัสดีค่ะ <script>alert(1)</script>\nเลือกเมนูด้านล่างได้เลยค่ะ');
    expect(await greeting.innerText()).toContain('\n');
    expect(await page.locator('#chat script').count()).toBe(0);
  });

  it('sends a quick reply postback with its data, shows its displayText, then hides the chips', async () => {
    const { page, userId } = await openAsNewUser();
    await chip(page, 'ดูเบี้ยยังชีพ').click();

    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toContainEqual({ type: 'postback', data: 'menu=allowance', displayText: 'ดูเบี้ยยังชีพ' });
    expect(await userBubbles(page).allTextContents()).toEqual(['ดูเบี้ยยังชีพ']);
    expect(await page.locator('#quick-replies .chip').count()).toBe(0);
    await page.locator('#chat .bubble', { hasText: 'รับทราบค่ะ' }).waitFor();
    expect(await page.locator('#quick-replies').isHidden()).toBe(true);
  });

  it("sends a message chip's text as the user's own message", async () => {
    const { page, userId } = await openAsNewUser();
    await chip(page, 'สอบถาม').click();
    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toContainEqual({ type: 'text', text: 'ขอสอบถามค่ะ' });
    expect(await userBubbles(page).allTextContents()).toEqual(['ขอสอบถามค่ะ']);
  });

  it('opens a date picker with the action’s initial/min/max and sends params.date in LINE format', async () => {
    const { page, userId } = await openAsNewUser();
    await chip(page, 'เลือกวันนัด').click();
    const picker = page.locator('#picker-input');
    await picker.waitFor();
    expect([await picker.getAttribute('type'), await picker.inputValue(), await picker.getAttribute('min'), await picker.getAttribute('max')])
      .toEqual(['date', '2026-11-20', '2026-11-01', '2026-12-31']);

    await picker.fill('2026-11-23');
    await page.click('#picker-ok');
    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toContainEqual({ type: 'postback', data: 'pick=date', params: { date: '2026-11-23' } });
    expect(await page.locator('#picker').isHidden()).toBe(true);
    await page.locator('#chat .bubble', { hasText: 'ได้รับวันที่ 2026-11-23 แล้วค่ะ' }).waitFor();
  });

  it('renders a flex bubble readably, and its button sends the postback; only the last quick reply counts', async () => {
    const { page, userId } = await openAsNewUser();
    await page.fill('#text-input', 'ขอดูนัดหมายค่ะ');
    await page.press('#text-input', 'Enter');

    const bubble = page.locator('#chat .flex-bubble');
    await bubble.waitFor();
    const location = page.locator('#chat .location-card');
    await location.waitFor();
    expect(await bubble.innerText()).toMatch(/นัดหมายของคุณ[\s\S]*วันที่[\s\S]*23 พ\.ย\. 2569[\s\S]*ยืนยันนัด/);
    expect(await page.locator('#chat .alt-text').allTextContents()).toContain(`altText: ${APPOINTMENT_FLEX.altText}`);
    expect(await bubble.locator('.flex-header').evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).backgroundColor)).toBe('rgb(232, 247, 238)');
    expect(await location.innerText()).toContain('สำนักงานเทศบาลตำบลบ้านทดสอบ');
    expect(await location.locator('a').getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=16.4321&mlon=102.8236#map=17/16.4321/102.8236');
    // The reply's first message has a quick reply but its last does not, so no chips show.
    expect(await page.locator('#quick-replies .chip').count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT_PATH });

    await bubble.locator('button', { hasText: 'ยืนยันนัด' }).click();
    await expect.poll(() => eventsOf(userId), SEND_TIMEOUT).toContainEqual({ type: 'postback', data: 'booking=confirm', displayText: 'ยืนยันนัดค่ะ' });
    expect(await userBubbles(page).allTextContents()).toEqual(['ขอดูนัดหมายค่ะ', 'ยืนยันนัดค่ะ']);
  });

  it('renders stickers, images, templates and flex carousels, and their buttons act as LINE would', async () => {
    const { page, context, userId } = await openAsNewUser();
    await page.fill('#text-input', GALLERY_KEYWORD);
    await page.press('#text-input', 'Enter');
    await chip(page, 'ถ่ายรูป').waitFor();

    expect(await botMessages(page).count()).toBe(1 + 7);
    const chatText = await page.locator('#chat').innerText();
    for (const shown of ['สติกเกอร์ 446/1988', 'บริการของเทศบาล', 'ข้อมูลถูกต้องไหมคะ', 'ผู้สูงอายุ', 'ผู้พิการ', '043-000-000', 'เวลาทำการ', 'altText: ช่องทางติดต่อ']) {
      expect(chatText).toContain(shown);
    }
    await expect.poll(() => page.locator('#chat img.image-msg').evaluate((img) => Number(Reflect.get(img, 'naturalWidth'))), SEND_TIMEOUT).toBe(1);
    await expect.poll(() => page.locator('#chat .flex-image.missing').count(), SEND_TIMEOUT).toBe(1);

    const website = context.waitForEvent('page');
    await page.locator('#chat .template-button', { hasText: 'เว็บไซต์' }).click();
    await (await website).waitForURL('https://example.org/welfare');

    await page.locator('#chat .template-button', { hasText: 'ลงทะเบียน' }).click();
    await page.locator('#chat .template-button', { hasText: 'แก้ไข' }).click();
    await page.locator('#chat .template-button', { hasText: 'รายละเอียด' }).nth(1).click();
    await expect.poll(() => eventsOf(userId).slice(2), SEND_TIMEOUT).toEqual([
      { type: 'text', text: 'ลงทะเบียนค่ะ' },
      { type: 'postback', data: 'confirm=no' },
      { type: 'postback', data: 'kind=disabled' },
    ]);
    // A postback without displayText shows nothing as the user's message, as in LINE.
    expect(await userBubbles(page).allTextContents()).toEqual([GALLERY_KEYWORD, 'ลงทะเบียนค่ะ']);
  });

  it('sends an image for a camera chip and the sample location for a location chip', async () => {
    const { page, userId } = await openAsNewUser();
    await page.fill('#text-input', GALLERY_KEYWORD);
    await page.press('#text-input', 'Enter');
    await chip(page, 'ถ่ายรูป').click();
    await expect.poll(() => eventsOf(userId).at(-1), SEND_TIMEOUT).toEqual({ type: 'image' });

    await page.fill('#text-input', GALLERY_KEYWORD);
    await page.press('#text-input', 'Enter');
    await chip(page, 'ส่งตำแหน่ง').click();
    await expect.poll(() => eventsOf(userId).at(-1), SEND_TIMEOUT).toMatchObject({ type: 'location', latitude: expect.any(Number), longitude: expect.any(Number) });
  });

  it.each([
    { label: 'เลือกเวลา', initial: '10:00', chosen: '09:30', params: { time: '09:30' } },
    { label: 'เลือกวันเวลา', initial: '2026-11-23T09:00', chosen: '2026-11-24T13:45', params: { datetime: '2026-11-24T13:45' } },
  ])('sends a $label picker result as params in LINE format', async ({ label, initial, chosen, params }) => {
    const { page, userId } = await openAsNewUser();
    await page.fill('#text-input', GALLERY_KEYWORD);
    await page.press('#text-input', 'Enter');
    await chip(page, label).click();
    expect(await page.inputValue('#picker-input')).toBe(initial);
    await page.fill('#picker-input', chosen);
    await page.press('#picker-input', 'Enter');
    await expect.poll(() => eventsOf(userId).at(-1), SEND_TIMEOUT).toEqual({ type: 'postback', data: `pick=${Object.keys(params)[0]}`, params });
  });

  it('copies clipboard text for a clipboard chip and sends nothing', async () => {
    const { page, context, userId } = await openAsNewUser();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stub.url });
    await page.fill('#text-input', GALLERY_KEYWORD);
    await page.press('#text-input', 'Enter');
    await chip(page, 'คัดลอกเบอร์').click();
    await page.locator('#toast', { hasText: 'คัดลอกแล้วค่ะ' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('043000000');
    expect(eventsOf(userId)).toHaveLength(2);
  });

  it('marks a message that could not be sent, and says so when the server is unreachable', async () => {
    const { page } = await openAsNewUser();
    await page.route('**/simulator/api/send', (route) => route.fulfill({ status: 500, body: 'down' }));
    await page.fill('#text-input', 'ฮัลโหล');
    await page.press('#text-input', 'Enter');
    await page.locator('#chat .row.user .meta', { hasText: 'ส่งไม่สำเร็จ' }).waitFor();

    // The server itself answered, but the bot's webhook refused the event.
    await page.route('**/simulator/api/send', (route) => route.fulfill({ json: { ok: false, status: 500 } }));
    await page.fill('#text-input', 'ฮัลโหลอีกครั้ง');
    await page.press('#text-input', 'Enter');
    await expect.poll(() => page.locator('#chat .row.user .meta.failed').count(), SEND_TIMEOUT).toBe(2);

    await page.route('**/simulator/api/messages*', (route) => route.abort());
    await page.locator('#status', { hasText: 'ติดต่อเซิร์ฟเวอร์ไม่ได้' }).waitFor();
  });

  it('sends sticker, image, voice, location, unfollow and follow from the toolbar, in order', async () => {
    const { page, userId } = await openAsNewUser();
    for (const tool of ['sticker', 'image', 'audio', 'location', 'unfollow', 'follow']) {
      await page.click(`[data-tool="${tool}"]`);
    }
    await expect.poll(() => eventsOf(userId).map((e) => e.type), SEND_TIMEOUT).toEqual(['follow', 'sticker', 'image', 'audio', 'location', 'unfollow', 'follow']);
    const location = eventsOf(userId)[4];
    expect(location).toMatchObject({ title: expect.any(String), address: expect.any(String), latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(await page.locator('#chat .note', { hasText: 'unfollow' }).count()).toBe(1);
  });

  it('with several offices, switches office: the name, where events go, and each office its own chat', async () => {
    await stub.close();
    stub = await startStubServer({ offices: [{ id: 'ban-na', name: 'อบต.บ้านนา' }, { id: 'nong-khai', name: 'เทศบาลหนองไข่' }] });
    const { page, userId } = await openAsNewUser();
    await expect.poll(() => page.textContent('#office-name'), SEND_TIMEOUT).toBe('อบต.บ้านนา');
    await page.fill('#text-input', 'ข้อความถึงบ้านนา');
    await page.press('#text-input', 'Enter');
    await page.locator('#chat .location-card').waitFor();

    await page.selectOption('#office-select', 'nong-khai');
    await expect.poll(() => page.textContent('#office-name'), SEND_TIMEOUT).toBe('เทศบาลหนองไข่');
    expect(await page.locator('#chat').innerText()).not.toContain('ข้อความถึงบ้านนา');
    await page.fill('#text-input', 'ข้อความถึงหนองไข่');
    await page.press('#text-input', 'Enter');
    await expect
      .poll(() => stub.sent.filter((s) => s.userId === userId && s.event.type === 'text').map((s) => [s.office, s.event.text]), SEND_TIMEOUT)
      .toEqual([
        ['ban-na', 'ข้อความถึงบ้านนา'],
        ['nong-khai', 'ข้อความถึงหนองไข่'],
      ]);

    await page.selectOption('#office-select', 'ban-na');
    await page.locator('#chat .row.user', { hasText: 'ข้อความถึงบ้านนา' }).waitFor();
    expect(await page.locator('#chat').innerText()).not.toContain('ข้อความถึงหนองไข่');
  });

  it('shows no office picker with one office', async () => {
    const { page } = await openAsNewUser();
    expect(await page.locator('#office-picker').isHidden()).toBe(true);
  });

  it('sends a picked picture as an image message and a picked PDF as a file message, with their content', async () => {
    const { page, userId } = await openAsNewUser();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const pdf = Buffer.from('%PDF-1.7\nบันทึกการประชุม\n');
    await page.setInputFiles('#file-input', { name: 'รูปบันทึก.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => eventsOf(userId).length, SEND_TIMEOUT).toBe(2);
    await page.setInputFiles('#file-input', { name: 'บันทึกประชุม.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => eventsOf(userId).length, SEND_TIMEOUT).toBe(3);
    const [, image, file] = eventsOf(userId);
    expect(image).toMatchObject({ type: 'image', contentType: 'image/png', content: png.toString('base64') });
    expect(file).toMatchObject({ type: 'file', fileName: 'บันทึกประชุม.pdf', contentType: 'application/pdf', content: pdf.toString('base64') });
    await page.locator('#chat .row.user .bubble', { hasText: '📎 บันทึกประชุม.pdf' }).waitFor();
  });

  it("keeps each pretend user's chat separate when switching users", async () => {
    const { page, userId } = await openAsNewUser();
    await page.fill('#text-input', 'ข้อความของยายสมศรี');
    await page.press('#text-input', 'Enter');
    await page.locator('#chat .location-card').waitFor();

    await page.click('#add-user');
    await page.locator('#chat .bubble', { hasText: 'สวัสดีค่ะ' }).waitFor();
    expect(await page.locator('#chat').innerText()).not.toContain('ข้อความของยายสมศรี');

    await page.selectOption('#user-select', userId);
    await page.locator('#chat .row.user', { hasText: 'ข้อความของยายสมศรี' }).waitFor();
    expect(await page.locator('#chat .location-card').count()).toBe(1);
  });
});
