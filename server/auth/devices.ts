/**
 * Tracker devices (Traccar Client and other OsmAnd senders): each registered identifier belongs to
 * one unit of one agency, and positions it sends are that unit's. The identifier is the device's
 * only credential (the OsmAnd protocol has no other), so it is a long random value, shown once
 * and stored as a SHA-256 hash like ingest keys; listings show a short public device id instead.
 * The rows live in a DeviceStore (SQLite in the data dir, or PostgreSQL shared by every node).
 */
import type Database from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { agencySchema, type Agency } from '../../lib/contract/agencies.ts';
import { idSchema } from '../../lib/contract/events.ts';
import { scopeOf } from '../../lib/contract/releasability.ts';
import type { DeviceListing, DeviceRegistration } from '../../lib/contract/devices.ts';
import { SqliteDeviceStore } from './sqlite/sqliteDeviceStore.ts';
import type { DeviceStore } from './stores.ts';
import type { Principal } from './roles.ts';
import { sha256 } from './secrets.ts';
import { AccountError } from './accounts.ts';

/** Letters and digits without look-alikes (0/o, 1/l/i): typed by hand into a phone app. */
const IDENTIFIER_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 26 characters of a 31-letter alphabet: about 128 bits, beyond guessing. */
const IDENTIFIER_LENGTH = 26;

/** A device found by its identifier: who its positions belong to. */
export interface RegisteredDevice {
  deviceId: string;
  agency: Agency;
  unitId: string;
  /** Posts through the ingest path as its agency, like an ingest key bound to one unit. */
  principal: Principal;
}

export class Devices {
  private readonly store: DeviceStore;

  /** A better-sqlite3 database means the devices in that SQLite file. */
  constructor(store: DeviceStore | Database.Database) {
    this.store = 'prepare' in store ? new SqliteDeviceStore(store) : store;
  }

  /** Registers a new device for a unit; the identifier is returned once and never again. */
  async add(agency: Agency, unitId: string, label?: string): Promise<DeviceRegistration> {
    agencySchema.parse(agency);
    if (!idSchema.safeParse(unitId).success) throw new AccountError('--unit: letters, digits and . _ : @ - only (at most 100)');
    const deviceId = `dev-${randomBytes(6).toString('hex')}`;
    const identifier = Array.from({ length: IDENTIFIER_LENGTH }, () => IDENTIFIER_ALPHABET[randomInt(IDENTIFIER_ALPHABET.length)]).join('');
    const createdAt = new Date().toISOString();
    await this.store.insert({
      device_id: deviceId,
      identifier_hash: sha256(identifier),
      agency,
      unit_id: unitId,
      label: label ?? `tracker of ${unitId}`,
      created_at: createdAt,
    });
    return { deviceId, identifier, agency, unitId, createdAt };
  }

  async list(): Promise<DeviceListing[]> {
    const rows = await this.store.list();
    return rows.map((row) => ({
      deviceId: row.device_id,
      agency: agencySchema.parse(row.agency),
      unitId: row.unit_id,
      label: row.label,
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
    }));
  }

  async disable(deviceId: string): Promise<void> {
    if (!(await this.store.disable(deviceId, new Date().toISOString()))) throw new AccountError(`no active device "${deviceId}"`);
  }

  /** The active device with this identifier, or null (unknown, disabled, or not even plausible). */
  async find(identifier: string): Promise<RegisteredDevice | null> {
    if (identifier.length === 0 || identifier.length > 200) return null;
    const row = await this.store.findActive(sha256(identifier));
    if (!row) return null;
    const agency = agencySchema.parse(row.agency);
    return {
      deviceId: row.device_id,
      agency,
      unitId: row.unit_id,
      principal: { kind: 'key', keyId: row.device_id, agency, scope: scopeOf(agency) },
    };
  }
}
