// The formation guide's ten steps (reference groups-and-standards.md §1.2–1.3, §4.1): the titles are
// seed 001's own words (lines 73–82; Q6: its step 7 is whole where seed 000 cuts it off; Q10: the
// partial list under the community-plan heading is ignored). The seeds give titles only; the advice
// under each is INFERRED and shown as "คำแนะนำ", never as a rule (Q3). Steps 3–8 fill a section of the
// group's data; step 2 is the forum, kept in the formation section; 9 and 10 are staff work (Q7:
// step 10 is staff reporting to the local executives — leaders are never asked to "report").
import type { GroupData } from './data';
import { isFilled, type GroupSection } from './sections';

export interface FormationStep {
  n: number;
  /** Seed 001's title, verbatim. */
  title: string;
  /** INFERRED guidance, plain Thai, shown under "คำแนะนำ". */
  advice: string;
  /** The data section this step fills, if any. */
  section?: GroupSection;
  /** The forum (step 2): planned and recorded in the formation section. */
  forum?: true;
  /** Staff work: shown as information, nothing to mark. */
  infoOnly?: true;
}

export const FORMATION_STEPS: readonly FormationStep[] = [
  {
    n: 1,
    title: 'การสร้างความรู้ความเข้าใจและเผยแพร่แนวคิด',
    advice: 'ลองคุยกับเพื่อนบ้านว่าอยากรวมกลุ่มทำอะไร เพื่อประโยชน์อะไร ถ้าอยากให้เจ้าหน้าที่มาอธิบายให้ชาวบ้านฟัง นัดเจ้าหน้าที่ได้ค่ะ',
  },
  {
    n: 2,
    title: 'รวบรวมผู้ที่สนใจและจัดประชาคม',
    advice: 'รวบรวมรายชื่อคนที่สนใจ แล้วนัดวัน เวลา สถานที่ประชุมประชาคม ในวันประชุมให้ผู้มาร่วมลงชื่อ และถามกันว่าเห็นชอบตั้งกลุ่มไหม',
    forum: true,
  },
  {
    n: 3,
    title: 'จัดตั้งกลุ่ม',
    advice: 'ตกลงชื่อกลุ่ม ประเภทกลุ่ม วัตถุประสงค์ พื้นที่ (หมู่ที่ ตำบล) วันที่ตั้งกลุ่ม และสถานที่ประชุมของกลุ่ม',
    section: 'profile',
  },
  {
    n: 4,
    title: 'เปิดรับสมาชิก',
    advice: 'รับสมัครสมาชิกและจดรายชื่อไว้ในสมุดทะเบียน กรอกรายชื่อทีละคน หรือถ่ายรูปสมุดทะเบียนส่งมาก็ได้ค่ะ',
    section: 'members',
  },
  {
    n: 5,
    title: 'คัดเลือกคณะกรรมการบริหาร',
    advice: 'ประชุมสมาชิกเพื่อเลือกกรรมการ เช่น ประธาน เหรัญญิก เลขานุการ และจดบันทึกการประชุมไว้ค่ะ',
    section: 'committee',
  },
  {
    n: 6,
    title: 'จัดทำร่างระเบียบข้อตกลง',
    advice: 'ร่างระเบียบข้อตกลงของกลุ่ม เช่น การรับสมาชิก การเก็บเงิน การประชุม แล้วให้สมาชิกเห็นชอบ ถ่ายรูปส่งมาได้ค่ะ',
    section: 'rules',
  },
  {
    n: 7,
    title: 'ระดมเงินทุนของกลุ่ม',
    advice: 'รวบรวมเงินทุนตามที่ระเบียบกำหนด เช่น ค่าหุ้น เงินออม เงินบริจาค และจดไว้ว่ามาจากไหน เท่าไร',
    section: 'funds',
  },
  {
    n: 8,
    title: 'เปิดบัญชีธนาคาร',
    advice: 'เปิดบัญชีในชื่อกลุ่ม กำหนดผู้มีอำนาจลงนาม และถ่ายรูปหน้าแรกของสมุดบัญชีเก็บไว้ค่ะ',
    section: 'bank',
  },
  {
    n: 9,
    title: 'ติดตาม สนับสนุน และประเมินผล',
    advice: 'ขั้นนี้เจ้าหน้าที่จะติดตามและสนับสนุนกลุ่ม หลังขึ้นทะเบียนแล้ว บอทจะชวนส่งรายงานกิจกรรมของกลุ่มเป็นระยะค่ะ',
    infoOnly: true,
  },
  {
    n: 10,
    title: 'รายงานผู้บริหาร',
    advice: 'ขั้นนี้เจ้าหน้าที่เป็นผู้รายงานผู้บริหารท้องถิ่นเองค่ะ กลุ่มไม่ต้องทำอะไรเพิ่ม',
    infoOnly: true,
  },
];

export function formationStep(n: number): FormationStep | undefined {
  return FORMATION_STEPS.find((s) => s.n === n);
}

/** Whether a step counts as done: its section is filled, the forum agreed, or the leader marked it. */
export function isStepDone(data: GroupData, step: FormationStep): boolean {
  if (step.infoOnly) return false;
  if (data.formation?.done.includes(step.n)) return true;
  if (step.section) return isFilled(data, step.section);
  if (step.forum) return data.formation?.forumResult?.agreed === true;
  return false;
}

/** The first step the leader still has to do (1–8), or undefined when all are done. */
export function nextStepToDo(data: GroupData): FormationStep | undefined {
  return FORMATION_STEPS.find((s) => !s.infoOnly && !isStepDone(data, s));
}

/** Steps 3–8's sections are all filled: the group's data is ready to review and send. */
export function sectionsFilled(data: GroupData): boolean {
  return FORMATION_STEPS.every((s) => !s.section || isFilled(data, s.section));
}

/** The outbox ref of a case's forum reminder (cancelled when the date changes or the result is in). */
export function forumReminderRef(office: string, caseId: number): string {
  return `case:${office}:${caseId}:forum`;
}
