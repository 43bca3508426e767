/**
 * The TAK client certificates issued, in PostgreSQL (migration 3): a revoke reaches every node's
 * TAK listener. The CA itself is kept here too (migration 12), so a certificate issued through any
 * node is trusted by every node's listener.
 */
import type pg from 'pg';
import type { TakAuthorityPem, TakCertificateRow, TakRegistry, TakRevocation } from '../stores.ts';

export class PostgresTakRegistry implements TakRegistry {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends pg.QueryResultRow>(name: string, text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>({ name: `tak-${name}`, text, values })).rows;
  }

  async authority(): Promise<TakAuthorityPem | undefined> {
    const [row] = await this.rows<{ key_pem: string; cert_pem: string }>(
      'authority',
      'SELECT key_pem, cert_pem FROM tak_authority WHERE id = 1',
    );
    return row && { keyPem: row.key_pem, certPem: row.cert_pem };
  }

  async keepAuthority(candidate: TakAuthorityPem, createdAt: string): Promise<TakAuthorityPem> {
    await this.rows(
      'keep-authority',
      'INSERT INTO tak_authority (id, key_pem, cert_pem, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING',
      [candidate.keyPem, candidate.certPem, createdAt],
    );
    return (await this.authority())!;
  }

  async insert(c: Omit<TakCertificateRow, 'revoked_at'>): Promise<void> {
    await this.rows(
      'insert',
      'INSERT INTO tak_certificates (serial, agency, unit, channel, issued_at, not_after) VALUES ($1, $2, $3, $4, $5, $6)',
      [c.serial, c.agency, c.unit, c.channel, c.issued_at, c.not_after],
    );
  }

  list(): Promise<TakCertificateRow[]> {
    return this.rows<TakCertificateRow>('list', 'SELECT * FROM tak_certificates ORDER BY issued_at COLLATE "C", serial COLLATE "C"');
  }

  async find(serial: string): Promise<TakCertificateRow | undefined> {
    return (await this.rows<TakCertificateRow>('find', 'SELECT * FROM tak_certificates WHERE serial = $1', [serial]))[0];
  }

  revoke(by: TakRevocation, at: string): Promise<TakCertificateRow[]> {
    if ('serial' in by) {
      return this.rows<TakCertificateRow>(
        'revoke-serial',
        'UPDATE tak_certificates SET revoked_at = $1 WHERE serial = $2 AND revoked_at IS NULL RETURNING *',
        [at, by.serial],
      );
    }
    return by.agency
      ? this.rows<TakCertificateRow>(
          'revoke-unit-agency',
          'UPDATE tak_certificates SET revoked_at = $1 WHERE unit = $2 AND agency = $3 AND revoked_at IS NULL RETURNING *',
          [at, by.unit, by.agency],
        )
      : this.rows<TakCertificateRow>(
          'revoke-unit',
          'UPDATE tak_certificates SET revoked_at = $1 WHERE unit = $2 AND revoked_at IS NULL RETURNING *',
          [at, by.unit],
        );
  }

  revoked(): Promise<Array<{ serial: string; revoked_at: string }>> {
    return this.rows('revoked', 'SELECT serial, revoked_at FROM tak_certificates WHERE revoked_at IS NOT NULL ORDER BY serial COLLATE "C"');
  }
}
