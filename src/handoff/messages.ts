// What villagers and staff are told about a hand-off. Built only through src/line/ (limits enforced).
import { addDays, bangkokInstant, bangkokDateOf, weekdayOf } from '../office/clock';
import type { OfficeProfile } from '../office/profile';
import { isOpenDay } from '../booking/schedule';
import { bubble, fbutton, flex, ftext, postbackAction, quickItem, text, type Message } from '../line/messages';
import { postback } from '../flows/postback';
import { formatThaiDate } from '../thai/date-format';
import { bangkokTimeOf, fromIso } from '../thai/calendar';

/** Entry ids (src/flows/handoff.ts), named here so pushes can carry their buttons. */
export const HANDOFF_ENTRIES = { open: 'handoff', end: 'handoff-end', answer: 'handoff-answer', close: 'handoff-close' } as const;

/** The word (and button) that ends the chat from the villager's side. */
export const END_WORD = 'จบการคุย';

/** What a sticker, photo and the like is stored as: the bot never downloads them for a hand-off. */
export function mediaMarker(media: string): string {
  const markers: Record<string, string> = {
    image: '[รูปภาพ]',
    sticker: '[สติกเกอร์]',
    video: '[วิดีโอ]',
    audio: '[ข้อความเสียง]',
    file: '[ไฟล์]',
    location: '[ตำแหน่งที่ตั้ง]',
  };
  return markers[media] ?? '[ข้อความที่ไม่ใช่ตัวอักษร]';
}

const endItem = () => quickItem(postbackAction(END_WORD, postback.go(HANDOFF_ENTRIES.end)));

export const HANDOFF_SAY = {
  askMessage: 'พิมพ์เรื่องที่ต้องการสอบถามหรือแจ้งเจ้าหน้าที่ของสำนักงานได้เลยค่ะ 📝\nพิมพ์สั้น ๆ ก็ได้นะคะ',
  typeWords: 'ขั้นนี้ขอเป็นข้อความที่พิมพ์นะคะ พิมพ์เรื่องที่ต้องการสอบถามได้เลยค่ะ',
  forwarded: 'ส่งถึงเจ้าหน้าที่แล้วค่ะ 🙏',
  mediaForwarded: (marker: string) => `ได้รับ${marker.replace(/[[\]]/g, '')}แล้วค่ะ 🙏 แจ้งเจ้าหน้าที่ว่ามี${marker.replace(/[[\]]/g, '')}ส่งมาแล้ว ถ้ามีรายละเอียด พิมพ์เป็นข้อความเพิ่มได้เลยนะคะ`,
  wayOut: `ระหว่างนี้บอทจะไม่ตอบอัตโนมัติค่ะ ข้อความที่พิมพ์จะส่งถึงเจ้าหน้าที่ทั้งหมด ถ้าต้องการกลับไปใช้เมนู กด "${END_WORD}" ได้เลยค่ะ`,
  buttonWhileOpen: `ตอนนี้กำลังคุยกับเจ้าหน้าที่อยู่ค่ะ ถ้าต้องการใช้เมนู กด "${END_WORD}" ก่อนนะคะ หรือพิมพ์ข้อความถึงเจ้าหน้าที่ต่อได้เลยค่ะ`,
  endedByVillager: 'จบการคุยกับเจ้าหน้าที่แล้วค่ะ ขอบคุณที่ติดต่อมานะคะ 🙏',
  closedByStaff: 'เจ้าหน้าที่ปิดเรื่องที่คุยไว้แล้วค่ะ ขอบคุณที่ติดต่อมานะคะ 🙏 ถ้ามีเรื่องอื่น กด "คุยกับเจ้าหน้าที่" ได้อีกค่ะ',
  notOpen: 'ตอนนี้ไม่มีการคุยกับเจ้าหน้าที่ค้างอยู่ค่ะ',
  // Staff side
  answerPrompt: (id: number, last: string | undefined) =>
    `พิมพ์คำตอบถึงผู้ติดต่อ (เรื่องคุย #${id}) ได้เลยค่ะ${last ? `\nข้อความล่าสุด: «${last}»` : ''}`,
  answerSent: (id: number) => `ส่งคำตอบถึงผู้ติดต่อแล้วค่ะ ✅ (เรื่องคุย #${id})`,
  closedForStaff: (id: number) => `ปิดเรื่องคุย #${id} แล้วค่ะ ✅ แจ้งผู้ติดต่อแล้ว`,
  alreadyClosed: (id: number) => `เรื่องคุย #${id} ปิดไปแล้วค่ะ`,
  unknown: 'ไม่พบเรื่องคุยนี้แล้วค่ะ',
  answerTooLong: (max: number) => `คำตอบยาวเกินไปค่ะ (ไม่เกิน ${max} ตัวอักษร) ลองแบ่งส่งนะคะ`,
} as const;

