/**
 * Tracker devices (Traccar Client and other OsmAnd senders): each registered identifier belongs to
 * one unit of one agency, and positions it sends are that unit's. The identifier is the device's
 * only credential (the OsmAnd protocol has no other), so it is a long random value, shown once
 * and stored as a SHA-256 hash like ingest keys; listings show a short public device id instead.
 *
 * The table is created here, idempotently, rather than as a numbered migration in the SQLite
 * store: it belongs to this module alone, and this keeps the store's migration list free for the
 * store's own work.
 */
import type Database from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { agencySchema, type Agency } from '../../lib/contract/agencies.ts';
import { idSchema } from '../../lib/contract/events.ts';
import { scopeOf } from '../../lib/contract/releasability.ts';
import type { DeviceListing, DeviceRegistration } from '../../lib/contract/devices.ts';
import { StatementCache } from '../store/sqlite/statementCache.ts';
import type { Principal } from './roles.ts';
import { sha256 } from './secrets.ts';
import { AccountError } from './accounts.ts';

const SCHEMA = `CREATE TABLE IF NOT EXISTS devices (
   device_id       TEXT PRIMARY KEY,
   identifier_hash TEXT NOT NULL UNIQUE,
   agency          TEXT NOT NULL,
   unit_id         TEXT NOT NULL,
   label           TEXT NOT NULL,
   created_at      TEXT NOT NULL,
   disabled_at     TEXT
 )`;

/** Letters and digits without look-alikes (0/o, 1/l/i): typed by hand into a phone app. */
const IDENTIFIER_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 26 characters of a 31-letter alphabet: about 128 bits, beyond guessing. */
const IDENTIFIER_LENGTH = 26;

interface DeviceRow {
  device_id: string;
  identifier_hash: string;
  agency: string;
  unit_id: string;
  label: string;
  created_at: string;
  disabled_at: string | null;
}

/** A device found by its identifier: who its positions belong to. */
export interface RegisteredDevice {
  deviceId: string;
  agency: Agency;
  unitId: string;
  /** Posts through the ingest path as its agency, like an ingest key bound to one unit. */
  principal: Principal;
}

export class Devices {
  private readonly statements: StatementCache;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = new StatementCache(db);
  }

  /** Registers a new device for a unit; the identifier is returned once and never again. */
  add(agency: Agency, unitId: string, label?: string): DeviceRegistration {
    agencySchema.parse(agency);
    if (!idSchema.safeParse(unitId).success) throw new AccountError('--unit: letters, digits and . _ : @ - only (at most 100)');
    const deviceId = `dev-${randomBytes(6).toString('hex')}`;
    const identifier = Array.from({ length: IDENTIFIER_LENGTH }, () => IDENTIFIER_ALPHABET[randomInt(IDENTIFIER_ALPHABET.length)]).join('');
    const createdAt = new Date().toISOString();
    this.statements
      .get('INSERT INTO devices (device_id, identifier_hash, agency, unit_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(deviceId, sha256(identifier), agency, unitId, label ?? `tracker of ${unitId}`, createdAt);
    return { deviceId, identifier, agency, unitId, createdAt };
  }

  list(): DeviceListing[] {
    const rows = this.statements.get('SELECT * FROM devices ORDER BY created_at').all() as DeviceRow[];
    return rows.map((row) => ({
      deviceId: row.device_id,
      agency: agencySchema.parse(row.agency),
      unitId: row.unit_id,
      label: row.label,
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
    }));
  }

  disable(deviceId: string): void {
    const info = this.statements
      .get('UPDATE devices SET disabled_at = ? WHERE device_id = ? AND disabled_at IS NULL')
      .run(new Date().toISOString(), deviceId);
    if (info.changes === 0) throw new AccountError(`no active device "${deviceId}"`);
  }

  /** The active device with this identifier, or null (unknown, disabled, or not even plausible). */
  find(identifier: string): RegisteredDevice | null {
    if (identifier.length === 0 || identifier.length > 200) return null;
    const row = this.statements.get('SELECT * FROM devices WHERE identifier_hash = ? AND disabled_at IS NULL').get(sha256(identifier)) as
      DeviceRow | undefined;
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
