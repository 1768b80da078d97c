// "เข้าระบบ" (staff only, also the staff rich menu's button): a one-time link into the staff
// workspace, valid for minutes. It goes as this turn's answer — through the outbox, which sends it
// as a push when the reply token can no longer be used — so the link reaches only the LINE
// account that asked, and a reply costs the office none of its monthly push quota.
import { goItem, menuItem } from '../booking/messages';
import { bubble, fbutton, flex, ftext, text, uriAction, withQuickReply } from '../line/messages';
import { createSignInLink } from '../staff/sessions';
import type { Entry } from './types';

export const STAFF_SIGN_IN_ENTRY = 'staff-sign-in';

export const staffSignInEntry: Entry = {
  id: STAFF_SIGN_IN_ENTRY,
  staffOnly: true,
  keywords: ['เข้าระบบ', 'เข้าสู่ระบบ', 'ลงชื่อเข้าใช้', 'เข้าหน้าเจ้าหน้าที่'],
  async respond(ctx) {
    const workspace = ctx.services.workspace;
    const quick = [goItem('เรื่องรอตรวจ', 'case-queue'), goItem('นัดวันนี้', 'staff-today'), menuItem()];
    if (!workspace) {
      return [
        text(
          'ยังเปิดหน้าเจ้าหน้าที่บนเว็บไม่ได้ค่ะ ระบบยังไม่ได้ตั้งค่าที่อยู่เว็บ (PUBLIC_BASE_URL) ' +
            'กรุณาแจ้งผู้ดูแลระบบ ระหว่างนี้ดูเรื่องรอตรวจและนัดวันนี้ใน LINE ได้ค่ะ',
          quick,
        ),
      ];
    }
    const token = await createSignInLink(ctx.tx, ctx.services.office.id, ctx.userId, ctx.now.getTime(), workspace.signInLinkMs);
    const minutes = Math.round(workspace.signInLinkMs / 60_000);
    const url = `${workspace.baseUrl}/staff/signin/${token}`;
    return withQuickReply(
      [
        flex(
          'ลิงก์เข้าหน้าเจ้าหน้าที่',
          bubble({
            body: [
              ftext('ลิงก์เข้าหน้าเจ้าหน้าที่', { weight: 'bold', size: 'lg' }),
              ftext(`ใช้ได้ครั้งเดียว ภายใน ${minutes} นาที อย่าส่งต่อให้ผู้อื่นนะคะ`, { size: 'sm', color: '#6B7280' }),
            ],
            footer: [fbutton(uriAction('เปิดหน้าเจ้าหน้าที่', url), 'primary')],
          }),
        ),
      ],
      quick,
    );
  },
};
