// A small stateful stand-in for LINE's rich menu endpoints, as msw handlers on the real hosts
// (https://api.line.me and https://api-data.line.me). It keeps menus, images, aliases and the default,
// answers like LINE does in the cases the deploy meets (404 for a missing alias/default/image, 415 for
// a missing image Content-Type, 400 for a second image upload or an image-less menu as default/alias),
// and records every call in order.
import { http, HttpResponse } from 'msw';
import { validateAgainstSpec } from '../support/line-spec';

const API = 'https://api.line.me';
const DATA = 'https://api-data.line.me';

export interface FakeMenu {
  definition: Record<string, unknown> & { name: string };
  image?: { bytes: Uint8Array; type: string };
}

export interface Call {
  method: string;
  url: string;
  /** method + path, e.g. "POST /v2/bot/richmenu" */
  route: string;
  contentType?: string | null;
  authorization?: string | null;
}

const MUTATING = /^(POST|DELETE) /;
const lineError = (status: number, message: string) => HttpResponse.json({ message }, { status, headers: { 'x-line-request-id': 'req-' + status } });

export class FakeLine {
  menus = new Map<string, FakeMenu>();
  aliases = new Map<string, string>();
  defaultId: string | undefined;
  calls: Call[] = [];
  /** Status to answer the next call of a route with (once), e.g. {'DELETE /v2/bot/richmenu/:id': 429}. */
  failNext = new Map<string, number>();
  private counter = 0;

  newId(): string {
    this.counter += 1;
    return `richmenu-${this.counter.toString(16).padStart(32, '0')}`;
  }

  /** Puts a menu on the fake LINE directly (not recorded as a call). */
  seed(definition: FakeMenu['definition'], image?: FakeMenu['image']): string {
    const id = this.newId();
    this.menus.set(id, { definition: structuredClone(definition), image });
    return id;
  }

  reset(): void {
    this.menus.clear();
    this.aliases.clear();
    this.defaultId = undefined;
    this.calls = [];
    this.failNext.clear();
  }

  /** Calls that change something on LINE (POST/DELETE other than validate). */
  changes(): string[] {
    return this.calls.map((c) => c.route).filter((r) => MUTATING.test(r) && r !== 'POST /v2/bot/richmenu/validate');
  }

  private record(request: Request, route: string): Response | undefined {
    this.calls.push({
      method: request.method,
      url: request.url,
      route,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
    });
    const status = this.failNext.get(route);
    if (status !== undefined) {
      this.failNext.delete(route);
      return lineError(status, status === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'Injected failure');
    }
    return undefined;
  }

  private response(id: string) {
    return { richMenuId: id, ...this.menus.get(id)!.definition };
  }

