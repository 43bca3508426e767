import { z } from 'zod';
import type { LatLonBox } from './operatingArea.ts';

/** A latitude/longitude box, in WGS84 decimal degrees. */
export const regionBoundsSchema = z
  .strictObject({
    south: z.number().min(-90).max(90),
    west: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
    east: z.number().min(-180).max(180),
  })
  .refine((b) => b.south < b.north && b.west < b.east, {
    message: 'south must be below north and west left of east',
  }) satisfies z.ZodType<LatLonBox>;
export type RegionBounds = z.infer<typeof regionBoundsSchema>;

/** Parses "south,west,north,east" (the form used in environment variables). */
export function parseBoundsList(text: string): RegionBounds {
  const parts = text.split(',').map((p) => Number(p.trim()));
  const [south, west, north, east] = parts;
  return regionBoundsSchema.parse({ south, west, north, east });
}
