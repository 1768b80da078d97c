// Proves the spec validator in tests/support/line-spec.ts works: typical requests the bot sends pass,
// and the classic mistakes (which the raw spec lets through without the discriminator rewrite) fail.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SPEC_MISSING_MESSAGE,
  expectValidLineRequest,
  specAvailable,
  specPath,
  validateAgainstSpec,
  type LineRequestKind,
} from '../support/line-spec';

const replyToken = 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTA';
const userId = 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa';
const reply = (...messages: unknown[]) => ({ replyToken, messages });

const textWithQuickReply = {
  type: 'text',
  text: 'ต้องการทำรายการใดคะ',
  quickReply: {
    items: [
      { type: 'action', action: { type: 'postback', label: 'เบี้ยยังชีพ', data: 'menu=allowance', displayText: 'เบี้ยยังชีพ' } },
      { type: 'action', action: { type: 'message', label: 'ติดต่อเจ้าหน้าที่', text: 'ติดต่อเจ้าหน้าที่' } },
      {
        type: 'action',
        action: { type: 'datetimepicker', label: 'เลือกวันนัด', data: 'book=date', mode: 'date', initial: '2025-06-02', min: '2025-06-02', max: '2025-07-31' },
      },
    ],
  },
};

const flexBubble = {
  type: 'bubble',
  header: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'เบี้ยยังชีพผู้สูงอายุ', weight: 'bold' }] },
  hero: { type: 'image', url: 'https://example.com/hero.png', size: 'full', aspectRatio: '20:13', aspectMode: 'cover' },
  body: {
    type: 'box',
    layout: 'vertical',
    spacing: 'sm',
    contents: [
      { type: 'text', text: 'อายุ 60 ปีขึ้นไป ยื่นได้ที่สำนักงานค่ะ', wrap: true },
      { type: 'separator' },
      { type: 'box', layout: 'baseline', contents: [{ type: 'text', text: 'โทร', flex: 1 }, { type: 'text', text: '02-000-0000', flex: 3 }] },
    ],
  },
  footer: {
    type: 'box',
    layout: 'vertical',
    contents: [
      { type: 'button', style: 'primary', action: { type: 'postback', label: 'ยื่นคำขอ', data: 'apply=allowance' } },
      { type: 'button', style: 'link', action: { type: 'uri', label: 'โทรหาเจ้าหน้าที่', uri: 'tel:020000000' } },
    ],
  },
};

const flexMessage = { type: 'flex', altText: 'เบี้ยยังชีพผู้สูงอายุ', contents: flexBubble };
const flexCarouselMessage = { type: 'flex', altText: 'สวัสดิการทั้งหมด', contents: { type: 'carousel', contents: [flexBubble, flexBubble] } };
const locationMessage = { type: 'location', title: 'สำนักงานเทศบาล', address: '99 ถนนหลัก', latitude: 13.7563, longitude: 100.5018 };
const buttonsTemplate = {
  type: 'template',
  altText: 'เลือกบริการค่ะ',
  template: {
    type: 'buttons',
    title: 'บริการ',
    text: 'เลือกได้เลยค่ะ',
    actions: [
      { type: 'postback', label: 'นัดหมาย', data: 'book' },
      { type: 'uri', label: 'เว็บไซต์', uri: 'https://example.com' },
    ],
  },
};
const confirmTemplate = {
  type: 'template',
  altText: 'ยืนยันนัดหมายไหมคะ',
  template: {
    type: 'confirm',
    text: 'ยืนยันนัดหมายวันที่ 2 มิ.ย. ไหมคะ',
    actions: [
      { type: 'postback', label: 'ยืนยัน', data: 'confirm=yes' },
      { type: 'postback', label: 'ยกเลิก', data: 'confirm=no' },
    ],
  },
};
const richMenu = {
  size: { width: 2500, height: 843 },
  selected: true,
  name: 'main-menu',
  chatBarText: 'เมนู',
  areas: [
    { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: 'postback', label: 'สวัสดิการ', data: 'menu=welfare' } },
    { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: 'richmenuswitch', richMenuAliasId: 'menu-b', data: 'switch=b' } },
  ],
};

const goodRequests: Array<{ name: string; kind: LineRequestKind; body: unknown }> = [
  { name: 'text with postback/message/datetimepicker quick replies', kind: 'reply', body: reply(textWithQuickReply) },
  { name: 'flex bubble with header/hero/body/footer and buttons', kind: 'reply', body: reply(flexMessage) },
  { name: 'flex carousel', kind: 'push', body: { to: userId, messages: [flexCarouselMessage] } },
  { name: 'location message', kind: 'reply', body: reply(locationMessage) },
  { name: 'buttons template', kind: 'reply', body: reply(buttonsTemplate) },
  { name: 'confirm template', kind: 'multicast', body: { to: [userId], messages: [confirmTemplate] } },
  { name: 'five messages at once', kind: 'reply', body: reply(textWithQuickReply, flexMessage, locationMessage, buttonsTemplate, confirmTemplate) },
  { name: 'rich menu request', kind: 'richmenu', body: richMenu },
  { name: 'loading animation', kind: 'loading', body: { chatId: userId, loadingSeconds: 20 } },
];

