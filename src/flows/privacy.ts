// The privacy note (PDPA) and "ลบข้อมูลของฉัน": delete everything the service holds about the user,
// after a confirmation.
import { mchchCasesOf } from '../mchch/store';
import { postbackAction, quickItem, text, type Message, type QuickReplyItem } from '../line/messages';
import { eraseUserData } from '../db/personal-data';
import { GROUP_PRIVACY } from '../groups/privacy';
import { groupCasesOf } from '../groups/store';
import { postback } from './postback';
import type { Entry, Flow } from './types';

const menuItem = (): QuickReplyItem => quickItem(postbackAction('เมนู', postback.command('menu')));

export const PRIVACY_NOTE =
  '🔒 เรื่องข้อมูลส่วนตัว: บอทเก็บเฉพาะคำตอบที่จำเป็นต่อบริการที่คุณเลือก (เช่น วันเกิดเพื่อเช็คสิทธิ์ ชื่อและเบอร์โทรเพื่อนัดหมาย) ' +
  'ใช้เพื่อให้บริการและให้เจ้าหน้าที่ติดต่อกลับเท่านั้น ไม่นำไปใช้อย่างอื่น\n' +
  'ถ้าต้องการลบข้อมูลทั้งหมด พิมพ์ "ลบข้อมูลของฉัน" ได้ทุกเมื่อค่ะ';

export const privacyEntry: Entry = {
  id: 'privacy',
  menuLabel: 'ข้อมูลส่วนตัว',
  menuOrder: 90,
  keywords: ['ข้อมูลส่วนตัว', 'ความเป็นส่วนตัว', 'pdpa', 'นโยบายความเป็นส่วนตัว'],
  respond: () => [text(PRIVACY_NOTE, [quickItem(postbackAction('ลบข้อมูลของฉัน', postback.go('delete-data'))), menuItem()])],
};

/** Said by ลบข้อมูลของฉัน when the person has มชช. applications. */
export const MCHCH_ERASURE =
  'เรื่องใบสมัคร มชช.: ใบสมัครที่ยังไม่ได้ส่งจะถูกลบทั้งหมดพร้อมรูปและไฟล์ ส่วนใบสมัครที่ส่งแล้วเป็นเอกสารของสำนักงาน (และอาจส่งต่ออำเภอแล้ว) ' +
  'จะยังอยู่ แต่จะตัดบัญชี LINE ของคุณออก (บอทจะไม่แจ้งความคืบหน้าถึงคุณอีก) การแจ้งเตือนรอบหน้าจะถูกยกเลิกด้วยค่ะ';

export const deleteDataFlow: Flow = {
  id: 'delete-data',
  version: 1,
  title: 'ลบข้อมูล',
  start: () => ({ step: 'confirm' }),
  steps: {
    confirm: {
      ask: async (ctx) => ({
        messages: [
          text(
            'ต้องการลบข้อมูลทั้งหมดของคุณในระบบนี้ใช่ไหมคะ\n' +
              '(คำตอบเช็คสิทธิ์ รูปและไฟล์ที่ส่งมา นัดหมายที่ยังไม่ถึงวันจะถูกยกเลิก และการแจ้งเตือนทั้งหมด)\n' +
              // A group leader learns, before confirming, what happens to the group's record.
              ((await groupCasesOf(ctx.tx, ctx.services.office.id, ctx.userId)).length > 0 ? `${GROUP_PRIVACY.erasure}\n` : '') +
              // An applicant to มชช. learns the same about applications already sent.
              ((await mchchCasesOf(ctx.tx, ctx.services.office.id, ctx.userId)).length > 0 ? `${MCHCH_ERASURE}\n` : '') +
              'เมื่อลบแล้วจะกู้คืนไม่ได้นะคะ',
          ),
        ],
        choices: [
          { value: 'yes', label: 'ยืนยัน ลบข้อมูล', keywords: ['ยืนยัน', 'ลบ', 'ใช่', 'ตกลง'] },
          { value: 'no', label: 'ไม่ลบ', keywords: ['ไม่', 'ไม่ใช่', 'ไม่ต้อง'] },
        ],
      }),
      accept: (reply) => ({ ok: true, value: reply.choice?.value }),
      next: async (ctx): Promise<{ end: Message[] }> => {
        if (ctx.answers.confirm !== 'yes') return { end: [text('ไม่ได้ลบข้อมูลค่ะ ข้อมูลยังอยู่ครบ', [menuItem()])] };
        await eraseUserData(ctx.tx, ctx.services.office.id, ctx.userId, ctx.now);
        ctx.services.afterErasure?.();
        return { end: [text('ลบข้อมูลของคุณเรียบร้อยแล้วค่ะ 🙏 ถ้าต้องการใช้บริการอีก พิมพ์ "เมนู" ได้เลยค่ะ', [menuItem()])] };
      },
    },
  },
};

export const deleteDataEntry: Entry = {
  id: 'delete-data',
  keywords: ['ลบข้อมูลของฉัน', 'ลบข้อมูล', 'ลบข้อมูลฉัน', 'ลบข้อมูลส่วนตัว'],
  flow: 'delete-data',
};
