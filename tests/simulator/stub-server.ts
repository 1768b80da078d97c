// A stand-in for the bot's simulator API, for driving page.html in a real browser: it serves the
// page, records every event the page sends, and answers each with canned bot messages.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatorPageHtml } from '../../src/simulator/page';
import { OFFICE_NAME, SAMPLE_IMAGE_PATH, cannedReplyTo } from './canned-messages';

export interface SentEvent {
  userId: string;
  displayName: string;
  /** The office picked in the page (only with several offices). */
  office?: string;
  event: { type: string; [field: string]: unknown };
}

interface BotItem {
  seq: number;
  at: string;
  via: 'reply' | 'push';
  message: object;
}

export interface StubServer {
  url: string;
  sent: SentEvent[];
  close(): Promise<void>;
}

// A 1×1 green PNG.
const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function respond(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}

const respondJson = (response: ServerResponse, body: unknown): void =>
  respond(response, 200, 'application/json; charset=utf-8', JSON.stringify(body));

/** `offices`: serve several (the page then shows its office picker); each keeps its own messages. */
export async function startStubServer(options: { offices?: { id: string; name: string }[] } = {}): Promise<StubServer> {
  const sent: SentEvent[] = [];
  const botItems = new Map<string, BotItem[]>();
  let lastSeq = 0;

  function queueBotMessages(userId: string, messages: object[]): void {
    const items = botItems.get(userId) ?? [];
    for (const message of messages) items.push({ seq: ++lastSeq, at: new Date().toISOString(), via: 'reply', message });
    botItems.set(userId, items);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stub.invalid');
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /simulator') return respond(response, 200, 'text/html; charset=utf-8', simulatorPageHtml());
    if (route === `GET ${SAMPLE_IMAGE_PATH}`) return respond(response, 200, 'image/png', SAMPLE_PNG);
    if (route === 'GET /simulator/api/info') {
      const users = [...new Map(sent.map((s) => [s.userId, { userId: s.userId, displayName: s.displayName }])).values()];
      return respondJson(response, { officeName: OFFICE_NAME, users, ...(options.offices ? { offices: options.offices } : {}) });
    }
    if (route === 'GET /simulator/api/messages') {
      const after = Number(url.searchParams.get('after') ?? 0);
      const key = `${url.searchParams.get('office') ?? ''}|${url.searchParams.get('userId') ?? ''}`;
      const items = (botItems.get(key) ?? []).filter((item) => item.seq > after);
      return respondJson(response, { items });
    }
    if (route === 'POST /simulator/api/send') {
      const body = JSON.parse(await readBody(request)) as SentEvent;
      sent.push(body);
      queueBotMessages(`${body.office ?? ''}|${body.userId}`, cannedReplyTo(body.event));
      return respondJson(response, { ok: true });
    }
    respond(response, 404, 'text/plain', 'not found');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => respond(response, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
