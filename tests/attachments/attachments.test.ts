// Transcript tests of attachments: a test flow whose step asks for a document, and photos and files
// sent to it through the webhook, their content served by the fake LINE's data API. What arrives is
// downloaded before the turn, typed by its first bytes, stored by hash and bound to the slot; what
// cannot be kept is refused politely or, when the download keeps failing, the user is told.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentPath, sha256Of } from '../../src/attachments/files';
import { SAY, wantedDocuments } from '../../src/flows/engine';
import { defaultEntries, defaultFlows } from '../../src/flows/registry';
import type { Entry, Flow } from '../../src/flows/types';
import type { AttachmentRow, InboxRow } from '../../src/db/schema';
import { q } from '../../src/db/sql';
import { PREPARE_ATTEMPTS, prepareBackoffMs } from '../../src/handlers/dispatcher';
import { text } from '../../src/line/messages';
import { setLogSink } from '../../src/log';
import {
  callback,
  clock,
  createTestBot,
  events,
  expectNoLineProblems,
  fake,
  Person,
  postWebhook,
  quickReplyActions,
  quickReplyLabels,
  texts,
  type TestBot,
} from '../support/harness';

const MAX_BYTES = 4096;
const ASK_MINUTES = 'ส่งรูปบันทึกการประชุม หรือไฟล์ PDF ได้เลยค่ะ';
const ASK_PHOTOS = 'ส่งรูปสมุดทะเบียนสมาชิกได้เลยค่ะ ส่งหลายรูปพร้อมกันได้';

/** A test flow: one step asks for a photo or PDF, the next for photos only, then it ends. */
const documentsFlow: Flow = {
  id: 'documents-test',
  version: 1,
  title: 'ส่งเอกสาร',
  start: () => ({ step: 'minutes' }),
  steps: {
    minutes: {
      ask: () => ({ messages: [text(ASK_MINUTES)], document: { slot: 'test.minutes', accept: ['image', 'pdf'], caseId: 42 } }),
      accept: (reply) => (reply.attachments?.length ? { ok: true, value: reply.attachments } : { ok: false, reason: 'ขอรูปหรือไฟล์ค่ะ' }),
      next: () => ({ step: 'register' }),
    },
    register: {
      ask: () => ({ messages: [text(ASK_PHOTOS)], document: { slot: 'test.register', accept: ['image'] } }),
      accept: (reply) => (reply.attachments?.length ? { ok: true, value: reply.attachments } : { ok: false, reason: 'ขอรูปค่ะ' }),
      next: (ctx) => ({ end: [text(`ครบแล้วค่ะ รูปทะเบียน ${(ctx.answers.register as number[]).length} รูป`)] }),
    },
  },
};
const documentsEntry: Entry = { id: 'documents-test', keywords: ['ส่งเอกสาร'], flow: 'documents-test' };

/** A step that needs two photos (the front and back of a card), sent one at a time. */
const twoPhotosFlow: Flow = {
  id: 'two-photos-test',
  version: 1,
  title: 'ส่งรูปบัตร',
  start: () => ({ step: 'card' }),
  steps: {
    card: {
      ask: () => ({ messages: [text('ส่งรูปบัตรด้านหน้าและด้านหลังค่ะ')], document: { slot: 'test.card', accept: ['image'], count: 2 } }),
      accept: (reply) => ({ ok: true, value: reply.attachments }),
      next: (ctx) => ({ end: [text(`ได้รูปบัตร ${(ctx.answers.card as number[]).length} รูปค่ะ`)] }),
    },
  },
};
const twoPhotosEntry: Entry = { id: 'two-photos-test', keywords: ['ส่งรูปบัตร'], flow: 'two-photos-test' };

const jpeg = (size = 600) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(800)]);
/** A Windows program (MZ header, NUL bytes) that its sender named "ใบสมัคร.pdf". */
const exe = () => Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), randomBytes(500)]);

