// An in-process stand-in for LINE's Messaging API. The simulator (npm start without credentials)
// points the LINE client at it, and tests route msw to it. It keeps LINE's rules that matter to us:
// single-use reply tokens that expire, X-Line-Retry-Key de-duplication (409), the bearer token, and
// the message limits, and (when asked) the push rate limit. It can stand in for several channels (one
// per office), told apart by their access tokens; every sent message records its channel. Failures can be scripted to test the
// fallback and retry paths, and an outage staged: error statuses, hung and dropped connections.
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { messagingApi } from '@line/bot-sdk';
import { checkMessages } from './limits';

export interface SentRecord {
  seq: number;
  /** The channel (office) that sent it: the name its access token was given, 'default' for a single one. */
  channel: string;
  at: string;
  via: 'reply' | 'push' | 'multicast';
  to: string;
  messages: messagingApi.Message[];
  retryKey?: string;
  /** For a reply: the token it used (which event it answered). */
  replyToken?: string;
}

export interface CallRecord {
  method: string;
  path: string;
  status: number;
  retryKey?: string;
  body?: unknown;
}

type Endpoint = 'reply' | 'push' | 'multicast' | 'loading' | 'profile' | 'content' | 'richmenuAlias' | 'richmenuLink' | 'richmenuUnlink';
interface ScriptedFailure {
  status: number;
  message: string;
  /** A `Retry-After` header to send with it (seconds or an HTTP date). */
  retryAfter?: string;
}

/**
 * How a LINE outage treats one send (reply, push or multicast): answer with an error status, hang
 * (no answer until the outage ends, then the connection is cut), or accept and record the message
 * and then cut the connection before the answer (the caller cannot tell it went out).
 */
export type Disruption = ScriptedFailure | 'hang' | 'drop';

export interface FakeLineOptions {
  /** LINE's per-channel limit on push: more calls than this within a second get 429 (off when unset). */
  pushesPerSecond?: number;
  /** Added before every reply and push is answered, as a real network round trip takes time. */
  latencyMs?: number;
}

const RATE_LIMITED = 'The API rate limit has been exceeded. Try again later.';

/** How long an issued reply token stays valid (LINE: about a minute). */
const REPLY_TOKEN_TTL_MS = 60_000;

export class FakeLine {
  readonly app = new Hono();
  readonly sent: SentRecord[] = [];
  readonly calls: CallRecord[] = [];
  private seq = 0;
  private readonly tokens = new Map<string, { chatId: string; channel: string; expiresAt: number; used: boolean }>();
  /** Access token → channel name. */
  private readonly channels: ReadonlyMap<string, string>;
  private readonly acceptedRetryKeys = new Map<string, string>();
  private readonly profiles = new Map<string, string>();
  /** What a user's image or file message carries, by message id (served on the data API's path). */
  private readonly contents = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly failures = new Map<Endpoint, ScriptedFailure[]>();
  /** Rich menu aliases by channel (alias → menu id), as a deploy would leave them (richmenu/deploy.ts). */
  private readonly richMenuAliases = new Map<string, Map<string, string>>();
  /** The rich menu linked to each user by channel (user id → menu id); absent = the default menu. */
  private readonly userRichMenus = new Map<string, Map<string, string>>();
  private disruption: ((endpoint: Endpoint) => Disruption | undefined) | undefined;
  private readonly hung = new Set<() => void>();
  private readonly pushTimes: number[] = [];
  /** Pushes refused with 429 because they came faster than `pushesPerSecond`. */
  rateLimited = 0;

  /**
   * `accessTokens`: one channel's token (its name is 'default'), or each channel's name and token
   * (e.g. office ids).
   */
  constructor(
    accessTokens: string | Readonly<Record<string, string>>,
    private readonly now: () => number = Date.now,
    private readonly options: FakeLineOptions = {},
  ) {
    const named = typeof accessTokens === 'string' ? { default: accessTokens } : accessTokens;
    this.channels = new Map(Object.entries(named).map(([channel, token]) => [token, channel]));
    this.routes();
  }