/**
 * When the office will answer: now, in hours; otherwise the next opening from the profile's weekly
 * hours, holidays and closures ("เจ้าหน้าที่จะตอบในเวลาทำการ วัน… เวลา …").
 */
export function whenAnswered(office: OfficeProfile, now: Date): string {
  const today = bangkokDateOf(now);
  for (let day = 0; day <= 60; day++) {
    const date = addDays(today, day);
    if (!isOpenDay(office, date)) continue;
    for (const interval of office.schedule.weeklyHours[weekdayOf(date)]) {
      const from = bangkokInstant(date, interval.from).getTime();
      const to = bangkokInstant(date, interval.to).getTime();
      if (now.getTime() >= from && now.getTime() < to) return 'ตอนนี้อยู่ในเวลาทำการ เจ้าหน้าที่จะตอบโดยเร็วค่ะ';
      if (from > now.getTime()) {
        const when = formatThaiDate(fromIso(date), { weekday: true });
        return `ตอนนี้อยู่นอกเวลาทำการค่ะ เจ้าหน้าที่จะตอบในเวลาทำการ ${when} เวลา ${bangkokTimeOf(new Date(from))} น. เป็นต้นไปค่ะ`;
      }
    }
  }
  return `เจ้าหน้าที่จะตอบในเวลาทำการค่ะ (${office.office.hoursText})`;
}

/** The villager's answer after the message that opened the hand-off. */
export function openedMessages(office: OfficeProfile, now: Date): Message[] {
  return [text(`${HANDOFF_SAY.forwarded}\n${whenAnswered(office, now)}\n\n${HANDOFF_SAY.wayOut}`, [endItem()])];
}

/** The short ack to each later message (text or a marker). */
export function forwardedMessages(office: OfficeProfile, now: Date, marker?: string): Message[] {
  const ack = marker ? HANDOFF_SAY.mediaForwarded(marker) : HANDOFF_SAY.forwarded;
  const hours = whenAnswered(office, now);
  // In hours the ack stays short; outside them the villager is told again when to expect a reply.
  return [text(hours.startsWith('ตอนนี้อยู่ในเวลาทำการ') ? ack : `${ack}\n${hours}`, [endItem()])];
}

export function buttonWhileOpenMessages(): Message[] {
  return [text(HANDOFF_SAY.buttonWhileOpen, [endItem()])];
}

const cut = (body: string, max: number) => (body.length > max ? body.slice(0, max - 1) + '…' : body);

/** The push to every staff member: the villager's new messages, with ตอบ and ปิดเรื่อง. */
export function staffForwardMessages(handoffId: number, texts: readonly string[], opened: boolean): Message[] {
  const title = opened ? `💬 มีผู้ขอคุยกับเจ้าหน้าที่ (เรื่องคุย #${handoffId})` : `💬 ข้อความใหม่ (เรื่องคุย #${handoffId})`;
  // A Flex text holds what LINE allows; a long burst keeps its latest messages.
  const body = cut(texts.map((t) => `• ${t}`).join('\n'), 1500);
  return [
    flex(
      `${title}: ${texts.at(-1) ?? ''}`,
      bubble({
        header: [ftext(title, { weight: 'bold', color: '#FFFFFF' })],
        body: [ftext(body)],
        footer: [
          fbutton(postbackAction('ตอบ', postback.go(HANDOFF_ENTRIES.answer, { h: String(handoffId) })), 'primary'),
          fbutton(postbackAction('ปิดเรื่อง', postback.go(HANDOFF_ENTRIES.close, { h: String(handoffId) }))),
        ],
      }),
    ),
  ];
}

/** The push to the villager with a staff member's answer. */
export function villagerAnswerMessages(answer: string): Message[] {
  return [text(`💬 ข้อความจากเจ้าหน้าที่ของสำนักงาน:\n${answer}\n\nพิมพ์ตอบกลับได้เลยค่ะ หรือกด "${END_WORD}" เมื่อเรียบร้อยแล้วนะคะ`, [endItem()])];
}

export function villagerClosedMessages(): Message[] {
  return [text(HANDOFF_SAY.closedByStaff, [quickItem(postbackAction('เมนู', postback.command('menu'))), quickItem(postbackAction('คุยกับเจ้าหน้าที่', postback.go(HANDOFF_ENTRIES.open)))])];
}
