/** The TAK client certificates issued, in the SQLite data dir (table created here, idempotently). */
import type Database from 'better-sqlite3';
import type { TakAuthorityPem, TakCertificateRow, TakRegistry, TakRevocation } from '../stores.ts';

export class SqliteTakRegistry implements TakRegistry {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS tak_certificates (
      serial TEXT PRIMARY KEY,
      agency TEXT NOT NULL,
      unit TEXT NOT NULL,
      channel TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      not_after TEXT NOT NULL,
      revoked_at TEXT
    );
    CREATE TABLE IF NOT EXISTS tak_authority (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      key_pem TEXT NOT NULL,
      cert_pem TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  async authority(): Promise<TakAuthorityPem | undefined> {
    const row = this.db.prepare('SELECT key_pem, cert_pem FROM tak_authority WHERE id = 1').get() as
      { key_pem: string; cert_pem: string } | undefined;
    return row && { keyPem: row.key_pem, certPem: row.cert_pem };
  }

  async keepAuthority(candidate: TakAuthorityPem, createdAt: string): Promise<TakAuthorityPem> {
    this.db
      .prepare('INSERT INTO tak_authority (id, key_pem, cert_pem, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(candidate.keyPem, candidate.certPem, createdAt);
    return (await this.authority())!;
  }

  async insert(c: Omit<TakCertificateRow, 'revoked_at'>): Promise<void> {
    this.db
      .prepare('INSERT INTO tak_certificates (serial, agency, unit, channel, issued_at, not_after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.serial, c.agency, c.unit, c.channel, c.issued_at, c.not_after);
  }

  async list(): Promise<TakCertificateRow[]> {
    return this.db.prepare('SELECT * FROM tak_certificates ORDER BY issued_at, serial').all() as TakCertificateRow[];
  }

  async find(serial: string): Promise<TakCertificateRow | undefined> {
    return this.db.prepare('SELECT * FROM tak_certificates WHERE serial = ?').get(serial) as TakCertificateRow | undefined;
  }

  async revoke(by: TakRevocation, at: string): Promise<TakCertificateRow[]> {
    if ('serial' in by) {
      return this.db
        .prepare('UPDATE tak_certificates SET revoked_at = ? WHERE serial = ? AND revoked_at IS NULL RETURNING *')
        .all(at, by.serial) as TakCertificateRow[];
    }
    return (
      by.agency
        ? this.db
            .prepare('UPDATE tak_certificates SET revoked_at = ? WHERE unit = ? AND agency = ? AND revoked_at IS NULL RETURNING *')
            .all(at, by.unit, by.agency)
        : this.db.prepare('UPDATE tak_certificates SET revoked_at = ? WHERE unit = ? AND revoked_at IS NULL RETURNING *').all(at, by.unit)
    ) as TakCertificateRow[];
  }

  async revoked(): Promise<Array<{ serial: string; revoked_at: string }>> {
    return this.db.prepare('SELECT serial, revoked_at FROM tak_certificates WHERE revoked_at IS NOT NULL ORDER BY serial').all() as Array<{
      serial: string;
      revoked_at: string;
    }>;
  }
}
