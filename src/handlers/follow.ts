// Follow (a new friend, or an unblock): greet by display name, the privacy note, and the main menu.
import type { webhook } from '@line/bot-sdk';
import { PRIVACY_NOTE } from '../flows/privacy';
import { text } from '../line/messages';
import type { EventHandler } from './types';
import { userIdOf } from './types';
import { markActive } from './users';

export const followHandler: EventHandler<webhook.FollowEvent, string | undefined> = {
  async prepare(event, { line }) {
    const userId = userIdOf(event);
    if (!userId) return undefined;
    void line.showLoading(userId, 5);
    return line.displayName(userId);
  },
  async handle(event, { tx, now, engine, services }, displayName) {
    const userId = userIdOf(event);
    if (!userId) return [];
    await markActive(tx, services.office.id, userId, now.getTime(), true);
    const name = displayName ? `คุณ${displayName} ` : '';
    const welcome = event.follow?.isUnblocked
      ? `ยินดีต้อนรับกลับมาค่ะ ${name}🙏`
      : `สวัสดีค่ะ ${name}🙏 ยินดีต้อนรับสู่ LINE ของ${services.office.office.name}ค่ะ\nที่นี่เช็คสิทธิ์เบี้ยยังชีพ จองคิวมาติดต่อสำนักงาน และสอบถามเจ้าหน้าที่ได้ค่ะ`;
    return [text(welcome), text(PRIVACY_NOTE), ...(await engine.menu(tx, userId, now, services))];
  },
};
