// The conversation engine: global commands first (ยกเลิก, เมนู, ย้อนกลับ, ช่วยเหลือ), then the active
// flow's current step — parse, validate, then the next step or the same question with a reason.
// It runs inside the one database transaction that also stores the reply (steps may await store
// calls on ctx.tx), so state and what the user is told can never disagree.
import { bindAttachment, countInSet, forgetUnbound } from '../attachments/store';
import type { DocumentKind, DocumentRequest, ReceivedAttachment } from '../attachments/types';
import { loadConversation, saveConversation, type ConversationState } from '../db/conversations';
import type { Sql } from '../db/sql';
import {
  cameraAction,
  cameraRollAction,
  datePickerAction,
  postbackAction,
  quickItem,
  text,
  withQuickReply,
  type Message,
  type QuickReplyItem,
} from '../line/messages';
import { LINE_LIMITS } from '../line/limits';
import { keywordKey, keywordKeys, matchesKeyword } from '../thai/normalize';
import { COMMAND_LABELS, HELP_OFFERS_ENTRY, commandOf, resumeChoiceOf } from './commands';
import { handoffTurn } from './handoff';
import { contactMessages } from './contact';
import { parsePostback, postback, type GlobalCommand } from './postback';
import type { Choice, Entry, Flow, FlowContext, Input, Question, Reply, Routed, Services } from './types';

/** Misses in a row at one question before the bot offers help and the way out. */
export const MAX_ATTEMPTS = 3;
/** LINE takes at most five messages in one reply. */
const MAX_REPLY_MESSAGES = 5;
const DATE_VALUE = '__date';

export const SAY = {
  menu: 'เลือกบริการที่ต้องการได้เลยค่ะ 👇',
  notUnderstood: 'ขออภัยค่ะ ยังไม่เข้าใจข้อความนี้ ลองเลือกจากปุ่มด้านล่างได้เลยค่ะ',
  pickAButton: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ',
  stale: 'ปุ่มนี้เป็นของข้อความเก่า ใช้ไม่ได้แล้วค่ะ',
  unknownButton: 'ขออภัยค่ะ ปุ่มนี้ใช้ไม่ได้แล้ว',
  media: 'ขอบคุณค่ะ 🙏 ตอนนี้บอทอ่านได้เฉพาะข้อความและปุ่มนะคะ',
  cancelled: (title: string) => `ยกเลิกเรื่อง${title}แล้วค่ะ`,
  nothingToCancel: 'ตอนนี้ไม่มีเรื่องที่ค้างอยู่ค่ะ',
  firstQuestion: 'นี่เป็นคำถามแรกแล้วค่ะ',
  wentBack: 'ย้อนกลับไปข้อก่อนหน้าค่ะ',
  tooManyMisses: 'ถ้าไม่สะดวกตอบ กด "ช่วยเหลือ" เพื่อดูเบอร์โทรเจ้าหน้าที่ หรือ "ยกเลิก" เพื่อกลับเมนูได้เลยค่ะ',
  helpInFlow: (title: string, person: boolean) =>
    `ตอนนี้กำลังทำเรื่อง${title}อยู่ค่ะ ตอบคำถามด้านล่างต่อได้เลย หรือพิมพ์ "ยกเลิก" เพื่อเลิก` +
    (person ? '\nถ้าอยากฝากคำถามถึงเจ้าหน้าที่ พิมพ์ "คุยกับเจ้าหน้าที่" ได้เลยค่ะ' : ''),
  idle: (title: string) => `เมื่อก่อนหน้านี้คุยเรื่อง${title}ค้างไว้ค่ะ จะทำต่อจากเดิม หรือเริ่มใหม่ดีคะ`,
  outdated: 'ขออภัยค่ะ ขั้นตอนนี้เพิ่งมีการปรับปรุง ขอเริ่มใหม่อีกครั้งนะคะ',
  flowGone: 'ขออภัยค่ะ เรื่องที่คุยค้างไว้ไม่มีให้บริการแล้ว',
  staffOnly: 'ขออภัยค่ะ เมนูนี้สำหรับเจ้าหน้าที่เท่านั้น',
  greeting: 'สวัสดีค่ะ 😊 ยินดีให้บริการค่ะ',
  /** Answer to a hello, and to a thank-you, said in the middle of a question. */
  smallTalkHello: 'สวัสดีค่ะ 😊 ขอถามต่ออีกนิดนะคะ',
  smallTalkThanks: 'ยินดีค่ะ 😊 ขอถามต่ออีกนิดนะคะ',
  /** A sticker, voice note or video where a document is asked for. */
  mediaAtDocument: (wanted: string) => `ขอบคุณค่ะ 🙏 ขั้นนี้ขอเป็น${wanted}นะคะ`,
  /** Words typed where a document is asked for. */
  sendDocument: (wanted: string) => `ขั้นนี้ขอเป็น${wanted}ค่ะ ส่งได้จากปุ่ม + หรือรูปภาพ ข้างช่องพิมพ์ข้อความค่ะ`,
  documentWrongType: (wanted: string) => `ขออภัยค่ะ ไฟล์นี้ไม่ใช่ชนิดที่รับค่ะ ขั้นนี้ขอเป็น${wanted}นะคะ`,
  documentTooLarge: (limit: string) => `ขออภัยค่ะ ไฟล์นี้ใหญ่เกิน ${limit} ค่ะ ลองส่งรูปที่เล็กลง หรือแบ่งส่งทีละไฟล์นะคะ`,
  documentLost: 'ขออภัยค่ะ บันทึกรูปหรือไฟล์ที่ส่งมาเมื่อครู่ไม่สำเร็จ 🙏 รบกวนส่งใหม่อีกครั้งนะคะ',
  photoReceived: 'ได้รับรูปแล้วค่ะ 🙏',
  fileReceived: 'ได้รับไฟล์แล้วค่ะ 🙏',
  /** Progress within a set of photos sent at once, or towards the count a step needs. */
  setProgress: (received: number, total: number) => `ได้รับรูปแล้ว ${received}/${total} ค่ะ`,
  countProgress: (received: number, total: number) => `ได้รับแล้ว ${received}/${total} ค่ะ${received < total ? ' ส่งต่อได้เลยค่ะ' : ''}`,
  takePhoto: '📷 ถ่ายรูป',
  pickPhoto: '🖼️ เลือกรูป',
};

