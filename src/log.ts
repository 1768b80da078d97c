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

/**
 * An error as text safe to keep: its name and message without query parameters (a failed SQL
 * statement's message lists them, and they can be names or phone numbers).
 */
export function describeError(error: Error): string {
  return `${error.name}: ${error.message.replace(/\bparams:[\s\S]*$/, 'params: [redacted]')}`.slice(0, 300);
}

/** Where an error was thrown: only the stack's "at …" frames, never the message it repeats. */
export function stackFrames(error: Error, frames = 4): string | undefined {
  return error.stack
    ?.split('\n')
    .filter((line) => /^\s*at /.test(line))
    .slice(0, frames)
    .map((line) => line.trim())
    .join(' | ');
}
