// The group data hub (grp_sub, entry group-submit; reference §4.2, issue 10 point 4): the leader's
// group case with ✓ / ✗ per section in any order, "what is still missing", a summary card before
// sending, the send (the reference number is issued by the case's transition), fixing what staff
// reopened and sending again, and withdrawing. Several groups per leader are picked by name (Q34).
// Each section is its own conversation (grp_sub_<section>) that comes back here when done.
import { createDraft, transition } from '../../cases/actions';
import { statusInfo } from '../../cases/kind';
import { groupKind } from '../../cases/kinds/group';
import { referenceText } from '../../cases/messages';
import { historyOf } from '../../cases/store';
import { menuItem } from '../../booking/messages';
import type { CaseRow } from '../../db/schema';
import { bubble, fbutton, flex, frow, fseparator, ftext, postbackAction, text, type FlexComponent, type Message } from '../../line/messages';
import { GROUP_PRIVACY } from '../../groups/privacy';
import { canSubmit, GROUP_SECTIONS, isFilled, memberCount, readiness, SECTION_TITLES, type GroupSection } from '../../groups/sections';
import { GROUP_KIND, groupCasesOf, groupDataOf, OPEN_GROUP_STATUSES } from '../../groups/store';
import { groupSummaryLines } from '../../groups/summary';
import { postback } from '../postback';
import type { Entry, Flow, FlowContext } from '../types';
import { wholeNumber } from '../postback';
import { editableSections, groupCaseNotFound, hubItems, isGroupSection, ownGroupCase } from './case';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

export const HUB_SAY = {
  title: 'ข้อมูลกลุ่ม',
  newGroup: 'เริ่มกลุ่มใหม่',
  pick: (n: number) => `คุณมีข้อมูลกลุ่มอยู่ ${n} กลุ่มค่ะ เลือกกลุ่มที่ต้องการได้เลยค่ะ`,
  unnamed: (id: number) => `กลุ่มร่าง #${id}`,
  intro: 'กดที่แต่ละหัวข้อเพื่อกรอกหรือแก้ไข ทำข้อไหนก่อนก็ได้ ข้อมูลบันทึกไว้ทุกครั้งค่ะ\n✓ = กรอกแล้ว  ✗ = ยังไม่ได้กรอก',
  fixIntro: 'เจ้าหน้าที่ขอให้แก้ไขหัวข้อด้านล่างค่ะ แก้เสร็จแล้วกด "ส่งข้อมูลที่แก้แล้ว" นะคะ',
  staffNote: 'เจ้าหน้าที่แจ้งว่า',
  review: 'ตรวจและส่ง',
  resend: 'ส่งข้อมูลที่แก้แล้ว',
  missing: 'ยังขาดอะไร',
  later: 'ไว้ทำต่อทีหลัง',
  withdraw: 'ยกเลิกเรื่องนี้',
  laterDone: 'ข้อมูลที่กรอกไว้บันทึกไว้ครบแล้วค่ะ กลับมาทำต่อได้ทุกเมื่อ พิมพ์ "ข้อมูลกลุ่ม" หรือกดปุ่มด้านล่างค่ะ',
  nothingMissing: 'ข้อมูลที่ต้องใช้ครบแล้วค่ะ 👍 กด "ตรวจและส่ง" ได้เลยค่ะ',
  missingList: (titles: string[]) => `ยังขาดค่ะ: ${titles.join(', ')}`,
  optionalList: (titles: string[]) => `(ไม่บังคับ แต่กรอกได้: ${titles.join(', ')})`,
  reviewTitle: 'ตรวจข้อมูลก่อนส่ง',
  reviewEmpty: 'ยังไม่มีข้อมูลค่ะ',
  reviewReady: 'ถ้าถูกต้องแล้ว กด "ส่งเรื่อง" ได้เลยค่ะ',
  reviewBlocked: 'ยังส่งไม่ได้ค่ะ เพราะ',
  send: 'ส่งเรื่อง',
  backToHub: 'กลับหน้าข้อมูลกลุ่ม',
  notReady: 'ยังส่งไม่ได้ค่ะ ข้อมูลบางส่วนยังไม่ครบ ดูรายการด้านล่างนะคะ',
  stale: 'ข้อมูลเรื่องนี้เพิ่งเปลี่ยนไปเมื่อครู่ (อาจส่งหรือแก้จากที่อื่น) ขอแสดงข้อมูลล่าสุดให้ดูอีกครั้งนะคะ',
  sent: (reference: string, next: string) => `ส่งเรื่องเรียบร้อยแล้วค่ะ 🙏\nเลขที่เรื่อง: ${reference}\nจดเลขนี้ไว้ใช้ถามเจ้าหน้าที่ได้ค่ะ\n${next}`,
  resent: (reference: string, next: string) => `ส่งข้อมูลที่แก้แล้วเรียบร้อยค่ะ 🙏\nเลขที่เรื่อง: ${reference}\n${next}`,
  withdrawAsk: 'ยกเลิกเรื่องขึ้นทะเบียนกลุ่มนี้ใช่ไหมคะ ยกเลิกแล้วเจ้าหน้าที่จะไม่พิจารณาต่อ (ยื่นใหม่ได้ภายหลังค่ะ)',
  withdrawYes: 'ยืนยัน ยกเลิกเรื่อง',
  withdrawNo: 'ไม่ยกเลิก',
  withdrawn: 'ยกเลิกเรื่องนี้แล้วค่ะ หากต้องการยื่นใหม่ เริ่มได้ทุกเมื่อค่ะ',
  notAllowed: 'ขออภัยค่ะ ตอนนี้ทำรายการนี้กับเรื่องนี้ไม่ได้แล้ว',
};

