// The postback data the bot puts on its buttons (≤300 characters, LINE's limit), and its parsing.
// Answer buttons carry the flow, step and conversation revision, so a button from an old message is
// recognised as stale instead of acting on whatever step the user is on now.

export type Postback =
  | { kind: 'answer'; flow: string; step: string; revision: number; value: string }
  | { kind: 'go'; entry: string; params: Record<string, string> }
  | { kind: 'command'; command: GlobalCommand }
  | { kind: 'resume'; choice: 'continue' | 'restart'; revision: number }
  | { kind: 'unknown' };

export type GlobalCommand = 'cancel' | 'menu' | 'back' | 'help';

const MAX_DATA = 300;

function encode(fields: Record<string, string>): string {
  const data = new URLSearchParams(fields).toString();
  if (data.length > MAX_DATA) throw new Error(`postback data is ${data.length} characters; LINE allows ${MAX_DATA}`);
  return data;
}

export const postback = {
  answer: (flow: string, step: string, revision: number, value: string) =>
    encode({ a: 'ans', f: flow, s: step, r: String(revision), v: value }),
  go: (entry: string, params: Record<string, string> = {}) =>
    encode({ a: 'go', e: entry, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`p.${k}`, v])) }),
  command: (command: GlobalCommand) => encode({ a: 'cmd', c: command }),
  resume: (choice: 'continue' | 'restart', revision: number) => encode({ a: 'resume', c: choice, r: String(revision) }),
};

export function parsePostback(data: string): Postback {
  let fields: URLSearchParams;
  try {
    fields = new URLSearchParams(data);
  } catch {
    return { kind: 'unknown' };
  }
  const revision = Number(fields.get('r'));
  switch (fields.get('a')) {
    case 'ans': {
      const flow = fields.get('f');
      const step = fields.get('s');
      const value = fields.get('v');
      if (!flow || !step || value === null || !Number.isInteger(revision)) return { kind: 'unknown' };
      return { kind: 'answer', flow, step, revision, value };
    }
    case 'go': {
      const entry = fields.get('e');
      if (!entry) return { kind: 'unknown' };
      const params: Record<string, string> = {};
      for (const [key, value] of fields) if (key.startsWith('p.')) params[key.slice(2)] = value;
      return { kind: 'go', entry, params };
    }
    case 'cmd': {
      const command = fields.get('c');
      return command === 'cancel' || command === 'menu' || command === 'back' || command === 'help'
        ? { kind: 'command', command }
        : { kind: 'unknown' };
    }
    case 'resume': {
      const choice = fields.get('c');
      return (choice === 'continue' || choice === 'restart') && Number.isInteger(revision)
        ? { kind: 'resume', choice, revision }
        : { kind: 'unknown' };
    }
    default:
      return { kind: 'unknown' };
  }
}

/** A positive whole number carried in postback data or answers (a case id, a version), or undefined. */
export function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
