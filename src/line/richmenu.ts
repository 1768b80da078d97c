// Rich menus per user (issue 12 point 6), through the office's own LINE client (src/line/client.ts):
// which menu an alias names, linking a menu to one user and taking it away. The menus themselves are
// made by richmenu/deploy.ts, which records each by its alias on the channel ("main", "staff"); so
// every office's channel finds its own staff menu the same way, and nothing here needs a menu id in
// the configuration. LINE's errors are logged by the client (status and request id, the user only
// as a hint); nothing here logs more.
import { log } from '../log';
import type { LineApi, SendOutcome } from './client';

/** The alias richmenu/deploy.ts gives the staff menu (`--menu richmenu/staff.json --alias staff`). */
export const STAFF_MENU_ALIAS = 'staff';

/**
 * How long an alias's answer is believed (found or missing). A redeploy that moves the alias, or a
 * first deploy on a channel that had none, is taken up within this time without asking LINE every
 * minute.
 */
export const ALIAS_TTL_MS = 10 * 60_000;

/** Link `richMenuId` to the user. */
export function linkUserRichMenu(line: LineApi, userId: string, richMenuId: string): Promise<SendOutcome> {
  return line.linkRichMenu(userId, richMenuId);
}

/** Take the user's own menu away (they see the channel's default again). Nothing linked (404) counts as done. */
export async function unlinkUserRichMenu(line: LineApi, userId: string): Promise<SendOutcome> {
  const outcome = await line.unlinkRichMenu(userId);
  if (!outcome.ok && outcome.status === 404) return { ok: true, status: 404 };
  return outcome;
}

/**
 * Each office's answer to "which menu does this alias name", kept for ALIAS_TTL_MS. A missing alias
 * is logged once (info) until it appears; a failed lookup (5xx, network) is not kept, so the next
 * pass asks again.
 */
export class RichMenuAliases {
  private readonly known = new Map<string, { menuId: string | undefined; until: number }>();
  private readonly reportedMissing = new Set<string>();

  constructor(
    private readonly aliasId: string = STAFF_MENU_ALIAS,
    private readonly ttlMs: number = ALIAS_TTL_MS,
  ) {}

  /** The cached answer while fresh: the menu id, null when known missing, undefined when LINE must be asked. */
  cached(office: string, now: number): string | null | undefined {
    const entry = this.known.get(office);
    if (!entry || entry.until <= now) return undefined;
    return entry.menuId ?? null;
  }

  /** The menu id, or undefined when the alias is missing or LINE could not say (then nothing is linked). */
  async resolve(office: string, line: LineApi, now: number): Promise<string | undefined> {
    const cached = this.cached(office, now);
    if (cached !== undefined) return cached ?? undefined;
    const outcome = await line.richMenuAlias(this.aliasId);
    if (outcome.ok) {
      this.known.set(office, { menuId: outcome.richMenuId, until: now + this.ttlMs });
      this.reportedMissing.delete(office);
      return outcome.richMenuId;
    }
    if (outcome.missing) {
      this.known.set(office, { menuId: undefined, until: now + this.ttlMs });
      if (!this.reportedMissing.has(office)) {
        this.reportedMissing.add(office);
        log.info('staff rich menu not deployed on this channel: staff keep the default menu', { office, alias: this.aliasId });
      }
    }
    return undefined;
  }

  /** Forget an office's answer (LINE said the menu it named no longer exists). */
  forget(office: string): void {
    this.known.delete(office);
  }
}
