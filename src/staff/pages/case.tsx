// GET /staff/cases/:id — one case as staff work it: the kind's own summary (what the LINE card
// shows) and its sections with the documents sent for each (photos inline, PDFs in a frame), its
// history with dates and who acted, and the decisions this member may take now, each a form asking
// for what the decision needs (src/cases/decisions.ts, as the LINE conversation asks). POST
// /staff/cases/:id/decide makes the decision through the same `transition` the LINE buttons call,
// so the applicant's push, the history row and the version check are the same. Views and decisions
// are audited.
import type { Child } from 'hono/jsx';
import { audit } from '../../db/audit';
import type { AttachmentRow, CaseHistoryRow, CaseRow } from '../../db/schema';
import { reopenedSections, staffFacts, transition } from '../../cases/actions';
import { DECISION_STEPS, MAX_NOTE_CHARS, caseStartIso, asks, staffDecision, staffDecisions, stepDayProblem, type Decision } from '../../cases/decisions';
import { caseSections, statusInfo, transitionsFrom, type AnyKind } from '../../cases/kind';
import { kindOf } from '../../cases/kinds';
import { CASE_SAY, dayText, referenceText, summaryOf } from '../../cases/messages';
import { findCase, historyOf } from '../../cases/store';
import { bangkokToday, isIsoDate, toIso } from '../../thai/calendar';
import { formatThaiDateTime } from '../../thai/date-format';
import type { PageModule, SignedIn, StaffContext, WorkspaceDeps } from '../context';
import { CsrfField, Notice, page } from '../layout';
import { attachmentPath, caseAttachments } from './attachment';
import { CASES_PATH, casePath, dayOf } from './cases';

export const CASE_PAGE_SAY = {
  notFound: 'ไม่พบเรื่องนี้ค่ะ อาจถูกลบไปแล้ว หรือไม่ใช่เรื่องของสำนักงานนี้',
  back: '← กลับไปรายการเรื่อง',
  facts: 'ข้อมูลเรื่อง',
  warning: 'ควรตรวจ:',
  submitted: 'ยื่นเมื่อ',
  sections: 'ข้อมูลและเอกสารตามส่วน',
  reopenedTag: 'ขอให้แก้ไข',
  noDocuments: 'ส่วนที่ไม่มีเอกสารแนบ',
  otherDocuments: 'เอกสารอื่น',
  openPdf: 'เปิด PDF เต็มหน้าจอ',
  download: (ext: string) => `ดาวน์โหลดไฟล์ (${ext})`,
  page: (title: string, n: number) => `${title} หน้า ${n}`,
  history: 'ประวัติ',
  historyColumns: ['วันเวลา', 'ผู้ทำรายการ', 'สถานะ', 'วันที่ของขั้นตอน', 'ข้อความ'],
  actor: { applicant: 'ผู้ยื่น', officer: 'เจ้าหน้าที่', admin: 'เจ้าหน้าที่', system: 'ระบบ' } as Record<string, string>,
  you: ' (คุณ)',
  internal: 'บันทึกภายใน (ผู้ยื่นไม่เห็น)',
  decide: 'ดำเนินการ',
  version: (v: number) => `ฉบับที่ ${v}`,
  sectionsToReopen: 'ส่วนที่ให้ผู้ยื่นแก้ไข (เลือกได้หลายข้อ)',
  reason: 'เหตุผล (ผู้ยื่นจะเห็นเหตุผลนี้)',
  pickReason: '— เลือกเหตุผล —',
  date: 'วันที่',
  note: 'ข้อความถึงผู้ยื่น (ไม่บังคับ)',
  addNote: 'เพิ่มข้อความถึงผู้ยื่น (ไม่บังคับ)',
  noteMax: `ไม่เกิน ${MAX_NOTE_CHARS} ตัวอักษร`,
  decided: 'บันทึกแล้วค่ะ ผู้ยื่นจะได้รับแจ้งทาง LINE',
  stale: (label: string) => `เรื่องนี้มีเจ้าหน้าที่ดำเนินการไปแล้วระหว่างที่เปิดหน้านี้ค่ะ ตอนนี้สถานะ: ${label} — ข้อมูลด้านล่างเป็นข้อมูลล่าสุด ตรวจอีกครั้งก่อนดำเนินการนะคะ`,
  notAllowed: (label: string) => `ทำรายการนี้ไม่ได้ในสถานะปัจจุบันค่ะ (สถานะ: ${label})`,
  missing: (what: string[]) => `ยังบันทึกไม่ได้ค่ะ กรุณา${what.join(' และ')}`,
  needs: { sections: 'เลือกส่วนที่ให้แก้ไขอย่างน้อย 1 ส่วน', reason: 'เลือกเหตุผล', date: 'ระบุวันที่', note: 'พิมพ์ข้อความถึงผู้ยื่น' },
  noteTooLong: `ข้อความยาวเกินไปค่ะ กรุณาพิมพ์ให้สั้นลง (ไม่เกิน ${MAX_NOTE_CHARS} ตัวอักษร)`,
  dateAfterToday: (today: string) => `วันนี้คือ ${today} ค่ะ ขั้นนี้เกิดขึ้นแล้ว จึงต้องเป็นวันนี้หรือก่อนหน้านี้`,
  dateBeforeCase: (since: string) => `เรื่องนี้เริ่มเมื่อ ${since} ค่ะ วันที่ต้องไม่ก่อนวันนั้น`,
};

