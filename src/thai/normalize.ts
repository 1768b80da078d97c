// Normalising what people type in LINE before anything reads it: Thai digits, invisible characters,
// odd spaces, and the polite particles that end most Thai messages. Every parser in src/thai starts
// here, and the flow engine uses keywordKey/matchesKeyword to recognise commands.

const THAI_DIGIT = /[๐-๙]/g;
const THAI_ZERO_CODE_POINT = 0x0e50;
/** Zero-width space, (non-)joiner, word joiner and BOM — pasted text and some keyboards add them. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** `\s` is Unicode-aware: it also covers NBSP, ideographic space and line breaks. */
const WHITESPACE_RUN = /\s+/g;

/** "๑๕/๐๓" → "15/03". Other characters are left alone. */
export function thaiDigitsToArabic(s: string): string {
  return s.replace(THAI_DIGIT, (digit) => String(digit.charCodeAt(0) - THAI_ZERO_CODE_POINT));
}

/** NFC, Thai digits → ASCII, zero-width characters removed, whitespace collapsed to one space, trimmed. */
export function normalizeInput(s: string): string {
  // Zero-width characters go before whitespace is collapsed: `\s` matches U+FEFF, and a BOM inside
  // a word must vanish rather than split it.
  return thaiDigitsToArabic(s.normalize('NFC'))
    .replace(ZERO_WIDTH, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/** Ending particles that make a message polite without changing what it asks for. */
export const POLITE_PARTICLES: readonly string[] = ['ค่ะ', 'คะ', 'ครับผม', 'ครับ', 'คับ', 'ค้าบ', 'จ้า', 'จ้ะ', 'นะ', 'หน่อย'];

const TRAILING_PUNCTUATION = /[\s.!?~]+$/;
/** เ แ โ ใ ไ are written before their consonant, so a text ending in one has been cut mid-syllable. */
const ENDS_WITH_LEADING_VOWEL = /[เ-ไ]$/;

/**
 * Removes trailing polite particles and end punctuation, repeatedly: "เมนูหน่อยค่ะ!" → "เมนู".
 * It never removes everything ("ค่ะ" on its own stays "ค่ะ", so a yes-answer can still be
 * recognised), and never cuts a syllable in two ("เจ้า" keeps its "จ้า").
 */
export function stripTrailingParticles(s: string): string {
  let rest = s.trim();
  for (;;) {
    const shorter = withoutOneEnding(rest);
    if (shorter === undefined) return rest;
    rest = shorter;
  }
}

function withoutOneEnding(s: string): string | undefined {
  const candidates = [s.replace(TRAILING_PUNCTUATION, '')];
  for (const particle of POLITE_PARTICLES) {
    if (s.endsWith(particle)) candidates.push(s.slice(0, -particle.length).trimEnd());
  }
  return candidates.find((c) => c !== s && c !== '' && !ENDS_WITH_LEADING_VOWEL.test(c));
}

/**
 * The form in which typed text is compared with a command or choice: normalised, lower-case,
 * without any spaces and without trailing polite particles. "  เมนู  ค่ะ " and "เม\u200Bนู" both
 * give "เมนู". Thai is written without spaces between words, so dropping them loses nothing.
 */
export function keywordKey(s: string): string {
  return stripTrailingParticles(normalizeInput(s).toLowerCase().replace(/ /g, ''));
}

/**
 * The keywordKey of each of a list of keywords, worked out once per list: the entries' and the
 * commands' keyword lists are constants, and every turn compared the typed text with all of them
 * (the benchmark's profile put this normalising at about 5 % of a turn). Keyed by the list itself,
 * so a list built for one turn is forgotten with it.
 */
const KEYS_OF = new WeakMap<readonly string[], readonly string[]>();
export function keywordKeys(keywords: readonly string[]): readonly string[] {
  let keys = KEYS_OF.get(keywords);
  if (!keys) {
    keys = keywords.map(keywordKey);
    KEYS_OF.set(keywords, keys);
  }
  return keys;
}

/** Shorter keywords only match exactly: "ok" inside "book" is chance, not a request. */
const MIN_CONTAINED_KEYWORD_LENGTH = 3;
const NEGATION = 'ไม่';

/**
 * True when the input is one of the keywords (compared by keywordKey), or contains one of length ≥ 3.
 * Containment is allowed because people wrap a command in words ("ขอเมนูหน่อย", "อยากยกเลิกค่ะ"),
 * and nobody should be stuck because they asked politely. It is refused when the rest of the input
 * holds a "ไม่": "ไม่ยกเลิก" means the opposite of "ยกเลิก".
 */
export function matchesKeyword(input: string, keywords: readonly string[]): boolean {
  const key = keywordKey(input);
  if (key === '') return false;
  return keywordKeys(keywords).some((wanted) => {
    if (wanted === '') return false;
    if (key === wanted) return true;
    return (
      wanted.length >= MIN_CONTAINED_KEYWORD_LENGTH &&
      key.includes(wanted) &&
      !key.replace(wanted, '').includes(NEGATION)
    );
  });
}
