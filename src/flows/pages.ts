// A document sent page by page (photos one after another, several at once, or one PDF), for any
// conversation that asks for one (a group's rules, a มชช. document): the first step's answer is
// `pages` (the first photos), then the "more" step below collects the rest until "ครบแล้ว".
// Photos of a set sent at once arrive in any order; they are kept in page order (receivedPages).
import type { DocumentRequest } from '../attachments/types';
import { text } from '../line/messages';
import { receivedPages } from './groups/common';
import type { Accepted, FlowContext, MaybePromise, Next, Step } from './types';

const NEXT_PAGE = 'next';
const DONE = 'done';

/** The "more" step's answer: the pages so far, extending `from` (the first document step's pages). */
interface More {
  from: number[];
  pages: number[];
  /** Finished ("ครบแล้ว"), or waiting for the next page after "ส่งหน้าต่อไป". */
  done: boolean;
  waiting: boolean;
}

const firstPages = (ctx: FlowContext): number[] => (ctx.answers.pages as number[] | null | undefined) ?? [];

/** The "more" answer of this pass (one left from an earlier pass, e.g. after ย้อนกลับ, is ignored). */
function currentMore(ctx: FlowContext): More | undefined {
  const more = ctx.answers.more as More | undefined;
  return more && more.from.join() === firstPages(ctx).join() ? more : undefined;
}

/** The pages collected so far: the first step's, extended by the "more" step's. */
export const pagesOf = (ctx: FlowContext): number[] => currentMore(ctx)?.pages ?? firstPages(ctx);

export interface PagesWording {
  more(pages: number): string;
  sendNext: string;
  nextPage: string;
  done: string;
}

/** The step `more`: another page (photo or file) or "ครบแล้ว"; `finished` says what comes after. */
export function morePagesStep(say: PagesWording, document: (ctx: FlowContext) => DocumentRequest, finished: (ctx: FlowContext, pages: number[]) => MaybePromise<Next>): Step {
  return {
    ask: (ctx) => ({
      messages: [text(currentMore(ctx)?.waiting ? say.sendNext : say.more(pagesOf(ctx).length))],
      choices: [
        { value: NEXT_PAGE, label: say.nextPage, keywords: ['หน้าต่อไป', 'ยังมี', 'มีอีก'] },
        { value: DONE, label: say.done, keywords: ['ครบ', 'หมดแล้ว', 'เสร็จแล้ว', 'ไม่มีแล้ว'] },
      ],
      document: document(ctx),
    }),
    async accept(reply, ctx): Promise<Accepted> {
      const pages = pagesOf(ctx);
      const from = firstPages(ctx);
      if (reply.attachments?.length) return { ok: true, value: { from, pages: [...pages, ...(await receivedPages(ctx, reply.attachments)).ids], done: false, waiting: false } satisfies More };
      if (reply.choice) return { ok: true, value: { from, pages, done: reply.choice.value === DONE, waiting: reply.choice.value === NEXT_PAGE } satisfies More };
      return { ok: false, reason: say.more(pages.length) };
    },
    next: (ctx) => ((ctx.answers.more as More).done ? finished(ctx, pagesOf(ctx)) : { step: 'more' }),
  };
}