/** What the decision form had, shown again when it comes back with a reason. */
interface Typed {
  to: string;
  note?: string;
  reason?: string;
  date?: string;
  sections?: string[];
}

interface Shown {
  error?: string;
  typed?: Typed;
  status?: 200 | 400 | 403 | 404 | 409;
}

function wholeNumber(value: string | undefined): number | undefined {
  return value && /^[1-9]\d{0,11}$/.test(value) ? Number(value) : undefined;
}

/** The section of the case a document slot belongs to: "group.members.register" → members, "mchch.idCard" → idCard. */
function sectionOfSlot(slot: string | null, sections: Readonly<Record<string, string>>): string | undefined {
  const key = slot?.split('.')[1];
  return key && key in sections ? key : undefined;
}

function Document(props: { a: AttachmentRow; title: string; n: number }) {
  const { a } = props;
  const src = attachmentPath(a.id);
  const name = CASE_PAGE_SAY.page(props.title, props.n);
  if (a.mime === 'image/jpeg' || a.mime === 'image/png') {
    return (
      <figure class="doc">
        <a href={src}>
          <img class="attachment" src={src} alt={name} />
        </a>
        <figcaption class="muted">{name}</figcaption>
      </figure>
    );
  }
  if (a.mime === 'application/pdf') {
    return (
      <figure class="doc">
        <iframe class="attachment" src={src} title={name}></iframe>
        <figcaption>
          <a href={src} target="_blank" rel="noopener">
            {CASE_PAGE_SAY.openPdf}
          </a>{' '}
          <span class="muted">{name}</span>
        </figcaption>
      </figure>
    );
  }
  const ext = a.mime.includes('spreadsheetml') ? 'xlsx' : a.mime === 'text/csv' ? 'csv' : 'ไฟล์';
  return (
    <p class="doc">
      <a href={src} class="btn plain">
        {CASE_PAGE_SAY.download(ext)}
      </a>{' '}
      <span class="muted">{name}</span>
    </p>
  );
}

function Sections(props: { kind: AnyKind; c: CaseRow; staff: SignedIn; attachments: AttachmentRow[] }) {
  const sections = caseSections(props.kind, props.c, props.staff.office.profile);
  const reopened = reopenedSections(props.c);
  const bySection = new Map<string, AttachmentRow[]>();
  for (const a of props.attachments) {
    const key = sectionOfSlot(a.slot, sections) ?? '';
    bySection.set(key, [...(bySection.get(key) ?? []), a]);
  }
  const blocks: [string, string][] = [...Object.entries(sections), ...(bySection.has('') ? ([['', CASE_PAGE_SAY.otherDocuments]] as [string, string][]) : [])];
  const withDocuments = blocks.filter(([key]) => bySection.has(key));
  const without = blocks.filter(([key]) => !bySection.has(key));
  return (
    <>
      <h2>{CASE_PAGE_SAY.sections}</h2>
      {withDocuments.map(([key, title]) => (
        <section class="card" id={key ? `section-${key}` : 'section-other'}>
          <h3>
            {title} {key && reopened.includes(key) ? <span class="tag warn">{CASE_PAGE_SAY.reopenedTag}</span> : null}
          </h3>
          {(bySection.get(key) ?? []).map((a, i) => (
            <Document a={a} title={title} n={i + 1} />
          ))}
        </section>
      ))}
      {without.length > 0 ? (
        <p class="card muted" id="sections-without">
          {CASE_PAGE_SAY.noDocuments}: {without.map(([key, title]) => (reopened.includes(key) ? `${title} (${CASE_PAGE_SAY.reopenedTag})` : title)).join(', ')}
        </p>
      ) : null}
    </>
  );
}