const KIND_NAMES: Record<DocumentKind, string> = { image: 'รูปถ่าย', pdf: 'ไฟล์ PDF', xlsx: 'ไฟล์ Excel', csv: 'ไฟล์ CSV' };

/** "รูปถ่าย หรือไฟล์ PDF": what a document step takes, in words. */
export function wantedDocuments(request: DocumentRequest): string {
  return request.accept.map((kind) => KIND_NAMES[kind]).join(' หรือ');
}

/** "10 MB", "2.5 MB", "4 KB": a size limit as people read it. */
function sizeInWords(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.floor(mb * 10) / 10} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** Where the photos and files a step has received so far are kept until the step has all it needs. */
const RECEIVED_KEY = '~attachments';
interface Received {
  step: string;
  revision: number;
  ids: number[];
}

const GREETINGS = ['สวัสดี', 'หวัดดี', 'ดีค่ะ', 'ดีครับ', 'hello', 'hi'];
/** Said in the middle of a question: answered warmly, then the question again (no miss counted). */
const SMALL_TALK_HELLO = ['สวัสดี', 'หวัดดี', 'hello'];
const SMALL_TALK_THANKS = ['ขอบคุณ', 'ขอบใจ', 'thank'];

/** The warm answer to small talk, or undefined when the words are not small talk. */
function smallTalkAnswer(words: string | undefined): string | undefined {
  if (words === undefined) return undefined;
  if (matchesKeyword(words, SMALL_TALK_THANKS)) return SAY.smallTalkThanks;
  return matchesKeyword(words, SMALL_TALK_HELLO) ? SAY.smallTalkHello : undefined;
}

export interface EngineOptions {
  flows: readonly Flow[];
  entries: readonly Entry[];
  idleMs: number;
}

