// POST /webhook/<office> (or POST /webhook: the only office, or with several the one whose bot is the
// body's `destination`): verify the signature on the raw bytes with that office's channel secret,
// check the envelope and each event at the door, store every event in the inbox (a duplicate webhookEventId is a no-op; a malformed or
// replayed one is stored as refused), answer 200 at once, and let the per-user queue do the
// work after. Every refusal leaves one log line, without personal data.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Sql } from '../db/sql';
import { storeEvents } from '../db/inbox';
import { signatureMatches } from '../line/signature';
import { log } from '../log';
import type { Dispatcher } from './dispatcher';
import { envelopeSchema, screenEvent } from './webhook-input';

export interface WebhookOptions {
  db: Sql;
  /** Every office served; the one a request is for is found by path or destination. */
  offices: readonly WebhookOffice[];
  dispatcher: Dispatcher;
  now: () => Date;
}

export interface WebhookOffice {
  id: string;
  channelSecret: string;
  /** LINE's `destination` for this office's channel (its bot's user id), when known. */
  botUserId?: string;
}

/** LINE's batches are a few kilobytes; anything this large is not from LINE and is not read. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The unread rest of a refused body would be parsed as the next request: close the connection. */
function tooLarge(c: Context): Response {
  log.warn('webhook rejected: body too large', { limit: MAX_BODY_BYTES, declared: Number(c.req.header('content-length')) || undefined });
  c.header('Connection', 'close');
  return c.text('body too large', 413);
}

/** The body as JSON, or undefined. */
function parse(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * POST /webhook without an office: the only office; with several, the one whose bot LINE names as
 * the body's `destination` (read before the signature is checked, to know which secret checks it;
 * nothing else of the body is used until it is).
 */
function officeByDestination(offices: readonly WebhookOffice[], json: unknown): WebhookOffice | undefined {
  if (offices.length === 1) return offices[0];
  const destination = (json as { destination?: unknown } | undefined)?.destination;
  return typeof destination === 'string' ? offices.find((office) => office.botUserId === destination) : undefined;
}

export function mountWebhook(app: Hono, options: WebhookOptions): void {
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  const byId = new Map(options.offices.map((office) => [office.id, office]));
  app.post('/webhook/:office', limit, async (c) => {
    const office = byId.get(c.req.param('office'));
    if (!office) {
      log.warn('webhook rejected: no such office in the path', { bytes: Number(c.req.header('content-length')) || undefined });
      return c.text('unknown office', 404);
    }
    return receive(c, office, Buffer.from(await c.req.arrayBuffer()));
  });
  app.post('/webhook', limit, async (c) => {
    const raw = Buffer.from(await c.req.arrayBuffer());
    const office = officeByDestination(options.offices, options.offices.length === 1 ? undefined : parse(raw));
    if (!office) {
      log.warn('webhook rejected: no office has this destination; use /webhook/<office>', { bytes: raw.length });
      return c.text('unknown office', 404);
    }
    return receive(c, office, raw);
  });

  async function receive(c: Context, office: WebhookOffice, raw: Buffer): Promise<Response> {
    if (!signatureMatches(raw, office.channelSecret, c.req.header('x-line-signature'))) {
      log.warn('webhook rejected: bad or missing signature', { bytes: raw.length, office: office.id });
      return c.text('invalid signature', 401);
    }
    const json = parse(raw);
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      // Signed by LINE but not a batch: a 400 (not a 500, which LINE would redeliver for ever).
      log.warn('webhook rejected: malformed body', { bytes: raw.length, json: json !== undefined });
      return c.text('body is not a webhook batch', 400);
    }
    const now = options.now().getTime();
    const screened = envelope.data.events.map((event) => screenEvent(event, now));
    if (screened.length > 0) {
      // Only a failure to store can throw here (disk full, database gone). That one answer is a 500
      // on purpose: nothing was kept, so LINE's redelivery is what saves the events. Errors while
      // handling an event happen later, in the queue, and never reach LINE.
      const added = await storeEvents(options.db, office.id, screened, now);
      log.info('webhook stored', { events: screened.length, added, office: office.id });
      for (const { refused, type, eventId } of screened) {
        if (refused) log.warn('webhook event refused', { reason: refused.reason, type, event: eventId, detail: refused.detail });
      }
      const ahead = Math.max(0, ...screened.map((item) => item.aheadMs ?? 0));
      // Taken all the same (LINE signed it); an operator should set the server's clock right.
      if (ahead > 0) log.warn('webhook events dated ahead of our clock: is the server clock behind?', { minutes: Math.round(ahead / 60_000) });
      const accepted = screened.filter((item) => !item.refused);
      // Each chat's worker is told how many of its events came, so it reads the inbox no more than that.
      const perChat = new Map<string, number>();
      for (const { chatKey } of accepted) perChat.set(chatKey, (perChat.get(chatKey) ?? 0) + 1);
      if (perChat.size > 0) options.dispatcher.kick([...perChat].map(([chatKey, events]) => ({ officeId: office.id, chatKey, events })));
    }
    return c.json({ ok: true });
  }
}
