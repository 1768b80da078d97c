// What the webhook accepts, checked at the door with zod: the envelope must be an object with an
// `events` array (else 400), and each event must carry what the queue relies on — a string
// webhookEventId, a type, a numeric timestamp, a usable source. The schemas stay loose: unknown event
// and message types, and fields the code does not read, pass through untouched (invariant 5).
// An event that fails, or is older than the de-duplication window (a replay), or is dated far in the
// future, is stored as refused — never acted on — and the rest of the batch goes on.
import { createHash } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import { chatKeyOf, type StoredEvent } from '../db/inbox';
import { RETENTION } from '../db/retention';

const DAY_MS = 86_400_000;
/** LINE's clock and ours may differ a little; an event this far ahead of our clock is still taken. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Event ids are forgotten RETENTION.inboxDays after they were received, so a captured request sent
 * again after that would run again. An event is refused as a replay once it is older than that, less
 * the skew allowed above (so no accepted event's id can have been deleted already). LINE's own
 * redeliveries come within minutes or hours.
 */
export const REPLAY_AFTER_MS = RETENTION.inboxDays * DAY_MS - CLOCK_SKEW_MS;

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

export type RefusalReason = 'malformed' | 'replay' | 'future';

/** One event as the inbox stores it: accepted (with its payload) or refused (with the reason only). */
export type ScreenedEvent = StoredEvent & { refused?: { reason: RefusalReason; detail: string } };

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
  if (-age > CLOCK_SKEW_MS) return { ...screened, refused: { reason: 'future', detail: `${Math.round(-age / 60_000)} minutes ahead of our clock` } };
  return { ...screened, event };
}
