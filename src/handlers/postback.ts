// Postback events: a tapped button (its data, and the picked date for the date picker).
import type { webhook } from '@line/bot-sdk';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

export const postbackHandler: EventHandler<webhook.PostbackEvent> = {
  async handle(event, { tx, now, engine, services }) {
    const userId = userIdOf(event);
    if (!userId) return [];
    await markActive(tx, services.office.id, userId, now.getTime());
    // A postback without its data (not from LINE's own buttons) is answered as a stale button.
    const postback = event.postback as { data?: unknown; params?: unknown } | undefined;
    const data = typeof postback?.data === 'string' ? postback.data : '';
    const params = typeof postback?.params === 'object' && postback.params !== null ? (postback.params as { date?: string; time?: string; datetime?: string }) : undefined;
    return engine.handle(tx, userId, { kind: 'postback', data, params }, now, services);
  },
};
