// The attachments table: one row per photo or file message kept, bound to a document slot by the
// turn that accepts it. Every statement is per office (the tenancy convention).
import type { AttachmentRow } from '../db/schema';
import { isIn, q, type Sql } from '../db/sql';
import type { ImageSet } from './types';

export function findByMessage(db: Sql, office: string, messageId: string): Promise<AttachmentRow | undefined> {
  return db.get<AttachmentRow>(q`SELECT * FROM attachments WHERE office_id = ${office} AND message_id = ${messageId}`);
}

export interface NewAttachment {
  messageId: string;
  userId: string;
  sha256: string;
  mime: string;
  bytes: number;
  fileName?: string;
  imageSet?: ImageSet;
}

/** Record a downloaded attachment (not yet bound). The same message twice keeps the first row. */
export async function recordAttachment(db: Sql, office: string, a: NewAttachment, now: number): Promise<AttachmentRow> {
  await db.run(q`
    INSERT INTO attachments (office_id, message_id, user_id, sha256, mime, bytes, file_name, image_set_id, image_set_index, image_set_total, created_at)
    VALUES (${office}, ${a.messageId}, ${a.userId}, ${a.sha256}, ${a.mime}, ${a.bytes}, ${a.fileName ?? null},
      ${a.imageSet?.id ?? null}, ${a.imageSet?.index ?? null}, ${a.imageSet?.total ?? null}, ${now})
    ON CONFLICT DO NOTHING`);
  return (await findByMessage(db, office, a.messageId))!;
}

/** Bind the attachment to the slot it answers (and the case, when the step names one). */
export async function bindAttachment(tx: Sql, office: string, id: number, userId: string, slot: string, caseId: number | undefined): Promise<void> {
  await tx.run(q`UPDATE attachments SET slot = ${slot}, case_id = ${caseId ?? null} WHERE office_id = ${office} AND id = ${id} AND user_id = ${userId}`);
}

/** Drop an attachment no step took (the conversation moved on before its turn): its content is swept later. */
export async function forgetUnbound(tx: Sql, office: string, id: number): Promise<void> {
  await tx.run(q`DELETE FROM attachments WHERE office_id = ${office} AND id = ${id} AND slot IS NULL`);
}

/** How many photos of one image set the user has had bound to this slot (each index counted once). */
export async function countInSet(tx: Sql, office: string, userId: string, setId: string, slot: string): Promise<number> {
  const row = await tx.get<{ n: number | string }>(q`
    SELECT COUNT(DISTINCT image_set_index) AS n FROM attachments
    WHERE office_id = ${office} AND user_id = ${userId} AND image_set_id = ${setId} AND slot = ${slot}`);
  return Number(row?.n ?? 0);
}

/** The attachments of one slot, oldest first (for the step that collected them, and for staff). */
export function attachmentsIn(db: Sql, office: string, ids: readonly number[]): Promise<AttachmentRow[]> {
  return db.all<AttachmentRow>(q`SELECT * FROM attachments WHERE office_id = ${office} AND id ${isIn(ids)} ORDER BY id`);
}

/** Erasure: the user's attachment rows go; their content is removed once nothing else refers to it. */
export async function eraseAttachments(tx: Sql, office: string, userId: string): Promise<void> {
  await tx.run(q`DELETE FROM attachments WHERE office_id = ${office} AND user_id = ${userId}`);
}

/** Of these contents, the ones some row of the office still refers to. */
export async function referencedHashes(db: Sql, office: string, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.all<{ sha256: string }>(q`SELECT DISTINCT sha256 FROM attachments WHERE office_id = ${office} AND sha256 ${isIn(hashes)}`);
  return new Set(rows.map((r) => r.sha256));
}

/** How many attachments are bound to a case (the staff notice says so). */
export async function countForCase(db: Sql, office: string, caseId: number): Promise<number> {
  const row = await db.get<{ n: number | string }>(q`SELECT COUNT(*) AS n FROM attachments WHERE office_id = ${office} AND case_id = ${caseId} AND slot IS NOT NULL`);
  return Number(row?.n ?? 0);
}
