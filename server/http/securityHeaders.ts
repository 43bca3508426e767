/**
 * Security headers. Pages get a Content-Security-Policy with a fresh nonce per response: scripts
 * run only from this origin or with the nonce (Next reads the nonce from the request's CSP header
 * and puts it on its own scripts), nothing loads from other origins (the map works offline; a
 * configured tile server is the one exception, for images), and no site may frame Concordia.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)',
};

/** API answers are data, never documents: they may load and run nothing. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export interface CspOptions {
  /** Origin of a configured tile server, allowed for images only. */
  tileOrigin?: string;
  /** Next's development mode evaluates code at run time. */
  dev?: boolean;
}

export function pageCsp(nonce: string, { tileOrigin, dev }: CspOptions): string {
  const images = ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Leaflet and React set element styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function applyCommonHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
}

export function applyApiCsp(res: ServerResponse): void {
  res.setHeader('content-security-policy', API_CSP);
}

/**
 * Sets the page CSP on the response and hands it to Next on the request, so Next adds the same
 * nonce to the scripts it renders.
 */
export function applyPageCsp(req: IncomingMessage, res: ServerResponse, options: CspOptions): void {
  const nonce = randomBytes(16).toString('base64');
  const csp = pageCsp(nonce, options);
  req.headers['content-security-policy'] = csp;
  res.setHeader('content-security-policy', csp);
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url.replace(/\{[a-z]\}/g, '0')).origin;
  } catch {
    return undefined;
  }
}
