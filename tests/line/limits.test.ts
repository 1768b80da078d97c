// Tests for src/line/limits.ts: every documented LINE limit, checked just inside and just outside,
// plus UTF-16 counting and Thai-aware label truncation.
import { describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import {
  LINE_LIMITS,
  LineMessageLimitError,
  assertValidMessages,
  checkMessages,
  flexJsonBytes,
  truncateLabel,
  utf16Length,
  type LimitViolation,
} from '../../src/line/limits';

// ---- builders for valid messages; each case below changes one thing -------------------------------
type Loose = Record<string, unknown>;
const asMessages = (...messages: Loose[]): messagingApi.Message[] => messages as unknown as messagingApi.Message[];
const check = (...messages: Loose[]): LimitViolation[] => checkMessages(asMessages(...messages));

const thai = (n: number): string => 'ก'.repeat(n);
const emoji = (n: number): string => '😀'.repeat(n);

const text = (t: string, extra: Loose = {}): Loose => ({ type: 'text', text: t, ...extra });
const postback = (extra: Loose = {}): Loose => ({ type: 'postback', label: 'ตกลงค่ะ', data: 'a=1', ...extra });
const messageAction = (extra: Loose = {}): Loose => ({ type: 'message', label: 'ใช่ค่ะ', text: 'ใช่', ...extra });
const uriAction = (uri: string, extra: Loose = {}): Loose => ({ type: 'uri', label: 'เปิดเว็บ', uri, ...extra });
const picker = (extra: Loose): Loose => ({ type: 'datetimepicker', label: 'เลือกวัน', data: 'pick', mode: 'date', ...extra });
const quickReply = (...actions: Loose[]): Loose =>
  text('เลือกได้เลยค่ะ', { quickReply: { items: actions.map((action) => ({ type: 'action', action })) } });
const quickReplyItems = (n: number): Loose => quickReply(...Array.from({ length: n }, (_, i) => postback({ data: `i=${i}` })));
const template = (t: Loose, altText = 'เมนูค่ะ'): Loose => ({ type: 'template', altText, template: t });
const buttons = (extra: Loose = {}): Loose => template({ type: 'buttons', text: 'เลือกค่ะ', actions: [messageAction()], ...extra });
const actions = (n: number): Loose[] => Array.from({ length: n }, () => messageAction());
const confirm = (extra: Loose = {}): Loose => template({ type: 'confirm', text: 'ยืนยันไหมคะ', actions: actions(2), ...extra });
const column = (extra: Loose = {}): Loose => ({ text: 'รายการ', actions: actions(2), ...extra });
const carousel = (...columns: Loose[]): Loose => template({ type: 'carousel', columns });
const imageCarousel = (action: Loose): Loose =>
  template({ type: 'image_carousel', columns: [{ imageUrl: 'https://example.com/a.png', action }] });
const flexText = (t: string, extra: Loose = {}): Loose => ({ type: 'text', text: t, ...extra });
const vbox = (...contents: Loose[]): Loose => ({ type: 'box', layout: 'vertical', contents });
const bubble = (extra: Loose = { body: vbox(flexText('สวัสดีค่ะ')) }): Loose => ({ type: 'bubble', ...extra });
const flex = (contents: Loose, altText = 'ข้อมูลค่ะ'): Loose => ({ type: 'flex', altText, contents });
const flexButton = (action: Loose): Loose => flex(bubble({ footer: vbox({ type: 'button', action }) }));
const location = (extra: Loose = {}): Loose =>
  ({ type: 'location', title: 'เทศบาล', address: 'ถนนหลัก', latitude: 13.75, longitude: 100.5, ...extra });

/** A bubble whose compact JSON is exactly `bytes` bytes long. */
function bubbleOfBytes(bytes: number): Loose {
  const overhead = flexJsonBytes(bubble({ body: vbox(flexText('')) }));
  return bubble({ body: vbox(flexText('a'.repeat(bytes - overhead))) });
}

/** A carousel of `count` equally sized bubbles whose compact JSON is exactly `bytes` bytes long. */
function carouselOfBytes(count: number, bytes: number): Loose {
  const seed = 200;
  const missing = bytes - flexJsonBytes({ type: 'carousel', contents: Array.from({ length: count }, () => bubbleOfBytes(seed)) });
  const share = Math.floor(missing / count);
  const sizes = Array.from({ length: count }, (_, i) => seed + share + (i === count - 1 ? missing - share * count : 0));
  return { type: 'carousel', contents: sizes.map(bubbleOfBytes) };
}

// ---- limit table: `ok` is just inside the limit, `bad` just outside -------------------------------
type LimitCase = { name: string; ok: Loose[]; bad: Loose[]; expected: LimitViolation };
const v = (path: string, rule: string, limit: number | string, actual: number | string): LimitViolation => ({ path, rule, limit, actual });
const m0 = 'messages[0]';
const qr0 = `${m0}.quickReply.items[0].action`;
const tpl = `${m0}.template`;
const footerButton = `${m0}.contents.footer.contents[0].action`;

const limitCases: LimitCase[] = [
  // request
  { name: '5 messages max', ok: Array.from({ length: 5 }, () => text('ค่ะ')), bad: Array.from({ length: 6 }, () => text('ค่ะ')), expected: v('messages', 'maxItems', 5, 6) },
  { name: 'at least 1 message', ok: [text('ค่ะ')], bad: [], expected: v('messages', 'minItems', 1, 0) },
  { name: 'unknown message type', ok: [text('ค่ะ')], bad: [{ type: 'bogus' }], expected: v(`${m0}.type`, 'type', 'text|textV2|sticker|image|video|audio|location|imagemap|template|flex|coupon', 'bogus') },
  // text
  { name: 'text 5000 Thai chars', ok: [text(thai(5000))], bad: [text(thai(5001))], expected: v(`${m0}.text`, 'maxLength', 5000, 5001) },
  { name: 'text emoji count as 2 units', ok: [text(emoji(2500))], bad: [text(`${emoji(2500)}a`)], expected: v(`${m0}.text`, 'maxLength', 5000, 5001) },
  { name: 'text not empty', ok: [text('ก')], bad: [text('')], expected: v(`${m0}.text`, 'minLength', 1, 0) },
  { name: 'text required', ok: [text('ก')], bad: [{ type: 'text' }], expected: v(`${m0}.text`, 'required', 'string', 'missing') },
  {
    name: 'text emojis max 20',
    ok: [text('$', { emojis: Array.from({ length: 20 }, (_, index) => ({ index, productId: 'p', emojiId: '001' })) })],
    bad: [text('$', { emojis: Array.from({ length: 21 }, (_, index) => ({ index, productId: 'p', emojiId: '001' })) })],
    expected: v(`${m0}.emojis`, 'maxItems', 20, 21),
  },
  // quick reply
  { name: 'quick reply 13 items max', ok: [quickReplyItems(13)], bad: [quickReplyItems(14)], expected: v(`${m0}.quickReply.items`, 'maxItems', 13, 14) },
  { name: 'quick reply at least 1 item', ok: [quickReplyItems(1)], bad: [quickReplyItems(0)], expected: v(`${m0}.quickReply.items`, 'minItems', 1, 0) },
  { name: 'quick reply label 20', ok: [quickReply(postback({ label: thai(20) }))], bad: [quickReply(postback({ label: thai(21) }))], expected: v(`${qr0}.label`, 'maxLength', 20, 21) },
  { name: 'quick reply label with tone marks counts every unit', ok: [quickReply(postback({ label: 'ที่'.repeat(6) }))], bad: [quickReply(postback({ label: 'ที่'.repeat(7) }))], expected: v(`${qr0}.label`, 'maxLength', 20, 21) },
  { name: 'quick reply label emoji', ok: [quickReply(postback({ label: emoji(10) }))], bad: [quickReply(postback({ label: `${emoji(10)}!` }))], expected: v(`${qr0}.label`, 'maxLength', 20, 21) },
  { name: 'quick reply label required', ok: [quickReply(postback())], bad: [quickReply(postback({ label: undefined }))], expected: v(`${qr0}.label`, 'required', 'string', 'missing') },
  { name: 'quick reply allows camera', ok: [quickReply({ type: 'camera', label: 'ถ่ายรูป' })], bad: [quickReply({ type: 'richmenuswitch', label: 'สลับ', richMenuAliasId: 'a', data: 'd' })], expected: v(`${qr0}.type`, 'placement', 'not allowed in quickReply', 'richmenuswitch') },
  { name: 'unknown action type', ok: [quickReply({ type: 'location', label: 'ส่งที่อยู่' })], bad: [quickReply({ type: 'bogus', label: 'x' })], expected: v(`${qr0}.type`, 'type', 'postback|message|uri|datetimepicker|camera|cameraRoll|location|richmenuswitch|clipboard', 'bogus') },
  {
    name: 'quick reply icon must be https',
    ok: [text('ค่ะ', { quickReply: { items: [{ type: 'action', imageUrl: 'https://example.com/i.png', action: postback() }] } })],
    bad: [text('ค่ะ', { quickReply: { items: [{ type: 'action', imageUrl: 'http://example.com/i.png', action: postback() }] } })],
    expected: v(`${m0}.quickReply.items[0].imageUrl`, 'uriScheme', 'https', 'http'),
  },
  // sender
  { name: 'sender name 20', ok: [text('ค่ะ', { sender: { name: thai(20) } })], bad: [text('ค่ะ', { sender: { name: thai(21) } })], expected: v(`${m0}.sender.name`, 'maxLength', 20, 21) },
  // altText
  { name: 'template altText 400', ok: [buttons({}), template({ type: 'buttons', text: 'ก', actions: actions(1) }, thai(400))], bad: [template({ type: 'buttons', text: 'ก', actions: actions(1) }, thai(401))], expected: v(`${m0}.altText`, 'maxLength', 400, 401) },
  { name: 'flex altText 400', ok: [flex(bubble(), thai(400))], bad: [flex(bubble(), thai(401))], expected: v(`${m0}.altText`, 'maxLength', 400, 401) },
  { name: 'flex altText not empty', ok: [flex(bubble(), 'ก')], bad: [flex(bubble(), '')], expected: v(`${m0}.altText`, 'minLength', 1, 0) },
  // buttons template
  { name: 'buttons title 40', ok: [buttons({ title: thai(40) })], bad: [buttons({ title: thai(41) })], expected: v(`${tpl}.title`, 'maxLength', 40, 41) },
  { name: 'buttons text 160 without title', ok: [buttons({ text: thai(160) })], bad: [buttons({ text: thai(161) })], expected: v(`${tpl}.text`, 'maxLength', 160, 161) },
  { name: 'buttons text 60 with title', ok: [buttons({ title: 'หัวข้อ', text: thai(60) })], bad: [buttons({ title: 'หัวข้อ', text: thai(61) })], expected: v(`${tpl}.text`, 'maxLength', 60, 61) },
  { name: 'buttons text 60 with image', ok: [buttons({ thumbnailImageUrl: 'https://example.com/t.jpg', text: thai(60) })], bad: [buttons({ thumbnailImageUrl: 'https://example.com/t.jpg', text: thai(61) })], expected: v(`${tpl}.text`, 'maxLength', 60, 61) },
  { name: 'buttons 4 actions max', ok: [buttons({ actions: actions(4) })], bad: [buttons({ actions: actions(5) })], expected: v(`${tpl}.actions`, 'maxItems', 4, 5) },
  { name: 'buttons at least 1 action', ok: [buttons({ actions: actions(1) })], bad: [buttons({ actions: [] })], expected: v(`${tpl}.actions`, 'minItems', 1, 0) },
  { name: 'template action label 20', ok: [buttons({ actions: [messageAction({ label: thai(20) })] })], bad: [buttons({ actions: [messageAction({ label: thai(21) })] })], expected: v(`${tpl}.actions[0].label`, 'maxLength', 20, 21) },
  { name: 'template action label required', ok: [buttons()], bad: [buttons({ actions: [messageAction({ label: undefined })] })], expected: v(`${tpl}.actions[0].label`, 'required', 'string', 'missing') },
  { name: 'template default action label optional', ok: [buttons({ defaultAction: uriAction('https://example.com', { label: undefined }) })], bad: [buttons({ defaultAction: uriAction('https://example.com', { label: thai(21) }) })], expected: v(`${tpl}.defaultAction.label`, 'maxLength', 20, 21) },
  { name: 'camera only in quick reply', ok: [quickReply({ type: 'cameraRoll', label: 'อัลบั้ม' })], bad: [buttons({ actions: [{ type: 'cameraRoll', label: 'อัลบั้ม' }] })], expected: v(`${tpl}.actions[0].type`, 'placement', 'not allowed in template', 'cameraRoll') },
  // confirm template
  { name: 'confirm text 240', ok: [confirm({ text: thai(240) })], bad: [confirm({ text: thai(241) })], expected: v(`${tpl}.text`, 'maxLength', 240, 241) },
  { name: 'confirm exactly 2 actions (3)', ok: [confirm()], bad: [confirm({ actions: actions(3) })], expected: v(`${tpl}.actions`, 'itemCount', 2, 3) },
  { name: 'confirm exactly 2 actions (1)', ok: [confirm()], bad: [confirm({ actions: actions(1) })], expected: v(`${tpl}.actions`, 'itemCount', 2, 1) },
  // carousel template
  { name: 'carousel 10 columns', ok: [carousel(...Array.from({ length: 10 }, () => column()))], bad: [carousel(...Array.from({ length: 11 }, () => column()))], expected: v(`${tpl}.columns`, 'maxItems', 10, 11) },
  { name: 'carousel 3 actions per column', ok: [carousel(column({ actions: actions(3) }))], bad: [carousel(column({ actions: actions(4) }))], expected: v(`${tpl}.columns[0].actions`, 'maxItems', 3, 4) },
  { name: 'carousel same action count', ok: [carousel(column(), column())], bad: [carousel(column(), column({ actions: actions(1) }))], expected: v(`${tpl}.columns[1].actions`, 'sameActionCount', 2, 1) },
  { name: 'carousel text 120', ok: [carousel(column({ text: thai(120) }))], bad: [carousel(column({ text: thai(121) }))], expected: v(`${tpl}.columns[0].text`, 'maxLength', 120, 121) },
  { name: 'carousel text 60 with title', ok: [carousel(column({ title: 'หัวข้อ', text: thai(60) }))], bad: [carousel(column({ title: 'หัวข้อ', text: thai(61) }))], expected: v(`${tpl}.columns[0].text`, 'maxLength', 60, 61) },
  { name: 'carousel title 40', ok: [carousel(column({ title: thai(40), text: 'ก' }))], bad: [carousel(column({ title: thai(41), text: 'ก' }))], expected: v(`${tpl}.columns[0].title`, 'maxLength', 40, 41) },
  { name: 'image carousel label 12, optional', ok: [imageCarousel(messageAction({ label: thai(12) })), imageCarousel(messageAction({ label: undefined }))], bad: [imageCarousel(messageAction({ label: thai(13) }))], expected: v(`${tpl}.columns[0].action.label`, 'maxLength', 12, 13) },
  // flex sizes
  { name: 'flex bubble 30 KB', ok: [flex(bubbleOfBytes(30_000))], bad: [flex(bubbleOfBytes(30_001))], expected: v(`${m0}.contents`, 'maxBytes', 30_000, 30_001) },
  { name: 'flex carousel 50 KB', ok: [flex(carouselOfBytes(12, 50_000))], bad: [flex(carouselOfBytes(12, 50_001))], expected: v(`${m0}.contents`, 'maxBytes', 50_000, 50_001) },
  { name: 'flex carousel 12 bubbles', ok: [flex({ type: 'carousel', contents: Array.from({ length: 12 }, () => bubble()) })], bad: [flex({ type: 'carousel', contents: Array.from({ length: 13 }, () => bubble()) })], expected: v(`${m0}.contents.contents`, 'maxItems', 12, 13) },
  // flex structure
  { name: 'flex button label 40', ok: [flexButton(postback({ label: thai(40) }))], bad: [flexButton(postback({ label: thai(41) }))], expected: v(`${footerButton}.label`, 'maxLength', 40, 41) },
  { name: 'flex button label required', ok: [flexButton(postback())], bad: [flexButton(postback({ label: undefined }))], expected: v(`${footerButton}.label`, 'required', 'string', 'missing') },
  { name: 'flex button action in nested box', ok: [flex(bubble({ body: vbox(vbox(vbox({ type: 'button', action: postback({ data: 'x'.repeat(300) }) }))) }))], bad: [flex(bubble({ body: vbox(vbox(vbox({ type: 'button', action: postback({ data: 'x'.repeat(301) }) }))) }))], expected: v(`${m0}.contents.body.contents[0].contents[0].contents[0].action.data`, 'maxLength', 300, 301) },
  { name: 'flex text action', ok: [flex(bubble({ body: vbox(flexText('โทร', { action: uriAction('tel:1111') })) }))], bad: [flex(bubble({ body: vbox(flexText('โทร', { action: uriAction('sms:1111') })) }))], expected: v(`${m0}.contents.body.contents[0].action.uri`, 'uriScheme', 'http|https|line|tel', 'sms') },
  { name: 'flex hero image action', ok: [flex(bubble({ hero: { type: 'image', url: 'https://example.com/h.jpg', action: messageAction() } }))], bad: [flex(bubble({ hero: { type: 'image', url: 'https://example.com/h.jpg', action: messageAction({ text: '' }) } }))], expected: v(`${m0}.contents.hero.action.text`, 'minLength', 1, 0) },
  { name: 'flex header must be a box', ok: [flex(bubble({ hero: { type: 'image', url: 'https://example.com/h.jpg' } }))], bad: [flex(bubble({ header: { type: 'image', url: 'https://example.com/h.jpg' } }))], expected: v(`${m0}.contents.header.type`, 'type', 'box', 'image') },
  { name: 'flex header is walked', ok: [flex(bubble({ header: vbox(flexText('หัวข้อ')) }))], bad: [flex(bubble({ header: vbox(flexText('')) }))], expected: v(`${m0}.contents.header.contents[0].text`, 'minLength', 1, 0) },
  { name: 'flex text may use spans instead', ok: [flex(bubble({ body: vbox(flexText('', { contents: [{ type: 'span', text: 'ก' }] })) }))], bad: [flex(bubble({ body: vbox({ type: 'text' }) }))], expected: v(`${m0}.contents.body.contents[0].text`, 'required', 'string', 'missing') },
  { name: 'flex unknown component', ok: [flex(bubble({ body: vbox({ type: 'separator' }) }))], bad: [flex(bubble({ body: vbox({ type: 'marquee' }) }))], expected: v(`${m0}.contents.body.contents[0].type`, 'type', 'box|button|image|video|icon|text|separator|filler', 'marquee') },
  { name: 'flex box layout', ok: [flex(bubble({ body: { type: 'box', layout: 'baseline', contents: [] } }))], bad: [flex(bubble({ body: { type: 'box', layout: 'grid', contents: [] } }))], expected: v(`${m0}.contents.body.layout`, 'allowedValues', 'horizontal|vertical|baseline', 'grid') },
  { name: 'flex bubble needs a block', ok: [flex(bubble())], bad: [flex({ type: 'bubble' })], expected: v(`${m0}.contents`, 'required', 'header|hero|body|footer', 'none') },
  { name: 'flex carousel holds only bubbles', ok: [flex({ type: 'carousel', contents: [bubble()] })], bad: [flex({ type: 'carousel', contents: [{ type: 'carousel', contents: [] }] })], expected: v(`${m0}.contents.contents[0].type`, 'type', 'bubble', 'carousel') },
  { name: 'flex carousel bubbles are walked', ok: [flex({ type: 'carousel', contents: [bubble(), bubble()] })], bad: [flex({ type: 'carousel', contents: [bubble(), bubble({ footer: vbox({ type: 'button', action: { type: 'camera', label: 'ถ่าย' } }) })] })], expected: v(`${m0}.contents.contents[1].footer.contents[0].action.type`, 'placement', 'not allowed in flexButton', 'camera') },
  // postback / message / uri / clipboard actions
  { name: 'postback data 300', ok: [quickReply(postback({ data: 'x'.repeat(300) }))], bad: [quickReply(postback({ data: 'x'.repeat(301) }))], expected: v(`${qr0}.data`, 'maxLength', 300, 301) },
  { name: 'postback data not empty', ok: [quickReply(postback({ data: 'x' }))], bad: [quickReply(postback({ data: '' }))], expected: v(`${qr0}.data`, 'minLength', 1, 0) },
  { name: 'postback displayText 300', ok: [quickReply(postback({ displayText: thai(300) }))], bad: [quickReply(postback({ displayText: thai(301) }))], expected: v(`${qr0}.displayText`, 'maxLength', 300, 301) },
  { name: 'postback text and displayText conflict', ok: [quickReply(postback({ displayText: 'ก' }))], bad: [quickReply(postback({ displayText: 'ก', text: 'ก' }))], expected: v(`${qr0}.text`, 'conflict', 'not with displayText', 'both set') },
  { name: 'message action text 300', ok: [quickReply(messageAction({ text: thai(300) }))], bad: [quickReply(messageAction({ text: thai(301) }))], expected: v(`${qr0}.text`, 'maxLength', 300, 301) },
  { name: 'message action text not empty', ok: [quickReply(messageAction({ text: 'ก' }))], bad: [quickReply(messageAction({ text: '' }))], expected: v(`${qr0}.text`, 'minLength', 1, 0) },
  { name: 'uri 1000', ok: [quickReply(uriAction(`https://e.co/${'a'.repeat(987)}`))], bad: [quickReply(uriAction(`https://e.co/${'a'.repeat(988)}`))], expected: v(`${qr0}.uri`, 'maxLength', 1000, 1001) },
  { name: 'uri scheme line ok, javascript not', ok: [quickReply(uriAction('line://nv/location'))], bad: [quickReply(uriAction('javascript:alert(1)'))], expected: v(`${qr0}.uri`, 'uriScheme', 'http|https|line|tel', 'javascript') },
  { name: 'uri needs a scheme', ok: [quickReply(uriAction('http://example.com'))], bad: [quickReply(uriAction('example.com'))], expected: v(`${qr0}.uri`, 'uriScheme', 'http|https|line|tel', 'none') },
  { name: 'uri altUri.desktop', ok: [flexButton(uriAction('https://a.co', { altUri: { desktop: 'https://b.co' } }))], bad: [flexButton(uriAction('https://a.co', { altUri: { desktop: 'ftp://b.co' } }))], expected: v(`${footerButton}.altUri.desktop`, 'uriScheme', 'http|https|line|tel', 'ftp') },
  { name: 'clipboard text 1000', ok: [quickReply({ type: 'clipboard', label: 'คัดลอก', clipboardText: 'x'.repeat(1000) })], bad: [quickReply({ type: 'clipboard', label: 'คัดลอก', clipboardText: 'x'.repeat(1001) })], expected: v(`${qr0}.clipboardText`, 'maxLength', 1000, 1001) },
  // datetimepicker
  { name: 'picker mode', ok: [quickReply(picker({ mode: 'datetime' }))], bad: [quickReply(picker({ mode: 'week' }))], expected: v(`${qr0}.mode`, 'allowedValues', 'date|time|datetime', 'week') },
  { name: 'picker data required', ok: [quickReply(picker({}))], bad: [quickReply(picker({ data: undefined }))], expected: v(`${qr0}.data`, 'required', 'string', 'missing') },
  { name: 'picker date format', ok: [quickReply(picker({ initial: '2024-02-29' }))], bad: [quickReply(picker({ initial: '2023-02-29' }))], expected: v(`${qr0}.initial`, 'format', 'YYYY-MM-DD', 'malformed') },
  { name: 'picker date lower bound', ok: [quickReply(picker({ min: '1900-01-01' }))], bad: [quickReply(picker({ min: '1899-12-31' }))], expected: v(`${qr0}.min`, 'range', '1900-01-01..2100-12-31', 'out of range') },
  { name: 'picker date upper bound', ok: [quickReply(picker({ max: '2100-12-31' }))], bad: [quickReply(picker({ max: '2101-01-01' }))], expected: v(`${qr0}.max`, 'range', '1900-01-01..2100-12-31', 'out of range') },
  { name: 'picker Buddhist-era year is out of range', ok: [quickReply(picker({ initial: '2024-05-01' }))], bad: [quickReply(picker({ initial: '2567-05-01' }))], expected: v(`${qr0}.initial`, 'range', '1900-01-01..2100-12-31', 'out of range') },
  { name: 'picker time format', ok: [quickReply(picker({ mode: 'time', initial: '23:59' }))], bad: [quickReply(picker({ mode: 'time', initial: '24:00' }))], expected: v(`${qr0}.initial`, 'format', 'HH:mm', 'malformed') },
  { name: 'picker datetime format (lowercase t ok)', ok: [quickReply(picker({ mode: 'datetime', initial: '2024-05-01t09:30' }))], bad: [quickReply(picker({ mode: 'datetime', initial: '2024-05-01 09:30' }))], expected: v(`${qr0}.initial`, 'format', 'YYYY-MM-DDTHH:mm', 'malformed') },
  { name: 'picker value must match mode', ok: [quickReply(picker({ mode: 'date', initial: '2024-05-01' }))], bad: [quickReply(picker({ mode: 'date', initial: '2024-05-01T09:30' }))], expected: v(`${qr0}.initial`, 'format', 'YYYY-MM-DD', 'malformed') },
  { name: 'picker max > min', ok: [quickReply(picker({ min: '2024-01-01', max: '2024-01-02' }))], bad: [quickReply(picker({ min: '2024-01-02', max: '2024-01-02' }))], expected: v(`${qr0}.max`, 'order', 'max > min', 'max <= min') },
  { name: 'picker max > min (datetime, mixed case T)', ok: [quickReply(picker({ mode: 'datetime', min: '2024-01-01t09:00', max: '2024-01-01T10:00' }))], bad: [quickReply(picker({ mode: 'datetime', min: '2024-01-01t10:00', max: '2024-01-01T09:00' }))], expected: v(`${qr0}.max`, 'order', 'max > min', 'max <= min') },
  // location, sticker
  { name: 'location title 100', ok: [location({ title: thai(100) })], bad: [location({ title: thai(101) })], expected: v(`${m0}.title`, 'maxLength', 100, 101) },
  { name: 'location address 100', ok: [location({ address: thai(100) })], bad: [location({ address: thai(101) })], expected: v(`${m0}.address`, 'maxLength', 100, 101) },
  { name: 'latitude range', ok: [location({ latitude: 90 })], bad: [location({ latitude: 90.5 })], expected: v(`${m0}.latitude`, 'range', '-90..90', 'out of range') },
  { name: 'longitude range', ok: [location({ longitude: -180 })], bad: [location({ longitude: -180.5 })], expected: v(`${m0}.longitude`, 'range', '-180..180', 'out of range') },
  { name: 'sticker ids present', ok: [{ type: 'sticker', packageId: '446', stickerId: '1988' }], bad: [{ type: 'sticker', packageId: '446', stickerId: '' }], expected: v(`${m0}.stickerId`, 'minLength', 1, 0) },
];

describe('checkMessages limit table', () => {
  it.each(limitCases)('$name: inside the limit passes', ({ ok }) => {
    expect(check(...ok)).toEqual([]);
  });

  it.each(limitCases)('$name: outside the limit is reported', ({ bad, expected }) => {
    expect(check(...bad)).toEqual([expected]);
  });
});

describe('checkMessages', () => {
  it('reports every violation, across messages', () => {
    const problems = check(text(''), quickReply(postback({ label: thai(21), data: '' })));
    expect(problems.map((p) => p.path)).toEqual([
      'messages[0].text',
      'messages[1].quickReply.items[0].action.label',
      'messages[1].quickReply.items[0].action.data',
    ]);
  });

  it('measures Flex size in UTF-8 bytes, so Thai text costs 3 bytes a character', () => {
    const problems = check(flex(bubble({ body: vbox(flexText(thai(10_000))) })));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'messages[0].contents', rule: 'maxBytes' });
    expect(problems[0]?.actual).toBeGreaterThan(30_000);
  });
});

