// What to bring: originals and copies; proxy papers only for a proxy; bank book only for transfers.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src/rules/decision';
import { aidsDocuments, disabilityDocuments, elderlyDocuments } from '../../src/rules/documents';
import { person } from './people';

const BANK_BOOK = 'สมุดบัญชีเงินฝากธนาคาร หน้าแรกที่มีชื่อและเลขบัญชี (ตัวจริงและสำเนา)';

function facts(overrides: Partial<Facts>): Facts {
  return person('1 พ.ค. 2499', overrides);
}

describe('bank book', () => {
  const rows: { paidByBankTransfer: Facts['paidByBankTransfer']; listed: boolean; note?: string; why: string }[] = [
    { paidByBankTransfer: true, listed: true, note: undefined, why: 'chose bank transfer' },
    { paidByBankTransfer: false, listed: false, why: 'chose cash' },
    { paidByBankTransfer: 'unknown', listed: true, note: 'ถ้าต้องการรับเงินผ่านธนาคาร', why: 'not sure' },
    { paidByBankTransfer: undefined, listed: true, note: 'ถ้าต้องการรับเงินผ่านธนาคาร', why: 'not asked' },
  ];
  it.each(rows)('$why', ({ paidByBankTransfer, listed, note }) => {
    const book = elderlyDocuments(facts({ paidByBankTransfer })).find((d) => d.th === BANK_BOOK);
    expect(book !== undefined).toBe(listed);
    if (book) expect(book.note).toBe(note);
  });
});

describe('proxy papers', () => {
  const rows = [
    { list: 'elderly', applicant: 'self', proxyItems: [] },
    { list: 'elderly', applicant: 'proxy', proxyItems: ['หนังสือมอบอำนาจ', 'บัตรประจำตัวประชาชนของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)', 'ทะเบียนบ้านของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)'] },
    { list: 'disability', applicant: 'self', proxyItems: [] },
    { list: 'disability', applicant: 'proxy', proxyItems: ['หนังสือมอบอำนาจ', 'บัตรประจำตัวประชาชนของผู้ดูแลคนพิการ (ตัวจริงและสำเนา)', 'ทะเบียนบ้านของผู้ดูแลคนพิการ (ตัวจริงและสำเนา)'] },
    { list: 'aids', applicant: 'self', proxyItems: [] },
    { list: 'aids', applicant: 'proxy', proxyItems: ['หนังสือมอบอำนาจ', 'บัตรประจำตัวประชาชนของผู้รับมอบอำนาจ (ตัวจริงและสำเนา)'] },
  ] as const;
  it.each(rows)('$list / $applicant', ({ list, applicant, proxyItems }) => {
    const f = facts({ applicant });
    const docs = list === 'elderly' ? elderlyDocuments(f) : list === 'disability' ? disabilityDocuments(f, false) : aidsDocuments(f);
    const names = docs.map((d) => d.th);
    const proxyNames = names.filter((name) => name === 'หนังสือมอบอำนาจ' || name.includes('ผู้รับมอบอำนาจ') || name.includes('ผู้ดูแล'));
    expect(proxyNames).toEqual([...proxyItems]);
  });

  it('tells a proxy that either person\'s bank account will do (elderly)', () => {
    const book = elderlyDocuments(facts({ applicant: 'proxy' })).find((d) => d.th === BANK_BOOK);
    expect(book?.note).toBe('ใช้บัญชีของผู้สูงอายุหรือของผู้รับมอบอำนาจก็ได้');
  });
});

describe('originals and copies', () => {
  it('asks for both for every identity paper', () => {
    const papers = [...elderlyDocuments(facts({})), ...disabilityDocuments(facts({}), false), ...aidsDocuments(facts({}))].filter(
      (d) => /บัตร|ทะเบียนบ้าน/.test(d.th),
    );
    expect(papers.length).toBeGreaterThan(0);
    for (const paper of papers) expect(paper.th).toContain('(ตัวจริงและสำเนา)');
  });

  it('lists the doctor\'s certificate for the AIDS allowance only', () => {
    const certificate = 'ใบรับรองแพทย์ที่ระบุว่าเป็นผู้ป่วยเอดส์';
    expect(aidsDocuments(facts({})).map((d) => d.th)).toContain(certificate);
    expect(elderlyDocuments(facts({})).map((d) => d.th)).not.toContain(certificate);
  });
});
