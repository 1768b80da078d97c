// ทะเบียนกลุ่ม (issue 12 point 3): the office's register of community groups — the same entries the
// register export reads (src/groups/register.ts registerEntries) — and the group cases still on their
// way (drafts, waiting for staff, sent back). Each reference leads to the case's page, each name to
// the group's members (/staff/groups/:id: names, house and หมู่, joined and left — no ID numbers, no
// phones; the case page has the rest). Both views audited.
import { groupKind } from '../../cases/kinds/group';
import { statusInfo } from '../../cases/kind';
import { audit } from '../../db/audit';
import { findCase } from '../../cases/store';
import { committeeText, registerEntries, type RegisterEntry } from '../../groups/register';
import { memberCount } from '../../groups/sections';
import { GROUP_KIND, groupDataOf, OPEN_GROUP_STATUSES } from '../../groups/store';
import { bangkokDateOf, fromIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { formatPersonName } from '../../thai/person-name';
import type { StaffApp, WorkspaceDeps } from '../context';
import { page } from '../layout';

const HREF = '/staff/groups';

const day = (at: number | null) => (at === null ? '—' : formatThaiDate(bangkokDateOf(new Date(at))));

function CaseLink(props: { entry: RegisterEntry }) {
  const c = props.entry.case;
  return <a href={`/staff/cases/${c.id}`}>{c.reference ?? `เรื่องที่ ${c.id}`}</a>;
}

function area(entry: RegisterEntry): string {
  const p = entry.data.profile;
  if (!p) return '—';
  return [`หมู่ ${p.moo}`, p.village, p.subdistrict ? `ต.${p.subdistrict}` : undefined].filter(Boolean).join(' ');
}

export function groupsPage(app: StaffApp, deps: WorkspaceDeps): void {
  const { db } = deps;

  app.get('/groups', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const all = await registerEntries(db, office, { all: true });
    const registered = all.filter((e) => e.case.status === 'registered');
    const open: readonly string[] = OPEN_GROUP_STATUSES;
    const inProgress = all.filter((e) => open.includes(e.case.status)).sort((a, b) => Number(b.case.updatedAt) - Number(a.case.updatedAt));
    await audit(db, office, { actor: staff.userId, action: 'groups.view', target: 'groups:register', detail: `${registered.length} registered, ${inProgress.length} in progress` }, deps.now().getTime());
    return page(
      c,
      'ทะเบียนกลุ่ม',
      HREF,
      <>
        <h2>กลุ่มที่ขึ้นทะเบียนแล้ว ({registered.length})</h2>
        {registered.length === 0 ? (
          <p class="muted">ยังไม่มีกลุ่มที่ขึ้นทะเบียนค่ะ</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>เลขทะเบียน</th>
                  <th>กลุ่ม</th>
                  <th>ประธาน</th>
                </tr>
              </thead>
              <tbody>
                {registered.map((entry) => (
                  <tr>
                    <td>
                      <span class="nowrap">
                        <CaseLink entry={entry} />
                      </span>
                      <br />
                      <span class="muted">ขึ้นทะเบียน {day(entry.registeredAt)}</span>
                    </td>
                    <td>
                      <strong>
                        <a href={`${HREF}/${entry.case.id}`}>{entry.data.profile?.name ?? 'ดูสมาชิก'}</a>
                      </strong>
                      <br />
                      <span class="muted">
                        {entry.data.profile?.type ?? '—'} · {area(entry)}
                      </span>
                    </td>
                    <td>
                      {committeeText(entry.data).chair || '—'}
                      <br />
                      <span class="muted">สมาชิก {memberCount(entry.data)} คน</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>กลุ่มที่อยู่ระหว่างดำเนินการ ({inProgress.length})</h2>
        {inProgress.length === 0 ? (
          <p class="muted">ไม่มีค่ะ</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>เรื่อง</th>
                  <th>กลุ่ม</th>
                  <th>สถานะ</th>
                </tr>
              </thead>
              <tbody>
                {inProgress.map((entry) => (
                  <tr>
                    <td>
                      <span class="nowrap">
                        <CaseLink entry={entry} />
                      </span>
                    </td>
                    <td>
                      <a href={`${HREF}/${entry.case.id}`}>{entry.data.profile ? <strong>{entry.data.profile.name}</strong> : 'ยังไม่ได้ตั้งชื่อ'}</a>
                      <br />
                      <span class="muted">{area(entry)}</span>
                    </td>
                    <td>
                      {statusInfo(groupKind, entry.case.status).label}
                      <br />
                      <span class="muted">แก้ไขล่าสุด {day(Number(entry.case.updatedAt))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="muted">ส่งออกทะเบียนเป็นไฟล์ Excel ได้ที่หน้า “ส่งออก” ค่ะ</p>
      </>,
    );
  });

  app.get('/groups/:id', async (c) => {
    const staff = c.get('staff');
    const office = staff.office.id;
    const id = Number(c.req.param('id'));
    const found = Number.isSafeInteger(id) ? await findCase(db, office, id) : undefined;
    if (!found || found.kind !== GROUP_KIND) {
      return page(
        c,
        'ไม่พบกลุ่มนี้',
        HREF,
        <p>
          ไม่พบกลุ่มนี้ในสำนักงานของคุณค่ะ <a href={HREF}>กลับไปทะเบียนกลุ่ม</a>
        </p>,
        404,
      );
    }
    const data = groupDataOf(found);
    const members = data.members?.entries ?? [];
    await audit(db, office, { actor: staff.userId, action: 'group.members.view', target: `case:${found.id}`, detail: `${members.length} members listed` }, deps.now().getTime());
    const committee = committeeText(data);
    const isoDay = (iso: string | undefined) => (iso ? formatThaiDate(fromIso(iso)) : '');
    return page(
      c,
      data.profile?.name ?? `กลุ่ม (เรื่องที่ ${found.id})`,
      HREF,
      <>
        <p>
          <a href={HREF}>← ทะเบียนกลุ่ม</a>
        </p>
        <dl class="facts">
          <dt>เรื่อง</dt>
          <dd>
            <a href={`/staff/cases/${found.id}`}>{found.reference ?? `เรื่องที่ ${found.id}`}</a> · {statusInfo(groupKind, found.status).label}
          </dd>
          <dt>ประเภท</dt>
          <dd>{data.profile?.type ?? '—'}</dd>
          <dt>พื้นที่</dt>
          <dd>{area({ case: found, data, registeredAt: null, lastReportAt: null })}</dd>
          <dt>คณะกรรมการ</dt>
          <dd>{committee.all || '—'}</dd>
          <dt>สมาชิก</dt>
          <dd>{memberCount(data)} คน</dd>
        </dl>
        <h2>รายชื่อสมาชิก</h2>
        {members.length === 0 ? (
          <p class="muted">
            {(data.members?.registerPhotos.length ?? 0) > 0 ? 'กลุ่มส่งทะเบียนสมาชิกเป็นรูปถ่าย ดูรูปได้ในหน้าเรื่องค่ะ' : 'ยังไม่มีรายชื่อสมาชิกค่ะ'}
          </p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>ลำดับ</th>
                  <th>ชื่อ-นามสกุล</th>
                  <th>สถานะ</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr>
                    <td>{m.id}</td>
                    <td>
                      {formatPersonName(m)}
                      <br />
                      <span class="muted">{[m.houseNo ? `บ้านเลขที่ ${m.houseNo}` : undefined, m.moo ? `หมู่ ${m.moo}` : undefined].filter(Boolean).join(' ') || '—'}</span>
                    </td>
                    <td>
                      {m.status === 'active' ? 'เป็นสมาชิก' : 'ออกแล้ว'}
                      <br />
                      <span class="muted">{m.status === 'active' ? (m.joined ? `เข้าร่วม ${isoDay(m.joined)}` : '') : m.left ? `ออก ${isoDay(m.left)}` : ''}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });
}
