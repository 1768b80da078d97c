// What to bring: allowance registrations list the rules' documents (the eligibility card's list), so
// the booking card and the eligibility answer never disagree; other services use the office's list.
import { describe, expect, it } from 'vitest';
import { bringItems } from '../../src/booking/documents';
import { DEFAULT_OFFICE_CONFIG_PATH, loadOfficeProfile, type OfficeService } from '../../src/office/profile';
import { documentText, elderlyDocuments } from '../../src/rules';

const office = loadOfficeProfile(DEFAULT_OFFICE_CONFIG_PATH);
const service = (id: string) => office.services.find((s) => s.id === id)!;

describe('bringItems', () => {
  it('lists the rules’ documents for the old-age allowance, then what a proxy adds', () => {
    const self = elderlyDocuments({ birth: 'unknown', thaiNational: 'unknown', registeredInArea: 'unknown', applicant: 'self' }).map(documentText);
    const items = bringItems(service('elderly'));
    expect(items.slice(0, self.length)).toEqual(self);
    expect(items[self.length]).toBe('ถ้ามีผู้มาแทน: หนังสือมอบอำนาจ, บัตรประจำตัวประชาชนของผู้รับมอบอำนาจ (ตัวจริงและสำเนา), ทะเบียนบ้านของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)');
  });

  it('adds the office’s own items without repeating one', () => {
    const elderly: OfficeService = { ...service('elderly'), bring: ['ทะเบียนบ้าน (ตัวจริงและสำเนา)', 'รูปถ่าย 1 นิ้ว 1 รูป'] };
    const items = bringItems(elderly);
    expect(items.filter((i) => i === 'ทะเบียนบ้าน (ตัวจริงและสำเนา)')).toHaveLength(1);
    expect(items.at(-1)).toBe('รูปถ่าย 1 นิ้ว 1 รูป');
  });

  it('uses the office’s list as it is for services that are not allowance registrations', () => {
    expect(bringItems(service('mchch'))).toEqual(service('mchch').bring);
  });
});
