// Unfollow (the user blocked the bot): remember it, so nothing more is sent to them.
import type { webhook } from '@line/bot-sdk';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markBlocked } from './users';

export const unfollowHandler: EventHandler<webhook.UnfollowEvent> = {
  async handle(event, { tx, now, services }) {
    const userId = userIdOf(event);
    if (userId) await markBlocked(tx, services.office.id, userId, now.getTime());
    return [];
  },
};
