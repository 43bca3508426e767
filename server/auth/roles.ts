import type { Agency } from '../../lib/contract/agencies.ts';
import type { Role } from '../../lib/contract/http.ts';
import type { ReaderScope } from '../../lib/contract/releasability.ts';

/** Who is behind a request: a signed-in user or an agency's machine key. */
export type Principal =
  | {
      kind: 'user';
      userId: number;
      username: string;
      role: Role;
      agency: Agency;
      unitId: string | null;
      scope: ReaderScope;
      /** Hash of the session token, so the session can be ended. */
      sessionHash?: string;
    }
  | { kind: 'key'; keyId: string; agency: Agency; scope: ReaderScope };
