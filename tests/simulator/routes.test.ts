// The simulator's server side with the real app: a pretend user's event is signed and goes through
// /webhook, and the bot's answer comes back from the fake LINE API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { q } from '../../src/db/sql';
import { createTestBot, expectNoLineProblems, fake, officeToken, type TestBot } from '../support/harness';

let t: TestBot;
const USER = 'U' + '1'.repeat(32);

beforeEach(async () => {
  fake.reset();
  // Simulator mode: no LINE credentials (the harness's LINE client still reaches the fake through msw).
  t = await createTestBot({ env: { SIMULATOR: 'on', LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '' }, deps: { fakeLine: fake } });
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

async function send(body: unknown): Promise<Response> {
  const response = await t.bot.app.request('/simulator/api/send', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await t.bot.idle();
  return response;
}

async function messages(after = 0): Promise<{ seq: number; via: string; message: { type: string; text?: string } }[]> {
  const response = await t.bot.app.request(`/simulator/api/messages?userId=${USER}&after=${after}`);
  return ((await response.json()) as { items: never[] }).items;
}

describe('simulator API', () => {
  it('serves the page', async () => {
    const response = await t.bot.app.request('/simulator');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html');
  });

  it('sends a follow through the signed webhook and shows the greeting by display name', async () => {
    expect((await send({ userId: USER, displayName: 'ยายสมศรี', event: { type: 'follow' } })).status).toBe(200);
    expect(await t.db.all(q`SELECT event_id FROM inbox`)).toHaveLength(1);
    const items = await messages();
    expect(items[0]!.via).toBe('reply');
    expect(items[0]!.message.text).toContain('คุณยายสมศรี');
  });

  it('answers typed text and a tapped postback, and lists only newer messages after a seq', async () => {
    await send({ userId: USER, displayName: 'ตาสม', event: { type: 'text', text: 'ติดต่อ' } });
    const first = await messages();
    expect(first.map((i) => i.message.type)).toEqual(['text', 'location']);
    await send({ userId: USER, displayName: 'ตาสม', event: { type: 'postback', data: 'a=cmd&c=menu' } });
    const newer = await messages(first.at(-1)!.seq);
    expect(newer).toHaveLength(1);
    expect(newer[0]!.message.text).toContain('เลือกบริการ');
  });

  it('serves a sent picture and file from the fake LINE under the message id the webhook event carries', async () => {
    const kept = vi.spyOn(fake, 'setContent');
    const pdf = Buffer.from('%PDF-1.7\nminutes\n');
    await send({ userId: USER, displayName: 'ตาสม', event: { type: 'file', fileName: 'minutes.pdf', content: pdf.toString('base64'), contentType: 'application/pdf' } });
    await send({ userId: USER, displayName: 'ตาสม', event: { type: 'image' } });
    expect(await t.db.all(q`SELECT type FROM inbox`)).toHaveLength(2);
    // Nothing is downloaded where no document is asked; the fake keeps what the events point at.
    expect(fake.calls.filter((c) => c.path.endsWith('/content'))).toEqual([]);
    const [fileId, imageId] = kept.mock.calls.map(([id]) => id);
    const auth = { headers: { authorization: `Bearer ${officeToken('default')}` } };
    const file = await fake.app.request(`/v2/bot/message/${fileId}/content`, auth);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const image = await fake.app.request(`/v2/bot/message/${imageId}/content`, auth);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    kept.mockRestore();
  });

  it('refuses a file without a name or with content that is not base64', async () => {
    expect((await send({ userId: USER, event: { type: 'file', content: 'JVBERi0=' } })).status).toBe(400);
    expect((await send({ userId: USER, event: { type: 'file', fileName: 'a.pdf', content: 'not base64!' } })).status).toBe(400);
  });

  it('lists the pretend users and the office', async () => {
    await send({ userId: USER, displayName: 'ตาสม', event: { type: 'sticker' } });
    const info = (await (await t.bot.app.request('/simulator/api/info')).json()) as { officeName: string; users: unknown[] };
    expect(info).toEqual({ officeName: t.bot.services.office.office.name, users: [{ userId: USER, displayName: 'ตาสม' }] });
  });

  it('rejects a malformed event with 400 and sends nothing', async () => {
    const response = await send({ userId: 'not-a-user', event: { type: 'text', text: 'x' } });
    expect(response.status).toBe(400);
    expect(fake.calls).toHaveLength(0);
  });

  it('is not served when the simulator is off', async () => {
    const off = await createTestBot();
    expect((await off.bot.app.request('/simulator')).status).toBe(404);
    await off.close();
  });
});

describe('simulator API with several offices', () => {
  it('lists the offices, sends to the one picked, and shows only what that office sent', async () => {
    await t.close();
    t = await createTestBot({ offices: ['a', 'b'], env: { SIMULATOR: 'on', LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '' }, deps: { fakeLine: fake } });
    const info = (await (await t.bot.app.request('/simulator/api/info')).json()) as { offices: { id: string }[] };
    expect(info.offices.map((o) => o.id)).toEqual(['a', 'b']);
    expect((await send({ userId: USER, office: 'b', event: { type: 'text', text: 'ติดต่อ' } })).status).toBe(200);
    expect(await t.db.all(q`SELECT office_id FROM inbox`)).toEqual([{ officeId: 'b' }]);
    const of = async (office: string) =>
      ((await (await t.bot.app.request(`/simulator/api/messages?userId=${USER}&after=0&office=${office}`)).json()) as { items: unknown[] }).items;
    expect(await of('b')).toHaveLength(2);
    expect(await of('a')).toEqual([]);
    expect((await send({ userId: USER, office: 'zz', event: { type: 'sticker' } })).status).toBe(400);
  });
});
