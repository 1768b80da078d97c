// The workspace's pages, one module each (a function adding its routes). A new page is a file in
// this folder plus one line here and, if it belongs in the navigation, one in ../layout.tsx NAV.
import type { PageModule } from '../context';
import { attachmentPage } from './attachment';
import { casePage } from './case';
import { casesPage } from './cases';

export const PAGES: readonly PageModule[] = [
  casesPage,
  casePage,
  attachmentPage,
];