let t: TestBot;
let logLines: string[];

beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  logLines = [];
  setLogSink((line) => logLines.push(line));
  t = await createTestBot({ env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) }, deps: { flows: [...defaultFlows, documentsFlow, twoPhotosFlow], entries: [...defaultEntries, documentsEntry, twoPhotosEntry] } });
});
afterEach(async () => {
  setLogSink(() => undefined);
  await t.close();
  expectNoLineProblems();
});

/** Put the photo or file on the fake LINE and return its message id. */
function upload(content: Buffer, contentType = 'image/jpeg'): string {
  const id = String(100000 + Math.floor(Math.random() * 1e9));
  fake.setContent(id, content, contentType);
  return id;
}

async function atMinutes(): Promise<Person> {
  const person = new Person(t);
  expect(texts(await person.say('ส่งเอกสาร'))).toEqual([ASK_MINUTES]);
  return person;
}

async function atRegister(): Promise<Person> {
  const person = await atMinutes();
  const reply = await person.image(upload(jpeg()));
  expect(texts(reply)).toEqual([SAY.photoReceived, ASK_PHOTOS]);
  return person;
}

const rowsOf = (userId: string) => t.db.all<AttachmentRow>(q`SELECT * FROM attachments WHERE user_id = ${userId} ORDER BY id`);
const contentCalls = () => fake.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/content'));
const inboxRows = () => t.db.all<InboxRow>(q`SELECT * FROM inbox WHERE type = 'message' ORDER BY received_at, event_id`);
const dir = () => t.config.attachments.dir;

