// createApp(deps): the Hono app and the workers behind it, built from injected dependencies so tests
// and the simulator run the very same pipeline. One onError: nothing escapes as a stack trace.
import { Hono } from 'hono';
import type { Config } from './config';
import { officeIdOf } from './attachments/store';
import { sweepUnreferenced } from './attachments/sweep';
import { checkpoint } from './db/client';
import type { Database } from './db/sql';
import { pendingChatKeys } from './db/inbox';
import { isStaff } from './db/staff';
import { Engine } from './flows/engine';
import { defaultEntries, defaultFlows } from './flows/registry';
import type { Entry, Flow, Services } from './flows/types';
import { Dispatcher } from './handlers/dispatcher';
import { mountWebhook } from './handlers/webhook';
import type { LineApi } from './line/client';
import type { FakeLine } from './line/fake';
import { log } from './log';
import { OutboxWorker } from './notify/outbox';
import { Scheduler } from './notify/scheduler';
import type { OfficeProfile } from './office/profile';
import { mountSimulator } from './simulator/routes';

/** How long after an erasing turn its attachments' content is swept from disk (see afterErasure). */
const ERASURE_SWEEP_DELAY_MS = 500;

export interface AppDeps {
  config: Config;
  db: Database;
  line: LineApi;
  office: OfficeProfile;
  now?: () => Date;
  /** The in-process fake LINE API; its routes are served when the bot runs without credentials. */
  fakeLine?: FakeLine;
  flows?: readonly Flow[];
  entries?: readonly Entry[];
}

export interface Bot {
  app: Hono;
  engine: Engine;
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  /** The daily staff agenda and dropping reminders whose visit has begun. */
  scheduler: Scheduler;
  services: Services;
  /** Start background work: recover half-sent messages and drain events left from before a restart, the scheduler and the outbox timer. */
  start(): Promise<void>;
  stop(): void;
  /** Resolves when no event is being processed and no send is under way. */
  idle(): Promise<void>;
}

export function createApp(deps: AppDeps): Bot {
  const now = deps.now ?? (() => new Date());
  const { config, db } = deps;
  const services: Services = {
    office: deps.office,
    isStaff: (tx, userId) => isStaff(tx, userId),
    staffInviteCode: config.staffInviteCode,
    // On the next turn of the event loop, after the erasing transaction has committed.
    afterErasure: () => {
      setImmediate(() => {
        checkpoint(db).catch((error: unknown) => {
          log.error('checkpoint after erasure failed', { error: error instanceof Error ? error.name : 'unknown' });
        });
      });
      // Photos and files nobody else sent leave the disk once the rows' deletion is committed: on
      // PostgreSQL the turn's last statements and its commit are still under way on the next turn
      // of the loop (a sweep then would see the rows and keep the files), so a moment later.
      setTimeout(() => {
        sweepUnreferenced(db, config.attachments.dir, officeIdOf(deps.office)).catch((error: unknown) => {
          log.error('attachment sweep after erasure failed', { error: error instanceof Error ? error.name : 'unknown' });
        });
      }, ERASURE_SWEEP_DELAY_MS).unref();
    },
  };
  const engine = new Engine({ flows: deps.flows ?? defaultFlows, entries: deps.entries ?? defaultEntries, idleMs: config.conversationIdleMs });
  const outbox = new OutboxWorker({
    db,
    line: deps.line,
    now: () => now().getTime(),
    maxAttempts: config.outboxMaxAttempts,
    pushesPerSecond: config.outboxPushesPerSecond,
  });
  const dispatcher = new Dispatcher({ db, line: deps.line, engine, services, outbox, now, attachments: config.attachments });
  const scheduler = new Scheduler({ db, office: deps.office, now, retentionIntervalMs: config.retentionIntervalMs });

  const app = new Hono();
  app.onError((error, c) => {
    log.error('request failed', { path: c.req.path, error: error.name });
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/healthz', async (c) => {
    const ok = await db.reachable();
    return c.json({ ok, database: ok ? 'reachable' : 'unreachable' }, ok ? 200 : 503);
  });

  mountWebhook(app, { db, channelSecret: config.line.channelSecret, dispatcher, now });

  if (deps.fakeLine) app.route('/', deps.fakeLine.app);
  if (config.simulatorEnabled && deps.fakeLine) {
    mountSimulator(app, {
      fake: deps.fakeLine,
      channelSecret: config.line.channelSecret,
      office: deps.office,
      now,
      deliver: (body, signature) =>
        Promise.resolve(app.request('/webhook', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } })),
    });
  }

  return {
    app,
    engine,
    dispatcher,
    outbox,
    scheduler,
    services,
    async start() {
      // First what a crashed process left half sent: an answer still to come (events waiting in the
      // inbox) supersedes an orphaned reply, so those are cancelled rather than sent late.
      const waiting = await pendingChatKeys(db);
      await outbox.recover(new Set(waiting));
      dispatcher.kick(waiting);
      // Before the outbox's first pass, so a reminder left from before a long stop is dropped, not sent late.
      scheduler.start();
      outbox.start();
    },
    stop() {
      dispatcher.stop();
      outbox.stop();
      scheduler.stop();
    },
    async idle() {
      await dispatcher.idle();
      await outbox.idle();
      await scheduler.idle();
    },
  };
}
