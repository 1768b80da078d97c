// คุยกับประชาชน (issue 12 point 5): the hand-offs of the office — open ones first (who, the first
// words, waiting since, whether staff answered), then the recently closed — and one hand-off's
// conversation with an answer form and ปิดเรื่อง. Answering and closing call the same functions as
// the LINE buttons (src/handoff/actions.ts answerHandoff / closeHandoff), which push the villager and
// audit; opening a hand-off's page (or the list, which quotes first words) is audited here.
import type { Child } from 'hono/jsx';
import { audit } from '../../db/audit';
import type { HandoffMessageRow, HandoffRow } from '../../db/schema';
import { q, type Sql } from '../../db/sql';
import { answerHandoff, closeHandoff } from '../../handoff/actions';
import { whenAnswered } from '../../handoff/messages';
import { findHandoff, messagesOf } from '../../handoff/store';
import { formatThaiDateTime } from '../../thai/date-format';
import type { PageModule, SignedIn, StaffContext } from '../context';
import { CsrfField, Notice, page, PostButton } from '../layout';

const ACTIVE = '/staff/handoffs';
/** As in LINE (src/flows/handoff.ts MAX_TEXT): the longest answer kept. */
export const MAX_ANSWER = 2000;
const RECENT_CLOSED = 20;
const FIRST_WORDS = 80;

export const HANDOFF_PAGE_SAY = {
  answered: 'ส่งคำตอบถึงผู้ติดต่อแล้วค่ะ ผู้ติดต่อจะได้รับเป็นข้อความใน LINE',
  closed: 'ปิดเรื่องแล้วค่ะ แจ้งผู้ติดต่อแล้ว และผู้ติดต่อกลับไปใช้เมนูได้ตามปกติ',
  empty: 'กรุณาพิมพ์คำตอบก่อนกดส่งค่ะ',
  tooLong: `คำตอบยาวเกินไปค่ะ (ไม่เกิน ${MAX_ANSWER} ตัวอักษร) ลองแบ่งส่งนะคะ`,
  alreadyClosed: 'เรื่องนี้ปิดไปแล้วค่ะ จึงตอบหรือปิดซ้ำไม่ได้ ถ้าผู้ติดต่อมีเรื่องใหม่ เขาจะกด "คุยกับเจ้าหน้าที่" ได้อีกครั้งค่ะ',
  unknown: 'ไม่พบเรื่องคุยนี้ค่ะ (อาจถูกลบตามระยะเวลาเก็บข้อมูล หรือผู้ติดต่อขอลบข้อมูลแล้ว)',
} as const;

