// The staff rich menu follows the staff list (issue 12 point 6): every staff member of an office gets
// the office's staff menu (richmenu/staff.json, found on the office's channel by its alias "staff",
// src/line/richmenu.ts), and whoever is no longer staff has it taken away (back to the default menu).
// rich_menu_links says what the bot has linked: a row is written only after LINE said yes to the link
// and deleted only after LINE said yes to the unlink, so the table never claims more than LINE did.
//
// Two ways in:
//   - the scheduler's minute job (`job`): in the office's transaction it only compares the staff ids
//     with the rows (cheap; no LINE call there); when they differ it starts a pass outside the
//     transaction. A pass that fails (a LINE 5xx, a timeout) leaves the row as it was, and the next
//     minute tries again. So a crash between a staff change and LINE's answer is mended too.
//   - `syncUser(office, userId)`, for the staff code right after someone joined or left (after that
//     transaction committed), so it happens "when they join"; the job catches up when it is not called.
// Passes of one office run one after another (never two LINE calls for the same person at once).
// When the staff menu was never deployed on a channel (no alias), nothing is linked: one info log,
// and LINE is asked again after ALIAS_TTL_MS. Users who still have a row are unlinked all the same
// (that needs no menu id). A redeploy that moves the alias relinks staff to the new menu (the row
// holds LINE's menu id) once the alias is asked again.
import { q, type Sql } from '../db/sql';
import { isStaff, staffIds } from '../db/staff';
import type { LineApi } from '../line/client';
import { RichMenuAliases, linkUserRichMenu, unlinkUserRichMenu } from '../line/richmenu';
import { log } from '../log';
import type { OfficeJob } from '../notify/scheduler';

export interface StaffRichMenuSyncOptions {
  /** The database outside any transaction (a pass calls LINE between its statements). */
  db: Sql;
  /** The office's LINE client; undefined for an office no longer served. */
  lineFor: (office: string) => LineApi | undefined;
  now: () => Date;
  /** Which alias names the staff menu and how long LINE's answer is kept (default "staff", 10 minutes). */
  aliases?: RichMenuAliases;
}

export interface SyncResult {
  linked: number;
  unlinked: number;
  /** LINE calls that failed (tried again on the next pass). */
  failed: number;
}

interface Link {
  userId: string;
  /** LINE's id of the menu linked. */
  menu: string;
}

const none = (): SyncResult => ({ linked: 0, unlinked: 0, failed: 0 });

async function linksOf(db: Sql, office: string, only?: string): Promise<Link[]> {
  return only === undefined
    ? db.all<Link>(q`SELECT user_id, menu FROM rich_menu_links WHERE office_id = ${office}`)
    : db.all<Link>(q`SELECT user_id, menu FROM rich_menu_links WHERE office_id = ${office} AND user_id = ${only}`);
}

async function staffOf(db: Sql, office: string, only?: string): Promise<string[]> {
  if (only === undefined) return staffIds(db, office);
  return (await isStaff(db, office, only)) ? [only] : [];
}

export class StaffRichMenuSync {
  private readonly aliases: RichMenuAliases;
  /** The tail of each office's passes, run one after another. */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Offices with a full pass waiting or under way (the job does not queue a second). */
  private readonly passQueued = new Set<string>();

  constructor(private readonly options: StaffRichMenuSyncOptions) {
    this.aliases = options.aliases ?? new RichMenuAliases();
  }

  /**
   * The scheduler's minute job: compares in the office's transaction and, when there is something to
   * do, starts a pass that runs after it (never awaited here: on SQLite the outer handle waits for
   * this transaction to end). Queues no push (returns 0).
   */
  readonly job: OfficeJob = async (tx, office, now) => {
    if (this.passQueued.has(office.id) || !this.options.lineFor(office.id)) return 0;
    const [staff, links] = await Promise.all([staffOf(tx, office.id), linksOf(tx, office.id)]);
    const linked = new Map(links.map((l) => [l.userId, l.menu]));
    const staffSet = new Set(staff);
    const menu = this.aliases.cached(office.id, now.getTime());
    const due =
      links.some((l) => !staffSet.has(l.userId)) ||
      // null: known to be missing — nothing to link until LINE is asked again.
      (staff.length > 0 && menu !== null && (menu === undefined || staff.some((u) => linked.get(u) !== menu)));
    if (due) this.kick(office.id);
    return 0;
  };

