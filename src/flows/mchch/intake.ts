// The มชช. intake (flow `mchch`, reference §4.3 mchch.intro … mchch.not_yet): what มชช. is, the
// office's round (open: its name and cut-off; otherwise why not and "แจ้งเตือนรอบหน้า"), an
// application already under way in the round (กรอกต่อ), the target type with its benefit, the
// type's qualifications one question at a time (not yet: the seed's rule in plain Thai and how to
// fix it — nothing stored), the consent (PDPA), then the draft, handed over to the application's hub.
// The checks themselves are src/mchch/eligibility.ts; the round comes from the office profile only.
//
// With params { c } (the hub's "คุณสมบัติ" section) the same questions re-answer an existing
// application's qualifications: the owner and editable checks are the sections' (common.ts
// openSection); intro, window, "already applying", type and consent are skipped; the current answers
// are shown first ("ใช้ตามนี้" keeps them, "แก้ไข" asks the type's questions again); the new answers
// are saved with saveData ({ eligibility }, asOf today), then the hub. A not-yet answer during the
// edit explains (reason, rule, fix), saves nothing (the old answers stay), and leads back to the hub.
// The committee question (Q14) is not asked again: the role is the applicant section's.
import { createDraft } from '../../cases/actions';
import { goItem, menuItem } from '../../booking/messages';
import type { CaseRow } from '../../db/schema';
import { MCHCH_REASONS, TYPE_BENEFITS, TYPE_QUALIFICATIONS, TYPE_TITLES, type Eligibility, type MchchData, type MchchType } from '../../mchch/data';
import {
  activityText,
  COMMITTEE_ROLES,
  durationSince,
  durationText,
  firstDayWith,
  isCommitteeRole,
  NON_COMMITTEE_ROLES,
  OFFICE_REASONS,
  parseActivities,
  readSince,
  residency,
  residencyText,
  type Activity,
} from '../../mchch/eligibility';
import { MCHCH_INTRO } from '../../mchch/intro';
import { districtDeadlineText, nextRound, roundAt, roundLabel, roundStatus } from '../../mchch/rounds';
import { MCHCH_FINAL } from '../../cases/kinds/mchch';
import { mchchCasesOf, mchchDataOf } from '../../mchch/store';
import { groupCasesOf, groupDataOf } from '../../groups/store';
import { bubble, fbutton, flex, ftext, text, uriAction, type Message, type QuickReplyItem } from '../../line/messages';
import type { MchchRound } from '../../office/mchch-settings';
import { bangkokToday, type PartialDate } from '../../thai/calendar';
import { formatThaiDate, formatThaiPartialDate } from '../../thai/date-format';
import { reasonText } from '../../thai/date-parse';
import { formatPhone } from '../../thai/phone';
import { GROUP_ENTRIES } from '../groups/ids';
import { acceptPastDate, dateText, pastDatePicker, pickChoice, SKIP, todayIso } from '../groups/common';
import type { Accepted, Choice, Entry, Flow, FlowContext, Next, Question, Step } from '../types';
import { MCHCH_ENTRIES, MCHCH_FLOWS, mchchHubParams } from './ids';
import { backToHub, caseData, caseIdOf, hubItems, notFoundMessages, openSection, ownMchchCase, roundName, saveRefused, saveSections, sectionEditable } from './common';

type Snapshot = NonNullable<MchchData['round']>;

/** Applications the person may still fill in (กรอกต่อ) in the round. */
const RESUMABLE = ['draft', 'pack_ready', 'needs_info'] as const;
/** The group cases a group application may be linked to: registered, or sent to the office (Q33). */
const LINKABLE_GROUP_STATUSES = ['registered', 'submitted', 'in_review', 'needs_info', 'resubmitted', 'forwarded'] as const;
/** Short type names for the "กรอกต่อ: …" buttons (≤ 20 characters with the prefix). */
const TYPE_SHORT: Readonly<Record<MchchType, string>> = { leader: 'ผู้นำ', group: 'กลุ่ม', network: 'เครือข่าย', community: 'ชุมชน' };