const WITHDRAWABLE = ['draft', 'submitted', 'needs_info'];

interface Seen {
  action: 'review' | 'missing' | 'later' | 'withdraw';
  version: number;
  status: string;
}

/** The case this conversation works on: set at the start, by the pick, or by the consent. */
function caseIdOf(ctx: FlowContext): number | undefined {
  const a = ctx.answers;
  return wholeNumber(a.consent) ?? wholeNumber(a.pick) ?? wholeNumber(a.c);
}

function seenOf(ctx: FlowContext): Seen | undefined {
  return ctx.answers.hub as Seen | undefined;
}

async function currentCase(ctx: FlowContext): Promise<CaseRow | undefined> {
  return ownGroupCase(ctx, caseIdOf(ctx));
}

function groupName(c: CaseRow): string {
  return groupDataOf(c).profile?.name ?? HUB_SAY.unnamed(c.id);
}

function sectionLabel(c: CaseRow, s: GroupSection): string {
  const data = groupDataOf(c);
  const mark = isFilled(data, s) ? '✓' : '✗';
  return s === 'members' && isFilled(data, s) ? `${mark} ${SECTION_TITLES[s]} ${memberCount(data)} คน` : `${mark} ${SECTION_TITLES[s]}`;
}

function sectionButton(c: CaseRow, s: GroupSection, label = sectionLabel(c, s)): FlexComponent {
  return fbutton(postbackAction(label, postback.go(GROUP_ENTRIES.section(s), { c: String(c.id) })), 'secondary');
}

/** What staff wrote when they last asked for more (not their internal notes). */
async function staffNote(ctx: FlowContext, c: CaseRow): Promise<string | undefined> {
  const rows = await historyOf(ctx.tx, ctx.services.office.id, c.id);
  const last = rows.filter((r) => r.toStatus === 'needs_info').at(-1);
  return last && !last.internal && last.note ? last.note : undefined;
}