describe('assertValidMessages', () => {
  it('passes valid messages silently', () => {
    expect(() => assertValidMessages(asMessages(text('สวัสดีค่ะ'), flex(bubble())))).not.toThrow();
  });

  it('throws LineMessageLimitError listing each violation', () => {
    let caught: unknown;
    try {
      assertValidMessages(asMessages(text(''), buttons({ title: thai(41) })));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LineMessageLimitError);
    const error = caught as LineMessageLimitError;
    expect(error.violations).toHaveLength(2);
    expect(error.message).toContain('messages[0].text: minLength (limit 1, actual 0)');
    expect(error.message).toContain('messages[1].template.title: maxLength (limit 40, actual 41)');
  });

  it('never puts message content in the error (it may hold personal data)', () => {
    const phone = '0812345678';
    const longText = `${phone} `.repeat(600);
    const act = () => assertValidMessages(asMessages(text(longText), quickReply(picker({ initial: '1899-01-01' }))));
    expect(act).toThrow(LineMessageLimitError);
    expect(act).not.toThrow(phone);
    expect(act).not.toThrow('1899');
  });
});

describe('utf16Length', () => {
  it.each([
    ['abc', 3],
    ['ก่', 2],
    ['ผู้สูงอายุ', 10],
    ['😀', 2],
    ['👨‍👩‍👧', 8],
  ])('%s has %i UTF-16 units', (s, units) => {
    expect(utf16Length(s)).toBe(units);
  });
});