export const INTAKE_SAY = {
  start: 'เริ่มสมัคร',
  resume: 'กรอกต่อ',
  resumeType: (what: string) => `กรอกต่อ: ${what}`,
  another: 'สมัครใหม่อีกประเภท',
  subscribe: 'แจ้งเตือนรอบหน้า',
  again: 'สมัคร มชช.',
  guideline: 'อ่านแนวทางการดำเนินงาน',
  open: (round: MchchRound) =>
    `📅 ${roundLabel(round)}\nส่งใบสมัครทาง LINE นี้ได้ถึงวันที่ ${dateText(round.localCutoff)} ค่ะ (${round.district.name}รับถึง ${districtDeadlineText(round)})`,
  openGoOn: 'พร้อมแล้วกด "เริ่มสมัคร" ได้เลยค่ะ',
  existing: (lines: string[]) => `คุณมีใบสมัครในรอบนี้อยู่แล้วค่ะ\n${lines.join('\n')}\nกรอกต่อจากเดิม หรือสมัครอีกประเภทก็ได้ค่ะ (เช่น สมัครในนามผู้นำ และในนามกลุ่ม)`,
  upcoming: (round: MchchRound) => `ตอนนี้ยังไม่เปิดรับสมัคร มชช. ค่ะ\nรอบถัดไป: ${roundLabel(round)}\nเริ่มรับสมัครวันที่ ${dateText(round.opens)} ค่ะ`,
  closedLocally: (round: MchchRound) =>
    `${roundLabel(round)}\nปิดรับใบสมัครทาง LINE นี้แล้วเมื่อวันที่ ${dateText(round.localCutoff)} ค่ะ` +
    `\nสอบถามเพิ่มเติมได้ที่${round.district.name}${round.district.phone ? ` โทร ${formatPhone(round.district.phone)}` : ''} (รับถึง ${districtDeadlineText(round)}) ค่ะ`,
  past: (round: MchchRound) => `${roundLabel(round)} ปิดรับไปแล้วค่ะ`,
  noNext: 'ยังไม่มีกำหนดรอบถัดไปค่ะ',
  noRounds: 'ตอนนี้ยังไม่เปิดรับสมัคร มชช. ค่ะ ยังไม่มีกำหนดรอบถัดไปค่ะ',
  subscribeHint: 'กด "แจ้งเตือนรอบหน้า" แล้วบอทจะแจ้งทาง LINE นี้เมื่อเปิดรับสมัครค่ะ',
  closedMeanwhile: 'ขออภัยค่ะ ระหว่างที่กรอก รอบนี้ปิดรับไปแล้ว บอทจึงยังไม่ได้บันทึกใบสมัครนี้ค่ะ',
  roundLine: (round: Snapshot) => `(${round.label})`,
  type: 'สมัครในนามใดคะ เลือกจากปุ่มด้านล่างได้เลยค่ะ',
  typeLeaderTaken: 'คุณมีใบสมัครในนามผู้นำชุมชนในรอบนี้แล้วค่ะ กด "กรอกต่อ" จากเมนูสมัคร มชช. เพื่อกรอกต่อนะคะ หรือเลือกประเภทอื่นค่ะ',
  qualification: (type: MchchType, round: Snapshot) => `คุณสมบัติของ${TYPE_TITLES[type]} ${INTAKE_SAY.roundLine(round)}: ${TYPE_QUALIFICATIONS[type]}\nขอถามสั้น ๆ ทีละข้อนะคะ`,
  // leader
  since: 'คุณอยู่ในชุมชนนี้มาตั้งแต่เมื่อไรคะ\nพิมพ์แค่ปี พ.ศ. ก็ได้ เช่น "2550" หรือ "พ.ค. 2553"',
  sinceUnknown: 'ประมาณปีไหนก็ได้ค่ะ พิมพ์ปี พ.ศ. เช่น "2550" ค่ะ',
  sinceUnsure: (since: string, from: string) => `ตั้งแต่ ${since} จะครบ 1 ปีหรือยัง ขึ้นกับเดือนที่ย้ายมาค่ะ (ครบ 1 ปีถ้าย้ายมาก่อน ${from}) ขอเดือนด้วยนะคะ เช่น "พ.ค. ${since}" ค่ะ`,
  activities: 'มีผลงานหรือกิจกรรมที่ทำร่วมกับชุมชนอะไรบ้างคะ\nพิมพ์ได้หลายอย่าง บรรทัดละอย่าง หรือคั่นด้วย , ใส่ปีที่ทำถ้าจำได้ เช่น\n"ประธานกองทุนหมู่บ้าน 2560, อสม. 2555"',
  activitiesNone: 'ไม่มี',
  activitiesUnknown: 'พิมพ์กิจกรรมที่เคยทำกับชุมชนได้เลยค่ะ เช่น "จัดงานวันผู้สูงอายุ 2561" ถ้ายังไม่มี กด "ไม่มี" ค่ะ',
  activitiesGot: (list: Activity[]) => `รับทราบผลงาน ${list.length} อย่างค่ะ\n${list.map((a, i) => `${i + 1}. ${activityText(a)}`).join('\n')}`,
  position: 'มีตำแหน่งในชุมชนแบบไหนคะ\n• ทางการ เช่น ผู้ใหญ่บ้าน กำนัน สมาชิก อบต.\n• ไม่เป็นทางการ เช่น ปราชญ์ชาวบ้าน ผู้นำกลุ่ม ผู้อาวุโสที่คนนับถือ',
  formal: 'ตำแหน่งทางการ',
  informal: 'ไม่เป็นทางการ',
  positionTitle: (formal: boolean) => (formal ? 'ตำแหน่งชื่ออะไรคะ เช่น "ผู้ใหญ่บ้าน"' : 'บทบาทของคุณในชุมชนคืออะไรคะ เช่น "ปราชญ์ชาวบ้านด้านสมุนไพร"'),
  titleTooLong: 'ขอสั้น ๆ ไม่เกิน 100 ตัวอักษรนะคะ',
  // group
  pickGroup: (names: string[]) => `สมัครในนามกลุ่มไหนคะ\n${names.map((n, i) => `${i + 1}. ${n}`).join('\n')}\nกดชื่อกลุ่ม หรือ "กลุ่มอื่น" เพื่อพิมพ์ชื่อค่ะ`,
  otherGroup: 'กลุ่มอื่น',
  groupPicked: (name: string) => `เลือก "${name}" แล้วค่ะ ข้อมูลผู้ติดต่อของกลุ่มจะใส่ไว้ให้ในใบสมัคร ตรวจอีกครั้งได้ภายหลังค่ะ`,
  name: { group: 'กลุ่มชื่ออะไรคะ', network: 'เครือข่ายชื่ออะไรคะ เช่น "เครือข่ายกลุ่มอาชีพตำบลบางพระ"', community: 'ชุมชนชื่ออะไรคะ เช่น "ชุมชนบ้านคลองสวน"' } as Record<'group' | 'network' | 'community', string>,
  nameTooLong: 'ขอชื่อไม่เกิน 150 ตัวอักษรนะคะ',
  nameUnknown: 'ขอชื่อด้วยนะคะ พิมพ์ชื่อตามที่คนในชุมชนเรียกก็ได้ค่ะ',
  groupSince: (min: number) => `กลุ่มเริ่มดำเนินกิจกรรมตั้งแต่เมื่อไรคะ (สำนักงานกำหนดว่าต้องไม่น้อยกว่า ${min} ปี)\nพิมพ์ปี พ.ศ. ก็ได้ เช่น "2558"`,
  groupSinceGot: (since: PartialDate, years: string) => `กลุ่มทำกิจกรรมมาแล้ว ${years} (ตั้งแต่ ${formatThaiPartialDate(since)}) ค่ะ`,
  role: 'คุณมีตำแหน่งอะไรในกลุ่มหรือเครือข่ายคะ',
  // network
  memberOrgs: 'มีกลุ่มหรือองค์กรใดเป็นสมาชิกเครือข่ายบ้างคะ พิมพ์ชื่อ คั่นด้วย , หรือบรรทัดละชื่อ (ไม่บังคับ กด "ข้าม" ได้ค่ะ)',
  memberOrgsGot: (n: number) => `รับทราบสมาชิกเครือข่าย ${n} กลุ่ม/องค์กรค่ะ`,
  // community
  moo: 'ชุมชนอยู่หมู่ที่เท่าไรคะ (พิมพ์ตัวเลข เช่น 4 ถ้าไม่ใช่หมู่บ้าน กด "ข้าม" ค่ะ)',
  mooBad: 'ขอเป็นเลขหมู่ 1 ถึง 99 นะคะ เช่น 4 ค่ะ หรือกด "ข้าม" ค่ะ',
  area: 'เขตของชุมชนจดที่ไหนบ้างคะ เล่าสั้น ๆ ก็ได้ เช่น "ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314"',
  areaTooLong: 'ขอสั้น ๆ ไม่เกิน 300 ตัวอักษรนะคะ',
  boundary: 'เขตชุมชนนี้ชัดเจนแน่นอนแล้ว (คนในชุมชนและเจ้าหน้าที่รู้ว่าแนวเขตอยู่ตรงไหน) ใช่ไหมคะ',
  boundaryYes: 'ชัดเจนแล้ว',
  boundaryNo: 'ยังไม่ชัดเจน',
  // resolution
  resolution: {
    group: 'ที่ประชุมสมาชิกกลุ่มมีมติให้สมัครเข้าระบบมาตรฐานงานชุมชน (มชช.) แล้วหรือยังคะ',
    network: 'ที่ประชุมสมาชิกเครือข่ายมีมติให้สมัครเข้าระบบมาตรฐานงานชุมชน (มชช.) แล้วหรือยังคะ',
    community: 'ชุมชนจัดประชาคมและมีมติให้สมัครเข้าระบบมาตรฐานงานชุมชน (มชช.) แล้วหรือยังคะ',
  } as Record<'group' | 'network' | 'community', string>,
  resolutionYes: 'มีมติแล้ว',
  resolutionNo: 'ยังไม่มี',
  resolutionDate: 'ประชุมลงมติวันที่เท่าไรคะ พิมพ์ เช่น 15 ม.ค. 2562 หรือกดเลือกวันที่ (จำไม่ได้ กด "จำวันไม่ได้" ค่ะ)',
  dateForgotten: 'จำวันไม่ได้',
  dateForgottenOk: 'ไม่เป็นไรค่ะ วันที่จะดูจากบันทึกการประชุมที่ส่งภายหลังค่ะ',
  dateGot: (iso: string) => `ประชุมลงมติวันที่ ${dateText(iso)} ค่ะ`,
  // not yet
  notYet: (round: Snapshot, reason: { label: string; rule: string; fix: string }, said?: string) =>
    `${said ? `${said}\n\n` : ''}ขออภัยค่ะ ตอนนี้ยังสมัครไม่ได้ เพราะ${reason.label}\n📋 ${reason.rule}\n✅ ทำอย่างไรต่อ: ${reason.fix}\n${INTAKE_SAY.roundLine(round)}`,
  minutesButton: 'บันทึกการประชุม',
  // consent
  consent: (round: Snapshot, office: string) =>
    `🔒 ก่อนบันทึกใบสมัคร: บอทจะเก็บคำตอบข้างต้น ข้อมูลติดต่อของผู้สมัคร (ชื่อ เบอร์โทร) และรูปเอกสารที่ส่งมา ` +
    `เพื่อใช้สมัคร ${round.label} เท่านั้น ผู้ที่เห็นข้อมูลคือเจ้าหน้าที่${office} และ${round.district.name} ` +
    `ไม่นำไปใช้อย่างอื่น\nพิมพ์ "ลบข้อมูลของฉัน" ได้ทุกเมื่อค่ะ\nยินยอมให้เก็บข้อมูลไหมคะ`,
  consentYes: 'ยินยอม',
  consentNo: 'ไม่ยินยอม',
  consentPick: 'กรุณากด "ยินยอม" หรือ "ไม่ยินยอม" นะคะ',
  declined: 'ไม่เป็นไรค่ะ บอทยังไม่ได้เก็บข้อมูลใด ๆ ถ้าพร้อมเมื่อไร พิมพ์ "สมัคร มชช." ได้เลยค่ะ',
  created: (round: Snapshot, type: MchchType) =>
    `บันทึกใบสมัครในนาม${TYPE_TITLES[type]}แล้วค่ะ 🙏\n${round.label}\nต่อไปส่งเอกสารทีละรายการ ทำข้อไหนก่อนก็ได้ ข้อมูลบันทึกไว้ทุกครั้ง (กรอกได้ถึง ${dateText(round.localCutoff)}) ค่ะ`,
  pickAButton: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ',
};

