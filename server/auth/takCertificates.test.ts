import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite/database.ts';
import { SqliteTakRegistry } from './sqlite/sqliteTakRegistry.ts';
import { TakCertificates } from './takCertificates.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('TAK certificate authority', () => {
  it('asks the registry again after it could not answer for the CA (a database unreachable at start)', async () => {
    const db = openDatabase({ dataDir: ':memory:' });
    const registry = new SqliteTakRegistry(db);
    const answer = registry.authority.bind(registry);
    let unreachable = true;
    registry.authority = () => (unreachable ? Promise.reject(new Error('connection refused')) : answer());
    const dir = mkdtempSync(path.join(tmpdir(), 'concordia-tak-ca-'));
    dirs.push(dir);
    const certificates = new TakCertificates(registry, dir);
    try {
      await expect(certificates.caPem()).rejects.toThrow(/connection refused/);
      unreachable = false;
      const ca = await certificates.caPem();
      expect(ca).toMatch(/BEGIN CERTIFICATE/);
      expect((await registry.authority())?.certPem).toBe(ca);
    } finally {
      db.close();
    }
  });
});
