// The calls on the hot path (reply, push, the loading animation) go through node:http(s) on one
// pooled keep-alive agent per LINE host, instead of the SDK's fetch: the benchmark's profile put the
// fetch machinery (undici's Request and Response objects, web streams, abort signals) at about a fifth
// of the bot's CPU per turn, and a plain request on a kept-alive socket does the same work for a
// fraction. The SDK still makes the rarer calls (profiles, content downloads, rich menus).
import http from 'node:http';
import https from 'node:https';

/** LINE's answer: its status, a header by (lower-case) name, and the body as text. */
export interface HttpAnswer {
  status: number;
  header(name: string): string | undefined;
  body: string;
}

export interface JsonPoster {
  /** POST `body` as JSON to `path` on the host; rejects on a network failure or after `timeoutMs`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Let the kept-alive sockets go (tests, shutdown). */
  close(): void;
}

/** Connections kept open to one LINE host: plenty for a burst of replies, few enough to be polite. */
const MAX_SOCKETS = 64;
/** An idle kept-alive socket is closed after this long, before a server would drop it under us. */
const IDLE_SOCKET_MS = 4_000;

export class LineTimeoutError extends Error {
  override name = 'LineTimeoutError';
}

export function createJsonPoster(baseUrl: string, channelAccessToken: string, timeoutMs: number): JsonPoster {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  const agent = new (secure ? https : http).Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, scheduling: 'lifo', timeout: IDLE_SOCKET_MS });
  const send = secure ? https.request : http.request;
  const prefix = base.pathname.replace(/\/$/, '');

  function once(path: string, payload: Buffer, headers: Record<string, string>): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = send(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port || undefined,
          path: prefix + path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            authorization: `Bearer ${channelAccessToken}`,
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            clearTimeout(timer);
            const responseHeaders = response.headers;
            resolve({
              status: response.statusCode ?? 0,
              header: (name) => {
                const value = responseHeaders[name.toLowerCase()];
                return Array.isArray(value) ? value.join(', ') : value;
              },
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      // The whole call, not just the socket's silence: a slow trickle is as stuck as a hung one.
      const timer = setTimeout(() => request.destroy(new LineTimeoutError(`no answer from LINE within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A kept-alive socket the server had just closed: the request never reached it. Node's
        // documented remedy is to send it once more, on a fresh socket.
        if (request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) reject(new StaleSocket());
        else reject(error);
      });
      request.end(payload);
    });
  }

  return {
    async post(path, body, headers = {}) {
      const payload = Buffer.from(JSON.stringify(body));
      try {
        return await once(path, payload, headers);
      } catch (error) {
        if (error instanceof StaleSocket) return once(path, payload, headers);
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}

class StaleSocket extends Error {
  override name = 'StaleSocket';
  override message = 'a kept-alive connection was closed by LINE as the request went out';
}
