// The public face of Thai dates: calendar maths in Asia/Bangkok, Thai month names and the Buddhist
// era, reading dates people type, and the one formatter for every date the bot shows.
export * from './calendar';
export * from './thai-calendar';
export * from './date-parse';
export * from './date-format';