describe('a step that asks for a document', () => {
  it('stores a photo by its hash, binds it to the slot and the case, and goes on', async () => {
    const yai = await atMinutes();
    const photo = jpeg();
    const reply = await yai.image(upload(photo));
    expect(texts(reply)).toEqual([SAY.photoReceived, ASK_PHOTOS]);
    const [row] = await rowsOf(yai.userId);
    expect(row).toMatchObject({ officeId: 'default', sha256: sha256Of(photo), mime: 'image/jpeg', bytes: photo.length, slot: 'test.minutes', caseId: 42 });
    expect(fs.readFileSync(contentPath(dir(), 'default', row!.sha256)).equals(photo)).toBe(true);
    expect(contentPath(dir(), 'default', row!.sha256)).toContain(`/default/${row!.sha256.slice(0, 2)}/${row!.sha256}`);
  });

  it('offers the camera and the photo album under a question that takes photos, and the way out', async () => {
    const yai = new Person(t);
    const reply = await yai.say('ส่งเอกสาร');
    expect(quickReplyActions(reply).map((a) => a.type)).toEqual(['camera', 'cameraRoll', 'postback']);
    expect(quickReplyLabels(reply)).toEqual([SAY.takePhoto, SAY.pickPhoto, 'ยกเลิก']);
  });

  it('answers a sticker kindly with what the step takes, and asks again; nothing is downloaded', async () => {
    const yai = await atMinutes();
    const reply = await yai.sticker();
    expect(texts(reply)).toEqual([SAY.mediaAtDocument('รูปถ่าย หรือไฟล์ PDF'), ASK_MINUTES]);
    expect(contentCalls()).toEqual([]);
    expect(await rowsOf(yai.userId)).toEqual([]);
  });

  it('answers typed words with how to send the document', async () => {
    const yai = await atMinutes();
    const reply = await yai.say('ส่งพรุ่งนี้นะ');
    expect(texts(reply)).toEqual([SAY.sendDocument('รูปถ่าย หรือไฟล์ PDF'), ASK_MINUTES]);
    expect(wantedDocuments({ slot: 'x', accept: ['image', 'xlsx', 'csv'] })).toBe('รูปถ่าย หรือไฟล์ Excel หรือไฟล์ CSV');
  });

  it('takes a PDF file, typed by its first bytes; its name is kept for staff and never logged', async () => {
    const yai = await atMinutes();
    const file = pdf();
    const reply = await yai.file(upload(file, 'application/octet-stream'), 'บันทึกประชุม นางสมศรี ใจดี.pdf', file.length);
    expect(texts(reply)).toEqual([SAY.fileReceived, ASK_PHOTOS]);
    const [row] = await rowsOf(yai.userId);
    expect(row).toMatchObject({ mime: 'application/pdf', fileName: 'บันทึกประชุม นางสมศรี ใจดี.pdf', slot: 'test.minutes' });
    expect(logLines.join('\n')).not.toContain('สมศรี');
    expect(logLines.some((line) => line.includes('"attachment stored"') && line.includes('"kind":"pdf"'))).toBe(true);
  });

  it('refuses a program renamed .pdf by its first bytes, keeps nothing, and asks again', async () => {
    const yai = await atMinutes();
    const reply = await yai.file(upload(exe(), 'application/pdf'), 'ใบสมัคร.pdf', 508);
    expect(texts(reply)).toEqual([SAY.documentWrongType('รูปถ่าย หรือไฟล์ PDF'), ASK_MINUTES]);
    expect(await rowsOf(yai.userId)).toEqual([]);
    expect(fs.existsSync(`${dir()}/default`)).toBe(false);
  });

  it('refuses a file over the size limit politely, without downloading it when LINE says its size', async () => {
    const yai = await atMinutes();
    const reply = await yai.file(upload(pdf()), 'big.pdf', MAX_BYTES + 1);
    expect(texts(reply)).toEqual([SAY.documentTooLarge('4 KB'), ASK_MINUTES]);
    expect(contentCalls()).toEqual([]);
  });

  it('stops downloading a photo that turns out larger than the limit, and says so', async () => {
    const yai = await atMinutes();
    const reply = await yai.image(upload(jpeg(MAX_BYTES + 10)));
    expect(texts(reply)).toEqual([SAY.documentTooLarge('4 KB'), ASK_MINUTES]);
    expect(await rowsOf(yai.userId)).toEqual([]);
  });

  it('counts a set of three photos arriving 3, 1, 2 and completes the step once', async () => {
    const yai = await atRegister();
    const set = { id: 'SET' + randomUUID(), total: 3 };
    const replies = [];
    for (const index of [3, 1, 2]) replies.push(await yai.image(upload(jpeg()), { ...set, index }));
    expect(replies.map(texts)).toEqual([[SAY.setProgress(1, 3)], [SAY.setProgress(2, 3)], [SAY.setProgress(3, 3), 'ครบแล้วค่ะ รูปทะเบียน 3 รูป']]);
    expect(quickReplyLabels(replies[0]!)).toEqual(['ย้อนกลับ', 'ยกเลิก']);
    const register = (await rowsOf(yai.userId)).filter((r) => r.slot === 'test.register');
    expect(register.map((r) => r.imageSetIndex)).toEqual([3, 1, 2]);
    // The progress messages keep the way out; after the step completed, a late photo is only media.
    const late = await yai.image(upload(jpeg()), { ...set, index: 2 });
    expect(texts(late)[0]).toBe(SAY.media);
    expect(fake.messagesTo(yai.userId).filter((m) => m.type === 'text' && m.text.startsWith('ครบแล้ว'))).toHaveLength(1);
  });

  it('counts single photos towards the number a step needs', async () => {
    const yai = new Person(t);
    await yai.say('ส่งรูปบัตร');
    const first = await yai.image(upload(jpeg()));
    expect(texts(first)).toEqual([SAY.countProgress(1, 2)]);
    expect(quickReplyLabels(first)).toEqual(['ยกเลิก']);
    expect(texts(await yai.image(upload(jpeg())))).toEqual([SAY.countProgress(2, 2), 'ได้รูปบัตร 2 รูปค่ะ']);
    expect((await rowsOf(yai.userId)).map((r) => r.slot)).toEqual(['test.card', 'test.card']);
  });

  it('keeps the same content once on disk when it is sent twice', async () => {
    const photo = jpeg();
    const a = await atMinutes();
    await a.image(upload(photo));
    const b = await atMinutes();
    await b.image(upload(photo));
    const rows = [...(await rowsOf(a.userId)), ...(await rowsOf(b.userId))];
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(1);
    expect(fs.readdirSync(`${dir()}/default/${rows[0]!.sha256.slice(0, 2)}`)).toEqual([rows[0]!.sha256]);
  });
});

