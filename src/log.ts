// Structured, PII-free logging. Callers pass ids, types and counts — never message text, names,
// phone or ID numbers, health answers or secrets. As a second line of defence, fields whose names
// suggest personal data are replaced before anything is written.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SENSITIVE_KEY = /text|name|phone|tel|idcard|citizen|answer|token|secret|authorization|password|message$/i;
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold = LEVELS[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? LEVELS.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

/** Tests silence or capture the log; production writes JSON lines to stdout. */
export function setLogSink(next: (line: string) => void, level: Level = 'debug'): void {
  sink = next;
  threshold = LEVELS[level];
}

function scrub(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SENSITIVE_KEY.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else out[key] = value;
  }
  return out;
}

function write(level: Level, msg: string, fields: Fields = {}): void {
  if (LEVELS[level] < threshold) return;
  sink(JSON.stringify({ t: new Date().toISOString(), level, msg, ...scrub(fields) }));
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};

/** A user id is not secret but is personal: log a short stable hint instead. */
export function userHint(userId: string): string {
  return userId.length > 8 ? `${userId.slice(0, 3)}…${userId.slice(-4)}` : '…';
}
