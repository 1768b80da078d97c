// THE list of points where the sources conflict or are unconfirmed. The rules never guess on these:
// they send the person to the office ('ask-office'), add a short Thai caution ('mention'), or — for
// points that do not change today's answer — keep a note for staff only ('staff-note').
// A decision lists the ids that applied to it; the bot shows `th`, staff read `note`.

import type { ReferenceId } from './references';

export type OpenQuestionTreatment = 'ask-office' | 'mention' | 'staff-note';

export interface OpenQuestion {
  /** One line for the user, polite and plain. */
  th: string;
  /** What is unresolved and why the bot behaves as it does, for staff. */
  note: string;
  sources: readonly ReferenceId[];
  treatment: OpenQuestionTreatment;
}

export const OPEN_QUESTIONS = {
  'elderly-pensioner-2566': {
    th: 'ผู้ที่ได้รับบำนาญ กติกาตอนนี้ยังไม่ชัดเจน ขอให้สอบถามเจ้าหน้าที่ค่ะ',
    note:
      'The 2566 regulation replaced the "no other state benefit" test with an income test whose criteria were never published. One LAO says pensioners with insufficient income may now confirm entitlement [E6]; other notices keep the old exclusion of pensioners [E13]. Decision outcome: ask-office.',
    sources: ['elderlyRegulation2566', 'elderlyInterimCriteria', 'elderlyFy2570Notice'],
    treatment: 'ask-office',
  },
  'elderly-means-test-2566': {
    th: 'ระเบียบใหม่อาจเพิ่มเกณฑ์รายได้ในอนาคต ตอนนี้ยังใช้เกณฑ์เดิมค่ะ',
    note:
      'ข้อ 6(4) of the 2566 regulation requires "no or insufficient income" as defined by the National Elderly Committee; no criteria exist as of Nov 2025, so LAOs apply the old qualifications. No income test is applied; new applicants are warned it may change.',
    sources: ['elderlyRegulation2566', 'elderlyInterimCriteria'],
    treatment: 'mention',
  },
  'elderly-band-step-up': {
    th: 'ปีงบประมาณนี้จะถึงอายุขั้นใหม่ เจ้าหน้าที่จะยืนยันว่าเบี้ยขั้นที่สูงขึ้นเริ่มเดือนไหนค่ะ',
    note:
      'CONFLICT: some sources say the higher band (70/80/90) starts the month after the age is reached [E31]; others say bands are fixed per fiscal year [E31c]. When a band age falls inside the fiscal year of the month shown, the decision gives both amounts (monthlyAmountOptions) instead of one.',
    sources: ['elderlyBandNextMonth', 'elderlyBandByFiscalYear'],
    treatment: 'ask-office',
  },
  'elderly-december-window': {
    th: 'บางแห่งรับลงทะเบียนในเดือนธันวาคมด้วย สอบถามเจ้าหน้าที่ได้ค่ะ',
    note:
      'Most sources give ต.ค.–พ.ย. and ม.ค.–ก.ย.; one LAO listed ต.ค.–ธ.ค. [E15]. The rules treat December as closed and mention this in December.',
    sources: ['elderlyRegistrationRounds', 'elderlyDecemberWindow'],
    treatment: 'mention',
  },
  'elderly-state-salary-ending': {
    th: 'ถ้าเงินเดือนจากรัฐจะหมดก่อนเดือนที่เริ่มรับเบี้ย บางแห่งรับยื่นไว้ก่อนได้ สอบถามเจ้าหน้าที่ค่ะ',
    note:
      'One LAO accepts people whose monthly state pay will end and checks eligibility on the payment date [E44]. Practice, not rule: the clause still fails.',
    sources: ['elderlyStateSalaryEnding'],
    treatment: 'mention',
  },
  'elderly-moved-deadline': {
    th: 'แนวทางเดิมให้ยืนยันสิทธิภายในเดือนพฤศจิกายนของปีที่ย้าย ควรรีบยื่นและสอบถามเจ้าหน้าที่ค่ะ',
    note:
      'A recipient who moves the house registration must confirm entitlement at the new office; the old one pays until September and the new one from the next fiscal year [E28]. The 2560-era guidance says "within November of the year of moving"; current notices just list movers within the normal rounds [E15], [E44]. The bot shows the normal rounds and this caution.',
    sources: ['elderlyMovedDomicile', 'elderlyDecemberWindow', 'elderlyStateSalaryEnding'],
    treatment: 'mention',
  },
  'elderly-institution-2566': {
    th: 'ระเบียบใหม่ปี 2566 อาจใช้เกณฑ์รายได้แทน เจ้าหน้าที่จะยืนยันให้ค่ะ',
    note:
      'The interim practice keeps the old exclusion of residents of state institutions [E13]; whether the 2566 regulation still excludes them as such is unconfirmed [E7]. The bot says the right ends and asks the person to tell the office.',
    sources: ['elderlyFy2570Notice', 'elderlyInstitution2566'],
    treatment: 'mention',
  },
  'elderly-proxy-2566-form': {
    th: 'การยื่นแทนผู้สูงอายุ ขอให้ถามเจ้าหน้าที่ว่าต้องใช้เอกสารอะไรเพิ่มค่ะ',
    note:
      'Written authorisation is accepted [E29], but proxy rules for the 2566 "ยืนยันสิทธิ" form are unconfirmed. The document list uses the older proxy set.',
    sources: ['elderlyProxy', 'elderlyConfirmationForm'],
    treatment: 'mention',
  },
  'pre-2484-year-numbering': {
    th: 'วันเกิดก่อน พ.ศ. 2484 นับปีได้สองแบบ เจ้าหน้าที่จะตรวจยอดเบี้ยให้ค่ะ',
    note:
      'Before 2484 the Thai year began on 1 April, so January–March dates of พ.ศ. 2482 or earlier may be one CE year later than พ.ศ. − 543 [T9]. Which numbering ID cards use is unconfirmed. When the two readings give different amounts, both are returned.',
    sources: ['thaiYearBefore2484'],
    treatment: 'ask-office',
  },
  'disability-rate-at-18': {
    th: 'อายุ 18 ปี แหล่งข้อมูลไม่ตรงกันว่าได้ 800 หรือ 1,000 บาท เจ้าหน้าที่จะยืนยันค่ะ',
    note:
      'CONFLICT: the higher rate is for "อายุต่ำกว่า 18 ปี" in most sources [D6] but "อายุไม่เกิน 18 ปี" in one [D5c]. For a person aged 18 (completed years) both amounts are returned and no single amount is promised.',
    sources: ['disabilityRatesConfirmed2565', 'disabilityRateUnder18'],
    treatment: 'ask-office',
  },
  'disability-minor-guardian': {
    th: 'สำหรับเด็ก ให้พ่อแม่หรือผู้ดูแลถามเจ้าหน้าที่ว่าต้องใช้หนังสือมอบอำนาจหรือไม่ค่ะ',
    note:
      'Filing by a legal representative (ผู้แทนโดยชอบธรรม) for a disabled minor is not described in the sources; the caregiver document set is listed.',
    sources: ['disabilityCriteria'],
    treatment: 'mention',
  },
  'disability-card-renewal-grace': {
    th: 'ถ้าบัตรหมดอายุนานแล้ว อาจต้องขอเอกสารรับรองความพิการจากโรงพยาบาลใหม่ค่ะ',
    note:
      'CONFLICT: a new disability certificate is needed when the card expired more than 1 year ago [K1] or more than 2 years ago [K2].',
    sources: ['disabilityCardRenewalOneYear', 'disabilityCardRenewalTwoYears'],
    treatment: 'mention',
  },
  'aids-hiv-without-symptoms': {
    th: 'ผลเลือดพบเชื้อแต่ยังไม่มีอาการ ขอให้สอบถามเจ้าหน้าที่ว่ายื่นได้หรือไม่ค่ะ',
    note:
      'CONFLICT: several LAOs require symptomatic AIDS (ผู้ป่วยที่ปรากฏอาการ) [A1], [A2] and one practitioner stresses that HIV infection is not enough [A6]; another LAO asks only for a diagnosis [A5]. Outcome: ask-office.',
    sources: ['aidsCriteria', 'aidsCriteriaSymptomatic', 'aidsNotHiv', 'aidsAnyTime'],
    treatment: 'ask-office',
  },
  'aids-hardship-test': {
    th: 'เรื่องฐานะความเป็นอยู่ แต่ละแห่งใช้เกณฑ์ต่างกัน เจ้าหน้าที่จะพิจารณาให้ค่ะ',
    note:
      'CONFLICT: most LAOs require poverty, abandonment, no carer or inability to work [A1], [A2] (one adds < 20,000 บาท/คน/ปี); another lists no such test [A5]. A person without hardship is sent to the office, not refused.',
    sources: ['aidsCriteria', 'aidsCriteriaSymptomatic', 'aidsAnyTime'],
    treatment: 'ask-office',
  },
  'aids-nationality': {
    th: 'เรื่องสัญชาติสำหรับเบี้ยผู้ป่วยเอดส์ ขอให้สอบถามเจ้าหน้าที่ค่ะ',
    note: 'Only one LAO states Thai nationality for this allowance [A5]; the national rule is unconfirmed. A non-Thai applicant is sent to the office.',
    sources: ['aidsAnyTime', 'aidsRegulation2548'],
    treatment: 'ask-office',
  },
  'proposed-rate-increases': {
    th: 'มีข่าวเพิ่มเบี้ย แต่ยังไม่มีผล ตอนนี้ยังจ่ายอัตราเดิมค่ะ',
    note:
      'Cabinet approved in principle higher rates (elderly 700–1,250, disability flat 1,000) in late 2024; not in force as of Nov 2025 [E9]. The rules use the current rates; add a dated value when a gazetted change appears.',
    sources: ['proposedIncreases', 'proposedIncreasesDenied'],
    treatment: 'staff-note',
  },
} as const satisfies Record<string, OpenQuestion>;

export type OpenQuestionId = keyof typeof OPEN_QUESTIONS;