async function hubCard(ctx: FlowContext, c: CaseRow): Promise<Message> {
  const info = statusInfo(groupKind, c.status);
  const editable = editableSections(c);
  const body: FlexComponent[] = [frow('สถานะ', info.label)];
  if (c.reference) body.push(frow('เลขที่', referenceText(c)));
  const footer: FlexComponent[] = [];
  if (c.status === 'needs_info') {
    const note = await staffNote(ctx, c);
    if (note) body.push(frow(HUB_SAY.staffNote, note));
    body.push(ftext(HUB_SAY.fixIntro, { size: 'sm', color: '#6B7280' }));
  } else if (editable.length > 0) body.push(ftext(HUB_SAY.intro, { size: 'sm', color: '#6B7280' }));
  else if (info.next) body.push(ftext(info.next, { size: 'sm', color: '#6B7280' }));
  if (editable.length > 0) {
    body.push(fseparator(), ...editable.map((s) => sectionButton(c, s)));
    footer.push(fbutton(postbackAction(c.status === 'needs_info' ? HUB_SAY.resend : HUB_SAY.review, ctx.answerData('review')), 'primary'));
    footer.push(fbutton(postbackAction(HUB_SAY.missing, ctx.answerData('missing'))));
  }
  footer.push(fbutton(postbackAction(HUB_SAY.later, ctx.answerData('later'))));
  if (WITHDRAWABLE.includes(c.status)) footer.push(fbutton(postbackAction(HUB_SAY.withdraw, ctx.answerData('withdraw')), 'link'));
  const name = groupName(c);
  return flex(`${HUB_SAY.title}: ${name}`, bubble({ header: [ftext(name, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}

function missingText(c: CaseRow, ctx: FlowContext): string {
  const data = groupDataOf(c);
  const settings = ctx.services.office.groups;
  const r = readiness(data, settings);
  const lines: string[] = [];
  if (r.missing.length > 0) lines.push(HUB_SAY.missingList(r.missing.map((s) => SECTION_TITLES[s])));
  lines.push(...r.problems);
  if (lines.length === 0) lines.push(HUB_SAY.nothingMissing);
  const optional = GROUP_SECTIONS.filter((s) => !settings.requiredSections.includes(s) && !isFilled(data, s));
  if (optional.length > 0 && c.status === 'draft') lines.push(HUB_SAY.optionalList(optional.map((s) => SECTION_TITLES[s])));
  return lines.join('\n');
}

async function reviewCard(ctx: FlowContext, c: CaseRow): Promise<Message> {
  const data = groupDataOf(c);
  const r = readiness(data, ctx.services.office.groups);
  const lines = groupSummaryLines(data);
  const body: FlexComponent[] = lines.length > 0 ? lines.map(([label, value]) => frow(label, value)) : [ftext(HUB_SAY.reviewEmpty, { size: 'sm' })];
  if (r.warnings.length > 0) body.push(fseparator(), ...r.warnings.map((w) => ftext(`⚠️ ${w}`, { size: 'sm', color: '#B45309' })));
  const footer: FlexComponent[] = [];
  if (canSubmit(r)) {
    body.push(ftext(HUB_SAY.reviewReady, { size: 'sm', color: '#6B7280' }));
    footer.push(fbutton(postbackAction(HUB_SAY.send, ctx.answerData('send')), 'primary'));
  } else {
    body.push(fseparator(), ftext(HUB_SAY.reviewBlocked, { size: 'sm', weight: 'bold' }));
    body.push(...[...r.missing.map((s) => HUB_SAY.missingList([SECTION_TITLES[s]])), ...r.problems].map((p) => ftext(`• ${p}`, { size: 'sm' })));
    const editable = editableSections(c);
    footer.push(...r.missing.filter((s) => editable.includes(s)).map((s) => sectionButton(c, s, `กรอก${SECTION_TITLES[s]}`)));
  }
  footer.push(fbutton(postbackAction(HUB_SAY.backToHub, ctx.answerData('hub'))));
  return flex(`${HUB_SAY.reviewTitle}: ${groupName(c)}`, bubble({ header: [ftext(HUB_SAY.reviewTitle, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}

/** A plain sentence, then the hub again. */
function backToHub(say: string) {
  return { step: 'hub', say: [text(say)] };
}

export const hubFlow: Flow = {
  id: GROUP_FLOWS.hub,
  version: 1,
  title: 'ข้อมูลกลุ่ม',
  async start(ctx, params) {
    if (params.c !== undefined) {
      const c = await ownGroupCase(ctx, params.c);
      if (!c) return { refuse: groupCaseNotFound() };
      // A push's "แก้ไขข้อมูล" names the section: open it at once when the leader may edit it.
      if (isGroupSection(params.s) && editableSections(c).includes(params.s)) return { then: { flow: GROUP_FLOWS.section(params.s), params: { c: String(c.id) } } };
      return { step: 'hub', answers: { c: c.id } };
    }
    const open = await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, OPEN_GROUP_STATUSES);
    if (open.length === 0) return { step: 'consent' };
    if (open.length === 1) return { step: 'hub', answers: { c: open[0]!.id } };
    return { step: 'pick' };
  },
  steps: {
    pick: {
      async ask(ctx) {
        const open = await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, OPEN_GROUP_STATUSES);
        const choices = open.slice(0, 10).map((c) => ({ value: String(c.id), label: groupName(c) }));
        return { messages: [text(HUB_SAY.pick(open.length))], choices: [...choices, { value: 'new', label: HUB_SAY.newGroup }] };
      },
      async accept(reply, ctx) {
        const value = reply.choice?.value;
        if (value === 'new') return { ok: true, value: 'new' };
        const c = await ownGroupCase(ctx, value);
        return c ? { ok: true, value: c.id } : { ok: false, reason: 'กรุณาเลือกกลุ่มจากปุ่มด้านล่างนะคะ' };
      },
      next: (ctx) => ({ step: ctx.answers.pick === 'new' ? 'consent' : 'hub' }),
    },
    consent: {
      ask: () => ({
        messages: [text(GROUP_PRIVACY.leaderConsent)],
        choices: [
          { value: 'yes', label: GROUP_PRIVACY.consentYes, keywords: ['ยินยอม', 'ตกลง', 'ได้'] },
          { value: 'no', label: GROUP_PRIVACY.consentNo, keywords: ['ไม่', 'ไม่ตกลง'] },
        ],
      }),
      async accept(reply, ctx) {
        if (reply.choice?.value === 'no') return { ok: true, value: 0 };
        if (reply.choice?.value !== 'yes') return { ok: false, reason: 'กรุณากด "ยินยอม" หรือ "ไม่ยินยอม" นะคะ' };
        // The draft exists only once the leader agreed; declining stores nothing.
        const c = await createDraft(ctx.tx, ctx.services.office.id, GROUP_KIND, ctx.userId, ctx.now, { consent: { at: ctx.now.getTime() } });
        return { ok: true, value: c.id };
      },
      next: (ctx) => (ctx.answers.consent ? { step: 'hub' } : { end: [text(GROUP_PRIVACY.declined, [menuItem()])] }),
    },
    hub: {
      async ask(ctx) {
        const c = await currentCase(ctx);
        const choices = ['review', 'missing', 'later', 'withdraw'].map((value) => ({ value, label: value }));
        if (!c) return { messages: groupCaseNotFound(), choices: [{ value: 'later', label: HUB_SAY.later }] };
        const labels: Record<string, string> = { review: HUB_SAY.review, missing: HUB_SAY.missing, later: HUB_SAY.later, withdraw: HUB_SAY.withdraw };
        return {
          messages: [await hubCard(ctx, c)],
          choices: choices.map((ch) => ({ ...ch, label: labels[ch.value]!, keywords: ch.value === 'later' ? ['ไว้ทำต่อ', 'ไว้ก่อน'] : [] })),
          choicesInMessages: true,
        };
      },
      async accept(reply, ctx) {
        const c = await currentCase(ctx);
        const action = reply.choice?.value;
        if (!action) return { ok: false, reason: 'กรุณาเลือกจากปุ่มในการ์ดนะคะ' };
        const seen: Seen = { action: action as Seen['action'], version: c?.version ?? 0, status: c?.status ?? '' };
        return { ok: true, value: seen };
      },
      async next(ctx) {
        const seen = seenOf(ctx)!;
        const c = await currentCase(ctx);
        if (!c) return { end: groupCaseNotFound() };
        if (seen.action === 'later') return { end: [text(HUB_SAY.laterDone, hubItems(c.id))] };
        if (seen.action === 'missing') return { step: 'hub', say: [text(editableSections(c).length ? missingText(c, ctx) : statusInfo(groupKind, c.status).next)] };
        if (seen.action === 'withdraw') return WITHDRAWABLE.includes(c.status) ? { step: 'withdraw' } : backToHub(HUB_SAY.notAllowed);
        return editableSections(c).length ? { step: 'review' } : backToHub(HUB_SAY.notAllowed);
      },
    },
    review: {
      async ask(ctx) {
        const c = await currentCase(ctx);
        if (!c) return { messages: groupCaseNotFound(), choices: [{ value: 'hub', label: HUB_SAY.backToHub }] };
        return {
          messages: [await reviewCard(ctx, c)],
          choices: [
            { value: 'send', label: HUB_SAY.send },
            { value: 'hub', label: HUB_SAY.backToHub },
          ],
          choicesInMessages: true,
        };
      },
      accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: 'กรุณาเลือกจากปุ่มในการ์ดนะคะ' }),
      async next(ctx) {
        const c = await currentCase(ctx);
        if (!c) return { end: groupCaseNotFound() };
        if (ctx.answers.review !== 'send') return { step: 'hub' };
        const seen = seenOf(ctx)!;
        if (!canSubmit(readiness(groupDataOf(c), ctx.services.office.groups))) return { step: 'review', say: [text(HUB_SAY.notReady)] };
        const to = seen.status === 'needs_info' ? 'resubmitted' : 'submitted';
        const result = await transition(ctx.tx, ctx.services.office.id, c.id, { to, actor: { role: 'applicant', id: ctx.userId }, expectedVersion: seen.version, office: ctx.services.office }, ctx.now);
        if (!result.ok) return backToHub(result.reason === 'stale' ? HUB_SAY.stale : HUB_SAY.notAllowed);
        const sent = result.case;
        const next = statusInfo(groupKind, sent.status).next;
        const say = to === 'submitted' ? HUB_SAY.sent(referenceText(sent), next) : HUB_SAY.resent(referenceText(sent), next);
        return { end: [text(say, hubItems(sent.id))] };
      },
    },
    withdraw: {
      ask: () => ({
        messages: [text(HUB_SAY.withdrawAsk)],
        choices: [
          { value: 'no', label: HUB_SAY.withdrawNo },
          { value: 'yes', label: HUB_SAY.withdrawYes },
        ],
      }),
      accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' }),
      async next(ctx) {
        if (ctx.answers.withdraw !== 'yes') return { step: 'hub' };
        const c = await currentCase(ctx);
        if (!c) return { end: groupCaseNotFound() };
        const seen = seenOf(ctx)!;
        const result = await transition(ctx.tx, ctx.services.office.id, c.id, { to: 'withdrawn', actor: { role: 'applicant', id: ctx.userId }, expectedVersion: seen.version, office: ctx.services.office }, ctx.now);
        if (!result.ok) return backToHub(result.reason === 'stale' ? HUB_SAY.stale : HUB_SAY.notAllowed);
        return { end: [text(HUB_SAY.withdrawn, [menuItem()])] };
      },
    },
  },
};

export const hubEntry: Entry = {
  id: GROUP_ENTRIES.submit,
  menuLabel: 'ข้อมูลกลุ่ม',
  menuOrder: 40,
  keywords: ['ส่งข้อมูลกลุ่ม', 'ขึ้นทะเบียนกลุ่ม', 'ข้อมูลกลุ่ม', 'กลุ่มของฉัน', 'ลงทะเบียนกลุ่ม', 'จดทะเบียนกลุ่ม'],
  flow: GROUP_FLOWS.hub,
};
