/**
 * What each kind of principal may do. One table, so the whole matrix can be read and tested in
 * one place.
 */
import { isTrainingChannel } from '../../lib/contract/channelNames.ts';
import type { Role } from '../../lib/contract/http.ts';
import type { Principal } from './roles.ts';

/** Screens that show the operations picture. */
export const WALL_ROLES: readonly Role[] = ['coordinator', 'admin', 'trainer'];

/** Who runs exercises: starts sessions and drives their clocks. */
export const TRAINING_CONTROL_ROLES: readonly Role[] = ['trainer', 'admin'];
/** Who may join an exercise (watch it on a wall or a phone): everyone with an account. */
export const EXERCISE_VIEW_ROLES: readonly Role[] = ['coordinator', 'officer', 'trainer', 'admin'];

export function canViewWall(principal: Principal | null): boolean {
  return principal?.kind === 'user' && WALL_ROLES.includes(principal.role);
}

/**
 * Live operations take reports from agency keys, officers, coordinators and admins, each only for
 * their own agency. Exercises take injects from trainers and admins, who play every agency, and
 * field reports from the officers taking part (from the phone page), each for their own agency;
 * machine feeds and coordinators never post into an exercise. Whether the channel exists (a
 * session that ended is closed) is checked by the caller, before this.
 */
export function postingRights(principal: Principal, channel: string): { allowed: boolean; anyAgency: boolean } {
  if (isTrainingChannel(channel)) {
    if (principal.kind !== 'user') return { allowed: false, anyAgency: false };
    const trainer = principal.role === 'trainer' || principal.role === 'admin';
    return { allowed: trainer || principal.role === 'officer', anyAgency: trainer };
  }
  if (principal.kind === 'key') return { allowed: true, anyAgency: false };
  return { allowed: principal.role !== 'trainer', anyAgency: false };
}
