// Receiving a photo or file at a step that asks for a document, before the turn (the handler's
// prepare phase, outside the transaction: LINE deletes content after a while, so it is fetched at
// once). Downloaded with a size limit, its kind decided by its first bytes, recorded, and stored by
// content hash. A download that may succeed later throws RetryLater: the event stays in the inbox
// and is tried again with backoff (handlers/dispatcher.ts); the last attempt reports it lost.
import type { Sql } from '../db/sql';
import type { LineApi } from '../line/client';
import { log } from '../log';
import { contentExists, sha256Of, storeContent } from './files';
import { detectKind, MIME } from './kinds';
import { findByMessage, recordAttachment } from './store';
import type { DocumentKind, DocumentRequest, ImageSet, ReceivedAttachment } from './types';

export interface AttachmentSettings {
  dir: string;
  maxBytes: number;
}

export interface ReceiveContext {
  db: Sql;
  line: LineApi;
  office: string;
  settings: AttachmentSettings;
  now: number;
  /** No attempt comes after this one: a failed download is reported to the user, not retried. */
  lastAttempt: boolean;
}

/** What the handler knows of an image or file message (the webhook's fields, as LINE sends them). */
export interface IncomingContent {
  messageId: string;
  userId: string;
  type: 'image' | 'file';
  fileName?: string;
  fileSize?: number;
  imageSet?: ImageSet;
  /** 'external': the picture lives elsewhere and LINE's content API cannot serve it. */
  provider?: string;
}

/** The download failed in a way a later attempt may get past (an outage, a timeout): try the event again later. */
export class RetryLater extends Error {
  override name = 'RetryLater';
}

function kindOfMime(mime: string): DocumentKind | undefined {
  if (mime === 'image/jpeg' || mime === 'image/png') return 'image';
  return (Object.keys(MIME) as DocumentKind[]).find((kind) => MIME[kind] === mime);
}

export async function receiveAttachment(incoming: IncomingContent, request: DocumentRequest, ctx: ReceiveContext): Promise<ReceivedAttachment> {
  const { db, office, settings } = ctx;
  const stored = (id: number, kind: DocumentKind, bytes: number): ReceivedAttachment => ({
    status: 'stored',
    id,
    kind,
    bytes,
    ...(incoming.imageSet && { imageSet: incoming.imageSet }),
  });
  // Tried before (a restart between the download and the turn, or a turn that failed): use what is kept.
  const known = await findByMessage(db, office, incoming.messageId);
  const knownKind = known && kindOfMime(known.mime);
  if (known && knownKind && (await contentExists(settings.dir, office, known.sha256))) return stored(known.id, knownKind, known.bytes);

  if (incoming.provider === 'external') return { status: 'lost', problem: 'gone' };
  // A file message says its size: one too large is refused without fetching it.
  if (incoming.fileSize !== undefined && incoming.fileSize > settings.maxBytes) return { status: 'refused', problem: 'tooLarge', maxBytes: settings.maxBytes };
  const outcome = await ctx.line.content(incoming.messageId, settings.maxBytes);
  if (!outcome.ok) {
    log.info('attachment not downloaded', { type: incoming.type, problem: outcome.problem, status: outcome.status, last: ctx.lastAttempt });
    if (outcome.problem === 'tooLarge') return { status: 'refused', problem: 'tooLarge', maxBytes: settings.maxBytes };
    if (outcome.problem === 'gone') return { status: 'lost', problem: 'gone' };
    if (!ctx.lastAttempt) throw new RetryLater(`content download failed (${outcome.status ?? 'network'})`);
    return { status: 'lost', problem: 'failed' };
  }
  const detected = detectKind(outcome.content);
  if (!detected || !request.accept.includes(detected.kind)) {
    log.info('attachment refused', { type: incoming.type, detected: detected?.kind ?? 'unknown', bytes: outcome.content.length });
    return { status: 'refused', problem: 'type', ...(detected && { kind: detected.kind }) };
  }
  // The row first, then the content: content on disk without a row is garbage the sweep may remove.
  const row = await recordAttachment(
    db,
    office,
    {
      messageId: incoming.messageId,
      userId: incoming.userId,
      sha256: sha256Of(outcome.content),
      mime: detected.mime,
      bytes: outcome.content.length,
      ...(incoming.fileName !== undefined && { fileName: incoming.fileName }),
      ...(incoming.imageSet && { imageSet: incoming.imageSet }),
    },
    ctx.now,
  );
  await storeContent(settings.dir, office, outcome.content);
  log.info('attachment stored', { kind: detected.kind, bytes: outcome.content.length, inSet: incoming.imageSet !== undefined });
  return stored(row.id, detected.kind, row.bytes);
}