function History(props: { kind: AnyKind; rows: CaseHistoryRow[]; me: string }) {
  const [at, who, status, day, note] = CASE_PAGE_SAY.historyColumns;
  return (
    <>
      <h2>{CASE_PAGE_SAY.history}</h2>
      <div class="table-wrap">
        <table class="wide">
          <thead>
            <tr>
              <th>{at}</th>
              <th>{who}</th>
              <th>{status}</th>
              <th>{day}</th>
              <th>{note}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((h) => (
              <tr>
                <td>{formatThaiDateTime(new Date(h.at))}</td>
                <td>
                  {CASE_PAGE_SAY.actor[h.actorKind] ?? h.actorKind}
                  {(h.actorKind === 'officer' || h.actorKind === 'admin') && h.actorId === props.me ? CASE_PAGE_SAY.you : ''}
                </td>
                <td>{statusInfo(props.kind, h.toStatus).label}</td>
                <td>{h.onDate ? dayText(h.onDate) : '–'}</td>
                <td>
                  {h.note ? <div class="pre">{h.note}</div> : '–'}
                  {h.note && Boolean(h.internal) ? <div class="muted">{CASE_PAGE_SAY.internal}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DecisionForm(props: { d: Decision; kind: AnyKind; c: CaseRow; staff: SignedIn; now: Date; typed?: Typed }) {
  const { rule } = props.d;
  const { c } = props;
  const typed = props.typed?.to === rule.to ? props.typed : undefined;
  const id = (field: string) => `${rule.to}-${field}`;
  const today = toIso(bangkokToday(props.now));
  const since = caseStartIso(c);
  const needsMore = DECISION_STEPS.some((step) => asks(rule, step));
  const note = (
    <>
      <label for={id('note')}>{rule.needsNote ?? CASE_PAGE_SAY.note}</label>
      <textarea id={id('note')} name="note" maxlength={MAX_NOTE_CHARS} required={Boolean(rule.needsNote)} class={rule.needsNote ? undefined : 'short'}>
        {typed?.note ?? ''}
      </textarea>
    </>
  );
  const form = (
    <form method="post" action={`${casePath(c.id)}/decide`}>
      <CsrfField staff={props.staff} />
      <input type="hidden" name="to" value={rule.to} />
      <input type="hidden" name="v" value={String(c.version)} />
      <p class="muted">→ {statusInfo(props.kind, rule.to).label}</p>
      {asks(rule, 'sections') ? (
        <fieldset>
          <legend>{CASE_PAGE_SAY.sectionsToReopen}</legend>
          {Object.entries(caseSections(props.kind, c, props.staff.office.profile)).map(([key, title]) => (
            <label class="check">
              <input type="checkbox" name="sections" value={key} checked={typed?.sections?.includes(key)} /> {title}
            </label>
          ))}
        </fieldset>
      ) : null}
      {asks(rule, 'reason') ? (
        <>
          <label for={id('reason')}>{CASE_PAGE_SAY.reason}</label>
          <select id={id('reason')} name="reason" required>
            <option value="">{CASE_PAGE_SAY.pickReason}</option>
            {(rule.reasons ?? []).map((r) => (
              <option value={r.id} selected={typed?.reason === r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {asks(rule, 'date') ? (
        <>
          <label for={id('date')}>{CASE_PAGE_SAY.date}</label>
          <input type="date" id={id('date')} name="date" required value={typed?.date ?? (rule.dateMayBeAhead ? '' : today)} min={since} {...(rule.dateMayBeAhead ? {} : { max: today })} />
        </>
      ) : null}
      {needsMore ? (
        note
      ) : (
        <details open={Boolean(typed?.note)}>
          <summary>{CASE_PAGE_SAY.addNote}</summary>
          {note}
        </details>
      )}
      <p>
        <button type="submit" class="btn primary">
          {rule.label}
        </button>
      </p>
    </form>
  );
  // A decision that asks for more opens when tapped (no script: <details>); one that needs nothing is a button.
  return needsMore ? (
    <details class="card decision" id={`decide-${rule.to}`} open={Boolean(typed)}>
      <summary>{rule.label}</summary>
      {form}
    </details>
  ) : (
    <section class="card decision" id={`decide-${rule.to}`}>
      <h3>{rule.label}</h3>
      {form}
    </section>
  );
}

function Decisions(props: { kind: AnyKind; c: CaseRow; staff: SignedIn; now: Date; typed?: Typed }) {
  const open = staffDecisions(props.kind, props.c, props.staff.role, props.staff.office.profile);
  const applicantsTurn = transitionsFrom(props.kind, props.c.status, 'applicant').length > 0;
  return (
    <>
      <h2 id="decide">{CASE_PAGE_SAY.decide}</h2>
      {open.length === 0 ? (
        <p class="card">{applicantsTurn ? CASE_SAY.applicantsTurn : CASE_SAY.noMoreDecisions}</p>
      ) : (
        open.map((d) => <DecisionForm d={d} kind={props.kind} c={props.c} staff={props.staff} now={props.now} typed={props.typed} />)
      )}
    </>
  );
}

async function showCase(c: StaffContext, deps: WorkspaceDeps, id: number | undefined, shown: Shown = {}) {
  const staff = c.get('staff');
  const row = id === undefined ? undefined : await findCase(deps.db, staff.office.id, id);
  const kind = row && kindOf(row.kind);
  if (!row || !kind) {
    return page(c, CASE_PAGE_SAY.notFound, CASES_PATH, <p><a href={CASES_PATH}>{CASE_PAGE_SAY.back}</a></p>, 404);
  }
  const now = deps.now();
  const [facts, attachments, history] = await Promise.all([staffFacts(deps.db, kind, row, staff.office.profile, now), caseAttachments(deps.db, kind, row), historyOf(deps.db, staff.office.id, row.id)]);
  await audit(deps.db, staff.office.id, { actor: staff.userId, action: 'case.view', target: `case:${row.id}` }, now.getTime());
  const reopened = reopenedSections(row).map((s) => caseSections(kind, row, staff.office.profile)[s] ?? kind.sections[s] ?? s);
  const body: Child = (
    <>
      <p>
        <a href={CASES_PATH}>{CASE_PAGE_SAY.back}</a>
      </p>
      <Notice c={c} messages={{ decided: CASE_PAGE_SAY.decided }} />
      {shown.error ? (
        <p class="error" role="alert">
          {shown.error}
        </p>
      ) : null}
      <section class="card">
        <h2>{CASE_PAGE_SAY.facts}</h2>
        <dl class="facts">
          <dt>เรื่อง</dt>
          <dd>{kind.title}</dd>
          <dt>เลขที่</dt>
          <dd>{referenceText(row)}</dd>
          <dt>สถานะ</dt>
          <dd>
            <span class="tag">{statusInfo(kind, row.status).label}</span> <span class="muted">{CASE_PAGE_SAY.version(row.version)}</span>
          </dd>
          <dt>{CASE_PAGE_SAY.submitted}</dt>
          <dd>{row.submittedAt ? dayOf(row.submittedAt) : '–'}</dd>
          {summaryOf(kind, row).map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
          <dt>{CASE_SAY.attachments}</dt>
          <dd>{CASE_SAY.attachmentCount(facts.attachments)}</dd>
          {reopened.length > 0 ? (
            <>
              <dt>{CASE_SAY.reopened}</dt>
              <dd>{reopened.join(', ')}</dd>
            </>
          ) : null}
        </dl>
        {facts.warnings.map((w) => (
          <p class="warn">{CASE_PAGE_SAY.warning} {w}</p>
        ))}
      </section>
      <Decisions kind={kind} c={row} staff={staff} now={now} typed={shown.typed} />
      <Sections kind={kind} c={row} staff={staff} attachments={attachments} />
      <History kind={kind} rows={history} me={staff.userId} />
    </>
  );
  return page(c, `เรื่อง${kind.title} ${row.reference ?? ''}`.trim(), CASES_PATH, body, shown.status ?? 200);
}

/** What the decision still lacks, in the order the LINE conversation asks for it. */
function missing(d: Decision | undefined, typed: Typed): string[] {
  if (!d) return [];
  const out: string[] = [];
  if (asks(d.rule, 'sections') && !typed.sections?.length) out.push(CASE_PAGE_SAY.needs.sections);
  if (asks(d.rule, 'reason') && !typed.reason) out.push(CASE_PAGE_SAY.needs.reason);
  if (asks(d.rule, 'date') && !typed.date) out.push(CASE_PAGE_SAY.needs.date);
  if (asks(d.rule, 'note') && !typed.note?.trim()) out.push(CASE_PAGE_SAY.needs.note);
  return out;
}

export const casePage: PageModule = (app, deps) => {
  app.get('/cases/:id', (c) => showCase(c, deps, wholeNumber(c.req.param('id'))));

  app.post('/cases/:id/decide', async (c) => {
    const staff = c.get('staff');
    const id = wholeNumber(c.req.param('id'));
    const body = await c.req.parseBody({ all: true });
    const one = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const many = (name: string) => [body[name]].flat().filter((v): v is string => typeof v === 'string');
    const version = Number(one('v'));
    const typed: Typed = { to: one('to') ?? '', note: one('note'), reason: one('reason') || undefined, date: one('date') || undefined, sections: many('sections') };
    const current = id === undefined ? undefined : await findCase(deps.db, staff.office.id, id);
    const kind = current && kindOf(current.kind);
    if (!current || !kind || !Number.isInteger(version)) return showCase(c, deps, undefined);
    const label = (row: CaseRow) => statusInfo(kind, row.status).label;
    const decision = staffDecision(kind, current, typed.to, staff.role, staff.office.profile);
    const now = deps.now();

    if (typed.note && [...typed.note.trim()].length > MAX_NOTE_CHARS) return showCase(c, deps, id, { error: CASE_PAGE_SAY.noteTooLong, typed, status: 400 });
    if (decision && current.version === version && typed.date && asks(decision.rule, 'date')) {
      if (!isIsoDate(typed.date)) return showCase(c, deps, id, { error: CASE_PAGE_SAY.missing([CASE_PAGE_SAY.needs.date]), typed, status: 400 });
      const problem = stepDayProblem(decision.rule, current, typed.date, now);
      if (problem) {
        const error = problem === 'after_today' ? CASE_PAGE_SAY.dateAfterToday(dayText(toIso(bangkokToday(now)))) : CASE_PAGE_SAY.dateBeforeCase(dayText(caseStartIso(current)));
        return showCase(c, deps, id, { error, typed, status: 400 });
      }
    }

    // The same call the LINE buttons make (src/flows/cases.ts decide): the member acts in the role
    // the decision is for (an admin also holds 'officer'); transition checks it all again.
    const result = await deps.db.transaction(async (tx) => {
      const r = await transition(
        tx,
        staff.office.id,
        current.id,
        {
          to: typed.to,
          actor: { role: decision?.role ?? 'officer', id: staff.userId },
          expectedVersion: version,
          office: staff.office.profile,
          ...(typed.note?.trim() ? { note: typed.note } : {}),
          ...(typed.sections?.length ? { sections: typed.sections } : {}),
          ...(typed.reason ? { reason: typed.reason } : {}),
          ...(typed.date ? { date: typed.date } : {}),
        },
        now,
      );
      if (r.ok) await audit(tx, staff.office.id, { actor: staff.userId, action: 'case.decide', target: `case:${current.id}`, detail: r.case.status }, now.getTime());
      return r;
    });
    if (result.ok) return c.redirect(`${casePath(current.id)}?m=decided`, 303);
    switch (result.reason) {
      case 'not_found':
        return showCase(c, deps, undefined);
      case 'stale':
        return showCase(c, deps, id, { error: CASE_PAGE_SAY.stale(label(result.current)), status: 409 });
      case 'not_allowed':
        return showCase(c, deps, id, { error: CASE_PAGE_SAY.notAllowed(label(result.current)), status: 403 });
      case 'needs_note': {
        const lacks = missing(decision, typed);
        return showCase(c, deps, id, { error: CASE_PAGE_SAY.missing(lacks.length ? lacks : [CASE_PAGE_SAY.needs.note]), typed, status: 400 });
      }
    }
  });
};
