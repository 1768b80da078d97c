// The LINE boundary: the only code that calls the Messaging API. It turns SDK errors into plain
// outcomes the outbox can act on, checks every message against LINE's limits before sending, and
// logs request ids and status codes only — never message content.
import type { Readable } from 'node:stream';
import type { HTTPFetchError, LineBotClient, messagingApi } from '@line/bot-sdk';
import { log, userHint } from '../log';
import { createJsonPoster, LineTimeoutError, type HttpAnswer } from './http';
import { assertValidMessages } from './limits';

export type SendOutcome =
  | { ok: true; status: number; duplicate?: boolean }
  /**
   * `retryable`: a later attempt may succeed (429, 5xx, network); otherwise give up. `retryAfterMs`:
   * how long LINE asked us to wait (a `Retry-After` header on 429 or 503), when it said.
   */
  | { ok: false; status?: number; retryable: boolean; reason: string; retryAfterMs?: number };

/**
 * A message's content (a photo or file the user sent), read from LINE's data API. `gone`: LINE no
 * longer has it (404 after its unspecified expiry, 410 after the user unsent it) — asking again will
 * not help. `tooLarge`: more than the caller's limit; the download was stopped there. `failed`: a
 * 429, 5xx, timeout, network error or "not ready yet" (202): a later attempt may succeed.
 */
export type ContentOutcome =
  | { ok: true; content: Buffer; contentType?: string }
  | { ok: false; problem: 'gone' | 'tooLarge' | 'failed'; status?: number };

export interface LineApi {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<SendOutcome>;
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<SendOutcome>;
  /** Shows the "typing" animation in a one-to-one chat; failures are harmless and ignored. */
  showLoading(chatId: string, seconds?: number): Promise<void>;
  /** The user's display name, or undefined when LINE will not say (blocked, not a friend, outage). */
  displayName(userId: string): Promise<string | undefined>;
  /** The content of the user's image or file message, at most `maxBytes` of it. */
  content(messageId: string, maxBytes: number): Promise<ContentOutcome>;
  /** Link a rich menu to one user (POST /v2/bot/user/{userId}/richmenu/{richMenuId}); see src/line/richmenu.ts. */
  linkRichMenu(userId: string, richMenuId: string): Promise<SendOutcome>;
  /** Take away the user's own rich menu (DELETE /v2/bot/user/{userId}/richmenu): they see the default again. */
  unlinkRichMenu(userId: string): Promise<SendOutcome>;
  /** The rich menu an alias points at (GET /v2/bot/richmenu/alias/{richMenuAliasId}). */
  richMenuAlias(aliasId: string): Promise<AliasOutcome>;
}

/** `missing`: LINE has no such alias (404) — the menu was never deployed on this channel. */
export type AliasOutcome = { ok: true; richMenuId: string } | { ok: false; missing: boolean; status?: number };

export interface LineClientOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

/**
 * The SDK's fetch has no timeout: a connection LINE (or a proxy) leaves hanging would hold a send for
 * ever. After this long the call counts as a network failure; a push is retried with the same retry
 * key, so if the hung request did land, LINE answers 409 and nothing is sent twice. (A reply has no
 * retry key: one that landed after all may arrive twice, once more as the push that replaces it.)
 * Generous, so that a merely slow answer under load is not mistaken for a hung one.
 */
export const LINE_CALL_TIMEOUT_MS = 30_000;
/** The longest `Retry-After` taken at its word; longer ones are capped (the outbox backs off anyway). */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

export { LineTimeoutError };

