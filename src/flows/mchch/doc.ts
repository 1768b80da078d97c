// mchch_doc: one document of the มชช. checklist (params { c, k: DocumentKey }): asked for by its seed
// title, verbatim; photos (several at once kept in page order, or one after another with
// "ส่งหน้าต่อไป" / "ครบแล้ว") or a PDF (the whole document); an optional item also offers
// "ไม่มีเอกสารนี้". Stickers and Excel files are answered by the engine's document rules (a polite
// re-ask, nothing lost). The pages are bound to the case in slot documentSlot(k). Q23: when the office
// requires certified copies, the copies' question reminds "เซ็นรับรองสำเนาถูกต้อง". A document already
// saved is shown to keep or send again. Saved with saveData, then back to the hub.
import type { DocumentRequest } from '../../attachments/types';
import { text } from '../../line/messages';
import { documentSlot, type DocumentKey } from '../../mchch/data';
import { checklistFor, isDocumentKey } from '../../mchch/readiness';
import { receivedPages } from '../groups/common';
import { morePagesStep } from '../pages';
import type { Accepted, Choice, Entry, Flow, FlowContext, Next } from '../types';
import { backToHub, hubItems, caseData, caseIdOf, openSection, pickChoice, saveRefused, saveSections, settingsOf } from './common';
import { wholeNumber } from '../postback';
import { MCHCH_ENTRIES, MCHCH_FLOWS } from './ids';

const KEEP = 'keep';
const AGAIN = 'again';
const NONE = 'none';

/** Copies that may need «รับรองสำเนาถูกต้อง» (Q23). */
const COPIES: readonly DocumentKey[] = ['houseRegistration', 'idCard'];

export const DOC_SAY = {
  ask: (title: string) => `ขอเอกสาร "${title}" ค่ะ\nถ่ายรูปทีละหน้า ส่งหลายรูปพร้อมกันได้ หรือส่งเป็นไฟล์ PDF ก็ได้ค่ะ`,
  certify: 'อย่าลืมเซ็นรับรองสำเนาถูกต้องบนสำเนาก่อนถ่ายรูปนะคะ',
  optional: 'เอกสารนี้ไม่บังคับค่ะ ถ้าไม่มี กด "ไม่มีเอกสารนี้" ได้เลยค่ะ',
  none: 'ไม่มีเอกสารนี้',
  more: (pages: number) => `ได้รับแล้ว ${pages} หน้าค่ะ มีหน้าต่อไปไหมคะ ส่งรูปหน้าต่อไปได้เลย หรือกด "ครบแล้ว" ค่ะ`,
  nextPage: 'ส่งหน้าต่อไป',
  sendNext: 'ส่งรูปหน้าต่อไปได้เลยค่ะ',
  done: 'ครบแล้ว',
  existing: (title: string, pages: number) => `"${title}" ที่ส่งไว้แล้ว ${pages} หน้า/ไฟล์ค่ะ จะใช้ตามนี้ หรือส่งใหม่คะ`,
  existingNone: (title: string) => `"${title}" บันทึกไว้ว่าไม่มีเอกสารนี้ค่ะ จะใช้ตามนี้ หรือส่งเอกสารคะ`,
  keep: 'ใช้ตามนี้',
  again: 'ส่งใหม่',
  kept: 'ใช้เอกสารเดิมค่ะ ✅',
  saved: (title: string, pages: number) => `บันทึก "${title}" แล้วค่ะ ✅ (${pages} หน้า/ไฟล์)`,
  savedNone: (title: string) => `บันทึกแล้วค่ะ ✅ ไม่มี "${title}"`,
  unknown: 'ขออภัยค่ะ ใบสมัครประเภทนี้ไม่มีเอกสารนี้ค่ะ',
};

const keyOf = (ctx: FlowContext): DocumentKey => ctx.answers.k as DocumentKey;
const documentOf = (ctx: FlowContext): DocumentRequest => ({ slot: documentSlot(keyOf(ctx)), accept: ['image', 'pdf'], caseId: caseIdOf(ctx) });

