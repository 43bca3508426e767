import { z } from 'zod';
import type { Agency } from '../../lib/contract/agencies.ts';
import type { ReaderScope } from '../../lib/contract/releasability.ts';

export const ROLES = ['coordinator', 'officer', 'trainer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

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

/** The public view of a user, as the API returns it. */
export interface UserView {
  username: string;
  role: Role;
  agency: Agency;
  unitId: string | null;
}
