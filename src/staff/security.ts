// The workspace's protections that do not depend on a page: response headers that keep personal
// data out of caches and other sites, and the checks every POST passes (origin, CSRF token).
import type { Context, MiddlewareHandler } from 'hono';
import { sameSecret } from './sessions';

/**
 * Pages use no script at all and only the workspace's own stylesheet and images: anything injected
 * into a page can neither run nor load from elsewhere. Attachment responses set their own (they may
 * be framed by the workspace's own case page).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers on every /staff response; a handler that set its own Content-Security-Policy keeps it. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', PAGE_CSP);
  // Personal data is never kept by the browser or a proxy: not on disk, not in the back button.
  headers.set('Cache-Control', 'no-store');
  headers.set('Pragma', 'no-cache');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
};

/**
 * A POST from another site is refused before its token is even looked at (defence in depth beside
 * SameSite=Strict and the token): browsers say where a request comes from in Sec-Fetch-Site and Origin.
 */
export function fromThisSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) {
    // Behind a proxy the request URL may be http://localhost while the browser says https://…
    const forwarded = c.req.header('x-forwarded-host') ?? c.req.header('host');
    if (!forwarded || new URL(origin).host !== forwarded) return false;
  }
  return true;
}

/** The form's CSRF token (hidden field `_csrf`, or header X-CSRF-Token) equals the session's. */
export async function csrfOk(c: Context, expected: string): Promise<boolean> {
  let given = c.req.header('x-csrf-token');
  if (!given) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      const field = body._csrf;
      given = typeof field === 'string' ? field : undefined;
    }
  }
  return given !== undefined && sameSecret(given, expected);
}
