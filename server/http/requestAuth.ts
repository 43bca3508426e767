/** Who is asking: the credential of an HTTP request resolved to a principal, or a 401/403. */
import type { IncomingMessage } from 'node:http';
import type { Accounts } from '../auth/accounts.ts';
import { credentialFrom } from '../auth/credentials.ts';
import type { Role } from '../../lib/contract/http.ts';
import type { Principal } from '../auth/roles.ts';
import { HttpError } from './respond.ts';

export interface RequestAuth {
  authenticate(req: IncomingMessage): Principal | null;
  /** The principal, or a 401 that says how to authenticate. */
  requirePrincipal(req: IncomingMessage): Principal;
  /** A signed-in user with one of the roles, or a 401/403. */
  requireRole(req: IncomingMessage, roles: readonly Role[]): Extract<Principal, { kind: 'user' }>;
}

export function createRequestAuth(accounts: Accounts): RequestAuth {
  function authenticate(req: IncomingMessage): Principal | null {
    const credential = credentialFrom(req.headers);
    return credential ? accounts.authenticate(credential) : null;
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
  return { authenticate, requirePrincipal, requireRole };
}
