// แจ้งเตือนรอบหน้า: the person asks to be told on LINE when the next มชช. round opens (the intake
// offers it when the window is closed, the hub when a send comes after the cut-off). One row per
// person (asking again renews it); the round open or already closed when they asked is not "the next"
// (src/mchch/subscriptions.ts). The push itself comes from src/mchch/deadlines.ts on the opening day.
// ยกเลิกการแจ้งเตือน (a hidden entry, also typed) deletes the row.
import { menuItem } from '../../booking/messages';
import { postbackAction, quickItem, text, type Message } from '../../line/messages';
import { nextRound, roundAt, roundLabel } from '../../mchch/rounds';
import { roundStartedBy, subscribe, unsubscribe } from '../../mchch/subscriptions';
import { fromIso, toIso, bangkokToday } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { postback } from '../postback';
import type { Entry } from '../types';
import { MCHCH_ENTRIES } from './ids';

/** The hidden entry that cancels (its button under the answer, or the words typed). */
export const MCHCH_UNSUBSCRIBE_ENTRY = 'mchch-unsubscribe';

const cancelItem = () => quickItem(postbackAction('ยกเลิกการแจ้งเตือน', postback.go(MCHCH_UNSUBSCRIBE_ENTRY)));

export const mchchSubscribeEntry: Entry = {
  id: MCHCH_ENTRIES.subscribe,
  keywords: ['แจ้งเตือนรอบหน้า', 'แจ้งเตือน มชช.', 'เตือนรอบหน้า'],
  async respond(ctx): Promise<Message[]> {
    const settings = ctx.services.office.mchch;
    const today = toIso(bangkokToday(ctx.now));
    await subscribe(ctx.tx, ctx.services.office.id, ctx.userId, roundStartedBy(settings, today)?.id, ctx.now.getTime());
    const next = nextRound(settings, today);
    const open = roundAt(settings, today);
    const lines = ['บันทึกแล้วค่ะ 🔔 จะแจ้งทาง LINE นี้เมื่อเปิดรับสมัครรอบถัดไปค่ะ'];
    if (next) {
      lines.push(`รอบถัดไป: ${roundLabel(next)}`, `เปิดรับสมัครวันที่ ${formatThaiDate(fromIso(next.opens))} จะส่งข้อความในวันนั้นค่ะ`);
    } else {
      lines.push('ตอนนี้สำนักงานยังไม่ได้ประกาศวันเปิดรับรอบถัดไป เมื่อประกาศและเปิดรับแล้วจะแจ้งทันทีค่ะ');
    }
    if (open) lines.push(`(รอบที่เปิดอยู่ตอนนี้ ${roundLabel(open)} สมัครได้เลยจากปุ่ม "สมัคร มชช." ค่ะ)`);
    lines.push('ไม่ต้องการแล้ว กด "ยกเลิกการแจ้งเตือน" ได้ทุกเมื่อค่ะ');
    const items = [...(open ? [quickItem(postbackAction('สมัคร มชช.', postback.go(MCHCH_ENTRIES.intake)))] : []), cancelItem(), menuItem()];
    return [text(lines.join('\n'), items)];
  },
};

export const mchchUnsubscribeEntry: Entry = {
  id: MCHCH_UNSUBSCRIBE_ENTRY,
  keywords: ['ยกเลิกการแจ้งเตือน', 'ยกเลิกแจ้งเตือนรอบหน้า', 'ไม่ต้องแจ้งเตือน'],
  async respond(ctx): Promise<Message[]> {
    const had = await unsubscribe(ctx.tx, ctx.services.office.id, ctx.userId);
    const say = had ? 'ยกเลิกการแจ้งเตือนรอบหน้าของ มชช. แล้วค่ะ จะไม่ส่งข้อความเรื่องนี้อีก' : 'ไม่มีการแจ้งเตือนรอบหน้าของ มชช. ที่ตั้งไว้ค่ะ';
    return [
      text(`${say}\nถ้าต้องการอีกครั้ง กด "แจ้งเตือนรอบหน้า" ได้เลยค่ะ`, [quickItem(postbackAction('แจ้งเตือนรอบหน้า', postback.go(MCHCH_ENTRIES.subscribe))), menuItem()]),
    ];
  },
};
