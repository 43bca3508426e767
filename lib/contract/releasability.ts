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

/** Whether a reader of `country` may receive an event meant for `audience`. */
export function isVisibleTo(audience: Audience, country: Country): boolean {
  return audience === 'all' || audience === country;
}
