// GET /staff/cases — the office's cases: by default what waits for staff, in the order LINE's
// เรื่องรอตรวจ lists it (src/cases/queue.ts); filters by kind and status; and a search by reference
// that goes straight to the case ("grp-๒๕๖๙-๓" is GRP-2569-0003). The list shows each kind's own
// summary lines (what the LINE cards show), so its views are audited like a case's.
import { audit } from '../../db/audit';
import { statusInfo, transitionsFrom, type AnyKind } from '../../cases/kind';
import { caseKinds, kindOf } from '../../cases/kinds';
import { summaryOf } from '../../cases/messages';
import { findByReference, normalizeReference, staffQueue, type QueuedCase } from '../../cases/queue';
import { casesWaiting } from '../../cases/store';
import { bangkokDateOf } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import type { PageModule } from '../context';
import { page } from '../layout';

export const CASES_PATH = '/staff/cases';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The most rows one list shows (the filters narrow it). */
const MAX_ROWS = 200;

export const CASES_SAY = {
  title: 'เรื่องที่ยื่น',
  search: 'ค้นหาด้วยเลขที่เรื่อง',
  searchHint: 'เช่น GRP-2569-0003',
  searchButton: 'ค้นหา',
  notReference: (typed: string) => `“${typed}” ไม่ใช่รูปแบบเลขที่เรื่องค่ะ ตัวอย่าง GRP-2569-0003`,
  notFound: (reference: string) => `ไม่พบเรื่องเลขที่ ${reference} ในสำนักงานนี้ค่ะ`,
  kind: 'ประเภทเรื่อง',
  allKinds: 'ทุกประเภท',
  status: 'สถานะ',
  waiting: 'รอเจ้าหน้าที่ (เหมือน เรื่องรอตรวจ ใน LINE)',
  allStatuses: 'ทุกสถานะ (ยกเว้นฉบับร่าง)',
  filter: 'แสดง',
  none: 'ไม่มีเรื่องตามที่เลือกค่ะ',
  count: (n: number, more: boolean) => `${n} เรื่อง${more ? ` (แสดง ${MAX_ROWS} เรื่องแรก เลือกประเภทหรือสถานะให้แคบลงได้ค่ะ)` : ''}`,
  columns: { reference: 'เลขที่', kind: 'เรื่อง', status: 'สถานะ', summary: 'สรุป', submitted: 'ยื่นเมื่อ', since: 'สถานะนี้ตั้งแต่' },
  waitingForApplicant: 'รอผู้ยื่นแก้ไข',
  waited: (days: number) => (days < 1 ? 'ไม่ถึง 1 วัน' : `${days} วัน`),
};

/** A filter's value for "every status but drafts". */
const ALL = 'all';

export function casePath(id: number): string {
  return `${CASES_PATH}/${id}`;
}

export function dayOf(ms: number): string {
  return formatThaiDate(bangkokDateOf(new Date(ms)));
}

/** The statuses the filter offers: the kind's, or every kind's (the first kind's label), drafts left out. */
function statusOptions(kind: AnyKind | undefined): [string, string][] {
  const options = new Map<string, string>();
  for (const k of kind ? [kind] : Object.values(caseKinds)) {
    for (const [status, info] of Object.entries(k.statuses)) if (status !== k.initial && !options.has(status)) options.set(status, info.label);
  }
  return [...options];
}

