// Canned bot messages for the simulator page tests: LINE Message objects as the bot would send them,
// and the rule that picks which ones answer a pretend user's event.

export const OFFICE_NAME = 'เทศบาลตำบลบ้านทดสอบ';

/** Path of a tiny PNG that the stub server serves, so image messages have something to load. */
export const SAMPLE_IMAGE_PATH = '/media/sample.png';

/** Typing this makes the stub answer with one message of every other kind. */
export const GALLERY_KEYWORD = 'ดูทุกแบบ';

export const GREETING = {
  type: 'text',
  // Markup and a line break, to check that bot text is shown as text and keeps its lines.
  text: 'สวัสดีค่ะ <script>alert(1)</script>\nเลือกเมนูด้านล่างได้เลยค่ะ',
  quickReply: {
    items: [
      { type: 'action', action: { type: 'postback', label: 'ดูเบี้ยยังชีพ', data: 'menu=allowance', displayText: 'ดูเบี้ยยังชีพ' } },
      { type: 'action', action: { type: 'message', label: 'สอบถาม', text: 'ขอสอบถามค่ะ' } },
      {
        type: 'action',
        action: { type: 'datetimepicker', label: 'เลือกวันนัด', data: 'pick=date', mode: 'date', initial: '2026-11-20', min: '2026-11-01', max: '2026-12-31' },
      },
    ],
  },
};

const EARLIER_QUICK_REPLY_TEXT = {
  type: 'text',
  text: 'นี่คือนัดหมายของคุณค่ะ',
  quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'ไม่ควรเห็นปุ่มนี้', text: 'x' } }] },
};

export const APPOINTMENT_FLEX = {
  type: 'flex',
  altText: 'สรุปนัดหมายรับเบี้ยยังชีพ',
  contents: {
    type: 'bubble',
    styles: { header: { backgroundColor: '#E8F7EE' }, footer: { separator: true } },
    header: {
      type: 'box',
      layout: 'vertical',
      contents: [{ type: 'text', text: 'นัดหมายของคุณ', weight: 'bold', size: 'lg', color: '#0A7A37' }],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        {
          type: 'box',
          layout: 'baseline',
          contents: [
            { type: 'text', text: 'วันที่', color: '#888888', size: 'sm', flex: 2 },
            { type: 'text', text: '23 พ.ย. 2569', flex: 5, wrap: true },
          ],
        },
        { type: 'separator' },
        { type: 'text', text: 'นำบัตรประชาชนและสมุดบัญชีธนาคารมาด้วยนะคะ', wrap: true, size: 'sm' },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      contents: [
        { type: 'button', style: 'primary', action: { type: 'postback', label: 'ยืนยันนัด', data: 'booking=confirm', displayText: 'ยืนยันนัดค่ะ' } },
      ],
    },
  },
};

export const OFFICE_LOCATION = {
  type: 'location',
  title: 'สำนักงานเทศบาลตำบลบ้านทดสอบ',
  address: '1 หมู่ 1 ตำบลบ้านทดสอบ อำเภอเมือง',
  latitude: 16.4321,
  longitude: 102.8236,
};