describe('where no document is asked', () => {
  it('a photo gets the kind answer as before, and is not downloaded', async () => {
    const yai = new Person(t);
    const reply = await yai.image(upload(jpeg()));
    expect(texts(reply)[0]).toBe(SAY.media);
    expect(contentCalls()).toEqual([]);
  });
});

describe('a download that fails', () => {
  /** Let the backoff pass on the clock and wake the user's queue, as the dispatcher's timer would. */
  async function retry(person: Person, attempt: number) {
    clock.advance(prepareBackoffMs(attempt));
    t.bot.dispatcher.kick([{ officeId: 'default', chatKey: person.userId }]);
    await t.bot.idle();
  }

  it('is tried again after a backoff, leaving the event pending, and then stored once', async () => {
    const yai = await atMinutes();
    fake.failNext('content', 500);
    const id = upload(jpeg());
    expect(await yai.image(id)).toEqual([]);
    const [pending] = (await inboxRows()).slice(-1);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, retryAt: clock.now().getTime() + prepareBackoffMs(1) });
    // Not before its time.
    t.bot.dispatcher.kick([{ officeId: 'default', chatKey: yai.userId }]);
    await t.bot.idle();
    expect(await rowsOf(yai.userId)).toEqual([]);
    await retry(yai, 1);
    expect(texts(fake.messagesTo(yai.userId)).slice(-2)).toEqual([SAY.photoReceived, ASK_PHOTOS]);
    expect(await rowsOf(yai.userId)).toHaveLength(1);
    expect(contentCalls().map((c) => c.status)).toEqual([500, 200]);
  });

  it('wakes the user’s queue by itself when the backoff has passed', async () => {
    const yai = await atMinutes();
    fake.failNext('content', 429);
    await yai.image(upload(jpeg()));
    clock.advance(prepareBackoffMs(1));
    // The dispatcher's own timer (real time) runs the retry; nobody kicks the queue.
    await vi.waitFor(() => expect(texts(fake.messagesTo(yai.userId)).slice(-2)).toEqual([SAY.photoReceived, ASK_PHOTOS]), {
      timeout: prepareBackoffMs(1) + 5_000,
      interval: 100,
    });
  });

  it('keeps the user’s later messages behind it, in order', async () => {
    const yai = await atMinutes();
    fake.failNext('content', 503);
    await yai.image(upload(jpeg()));
    expect(await yai.say('ส่งแล้วนะ')).toEqual([]);
    await retry(yai, 1);
    const after = texts(fake.messagesTo(yai.userId)).slice(-4);
    expect(after).toEqual([SAY.photoReceived, ASK_PHOTOS, SAY.sendDocument('รูปถ่าย'), ASK_PHOTOS]);
  });

  it('that never succeeds tells the user it could not be saved and asks again; nothing else is lost', async () => {
    const yai = await atRegister();
    fake.failNext('content', 500, PREPARE_ATTEMPTS);
    await yai.image(upload(jpeg()));
    for (let attempt = 1; attempt < PREPARE_ATTEMPTS; attempt++) {
      expect(texts(fake.messagesTo(yai.userId)).at(-1)).toBe(ASK_PHOTOS);
      await retry(yai, attempt);
    }
    expect(texts(fake.messagesTo(yai.userId)).slice(-2)).toEqual([SAY.documentLost, ASK_PHOTOS]);
    expect(contentCalls().filter((c) => c.status === 500)).toHaveLength(PREPARE_ATTEMPTS);
    // The first step's photo is still bound; sending again works.
    expect((await rowsOf(yai.userId)).map((r) => r.slot)).toEqual(['test.minutes']);
    await yai.image(upload(jpeg()));
    expect(texts(fake.messagesTo(yai.userId)).slice(-2)).toEqual([SAY.photoReceived, 'ครบแล้วค่ะ รูปทะเบียน 1 รูป']);
  });

  it('whose content LINE no longer has (404) tells the user at once', async () => {
    const yai = await atMinutes();
    const reply = await yai.image('999999999');
    expect(texts(reply)).toEqual([SAY.documentLost, ASK_MINUTES]);
    expect(contentCalls().map((c) => c.status)).toEqual([404]);
  });
});