  handlers() {
    const route = (method: string, pattern: string) => `${method} ${pattern}`;
    return [
      http.post(`${API}/v2/bot/richmenu/validate`, async ({ request }) => {
        const failed = this.record(request, route('POST', '/v2/bot/richmenu/validate'));
        if (failed) return failed;
        const problems = validateAgainstSpec('richmenu', await request.json());
        return problems.length ? lineError(400, `The request body has ${problems.length} error(s): ${problems.join('; ')}`) : HttpResponse.json({});
      }),
      http.get(`${API}/v2/bot/richmenu/list`, ({ request }) => {
        const failed = this.record(request, route('GET', '/v2/bot/richmenu/list'));
        if (failed) return failed;
        return HttpResponse.json({ richmenus: [...this.menus.keys()].map((id) => this.response(id)) });
      }),
      http.post(`${API}/v2/bot/richmenu`, async ({ request }) => {
        const failed = this.record(request, route('POST', '/v2/bot/richmenu'));
        if (failed) return failed;
        const body = (await request.json()) as FakeMenu['definition'];
        if (validateAgainstSpec('richmenu', body).length) return lineError(400, 'The request body has errors');
        const id = this.newId();
        this.menus.set(id, { definition: body });
        return HttpResponse.json({ richMenuId: id });
      }),
      http.delete(`${API}/v2/bot/richmenu/:id`, ({ request, params }) => {
        const failed = this.record(request, route('DELETE', '/v2/bot/richmenu/:id'));
        if (failed) return failed;
        const id = String(params['id']);
        if (!this.menus.delete(id)) return lineError(404, 'Not found');
        if (this.defaultId === id) this.defaultId = undefined;
        return HttpResponse.json({});
      }),
      http.post(`${DATA}/v2/bot/richmenu/:id/content`, async ({ request, params }) => {
        const failed = this.record(request, route('POST', '/v2/bot/richmenu/:id/content'));
        if (failed) return failed;
        const type = request.headers.get('content-type');
        if (type !== 'image/png' && type !== 'image/jpeg') return lineError(415, 'Unsupported Media Type');
        const menu = this.menus.get(String(params['id']));
        if (!menu) return lineError(404, 'Not found');
        if (menu.image) return lineError(400, 'An image has already been uploaded to the richmenu');
        const bytes = new Uint8Array(await request.arrayBuffer());
        if (bytes.length > 1_000_000) return lineError(400, 'The image size is not allowed for richmenu');
        menu.image = { bytes, type };
        return HttpResponse.json({});
      }),
      http.get(`${DATA}/v2/bot/richmenu/:id/content`, ({ request, params }) => {
        const failed = this.record(request, route('GET', '/v2/bot/richmenu/:id/content'));
        if (failed) return failed;
        const image = this.menus.get(String(params['id']))?.image;
        if (!image) return lineError(404, 'Not found');
        return new HttpResponse(image.bytes.slice().buffer as ArrayBuffer, { headers: { 'content-type': image.type } });
      }),
      http.get(`${API}/v2/bot/richmenu/alias/list`, ({ request }) => {
        const failed = this.record(request, route('GET', '/v2/bot/richmenu/alias/list'));
        if (failed) return failed;
        return HttpResponse.json({ aliases: [...this.aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })) });
      }),
      http.get(`${API}/v2/bot/richmenu/alias/:alias`, ({ request, params }) => {
        const failed = this.record(request, route('GET', '/v2/bot/richmenu/alias/:alias'));
        if (failed) return failed;
        const alias = String(params['alias']);
        const target = this.aliases.get(alias);
        return target ? HttpResponse.json({ richMenuAliasId: alias, richMenuId: target }) : lineError(404, 'Not found');
      }),
      http.post(`${API}/v2/bot/richmenu/alias`, async ({ request }) => {
        const failed = this.record(request, route('POST', '/v2/bot/richmenu/alias'));
        if (failed) return failed;
        const { richMenuAliasId, richMenuId } = (await request.json()) as { richMenuAliasId: string; richMenuId: string };
        if (this.aliases.has(richMenuAliasId)) return lineError(400, 'conflict richmenu alias id');
        if (!this.menus.get(richMenuId)?.image) return lineError(400, 'richmenu not found or has no image');
        this.aliases.set(richMenuAliasId, richMenuId);
        return HttpResponse.json({});
      }),
      http.post(`${API}/v2/bot/richmenu/alias/:alias`, async ({ request, params }) => {
        const failed = this.record(request, route('POST', '/v2/bot/richmenu/alias/:alias'));
        if (failed) return failed;
        const alias = String(params['alias']);
        const { richMenuId } = (await request.json()) as { richMenuId: string };
        if (!this.aliases.has(alias)) return lineError(404, 'Not found');
        if (!this.menus.get(richMenuId)?.image) return lineError(400, 'richmenu not found or has no image');
        this.aliases.set(alias, richMenuId);
        return HttpResponse.json({});
      }),
      http.get(`${API}/v2/bot/user/all/richmenu`, ({ request }) => {
        const failed = this.record(request, route('GET', '/v2/bot/user/all/richmenu'));
        if (failed) return failed;
        return this.defaultId ? HttpResponse.json({ richMenuId: this.defaultId }) : lineError(404, 'no default richmenu');
      }),
      http.post(`${API}/v2/bot/user/all/richmenu/:id`, ({ request, params }) => {
        const failed = this.record(request, route('POST', '/v2/bot/user/all/richmenu/:id'));
        if (failed) return failed;
        const id = String(params['id']);
        if (!this.menus.get(id)?.image) return lineError(400, 'must upload richmenu image before applying it to user');
        this.defaultId = id;
        return HttpResponse.json({});
      }),
    ];
  }
}