const quickReplyItem = { type: 'action', action: { type: 'message', label: 'ค่ะ', text: 'ค่ะ' } };

const badRequests: Array<{ name: string; kind: LineRequestKind; body: unknown; error: string }> = [
  { name: 'text message without text', kind: 'reply', body: reply({ type: 'text' }), error: "/messages/0 must have required property 'text'" },
  { name: 'unknown message type', kind: 'reply', body: reply({ type: 'bogus', text: 'x' }), error: '/messages/0/type must be equal to one of the allowed values' },
  {
    name: 'unknown flex component',
    kind: 'reply',
    body: reply({ ...flexMessage, contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'marquee', text: 'x' }] } } }),
    error: '/messages/0/contents/body/contents/0/type must be equal to one of the allowed values',
  },
  {
    name: '14 quick reply items',
    kind: 'reply',
    body: reply({ type: 'text', text: 'ค่ะ', quickReply: { items: Array.from({ length: 14 }, () => quickReplyItem) } }),
    error: '/messages/0/quickReply/items must NOT have more than 13 items',
  },
  {
    name: 'postback data of 301 chars',
    kind: 'push',
    body: { to: userId, messages: [{ ...buttonsTemplate, template: { ...buttonsTemplate.template, actions: [{ type: 'postback', label: 'x', data: 'd'.repeat(301) }] } }] },
    error: '/messages/0/template/actions/0/data must NOT have more than 300 characters',
  },
  {
    name: 'datetimepicker mode "week"',
    kind: 'reply',
    body: reply({ type: 'text', text: 'ค่ะ', quickReply: { items: [{ type: 'action', action: { type: 'datetimepicker', label: 'วัน', data: 'd', mode: 'week' } }] } }),
    error: '/messages/0/quickReply/items/0/action/mode must be equal to one of the allowed values (date, time, datetime)',
  },
  { name: '6 messages', kind: 'reply', body: reply(...Array.from({ length: 6 }, () => locationMessage)), error: '/messages must NOT have more than 5 items' },
  { name: 'flex message without contents', kind: 'reply', body: reply({ type: 'flex', altText: 'x' }), error: "/messages/0 must have required property 'contents'" },
  { name: 'rich menu chat bar text of 15 chars', kind: 'richmenu', body: { ...richMenu, chatBarText: 'ก'.repeat(15) }, error: '/chatBarText must NOT have more than 14 characters' },
  { name: 'loading for 3 seconds', kind: 'loading', body: { chatId: userId, loadingSeconds: 3 }, error: '/loadingSeconds must be >= 5' },
];

describe('LINE OpenAPI spec file', () => {
  it('is looked up at ../shared/line-openapi/messaging-api.yml (and reported plainly when missing)', () => {
    if (!specAvailable) console.warn(SPEC_MISSING_MESSAGE);
    expect(specPath.endsWith(path.join('line-openapi', 'messaging-api.yml'))).toBe(true);
    expect(SPEC_MISSING_MESSAGE).toContain(specPath);
  });

  it('expectValidLineRequest still enforces the message limits without the spec', () => {
    const overLimit = reply({ type: 'text', text: 'ก'.repeat(5001) });
    expect(() => expectValidLineRequest('reply', overLimit)).toThrow('messages[0].text: maxLength (limit 5000, actual 5001)');
  });
});

describe.skipIf(!specAvailable)('spec conformance (line/line-openapi messaging-api.yml)', () => {
  it.each(goodRequests)('accepts: $name', ({ kind, body }) => {
    expect(validateAgainstSpec(kind, body)).toEqual([]);
    expect(() => expectValidLineRequest(kind, body)).not.toThrow();
  });

  it.each(badRequests)('rejects: $name', ({ kind, body, error }) => {
    const errors = validateAgainstSpec(kind, body);
    expect(errors.some((e) => e.startsWith(error)), `expected "${error}" among:\n${errors.join('\n')}`).toBe(true);
    expect(() => expectValidLineRequest(kind, body)).toThrow(error);
  });

  it('reports only the failing branch, not the discriminator plumbing', () => {
    const errors = validateAgainstSpec('reply', reply({ type: 'text' }));
    expect(errors).toEqual(["/messages/0 must have required property 'text'"]);
  });

  it('is fast enough to run on every message in every test', () => {
    const body = reply(textWithQuickReply, flexMessage);
    validateAgainstSpec('reply', body);
    const started = performance.now();
    for (let i = 0; i < 200; i++) validateAgainstSpec('reply', body);
    expect((performance.now() - started) / 200).toBeLessThan(5);
  });
});
