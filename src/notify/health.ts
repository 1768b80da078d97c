// What the workspace's health page reads (issue 12 point 3): one office's events that failed or were
// refused, its outbox rows that gave up, and the LINE errors the outbox recorded in the last day —
// and the one action there, "send again" for a row that gave up. Generic: rows, statuses and
// error kinds, never what a message said or whom it was for.
//
// LINE errors: the outbox keeps only each row's latest error (last_error), not a log of every
// attempt. So "LINE errors in the last day" counts the office's rows whose last error came from LINE
// (an HTTP status, a timeout, no connection) and that were queued, tried or sent in the last day,
// with the failed attempts each recorded (attempts, less the one that went through when it was sent).
import type { InboxRow, OutboxRow } from '../db/schema';
import { q, type Sql } from '../db/sql';

export const DAY_MS = 24 * 60 * 60_000;

/** A recorded error reduced to its kind: no LINE message text, no user input. */
export interface ErrorKind {
  /** A stable key, e.g. 'line-500', 'timeout', 'network', 'blocked'. */
  key: string;
  /** Thai, for staff. */
  label: string;
  /** From LINE (an HTTP answer, a timeout, no connection): counted in "LINE errors". */
  fromLine: boolean;
}

const STATUS_LABELS: Record<number, string> = {
  400: 'LINE ไม่รับข้อความ (400 คำขอไม่ถูกต้อง)',
  401: 'LINE ไม่รับสิทธิ์ (401 โทเค็นไม่ถูกต้อง)',
  403: 'LINE ไม่อนุญาต (403)',
  404: 'LINE ไม่พบผู้รับ (404)',
  429: 'ส่งถี่เกินที่ LINE กำหนด (429)',
};

/** The kind of an outbox row's last_error (what src/line/client.ts and the outbox write there). */
export function errorKind(lastError: string | null): ErrorKind {
  if (lastError === null || lastError.trim() === '') return { key: 'unknown', label: 'ไม่ทราบสาเหตุ', fromLine: false };
  const text = lastError.replace(/^reply: /, '');
  const status = /^(\d{3})\b/.exec(text)?.[1];
  if (status) {
    const code = Number(status);
    const label = STATUS_LABELS[code] ?? (code >= 500 ? `LINE ขัดข้อง (${code})` : `LINE ตอบ ${code}`);
    return { key: `line-${code}`, label, fromLine: true };
  }
  if (/^LineTimeoutError\b/.test(text)) return { key: 'timeout', label: 'LINE ไม่ตอบภายในเวลา', fromLine: true };
  if (/^(TypeError|FetchError)\b/.test(text) || /fetch failed|ECONN|ENOTFOUND|EAI_AGAIN|socket hang up/i.test(text)) {
    return { key: 'network', label: 'เชื่อมต่อ LINE ไม่ได้', fromLine: true };
  }
  if (text === 'recipient has blocked the bot') return { key: 'blocked', label: 'ผู้รับบล็อกบัญชีแล้ว', fromLine: false };
  if (text === 'reply token too old') return { key: 'reply-token', label: 'ตอบกลับไม่ทัน ส่งเป็นข้อความแทน', fromLine: false };
  return { key: 'other', label: 'สาเหตุอื่น', fromLine: false };
}

/** An inbox error reduced to its kind: the error's name or the refusal's reason, never its message. */
export function eventErrorKind(error: string | null): string {
  if (!error) return 'ไม่ทราบสาเหตุ';
  const head = error.split(':')[0]!.trim();
  return /^[A-Za-z][\w.-]{0,59}$/.test(head) ? head : 'อื่น ๆ';
}

export interface FailedEvent {
  eventId: string;
  type: string;
  status: 'failed' | 'refused';
  /** When it was given up (processed), else received. */
  at: number;
  kind: string;
}

export interface EventsHealth {
  /** Failed and refused in the last day. */
  lastDay: { failed: number; refused: number };
  /** Failed and refused still kept (retention removes old ones). */
  kept: { failed: number; refused: number };
  /** The latest of the last day, newest first (at most `limit`). */
  recent: FailedEvent[];
}

export async function eventsHealth(db: Sql, office: string, now: number, limit = 50): Promise<EventsHealth> {
  const since = now - DAY_MS;
  const counts = await db.all<{ status: string; lastDay: number | string; kept: number | string }>(q`
    SELECT status, SUM(CASE WHEN COALESCE(processed_at, received_at) >= ${since} THEN 1 ELSE 0 END) AS last_day, COUNT(*) AS kept
    FROM inbox WHERE office_id = ${office} AND status IN ('failed', 'refused') GROUP BY status`);
  const of = (status: string, field: 'lastDay' | 'kept') => Number(counts.find((r) => r.status === status)?.[field] ?? 0);
  const rows = await db.all<Pick<InboxRow, 'eventId' | 'type' | 'status' | 'error' | 'receivedAt' | 'processedAt'>>(q`
    SELECT event_id, type, status, error, received_at, processed_at FROM inbox
    WHERE office_id = ${office} AND status IN ('failed', 'refused') AND COALESCE(processed_at, received_at) >= ${since}
    ORDER BY COALESCE(processed_at, received_at) DESC, event_id LIMIT ${limit}`);
  return {
    lastDay: { failed: of('failed', 'lastDay'), refused: of('refused', 'lastDay') },
    kept: { failed: of('failed', 'kept'), refused: of('refused', 'kept') },
    recent: rows.map((r) => ({
      eventId: r.eventId,
      type: r.type,
      status: r.status as 'failed' | 'refused',
      at: Number(r.processedAt ?? r.receivedAt),
      kind: eventErrorKind(r.error),
    })),
  };
}