describe('truncateLabel', () => {
  it.each([
    { s: 'ลงทะเบียน', max: 20, out: 'ลงทะเบียน' },
    { s: 'abcde', max: 5, out: 'abcde' },
    { s: 'abcdef', max: 5, out: 'abcd…' },
    { s: 'ab😀cd', max: 4, out: 'ab…' },
    { s: 'ab😀cd', max: 5, out: 'ab😀…' },
    { s: 'ที่อยู่', max: 6, out: 'ที่อ…' },
    { s: 'ที่อยู่', max: 5, out: 'ที่อ…' },
    { s: 'ที่อยู่', max: 4, out: 'ที่…' },
    { s: 'ที่อยู่', max: 3, out: '…' },
    { s: 'เบี้ยยังชีพ', max: 5, out: 'เบี้…' },
    { s: 'เบี้ยยังชีพ', max: 2, out: '…' },
    { s: 'ยื่น คำขอ', max: 6, out: 'ยื่น…' },
    { s: 'abc', max: 1, out: '…' },
    { s: 'abc', max: 0, out: '' },
  ])('truncateLabel($s, $max) = $out', ({ s, max, out }) => {
    expect(truncateLabel(s, max)).toBe(out);
  });

  const thaiLabels = ['ผู้สูงอายุ', 'ค่าเบี้ยยังชีพผู้พิการ 😀👍', 'เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด', 'นัดหมายเจ้าหน้าที่'];
  const lastKept = (result: string): number => result.charCodeAt(result.length - 2);
  const isThaiMark = (code: number): boolean => code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e);

  it.each(thaiLabels)('fits, is a prefix and never cuts inside a cluster: %s', (label) => {
    for (let max = 1; max < utf16Length(label); max++) {
      const result = truncateLabel(label, max);
      expect(utf16Length(result)).toBeLessThanOrEqual(max);
      expect(result.endsWith('…')).toBe(true);
      expect(label.startsWith(result.slice(0, -1))).toBe(true);
      const nextUnit = label.charCodeAt(result.length - 1);
      expect(isThaiMark(nextUnit), `cut before a combining mark at max=${max}`).toBe(false);
      expect(nextUnit >= 0xdc00 && nextUnit <= 0xdfff, `split surrogate pair at max=${max}`).toBe(false);
      expect(lastKept(result) >= 0x0e40 && lastKept(result) <= 0x0e44, `orphaned leading vowel at max=${max}`).toBe(false);
    }
  });

  it('produces labels that pass the quick-reply limit', () => {
    const label = truncateLabel('ขอรับเบี้ยยังชีพผู้สูงอายุรายใหม่', LINE_LIMITS.quickReplyLabel);
    expect(check(quickReply(postback({ label })))).toEqual([]);
  });
});