const MEETING = { group: 'ประชุมสมาชิก', network: 'ประชุมเครือข่าย', community: 'ประชาคม' } as const;

// ---- the round ---------------------------------------------------------------------------------

function snapshot(round: MchchRound): Snapshot {
  return { id: round.id, label: round.label, mode: round.mode, localCutoff: round.localCutoff, districtDeadline: round.districtDeadline, district: round.district };
}

function roundOf(ctx: FlowContext): Snapshot {
  return ctx.answers.round as Snapshot;
}

function typeOf(ctx: FlowContext): MchchType {
  return ctx.answers.type as MchchType;
}

/** Why no application can start today, naming the round (and its dates) when there is one. */
export function closedMessages(ctx: FlowContext): Message[] {
  const settings = ctx.services.office.mchch;
  const today = todayIso(ctx.now);
  const lines: string[] = [];
  const closing = settings.rounds.find((r) => roundStatus(r, today) === 'closed_locally');
  const next = nextRound(settings, today);
  const past = settings.rounds.filter((r) => roundStatus(r, today) === 'past').sort((a, b) => b.districtDeadline.localeCompare(a.districtDeadline))[0];
  if (settings.rounds.length === 0) lines.push(INTAKE_SAY.noRounds);
  else {
    if (closing) lines.push(INTAKE_SAY.closedLocally(closing));
    else if (past && !next) lines.push(INTAKE_SAY.past(past));
    if (next) lines.push(INTAKE_SAY.upcoming(next));
    else lines.push(INTAKE_SAY.noNext);
  }
  lines.push(INTAKE_SAY.subscribeHint);
  return [text(lines.join('\n\n'), [goItem(INTAKE_SAY.subscribe, MCHCH_ENTRIES.subscribe), menuItem()])];
}

/** What มชช. is (§3.2, §3.6: line 204's ideals, never scores), and the guideline when the office set one (Q13). */
function introCard(ctx: FlowContext): Message {
  const url = ctx.services.office.mchch.guidelineUrl;
  const body = [
    ftext(MCHCH_INTRO.alias, { size: 'sm', color: '#6B7280' }),
    ftext(MCHCH_INTRO.what, { size: 'sm' }),
    ftext(MCHCH_INTRO.looksForTitle, { size: 'sm', weight: 'bold' }),
    ...MCHCH_INTRO.looksFor.map((line) => ftext(`• ${line}`, { size: 'sm' })),
    ftext(MCHCH_INTRO.noScore, { size: 'xs', color: '#6B7280' }),
  ];
  const footer = url ? [fbutton(uriAction(INTAKE_SAY.guideline, url), 'link')] : undefined;
  return flex(MCHCH_INTRO.name, bubble({ header: [ftext(MCHCH_INTRO.name, { weight: 'bold', color: '#FFFFFF' })], body, footer }));
}

