import { z } from 'zod';
import { countryOf, type Agency, type Country } from './agencies.ts';

/**
 * `binational`: both countries' users may see the event (the default).
 * `national`: only users whose agency belongs to the sending agency's country.
 */
export const RELEASABILITIES = ['binational', 'national'] as const;
export const releasabilitySchema = z.enum(RELEASABILITIES);
export type Releasability = z.infer<typeof releasabilitySchema>;

/** The audience an event may reach, derived once from its agency and releasability. */
export type Audience = 'all' | Country;

export function audienceOf(event: { agency: Agency; releasability: Releasability }): Audience {
  if (event.releasability === 'binational') return 'all';
  // The contract refuses `national` from an agency without a country, so this is never null here.
  return countryOf(event.agency) ?? 'all';
}

/**
 * What a reader may see: everything binational plus their own country's national events. Users of
 * an agency with no country (the binational committee) see binational events only.
 */
export type ReaderScope = Country | 'binational-only';
export const READER_SCOPES: readonly ReaderScope[] = ['CL', 'PE', 'binational-only'];

export function scopeOf(agency: Agency): ReaderScope {
  return countryOf(agency) ?? 'binational-only';
}

/** Whether a reader with `scope` may receive an event meant for `audience`. */
export function isVisibleTo(audience: Audience, scope: ReaderScope): boolean {
  return audience === 'all' || audience === scope;
}

/** The audiences a reader with `scope` may see, for filtering at the store. */
export function audiencesVisibleTo(scope: ReaderScope): Audience[] {
  return scope === 'binational-only' ? ['all'] : ['all', scope];
}
