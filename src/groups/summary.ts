// What a group's data says, as (label, value) lines: the leader's review card before sending and the
// staff notice both show these. Only the group's own facts: its name, type, area, dates, counts, the
// fund total, and the bank's name with the account's last four digits — no member's name, phone or ID.
import { fromIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import { maskAccount } from '../thai/bank-account';
import { formatSatang } from '../thai/money';
import type { GroupData } from './data';
import { memberCount } from './sections';

/** An ISO date shown in BE: "15 มี.ค. 2568". */
export function beDate(iso: string): string {
  return formatThaiDate(fromIso(iso));
}

export function groupSummaryLines(data: GroupData): [string, string][] {
  const lines: [string, string][] = [];
  const p = data.profile;
  if (p) {
    lines.push(['ชื่อกลุ่ม', p.name], ['ประเภท', p.type]);
    lines.push(['พื้นที่', [`หมู่ ${p.moo}`, p.village, `ต.${p.subdistrict}`].filter(Boolean).join(' ')]);
    lines.push(['ก่อตั้ง', beDate(p.established)]);
  }
  if (data.members) {
    const photos = data.members.registerPhotos.length;
    lines.push(['สมาชิก', `${memberCount(data)} คน${photos > 0 ? ` (ภาพทะเบียน ${photos} ภาพ)` : ''}`]);
  }
  if (data.committee) {
    const positions = [...new Set(data.committee.entries.map((e) => e.position))];
    lines.push(['กรรมการ', `${data.committee.entries.length} คน (${positions.join(', ')})`]);
  }
  if (data.rules) {
    const status = data.rules.status === 'adopted' ? 'สมาชิกรับรองแล้ว' : 'ฉบับร่าง';
    lines.push(['ระเบียบ', `${status} ${data.rules.pages.length} หน้า`]);
  }
  if (data.funds) {
    const total = data.funds.entries.reduce((sum, e) => sum + e.amountSatang, 0);
    lines.push(['เงินทุน', `${formatSatang(total)} (${data.funds.entries.length} แหล่ง)`]);
  }
  if (data.bank) lines.push(['บัญชี', `${data.bank.bank} ${maskAccount(data.bank.accountNumber)}`]);
  if (data.minutes) lines.push(['การประชุม', `${data.minutes.meetings.length} ครั้ง`]);
  const photos = groupPhotoCount(data);
  if (photos > 0) lines.push(['รูป/เอกสาร', `${photos} ไฟล์`]);
  return lines;
}

/** Every photo and file the group's data points at. */
export function groupPhotoCount(data: GroupData): number {
  return (
    (data.members?.registerPhotos.length ?? 0) +
    (data.rules?.pages.length ?? 0) +
    (data.bank?.passbook.length ?? 0) +
    (data.minutes?.meetings.reduce((n, m) => n + m.photos.length, 0) ?? 0) +
    (data.formation?.forumResult?.photos.length ?? 0)
  );
}
