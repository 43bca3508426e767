/** Where a request's credential is found: a bearer token, or the session cookie of the browser. */
import { parse as parseCookies } from 'cookie';

export const SESSION_COOKIE = 'concordia_session';

export function credentialFrom(headers: { authorization?: string; cookie?: string }): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (bearer) return bearer[1];
  if (headers.cookie) return parseCookies(headers.cookie)[SESSION_COOKIE] ?? null;
  return null;
}
