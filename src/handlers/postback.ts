// Postback events: a tapped button (its data, and the picked date for the date picker).
import type { webhook } from '@line/bot-sdk';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

export const postbackHandler: EventHandler<webhook.PostbackEvent> = {
  handle(event, { tx, now, engine, services }) {
    const userId = userIdOf(event);
    if (!userId) return [];
    markActive(tx, userId, now.getTime());
    const params = event.postback.params as { date?: string; time?: string; datetime?: string } | undefined;
    return engine.handle(tx, userId, { kind: 'postback', data: event.postback.data, params }, now, services);
  },
};
