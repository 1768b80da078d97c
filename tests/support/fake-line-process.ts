// The fake LINE API in a process of its own (`node --import tsx tests/support/fake-line-process.ts`),
// for tests and benchmarks that run several bot processes: LINE's answers then queue behind neither a
// bot nor the load generator. Settings come from the environment (FAKE_LINE_TOKEN, FAKE_LINE_LATENCY_MS,
// FAKE_LINE_PUSHES_PER_SECOND); it prints `PORT <n>` once listening. Besides LINE's routes it serves a
// few for the test that drives it, under /fake/: reply tokens issued in bulk, and what it received.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { FakeLine } from '../../src/line/fake';

const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const fake = new FakeLine(process.env.FAKE_LINE_TOKEN ?? '', Date.now, {
  latencyMs: number('FAKE_LINE_LATENCY_MS'),
  pushesPerSecond: number('FAKE_LINE_PUSHES_PER_SECOND'),
});

const app = new Hono();
// What a webhook event would carry: one fresh reply token per chat id given, in order.
app.post('/fake/tokens', async (c) => {
  const { chatIds } = (await c.req.json()) as { chatIds: string[] };
  return c.json({ tokens: chatIds.map((chatId) => fake.issueReplyToken(chatId)) });
});
// Every message accepted, in the order received (without the messages themselves unless ?messages=1).
app.get('/fake/sent', (c) => {
  const withMessages = c.req.query('messages') !== undefined;
  return c.json({
    count: fake.sent.length,
    sent: c.req.query('count') !== undefined ? [] : fake.sent.map(({ messages, ...record }) => ({ ...record, at: Date.parse(record.at), ...(withMessages && { messages }) })),
  });
});
// Every push and multicast call with its status (a retry key sent twice shows here, answered 409).
app.get('/fake/calls', (c) => c.json(fake.calls.filter((call) => call.path !== '/v2/bot/message/reply').map(({ body: _body, ...call }) => call)));
app.route('/', fake.app);

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`PORT ${info.port}\n`));
process.on('SIGTERM', () => {
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close(() => process.exit(0));
});
