// The shapes every flow is written in. A flow is a set of steps with stable string ids; each step
// asks one question, accepts or rejects an answer with a reason, and names the next step.
import type { DocumentRequest, ReceivedAttachment } from '../attachments/types';
import type { Sql } from '../db/sql';
import type { Message, QuickReplyItem } from '../line/messages';
import type { OfficeProfile } from '../office/profile';

/** What the user did, after the handlers have turned a LINE event into something a flow reads. */
export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string; params?: { date?: string; time?: string; datetime?: string } }
  /** Stickers, images, voice notes, files, locations: the bot answers kindly but cannot read them. */
  | { kind: 'media'; media: string }
  /** A photo or file sent at a step that asks for a document, already downloaded and checked (or not). */
  | { kind: 'attachment'; attachment: ReceivedAttachment };

export type Answers = Record<string, unknown>;

export interface Choice {
  value: string;
  /** Button label (≤20 characters; longer labels are cut). */
  label: string;
  /** Other words a user may type for this choice. */
  keywords?: readonly string[];
}

export interface Services {
  office: OfficeProfile;
  isStaff(tx: Sql, userId: string): Promise<boolean>;
  staffInviteCode?: string;
  /** Where the files users send are stored (config ATTACHMENTS_DIR), for steps that read them (member lists). */
  attachmentsDir?: string;
  /** The staff workspace's public address and how long a sign-in link lasts; unset: no links can be sent. */
  workspace?: { baseUrl: string; signInLinkMs: number };
  /**
   * Called when a turn made someone staff (or ended it): the staff rich menu follows at once. Like
   * afterErasure, the dispatcher runs it only after the turn has committed.
   */
  staffChanged?(userId: string): void;
  /** Called when a turn erased a user's data; the dispatcher passes it on once the turn has committed (checkpoint, files on disk). */
  afterErasure?(): void;
}

export interface FlowContext {
  /** The turn's transaction: every store call a step makes is part of it. */
  tx: Sql;
  userId: string;
  now: Date;
  answers: Answers;
  services: Services;
  /**
   * Postback data that answers the current question with `value`, for buttons a step draws itself
   * (e.g. a Flex list of times). The value must be one of the question's `choices`.
   */
  answerData(value: string): string;
}

export interface Question {
  messages: Message[];
  choices?: readonly Choice[];
  /** Offer LINE's date picker (answers arrive as `reply.date`, "YYYY-MM-DD"). */
  datePicker?: { label: string; initial?: string; min?: string; max?: string };
  /** Accept free text (names, phone numbers, dates). Choice-only questions re-ask on other text. */
  acceptsText?: boolean;
  /**
   * The step draws its choices as buttons inside its own messages (with `ctx.answerData`), e.g. when
   * there are more than fit in quick replies; the engine then adds only the way-out buttons.
   */
  choicesInMessages?: boolean;
  /** With `choicesInMessages`: the values of the choices still offered as quick replies too (e.g. the next step). */
  quickChoices?: readonly string[];
  /**
   * The step asks for a document: a photo or file the user sends is downloaded, checked against
   * `accept`, stored and bound to `slot`; the step's `accept` then gets `reply.attachments`.
   * Without it, photos and files get the kind answer every step gives them.
   */
  document?: DocumentRequest;
}

export interface Reply {
  choice?: Choice;
  text?: string;
  date?: string;
  /** For a step that asks for a document: the ids of the attachments it received (src/attachments/store.ts). */
  attachments?: number[];
}

export type Accepted = { ok: true; value: unknown; say?: Message[] } | { ok: false; reason: string };

/** Where to go after a step: another step, or the end of the flow with a closing reply. */
export type Next = { step: string; say?: Message[] } | { end: Message[]; then?: { flow: string; params?: Record<string, string> } };

/** A step's answer, now or after awaiting store calls on ctx.tx. */
export type MaybePromise<T> = T | Promise<T>;

export interface Step {
  ask(ctx: FlowContext): MaybePromise<Question>;
  accept(reply: Reply, ctx: FlowContext): MaybePromise<Accepted>;
  next(ctx: FlowContext): MaybePromise<Next>;
}

export interface Flow {
  id: string;
  /** Bump when steps change meaning; rows saved under an older version meet `onOutdated`. */
  version: number;
  /** Short Thai name, used in "continue with …?" */
  title: string;
  steps: Record<string, Step>;
  /**
   * Sets up the answers and picks the first step. May refuse (e.g. staff-only) with a reply, or hands
   * over to another flow at once (e.g. the groups hub opening the section a push's button named).
   */
  start(
    ctx: FlowContext,
    params: Record<string, string>,
  ): MaybePromise<{ step: string; answers?: Answers } | { refuse: Message[] } | { then: { flow: string; params?: Record<string, string> } }>;
  /** Policy for a saved row whose version or step no longer exists: migrate it, or restart (default). */
  migrate?(saved: { version: number; step: string; answers: Answers }): { step: string; answers: Answers } | undefined;
  /** Only staff may run this flow; the engine refuses everyone else, whatever the postback says. */
  staffOnly?: boolean;
}

/** Something the main menu or typed words can lead to: a flow, or a one-shot answer. */
export interface Entry {
  id: string;
  /** Button label in the main menu; entries without one are reachable by words or buttons only. */
  menuLabel?: string;
  menuOrder?: number;
  keywords: readonly string[];
  staffOnly?: boolean;
  /** Start this flow… */
  flow?: string;
  /** …with these parameters (e.g. the allowance a keyword named). */
  params?: Record<string, string>;
  /** …or answer at once (or, with `Routed`, say something and start a flow: a button that lands in the right place). */
  respond?(ctx: FlowContext, params: Record<string, string>): MaybePromise<Message[] | Routed>;
}

/**
 * An entry's answer that starts a flow after saying `say` (e.g. the applicant's case button going
 * into the section staff reopened). A flow that is not registered gets `otherwise` instead.
 */
export interface Routed {
  say?: Message[];
  then: { flow: string; params?: Record<string, string> };
  otherwise?: Message[];
}

export type { Message, QuickReplyItem };
