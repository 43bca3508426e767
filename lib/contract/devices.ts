/**
 * Tracker devices (Traccar Client / OsmAnd): what registering one yields and how they are listed.
 * The identifier is the device's credential: it appears only in the registration reply.
 */
import { z } from 'zod';
import { agencySchema } from './agencies.ts';

export const deviceRegistrationSchema = z.strictObject({
  /** Public handle, for listings, the audit trail and `device disable`. */
  deviceId: z.string().regex(/^dev-[0-9a-f]{12}$/),
  /** What to enter as "Device identifier" in the tracker app. Shown once. */
  identifier: z.string().min(20).max(64),
  agency: agencySchema,
  unitId: z.string().min(1).max(100),
  createdAt: z.iso.datetime({ offset: true }),
});
export type DeviceRegistration = z.infer<typeof deviceRegistrationSchema>;

export const deviceListingSchema = deviceRegistrationSchema.omit({ identifier: true }).extend({
  label: z.string(),
  disabled: z.boolean(),
});
export type DeviceListing = z.infer<typeof deviceListingSchema>;
