// What the webhook accepts, checked at the door with zod: the envelope must be an object with an
// `events` array (else 400), and each event must carry what the queue relies on — a string
// webhookEventId, a type, a numeric timestamp, a usable source. The schemas stay loose: unknown event
// and message types, and fields the code does not read, pass through untouched (invariant 5).
// An event that fails, or is older than the de-duplication window (a replay), is stored as refused —
// never acted on — and the rest of the batch goes on. An event dated ahead of our clock is taken (the
// signature says LINE sent it, so our clock is behind) and the skew is logged.
import { createHash } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import { chatKeyOf, type StoredEvent } from '../db/inbox';
import { RETENTION } from '../db/retention';

const DAY_MS = 86_400_000;
/** Further ahead of our clock than this, an event is still taken, but the skew is logged. */
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;
/**
 * A captured request sent again would run again once its id is forgotten. Ids are kept until both
 * the day they were received and the event's own timestamp are RETENTION.inboxDays old
 * (src/db/retention.ts), so refusing every event older than that leaves no gap — whatever the skew
 * between LINE's clock and ours. LINE's own redeliveries come within minutes or hours.
 */
export const REPLAY_AFTER_MS = RETENTION.inboxDays * DAY_MS;

export const envelopeSchema = z.looseObject({ destination: z.string().optional(), events: z.array(z.unknown()) });

const id = z.string().min(1).max(200);
const sourceSchema = z
  .looseObject({ type: z.string(), userId: id.optional(), groupId: id.optional(), roomId: id.optional() })
  .refine((s) => (s.type !== 'group' || s.groupId) && (s.type !== 'room' || s.roomId), 'a group or room source without its id');

const eventSchema = z.looseObject({
  type: z.string().min(1).max(50),
  webhookEventId: id,
  timestamp: z.number().int().nonnegative(),
  mode: z.string().optional(),
  source: sourceSchema.optional(),
  replyToken: z.string().max(500).optional(),
});

export type RefusalReason = 'malformed' | 'replay';

/** One event as the inbox stores it: accepted (with its payload) or refused (with the reason only). */
export type ScreenedEvent = StoredEvent & { refused?: { reason: RefusalReason; detail: string }; aheadMs?: number };

export function screenEvent(raw: unknown, now: number): ScreenedEvent {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) {
    // A stable id made from the event itself, so LINE sending the same broken event again is a no-op.
    const digest = createHash('sha256').update(JSON.stringify(raw) ?? String(raw)).digest('hex');
    const shape = raw as { type?: unknown; timestamp?: unknown } | null;
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`).join('; ');
    return {
      eventId: `refused:${digest}`,
      chatKey: 'refused',
      type: typeof shape?.type === 'string' ? shape.type.slice(0, 50) : 'unknown',
      timestamp: typeof shape?.timestamp === 'number' && Number.isSafeInteger(shape.timestamp) ? shape.timestamp : now,
      refused: { reason: 'malformed', detail: detail.slice(0, 300) },
    };
  }
  const event = parsed.data as unknown as webhook.Event;
  const screened = { eventId: parsed.data.webhookEventId, chatKey: chatKeyOf(event), type: parsed.data.type, timestamp: parsed.data.timestamp };
  const age = now - parsed.data.timestamp;
  if (age > REPLAY_AFTER_MS) return { ...screened, refused: { reason: 'replay', detail: `${Math.floor(age / DAY_MS)} days old` } };
  return { ...screened, event, ...(-age > CLOCK_SKEW_WARN_MS && { aheadMs: -age }) };
}
