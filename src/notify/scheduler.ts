// The clock-driven jobs: once a minute (and at start) queue the staff's daily agenda when it is due,
// drop reminders whose visit has already begun, and forget personal data past its retention. Both are idempotent — the agenda's dedupe key
// is agenda:<date>:<staff user id> — so a restart, a second process or a missed minute sends nothing
// twice. Queued pushes go out through the outbox worker like every other push.
import type { Db } from '../db/client';
import { applyRetention, type RetentionResult } from '../db/retention';
import { log } from '../log';
import type { OfficeProfile } from '../office/profile';
import { dropPastReminders } from './reminders';
import { queueAgendas } from './staff';

export interface SchedulerOptions {
  db: Db;
  office: OfficeProfile;
  now: () => Date;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** One pass, in one immediate transaction. */
  runOnce(): { agendas: number; droppedReminders: number; retention: RetentionResult } {
    const { db, office } = this.options;
    const now = this.options.now();
    return db.transaction(
      (tx) => ({ droppedReminders: dropPastReminders(tx, now), agendas: queueAgendas(tx, office, now), retention: applyRetention(tx, now) }),
      { behavior: 'immediate' },
    );
  }

  start(intervalMs = 60_000): void {
    this.stop();
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    try {
      this.runOnce();
    } catch (error) {
      // Only the error's name: a failed query's message would carry its parameters (names, phones).
      log.error('scheduler pass failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}
