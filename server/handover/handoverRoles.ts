import type { Role } from '../../lib/contract/http.ts';

/** Who may read a handover brief (GET /api/handover, the /relevo page): the people who hand a shift over. */
export const HANDOVER_ROLES: readonly Role[] = ['coordinator', 'admin'];
