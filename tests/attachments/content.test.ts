// The LINE client's content download, against msw on a data API host of its own (not api.line.me):
// the bytes, the limit that stops a download, and each failure sorted into gone / try again.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLineClient } from '../../src/line/client';
import { setLogSink } from '../../src/log';

const DATA_API = 'https://data-api.test';
const line = createLineClient({ channelAccessToken: 'token', apiBaseUrl: 'https://api.test', dataApiBaseUrl: DATA_API });
const served = new Map<string, () => Response>();
const server = setupServer(
  http.get(`${DATA_API}/v2/bot/message/:id/content`, ({ params, request }) => {
    if (request.headers.get('authorization') !== 'Bearer token') return new HttpResponse(null, { status: 401 });
    return served.get(String(params.id))?.() ?? HttpResponse.json({ message: 'Not found' }, { status: 404 });
  }),
);

beforeAll(() => {
  setLogSink(() => undefined);
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => served.clear());
afterAll(() => server.close());

describe('content(messageId, maxBytes)', () => {
  it('returns the bytes from the data API host, with their content type', async () => {
    const bytes = Buffer.from('%PDF-1.7 hello');
    served.set('1', () => new HttpResponse(bytes, { headers: { 'content-type': 'application/pdf' } }));
    expect(await line.content('1', 1000)).toEqual({ ok: true, content: bytes, contentType: 'application/pdf' });
  });

  it('stops at the limit', async () => {
    served.set('2', () => new HttpResponse(Buffer.alloc(5000, 1)));
    expect(await line.content('2', 4999)).toEqual({ ok: false, problem: 'tooLarge' });
    expect((await line.content('2', 5000)).ok).toBe(true);
  });

  it('calls 404 and 410 gone, and 500, 429 and 202 (not ready yet) worth trying again', async () => {
    served.set('410', () => HttpResponse.json({ message: 'The content is gone' }, { status: 410 }));
    served.set('500', () => HttpResponse.json({ message: 'error' }, { status: 500 }));
    served.set('429', () => HttpResponse.json({ message: 'rate' }, { status: 429 }));
    served.set('202', () => new HttpResponse(null, { status: 202 }));
    expect(await line.content('404', 10)).toEqual({ ok: false, problem: 'gone', status: 404 });
    expect(await line.content('410', 10)).toEqual({ ok: false, problem: 'gone', status: 410 });
    expect(await line.content('500', 10)).toEqual({ ok: false, problem: 'failed', status: 500 });
    expect(await line.content('429', 10)).toEqual({ ok: false, problem: 'failed', status: 429 });
    expect(await line.content('202', 10)).toMatchObject({ ok: false, problem: 'failed' });
  });

  it('calls a network failure worth trying again', async () => {
    served.set('net', () => HttpResponse.error());
    expect(await line.content('net', 10)).toEqual({ ok: false, problem: 'failed' });
  });
});