/** The item as this case's checklist has it (title and whether it is required). */
async function itemOf(ctx: FlowContext) {
  const data = await caseData(ctx);
  const list = data.type ? checklistFor(data.type, settingsOf(ctx)) : [];
  return list.find((i) => i.key === keyOf(ctx));
}

async function save(ctx: FlowContext, pages: number[], none: boolean): Promise<Next> {
  const item = await itemOf(ctx);
  const title = item?.title ?? '';
  if (!(await saveSections(ctx, { [keyOf(ctx)]: { pages, none } }))) return saveRefused(ctx);
  return backToHub(ctx, [text(none ? DOC_SAY.savedNone(title) : DOC_SAY.saved(title, pages.length))]);
}

export const docFlow: Flow = {
  id: MCHCH_FLOWS.doc,
  version: 1,
  title: 'เอกสารใบสมัคร มชช.',
  async start(ctx, params) {
    const k = params.k;
    if (!k || !isDocumentKey(k)) return { refuse: [text(DOC_SAY.unknown, hubItems(wholeNumber(params.c)))] };
    const opened = await openSection(ctx, k, params);
    if ('refuse' in opened) return opened;
    const data = opened.data;
    if (!data.type || !checklistFor(data.type, settingsOf(ctx)).some((i) => i.key === k)) return { refuse: [text(DOC_SAY.unknown, hubItems(wholeNumber(params.c)))] };
    const doc = data[k];
    const existing = doc && (doc.pages.length > 0 || doc.none);
    return { step: existing ? 'existing' : 'pages', answers: { ...opened.answers, k } };
  },
  steps: {
    existing: {
      async ask(ctx) {
        const item = await itemOf(ctx);
        const doc = (await caseData(ctx))[keyOf(ctx)]!;
        const title = item?.title ?? '';
        return {
          messages: [text(doc.pages.length ? DOC_SAY.existing(title, doc.pages.length) : DOC_SAY.existingNone(title))],
          choices: [
            { value: KEEP, label: DOC_SAY.keep, keywords: ['ถูกต้อง', 'ใช้'] },
            { value: AGAIN, label: DOC_SAY.again, keywords: ['ส่งเอกสาร'] },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => (ctx.answers.existing === KEEP ? backToHub(ctx, [text(DOC_SAY.kept)]) : { step: 'pages' }),
    },
    pages: {
      async ask(ctx) {
        const item = await itemOf(ctx);
        const lines = [DOC_SAY.ask(item?.title ?? '')];
        if (settingsOf(ctx).requireCertifiedCopy && COPIES.includes(keyOf(ctx))) lines.push(DOC_SAY.certify);
        const choices: Choice[] = [];
        if (item && !item.required) {
          lines.push(DOC_SAY.optional);
          choices.push({ value: NONE, label: DOC_SAY.none, keywords: ['ไม่มี', 'ไม่มีเอกสาร'] });
        }
        return { messages: [text(lines.join('\n'))], choices, document: documentOf(ctx) };
      },
      async accept(reply, ctx): Promise<Accepted> {
        if (reply.choice?.value === NONE) {
          const item = await itemOf(ctx);
          // Only an optional item may be marked none (a typed "ไม่มี" on a required one is re-asked).
          return item && !item.required ? { ok: true, value: null } : { ok: false, reason: DOC_SAY.ask(item?.title ?? '') };
        }
        if (!reply.attachments?.length) return { ok: false, reason: DOC_SAY.ask((await itemOf(ctx))?.title ?? '') };
        return { ok: true, value: (await receivedPages(ctx, reply.attachments)).ids };
      },
      async next(ctx) {
        const pages = ctx.answers.pages as number[] | null;
        if (pages === null) return save(ctx, [], true);
        // A PDF is the whole document; photos may go on page after page.
        if ((await receivedPages(ctx, pages)).pdf) return save(ctx, pages, false);
        return { step: 'more' };
      },
    },
    more: morePagesStep(DOC_SAY, documentOf, (ctx, pages) => save(ctx, pages, false)),
  },
};

export const docEntry: Entry = { id: MCHCH_ENTRIES.doc, keywords: [], flow: docFlow.id };
