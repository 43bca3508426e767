/**
 * Which pages need which roles. Checked in the custom server before Next renders, so a screen
 * that needs a login never renders for someone without one; the browser is sent to /login and
 * back afterwards.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../auth/roles.ts';
import type { Principal } from '../auth/roles.ts';
import { WALL_ROLES } from '../auth/permissions.ts';

const PROTECTED_PAGES: Record<string, readonly Role[]> = {
  '/wall': WALL_ROLES,
};

/** Returns true when it answered (a redirect); false lets the request through. */
export function guardPage(req: IncomingMessage, res: ServerResponse, principal: () => Principal | null): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/') return redirect(res, '/wall');
  const roles = PROTECTED_PAGES[url.pathname];
  if (!roles) return false;
  const who = principal();
  if (who?.kind === 'user' && roles.includes(who.role)) return false;
  const next = encodeURIComponent(url.pathname + url.search);
  return redirect(res, `/login?next=${next}${who ? '&denied=1' : ''}`);
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
  return true;
}