interface Turn {
  tx: Sql;
  userId: string;
  now: Date;
  services: Services;
  state: ConversationState;
  out: Message[];
}

export class Engine {
  private readonly flows: Map<string, Flow>;
  private readonly entries: Map<string, Entry>;

  constructor(private readonly options: EngineOptions) {
    this.flows = new Map(options.flows.map((f) => [f.id, f]));
    this.entries = new Map(options.entries.map((e) => [e.id, e]));
    for (const entry of options.entries) {
      if (entry.flow && !this.flows.has(entry.flow)) throw new Error(`entry ${entry.id} points at unknown flow ${entry.flow}`);
    }
  }

  /** One turn: read the state, act on the input, save the state, return the reply (≤5 messages). */
  async handle(tx: Sql, userId: string, input: Input, now: Date, services: Services): Promise<Message[]> {
    const turn: Turn = { tx, userId, now, services, state: await loadConversation(tx, services.office.id, userId), out: [] };
    if (!(await this.repair(turn))) await this.dispatch(turn, input);
    if (turn.state.flowId) turn.state.expiresAt = now.getTime() + this.options.idleMs;
    await saveConversation(tx, services.office.id, userId, turn.state, now.getTime());
    return fitReply(turn.out);
  }

  /**
   * The document the user's current step asks for, if any — read before the turn (outside its
   * transaction, on `db`) so a photo is downloaded only where one is wanted. Nothing is saved.
   */
  async documentAsked(db: Sql, userId: string, now: Date, services: Services): Promise<DocumentRequest | undefined> {
    const turn: Turn = { tx: db, userId, now, services, state: await loadConversation(db, services.office.id, userId), out: [] };
    const { state } = turn;
    const flow = state.flowId ? this.flows.get(state.flowId) : undefined;
    if (!flow || state.flowVersion !== flow.version || !state.stepId || !flow.steps[state.stepId]) return undefined;
    return (await this.documentStep(turn))?.document;
  }

  /** The main menu, for the follow greeting and anywhere else that needs it. */
  async menu(tx: Sql, userId: string, now: Date, services: Services, lead = SAY.menu): Promise<Message[]> {
    const turn: Turn = { tx, userId, now, services, state: await loadConversation(tx, services.office.id, userId), out: [] };
    await this.showMenu(turn, lead);
    return fitReply(turn.out);
  }

  // ---- routing -------------------------------------------------------------------------------

  private async dispatch(turn: Turn, input: Input): Promise<void> {
    // Hand-off (issue 12): while the sender talks to a person, their messages go to staff, not to the
    // flows — only "จบการคุย" ends it (then the menu). See src/flows/handoff.ts.
    const handoff = await handoffTurn(this.context(turn), input);
    if (handoff) {
      turn.out.push(...handoff.say);
      if (handoff.ended) await this.showMenu(turn, SAY.menu);
      return;
    }
    if (input.kind === 'postback') return this.onPostback(turn, input.data, input.params);
    if (input.kind === 'attachment') return this.onAttachment(turn, input.attachment);
    if (input.kind === 'media') {
      const document = (await this.documentStep(turn))?.document;
      turn.out.push(text(document ? SAY.mediaAtDocument(wantedDocuments(document)) : SAY.media));
      return this.activeFlow(turn) ? await this.ask(turn) : await this.showMenu(turn, SAY.menu);
    }
    const command = commandOf(input.text);
    if (command) return this.runCommand(turn, command);
    if (turn.state.resumePending) {
      const choice = resumeChoiceOf(input.text);
      return choice ? await this.resume(turn, choice) : await this.resumeOrGo(turn, input.text);
    }
    if (this.activeFlow(turn)) {
      if (this.becameIdle(turn)) return this.resumeOrGo(turn, input.text);
      // Asking for a person works at any question, as the menu's button would: nobody's answer is
      // "คุยกับเจ้าหน้าที่", and someone stuck half-way is who needs it most.
      if (this.asksForPerson(turn, input.text)) return this.go(turn, HELP_OFFERS_ENTRY, {});
      return this.answer(turn, { text: input.text });
    }
    await this.route(turn, input.text);
  }

