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

/**
 * บัตรประจำตัวคนพิการ, new or renewed (welfare-rules.md §5): where to go, in order, and what to
 * bring. The certificate comes from a state hospital [K2], [K3]; the card from the provincial
 * centre (พมจ.), a one-stop hospital [K7], [K8] or some local offices [K3], [K8]; then the card is
 * shown at this office to register (or to restart a suspended allowance) [D2], [D7].
 */
export function disabilityCardSteps(renewal: boolean): string[] {
  const certificate = renewal
    ? 'ถ้าบัตรหมดอายุนานแล้ว ขอเอกสารรับรองความพิการใหม่จากแพทย์โรงพยาบาลของรัฐ'
    : 'ขอเอกสารรับรองความพิการจากแพทย์โรงพยาบาลของรัฐ';
  return [
    `1. ${certificate}`,
    `2. ${renewal ? 'ต่ออายุบัตร' : 'ยื่นทำบัตร'}ที่ศูนย์บริการคนพิการจังหวัด (พมจ.) หรือโรงพยาบาลที่มีบริการทำบัตรแบบเบ็ดเสร็จ บางเทศบาล/อบต. ก็รับเรื่องให้`,
    `3. นำบัตร${renewal ? 'ใหม่' : ''}มาที่สำนักงาน เพื่อ${renewal ? 'แจ้งต่อบัตรและรับเบี้ยต่อ' : 'ลงทะเบียนรับเบี้ยความพิการ'}`,
  ];
}

/** What to bring for the card [K1]–[K5]; photos are taken on site at some places [K5]. */
export function disabilityCardDocuments(facts: Facts, renewal: boolean): RequiredDocument[] {
  return [
    ...(renewal ? [{ th: 'บัตรประจำตัวคนพิการใบเดิม' }] : []),
    { th: 'เอกสารรับรองความพิการจากแพทย์', note: renewal ? 'ถ้าบัตรหมดอายุนานแล้ว' : 'ออกให้ไม่เกิน 1 ปี เว้นแต่เห็นความพิการได้ชัด' },
    originalAndCopy('บัตรประจำตัวประชาชน', 'เด็กอายุต่ำกว่า 15 ปี ใช้สูติบัตร'),
    originalAndCopy('ทะเบียนบ้านของคนพิการ'),
    { th: 'รูปถ่าย 1 นิ้ว 2 รูป (ถ่ายไม่เกิน 6 เดือน)', note: 'บางแห่งถ่ายให้ที่จุดบริการ' },
    ...(facts.applicant === 'proxy'
      ? [{ th: 'หนังสือมอบอำนาจ' }, originalAndCopy('บัตรประจำตัวประชาชนของผู้ดูแลคนพิการ'), originalAndCopy('ทะเบียนบ้านของผู้ดูแลคนพิการ')]
      : []),
  ];
}