async function resumable(ctx: FlowContext, roundId: string): Promise<CaseRow[]> {
  const rows = await mchchCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, RESUMABLE);
  return rows.filter((c) => mchchDataOf(c).round?.id === roundId);
}

async function hasLeaderApplication(ctx: FlowContext, roundId: string): Promise<boolean> {
  const rows = await mchchCasesOf(ctx.tx, ctx.services.office.id, ctx.userId);
  return rows.some((c) => !(MCHCH_FINAL as readonly string[]).includes(c.status) && mchchDataOf(c).round?.id === roundId && mchchDataOf(c).type === 'leader');
}

/** "กรอกต่อ: ผู้นำ", "กรอกต่อ: กลุ่มทอผ้าบ้านหน…": which application, by its name when it has one. */
function resumeLabel(c: CaseRow): string {
  const data = mchchDataOf(c);
  return shortLabel(INTAKE_SAY.resumeType(data.eligibility?.name ?? TYPE_SHORT[data.type ?? 'leader']));
}

function caseLine(c: CaseRow): string {
  const data = mchchDataOf(c);
  const who = data.eligibility?.name;
  return `• ${data.type ? TYPE_TITLES[data.type] : 'ใบสมัคร'}${who ? ` "${who}"` : ''}`;
}

// ---- step helpers ------------------------------------------------------------------------------

/** The end for a qualification not (yet) met: the reason, the rule, the fix, and ways on. Nothing is stored. */
function notYet(ctx: FlowContext, reason: { label: string; rule: string; fix: string }, said?: string, extra: QuickReplyItem[] = []): Next {
  // Re-answering an application: the old answers stay (nothing saved), and the way back is its hub.
  if (editing(ctx)) return { end: [text(EDIT_SAY.notYet(roundOf(ctx), reason, said), [...extra, ...hubItems(caseIdOf(ctx))])] };
  return { end: [text(INTAKE_SAY.notYet(roundOf(ctx), reason, said), [...extra, goItem(INTAKE_SAY.again, MCHCH_ENTRIES.intake), menuItem()])] };
}

function question(messages: Message[] | string, choices?: readonly Choice[], more: Partial<Question> = {}): Question {
  return { messages: typeof messages === 'string' ? [text(messages)] : messages, choices, ...more };
}

/** A short free-text answer (a name, a title, a boundary): trimmed, at most `max` characters. */
function acceptLine(reply: { text?: string }, max: number, tooLong: string, unknown: string): Accepted {
  const value = (reply.text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value === '' || /^(ไม่รู้|ไม่ทราบ|ไม่แน่ใจ|\?+)$/.test(value)) return { ok: false, reason: unknown };
  if ([...value].length > max) return { ok: false, reason: tooLong };
  return { ok: true, value };
}

const YES_NO = (yes: string, no: string): Choice[] => [
  { value: 'yes', label: yes, keywords: ['มี', 'ใช่', 'มีแล้ว', 'แล้ว', 'ชัดเจน', 'ชัด'] },
  { value: 'no', label: no, keywords: ['ไม่มี', 'ไม่', 'ยัง', 'ยังไม่', 'ไม่ใช่', 'ไม่ชัด', 'ยังไม่มีมติ'] },
];

/** The step after the type's own questions: the committee question when the office asks it (Q14), then consent. */
function afterQualifications(ctx: FlowContext): Promise<Next> | Next {
  const type = typeOf(ctx);
  if (editing(ctx)) return saveEdit(ctx);
  if ((type === 'group' || type === 'network') && ctx.services.office.mchch.submitterMustBeCommittee && ctx.answers.role === undefined) return { step: 'role' };
  return { step: 'consent' };
}

/** The end of the questions: consent for a new application, the save for an edit. */
function toConsent(ctx: FlowContext): Promise<Next> | Next {
  return editing(ctx) ? saveEdit(ctx) : { step: 'consent' };
}

/** The eligibility section from the answers (only what was asked of the type). */
function eligibilityOf(ctx: FlowContext): Eligibility {
  const a = ctx.answers;
  const type = typeOf(ctx);
  const e: Eligibility = { asOf: todayIso(ctx.now) };
  if (type === 'leader') {
    e.residentSince = (a.since as { iso: string }).iso;
    e.activities = a.activities as Activity[];
    e.position = { formal: a.position === 'formal', title: a.positionTitle as string };
    return e;
  }
  const picked = pickedGroup(ctx);
  if (picked) {
    e.groupCaseId = picked.id;
    e.name = picked.name;
  } else e.name = a.name as string;
  if (type === 'network' && Array.isArray(a.memberOrgs) && a.memberOrgs.length > 0) e.memberOrgs = a.memberOrgs as string[];
  if (type === 'community') {
    e.area = { ...(typeof a.moo === 'number' ? { moo: a.moo } : {}), description: a.area as string };
    e.definiteBoundary = true;
  }
  const date = typeof a.resolutionDate === 'string' ? a.resolutionDate : undefined;
  e.resolution = { held: true, meeting: MEETING[type], ...(date ? { date } : {}) };
  return e;
}

interface PickedGroup {
  id: number;
  name: string;
  applicant?: NonNullable<MchchData['applicant']>;
}

function pickedGroup(ctx: FlowContext): PickedGroup | undefined {
  const g = ctx.answers.group as PickedGroup | 'other' | undefined;
  return g && g !== 'other' ? g : undefined;
}

async function linkableGroups(ctx: FlowContext): Promise<{ id: number; name: string; c: CaseRow }[]> {
  const rows = await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId, LINKABLE_GROUP_STATUSES);
  return rows.flatMap((c) => {
    const name = groupDataOf(c).profile?.name;
    return name ? [{ id: c.id, name, c }] : [];
  });
}

/** A quick-reply label within LINE's 20 characters (the full name is in the message above it). */
function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length <= 20 ? label : `${chars.slice(0, 19).join('')}…`;
}

// ---- the steps ---------------------------------------------------------------------------------