  private async onPostback(turn: Turn, data: string, params?: { date?: string }): Promise<void> {
    const pb = parsePostback(data);
    const { state } = turn;
    switch (pb.kind) {
      case 'command':
        return this.runCommand(turn, pb.command);
      case 'go':
        return this.go(turn, pb.entry, pb.params);
      case 'resume':
        if (state.flowId && pb.revision === state.revision) return this.resume(turn, pb.choice);
        return this.stale(turn);
      case 'answer': {
        const current = state.flowId === pb.flow && state.stepId === pb.step && state.revision === pb.revision && !state.resumePending;
        if (!current || !this.activeFlow(turn)) return this.stale(turn);
        if (this.becameIdle(turn)) return this.askResume(turn);
        if (pb.value === DATE_VALUE) return params?.date ? await this.answer(turn, { date: params.date }) : await this.stale(turn);
        const choice = (await this.question(turn)).choices?.find((c) => c.value === pb.value);
        return choice ? await this.answer(turn, { choice }) : await this.stale(turn);
      }
      default:
        turn.out.push(text(SAY.unknownButton));
        return this.activeFlow(turn) ? await this.ask(turn) : await this.showMenu(turn, SAY.menu);
    }
  }

  /** Typed words with no conversation under way: an entry by keyword, a greeting, or the menu. */
  private async route(turn: Turn, typed: string): Promise<void> {
    const entry = await this.entryByWords(turn, typed);
    if (entry) return this.go(turn, entry.id, {});
    if (matchesKeyword(typed, GREETINGS)) return this.showMenu(turn, SAY.greeting + '\n' + SAY.menu);
    await this.showMenu(turn, SAY.notUnderstood);
  }

  /** The exact words of the hand-off entry (คุยกับเจ้าหน้าที่), typed in another flow than its own. */
  private asksForPerson(turn: Turn, typed: string): boolean {
    const entry = this.entries.get(HELP_OFFERS_ENTRY);
    if (!entry?.flow || entry.flow === turn.state.flowId) return false;
    const key = keywordKey(typed);
    return key !== '' && keywordKeys(entry.keywords).includes(key);
  }

  private async entryByWords(turn: Turn, typed: string): Promise<Entry | undefined> {
    const key = keywordKey(typed);
    if (!key) return undefined;
    const staff = [...this.entries.values()].some((e) => e.staffOnly) && (await turn.services.isStaff(turn.tx, turn.userId));
    const visible = [...this.entries.values()].filter((e) => !e.staffOnly || staff);
    return visible.find((e) => keywordKeys(e.keywords).includes(key)) ?? visible.find((e) => matchesKeyword(typed, e.keywords));
  }

  // ---- global commands -----------------------------------------------------------------------

  private async runCommand(turn: Turn, command: GlobalCommand): Promise<void> {
    const flow = this.activeFlow(turn);
    switch (command) {
      case 'cancel':
        if (!flow) return this.showMenu(turn, SAY.nothingToCancel);
        this.clear(turn);
        return this.showMenu(turn, SAY.cancelled(flow.title));
      case 'menu':
        return this.showMenu(turn, SAY.menu);
      case 'back': {
        if (!flow) return this.showMenu(turn, SAY.menu);
        const previous = turn.state.history.pop();
        if (!previous) {
          turn.out.push(text(SAY.firstQuestion));
          return this.ask(turn);
        }
        Object.assign(turn.state, { stepId: previous, attempts: 0, resumePending: false });
        turn.state.revision++;
        turn.out.push(text(SAY.wentBack));
        return this.ask(turn);
      }
      case 'help':
        turn.out.push(...contactMessages(turn.services.office));
        if (!flow) return this.showMenu(turn, SAY.menu, HELP_OFFERS_ENTRY);
        turn.out.push(text(SAY.helpInFlow(flow.title, this.entries.has(HELP_OFFERS_ENTRY) && flow.id !== this.entries.get(HELP_OFFERS_ENTRY)?.flow)));
        turn.state.resumePending = false;
        return this.ask(turn);
    }
  }

