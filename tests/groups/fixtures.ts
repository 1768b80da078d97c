// Group data as a leader would have filled it, for tests that need valid sections without walking
// the conversations (those have their own transcript tests). All names and numbers are made up.
import type { GroupData, Member } from '../../src/groups/data';

export const GROUP_NAME = 'กลุ่มแม่บ้านบ้านโนนสูง';

export function sampleProfile(name = GROUP_NAME): NonNullable<GroupData['profile']> {
  return {
    name,
    type: 'กลุ่มแม่บ้าน',
    objectives: ['ส่งเสริมอาชีพทำขนมของแม่บ้านในหมู่บ้าน'],
    moo: 5,
    village: 'บ้านโนนสูง',
    subdistrict: 'บ้านหนองบัว',
    established: '2026-10-01',
    contact: { name: 'สมศรี ใจดี', phone: '0812345678' },
    submitterRole: 'ประธาน',
  };
}

const FIRST = ['สมศรี', 'มาลี', 'บุญมี', 'สมหมาย', 'ทองใบ', 'คำปุ่น', 'จันทร์เพ็ญ', 'ประยูร', 'สุดใจ', 'บัวผัน'];
const LAST = ['ใจดี', 'ศรีสุข', 'มีสุข', 'บุญมา', 'แก้วกล้า'];

export function sampleMember(id: number): Member {
  return { id, title: 'นาง', firstName: FIRST[(id - 1) % FIRST.length]!, lastName: `${LAST[(id - 1) % LAST.length]!}${id > 10 ? id : ''}`, houseNo: `${id}/1`, moo: 5, status: 'active' };
}

export function sampleMembers(count: number, consentAt = Date.parse('2026-11-01T03:00:00Z')): NonNullable<GroupData['members']> {
  const entries = Array.from({ length: count }, (_, i) => sampleMember(i + 1));
  return { entries, registerPhotos: [], consentAt, nextId: count + 1 };
}

export function sampleBank(groupName = GROUP_NAME, passbook: number[] = []): NonNullable<GroupData['bank']> {
  return { bank: 'ธ.ก.ส.', accountName: groupName, accountNumber: '0201234567', signatories: [1, 2], passbook };
}
