// Words for the global commands that work in every state, and for the resume question.
import { keywordKey } from '../thai/normalize';
import type { GlobalCommand } from './postback';

const COMMAND_WORDS: Record<GlobalCommand, readonly string[]> = {
  cancel: ['ยกเลิก', 'เลิก', 'ไม่เอาแล้ว', 'หยุด', 'cancel', 'stop'],
  menu: ['เมนู', 'เมนูหลัก', 'หน้าหลัก', 'menu', 'เริ่ม', 'start'],
  back: ['ย้อนกลับ', 'กลับ', 'ย้อน', 'แก้ไข', 'back'],
  help: ['ช่วยเหลือ', 'ช่วยด้วย', 'ช่วย', 'help', 'งง', 'ไม่เข้าใจ'],
};

const COMMAND_BY_KEY = new Map<string, GlobalCommand>(
  Object.entries(COMMAND_WORDS).flatMap(([command, words]) => words.map((w) => [keywordKey(w), command as GlobalCommand])),
);

/** The global command the text is, if it is one (exact words only, so answers are never taken for commands). */
export function commandOf(text: string): GlobalCommand | undefined {
  return COMMAND_BY_KEY.get(keywordKey(text));
}

/** ช่วยเหลือ with nothing under way puts this entry's button (คุยกับเจ้าหน้าที่, src/flows/handoff.ts) first in the menu. */
export const HELP_OFFERS_ENTRY = 'handoff';

export const COMMAND_LABELS: Record<GlobalCommand, string> = {
  cancel: 'ยกเลิก',
  menu: 'เมนู',
  back: 'ย้อนกลับ',
  help: 'ช่วยเหลือ',
};

const CONTINUE_WORDS = ['ทำต่อ', 'ต่อ', 'ต่อเลย', 'ทำต่อเลย', 'continue'].map(keywordKey);
const RESTART_WORDS = ['เริ่มใหม่', 'ใหม่', 'restart'].map(keywordKey);

export function resumeChoiceOf(text: string): 'continue' | 'restart' | undefined {
  const key = keywordKey(text);
  if (CONTINUE_WORDS.includes(key)) return 'continue';
  if (RESTART_WORDS.includes(key)) return 'restart';
  return undefined;
}