const resolutionSteps: Record<string, Step> = {
  resolution: {
    ask: (ctx) => question(INTAKE_SAY.resolution[typeOf(ctx) as 'group'], YES_NO(INTAKE_SAY.resolutionYes, INTAKE_SAY.resolutionNo)),
    accept: pickChoice,
    next(ctx) {
      if (ctx.answers.resolution === 'yes') return { step: 'resolutionDate' };
      const picked = pickedGroup(ctx);
      const minutes = picked ? [goItem(INTAKE_SAY.minutesButton, GROUP_ENTRIES.section('minutes'), { c: String(picked.id) })] : [];
      return notYet(ctx, MCHCH_REASONS.resolution, undefined, minutes);
    },
  },
  resolutionDate: {
    ask: (ctx) =>
      question(INTAKE_SAY.resolutionDate, [{ ...SKIP, label: INTAKE_SAY.dateForgotten, keywords: [...(SKIP.keywords ?? []), 'ข้าม', 'จำไม่ได้'] }], {
        acceptsText: true,
        datePicker: pastDatePicker(ctx.now),
      }),
    accept(reply, ctx) {
      const accepted = acceptPastDate(reply, ctx.now, true);
      if (!accepted.ok) return accepted;
      return { ok: true, value: accepted.value, say: [text(accepted.value === null ? INTAKE_SAY.dateForgottenOk : INTAKE_SAY.dateGot(accepted.value as string))] };
    },
    next: (ctx) => afterQualifications(ctx),
  },
};

const leaderSteps: Record<string, Step> = {
  since: {
    ask: (ctx) => question([text(INTAKE_SAY.qualification('leader', roundOf(ctx))), text(INTAKE_SAY.since)], undefined, { acceptsText: true }),
    accept(reply, ctx) {
      const typed = (reply.text ?? '').trim();
      if (/^(ไม่รู้|ไม่ทราบ|ไม่แน่ใจ|จำไม่ได้)/.test(typed)) return { ok: false, reason: INTAKE_SAY.sinceUnknown };
      const today = bangkokToday(ctx.now);
      const parsed = readSince(typed, today);
      if (!parsed.ok) return { ok: false, reason: parsed.reason === 'unrecognised' || parsed.reason === 'empty' ? INTAKE_SAY.sinceUnknown : reasonText(parsed.reason) };
      const since = parsed.value;
      const d = residency(since, today);
      if (d.meets === 'unsure') {
        const from = formatThaiDate(addYearsBack(today));
        return { ok: false, reason: INTAKE_SAY.sinceUnsure(formatThaiPartialDate(since), from) };
      }
      const iso = toIsoFirst(since);
      return { ok: true, value: { iso, since, years: d.years, meets: d.meets, said: residencyText(since, d) } };
    },
    next(ctx) {
      const s = ctx.answers.since as { since: PartialDate; meets: string; said: string };
      if (s.meets === 'no') {
        const when = formatThaiDate(firstDayWith(s.since, 1));
        return notYet(ctx, { ...MCHCH_REASONS.residency, fix: `${MCHCH_REASONS.residency.fix} (ครบ 1 ปีราววันที่ ${when})` }, `${s.said} ค่ะ`);
      }
      return { step: 'activities', say: [text(`${s.said} ค่ะ ✓`)] };
    },
  },
  activities: {
    ask: () => question(INTAKE_SAY.activities, [{ value: 'none', label: INTAKE_SAY.activitiesNone, keywords: ['ไม่มี', 'ยังไม่มี', 'ไม่เคย', 'ไม่มีค่ะ'] }], { acceptsText: true }),
    accept(reply, ctx) {
      const typed = (reply.text ?? '').trim();
      // "ยังไม่มีผลงาน", "ไม่เคยทำ": the same as the "ไม่มี" button.
      if (reply.choice?.value === 'none' || /^(ยัง)?ไม่(มี|เคย)/.test(typed)) return { ok: true, value: [] };
      if (typed === '' || /^(ไม่รู้|ไม่ทราบ|ไม่แน่ใจ|จำไม่ได้|\?+)$/.test(typed)) return { ok: false, reason: INTAKE_SAY.activitiesUnknown };
      const list = parseActivities(typed, bangkokToday(ctx.now));
      if (list.length === 0) return { ok: false, reason: INTAKE_SAY.activitiesUnknown };
      return { ok: true, value: list, say: [text(INTAKE_SAY.activitiesGot(list))] };
    },
    next: (ctx) => ((ctx.answers.activities as Activity[]).length === 0 ? notYet(ctx, MCHCH_REASONS.activities) : { step: 'position' }),
  },
  position: {
    ask: () =>
      question(INTAKE_SAY.position, [
        { value: 'formal', label: INTAKE_SAY.formal, keywords: ['ทางการ', 'เป็นทางการ'] },
        { value: 'informal', label: INTAKE_SAY.informal, keywords: ['ไม่ทางการ', 'ไม่มีตำแหน่ง', 'ไม่มี', 'ไม่แน่ใจ'] },
      ]),
    accept: pickChoice,
    next: () => ({ step: 'positionTitle' }),
  },
  positionTitle: {
    ask: (ctx) => question(INTAKE_SAY.positionTitle(ctx.answers.position === 'formal'), undefined, { acceptsText: true }),
    accept: (reply) => acceptLine(reply, 100, INTAKE_SAY.titleTooLong, INTAKE_SAY.positionTitle(false)),
    next: (ctx) => toConsent(ctx),
  },
};

const groupSteps: Record<string, Step> = {
  group: {
    async ask(ctx) {
      const groups = await linkableGroups(ctx);
      const choices: Choice[] = groups.slice(0, 10).map((g, i) => ({ value: String(g.id), label: shortLabel(`${i + 1}. ${g.name}`), keywords: [String(i + 1), g.name] }));
      choices.push({ value: 'other', label: INTAKE_SAY.otherGroup, keywords: ['อื่น', 'กลุ่มใหม่', 'ไม่มี'] });
      return question([text(INTAKE_SAY.qualification('group', roundOf(ctx))), text(INTAKE_SAY.pickGroup(groups.slice(0, 10).map((g) => g.name)))], choices);
    },
    async accept(reply, ctx) {
      if (!reply.choice) return { ok: false, reason: INTAKE_SAY.pickAButton };
      if (reply.choice.value === 'other') return { ok: true, value: 'other' };
      const g = (await linkableGroups(ctx)).find((x) => String(x.id) === reply.choice!.value);
      if (!g) return { ok: false, reason: INTAKE_SAY.pickAButton };
      const profile = groupDataOf(g.c).profile;
      const applicant = profile?.contact ? { name: profile.contact.name, phone: profile.contact.phone, role: profile.submitterRole } : undefined;
      const picked: PickedGroup = { id: g.id, name: g.name, ...(applicant ? { applicant } : {}) };
      return { ok: true, value: picked, say: [text(INTAKE_SAY.groupPicked(g.name))] };
    },
    next: (ctx) => (pickedGroup(ctx) ? groupAfterName(ctx) : { step: 'name' }),
  },
  groupSince: {
    ask: (ctx) => question(INTAKE_SAY.groupSince(ctx.services.office.mchch.groupMinYearsActive ?? 1), undefined, { acceptsText: true }),
    accept(reply, ctx) {
      const today = bangkokToday(ctx.now);
      const parsed = readSince(reply.text ?? '', today);
      if (!parsed.ok) return { ok: false, reason: parsed.reason === 'unrecognised' || parsed.reason === 'empty' ? INTAKE_SAY.sinceUnknown : reasonText(parsed.reason) };
      const min = ctx.services.office.mchch.groupMinYearsActive ?? 1;
      const d = durationSince(parsed.value, today, min);
      if (d.meets === 'unsure') return { ok: false, reason: `ขอเดือนที่เริ่มด้วยนะคะ เช่น "พ.ค. ${formatThaiPartialDate(parsed.value)}" ค่ะ` };
      return { ok: true, value: { meets: d.meets, said: INTAKE_SAY.groupSinceGot(parsed.value, durationText(d)) } };
    },
    next(ctx) {
      const s = ctx.answers.groupSince as { meets: string; said: string };
      const min = ctx.services.office.mchch.groupMinYearsActive ?? 1;
      if (s.meets === 'no') return notYet(ctx, OFFICE_REASONS.groupYears(min), s.said);
      return { step: 'resolution', say: [text(`${s.said} ✓`)] };
    },
  },
};

