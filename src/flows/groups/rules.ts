// grp_sub_rules: the group's rules document, ระเบียบข้อตกลง (reference §2.6; "ระเบียบกลุ่ม" is
// understood too): photos of its pages (several at once or one after another, kept in page order)
// or a PDF, then its status — ร่าง or ที่ประชุมสมาชิกรับรองแล้ว with the adoption date (not in the
// future). The outline headings of §2.6 are offered as advice (คำแนะนำ), never required. Saved once
// the status is given; a section already saved is shown to keep or send again.
import type { GroupData } from '../../groups/data';
import { GROUP_SLOTS } from '../../groups/data';
import { text } from '../../line/messages';
import type { DocumentRequest } from '../../attachments/types';
import type { Entry, Flow, FlowContext, Next } from '../types';
import { acceptPastDate, pickChoice, backToHub, caseData, caseIdOf, dateText, openSection, pastDatePicker, receivedPages, saveRefused, saveSection } from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';
import { morePagesStep, pagesOf } from '../pages';

type Rules = NonNullable<GroupData['rules']>;

const ADVICE = 'advice';
const KEEP = 'keep';
const AGAIN = 'again';

/**
 * The words leaders use for this section: the seed's ระเบียบข้อตกลง and the everyday ระเบียบกลุ่ม
 * (for a hub or menu that matches typed section names; the hub here opens sections by button).
 */
export const RULES_KEYWORDS = ['ระเบียบข้อตกลง', 'ระเบียบกลุ่ม', 'ระเบียบ', 'ข้อตกลงกลุ่ม'];

/** Suggested headings (reference §2.6, INFERRED: none come from the seeds). Advice only. */
export const RULES_OUTLINE = [
  'ชื่อและที่ตั้งของกลุ่ม',
  'วัตถุประสงค์',
  'สมาชิกภาพ (การรับสมัคร การพ้นสภาพ)',
  'สิทธิและหน้าที่ของสมาชิก',
  'คณะกรรมการ (จำนวน วาระ อำนาจหน้าที่)',
  'การประชุม',
  'การเงินและบัญชี',
  'การแก้ไขระเบียบ',
  'การเลิกกลุ่ม',
];

export const RULES_SAY = {
  ask: 'ขอรูปถ่ายระเบียบข้อตกลง (ระเบียบกลุ่ม) ค่ะ ถ่ายทีละหน้า ส่งหลายรูปพร้อมกันได้ หรือส่งเป็นไฟล์ PDF ก็ได้ค่ะ\nยังไม่มีระเบียบ กด "คำแนะนำ" ดูหัวข้อที่ควรมีได้ค่ะ',
  advice: 'คำแนะนำ',
  adviceText: `หัวข้อที่ระเบียบข้อตกลงมักมี (เป็นคำแนะนำเท่านั้น ไม่บังคับค่ะ):\n${RULES_OUTLINE.map((h, i) => `${i + 1}. ${h}`).join('\n')}\n\nถ้าสำนักงานมีแบบฟอร์มของตนเอง สอบถามเจ้าหน้าที่ได้ค่ะ`,
  more: (pages: number) => `ได้รับแล้ว ${pages} หน้าค่ะ มีหน้าต่อไปไหมคะ ส่งรูปหน้าต่อไปได้เลย หรือกด "ครบแล้ว" ค่ะ`,
  nextPage: 'ส่งหน้าต่อไป',
  sendNext: 'ส่งรูปหน้าต่อไปได้เลยค่ะ',
  done: 'ครบแล้ว',
  status: 'ระเบียบข้อตกลงนี้ที่ประชุมสมาชิกรับรองแล้วหรือยังคะ',
  draft: 'ยังเป็นร่าง',
  adopted: 'รับรองแล้ว',
  adoptedOn: 'ที่ประชุมสมาชิกรับรองเมื่อวันที่เท่าไรคะ',
  existing: (summary: string) => `ระเบียบข้อตกลงที่บันทึกไว้: ${summary}\nจะใช้ตามนี้ หรือส่งใหม่คะ`,
  keep: 'ใช้ตามนี้',
  again: 'ส่งใหม่',
  saved: (summary: string) => `บันทึกระเบียบข้อตกลงเรียบร้อยค่ะ ✅ ${summary}`,
  kept: 'ใช้ระเบียบข้อตกลงเดิมค่ะ ✅',
};


