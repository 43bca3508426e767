/**
 * The id a report gets on the phone when the officer taps send, kept through every retry so the
 * server recognises a retry as the same report. A random UUID (v4): no coordination needed
 * between phones, and nothing about the officer or the report can be read from it.
 */
export function newReportId(cryptoApi: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  // randomUUID exists only in secure contexts (HTTPS, localhost); getRandomValues everywhere.
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
