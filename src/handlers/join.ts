// The bot was added to a group or room: it serves people one to one, so it says so once.
import type { webhook } from '@line/bot-sdk';
import { text } from '../line/messages';
import type { EventHandler } from './types';

export const joinHandler: EventHandler<webhook.JoinEvent> = {
  async handle(_event, { services }) {
    return [
      text(
        `สวัสดีค่ะ 🙏 บอทของ${services.office.office.name}ให้บริการทางแชทส่วนตัวค่ะ ` +
          'เพิ่มเพื่อนแล้วพิมพ์ "เมนู" ในแชทส่วนตัวได้เลยนะคะ',
      ),
    ];
  },
};
