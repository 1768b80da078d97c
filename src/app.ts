// createApp(deps): the Hono app and the workers behind it, built from injected dependencies so tests
// and the simulator run the very same pipeline. One onError: nothing escapes as a stack trace.
// One app serves every office: each has its webhook path, channel, services and staff; the workers
// (dispatcher, outbox, scheduler) serve them all.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Hono } from 'hono';
import type { Config } from './config';
import { sweepUnreferenced } from './attachments/sweep';
import { checkpoint } from './db/client';
import type { Database } from './db/sql';
import { pendingChatKeys } from './db/inbox';
import { isStaff } from './db/staff';
import { Engine } from './flows/engine';
import { defaultEntries, defaultFlows } from './flows/registry';
import type { Entry, Flow, Services } from './flows/types';
import { queueGroupReminders } from './groups/reminders';
import { MCHCH_JOBS } from './mchch/deadlines';
import { deleteAbandonedDrafts } from './groups/retention';
import type { Office } from './handlers/types';
import { Dispatcher } from './handlers/dispatcher';
import { mountWebhook } from './handlers/webhook';
import type { LineApi } from './line/client';
import type { FakeLine } from './line/fake';
import { log } from './log';
import { OutboxWorker } from './notify/outbox';
import { Scheduler } from './notify/scheduler';
import { queueReportReminders } from './groups/reports';
import type { OfficeChannel } from './office/offices';
import { mountSimulator } from './simulator/routes';
import type { PageModule } from './staff/context';
import { mountStaffWorkspace } from './staff/routes';
import { StaffRichMenuSync } from './staff/richmenu-sync';

/** An office as the app receives it: its profile and channel, and the LINE client for that channel. */
export interface OfficeSetup extends OfficeChannel {
  line: LineApi;
}

export interface AppDeps {
  config: Config;
  db: Database;
  /** Every office served (one, 'default', unless OFFICES_DIR names several). */
  offices: readonly OfficeSetup[];
  now?: () => Date;
  /** The in-process fake LINE API; its routes are served when the bot runs without credentials. */
  fakeLine?: FakeLine;
  flows?: readonly Flow[];
  entries?: readonly Entry[];
  /** The staff workspace's pages (default: every page, src/staff/pages). */
  workspacePages?: readonly PageModule[];
}

export interface Bot {
  app: Hono;
  engine: Engine;
  dispatcher: Dispatcher;
  outbox: OutboxWorker;
  /** The daily staff agenda and dropping reminders whose visit has begun. */
  scheduler: Scheduler;
  /** The staff rich menu follows the staff list (its minute job; `syncUser` right after a join or leave). */
  richMenus: StaffRichMenuSync;
  /** Every office served, by id. */
  offices: ReadonlyMap<string, Office>;
  /** The first office's services (the only office's, in a single-office deployment). */
  services: Services;
  /** Start background work: recover half-sent messages and drain events left from before a restart, the scheduler, the outbox timer and heartbeat, and the queue's sweep. */
  start(): Promise<void>;
  stop(): void;
  /** Resolves when no event is being processed and no send is under way. */
  idle(): Promise<void>;
}

