// What every event handler receives. Handlers turn one LINE event into the reply messages; `prepare`
// does any network work (profile lookup, a photo's download) before the transaction, `handle` runs
// inside it. A prepare that throws RetryLater (attachments/receive.ts) leaves the event pending, to be
// tried again with backoff; its last attempt is told so (`lastAttempt`) and must not throw it.
import type { webhook } from '@line/bot-sdk';
import type { AttachmentSettings } from '../attachments/receive';
import type { Sql } from '../db/sql';
import type { Engine } from '../flows/engine';
import type { Services } from '../flows/types';
import type { LineApi } from '../line/client';
import type { Message } from '../line/messages';
import type { OfficeProfile } from '../office/profile';

export interface HandlerContext {
  tx: Sql;
  now: Date;
  engine: Engine;
  services: Services;
}

export interface PrepareContext {
  line: LineApi;
  /** The database outside any transaction: reads, and single statements that must outlive a failed turn. */
  db: Sql;
  engine: Engine;
  services: Services;
  now: Date;
  attachments: AttachmentSettings;
  /** No attempt comes after this one. */
  lastAttempt: boolean;
}

export interface EventHandler<E extends webhook.Event = webhook.Event, P = unknown> {
  prepare?(event: E, ctx: PrepareContext): Promise<P>;
  /** Whether this event has anything to prepare (default: every event does, when there is a prepare). */
  needsPrepare?(event: E): boolean;
  handle(event: E, ctx: HandlerContext, prepared: P): Promise<Message[]>;
}

export function userIdOf(event: webhook.Event): string | undefined {
  return event.source?.type === 'user' ? event.source.userId : undefined;
}

/**
 * One office the deployment serves: its profile, its LINE channel (the secret checks its webhooks,
 * the client sends its messages) and the services its turns run with (its staff, its profile).
 */
export interface Office {
  id: string;
  profile: OfficeProfile;
  channelSecret: string;
  channelAccessToken: string;
  line: LineApi;
  services: Services;
}
