// The workspace's pages, one module each (a function adding its routes). A new page is a file in
// this folder plus one line here and, if it belongs in the navigation, one in ../layout.tsx NAV.
import type { PageModule } from '../context';
import { auditPages } from './audit';
import { handoffPages } from './handoffs';
import { staffAdminPages } from './staff-admin';

export const PAGES: readonly PageModule[] = [
  handoffPages,
  auditPages,
  staffAdminPages,
];
