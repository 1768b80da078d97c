// The LINE boundary: the only code that calls the Messaging API. It turns SDK errors into plain
// outcomes the outbox can act on, checks every message against LINE's limits before sending, and
// logs request ids and status codes only — never message content.
import { HTTPFetchError, LineBotClient, type messagingApi } from '@line/bot-sdk';
import { log, userHint } from '../log';
import { assertValidMessages } from './limits';

export type SendOutcome =
  | { ok: true; status: number; duplicate?: boolean }
  /** `retryable`: a later attempt may succeed (429, 5xx, network); otherwise give up. */
  | { ok: false; status?: number; retryable: boolean; reason: string };

export interface LineApi {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<SendOutcome>;
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<SendOutcome>;
  /** Shows the "typing" animation in a one-to-one chat; failures are harmless and ignored. */
  showLoading(chatId: string, seconds?: number): Promise<void>;
  /** The user's display name, or undefined when LINE will not say (blocked, not a friend, outage). */
  displayName(userId: string): Promise<string | undefined>;
}

export interface LineClientOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

export function createLineClient(options: LineClientOptions): LineApi {
  const sdk = LineBotClient.fromChannelAccessToken({
    channelAccessToken: options.channelAccessToken,
    apiBaseURL: options.apiBaseUrl,
    dataApiBaseURL: options.dataApiBaseUrl,
  });

  return {
    async reply(replyToken, messages) {
      assertValidMessages(messages);
      try {
        await sdk.replyMessage({ replyToken, messages });
        return { ok: true, status: 200 };
      } catch (error) {
        return failure('reply', error);
      }
    },

    async push(to, messages, retryKey) {
      assertValidMessages(messages);
      try {
        await sdk.pushMessage({ to, messages }, retryKey);
        return { ok: true, status: 200 };
      } catch (error) {
        // 409: LINE already accepted a request with this retry key — the message went out.
        if (error instanceof HTTPFetchError && error.status === 409) return { ok: true, status: 409, duplicate: true };
        return failure('push', error, to);
      }
    },

    async showLoading(chatId, seconds = 10) {
      try {
        await sdk.showLoadingAnimation({ chatId, loadingSeconds: seconds });
      } catch (error) {
        log.debug('loading animation not shown', { status: error instanceof HTTPFetchError ? error.status : undefined });
      }
    },

    async displayName(userId) {
      try {
        return (await sdk.getProfile(userId)).displayName;
      } catch (error) {
        log.debug('profile unavailable', { user: userHint(userId), status: error instanceof HTTPFetchError ? error.status : undefined });
        return undefined;
      }
    },
  };
}

function failure(call: string, error: unknown, to?: string): SendOutcome {
  if (error instanceof HTTPFetchError) {
    const requestId = error.headers.get('x-line-request-id') ?? undefined;
    const lineMessage = lineErrorMessage(error.body);
    const retryable = error.status === 429 || error.status >= 500;
    log.warn('LINE API call failed', { call, status: error.status, requestId, lineError: lineMessage, user: to && userHint(to) });
    return { ok: false, status: error.status, retryable, reason: `${error.status} ${lineMessage ?? ''}`.trim() };
  }
  // fetch() network failures surface as TypeError; anything else is unexpected but still retryable.
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
