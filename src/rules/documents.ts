// What to bring to the office, per allowance and personalised: the proxy's papers only when someone
// files for the person, the bank book only when the money goes to a bank account. LAO pages list
// copies while some agencies stopped asking for them [E47], so people are told to bring originals
// AND copies.

import type { Facts, RequiredDocument } from './decision';

/** A document as one line for the user: the name, and its note in brackets. */
export function documentText(document: RequiredDocument): string {
  return document.note ? `${document.th} (${document.note})` : document.th;
}

const IF_BANK_TRANSFER_NOTE = 'ถ้าต้องการรับเงินผ่านธนาคาร';

function originalAndCopy(name: string, note?: string): RequiredDocument {
  const th = `${name} (ตัวจริงและสำเนา)`;
  return note ? { th, note } : { th };
}

/** Bank book when the money goes to a bank; left out when the person chose cash. */
function bankBook(facts: Facts, extraNote?: string): RequiredDocument[] {
  if (facts.paidByBankTransfer === false) return [];
  const conditional = facts.paidByBankTransfer === true ? undefined : IF_BANK_TRANSFER_NOTE;
  const note = [conditional, extraNote].filter(Boolean).join(' · ');
  return [originalAndCopy('สมุดบัญชีเงินฝากธนาคาร หน้าแรกที่มีชื่อและเลขบัญชี', note || undefined)];
}

function proxyPapers(facts: Facts, who: string, letterNote?: string): RequiredDocument[] {
  if (facts.applicant !== 'proxy') return [];
  const letter: RequiredDocument = letterNote ? { th: 'หนังสือมอบอำนาจ', note: letterNote } : { th: 'หนังสือมอบอำนาจ' };
  return [letter, originalAndCopy(`บัตรประจำตัวประชาชนของ${who}`), originalAndCopy(`ทะเบียนบ้านของ${who}`)];
}

/** เบี้ยยังชีพผู้สูงอายุ [E28c], [E21], [E30], proxy [E29], [E46]. */
export function elderlyDocuments(facts: Facts): RequiredDocument[] {
  const accountNote = facts.applicant === 'proxy' ? 'ใช้บัญชีของผู้สูงอายุหรือของผู้รับมอบอำนาจก็ได้' : undefined;
  return [
    originalAndCopy('บัตรประจำตัวประชาชนของผู้สูงอายุ'),
    originalAndCopy('ทะเบียนบ้าน'),
    ...bankBook(facts, accountNote),
    { th: 'แบบยืนยันสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ', note: 'ขอรับได้ที่สำนักงาน' },
    ...proxyPapers(facts, 'ผู้รับมอบอำนาจ'),
  ];
}

/** เบี้ยความพิการ [D2], [D10], [D11]; caregiver filing [D8]. */
export function disabilityDocuments(facts: Facts, isMinor: boolean): RequiredDocument[] {
  const letterNote = isMinor ? 'สำหรับเด็ก ถามเจ้าหน้าที่ว่าต้องใช้หรือไม่' : undefined;
  return [
    originalAndCopy('บัตรประจำตัวคนพิการ'),
    originalAndCopy('ทะเบียนบ้านของคนพิการ'),
    ...bankBook(facts),
    { th: 'แบบคำขอลงทะเบียนรับเงินเบี้ยความพิการ', note: 'ขอรับได้ที่สำนักงาน' },
    ...proxyPapers(facts, 'ผู้ดูแลคนพิการ', letterNote),
  ];
}

/** เบี้ยยังชีพผู้ป่วยเอดส์ [A1], [A3], [A5]. */
export function aidsDocuments(facts: Facts): RequiredDocument[] {
  return [
    originalAndCopy('บัตรประจำตัวประชาชน'),
    originalAndCopy('ทะเบียนบ้าน'),
    { th: 'ใบรับรองแพทย์ที่ระบุว่าเป็นผู้ป่วยเอดส์' },
    ...bankBook(facts, 'บางแห่งกำหนดธนาคาร สอบถามเจ้าหน้าที่ได้ค่ะ'),
    ...(facts.applicant === 'proxy'
      ? [{ th: 'หนังสือมอบอำนาจ' }, originalAndCopy('บัตรประจำตัวประชาชนของผู้รับมอบอำนาจ')]
      : []),
  ];
}
