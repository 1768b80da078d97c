// The simulator's server side: pretend users send events that are signed with the channel secret
// and posted to the bot's own /webhook (the same pipeline LINE uses); the bot's messages are read
// back from the fake LINE API. Served only when the config enables it (by default: no credentials).
// With several offices the page picks one: events go to that office's /webhook/<id>, signed with its
// pretend channel secret, and the page reads what that office's channel sent.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { FakeLine } from '../line/fake';
import { signatureOf } from '../line/signature';
import { simulatorPageHtml } from './page';

const userId = z.string().regex(/^U[0-9a-f]{32}$/, 'userId must look like a LINE user id');
/** A picture or file picked in the page, as base64 (up to about 15 MB of content). */
const base64Content = z.string().max(20_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'content must be base64');
/** What the 🖼️ button and the camera chips send when no picture is picked: a 2×2 green PNG. */
const SAMPLE_PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGPQ6w4HIgYIBQAdKgRBwvFrKQAAAABJRU5ErkJggg==', 'base64');
const sendSchema = z.object({
  userId,
  /** The office to talk to (several offices); the first when absent. */
  office: z.string().optional(),
  displayName: z.string().trim().min(1).max(60).default('ผู้ใช้ทดลอง'),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(5000) }),
    z.object({
      type: z.literal('postback'),
      data: z.string().min(1).max(300),
      params: z.object({ date: z.string().optional(), time: z.string().optional(), datetime: z.string().optional() }).optional(),
      displayText: z.string().optional(),
    }),
    z.object({ type: z.enum(['sticker', 'audio', 'video']) }),
    // The content is served by the fake LINE's data API under the event's message id, as LINE would.
    z.object({ type: z.literal('image'), content: base64Content.optional(), contentType: z.string().max(100).optional() }),
    z.object({ type: z.literal('file'), fileName: z.string().trim().min(1).max(255), content: base64Content, contentType: z.string().max(100).optional() }),
    z.object({ type: z.literal('location'), title: z.string().optional(), address: z.string().optional(), latitude: z.number(), longitude: z.number() }),
    z.object({ type: z.enum(['follow', 'unfollow']) }),
  ]),
});

type SimEvent = z.infer<typeof sendSchema>['event'];

export interface SimulatorOffice {
  id: string;
  name: string;
  channelSecret: string;
}

export interface SimulatorOptions {
  fake: FakeLine;
  /** Every office served, the first one shown first. */
  offices: readonly SimulatorOffice[];
  /** Posts a signed webhook for one office into the same app (in-process, through the real route). */
  deliver: (body: string, signature: string, office: string) => Promise<Response>;
  now: () => Date;
}

export function mountSimulator(app: Hono, options: SimulatorOptions): void {
  const users = new Map<string, string>();
  const first = options.offices[0]!;
  const officeOf = (id: string | undefined) => (id === undefined ? first : options.offices.find((office) => office.id === id));

  app.get('/', (c) => c.redirect('/simulator'));
  app.get('/simulator', (c) => c.html(simulatorPageHtml()));

  app.get('/simulator/api/info', (c) =>
    c.json({
      officeName: first.name,
      users: [...users].map(([id, displayName]) => ({ userId: id, displayName })),
      // Only with several: a single office's page looks as it always has.
      ...(options.offices.length > 1 ? { offices: options.offices.map(({ id, name }) => ({ id, name })) } : {}),
    }),
  );

  app.get('/simulator/api/messages', (c) => {
    const parsed = userId.safeParse(c.req.query('userId'));
    if (!parsed.success) return c.json({ error: 'userId is required' }, 400);
    const office = officeOf(c.req.query('office'));
    if (!office) return c.json({ error: 'no such office' }, 400);
    const after = Number(c.req.query('after') ?? 0) || 0;
    const items = options.fake.sentAfter(parsed.data, after, office.id).flatMap((record) =>
      record.messages.map((message) => ({ seq: record.seq, at: record.at, via: record.via, message })),
    );
    return c.json({ items });
  });

  app.post('/simulator/api/send', async (c) => {
    const parsed = sendSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => i.message).join('; ') }, 400);
    const { userId: id, displayName, event } = parsed.data;
    const office = officeOf(parsed.data.office);
    if (!office) return c.json({ error: 'no such office' }, 400);
    users.set(id, displayName);
    options.fake.setProfile(id, displayName);
    const body = JSON.stringify({ destination: 'U' + '0'.repeat(32), events: [toWebhookEvent(id, event, office.id, options)] });
    const signature = signatureOf(body, office.channelSecret);
    const response = await options.deliver(body, signature, office.id);
    return c.json({ ok: response.ok, status: response.status });
  });
}

function toWebhookEvent(userIdValue: string, event: SimEvent, office: string, options: SimulatorOptions): Record<string, unknown> {
  const common = {
    webhookEventId: randomUUID(),
    timestamp: options.now().getTime(),
    mode: 'active',
    source: { type: 'user', userId: userIdValue },
    deliveryContext: { isRedelivery: false },
  };
  const replyToken = () => options.fake.issueReplyToken(userIdValue, office);
  const messageId = () => String(Date.now()) + randomBytes(2).readUInt16BE(0);
  switch (event.type) {
    case 'follow':
      return { ...common, type: 'follow', replyToken: replyToken(), follow: { isUnblocked: false } };
    case 'unfollow':
      return { ...common, type: 'unfollow' };
    case 'postback':
      return { ...common, type: 'postback', replyToken: replyToken(), postback: { data: event.data, ...(event.params ? { params: event.params } : {}) } };
    case 'text':
      return { ...common, type: 'message', replyToken: replyToken(), message: { type: 'text', id: messageId(), quoteToken: 'q', text: event.text } };
    case 'location': {
      const { type: _type, ...place } = event;
      return { ...common, type: 'message', replyToken: replyToken(), message: { type: 'location', id: messageId(), ...place } };
    }
    case 'image': {
      const id = messageId();
      const content = event.content === undefined ? SAMPLE_PICTURE : Buffer.from(event.content, 'base64');
      options.fake.setContent(id, content, event.contentType ?? 'image/png');
      return { ...common, type: 'message', replyToken: replyToken(), message: { type: 'image', id, quoteToken: 'q', contentProvider: { type: 'line' } } };
    }
    case 'file': {
      const id = messageId();
      const content = Buffer.from(event.content, 'base64');
      options.fake.setContent(id, content, event.contentType || 'application/octet-stream');
      return { ...common, type: 'message', replyToken: replyToken(), message: { type: 'file', id, fileName: event.fileName, fileSize: content.length } };
    }
    case 'sticker':
      return {
        ...common,
        type: 'message',
        replyToken: replyToken(),
        message: { type: 'sticker', id: messageId(), packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: 'q' },
      };
    default:
      return { ...common, type: 'message', replyToken: replyToken(), message: { type: event.type, id: messageId(), contentProvider: { type: 'line' } } };
  }
}