function Filters(props: { kind: AnyKind | undefined; status: string }) {
  return (
    <form method="get" action={CASES_PATH} class="card">
      <div class="actions">
        <div>
          <label for="kind">{CASES_SAY.kind}</label>
          <select id="kind" name="kind">
            <option value="">{CASES_SAY.allKinds}</option>
            {Object.values(caseKinds).map((k) => (
              <option value={k.id} selected={props.kind?.id === k.id}>
                {k.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="status">{CASES_SAY.status}</label>
          <select id="status" name="status">
            <option value="">{CASES_SAY.waiting}</option>
            <option value={ALL} selected={props.status === ALL}>
              {CASES_SAY.allStatuses}
            </option>
            {statusOptions(props.kind).map(([value, label]) => (
              <option value={value} selected={props.status === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p>
        <button type="submit" class="btn plain">
          {CASES_SAY.filter}
        </button>
      </p>
    </form>
  );
}

function Search(props: { typed?: string; problem?: string }) {
  return (
    <form method="get" action={CASES_PATH} class="card" role="search">
      <label for="q">{CASES_SAY.search}</label>
      <div class="actions">
        <input type="search" id="q" name="q" value={props.typed ?? ''} placeholder={CASES_SAY.searchHint} autocomplete="off" />
        <button type="submit" class="btn primary">
          {CASES_SAY.searchButton}
        </button>
      </div>
      {props.problem ? (
        <p class="error" role="alert">
          {props.problem}
        </p>
      ) : null}
    </form>
  );
}

function Row(props: { item: QueuedCase; now: Date }) {
  const { c, kind, since } = props.item;
  const waitsForApplicant = transitionsFrom(kind, c.status, 'officer').length === 0 && transitionsFrom(kind, c.status, 'applicant').length > 0;
  const summary = summaryOf(kind, c)
    .slice(0, 2)
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
  const days = Math.max(0, Math.floor((props.now.getTime() - since) / DAY_MS));
  return (
    <tr>
      <td class="nowrap">
        <a href={casePath(c.id)}>{c.reference ?? `#${c.id}`}</a>
      </td>
      <td class="kind">{kind.title}</td>
      <td>
        <span class={waitsForApplicant ? 'tag warn' : 'tag'}>{statusInfo(kind, c.status).label}</span>
        {waitsForApplicant ? <div class="muted">{CASES_SAY.waitingForApplicant}</div> : null}
      </td>
      <td class="summary">{summary}</td>
      <td class="nowrap">{c.submittedAt ? dayOf(c.submittedAt) : '–'}</td>
      <td class="nowrap">
        {dayOf(since)}
        <div class="muted">{CASES_SAY.waited(days)}</div>
      </td>
    </tr>
  );
}

export const casesPage: PageModule = (app, deps) => {
  app.get('/cases', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const typed = c.req.query('q')?.trim();
    let problem: string | undefined;
    if (typed) {
      const reference = normalizeReference(typed);
      const found = reference ? await findByReference(deps.db, office, reference) : undefined;
      if (found) return c.redirect(casePath(found.id), 303);
      problem = reference ? CASES_SAY.notFound(reference) : CASES_SAY.notReference(typed);
    }
    const kind = kindOf(c.req.query('kind') ?? '');
    const wanted = c.req.query('status') ?? '';
    const status = wanted === ALL || statusOptions(kind).some(([s]) => s === wanted) ? wanted : '';
    let items: QueuedCase[];
    if (!status) {
      items = (await staffQueue(deps.db, office)).filter((i) => !kind || i.kind.id === kind.id);
    } else {
      const statuses = status === ALL ? [...new Set(Object.values(caseKinds).flatMap((k) => Object.keys(k.statuses).filter((s) => s !== k.initial)))] : [status];
      items = (await casesWaiting(deps.db, office, statuses)).flatMap((row) => {
        const k = kindOf(row.kind);
        return k && (!kind || k.id === kind.id) && row.status !== k.initial ? [{ c: row, kind: k, since: row.statusSince, tier: 0 }] : [];
      });
    }
    const shown = items.slice(0, MAX_ROWS);
    await audit(deps.db, office, { actor: staff.userId, action: 'cases.list', target: 'cases', detail: `${kind?.id ?? 'all'}/${status || 'waiting'}` }, deps.now().getTime());
    const now = deps.now();
    return page(
      c,
      CASES_SAY.title,
      CASES_PATH,
      <>
        <Search typed={problem ? typed : undefined} problem={problem} />
        <Filters kind={kind} status={status} />
        <p class="muted">{CASES_SAY.count(items.length, items.length > shown.length)}</p>
        {shown.length === 0 ? (
          <p class="card">{CASES_SAY.none}</p>
        ) : (
          <div class="table-wrap">
            <table class="wide">
              <thead>
                <tr>
                  {Object.values(CASES_SAY.columns).map((h) => (
                    <th>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((item) => (
                  <Row item={item} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
      problem ? 404 : 200,
    );
  });
};

