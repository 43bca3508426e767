import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../lib/contract/releasability.ts';
import type { Role } from '../../lib/contract/http.ts';
import type { Principal } from '../auth/roles.ts';
import { guardPage, passViewer, VIEWER_HEADER } from './pages.ts';

/** Runs the guard for one path and principal; returns the redirect target, or 'page' when let through. */
function open(path: string, principal: Principal | null): string {
  let location = 'page';
  const res = {
    writeHead: (status: number, headers: Record<string, string>) => {
      expect(status).toBe(302);
      location = headers.location;
    },
    end: () => undefined,
  } as unknown as ServerResponse;
  guardPage({ url: path } as IncomingMessage, res, () => principal);
  return location;
}

const user = (role: Role): Principal => ({
  kind: 'user',
  userId: 1,
  username: role,
  role,
  agency: 'pnp',
  unitId: 'PNP-1',
  scope: scopeOf('pnp'),
});
const key: Principal = { kind: 'key', keyId: 'k1', agency: 'pnp', scope: scopeOf('pnp') };

describe('guardPage: the desk', () => {
  it('opens /coordinar for coordinators and admins only, live and in an exercise', () => {
    expect(open('/coordinar', user('coordinator'))).toBe('page');
    expect(open('/coordinar', user('admin'))).toBe('page');
    expect(open('/coordinar?channel=training:abc', user('coordinator'))).toBe('page');
    expect(open('/coordinar', user('officer'))).toBe('/login?next=%2Fcoordinar&denied=1');
    expect(open('/coordinar', user('trainer'))).toBe('/login?next=%2Fcoordinar&denied=1');
    expect(open('/coordinar', key)).toBe('/login?next=%2Fcoordinar&denied=1');
    expect(open('/coordinar', null)).toBe('/login?next=%2Fcoordinar');
  });
});

describe('guardPage: the report screen', () => {
  it('opens /report for officers and admins only', () => {
    expect(open('/report', user('officer'))).toBe('page');
    expect(open('/report', user('admin'))).toBe('page');
    expect(open('/report', user('coordinator'))).toBe('/login?next=%2Freport&denied=1');
    expect(open('/report', user('trainer'))).toBe('/login?next=%2Freport&denied=1');
    expect(open('/report', key)).toBe('/login?next=%2Freport&denied=1');
  });

  it('sends someone without a session to the login, and back to /report afterwards', () => {
    expect(open('/report', null)).toBe('/login?next=%2Freport');
  });

  it('sends an officer who opens the site to /report and everyone else to the wall', () => {
    expect(open('/', user('officer'))).toBe('/report');
    expect(open('/', user('coordinator'))).toBe('/wall');
    expect(open('/', null)).toBe('/wall');
  });
});

describe('guardPage: the public wait-time page', () => {
  it('lets anyone open /espera, signed in or not', () => {
    expect(open('/espera', null)).toBe('page');
    expect(open('/espera?lang=en', null)).toBe('page');
    expect(open('/espera', key)).toBe('page');
  });
});

describe('passViewer: whose picture the wall keeps', () => {
  const viewerOf = (path: string, principal: Principal | null, sent?: string) => {
    const req = { url: path, headers: sent ? { [VIEWER_HEADER]: sent } : {} } as unknown as IncomingMessage;
    passViewer(req, () => principal);
    return req.headers[VIEWER_HEADER];
  };

  it('gives the wall an opaque key per user, agency and role, and nothing else to other pages', () => {
    const coordinator = user('coordinator');
    const key = viewerOf('/wall?channel=live', coordinator);
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(key).not.toContain(coordinator.username);
    expect(viewerOf('/wall', coordinator)).toBe(key);
    expect(viewerOf('/wall', { ...coordinator, agency: 'carabineros' })).not.toBe(key);
    expect(viewerOf('/wall', user('trainer'))).not.toBe(key);
    expect(viewerOf('/report', user('officer'))).toBeUndefined();
  });

  it('never passes on a key the client sent', () => {
    expect(viewerOf('/wall', null, 'forged')).toBeUndefined();
    expect(viewerOf('/login', null, 'forged')).toBeUndefined();
    expect(viewerOf('/wall', user('coordinator'), 'forged')).not.toBe('forged');
  });
});