  /** One full pass for the office (tests, and the job). Rejects only when the database fails. */
  syncOffice(office: string): Promise<SyncResult> {
    return this.enqueue(office, () => this.pass(office));
  }

  /**
   * Bring one person's menu in line with their staff membership now — call it after the transaction
   * that added or removed them has committed (not awaited inside one). Never rejects: a failure is
   * logged and the minute job tries again.
   */
  syncUser(office: string, userId: string): Promise<SyncResult> {
    return this.enqueue(office, () => this.pass(office, userId)).catch((error: unknown) => {
      log.error('staff rich menu sync failed', { office, error: error instanceof Error ? error.name : 'unknown' });
      return { ...none(), failed: 1 };
    });
  }

  /** Resolves when no pass is waiting or under way (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private kick(office: string): void {
    this.passQueued.add(office);
    // Not awaited: the job's transaction must end first; errors are caught and logged here.
    void this.syncOffice(office)
      .catch((error: unknown) => {
        // Only the error's name: a failed query's message would carry its parameters.
        log.error('staff rich menu sync failed', { office, error: error instanceof Error ? error.name : 'unknown' });
      })
      .finally(() => this.passQueued.delete(office));
  }

  private enqueue<T>(office: string, work: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(office) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.chains.set(office, tail);
    void tail.then(() => {
      if (this.chains.get(office) === tail) this.chains.delete(office);
    });
    return run;
  }

  /** Unlink who is no longer staff, then link the staff menu to staff without it (or with an older one). */
  private async pass(office: string, only?: string): Promise<SyncResult> {
    const { db } = this.options;
    const line = this.options.lineFor(office);
    const result = none();
    if (!line) return result;
    const [staff, links] = await Promise.all([staffOf(db, office, only), linksOf(db, office, only)]);
    const staffSet = new Set(staff);

    for (const link of links) {
      if (staffSet.has(link.userId)) continue;
      const outcome = await unlinkUserRichMenu(line, link.userId);
      if (!outcome.ok) {
        result.failed++;
        continue;
      }
      await db.run(q`DELETE FROM rich_menu_links WHERE office_id = ${office} AND user_id = ${link.userId} AND menu = ${link.menu}`);
      result.unlinked++;
    }

    if (staff.length > 0) await this.linkStaff(office, line, staff, links, result);
    if (result.failed > 0) log.warn('staff rich menu: some left for the next pass', { office, failed: result.failed });
    return result;
  }

  private async linkStaff(office: string, line: LineApi, staff: readonly string[], links: readonly Link[], result: SyncResult): Promise<void> {
    const { db } = this.options;
    const menu = await this.aliases.resolve(office, line, this.options.now().getTime());
    if (menu === undefined) return;
    const linked = new Map(links.map((l) => [l.userId, l.menu]));
    for (const userId of staff) {
      if (linked.get(userId) === menu) continue;
      const outcome = await linkUserRichMenu(line, userId, menu);
      if (!outcome.ok) {
        result.failed++;
        // The menu the alias named is gone (deleted by hand?): ask for the alias again next time.
        if (outcome.status === 404) this.aliases.forget(office);
        continue;
      }
      const at = this.options.now().getTime();
      await db.run(q`INSERT INTO rich_menu_links (office_id, user_id, menu, linked_at) VALUES (${office}, ${userId}, ${menu}, ${at})
        ON CONFLICT (office_id, user_id) DO UPDATE SET menu = excluded.menu, linked_at = excluded.linked_at`);
      result.linked++;
    }
  }
}