  private async go(turn: Turn, entryId: string, params: Record<string, string>): Promise<void> {
    const entry = this.entries.get(entryId);
    if (!entry) {
      turn.out.push(text(SAY.unknownButton));
      return this.showMenu(turn, SAY.menu);
    }
    if (entry.staffOnly && !(await turn.services.isStaff(turn.tx, turn.userId))) return this.showMenu(turn, SAY.staffOnly);
    if (entry.respond) {
      await this.respondWith(turn, await entry.respond(this.context(turn), params));
      return;
    }
    await this.startFlow(turn, entry.flow!, { ...entry.params, ...params });
  }

  /** An entry's answer: messages, or messages and a flow to start (its `otherwise` when the flow is not here); true when routed. */
  private async respondWith(turn: Turn, answer: Message[] | Routed): Promise<boolean> {
    if (Array.isArray(answer)) {
      turn.out.push(...answer);
      return false;
    }
    turn.out.push(...(answer.say ?? []));
    if (!this.flows.has(answer.then.flow)) {
      turn.out.push(...(answer.otherwise ?? [text(SAY.unknownButton)]));
      if (!answer.otherwise) await this.showMenu(turn, SAY.menu);
    } else await this.startFlow(turn, answer.then.flow, answer.then.params ?? {});
    return true;
  }

  /** Start a flow from its first step (replacing whatever was under way). */
  private async startFlow(turn: Turn, flowId: string, params: Record<string, string>): Promise<void> {
    const flow = this.flows.get(flowId);
    // A flow handed over to (`then`) that this bot does not run: the way on is the menu, never a crash.
    if (!flow) {
      turn.out.push(text(SAY.unknownButton));
      return this.showMenu(turn, SAY.menu);
    }
    if (flow.staffOnly && !(await turn.services.isStaff(turn.tx, turn.userId))) return this.showMenu(turn, SAY.staffOnly);
    const started = await flow.start(this.context(turn, {}), params);
    if ('refuse' in started) {
      turn.out.push(...started.refuse);
      return;
    }
    if ('then' in started) return this.startFlow(turn, started.then.flow, started.then.params ?? {});
    turn.state = {
      ...turn.state,
      flowId: flow.id,
      flowVersion: flow.version,
      stepId: started.step,
      answers: started.answers ?? {},
      history: [],
      attempts: 0,
      revision: turn.state.revision + 1,
      resumePending: false,
    };
    await this.ask(turn);
  }

  // ---- idle and resume -----------------------------------------------------------------------

  private becameIdle(turn: Turn): boolean {
    return turn.state.expiresAt !== null && turn.state.expiresAt < turn.now.getTime();
  }

  private askResume(turn: Turn): void {
    const flow = this.activeFlow(turn)!;
    if (!turn.state.resumePending) {
      turn.state.resumePending = true;
      turn.state.revision++;
    }
    const rev = turn.state.revision;
    turn.out.push(
      text(SAY.idle(flow.title), [
        quickItem(postbackAction('ทำต่อ', postback.resume('continue', rev))),
        quickItem(postbackAction('เริ่มใหม่', postback.resume('restart', rev))),
        quickItem(postbackAction(COMMAND_LABELS.menu, postback.command('menu'))),
      ]),
    );
  }

  /**
   * Words typed to a conversation left idle: the name of a service goes there (the one left idle
   * continues where it was — e.g. "ข้อมูลกลุ่ม" a week later); anything else asks continue or restart.
   */
  private async resumeOrGo(turn: Turn, typed: string): Promise<void> {
    const entry = await this.entryByWords(turn, typed);
    if (!entry) return this.askResume(turn);
    if (entry.flow && entry.flow === turn.state.flowId) return this.resume(turn, 'continue');
    turn.state.resumePending = false;
    return this.go(turn, entry.id, {});
  }