const documentOf = (ctx: FlowContext): DocumentRequest => ({ slot: GROUP_SLOTS.rules, accept: ['image', 'pdf'], caseId: caseIdOf(ctx) });

export function rulesSummary(rules: Rules): string {
  const status = rules.status === 'adopted' ? `ที่ประชุมสมาชิกรับรองแล้ว${rules.adopted ? ` เมื่อ ${dateText(rules.adopted)}` : ''}` : 'ร่าง';
  return `${rules.pages.length} หน้า/ไฟล์, สถานะ: ${status}`;
}

async function save(ctx: FlowContext, rules: Rules): Promise<Next> {
  return (await saveSection(ctx, 'rules', rules)) ? backToHub(ctx, [text(RULES_SAY.saved(rulesSummary(rules)))]) : saveRefused(ctx);
}

export const rulesFlow: Flow = {
  id: GROUP_FLOWS.section('rules'),
  version: 1,
  title: 'ระเบียบข้อตกลงของกลุ่ม',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'rules', params);
    if ('refuse' in opened) return opened;
    return { step: opened.data.rules ? 'existing' : 'pages', answers: opened.answers };
  },
  steps: {
    existing: {
      async ask(ctx) {
        const rules = (await caseData(ctx)).rules!;
        return {
          messages: [text(RULES_SAY.existing(rulesSummary(rules)))],
          choices: [
            { value: KEEP, label: RULES_SAY.keep, keywords: ['ถูกต้อง', 'ใช้'] },
            { value: AGAIN, label: RULES_SAY.again },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => (ctx.answers.existing === KEEP ? backToHub(ctx, [text(RULES_SAY.kept)]) : { step: 'pages' }),
    },
    pages: {
      ask: (ctx) => ({
        messages: [text(RULES_SAY.ask)],
        choices: [{ value: ADVICE, label: RULES_SAY.advice, keywords: ['แนะนำ', 'หัวข้อ', 'ตัวอย่าง'] }],
        document: documentOf(ctx),
      }),
      async accept(reply, ctx) {
        if (reply.choice?.value === ADVICE) return { ok: true, value: null };
        if (!reply.attachments?.length) return { ok: false, reason: RULES_SAY.ask };
        return { ok: true, value: (await receivedPages(ctx, reply.attachments)).ids };
      },
      async next(ctx) {
        const pages = ctx.answers.pages as number[] | null;
        if (!pages) return { step: 'pages', say: [text(RULES_SAY.adviceText)] };
        // A PDF is the whole document; photos may go on page after page.
        if ((await receivedPages(ctx, pages)).pdf) return { step: 'status' };
        return { step: 'more' };
      },
    },
    more: morePagesStep(RULES_SAY, documentOf, () => ({ step: 'status' })),
    status: {
      ask: () => ({
        messages: [text(RULES_SAY.status)],
        choices: [
          { value: 'draft', label: RULES_SAY.draft, keywords: ['ร่าง', 'ยังไม่รับรอง', 'ยัง'] },
          { value: 'adopted', label: RULES_SAY.adopted, keywords: ['ที่ประชุมสมาชิกรับรองแล้ว', 'รับรอง'] },
        ],
      }),
      accept: pickChoice,
      next: (ctx) => (ctx.answers.status === 'adopted' ? { step: 'adopted' } : save(ctx, { pages: pagesOf(ctx), status: 'draft' })),
    },
    adopted: {
      ask: (ctx) => ({ messages: [text(RULES_SAY.adoptedOn)], acceptsText: true, datePicker: pastDatePicker(ctx.now) }),
      accept: (reply, ctx) => acceptPastDate(reply, ctx.now, false),
      next: (ctx) => save(ctx, { pages: pagesOf(ctx), status: 'adopted', adopted: ctx.answers.adopted as string }),
    },
  },
};

export const rulesEntry: Entry = { id: GROUP_ENTRIES.section('rules'), keywords: [], flow: rulesFlow.id };
