// The shapes attachments are talked about in: what a step asks for, and what the handler received.

/** What a step can accept. `image` is a JPEG or PNG photo; `xlsx` an Excel workbook; `csv` plain text. */
export type DocumentKind = 'image' | 'pdf' | 'xlsx' | 'csv';

/** A step's request for a document (flows/types.ts Question.document). */
export interface DocumentRequest {
  /** The document slot the attachment answers, e.g. "group.minutes". */
  slot: string;
  accept: readonly DocumentKind[];
  /** How many the step needs before it is done (default 1). A set of photos sent at once completes when all of it is in. */
  count?: number;
  /** The case (src/cases/) the slot belongs to, when the step is part of one. */
  caseId?: number;
}

export interface ImageSet {
  id: string;
  /** 1-based, as LINE numbers them. */
  index: number;
  total: number;
}

/**
 * What became of an image or file message at a step that asks for a document, decided before the
 * turn: `stored` (downloaded, checked and kept; the row exists, not yet bound to a slot), `refused`
 * (not a kind the step accepts, or over the size limit: nothing kept), or `lost` (LINE no longer has
 * the content, or every download attempt failed: the user must send it again).
 */
export type ReceivedAttachment =
  | { status: 'stored'; id: number; kind: DocumentKind; bytes: number; imageSet?: ImageSet }
  | { status: 'refused'; problem: 'type'; kind?: DocumentKind }
  | { status: 'refused'; problem: 'tooLarge'; maxBytes: number }
  | { status: 'lost'; problem: 'gone' | 'failed' };
