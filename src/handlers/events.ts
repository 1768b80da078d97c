// Picks the handler for an event type. Unknown types (LINE adds new ones without notice) are ignored.
import type { webhook } from '@line/bot-sdk';
import { followHandler } from './follow';
import { joinHandler } from './join';
import { messageHandler } from './message';
import { postbackHandler } from './postback';
import type { EventHandler } from './types';
import { unfollowHandler } from './unfollow';

// Each handler is written for its own event type; the table is keyed by that type, so the cast is safe.
const erase = <E extends webhook.Event, P>(handler: EventHandler<E, P>) => handler as unknown as EventHandler;

const handlers: Record<string, EventHandler> = {
  follow: erase(followHandler),
  unfollow: erase(unfollowHandler),
  message: erase(messageHandler),
  postback: erase(postbackHandler),
  join: erase(joinHandler),
};

export function handlerFor(event: webhook.Event): EventHandler | undefined {
  // Messages from groups and rooms are not for this bot: it serves people one to one.
  if (event.type === 'message' && event.source?.type !== 'user') return undefined;
  return handlers[event.type];
}

/** A reply token worth using: absent in standby mode; LINE's old console check sent all-0/all-f dummies. */
export function usableReplyToken(event: webhook.Event): string | undefined {
  const token = 'replyToken' in event ? (event.replyToken as string | undefined) : undefined;
  return token && !/^(.)\1*$/.test(token) ? token : undefined;
}
