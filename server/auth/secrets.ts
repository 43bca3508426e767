/**
 * Random secrets (session tokens, ingest keys, initial passwords) and their stored form. These are
 * 256-bit random values, not human passwords, so a single SHA-256 is enough to store them: nobody
 * can brute-force the input, and lookup must be fast on every request.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A password people can type from a printout: 4 groups of 5 letters/digits (~100 bits). */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'; // no look-alikes (l/1, o/0, i)
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * Ingest keys read `ck_<keyId>_<secret>`: the key id finds the row without scanning, the secret is
 * checked against its hash.
 */
export function newIngestKey(): { keyId: string; secret: string; key: string } {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomSecret();
  return { keyId, secret, key: `ck_${keyId}_${secret}` };
}

export function splitIngestKey(key: string): { keyId: string; secret: string } | null {
  const match = /^ck_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}
