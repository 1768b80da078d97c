// Serves the web chat simulator page (page.html beside this file), read from disk once and cached.
import { readFileSync } from 'node:fs';

const PAGE_URL = new URL('./page.html', import.meta.url);

let cachedPage: string | undefined;

export function simulatorPageHtml(): string {
  cachedPage ??= readFileSync(PAGE_URL, 'utf8');
  return cachedPage;
}