export function createApp(deps: AppDeps): Bot {
  const now = deps.now ?? (() => new Date());
  const { config, db } = deps;
  // Called by the dispatcher once the erasing turn has committed: fold the write-ahead log into the
  // main file (old versions of erased rows must not linger there), and take photos and files no
  // remaining row refers to off the disk.
  const afterErasure = (office: string) => {
    checkpoint(db).catch((error: unknown) => {
      log.error('checkpoint after erasure failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
    sweepUnreferenced(db, config.attachments.dir, office).catch((error: unknown) => {
      log.error('attachment sweep after erasure failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  };
  const offices = new Map<string, Office>();
  // The staff rich menu follows the staff list: its minute job, and at once after a join or leave.
  const richMenus = new StaffRichMenuSync({ db, lineFor: (officeId) => offices.get(officeId)?.line, now });
  for (const setup of deps.offices) {
    const id = setup.profile.id;
    if (offices.has(id)) throw new Error(`office "${id}" is listed twice`);
    const services: Services = {
      office: setup.profile,
      isStaff: (tx, userId) => isStaff(tx, id, userId),
      staffInviteCode: config.staffInviteCode,
      attachmentsDir: config.attachments.dir,
      ...(config.workspace.publicBaseUrl ? { workspace: { baseUrl: config.workspace.publicBaseUrl, signInLinkMs: config.workspace.signInLinkMs } } : {}),
      afterErasure: () => afterErasure(id),
      staffChanged: (userId) => void richMenus.syncUser(id, userId),
    };
    offices.set(id, { id, profile: setup.profile, channelSecret: setup.channelSecret, channelAccessToken: setup.channelAccessToken, line: setup.line, services });
  }
  const first = [...offices.values()][0];
  if (!first) throw new Error('no office to serve');
  const engine = new Engine({ flows: deps.flows ?? defaultFlows, entries: deps.entries ?? defaultEntries, idleMs: config.conversationIdleMs });
  const outbox = new OutboxWorker({
    db,
    lineFor: (officeId) => offices.get(officeId)?.line,
    now: () => now().getTime(),
    maxAttempts: config.outboxMaxAttempts,
    pushesPerSecond: config.outboxPushesPerSecond,
    instanceId: config.instanceId,
  });
  const dispatcher = new Dispatcher({ db, engine, officeOf: (officeId) => offices.get(officeId), outbox, now, attachments: config.attachments });
  // PDPA: group drafts never sent and untouched for the office's own draftRetentionDays go with their
  // attachment rows, one office after another; then the contents no row refers to leave the disk
  // (only when something went: a pass that deleted nothing leaves nothing to sweep).
  const afterRetention = async (at: Date, signal: AbortSignal) => {
    for (const office of offices.values()) {
      if (signal.aborted) return;
      const deleted = await deleteAbandonedDrafts(db, office.id, office.profile.groups.draftRetentionDays, at, { signal, pause: () => nextTurn() });
      if (deleted === 0) continue;
      log.info('abandoned group drafts deleted', { office: office.id, count: deleted });
      await sweepUnreferenced(db, config.attachments.dir, office.id);
    }
  };
  const scheduler = new Scheduler({
    db,
    offices: [...offices.values()].map((office) => office.profile),
    now,
    retentionIntervalMs: config.retentionIntervalMs,
    afterRetention,
    jobs: [queueReportReminders, queueGroupReminders, ...MCHCH_JOBS, richMenus.job],
  });

  const app = new Hono();
  app.onError((error, c) => {
    log.error('request failed', { path: c.req.path, error: error.name });
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/healthz', async (c) => {
    const ok = await db.reachable();
    return c.json({ ok, database: ok ? 'reachable' : 'unreachable' }, ok ? 200 : 503);
  });

  mountWebhook(app, {
    db,
    offices: [...offices.values()].map((office) => ({ id: office.id, channelSecret: office.channelSecret, botUserId: office.profile.botUserId })),
    dispatcher,
    now,
  });

  mountStaffWorkspace(app, {
    db,
    offices,
    now,
    secureCookies: config.workspace.publicBaseUrl?.startsWith('https:') ?? false,
    sessionMs: config.workspace.sessionMs,
    attachmentsDir: config.attachments.dir,
    staffChanged: (office, userId) => void richMenus.syncUser(office, userId),
    ...(deps.workspacePages ? { pages: deps.workspacePages } : {}),
  });

  if (deps.fakeLine) app.route('/', deps.fakeLine.app);
  if (config.simulatorEnabled && deps.fakeLine) {
    mountSimulator(app, {
      fake: deps.fakeLine,
      offices: [...offices.values()].map((office) => ({ id: office.id, name: office.profile.office.name, channelSecret: office.channelSecret })),
      now,
      deliver: (body, signature, office) =>
        Promise.resolve(
          app.request(`/webhook/${office}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } }),
        ),
    });
  }

  return {
    app,
    engine,
    dispatcher,
    outbox,
    scheduler,
    richMenus,
    offices,
    services: first.services,
    async start() {
      // First what a crashed process left half sent: an answer still to come (events waiting in the
      // inbox) supersedes an orphaned reply, so those are cancelled rather than sent late.
      await outbox.heartbeat();
      await outbox.recover({ startup: true });
      const waiting = (await pendingChatKeys(db)).filter((chat) => {
        if (offices.has(chat.officeId)) return true;
        log.warn('events of an office no longer configured left pending', { office: chat.officeId });
        return false;
      });
      dispatcher.kick(waiting);
      // Before the outbox's first pass, so a reminder left from before a long stop is dropped, not sent late.
      scheduler.start();
      outbox.start();
      dispatcher.start();
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
      await richMenus.idle();
    },
  };
}