  /** Start an outage: every send asks `plan` how to fail (undefined = it goes through). */
  startOutage(plan: (endpoint: Endpoint) => Disruption | undefined): void {
    this.disruption = plan;
  }

  /** End the outage: hung connections are cut (their callers see a network error and retry). */
  endOutage(): void {
    this.disruption = undefined;
    for (const release of this.hung) release();
    this.hung.clear();
  }

  /** What a webhook event would carry: a fresh single-use reply token for this chat. */
  issueReplyToken(chatId: string, channel = 'default'): string {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { chatId, channel, expiresAt: this.now() + REPLY_TOKEN_TTL_MS, used: false });
    return token;
  }

  setProfile(userId: string, displayName: string): void {
    this.profiles.set(userId, displayName);
  }

  /** Keep the content of a message the (pretend) user sent, to serve when the bot asks for it. */
  setContent(messageId: string, bytes: Buffer, contentType = 'application/octet-stream'): void {
    this.contents.set(messageId, { bytes, contentType });
  }

  /** LINE deleted the content (its expiry, or the user unsent the message): 404 from now on. */
  forgetContent(messageId: string): void {
    this.contents.delete(messageId);
  }

  /** The next `times` calls to `endpoint` answer with this status instead of succeeding. */
  failNext(endpoint: Endpoint, status: number, times = 1, message = 'scripted failure', retryAfter?: string): void {
    const queue = this.failures.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) queue.push({ status, message, retryAfter });
    this.failures.set(endpoint, queue);
  }

  /** Point a rich menu alias at a menu on this channel (as a deploy does); undefined deletes it. */
  setRichMenuAlias(aliasId: string, richMenuId: string | undefined, channel = 'default'): void {
    const aliases = this.richMenuAliases.get(channel) ?? new Map<string, string>();
    if (richMenuId === undefined) aliases.delete(aliasId);
    else aliases.set(aliasId, richMenuId);
    this.richMenuAliases.set(channel, aliases);
  }

  /** The rich menu linked to this user on this channel (undefined: they see the default menu). */
  richMenuOf(userId: string, channel = 'default'): string | undefined {
    return this.userRichMenus.get(channel)?.get(userId);
  }

  messagesTo(chatId: string): messagingApi.Message[] {
    return this.sent.filter((r) => r.to === chatId).flatMap((r) => r.messages);
  }

  /** What one chat received after `afterSeq`; from one channel only when `channel` is given. */
  sentAfter(chatId: string, afterSeq: number, channel?: string): SentRecord[] {
    return this.sent.filter((r) => r.to === chatId && r.seq > afterSeq && (channel === undefined || r.channel === channel));
  }

  reset(): void {
    this.sent.length = 0;
    this.calls.length = 0;
    this.failures.clear();
    this.richMenuAliases.clear();
    this.userRichMenus.clear();
  }

  private scripted(endpoint: Endpoint): ScriptedFailure | undefined {
    return this.failures.get(endpoint)?.shift();
  }

  /** LINE's rate limit on push, over the last second of real time. */
  private overPushLimit(): boolean {
    const limit = this.options.pushesPerSecond;
    if (!limit) return false;
    const now = performance.now();
    while (this.pushTimes.length > 0 && this.pushTimes[0]! <= now - 1000) this.pushTimes.shift();
    if (this.pushTimes.length >= limit) return true;
    this.pushTimes.push(now);
    return false;
  }

  /**
   * Before a send is handled: the latency, then the outage. Returns a failure to answer with, 'drop'
   * (handle it, then cut the connection), 'cut' (a hang that ended with the outage: cut it unhandled),
   * or undefined.
   */
  private async disrupt(endpoint: Endpoint): Promise<ScriptedFailure | 'drop' | 'cut' | undefined> {
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    const disruption = this.disruption?.(endpoint);
    if (disruption === 'hang') {
      await new Promise<void>((resolve) => this.hung.add(resolve));
      return 'cut';
    }
    return disruption;
  }

  private record(sent: Omit<SentRecord, 'seq' | 'at'>): void {
    this.sent.push({ ...sent, seq: ++this.seq, at: new Date(this.now()).toISOString() });
  }

  private routes(): void {
    const app = this.app;
    const error = (status: number, message: string, details?: unknown, retryAfter?: string) =>
      new Response(JSON.stringify(details ? { message, details } : { message }), {
        status,
        headers: { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...(retryAfter && { 'retry-after': retryAfter }) },
      });
    const failed = (failure: ScriptedFailure) => error(failure.status, failure.message, undefined, failure.retryAfter);
    // Cut the connection without an answer (only over real HTTP; through msw there is no socket).
    const cut = (c: import('hono').Context, response: Response) => {
      (c.env as { incoming?: import('node:http').IncomingMessage } | undefined)?.incoming?.socket.destroy();
      return response;
    };
    const ok = (body: unknown, status = 200, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...extra },
      });

    const channelOf = (c: import('hono').Context) => this.channels.get(c.req.header('authorization')?.replace(/^Bearer /, '') ?? '');
    app.use('/v2/bot/*', async (c, next) => {
      if (channelOf(c) === undefined) {
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
      const disruption = await this.disrupt('reply');
      if (disruption === 'cut') return cut(c, new Response(null, { status: 500 }));
      const failure = (disruption !== 'drop' && disruption) || this.scripted('reply');
      const token = body.replyToken ? this.tokens.get(body.replyToken) : undefined;
      let status = 200;
      let response: Response;
      const problems = validate(body.messages);
      if (failure) [status, response] = [failure.status, failed(failure)];
      else if (problems.length > 0) [status, response] = [400, error(400, `The request body has ${problems.length} error(s)`, problems)];
      else if (!token || token.used || token.expiresAt < this.now() || token.channel !== channelOf(c)) [status, response] = [400, error(400, 'Invalid reply token')];
      else {
        token.used = true;
        this.record({ via: 'reply', channel: token.channel, to: token.chatId, messages: body.messages!, replyToken: body.replyToken });
        response = ok({ sentMessages: body.messages!.map(() => ({ id: randomUUID() })) });
      }
      this.calls.push({ method: 'POST', path: c.req.path, status, body });
      return disruption === 'drop' ? cut(c, response) : response;
    });

    const pushLike = (via: 'push' | 'multicast') => async (c: import('hono').Context) => {
      const body = (await c.req.json()) as { to: string | string[]; messages?: messagingApi.Message[] };
      const retryKey = c.req.header('x-line-retry-key');
      const disruption = await this.disrupt(via);
      if (disruption === 'cut') return cut(c, new Response(null, { status: 500 }));
      const failure = (disruption !== 'drop' && disruption) || this.scripted(via);
      let status = 200;
      let response: Response;
      const problems = validate(body.messages);
      if (failure) [status, response] = [failure.status, failed(failure)];
      else if (via === 'push' && this.overPushLimit()) {
        this.rateLimited++;
        [status, response] = [429, error(429, RATE_LIMITED)];
      }
      else if (problems.length > 0) [status, response] = [400, error(400, `The request body has ${problems.length} error(s)`, problems)];
      else if (retryKey && this.acceptedRetryKeys.has(retryKey)) {
        status = 409;
        response = error(409, 'The retry key is already accepted');
        response.headers.set('x-line-accepted-request-id', this.acceptedRetryKeys.get(retryKey)!);
      } else {
        const requestId = randomUUID();
        if (retryKey) this.acceptedRetryKeys.set(retryKey, requestId);
        for (const to of Array.isArray(body.to) ? body.to : [body.to]) this.record({ via, channel: channelOf(c)!, to, messages: body.messages!, retryKey });
        response = ok({ sentMessages: body.messages!.map(() => ({ id: randomUUID() })) }, 200, { 'x-line-request-id': requestId });
      }
      this.calls.push({ method: 'POST', path: c.req.path, status, retryKey, body });
      return disruption === 'drop' ? cut(c, response) : response;
    };
    app.post('/v2/bot/message/push', pushLike('push'));
    app.post('/v2/bot/message/multicast', pushLike('multicast'));

    app.post('/v2/bot/chat/loading/start', async (c) => {
      const body = await c.req.json();
      const failure = this.scripted('loading');
      const status = failure?.status ?? 202;
      this.calls.push({ method: 'POST', path: c.req.path, status, body });
      return failure ? failed(failure) : ok({}, 202);
    });

    app.get('/v2/bot/profile/:userId', (c) => {
      const name = this.profiles.get(c.req.param('userId'));
      const failure = this.scripted('profile');
      const status = failure?.status ?? (name ? 200 : 404);
      this.calls.push({ method: 'GET', path: c.req.path, status });
      if (status !== 200) return error(status, failure?.message ?? 'Not found');
      return ok({ userId: c.req.param('userId'), displayName: name });
    });

    // GET https://api-data.line.me/v2/bot/message/{messageId}/content (the fake serves both hosts).
    app.get('/v2/bot/message/:messageId/content', (c) => {
      const content = this.contents.get(c.req.param('messageId'));
      const failure = this.scripted('content');
      const status = failure?.status ?? (content ? 200 : 404);
      this.calls.push({ method: 'GET', path: c.req.path, status });
      if (failure) return failed(failure);
      if (!content) return error(404, 'Not found');
      return new Response(new Uint8Array(content.bytes), {
        status: 200,
        headers: { 'content-type': content.contentType, 'content-length': String(content.bytes.length), 'x-line-request-id': randomUUID() },
      });
    });

    // Rich menus per user (src/line/richmenu.ts): an alias, and linking a menu to one user or taking it
    // away. A menu is known once an alias points at it; linking an unknown one is a 404, like LINE's.
    app.get('/v2/bot/richmenu/alias/:aliasId', (c) => {
      const failure = this.scripted('richmenuAlias');
      const menu = this.richMenuAliases.get(channelOf(c)!)?.get(c.req.param('aliasId'));
      const status = failure?.status ?? (menu ? 200 : 404);
      this.calls.push({ method: 'GET', path: c.req.path, status });
      if (failure) return failed(failure);
      if (!menu) return error(404, 'Not found');
      return ok({ richMenuAliasId: c.req.param('aliasId'), richMenuId: menu });
    });

    app.post('/v2/bot/user/:userId/richmenu/:richMenuId', (c) => {
      const channel = channelOf(c)!;
      const menu = c.req.param('richMenuId');
      const failure = this.scripted('richmenuLink');
      const known = [...(this.richMenuAliases.get(channel)?.values() ?? [])].includes(menu);
      const status = failure?.status ?? (known ? 200 : 404);
      this.calls.push({ method: 'POST', path: c.req.path, status });
      if (failure) return failed(failure);
      if (!known) return error(404, 'Not found');
      const links = this.userRichMenus.get(channel) ?? new Map<string, string>();
      links.set(c.req.param('userId'), menu);
      this.userRichMenus.set(channel, links);
      return ok({});
    });

    app.delete('/v2/bot/user/:userId/richmenu', (c) => {
      const failure = this.scripted('richmenuUnlink');
      const status = failure?.status ?? 200;
      this.calls.push({ method: 'DELETE', path: c.req.path, status });
      if (failure) return failed(failure);
      this.userRichMenus.get(channelOf(c)!)?.delete(c.req.param('userId'));
      return ok({});
    });

    app.all('/v2/*', (c) => {
      this.calls.push({ method: c.req.method, path: c.req.path, status: 404 });
      return error(404, `The fake LINE API does not implement ${c.req.method} ${c.req.path}`);
    });
  }
}
