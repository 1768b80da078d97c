// What every page of the staff workspace is given: the signed-in staff member (from the session
// middleware) and the app's dependencies. A page module is a function that adds its routes to the
// workspace's sub-app (src/staff/pages/index.ts lists them).
import type { Context, Hono } from 'hono';
import type { StaffRole } from '../db/schema';
import type { Database } from '../db/sql';
import type { Office } from '../handlers/types';

export interface WorkspaceDeps {
  db: Database;
  offices: ReadonlyMap<string, Office>;
  now: () => Date;
  /** Cookies marked Secure: PUBLIC_BASE_URL is https. */
  secureCookies: boolean;
  sessionMs: number;
  /** Where attachment contents are stored (config ATTACHMENTS_DIR). */
  attachmentsDir: string;
  /** After a member joined, changed or left (committed): the staff rich menu follows at once. */
  staffChanged?(office: string, userId: string): void;
  /** The pages to serve (default: ./pages/index.ts PAGES). */
  pages?: readonly PageModule[];
}

/** The staff member a request is from, after the session middleware has checked it. */
export interface SignedIn {
  office: Office;
  userId: string;
  role: StaffRole;
  /** The session's CSRF token: every form carries it (<CsrfField />). */
  csrf: string;
}

export type StaffEnv = { Variables: { staff: SignedIn } };
export type StaffContext = Context<StaffEnv>;
export type StaffApp = Hono<StaffEnv>;
export type PageModule = (app: StaffApp, deps: WorkspaceDeps) => void;
