// The webhook signature: base64(HMAC-SHA256(channel secret, raw body)), compared as exact text.
// The SDK's validateSignature decodes the header leniently, so re-encodings of a valid signature
// (no `=` padding, base64url, trailing characters, two headers joined by a comma) would pass.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureOf(raw: Buffer | string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(raw).digest('base64');
}

/** True only for the exact standard-base64 text (with padding), compared in constant time. */
export function signatureMatches(raw: Buffer | string, channelSecret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signatureOf(raw, channelSecret), 'utf8');
  const given = Buffer.from(header, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
