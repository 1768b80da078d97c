// The clock-driven jobs: once a minute (and at start) queue the staff's daily agenda when it is due
// and drop reminders whose visit has already begun; hourly by default (first a minute after start) forget personal
// data past its retention, in small batches that let webhooks be answered between them. All are
// idempotent — the agenda's dedupe key is agenda:<date>:<staff user id> — so a restart, a second
// process or a missed minute sends nothing twice. Queued pushes go out through the outbox worker.
// The agenda and reminder pass runs for each office in turn (its own staff, hours and bookings);
// retention is one pass over all offices.
import type { Sql } from '../db/sql';
import { applyRetention, type RetentionResult } from '../db/retention';
import { log } from '../log';
import type { OfficeProfile } from '../office/profile';
import { dropPastReminders } from './reminders';
import { queueAgendas } from './staff';

export interface SchedulerOptions {
  db: Sql;
  /** Every office the deployment serves. */
  offices: readonly OfficeProfile[];
  now: () => Date;
  /** How often the retention pass runs (default hourly). */
  retentionIntervalMs?: number;
  /**
   * Other once-a-minute jobs, given by the app (notify does not import the domains): each runs in the
   * office's transaction, must be idempotent (dedupe keys), and returns how many pushes it queued.
   */
  jobs?: readonly OfficeJob[];
}

export type OfficeJob = (tx: Sql, office: OfficeProfile, now: Date) => Promise<number>;

const HOUR_MS = 3_600_000;
/** The first retention pass after start. */
const FIRST_RETENTION_AFTER_MS = 60_000;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private retention: Promise<RetentionResult> | undefined;
  /** Stops the pass under way at its next batch (see stop()). */
  private retentionAbort: AbortController | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** The agenda and reminder pass, one transaction per office (and one per job). */
  async runOnce(): Promise<{ agendas: number; droppedReminders: number; jobs: number }> {
    const { db, offices } = this.options;
    const now = this.options.now();
    const total = { agendas: 0, droppedReminders: 0, jobs: 0 };
    for (const office of offices) {
      const done = await db.transaction(async (tx) => ({
        droppedReminders: await dropPastReminders(tx, office.id, now),
        agendas: await queueAgendas(tx, office, now),
      }));
      total.agendas += done.agendas;
      total.droppedReminders += done.droppedReminders;
      // Each job in its own transaction: one that fails does not hold back the agendas or the others.
      for (const job of this.options.jobs ?? []) total.jobs += await db.transaction((tx) => job(tx, office, now));
    }
    return total;
  }

  /** One retention pass in batches; a pass asked for while one is under way joins it. */
  runRetention(): Promise<RetentionResult> {
    if (!this.retention) {
      const abort = (this.retentionAbort = new AbortController());
      this.retention = applyRetention(this.options.db, this.options.now(), { signal: abort.signal }).finally(() => {
        this.retention = undefined;
        this.retentionAbort = undefined;
      });
    }
    return this.retention;
  }

  start(intervalMs = 60_000): void {
    this.stop();
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    // Not at once: start-up is when leftover events and LINE's redeliveries are being handled.
    this.retentionTimer = setTimeout(() => {
      this.retentionTick();
      this.retentionTimer = setInterval(() => this.retentionTick(), this.options.retentionIntervalMs ?? HOUR_MS);
      this.retentionTimer.unref();
    }, FIRST_RETENTION_AFTER_MS);
    this.retentionTimer.unref();
  }

  /** Stop the timers; a retention pass under way ends after its current batch (a shutdown need not wait for it). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionAbort?.abort();
    this.timer = undefined;
    this.retentionTimer = undefined;
  }

  /** Resolves when no retention pass is under way (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await this.retention?.catch(() => undefined);
  }

  private tick(): void {
    this.runOnce().catch((error: unknown) => {
      // Only the error's name: a failed query's message would carry its parameters (names, phones).
      log.error('scheduler pass failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  }

  private retentionTick(): void {
    const started = Date.now();
    this.runRetention().then(
      (result) => {
        if (result.conversations + result.inbox + result.outbox > 0) log.info('retention pass', { ...result, ms: Date.now() - started });
      },
      (error: unknown) => log.error('retention pass failed', { error: error instanceof Error ? error.name : 'unknown' }),
    );
  }
}
