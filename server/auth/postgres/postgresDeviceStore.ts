/** Tracker devices in PostgreSQL (migration 3), shared by every node. */
import type pg from 'pg';
import type { DeviceRow, DeviceStore } from '../stores.ts';

export class PostgresDeviceStore implements DeviceStore {
  constructor(private readonly pool: pg.Pool) {}

  async insert(device: Omit<DeviceRow, 'disabled_at'>): Promise<void> {
    await this.pool.query({
      name: 'devices-insert',
      text: 'INSERT INTO devices (device_id, identifier_hash, agency, unit_id, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      values: [device.device_id, device.identifier_hash, device.agency, device.unit_id, device.label, device.created_at],
    });
  }

  async list(): Promise<DeviceRow[]> {
    return (await this.pool.query<DeviceRow>({ name: 'devices-list', text: 'SELECT * FROM devices ORDER BY created_at COLLATE "C"' })).rows;
  }

  async disable(deviceId: string, at: string): Promise<boolean> {
    const result = await this.pool.query({
      name: 'devices-disable',
      text: 'UPDATE devices SET disabled_at = $1 WHERE device_id = $2 AND disabled_at IS NULL',
      values: [at, deviceId],
    });
    return (result.rowCount ?? 0) > 0;
  }

  async findActive(identifierHash: string): Promise<DeviceRow | undefined> {
    const result = await this.pool.query<DeviceRow>({
      name: 'devices-find',
      text: 'SELECT * FROM devices WHERE identifier_hash = $1 AND disabled_at IS NULL',
      values: [identifierHash],
    });
    return result.rows[0];
  }
}
