// The peer of `npm run bench`: line-bot-sdk's own echo-bot-ts-esm example (examples/echo-bot-ts-esm in
// line/line-bot-sdk-nodejs at v10.8.0, the SDK version this project uses), the yardstick a LINE developer
// holds a bot framework to. Express, the SDK's `middleware({ channelSecret })` on the webhook route, and
// each text event answered by `replyMessage` with the same text (the SDK's LineBotClient, which sends it
// through messagingApi.MessagingApiClient). The example's handler kept as it is, with three changes
// for the benchmark: the client points at the fake LINE API (apiBaseURL), the route is /webhook as for
// the other servers, and errors are not printed per event. Plus /bench/stats (CPU and RSS of this
// process). Its own entry point (`npm run bench` starts it for mode `peer`, with BENCH_LINE_URL and
// BENCH_LINE_TOKEN), so that nothing of the bot is loaded and its RSS is the example's; prints
// `PORT <n>` once it listens.
import { HTTPFetchError, LineBotClient, middleware, type LineBotClientChannelAccessTokenConfig, type MessageAPIResponseBase, type MiddlewareConfig, type webhook } from '@line/bot-sdk';
import express, { type Application, type Request, type Response } from 'express';

function startPeer(options: { channelSecret: string; channelAccessToken: string; apiBaseURL: string }): void {
  const clientConfig: LineBotClientChannelAccessTokenConfig = { channelAccessToken: options.channelAccessToken, apiBaseURL: options.apiBaseURL };
  const middlewareConfig: MiddlewareConfig = { channelSecret: options.channelSecret };
  const client = LineBotClient.fromChannelAccessToken(clientConfig);
  const app: Application = express();
  let failures = 0;

  const textEventHandler = async (event: webhook.Event): Promise<MessageAPIResponseBase | undefined> => {
    if (event.type !== 'message' || event.message.type !== 'text') return;
    if (!event.replyToken) return;
    await client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: event.message.text }] });
  };

  app.post('/webhook', middleware(middlewareConfig), async (req: Request, res: Response) => {
    const callbackRequest: webhook.CallbackRequest = req.body;
    const events: webhook.Event[] = callbackRequest.events!;
    const results = await Promise.all(
      events.map(async (event: webhook.Event) => {
        try {
          await textEventHandler(event);
        } catch (err: unknown) {
          failures++;
          if (!(err instanceof HTTPFetchError) && !(err instanceof Error)) throw err;
          // The example answers 500 here (and then 200 again below, which Express refuses quietly).
          if (!res.headersSent) res.status(500).json({ status: 'error' });
        }
      }),
    );
    if (!res.headersSent) res.status(200).json({ status: 'success', results });
  });

  app.get('/bench/stats', (_req: Request, res: Response) => {
    const cpu = process.cpuUsage();
    res.json({ rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system, failures, count: 0, sent: [] });
  });

  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (!process.env.BENCH_LINE_URL) throw new Error('the peer needs BENCH_LINE_URL (the fake LINE process)');
startPeer({ channelSecret: 'bench-channel-secret', channelAccessToken: process.env.BENCH_LINE_TOKEN ?? 'bench-access-token', apiBaseURL: process.env.BENCH_LINE_URL });