  private async resume(turn: Turn, choice: 'continue' | 'restart'): Promise<void> {
    const flow = this.activeFlow(turn);
    if (!flow) return this.showMenu(turn, SAY.menu);
    turn.state.resumePending = false;
    if (choice === 'restart') return this.startFlow(turn, flow.id, {});
    turn.state.revision++;
    await this.ask(turn);
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** The flow the user is in (rows are repaired by `repair` before anything reads them). */
  private activeFlow(turn: Turn): Flow | undefined {
    return turn.state.flowId ? this.flows.get(turn.state.flowId) : undefined;
  }

  /**
   * Apply a flow's policy to a row saved under an older version, or pointing at a step that no
   * longer exists: migrate it, or apologise and restart. Returns true when the user has been told
   * (the input that arrived is then not acted on — it was meant for a question that is gone).
   */
  private async repair(turn: Turn): Promise<boolean> {
    const { state } = turn;
    if (!state.flowId) return false;
    const flow = this.flows.get(state.flowId);
    if (!flow) {
      this.clear(turn);
      await this.showMenu(turn, SAY.flowGone);
      return true;
    }
    if (state.flowVersion === flow.version && state.stepId && flow.steps[state.stepId]) return false;
    const saved = state.flowVersion !== null && state.stepId ? { version: state.flowVersion, step: state.stepId, answers: state.answers } : undefined;
    const migrated = saved ? flow.migrate?.(saved) : undefined;
    if (migrated && flow.steps[migrated.step]) {
      Object.assign(state, { flowVersion: flow.version, stepId: migrated.step, answers: migrated.answers, history: [], attempts: 0 });
      state.revision++;
      return false;
    }
    turn.out.push(text(SAY.outdated));
    await this.startFlow(turn, flow.id, {});
    return true;
  }

  private async question(turn: Turn): Promise<Question> {
    const flow = this.flows.get(turn.state.flowId!)!;
    return flow.steps[turn.state.stepId!]!.ask(this.context(turn));
  }

  private async answer(turn: Turn, reply: Reply): Promise<void> {
    const flow = this.flows.get(turn.state.flowId!)!;
    const step = flow.steps[turn.state.stepId!]!;
    const ctx = this.context(turn);
    const question = await step.ask(ctx);

    if (reply.text !== undefined && !reply.choice) {
      const choice = matchChoice(question.choices ?? [], reply.text);
      if (choice) reply = { choice };
      else if (!question.acceptsText) {
        // Words for a one-shot answer (e.g. "เบอร์โทร") answer it and keep the question open.
        const entry = await this.entryByWords(turn, reply.text);
        if (entry?.respond) {
          if (await this.respondWith(turn, await entry.respond(ctx, {}))) return;
          return this.ask(turn);
        }
        const smallTalk = smallTalkAnswer(reply.text);
        if (smallTalk) return this.smallTalk(turn, smallTalk);
        if (question.document) return this.reject(turn, SAY.sendDocument(wantedDocuments(question.document)));
        return this.reject(turn, question.datePicker ? 'กรุณาเลือกวันจากปุ่ม หรือพิมพ์วันที่ค่ะ' : SAY.pickAButton);
      }
    }

    const accepted = await step.accept(reply, ctx);
    if (!accepted.ok) {
      const smallTalk = smallTalkAnswer(reply.text);
      return smallTalk ? await this.smallTalk(turn, smallTalk) : await this.reject(turn, accepted.reason);
    }

    const state = turn.state;
    state.answers = { ...state.answers, [state.stepId!]: accepted.value };
    state.attempts = 0;
    const next = await step.next(this.context(turn));
    turn.out.push(...(accepted.say ?? []));
    if ('step' in next) {
      // Sent back to an earlier question (e.g. the slot filled meanwhile): rewind the history to it,
      // so ย้อนกลับ from there goes further back, not forward to where the user just was.
      const earlier = state.history.indexOf(next.step);
      if (earlier >= 0) state.history = state.history.slice(0, earlier);
      else state.history.push(state.stepId!);
      state.stepId = next.step;
      state.revision++;
      turn.out.push(...(next.say ?? []));
      return this.ask(turn);
    }
    this.clear(turn);
    turn.out.push(...next.end);
    if (next.then) await this.startFlow(turn, next.then.flow, next.then.params ?? {});
  }

  // ---- documents -----------------------------------------------------------------------------

  /** The current question when it asks for a document and is waiting for an answer (not for "continue?"). */
  private async documentStep(turn: Turn): Promise<(Question & { document: DocumentRequest }) | undefined> {
    if (!this.activeFlow(turn) || turn.state.resumePending || this.becameIdle(turn)) return undefined;
    const question = await this.question(turn);
    return question.document ? (question as Question & { document: DocumentRequest }) : undefined;
  }

  /**
   * A photo or file (downloaded before the turn). Where the step asks for one it is bound to the
   * slot; a set of photos sent at once is counted ("ได้รับรูปแล้ว 2/3") and the step answered once all
   * of it is in. Anywhere else it gets the kind answer media get.
   */
  private async onAttachment(turn: Turn, received: ReceivedAttachment): Promise<void> {
    const question = await this.documentStep(turn);
    const office = turn.services.office.id;
    if (!question) {
      if (received.status === 'stored') await forgetUnbound(turn.tx, office, received.id);
      turn.out.push(text(SAY.media));
      return this.activeFlow(turn) ? await this.ask(turn) : await this.showMenu(turn, SAY.menu);
    }
    const { document } = question;
    if (received.status === 'lost') {
      turn.out.push(text(SAY.documentLost));
      return this.ask(turn);
    }
    if (received.status === 'refused' || !document.accept.includes(received.kind)) {
      if (received.status === 'stored') await forgetUnbound(turn.tx, office, received.id);
      const tooLarge = received.status === 'refused' && received.problem === 'tooLarge' ? received.maxBytes : undefined;
      return this.reject(turn, tooLarge ? SAY.documentTooLarge(sizeInWords(tooLarge)) : SAY.documentWrongType(wantedDocuments(document)));
    }

    await bindAttachment(turn.tx, office, received.id, turn.userId, document.slot, document.caseId);
    const { state } = turn;
    const kept = state.answers[RECEIVED_KEY] as Received | undefined;
    const ids = kept && kept.step === state.stepId && kept.revision === state.revision ? kept.ids : [];
    if (!ids.includes(received.id)) ids.push(received.id);
    const needed = Math.max(1, document.count ?? 1);
    const set = received.imageSet;
    const inSet = set ? await countInSet(turn.tx, office, turn.userId, set.id, document.slot) : 0;
    const complete = ids.length >= needed && (!set || inSet >= set.total);
    if (set) turn.out.push(text(SAY.setProgress(Math.min(inSet, set.total), set.total)));
    else if (needed > 1) turn.out.push(text(SAY.countProgress(Math.min(ids.length, needed), needed)));
    else turn.out.push(text(received.kind === 'image' ? SAY.photoReceived : SAY.fileReceived));
    if (!complete) {
      state.answers = { ...state.answers, [RECEIVED_KEY]: { step: state.stepId!, revision: state.revision, ids } satisfies Received };
      // The progress line is the reply; the way on is the question's own buttons (cancel, back).
      const last = turn.out.pop()!;
      turn.out.push(...withQuickReply([last], this.navigation(turn, false)));
      return;
    }
    const { [RECEIVED_KEY]: _done, ...answers } = state.answers;
    state.answers = answers;
    await this.answer(turn, { attachments: ids });
  }

  private async reject(turn: Turn, reason: string): Promise<void> {
    turn.state.attempts++;
    const lines = [reason];
    if (turn.state.attempts >= MAX_ATTEMPTS) lines.push(SAY.tooManyMisses);
    turn.out.push(text(lines.join('\n\n')));
    await this.ask(turn, turn.state.attempts >= MAX_ATTEMPTS);
  }

  private async smallTalk(turn: Turn, answer: string): Promise<void> {
    turn.out.push(text(answer));
    await this.ask(turn);
  }

  private async stale(turn: Turn): Promise<void> {
    turn.out.push(text(SAY.stale));
    if (turn.state.resumePending && this.activeFlow(turn)) return this.askResume(turn);
    if (this.activeFlow(turn)) return this.ask(turn);
    await this.showMenu(turn, SAY.menu);
  }

  /** Send the current question, with its choices, date picker and the way out as quick replies. */
  private async ask(turn: Turn, offerHelp = false): Promise<void> {
    const { state } = turn;
    const question = await this.question(turn);
    const quick = question.choicesInMessages ? (question.choices ?? []).filter((c) => question.quickChoices?.includes(c.value)) : (question.choices ?? []);
    const items: QuickReplyItem[] = quick.map((c) =>
      quickItem(postbackAction(c.label, postback.answer(state.flowId!, state.stepId!, state.revision, c.value))),
    );
    if (question.datePicker) {
      const { label, ...range } = question.datePicker;
      items.push(quickItem(datePickerAction(label, postback.answer(state.flowId!, state.stepId!, state.revision, DATE_VALUE), range)));
    }
    if (question.document?.accept.includes('image')) items.push(quickItem(cameraAction(SAY.takePhoto)), quickItem(cameraRollAction(SAY.pickPhoto)));
    for (const item of this.navigation(turn, offerHelp)) if (items.length < LINE_LIMITS.quickReplyItems) items.push(item);
    turn.out.push(...withQuickReply(question.messages, items));
  }

  /** The way-out buttons under a question: back (when there is a step to go back to), help, cancel. */
  private navigation(turn: Turn, offerHelp: boolean): QuickReplyItem[] {
    const nav: GlobalCommand[] = [...(turn.state.history.length > 0 ? (['back'] as const) : []), ...(offerHelp ? (['help'] as const) : []), 'cancel'];
    return nav.map((command) => quickItem(postbackAction(COMMAND_LABELS[command], postback.command(command))));
  }

  /** The menu; `first` (an entry id) is put at the front, e.g. คุยกับเจ้าหน้าที่ after ช่วยเหลือ. */
  private async showMenu(turn: Turn, lead: string, first?: string): Promise<void> {
    const isStaff = await turn.services.isStaff(turn.tx, turn.userId);
    const order = (e: Entry) => (e.id === first ? -1 : (e.menuOrder ?? 99));
    const items = [...this.entries.values()]
      .filter((e) => e.menuLabel && (!e.staffOnly || isStaff))
      .sort((a, b) => order(a) - order(b))
      .map((e) => quickItem(postbackAction(e.menuLabel!, postback.go(e.id))));
    const flow = turn.state.flowId ? this.flows.get(turn.state.flowId) : undefined;
    if (flow) items.unshift(quickItem(postbackAction(`ทำต่อ: ${flow.title}`, postback.resume('continue', turn.state.revision))));
    turn.out.push(text(lead, items.slice(0, LINE_LIMITS.quickReplyItems)));
  }

  private clear(turn: Turn): void {
    turn.state = { ...turn.state, flowId: null, flowVersion: null, stepId: null, answers: {}, history: [], attempts: 0, resumePending: false, expiresAt: null };
    turn.state.revision++;
  }

  private context(turn: Turn, answers = turn.state.answers): FlowContext {
    const { state } = turn;
    return {
      tx: turn.tx,
      userId: turn.userId,
      now: turn.now,
      answers,
      services: turn.services,
      // Read when called, so a step asked right after a transition gets the new step and revision.
      answerData: (value) => postback.answer(state.flowId ?? '', state.stepId ?? '', state.revision, value),
    };
  }
}

function matchChoice(choices: readonly Choice[], typed: string): Choice | undefined {
  const key = keywordKey(typed);
  if (!key) return undefined;
  return choices.find((c) => keywordKey(c.label) === key || (c.keywords ?? []).some((k) => keywordKey(k) === key));
}

/** Keep within LINE's five messages: fold the leading plain texts together, keep the question last. */
export function fitReply(messages: Message[]): Message[] {
  if (messages.length <= MAX_REPLY_MESSAGES) return messages;
  const keep = messages.slice(-(MAX_REPLY_MESSAGES - 1));
  const folded = messages.slice(0, messages.length - keep.length);
  const texts = folded.filter((m): m is Extract<Message, { type: 'text' }> => m.type === 'text' && !m.quickReply);
  if (texts.length === folded.length) return [text(texts.map((m) => m.text).join('\n\n')), ...keep];
  return messages.slice(-MAX_REPLY_MESSAGES);
}