describe('a restart between the download and the turn', () => {
  it('uses the content already stored, without downloading again', async () => {
    const yai = await atMinutes();
    const id = upload(jpeg());
    // The process freezes as the turn begins (the download done, no transaction committed) and is
    // killed: its bot is dropped without waiting, and a new one starts on the same database.
    const transaction = t.db.transaction.bind(t.db);
    vi.spyOn(t.db, 'transaction')
      .mockImplementationOnce((work) => transaction(work)) // the webhook stores the event
      .mockImplementationOnce((work) => transaction(work)) // the worker reads it: a photo, to download first
      .mockImplementation(() => new Promise(() => undefined)); // the turn never comes
    expect((await postWebhook(t.bot, callback(events.image(yai.userId, id)))).status).toBe(200);
    await vi.waitFor(async () => {
      const [row] = await rowsOf(yai.userId);
      expect(row).toMatchObject({ slot: null });
      expect(fs.existsSync(contentPath(dir(), 'default', row!.sha256))).toBe(true);
    });
    expect((await inboxRows()).at(-1)).toMatchObject({ status: 'pending' });
    fake.forgetContent(id); // LINE's copy expired meanwhile
    const dead = t;
    dead.bot.stop();
    await dead.db.close();
    t = await createTestBot({
      file: dead.file,
      env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES), ATTACHMENTS_DIR: dead.config.attachments.dir },
      deps: { flows: [...defaultFlows, documentsFlow], entries: [...defaultEntries, documentsEntry] },
    });
    await t.bot.start();
    await t.bot.idle();
    expect(texts(fake.messagesTo(yai.userId)).slice(-2)).toEqual([SAY.photoReceived, ASK_PHOTOS]);
    expect(await rowsOf(yai.userId)).toMatchObject([{ slot: 'test.minutes' }]);
    expect(contentCalls()).toHaveLength(1);
  });
});

describe('deleting my data', () => {
  it('deletes the user’s attachment rows, and the content no other row refers to', async () => {
    const shared = jpeg();
    const own = pdf();
    const yai = await atMinutes();
    await yai.image(upload(shared));
    await yai.say('ยกเลิก');
    const ta = await atMinutes();
    await ta.file(upload(own), 'own.pdf', own.length);
    await ta.say('ยกเลิก');
    const other = await atMinutes();
    await other.image(upload(shared));
    await other.say('ยกเลิก');

    // ta sent `own`; yai and other both sent `shared`. ta and yai erase.
    for (const person of [ta, yai]) {
      await person.say('ลบข้อมูลของฉัน');
      await person.tap('ยืนยัน ลบข้อมูล');
      expect(await rowsOf(person.userId)).toEqual([]);
    }
    await vi.waitFor(() => expect(fs.existsSync(contentPath(dir(), 'default', sha256Of(own)))).toBe(false), { timeout: 5000 });
    expect(fs.existsSync(contentPath(dir(), 'default', sha256Of(shared)))).toBe(true);
    expect(await rowsOf(other.userId)).toHaveLength(1);
  });
});
