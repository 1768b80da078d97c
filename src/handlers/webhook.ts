// POST /webhook: verify the signature on the raw bytes, store every event in the inbox (a duplicate
// webhookEventId is a no-op), answer 200 at once, and let the per-user queue do the work after.
import { validateSignature, type webhook } from '@line/bot-sdk';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../db/client';
import { chatKeyOf, storeEvents } from '../db/inbox';
import { log } from '../log';
import type { Dispatcher } from './dispatcher';

export interface WebhookOptions {
  db: Db;
  channelSecret: string;
  dispatcher: Dispatcher;
  now: () => Date;
}

/** LINE's batches are a few kilobytes; anything this large is not from LINE and is not read. */
const MAX_BODY_BYTES = 1024 * 1024;

export function mountWebhook(app: Hono, options: WebhookOptions): void {
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('body too large', 413) });
  app.post('/webhook', limit, async (c) => {
    const signature = c.req.header('x-line-signature');
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (!signature || !validateSignature(raw, options.channelSecret, signature)) {
      log.warn('webhook rejected: bad or missing signature', { bytes: raw.length });
      return c.text('invalid signature', 401);
    }
    let body: webhook.CallbackRequest;
    try {
      body = JSON.parse(raw.toString('utf8')) as webhook.CallbackRequest;
    } catch {
      return c.text('body is not JSON', 400);
    }
    const events = Array.isArray(body.events) ? body.events : [];
    if (events.length > 0) {
      // Only a failure to store can throw here (disk full, database gone). That one answer is a 500
      // on purpose: nothing was kept, so LINE's redelivery is what saves the events. Errors while
      // handling an event happen later, in the queue, and never reach LINE.
      const added = storeEvents(options.db, events, options.now().getTime());
      log.info('webhook stored', { events: events.length, added });
      options.dispatcher.kick(new Set(events.map(chatKeyOf)));
    }
    return c.json({ ok: true });
  });
}
