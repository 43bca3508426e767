/**
 * Which pages need which roles. Checked in the custom server before Next renders, so a screen
 * that needs a login never renders for someone without one; the browser is sent to /login and
 * back afterwards.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../../lib/contract/http.ts';
import type { Principal } from '../auth/roles.ts';
import { EXERCISE_VIEW_ROLES, TRAINING_CONTROL_ROLES, WALL_ROLES } from '../auth/permissions.ts';
import { isTrainingChannel } from '../../lib/contract/channelNames.ts';
import { HANDOVER_ROLES } from '../handover/handoverRoles.ts';

/** Field officers report from /report; admins may open it too, to help an officer on the spot. */
const REPORT_ROLES: readonly Role[] = ['officer', 'admin'];
/** The coordinators' desk acts on incidents, units and alerts (live or in an exercise): coordinators and admins. */
const DESK_ROLES: readonly Role[] = ['coordinator', 'admin'];

const PROTECTED_PAGES: Record<string, readonly Role[]> = {
  '/wall': WALL_ROLES,
  '/training': TRAINING_CONTROL_ROLES,
  '/report': REPORT_ROLES,
  // The handover brief (app/relevo): the people who hand a shift over.
  '/relevo': HANDOVER_ROLES,
  '/coordinar': DESK_ROLES,
};

/** Returns true when it answered (a redirect); false lets the request through. */
export function guardPage(req: IncomingMessage, res: ServerResponse, principal: () => Principal | null): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/') {
    const who = principal();
    return redirect(res, who?.kind === 'user' && who.role === 'officer' ? '/report' : '/wall');
  }
  // An exercise's wall (the join link) is open to everyone who may join it, officers included.
  const exerciseWall = url.pathname === '/wall' && isTrainingChannel(url.searchParams.get('channel') ?? '');
  const roles = exerciseWall ? EXERCISE_VIEW_ROLES : PROTECTED_PAGES[url.pathname];
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

/**
 * The request header that tells the wall page who is looking, as an opaque key: the wall keeps
 * its last picture in the browser under it, so a picture one reader may see is never restored
 * for another (agency and role are in the key, as they decide what a reader sees).
 */
export const VIEWER_HEADER = 'x-concordia-viewer';

/** Sets VIEWER_HEADER for the wall (after guardPage let it through), and removes any the client sent. */
export function passViewer(req: IncomingMessage, principal: () => Principal | null): void {
  delete req.headers[VIEWER_HEADER];
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/wall') return;
  const who = principal();
  if (who?.kind !== 'user') return;
  req.headers[VIEWER_HEADER] = createHash('sha256')
    .update(`${who.userId}\n${who.username}\n${who.agency}\n${who.role}`)
    .digest('hex')
    .slice(0, 24);
}
