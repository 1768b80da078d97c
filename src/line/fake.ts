// An in-process stand-in for LINE's Messaging API. The simulator (npm start without credentials)
// points the LINE client at it, and tests route msw to it. It keeps LINE's rules that matter to us:
// single-use reply tokens that expire, X-Line-Retry-Key de-duplication (409), the bearer token, and
// the message limits. Failures can be scripted to test the fallback and retry paths.
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { messagingApi } from '@line/bot-sdk';
import { checkMessages } from './limits';

export interface SentRecord {
  seq: number;
  at: string;
  via: 'reply' | 'push' | 'multicast';
  to: string;
  messages: messagingApi.Message[];
  retryKey?: string;
}

export interface CallRecord {
  method: string;
  path: string;
  status: number;
  retryKey?: string;
  body?: unknown;
}

type Endpoint = 'reply' | 'push' | 'multicast' | 'loading' | 'profile';
interface ScriptedFailure {
  status: number;
  message: string;
}

/** How long an issued reply token stays valid (LINE: about a minute). */
const REPLY_TOKEN_TTL_MS = 60_000;

export class FakeLine {
  readonly app = new Hono();
  readonly sent: SentRecord[] = [];
  readonly calls: CallRecord[] = [];
  private seq = 0;
  private readonly tokens = new Map<string, { chatId: string; expiresAt: number; used: boolean }>();
  private readonly acceptedRetryKeys = new Map<string, string>();
  private readonly profiles = new Map<string, string>();
  private readonly failures = new Map<Endpoint, ScriptedFailure[]>();

  constructor(
    readonly accessToken: string,
    private readonly now: () => number = Date.now,
  ) {
    this.routes();
  }

  /** What a webhook event would carry: a fresh single-use reply token for this chat. */
  issueReplyToken(chatId: string): string {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { chatId, expiresAt: this.now() + REPLY_TOKEN_TTL_MS, used: false });
    return token;
  }

  setProfile(userId: string, displayName: string): void {
    this.profiles.set(userId, displayName);
  }

  /** The next `times` calls to `endpoint` answer with this status instead of succeeding. */
  failNext(endpoint: Endpoint, status: number, times = 1, message = 'scripted failure'): void {
    const queue = this.failures.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) queue.push({ status, message });
    this.failures.set(endpoint, queue);
  }

  messagesTo(chatId: string): messagingApi.Message[] {
    return this.sent.filter((r) => r.to === chatId).flatMap((r) => r.messages);
  }

  sentAfter(chatId: string, afterSeq: number): SentRecord[] {
    return this.sent.filter((r) => r.to === chatId && r.seq > afterSeq);
  }

  reset(): void {
    this.sent.length = 0;
    this.calls.length = 0;
    this.failures.clear();
  }

  private scripted(endpoint: Endpoint): ScriptedFailure | undefined {
    return this.failures.get(endpoint)?.shift();
  }

  private record(sent: Omit<SentRecord, 'seq' | 'at'>): void {
    this.sent.push({ ...sent, seq: ++this.seq, at: new Date(this.now()).toISOString() });
  }

  private routes(): void {
    const app = this.app;
    const error = (status: number, message: string, details?: unknown) =>
      new Response(JSON.stringify(details ? { message, details } : { message }), {
        status,
        headers: { 'content-type': 'application/json', 'x-line-request-id': randomUUID() },
      });
    const ok = (body: unknown, status = 200, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...extra },
      });

    app.use('/v2/bot/*', async (c, next) => {
      if (c.req.header('authorization') !== `Bearer ${this.accessToken}`) {
        this.calls.push({ method: c.req.method, path: c.req.path, status: 401 });
        return error(401, 'Authentication failed due to the following reason: invalid token.');
      }
      await next();
    });

    const validate = (messages: unknown) => {
      if (!Array.isArray(messages)) return ['messages must be an array'];
      return checkMessages(messages as messagingApi.Message[]).map((v) => `${v.path}: ${v.rule}`);
    };

    app.post('/v2/bot/message/reply', async (c) => {
      const body = (await c.req.json()) as { replyToken?: string; messages?: messagingApi.Message[] };
      const failure = this.scripted('reply');
      const token = body.replyToken ? this.tokens.get(body.replyToken) : undefined;
      let status = 200;
      let response: Response;
      const problems = validate(body.messages);
      if (failure) [status, response] = [failure.status, error(failure.status, failure.message)];
      else if (problems.length > 0) [status, response] = [400, error(400, `The request body has ${problems.length} error(s)`, problems)];
      else if (!token || token.used || token.expiresAt < this.now()) [status, response] = [400, error(400, 'Invalid reply token')];
      else {
        token.used = true;
        this.record({ via: 'reply', to: token.chatId, messages: body.messages! });
        response = ok({ sentMessages: body.messages!.map(() => ({ id: randomUUID() })) });
      }
      this.calls.push({ method: 'POST', path: c.req.path, status, body });
      return response;
    });

    const pushLike = (via: 'push' | 'multicast') => async (c: import('hono').Context) => {
      const body = (await c.req.json()) as { to: string | string[]; messages?: messagingApi.Message[] };
      const retryKey = c.req.header('x-line-retry-key');
      const failure = this.scripted(via);
      let status = 200;
      let response: Response;
      const problems = validate(body.messages);
      if (failure) [status, response] = [failure.status, error(failure.status, failure.message)];
      else if (problems.length > 0) [status, response] = [400, error(400, `The request body has ${problems.length} error(s)`, problems)];
      else if (retryKey && this.acceptedRetryKeys.has(retryKey)) {
        status = 409;
        response = error(409, 'The retry key is already accepted');
        response.headers.set('x-line-accepted-request-id', this.acceptedRetryKeys.get(retryKey)!);
      } else {
        const requestId = randomUUID();
        if (retryKey) this.acceptedRetryKeys.set(retryKey, requestId);
        for (const to of Array.isArray(body.to) ? body.to : [body.to]) this.record({ via, to, messages: body.messages!, retryKey });
        response = ok({ sentMessages: body.messages!.map(() => ({ id: randomUUID() })) }, 200, { 'x-line-request-id': requestId });
      }
      this.calls.push({ method: 'POST', path: c.req.path, status, retryKey, body });
      return response;
    };
    app.post('/v2/bot/message/push', pushLike('push'));
    app.post('/v2/bot/message/multicast', pushLike('multicast'));

    app.post('/v2/bot/chat/loading/start', async (c) => {
      const body = await c.req.json();
      const failure = this.scripted('loading');
      const status = failure?.status ?? 202;
      this.calls.push({ method: 'POST', path: c.req.path, status, body });
      return failure ? error(status, failure.message) : ok({}, 202);
    });

    app.get('/v2/bot/profile/:userId', (c) => {
      const name = this.profiles.get(c.req.param('userId'));
      const failure = this.scripted('profile');
      const status = failure?.status ?? (name ? 200 : 404);
      this.calls.push({ method: 'GET', path: c.req.path, status });
      if (status !== 200) return error(status, failure?.message ?? 'Not found');
      return ok({ userId: c.req.param('userId'), displayName: name });
    });

    app.all('/v2/*', (c) => {
      this.calls.push({ method: c.req.method, path: c.req.path, status: 404 });
      return error(404, `The fake LINE API does not implement ${c.req.method} ${c.req.path}`);
    });
  }
}
