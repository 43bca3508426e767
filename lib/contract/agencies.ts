import { z } from 'zod';

/**
 * Who can send events. The three police agencies of the joint patrols come first; the rest are the
 * other actors of the December 2025 sequence (Peru's army, the migration services and the
 * binational committee), so a replay can attribute every statement and deployment.
 */
export const AGENCIES = ['carabineros', 'pdi', 'pnp', 'ejercito-pe', 'sermig', 'migraciones-pe', 'comite-binacional'] as const;

export const agencySchema = z.enum(AGENCIES);
export type Agency = z.infer<typeof agencySchema>;

export const COUNTRIES = ['CL', 'PE'] as const;
export const countrySchema = z.enum(COUNTRIES);
export type Country = z.infer<typeof countrySchema>;

/**
 * The country each agency answers to. The binational committee belongs to neither, so it cannot
 * send `national` events (there is no nation to restrict them to).
 */
export const AGENCY_COUNTRY: Record<Agency, Country | null> = {
  carabineros: 'CL',
  pdi: 'CL',
  sermig: 'CL',
  pnp: 'PE',
  'ejercito-pe': 'PE',
  'migraciones-pe': 'PE',
  'comite-binacional': null,
};

export function countryOf(agency: Agency): Country | null {
  return AGENCY_COUNTRY[agency];
}