function withTimeout<T>(call: Promise<T>, ms = LINE_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineTimeoutError(`no answer from LINE within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `Retry-After` as milliseconds from now: either delay-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT", RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  let ms: number;
  if (/^\d+$/.test(raw)) ms = Number(raw) * 1000;
  else {
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - nowMs);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

export function createLineClient(options: LineClientOptions): LineApi {
  // The SDK (about 30 MB once loaded) makes only the rarer calls, so it is loaded on the first of them.
  let client: Promise<LineBotClient> | undefined;
  const sdk = () =>
    (client ??= import('@line/bot-sdk').then(({ LineBotClient }) =>
      LineBotClient.fromChannelAccessToken({
        channelAccessToken: options.channelAccessToken,
        apiBaseURL: options.apiBaseUrl,
        dataApiBaseURL: options.dataApiBaseUrl,
      }),
    ));
  // Replies, pushes and the loading animation: the hot path, on pooled keep-alive sockets (./http.ts).
  const api = createJsonPoster(options.apiBaseUrl, options.channelAccessToken, LINE_CALL_TIMEOUT_MS);

  return {
    async reply(replyToken, messages) {
      assertValidMessages(messages);
      try {
        const answer = await api.post('/v2/bot/message/reply', { replyToken, messages });
        return answer.status < 300 ? { ok: true, status: answer.status } : refused('reply', answer);
      } catch (error) {
        return failure('reply', error);
      }
    },

    async push(to, messages, retryKey) {
      assertValidMessages(messages);
      try {
        const answer = await api.post('/v2/bot/message/push', { to, messages }, { 'x-line-retry-key': retryKey });
        if (answer.status < 300) return { ok: true, status: answer.status };
        // 409: LINE already accepted a request with this retry key — the message went out.
        if (answer.status === 409) return { ok: true, status: 409, duplicate: true };
        return refused('push', answer, to);
      } catch (error) {
        return failure('push', error, to);
      }
    },

    async showLoading(chatId, seconds = 10) {
      try {
        const answer = await api.post('/v2/bot/chat/loading/start', { chatId, loadingSeconds: seconds });
        if (answer.status >= 300) log.debug('loading animation not shown', { status: answer.status });
      } catch (error) {
        log.debug('loading animation not shown', { error: error instanceof Error ? error.name : 'unknown' });
      }
    },

    async displayName(userId) {
      try {
        return (await (await sdk()).getProfile(userId)).displayName;
      } catch (error) {
        log.debug('profile unavailable', { user: userHint(userId), status: isHttpFetchError(error) ? error.status : undefined });
        return undefined;
      }
    },

    async content(messageId, maxBytes) {
      // The data API host (LINE_DATA_API_BASE_URL); the same 30 s limit covers the whole download.
      const stream = { current: undefined as Readable | undefined };
      try {
        return await withTimeout(
          (async (): Promise<ContentOutcome> => {
            const { httpResponse, body } = await (await sdk()).getMessageContentWithHttpInfo(messageId);
            stream.current = body;
            // 202: LINE is still preparing the content (large media): try again later.
            if (httpResponse.status === 202) return { ok: false, problem: 'failed', status: 202 };
            const chunks: Buffer[] = [];
            let size = 0;
            for await (const chunk of body) {
              const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
              size += buffer.length;
              if (size > maxBytes) return { ok: false, problem: 'tooLarge' };
              chunks.push(buffer);
            }
            return { ok: true, content: Buffer.concat(chunks), contentType: httpResponse.headers.get('content-type') ?? undefined };
          })(),
        );
      } catch (error) {
        const status = isHttpFetchError(error) ? error.status : undefined;
        log.warn('LINE content download failed', { status, error: error instanceof Error ? error.name : 'unknown' });
        return { ok: false, problem: status === 404 || status === 410 ? 'gone' : 'failed', ...(status !== undefined && { status }) };
      } finally {
        // Stopped early (too large, timed out): let the connection go.
        stream.current?.destroy();
      }
    },

    async linkRichMenu(userId, richMenuId) {
      try {
        await withTimeout((await sdk()).linkRichMenuIdToUser(userId, richMenuId));
        return { ok: true, status: 200 };
      } catch (error) {
        return failure('link rich menu', error, userId);
      }
    },

    async unlinkRichMenu(userId) {
      try {
        await withTimeout((await sdk()).unlinkRichMenuIdFromUser(userId));
        return { ok: true, status: 200 };
      } catch (error) {
        return failure('unlink rich menu', error, userId);
      }
    },

    async richMenuAlias(aliasId) {
      try {
        return { ok: true, richMenuId: (await withTimeout((await sdk()).getRichMenuAlias(aliasId))).richMenuId };
      } catch (error) {
        if (isHttpFetchError(error) && error.status === 404) return { ok: false, missing: true, status: 404 };
        const outcome = failure('rich menu alias', error);
        return { ok: false, missing: false, ...(outcome.ok ? {} : outcome.status !== undefined && { status: outcome.status }) };
      }
    },
  };
}

/** The SDK's error for an answer with an error status (told by its name: the SDK is loaded lazily). */
function isHttpFetchError(error: unknown): error is HTTPFetchError {
  return error instanceof Error && error.name === 'HTTPFetchError' && typeof (error as HTTPFetchError).status === 'number';
}

/** LINE answered with an error status: 429 and 5xx may pass, the rest will not. */
function refused(call: string, answer: HttpAnswer, to?: string): SendOutcome {
  const { status } = answer;
  const requestId = answer.header('x-line-request-id');
  const lineMessage = lineErrorMessage(answer.body);
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(answer.header('retry-after')) : undefined;
  log.warn('LINE API call failed', { call, status, requestId, lineError: lineMessage, retryAfterMs, user: to && userHint(to) });
  return { ok: false, status, retryable, reason: `${status} ${lineMessage ?? ''}`.trim(), ...(retryAfterMs !== undefined && { retryAfterMs }) };
}

function failure(call: string, error: unknown, to?: string): SendOutcome {
  if (isHttpFetchError(error)) {
    return refused(call, { status: error.status, header: (name) => error.headers.get(name) ?? undefined, body: error.body }, to);
  }
  // Network failures (a refused connection, a reset, our timeout); anything else is unexpected but still retryable.
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  log.warn('LINE API unreachable', { call, error: reason });
  return { ok: false, retryable: true, reason };
}

function lineErrorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