export interface GaveUpRow {
  id: number;
  purpose: string;
  attempts: number;
  createdAt: number;
  /** When its last attempt was due (the outbox tries a row at or just after due_at). */
  lastTriedAt: number;
  kind: ErrorKind;
  /** Its content is gone (retention blanks sent and failed messages after RETENTION.sentMessagesDays): nothing to send again. */
  forgotten: boolean;
}

/** The office's outbox rows that gave up (status 'failed'), newest first. */
export async function gaveUpRows(db: Sql, office: string, limit = 100): Promise<GaveUpRow[]> {
  const rows = await db.all<Pick<OutboxRow, 'id' | 'purpose' | 'attempts' | 'createdAt' | 'dueAt' | 'lastError' | 'messages'>>(q`
    SELECT id, purpose, attempts, created_at, due_at, last_error, CASE WHEN messages = '[]' THEN '[]' ELSE '' END AS messages FROM outbox
    WHERE office_id = ${office} AND status = 'failed' ORDER BY due_at DESC, id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    purpose: r.purpose,
    attempts: Number(r.attempts),
    createdAt: Number(r.createdAt),
    lastTriedAt: Number(r.dueAt),
    kind: errorKind(r.lastError),
    forgotten: r.messages === '[]',
  }));
}

export interface LineErrorCount {
  kind: ErrorKind;
  /** Outbox rows whose last error is of this kind. */
  rows: number;
  /** The failed attempts those rows recorded. */
  failedAttempts: number;
  /** How many of those rows went out in the end. */
  sentAfterAll: number;
}

/** LINE errors of the last day, by kind (see the top of this file for what is counted). */
export async function lineErrorsLastDay(db: Sql, office: string, now: number): Promise<LineErrorCount[]> {
  const since = now - DAY_MS;
  const rows = await db.all<Pick<OutboxRow, 'status' | 'attempts' | 'lastError'>>(q`
    SELECT status, attempts, last_error FROM outbox
    WHERE office_id = ${office} AND last_error IS NOT NULL
      AND (created_at >= ${since} OR due_at >= ${since} OR sent_at >= ${since})`);
  const byKind = new Map<string, LineErrorCount>();
  for (const row of rows) {
    const kind = errorKind(row.lastError);
    if (!kind.fromLine) continue;
    const sent = row.status === 'sent';
    // A reply refused by LINE counts no attempt (it was then pushed): it is one failure still.
    const failed = Math.max(1, Number(row.attempts) - (sent ? 1 : 0));
    const entry = byKind.get(kind.key) ?? { kind, rows: 0, failedAttempts: 0, sentAfterAll: 0 };
    entry.rows++;
    entry.failedAttempts += failed;
    if (sent) entry.sentAfterAll++;
    byKind.set(kind.key, entry);
  }
  return [...byKind.values()].sort((a, b) => b.failedAttempts - a.failedAttempts || a.kind.key.localeCompare(b.kind.key));
}

export type RetryOutcome = { ok: true; id: number; purpose: string } | { ok: false; why: 'not-found' | 'not-failed' | 'forgotten' };

/**
 * "Send again" for a row that gave up: pending again, attempts from zero, due now, as a push,
 * KEEPING its retry key — if the first try did reach LINE after all, LINE answers 409 to the same
 * key and nothing arrives twice. Only this office's rows, only failed ones (a row already sent, or
 * still on its way, is refused). The outbox's next pass (every second) sends it.
 */
export async function retryGaveUp(tx: Sql, office: string, id: number, now: number): Promise<RetryOutcome> {
  const row = await tx.get<{ id: number; purpose: string }>(q`
    UPDATE outbox SET status = 'pending', attempts = 0, due_at = ${now}, mode = 'push', reply_token = NULL, claimed_until = NULL, claimed_by = NULL
    WHERE office_id = ${office} AND id = ${id} AND status = 'failed' AND messages <> '[]'
    RETURNING id, purpose`);
  if (row) return { ok: true, id: Number(row.id), purpose: row.purpose };
  const exists = await tx.get<{ status: string; messages: string }>(q`SELECT status, messages FROM outbox WHERE office_id = ${office} AND id = ${id}`);
  if (!exists) return { ok: false, why: 'not-found' };
  return { ok: false, why: exists.status === 'failed' && exists.messages === '[]' ? 'forgotten' : 'not-failed' };
}