/** After the group's name: its years of activity when the office asks (Q18), else the resolution. */
function groupAfterName(ctx: FlowContext): Next {
  return ctx.services.office.mchch.groupMinYearsActive ? { step: 'groupSince' } : { step: 'resolution' };
}

const sharedSteps: Record<string, Step> = {
  name: {
    ask: (ctx) => {
      const type = typeOf(ctx) as 'group' | 'network' | 'community';
      // The group's qualification was shown with the pick; the others see it here.
      const intro = type === 'group' && ctx.answers.group !== undefined ? [] : [text(INTAKE_SAY.qualification(type, roundOf(ctx)))];
      return question([...intro, text(INTAKE_SAY.name[type])], undefined, { acceptsText: true });
    },
    accept: (reply) => acceptLine(reply, 150, INTAKE_SAY.nameTooLong, INTAKE_SAY.nameUnknown),
    next(ctx) {
      const type = typeOf(ctx);
      if (type === 'group') return groupAfterName(ctx);
      return { step: type === 'network' ? 'memberOrgs' : 'moo' };
    },
  },
  role: {
    ask: () => question(INTAKE_SAY.role, [...COMMITTEE_ROLES, ...NON_COMMITTEE_ROLES].map((r) => ({ value: r, label: r, keywords: r === 'สมาชิก' ? ['สมาชิกกลุ่ม', 'ลูกกลุ่ม'] : [] }))),
    accept: pickChoice,
    next: (ctx) => (isCommitteeRole(ctx.answers.role as string) ? toConsent(ctx) : notYet(ctx, OFFICE_REASONS.committee)),
  },
  memberOrgs: {
    ask: () => question(INTAKE_SAY.memberOrgs, [SKIP], { acceptsText: true }),
    accept(reply) {
      if (reply.choice?.value === SKIP.value) return { ok: true, value: [] };
      const names = (reply.text ?? '')
        .normalize('NFC')
        .split(/[\n,;]+/)
        .map((s) => s.replace(/^\s*(?:\d{1,2}[.)]|[-•*])\s*/, '').replace(/\s+/g, ' ').trim().slice(0, 150))
        .filter((s) => s !== '')
        .slice(0, 100);
      if (names.length === 0) return { ok: false, reason: INTAKE_SAY.memberOrgs };
      return { ok: true, value: names, say: [text(INTAKE_SAY.memberOrgsGot(names.length))] };
    },
    next: () => ({ step: 'resolution' }),
  },
  moo: {
    ask: () => question(INTAKE_SAY.moo, [SKIP], { acceptsText: true }),
    accept(reply) {
      if (reply.choice?.value === SKIP.value) return { ok: true, value: null };
      const digits = /^(?:หมู่(?:ที่)?\s*)?(\d{1,2})(?:\s*ค่ะ|\s*ครับ)?$/.exec((reply.text ?? '').normalize('NFC').replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).trim());
      const n = digits ? Number(digits[1]) : NaN;
      return Number.isInteger(n) && n >= 1 && n <= 99 ? { ok: true, value: n } : { ok: false, reason: INTAKE_SAY.mooBad };
    },
    next: () => ({ step: 'area' }),
  },
  area: {
    ask: () => question(INTAKE_SAY.area, undefined, { acceptsText: true }),
    accept: (reply) => acceptLine(reply, 300, INTAKE_SAY.areaTooLong, INTAKE_SAY.area),
    next: () => ({ step: 'boundary' }),
  },
  boundary: {
    ask: () => question(INTAKE_SAY.boundary, YES_NO(INTAKE_SAY.boundaryYes, INTAKE_SAY.boundaryNo)),
    accept: pickChoice,
    next: (ctx) => (ctx.answers.boundary === 'yes' ? { step: 'resolution' } : notYet(ctx, MCHCH_REASONS.boundary)),
  },
};

/** The first day that is a whole year before `today` (moving in on or before it makes ≥ 1 year). */
function addYearsBack(today: { year: number; month: number; day: number }) {
  return { ...today, year: today.year - 1, day: today.month === 2 && today.day === 29 ? 28 : today.day };
}

