// The workspace's pages, one module each (a function adding its routes). A new page is a file in
// this folder plus one line here and, if it belongs in the navigation, one in ../layout.tsx NAV.
import type { PageModule } from '../context';
import { attachmentPage } from './attachment';
import { auditPages } from './audit';
import { casePage } from './case';
import { casesPage } from './cases';
import { exportsPages } from './exports';
import { groupsPage } from './groups';
import { handoffPages } from './handoffs';
import { healthPage } from './health';
import { mchchPage } from './mchch';
import { staffAdminPages } from './staff-admin';
import { todayPage } from './today';

export const PAGES: readonly PageModule[] = [
  todayPage,
  casesPage,
  casePage,
  attachmentPage,
  groupsPage,
  mchchPage,
  exportsPages,
  healthPage,
  handoffPages,
  auditPages,
  staffAdminPages,
];