/** Hand-offs keep no LINE display name: the villager is shown as ประชาชน with the hand-off's number. */
export function villagerLabel(_handoff: HandoffRow): string {
  return 'ประชาชน';
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const when = (at: number) => formatThaiDateTime(new Date(Number(at)));

interface Summary {
  handoff: HandoffRow;
  firstWords: string;
  /** The oldest villager message not yet followed by a staff answer (undefined: nothing waits). */
  waitingSince: number | undefined;
  answered: boolean;
}

function summarize(handoff: HandoffRow, messages: readonly HandoffMessageRow[]): Summary {
  const first = messages.find((m) => m.author === 'villager');
  const lastStaff = messages.reduce((at, m, i) => (m.author === 'staff' ? i : at), -1);
  const waiting = messages.slice(lastStaff + 1).find((m) => m.author === 'villager');
  return {
    handoff,
    firstWords: first ? cut(first.text, FIRST_WORDS) : '',
    waitingSince: waiting ? Number(waiting.at) : undefined,
    answered: lastStaff >= 0,
  };
}

async function summaries(db: Sql, office: string, rows: readonly HandoffRow[]): Promise<Summary[]> {
  const out: Summary[] = [];
  for (const row of rows) out.push(summarize(row, await messagesOf(db, office, row.id)));
  return out;
}

function openHandoffs(db: Sql, office: string): Promise<HandoffRow[]> {
  return db.all<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${office} AND closed_at IS NULL ORDER BY opened_at, id`);
}

function closedHandoffs(db: Sql, office: string): Promise<HandoffRow[]> {
  return db.all<HandoffRow>(q`SELECT * FROM handoffs WHERE office_id = ${office} AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT ${RECENT_CLOSED}`);
}

function closedByLabel(handoff: HandoffRow, me: string): string {
  if (handoff.closedBy === 'villager') return 'ผู้ติดต่อจบการคุยเอง';
  if (handoff.closedBy === 'system') return 'ระบบปิด (ไม่มีความเคลื่อนไหว)';
  return handoff.closedBy === me ? 'คุณปิดเรื่อง' : 'เจ้าหน้าที่ปิดเรื่อง';
}

/** The hand-offs as a table: number, who and a status line; the first words; and one last column. */
function HandoffTable(props: { rows: Summary[]; empty: string; lastHead: string; status?: (s: Summary) => Child; last: (s: Summary) => Child }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>เรื่อง</th>
            <th>ข้อความแรก</th>
            <th>{props.lastHead}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((s) => (
            <tr>
              <td>
                <a href={`/staff/handoffs/${s.handoff.id}`}>#{s.handoff.id}</a>
                <div class="muted">{villagerLabel(s.handoff)}</div>
                {props.status ? <div>{props.status(s)}</div> : null}
              </td>
              <td>{s.firstWords}</td>
              <td>{props.last(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenTable(props: { rows: Summary[] }) {
  return (
    <HandoffTable
      rows={props.rows}
      empty="ตอนนี้ไม่มีผู้ติดต่อรอคุยค่ะ"
      lastHead="รอตั้งแต่"
      status={(s) =>
        s.waitingSince === undefined ? <span class="tag ok nowrap">ตอบแล้ว</span> : s.answered ? <span class="tag warn nowrap">มีข้อความใหม่</span> : <span class="tag bad nowrap">ยังไม่ได้ตอบ</span>
      }
      last={(s) => when(s.waitingSince ?? s.handoff.openedAt)}
    />
  );
}

function ClosedTable(props: { rows: Summary[]; me: string }) {
  return (
    <HandoffTable
      rows={props.rows}
      empty="ยังไม่มีเรื่องที่ปิดแล้วค่ะ"
      lastHead="ปิดเมื่อ"
      last={(s) => (
        <>
          {when(s.handoff.closedAt!)}
          <div class="muted">{closedByLabel(s.handoff, props.me)}</div>
        </>
      )}
    />
  );
}

function Conversation(props: { messages: HandoffMessageRow[]; me: string }) {
  return (
    <ol class="chat">
      {props.messages.map((m) => (
        <li class={m.author === 'villager' ? 'villager' : 'staff'}>
          <div class="who">
            {m.author === 'villager' ? 'ผู้ติดต่อ' : m.staffUserId === props.me ? 'คุณ (เจ้าหน้าที่)' : 'เจ้าหน้าที่'} · {when(m.at)}
          </div>
          <div class="text">{m.text}</div>
        </li>
      ))}
    </ol>
  );
}

function AnswerForm(props: { staff: SignedIn; id: number }) {
  return (
    <form method="post" action={`/staff/handoffs/${props.id}/answer`} class="card">
      <CsrfField staff={props.staff} />
      <label for="answer">ตอบผู้ติดต่อ</label>
      <textarea id="answer" name="text" maxlength={MAX_ANSWER} required></textarea>
      <p class="muted">ผู้ติดต่อจะได้รับคำตอบเป็นข้อความใน LINE ทันที (เหมือนตอบจาก LINE)</p>
      <div class="actions">
        <button type="submit" class="btn primary">
          ส่งคำตอบ
        </button>
      </div>
    </form>
  );
}

function idOf(c: StaffContext): number | undefined {
  const raw = c.req.param('id') ?? '';
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : undefined;
}

const NOTICES: Record<string, string> = {
  answered: HANDOFF_PAGE_SAY.answered,
  closed: HANDOFF_PAGE_SAY.closed,
};

export const handoffPages: PageModule = (app, deps) => {
  const { db } = deps;

  app.get('/handoffs', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const open = await summaries(db, office, await openHandoffs(db, office));
    const closed = await summaries(db, office, await closedHandoffs(db, office));
    // The list quotes villagers' first words: a view of personal data.
    await audit(db, office, { actor: staff.userId, action: 'handoffs.view', target: 'handoffs', detail: `open:${open.length} closed:${closed.length}` }, deps.now().getTime());
    return page(
      c,
      'คุยกับประชาชน',
      ACTIVE,
      <>
        <p class="muted">เวลาทำการที่แจ้งผู้ติดต่อ: {staff.office.profile.office.hoursText}</p>
        <h2>รอคุย ({open.length})</h2>
        <OpenTable rows={open} />
        <h2>ปิดแล้วล่าสุด</h2>
        <ClosedTable rows={closed} me={staff.userId} />
      </>,
    );
  });

  app.get('/handoffs/:id', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const id = idOf(c);
    const handoff = id === undefined ? undefined : await findHandoff(db, office, id);
    if (!handoff) return page(c, 'ไม่พบเรื่องคุย', ACTIVE, <p class="error">{HANDOFF_PAGE_SAY.unknown}</p>, 404);
    const messages = await messagesOf(db, office, handoff.id);
    await audit(db, office, { actor: staff.userId, action: 'handoff.view', target: `handoff:${handoff.id}`, detail: `messages:${messages.length}` }, deps.now().getTime());
    const error = c.req.query('e');
    const errors: Record<string, string> = { empty: HANDOFF_PAGE_SAY.empty, 'too-long': HANDOFF_PAGE_SAY.tooLong };
    const profile = staff.office.profile;
    return page(
      c,
      `เรื่องคุย #${handoff.id}`,
      ACTIVE,
      <>
        <p>
          <a href="/staff/handoffs">← กลับไปรายการ</a>
        </p>
        <Notice c={c} messages={NOTICES} />
        {error && errors[error] ? (
          <p class="error" role="alert">
            {errors[error]}
          </p>
        ) : null}
        <div class="card">
          <dl class="facts">
            <dt>ผู้ติดต่อ</dt>
            <dd>{villagerLabel(handoff)}</dd>
            <dt>เริ่มคุย</dt>
            <dd>{when(handoff.openedAt)}</dd>
            <dt>สถานะ</dt>
            <dd>{handoff.closedAt === null ? <span class="tag warn">เปิดอยู่</span> : <span class="tag">ปิดแล้ว {when(handoff.closedAt)} · {closedByLabel(handoff, staff.userId)}</span>}</dd>
            <dt>แจ้งผู้ติดต่อไว้ว่า</dt>
            <dd>{whenAnswered(profile, new Date(Number(handoff.openedAt)))}</dd>
            <dt>เวลาทำการ</dt>
            <dd>{profile.office.hoursText}</dd>
          </dl>
        </div>
        <h2>ข้อความ</h2>
        <Conversation messages={messages} me={staff.userId} />
        {handoff.closedAt === null ? (
          <>
            <AnswerForm staff={staff} id={handoff.id} />
            <div class="actions">
              <PostButton staff={staff} action={`/staff/handoffs/${handoff.id}/close`} label="ปิดเรื่อง" kind="danger" />
              <span class="muted">ผู้ติดต่อจะได้รับแจ้ง และกลับไปใช้เมนูของบอทได้ตามปกติ</span>
            </div>
          </>
        ) : (
          <p class="notice">{HANDOFF_PAGE_SAY.alreadyClosed}</p>
        )}
      </>,
    );
  });

  /** A refusal page for an answer or close that cannot be done (closed, gone). */
  const refused = (c: StaffContext, id: number, reason: 'unknown' | 'closed') =>
    page(
      c,
      reason === 'closed' ? 'เรื่องนี้ปิดแล้ว' : 'ไม่พบเรื่องคุย',
      ACTIVE,
      <>
        <p class="error" role="alert">
          {reason === 'closed' ? HANDOFF_PAGE_SAY.alreadyClosed : HANDOFF_PAGE_SAY.unknown}
        </p>
        <p>
          <a href={reason === 'closed' ? `/staff/handoffs/${id}` : '/staff/handoffs'}>กลับ</a>
        </p>
      </>,
      reason === 'closed' ? 409 : 404,
    );

  app.post('/handoffs/:id/answer', async (c) => {
    const staff = c.get('staff');
    const id = idOf(c);
    if (id === undefined) return refused(c, 0, 'unknown');
    const body = await c.req.parseBody();
    const typed = typeof body.text === 'string' ? body.text.trim() : '';
    if (!typed) return c.redirect(`/staff/handoffs/${id}?e=empty`, 303);
    if (typed.length > MAX_ANSWER) return c.redirect(`/staff/handoffs/${id}?e=too-long`, 303);
    const result = await db.transaction((tx) => answerHandoff(tx, staff.office.id, id, staff.userId, typed, deps.now()));
    if (!result.ok) return refused(c, id, result.reason);
    return c.redirect(`/staff/handoffs/${id}?m=answered`, 303);
  });

  app.post('/handoffs/:id/close', async (c) => {
    const staff = c.get('staff');
    const id = idOf(c);
    if (id === undefined) return refused(c, 0, 'unknown');
    const result = await db.transaction((tx) => closeHandoff(tx, staff.office.id, id, staff.userId, deps.now()));
    if (!result.ok) return refused(c, id, result.reason);
    return c.redirect(`/staff/handoffs/${id}?m=closed`, 303);
  });
};