/** The first day a partial date can be, as ISO (what the case keeps; the bot said the period back). */
function toIsoFirst(d: PartialDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month ?? 1).padStart(2, '0')}-${String(d.day ?? 1).padStart(2, '0')}`;
}

// ---- re-answering an application's qualifications (params { c }) ---------------------------------

export const EDIT_SAY = {
  current: (round: string, type: MchchType, lines: string[]) => `คุณสมบัติที่ตอบไว้ในใบสมัครในนาม${TYPE_TITLES[type]}\n(${round})\n${lines.join('\n')}\n\nใช้ตามนี้ หรือแก้ไขคะ`,
  keep: 'ใช้ตามนี้',
  change: 'แก้ไข',
  kept: 'ใช้คุณสมบัติตามเดิมค่ะ ไม่ได้เปลี่ยนแปลงอะไรนะคะ',
  saved: (lines: string[]) => `บันทึกคุณสมบัติใหม่แล้วค่ะ ✓\n${lines.join('\n')}`,
  notYet: (round: Snapshot, reason: { label: string; rule: string; fix: string }, said?: string) =>
    `${said ? `${said}\n\n` : ''}ขออภัยค่ะ คำตอบนี้ยังไม่ตรงคุณสมบัติ เพราะ${reason.label}\n📋 ${reason.rule}\n✅ ทำอย่างไรต่อ: ${reason.fix}\n` +
    `บอทยังไม่ได้บันทึกคำตอบนี้ คำตอบเดิมในใบสมัครยังอยู่ครบค่ะ กด "กลับหน้าใบสมัคร" เพื่อทำรายการอื่นต่อได้นะคะ\n${INTAKE_SAY.roundLine(round)}`,
  residence: 'ภูมิลำเนา',
  activities: 'ผลงานกับชุมชน',
  noActivities: 'ยังไม่มี',
  position: 'ตำแหน่ง',
  name: 'ชื่อ',
  registered: '(กลุ่มที่ขึ้นทะเบียนไว้)',
  memberOrgs: 'สมาชิกเครือข่าย',
  moo: 'หมู่ที่',
  area: 'เขตชุมชน',
  boundary: 'เขตชัดเจนแล้ว',
  resolution: 'มติให้สมัคร',
  resolutionHeld: (meeting: string | undefined, date: string | undefined) => `มีแล้ว${meeting ? ` (${meeting}${date ? ` วันที่ ${date}` : ''})` : date ? ` (วันที่ ${date})` : ''}`,
  checked: (iso: string) => `ตรวจเมื่อ ${dateText(iso)}`,
};

/** Whether this conversation re-answers an existing application (it carries the case id). */
function editing(ctx: FlowContext): boolean {
  return typeof ctx.answers.c === 'number';
}

/** A stored residence day back to what was said: the intake keeps the first day of a year or month. */
function sinceOf(iso: string): PartialDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  if (month === 1 && day === 1) return { year };
  return day === 1 ? { year, month } : { year, month, day };
}

/** The qualification answers as the applicant reads them (the leader's residency as of today). */
function eligibilityLines(type: MchchType, e: Eligibility, now: Date): string[] {
  const lines: string[] = [];
  if (type === 'leader') {
    if (e.residentSince) {
      const since = sinceOf(e.residentSince);
      lines.push(`• ${EDIT_SAY.residence}: ${residencyText(since, residency(since, bangkokToday(now)))}`);
    }
    if (e.activities) {
      lines.push(`• ${EDIT_SAY.activities}:${e.activities.length === 0 ? ` ${EDIT_SAY.noActivities}` : ''}`);
      e.activities.forEach((a, i) => lines.push(`   ${i + 1}. ${activityText(a)}`));
    }
    if (e.position) lines.push(`• ${EDIT_SAY.position}: ${e.position.title} (${e.position.formal ? INTAKE_SAY.formal : INTAKE_SAY.informal})`);
  } else {
    if (e.name) lines.push(`• ${EDIT_SAY.name}: ${e.name}${e.groupCaseId ? ` ${EDIT_SAY.registered}` : ''}`);
    if (e.memberOrgs?.length) lines.push(`• ${EDIT_SAY.memberOrgs}: ${e.memberOrgs.join(', ')}`);
    if (e.area?.moo) lines.push(`• ${EDIT_SAY.moo} ${e.area.moo}`);
    if (e.area) lines.push(`• ${EDIT_SAY.area}: ${e.area.description}`);
    if (e.definiteBoundary) lines.push(`• ${EDIT_SAY.boundary}`);
    if (e.resolution?.held) lines.push(`• ${EDIT_SAY.resolution}: ${EDIT_SAY.resolutionHeld(e.resolution.meeting, e.resolution.date ? dateText(e.resolution.date) : undefined)}`);
  }
  if (lines.length > 0 && e.asOf) lines.push(`(${EDIT_SAY.checked(e.asOf)})`);
  return lines;
}

/** The type's first qualification question. */
async function firstQuestion(ctx: FlowContext, type: MchchType): Promise<Next> {
  if (type === 'leader') return { step: 'since' };
  if (type === 'group' && (await linkableGroups(ctx)).length > 0) return { step: 'group' };
  return { step: 'name' };
}

/** The start of an edit: the applicant's own case, its qualifications editable now (the sections' checks). */
async function startEdit(ctx: FlowContext, params: Record<string, string>): Promise<{ step: string; answers: Record<string, unknown> } | { refuse: Message[] }> {
  const opened = await openSection(ctx, 'eligibility', params);
  if ('refuse' in opened) return opened;
  const { data, c } = opened;
  if (!data.type) return { refuse: notFoundMessages() };
  const profile = data.round ? ctx.services.office.mchch.rounds.find((r) => r.id === data.round!.id) : undefined;
  const round: Snapshot = data.round ?? (profile ? snapshot(profile) : ({ label: roundName(ctx, data) } as Snapshot));
  const answers = { c: c.id, type: data.type, round };
  const shown = data.eligibility ? eligibilityLines(data.type, data.eligibility, ctx.now) : [];
  if (shown.length > 0) return { step: 'edit', answers };
  // Nothing answered yet: straight to the questions.
  const first = await firstQuestion({ ...ctx, answers }, data.type);
  return { step: (first as { step: string }).step, answers };
}

/** Save the new answers ({ eligibility }, asOf today) and go back to the hub, saying them back. */
async function saveEdit(ctx: FlowContext): Promise<Next> {
  const c = await ownMchchCase(ctx, caseIdOf(ctx));
  if (!c) return { end: notFoundMessages() };
  const eligibility = eligibilityOf(ctx);
  const patch: Partial<MchchData> = { eligibility };
  // A registered group picked now fills in the applicant, as the intake does, when there is none yet
  // and the applicant section may be changed (a reopened needs_info only takes what staff reopened).
  const picked = pickedGroup(ctx);
  if (picked?.applicant && !mchchDataOf(c).applicant && sectionEditable(c, 'applicant')) patch.applicant = picked.applicant;
  if (!(await saveSections(ctx, patch))) return saveRefused(ctx);
  return backToHub(ctx, [text(EDIT_SAY.saved(eligibilityLines(typeOf(ctx), eligibility, ctx.now)))]);
}

const editSteps: Record<string, Step> = {
  edit: {
    async ask(ctx) {
      const data = await caseData(ctx);
      const lines = eligibilityLines(typeOf(ctx), data.eligibility ?? {}, ctx.now);
      return question(EDIT_SAY.current(roundName(ctx, data) || roundOf(ctx).label, typeOf(ctx), lines), [
        { value: 'keep', label: EDIT_SAY.keep, keywords: ['ใช้ตามเดิม', 'ตามเดิม', 'ถูกต้อง', 'ถูกแล้ว', 'ใช่', 'ตกลง'] },
        { value: 'change', label: EDIT_SAY.change, keywords: ['แก้', 'เปลี่ยน', 'ตอบใหม่'] },
      ]);
    },
    accept: pickChoice,
    next(ctx) {
      if (ctx.answers.edit === 'keep') return backToHub(ctx, [text(EDIT_SAY.kept)]);
      return firstQuestion(ctx, typeOf(ctx));
    },
  },
};

export const intakeFlow: Flow = {
  id: MCHCH_FLOWS.intake,
  version: 1,
  title: 'สมัคร มชช.',
  async start(ctx, params) {
    if (params.c !== undefined) return startEdit(ctx, params);
    const round = roundAt(ctx.services.office.mchch, todayIso(ctx.now));
    if (!round) return { refuse: [introCard(ctx), ...closedMessages(ctx)] };
    return { step: 'intro', answers: { round: snapshot(round) } };
  },
  steps: {
    intro: {
      async ask(ctx) {
        const round = ctx.services.office.mchch.rounds.find((r) => r.id === roundOf(ctx).id);
        const open = round ? INTAKE_SAY.open(round) : roundOf(ctx).label;
        const existing = await resumable(ctx, roundOf(ctx).id);
        if (existing.length === 0) return question([introCard(ctx), text(`${open}\n\n${INTAKE_SAY.openGoOn}`)], [{ value: 'start', label: INTAKE_SAY.start, keywords: ['สมัคร', 'เริ่ม', 'ตกลง', 'พร้อม'] }]);
        const resume: Choice[] =
          existing.length === 1
            ? [{ value: String(existing[0]!.id), label: INTAKE_SAY.resume, keywords: ['ต่อ', 'ทำต่อ'] }]
            : existing.slice(0, 4).map((c) => ({ value: String(c.id), label: resumeLabel(c) }));
        return question([text(`${open}\n\n${INTAKE_SAY.existing(existing.map(caseLine))}`)], [...resume, { value: 'start', label: INTAKE_SAY.another, keywords: ['สมัครใหม่', 'ใหม่'] }]);
      },
      accept: pickChoice,
      next(ctx) {
        const value = ctx.answers.intro as string;
        if (value === 'start') return { step: 'type' };
        return { end: [], then: { flow: MCHCH_FLOWS.hub, params: mchchHubParams(Number(value)) } };
      },
    },
    type: {
      ask: (ctx) => {
        const lines = (Object.keys(TYPE_TITLES) as MchchType[]).map((t) => `• ${TYPE_TITLES[t]} — ${TYPE_BENEFITS[t]}`);
        return question([text(`${INTAKE_SAY.type}\n${INTAKE_SAY.roundLine(roundOf(ctx))}\n\nประโยชน์ที่ได้รับ:\n${lines.join('\n')}`)], (Object.keys(TYPE_TITLES) as MchchType[]).map((t) => ({
          value: t,
          label: TYPE_TITLES[t],
          keywords: t === 'leader' ? ['ผู้นำ'] : t === 'group' ? ['กลุ่ม', 'องค์กรชุมชน', 'กลุ่มองค์กรชุมชน'] : t === 'network' ? ['เครือข่าย'] : [],
        })));
      },
      async accept(reply, ctx) {
        if (!reply.choice) return { ok: false, reason: INTAKE_SAY.pickAButton };
        if (reply.choice.value === 'leader' && (await hasLeaderApplication(ctx, roundOf(ctx).id))) return { ok: false, reason: INTAKE_SAY.typeLeaderTaken };
        return { ok: true, value: reply.choice.value };
      },
      next: (ctx) => firstQuestion(ctx, typeOf(ctx)),
    },
    ...editSteps,
    ...leaderSteps,
    ...groupSteps,
    ...sharedSteps,
    ...resolutionSteps,
    consent: {
      ask: (ctx) =>
        question(INTAKE_SAY.consent(roundOf(ctx), ctx.services.office.office.name), [
          { value: 'yes', label: INTAKE_SAY.consentYes, keywords: ['ยินยอม', 'ตกลง', 'ได้', 'ยอมรับ'] },
          { value: 'no', label: INTAKE_SAY.consentNo, keywords: ['ไม่', 'ไม่ตกลง', 'ไม่ยอม'] },
        ]),
      async accept(reply, ctx) {
        if (reply.choice?.value === 'no') return { ok: true, value: 0 };
        if (reply.choice?.value !== 'yes') return { ok: false, reason: INTAKE_SAY.consentPick };
        // The round may have closed while the person was answering: then nothing is stored.
        const open = roundAt(ctx.services.office.mchch, todayIso(ctx.now));
        if (!open || open.id !== roundOf(ctx).id) return { ok: true, value: -1 };
        const picked = pickedGroup(ctx);
        const role = typeof ctx.answers.role === 'string' ? ctx.answers.role : undefined;
        const applicant = picked?.applicant ? { ...picked.applicant, ...(role ? { role } : {}) } : undefined;
        const data: MchchData = {
          round: snapshot(open),
          type: typeOf(ctx),
          consent: { at: ctx.now.getTime() },
          eligibility: eligibilityOf(ctx),
          ...(applicant ? { applicant } : {}),
        };
        const c = await createDraft(ctx.tx, ctx.services.office.id, 'mchch', ctx.userId, ctx.now, data);
        return { ok: true, value: c.id };
      },
      next(ctx) {
        const id = ctx.answers.consent as number;
        if (id === 0) return { end: [text(INTAKE_SAY.declined, [goItem(INTAKE_SAY.again, MCHCH_ENTRIES.intake), menuItem()])] };
        if (id === -1) return { end: [text(INTAKE_SAY.closedMeanwhile), ...closedMessages(ctx)] };
        return { end: [text(INTAKE_SAY.created(roundOf(ctx), typeOf(ctx)))], then: { flow: MCHCH_FLOWS.hub, params: mchchHubParams(id) } };
      },
    },
  },
};

/** Q17: both names of the system, and its abbreviation, in free text. */
export const intakeEntry: Entry = {
  id: MCHCH_ENTRIES.intake,
  menuLabel: 'สมัคร มชช.',
  menuOrder: 45,
  keywords: ['มชช.', 'มชช', 'สมัคร มชช', 'ระบบมาตรฐานการพัฒนาชุมชน', 'ระบบมาตรฐานงานชุมชน', 'มาตรฐานงานชุมชน'],
  flow: MCHCH_FLOWS.intake,
};

