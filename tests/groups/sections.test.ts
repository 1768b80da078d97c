// What stops a group's data from being sent: the office's required sections, its minimum members,
// one ประธาน; and what is only worth a look (a name missing from the account name).
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_SETTINGS, type GroupSettings } from '../../src/office/group-settings';
import { canSubmit, isFilled, memberCount, readiness } from '../../src/groups/sections';
import type { GroupData } from '../../src/groups/data';
import { sampleBank, sampleMembers, sampleProfile } from './fixtures';

const settings = (over: Partial<GroupSettings> = {}): GroupSettings => ({ ...DEFAULT_GROUP_SETTINGS, ...over });
const complete: GroupData = {
  profile: sampleProfile(),
  members: sampleMembers(12),
  committee: { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 2 }] },
  rules: { pages: [1], status: 'draft' },
  bank: sampleBank(),
};

describe('readiness of a group’s data', () => {
  it('lists the required sections not filled, in hub order', () => {
    const r = readiness({ profile: sampleProfile(), bank: sampleBank() }, settings());
    expect(r.missing).toEqual(['members', 'committee', 'rules']);
    expect(canSubmit(r)).toBe(false);
    expect(canSubmit(readiness(complete, settings()))).toBe(true);
  });

  it('a photo of the paper register fills the members section, and its count is the members', () => {
    const data: GroupData = { members: { entries: [], registerPhotos: [7], registerCount: 25, consentAt: 1, nextId: 1 } };
    expect(isFilled(data, 'members')).toBe(true);
    expect(memberCount(data)).toBe(25);
  });

  it('the minimum members blocks only when the office sets one', () => {
    expect(readiness(complete, settings()).problems).toEqual([]);
    expect(readiness(complete, settings({ minMembers: 15 })).problems).toEqual(['สำนักงานกำหนดสมาชิกอย่างน้อย 15 คน ตอนนี้มี 12 คนค่ะ']);
  });

  it('a committee needs exactly one ประธาน unless the office says otherwise; two positions for one person is a warning', () => {
    const twoChairs: GroupData = { ...complete, committee: { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'ประธาน', memberId: 1 }] } };
    const r = readiness(twoChairs, settings());
    expect(r.problems).toEqual(['คณะกรรมการมีประธาน 2 คน ควรมีคนเดียวค่ะ']);
    expect(r.warnings).toEqual(['มีกรรมการบางคนดำรงหลายตำแหน่งค่ะ']);
    expect(readiness(twoChairs, settings({ committee: { ...DEFAULT_GROUP_SETTINGS.committee, exactlyOneChair: false } })).problems).toEqual([]);
  });

  it('an account name without the group’s name is a warning, never a block', () => {
    const r = readiness({ ...complete, bank: sampleBank('นางสมศรี ใจดี') }, settings());
    expect(r.warnings).toEqual(['ชื่อบัญชีไม่มีชื่อกลุ่มอยู่ด้วย ลองตรวจอีกครั้งนะคะ']);
    expect(canSubmit(r)).toBe(true);
  });
});