export const GALLERY = [
  { type: 'sticker', packageId: '446', stickerId: '1988' },
  { type: 'image', originalContentUrl: SAMPLE_IMAGE_PATH, previewImageUrl: SAMPLE_IMAGE_PATH },
  {
    type: 'template',
    altText: 'เมนูบริการ',
    template: {
      type: 'buttons',
      title: 'บริการของเทศบาล',
      text: 'เลือกบริการที่ต้องการค่ะ',
      actions: [
        { type: 'message', label: 'ลงทะเบียน', text: 'ลงทะเบียนค่ะ' },
        { type: 'uri', label: 'เว็บไซต์', uri: 'https://example.org/welfare' },
      ],
    },
  },
  {
    type: 'template',
    altText: 'ยืนยันข้อมูล',
    template: {
      type: 'confirm',
      text: 'ข้อมูลถูกต้องไหมคะ',
      actions: [
        { type: 'postback', label: 'ถูกต้อง', data: 'confirm=yes', displayText: 'ถูกต้องค่ะ' },
        { type: 'postback', label: 'แก้ไข', data: 'confirm=no' },
      ],
    },
  },
  {
    type: 'template',
    altText: 'เบี้ยยังชีพแต่ละแบบ',
    template: {
      type: 'carousel',
      columns: [
        { title: 'ผู้สูงอายุ', text: 'อายุ 60 ปีขึ้นไป', actions: [{ type: 'postback', label: 'รายละเอียด', data: 'kind=elderly' }] },
        { title: 'ผู้พิการ', text: 'มีบัตรประจำตัวคนพิการ', actions: [{ type: 'postback', label: 'รายละเอียด', data: 'kind=disabled' }] },
      ],
    },
  },
  {
    type: 'flex',
    altText: 'ช่องทางติดต่อ',
    contents: {
      type: 'carousel',
      contents: [
        {
          type: 'bubble',
          size: 'kilo',
          hero: { type: 'image', url: '/media/missing.png', size: 'full', aspectRatio: '20:13' },
          body: {
            type: 'box',
            layout: 'vertical',
            contents: [
              {
                type: 'box',
                layout: 'baseline',
                spacing: 'sm',
                contents: [
                  { type: 'icon', url: SAMPLE_IMAGE_PATH },
                  {
                    type: 'text',
                    contents: [
                      { type: 'span', text: 'โทร ' },
                      { type: 'span', text: '043-000-000', weight: 'bold', color: '#0A7A37' },
                    ],
                  },
                ],
              },
              { type: 'filler' },
            ],
          },
          footer: {
            type: 'box',
            layout: 'horizontal',
            spacing: 'sm',
            contents: [
              { type: 'button', style: 'secondary', height: 'sm', action: { type: 'uri', label: 'โทรเลย', uri: 'tel:043000000' } },
              { type: 'button', style: 'link', height: 'sm', action: { type: 'clipboard', label: 'คัดลอก', clipboardText: '043000000' } },
            ],
          },
        },
        {
          type: 'bubble',
          size: 'kilo',
          body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'เวลาทำการ จ.–ศ. 08:30–16:30 น.', wrap: true }] },
        },
      ],
    },
  },
  {
    type: 'text',
    text: 'ส่งรูปหรือตำแหน่งได้เลยค่ะ',
    quickReply: {
      items: [
        { type: 'action', action: { type: 'camera', label: 'ถ่ายรูป' } },
        { type: 'action', action: { type: 'location', label: 'ส่งตำแหน่ง' } },
        { type: 'action', action: { type: 'datetimepicker', label: 'เลือกเวลา', data: 'pick=time', mode: 'time', initial: '10:00' } },
        // LINE accepts a lowercase "t" in datetimes.
        { type: 'action', action: { type: 'datetimepicker', label: 'เลือกวันเวลา', data: 'pick=datetime', mode: 'datetime', initial: '2026-11-23t09:00' } },
        { type: 'action', action: { type: 'clipboard', label: 'คัดลอกเบอร์', clipboardText: '043000000' } },
      ],
    },
  },
];

interface PretendEvent {
  type: string;
  text?: unknown;
  params?: { date?: string; time?: string; datetime?: string };
}

/** The bot messages the stub answers an event with (the gallery is over LINE's 5-per-reply limit on purpose). */
export function cannedReplyTo(event: PretendEvent): object[] {
  switch (event.type) {
    case 'follow':
      return [GREETING];
    case 'text':
      if (event.text === GALLERY_KEYWORD) return GALLERY;
      // The first message carries a quick reply but the last does not, so no chips should show.
      return [EARLIER_QUICK_REPLY_TEXT, APPOINTMENT_FLEX, OFFICE_LOCATION];
    case 'postback':
      return [{ type: 'text', text: event.params?.date ? `ได้รับวันที่ ${event.params.date} แล้วค่ะ` : 'รับทราบค่ะ' }];
    case 'unfollow':
      return [];
    default:
      return [{ type: 'text', text: 'ได้รับแล้วค่ะ' }];
  }
}
