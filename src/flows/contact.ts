// "ติดต่อเจ้าหน้าที่": the office's name, address, phone and hours, and the office on a map.
import { location, postbackAction, quickItem, text, withQuickReply, type Message } from '../line/messages';
import type { OfficeProfile } from '../office/profile';
import { formatPhone } from '../thai/phone';
import { postback } from './postback';
import type { Entry } from './types';

export function contactMessages(profile: OfficeProfile): Message[] {
  const { office } = profile;
  return [
    text(
      [
        `📍 ${office.name}`,
        office.unit,
        office.address,
        `☎️ โทร ${formatPhone(office.phone)}`,
        `🕗 ${office.hoursText}`,
        'มาติดต่อได้ในเวลาทำการ หรือโทรสอบถามก่อนได้เลยค่ะ',
      ].join('\n'),
    ),
    location(office.location),
  ];
}

export const contactEntry: Entry = {
  id: 'contact',
  menuLabel: 'ติดต่อเจ้าหน้าที่',
  menuOrder: 80,
  keywords: ['ติดต่อ', 'ติดต่อเจ้าหน้าที่', 'เบอร์โทร', 'เบอร์', 'โทร', 'ที่อยู่', 'แผนที่', 'เวลาทำการ', 'เปิดกี่โมง', 'สำนักงาน', 'เจ้าหน้าที่'],
  respond: (ctx) =>
    withQuickReply(contactMessages(ctx.services.office), [
      quickItem(postbackAction('จองคิว', postback.go('booking'))),
      quickItem(postbackAction('เช็คสิทธิ์เบี้ย', postback.go('eligibility'))),
      quickItem(postbackAction('เมนู', postback.command('menu'))),
    ]),
};
