// The pooled keep-alive client for replies, pushes and the loading animation (src/line/http.ts),
// against a real HTTP server on loopback: what reaches LINE, one connection kept for many calls, a
// kept-alive connection LINE closed as the call went out, a call that never gets an answer, and the
// outcomes createLineClient makes of LINE's error answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLineClient } from '../../src/line/client';
import { createJsonPoster, LineTimeoutError } from '../../src/line/http';
import { text } from '../../src/line/messages';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

/** A server whose `answer` decides each request; it counts connections and keeps what it was sent. */
async function lineServer(answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(seen.length, req, res);
    });
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, connections: () => connections, server };
}

const ok = (_n: number, _req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{}');
};

describe('the pooled LINE client', () => {
  it('sends the JSON body with the token and the retry key, and keeps one connection for calls one after another', async () => {
    const line = await lineServer(ok);
    const poster = createJsonPoster(line.url, 'token-123', 5_000);
    for (let i = 0; i < 5; i++) {
      const answer = await poster.post('/v2/bot/message/push', { to: 'U1', n: i }, { 'x-line-retry-key': `key-${i}` });
      expect(answer.status).toBe(200);
    }
    poster.close();
    expect(line.seen.map((s) => JSON.parse(s.body).n)).toEqual([0, 1, 2, 3, 4]);
    expect(line.seen[0]!.path).toBe('/v2/bot/message/push');
    expect(line.seen[0]!.headers.authorization).toBe('Bearer token-123');
    expect(line.seen[0]!.headers['content-type']).toBe('application/json');
    expect(line.seen[4]!.headers['x-line-retry-key']).toBe('key-4');
    expect(line.connections()).toBe(1);
  });

  it('keeps a path prefix of the base URL (a proxy in front of LINE)', async () => {
    const line = await lineServer(ok);
    const poster = createJsonPoster(`${line.url}/line-proxy/`, 't', 5_000);
    await poster.post('/v2/bot/message/reply', {});
    poster.close();
    expect(line.seen[0]!.path).toBe('/line-proxy/v2/bot/message/reply');
  });

  it('sends the call once more on a fresh connection when LINE closed the kept-alive one under it', async () => {
    // The second request arrives on the kept-alive connection, which the server then drops unanswered.
    const line = await lineServer((n, req, res) => (n === 2 ? req.socket.destroy() : ok(n, req, res)));
    const poster = createJsonPoster(line.url, 't', 5_000);
    expect((await poster.post('/v2/bot/message/reply', { n: 1 })).status).toBe(200);
    expect((await poster.post('/v2/bot/message/reply', { n: 2 })).status).toBe(200);
    poster.close();
    expect(line.seen.map((s) => JSON.parse(s.body).n)).toEqual([1, 2, 2]);
    expect(line.connections()).toBe(2);
  });

  it('gives up on a call LINE never answers, with the error the health page names', async () => {
    const line = await lineServer(() => undefined);
    const poster = createJsonPoster(line.url, 't', 200);
    await expect(poster.post('/v2/bot/message/reply', {})).rejects.toBeInstanceOf(LineTimeoutError);
    poster.close();
  });

  it('reads LINE’s answers into outcomes: 429 with its Retry-After, 409 on a push as already sent, 400 as final, a refused connection as retryable', async () => {
    const line = await lineServer((n, _req, res) => {
      const answers: Record<number, [number, Record<string, string>, string]> = {
        1: [429, { 'retry-after': '3', 'x-line-request-id': 'req-1' }, '{"message":"Too many requests"}'],
        2: [409, {}, '{"message":"The retry key is already accepted"}'],
        3: [400, {}, '{"message":"Invalid reply token"}'],
      };
      const [status, headers, body] = answers[n] ?? [200, {}, '{}'];
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    });
    const client = createLineClient({ channelAccessToken: 't', apiBaseUrl: line.url, dataApiBaseUrl: line.url });
    expect(await client.reply('r1', [text('สวัสดีค่ะ')])).toEqual({ ok: false, status: 429, retryable: true, reason: '429 Too many requests', retryAfterMs: 3_000 });
    expect(await client.push('U1', [text('สวัสดีค่ะ')], 'key')).toEqual({ ok: true, status: 409, duplicate: true });
    expect(await client.reply('r2', [text('สวัสดีค่ะ')])).toEqual({ ok: false, status: 400, retryable: false, reason: '400 Invalid reply token' });
    expect(await client.push('U1', [text('สวัสดีค่ะ')], 'key-2')).toEqual({ ok: true, status: 200 });
    expect(JSON.parse(line.seen[1]!.body)).toEqual({ to: 'U1', messages: [{ type: 'text', text: 'สวัสดีค่ะ' }] });

    const closed = createLineClient({ channelAccessToken: 't', apiBaseUrl: 'http://127.0.0.1:1', dataApiBaseUrl: 'http://127.0.0.1:1' });
    const outcome = await closed.reply('r3', [text('สวัสดีค่ะ')]);
    expect(outcome).toMatchObject({ ok: false, retryable: true });
  });
});
