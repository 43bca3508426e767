/**
 * Tracker devices in the SQLite data dir. The table is created here, idempotently, rather than as a
 * numbered migration in the SQLite store: it belongs to this module alone, and this keeps the
 * store's migration list free for the store's own work.
 */
import type Database from 'better-sqlite3';
import { StatementCache } from '../../store/sqlite/statementCache.ts';
import type { DeviceRow, DeviceStore } from '../stores.ts';

const SCHEMA = `CREATE TABLE IF NOT EXISTS devices (
   device_id       TEXT PRIMARY KEY,
   identifier_hash TEXT NOT NULL UNIQUE,
   agency          TEXT NOT NULL,
   unit_id         TEXT NOT NULL,
   label           TEXT NOT NULL,
   created_at      TEXT NOT NULL,
   disabled_at     TEXT
 )`;

export class SqliteDeviceStore implements DeviceStore {
  private readonly statements: StatementCache;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = new StatementCache(db);
  }

  async insert(device: Omit<DeviceRow, 'disabled_at'>): Promise<void> {
    this.statements
      .get('INSERT INTO devices (device_id, identifier_hash, agency, unit_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(device.device_id, device.identifier_hash, device.agency, device.unit_id, device.label, device.created_at);
  }

  async list(): Promise<DeviceRow[]> {
    return this.statements.get('SELECT * FROM devices ORDER BY created_at').all() as DeviceRow[];
  }

  async disable(deviceId: string, at: string): Promise<boolean> {
    return (
      this.statements.get('UPDATE devices SET disabled_at = ? WHERE device_id = ? AND disabled_at IS NULL').run(at, deviceId).changes > 0
    );
  }

  async findActive(identifierHash: string): Promise<DeviceRow | undefined> {
    return this.statements.get('SELECT * FROM devices WHERE identifier_hash = ? AND disabled_at IS NULL').get(identifierHash) as
      DeviceRow | undefined;
  }
}
