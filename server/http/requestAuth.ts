/**
 * Who is asking: the credential of an HTTP request resolved to a principal, or a 401/403. The app
 * resolves each request's credential against the account store once, before routing (the store may
 * be PostgreSQL, so the look-up is asynchronous); the checks the routes make read what it found.
 */
import type { IncomingMessage } from 'node:http';
import type { Accounts } from '../auth/accounts.ts';
import { credentialFrom } from '../auth/credentials.ts';
import type { Role } from '../../lib/contract/http.ts';
import type { Principal } from '../auth/roles.ts';
import { HttpError } from './respond.ts';

export interface RequestAuth {
  /** Looks the request's credential up (once per request) and keeps what it found for the checks below. */
  resolve(req: IncomingMessage): Promise<Principal | null>;
  /** The principal found by resolve(), or null without a valid credential. */
  authenticate(req: IncomingMessage): Principal | null;
  /** The principal, or a 401 that says how to authenticate. */
  requirePrincipal(req: IncomingMessage): Principal;
  /** A signed-in user with one of the roles, or a 401/403. */
  requireRole(req: IncomingMessage, roles: readonly Role[]): Extract<Principal, { kind: 'user' }>;
}

export function createRequestAuth(accounts: Accounts): RequestAuth {
  const resolved = new WeakMap<IncomingMessage, Principal | null>();
  async function resolve(req: IncomingMessage): Promise<Principal | null> {
    if (resolved.has(req)) return resolved.get(req)!;
    const credential = credentialFrom(req.headers);
    const principal = credential ? await accounts.authenticate(credential) : null;
    resolved.set(req, principal);
    return principal;
  }
  function authenticate(req: IncomingMessage): Principal | null {
    const principal = resolved.get(req);
    // A route reached without resolve() is a wiring mistake, never a reason to let anyone in.
    if (principal === undefined) throw new Error(`${req.method} ${req.url}: the credential was not resolved before routing`);
    return principal;
  }
  function requirePrincipal(req: IncomingMessage): Principal {
    const principal = authenticate(req);
    if (!principal) {
      throw new HttpError(401, 'unauthorized', 'send a session token or an agency key as "Authorization: Bearer …"');
    }
    return principal;
  }
  function requireRole(req: IncomingMessage, roles: readonly Role[]) {
    const principal = requirePrincipal(req);
    if (principal.kind !== 'user' || !roles.includes(principal.role)) {
      throw new HttpError(403, 'forbidden', `only ${roles.join(', ')} may do this`);
    }
    return principal;
  }
  return { resolve, authenticate, requirePrincipal, requireRole };
}
