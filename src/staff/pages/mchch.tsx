// มชช. (issue 12 point 3): each round of the office profile — its dates, its mode, the days left to
// the office's cut-off — with its applications counted by stage and by status (the kind's labels),
// and the list: reference (→ the case), type, status, and ready ✓/✗ by the one readiness rule
// (src/mchch/readiness.ts). Audited.
import { mchchKind, MCHCH_FINAL, MCHCH_PRE_DISTRICT, MCHCH_STAGES, MCHCH_STATUSES } from '../../cases/kinds/mchch';
import { statusInfo } from '../../cases/kind';
import { audit } from '../../db/audit';
import type { CaseRow } from '../../db/schema';
import { TYPE_TITLES } from '../../mchch/data';
import { readiness } from '../../mchch/readiness';
import { roundStatus, type RoundStatus } from '../../mchch/rounds';
import { mchchCasesOfRound, mchchDataOf } from '../../mchch/store';
import type { MchchRound } from '../../office/mchch-settings';
import { bangkokToday, daysBetween, fromIso, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import type { StaffApp, WorkspaceDeps } from '../context';
import { page } from '../layout';

const HREF = '/staff/mchch';

const MODE_LABELS: Record<MchchRound['mode'], string> = {
  prepare_only: 'ผู้สมัครยื่นเองที่อำเภอ (ระบบเตรียมเอกสาร)',
  relay: 'สำนักงานตรวจแล้วส่งต่ออำเภอ',
};

/** Where an application is, in four steps (the kind's own lists of statuses). */
const STAGES: readonly { label: string; statuses: readonly string[] }[] = [
  { label: 'ก่อนถึงอำเภอ', statuses: MCHCH_PRE_DISTRICT },
  { label: 'ยื่น/ส่งอำเภอแล้ว', statuses: MCHCH_STATUSES.filter((s) => !([...MCHCH_PRE_DISTRICT, ...MCHCH_STAGES, ...MCHCH_FINAL] as readonly string[]).includes(s)) },
  { label: 'อยู่ในขั้นพัฒนาตนเอง', statuses: MCHCH_STAGES },
  { label: 'จบแล้ว', statuses: MCHCH_FINAL },
];

const date = (iso: string) => formatThaiDate(fromIso(iso));

function whenText(round: MchchRound, status: RoundStatus, today: string): { text: string; tag: string } {
  const toCutoff = daysBetween(fromIso(today), fromIso(round.localCutoff));
  switch (status) {
    case 'upcoming':
      return { text: `เปิดรับในอีก ${daysBetween(fromIso(today), fromIso(round.opens))} วัน`, tag: 'tag' };
    case 'open':
      return toCutoff === 0 ? { text: 'วันนี้เป็นวันสุดท้ายที่รับ', tag: 'tag bad' } : { text: `เหลือ ${toCutoff} วันก่อนปิดรับ`, tag: toCutoff <= 7 ? 'tag warn' : 'tag ok' };
    case 'closed_locally':
      return { text: `ปิดรับแล้ว (อำเภอรับถึง ${date(round.districtDeadline)})`, tag: 'tag warn' };
    case 'past':
      return { text: 'สิ้นสุดรอบแล้ว', tag: 'tag' };
  }
}

export function mchchPage(app: StaffApp, deps: WorkspaceDeps): void {
  const { db } = deps;

  app.get('/mchch', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const settings = staff.office.profile.mchch;
    const today = toIso(bangkokToday(deps.now()));
    const rounds = await Promise.all(settings.rounds.map(async (round) => ({ round, cases: await mchchCasesOfRound(db, office, round.id) })));
    const total = rounds.reduce((n, r) => n + r.cases.length, 0);
    await audit(db, office, { actor: staff.userId, action: 'mchch.view', target: 'mchch:rounds', detail: `${rounds.length} rounds, ${total} applications` }, deps.now().getTime());
    return page(
      c,
      'มชช. ความคืบหน้าแต่ละรอบ',
      HREF,
      <>
        {rounds.length === 0 ? <p class="muted">ข้อมูลสำนักงานยังไม่มีรอบรับสมัคร มชช. ค่ะ</p> : null}
        {rounds.map(({ round, cases }) => (
          <RoundCard round={round} cases={cases} today={today} settings={settings} />
        ))}
      </>,
    );
  });
}

/** Applications counted by one heading (a stage, a status): a label and its number per row. */
function CountTable(props: { head: string; rows: readonly (readonly [string, number])[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{props.head}</th>
            <th>จำนวน</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([label, n]) => (
            <tr>
              <td>{label}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoundCard(props: { round: MchchRound; cases: CaseRow[]; today: string; settings: Parameters<typeof readiness>[1] }) {
  const { round, cases, today } = props;
  const status = roundStatus(round, today);
  const when = whenText(round, status, today);
  const byStatus = new Map<string, number>();
  for (const c of cases) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const counted = MCHCH_STATUSES.filter((s) => byStatus.has(s));
  return (
    <section class="card">
      <h2>{round.label}</h2>
      <p>
        <span class={when.tag}>{when.text}</span>
      </p>
      <dl class="facts">
        <dt>เปิดรับ</dt>
        <dd>{date(round.opens)}</dd>
        <dt>สำนักงานปิดรับ</dt>
        <dd>{date(round.localCutoff)}</dd>
        <dt>กำหนดส่งอำเภอ</dt>
        <dd>
          {date(round.districtDeadline)} ({round.district.name})
        </dd>
        <dt>วิธียื่น</dt>
        <dd>{MODE_LABELS[round.mode]}</dd>
      </dl>

      <h3>ใบสมัคร {cases.length} ราย</h3>
      {cases.length === 0 ? (
        <p class="muted">ยังไม่มีใบสมัครในรอบนี้ค่ะ</p>
      ) : (
        <>
          <CountTable head="ขั้น" rows={STAGES.map((stage) => [stage.label, cases.filter((c) => stage.statuses.includes(c.status)).length] as const)} />
          <CountTable head="สถานะ" rows={counted.map((st) => [statusInfo(mchchKind, st).label, byStatus.get(st) ?? 0] as const)} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>ใบสมัคร</th>
                  <th>ผู้สมัคร · สถานะ</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => {
                  const data = mchchDataOf(c);
                  const ready = readiness(data, props.settings, today);
                  return (
                    <tr>
                      <td>
                        <a href={`/staff/cases/${c.id}`} class="nowrap">
                          {c.reference ?? `ร่าง ${c.id}`}
                        </a>
                        <br />
                        <span class="muted">{data.type ? TYPE_TITLES[data.type] : 'ยังไม่เลือกประเภท'}</span>
                      </td>
                      <td>
                        <strong>{data.eligibility?.name ?? data.applicant?.name ?? '—'}</strong>
                        <br />
                        {statusInfo(mchchKind, c.status).label}
                        <br />
                        {ready.ready ? (
                          <span class="tag ok nowrap">✓ เอกสารครบ</span>
                        ) : (
                          <span class="tag bad nowrap">{ready.blocking.length > 0 ? `✗ ขาด ${ready.blocking.length} รายการ` : '✗ ยังไม่ครบ'}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
