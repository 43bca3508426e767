import { describe, expect, it } from 'vitest';
import { postgresFault, sqliteFault, StoreUnavailableError, storeFaultOf } from './storeFault.ts';

const coded = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('store faults', () => {
  it('recognises a full or failing SQLite disk, and not a constraint violation', () => {
    expect(sqliteFault(coded('SQLITE_FULL', 'database or disk is full'))).toMatchObject({ engine: 'sqlite', kind: 'full' });
    expect(sqliteFault(coded('SQLITE_IOERR_WRITE', 'disk I/O error'))?.kind).toBe('io');
    expect(sqliteFault(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(sqliteFault(new TypeError('bug'))).toBeUndefined();
  });

  it('recognises PostgreSQL going away, a full disk and a standby, and not a bad query', () => {
    expect(postgresFault(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))?.kind).toBe('unreachable');
    expect(postgresFault(coded('57P01', 'terminating connection due to administrator command'))?.kind).toBe('unreachable');
    expect(postgresFault(new Error('Connection terminated unexpectedly'))?.kind).toBe('unreachable');
    expect(postgresFault(coded('53100', 'could not extend file'))?.kind).toBe('full');
    expect(postgresFault(coded('25006', 'cannot execute INSERT in a read-only transaction'))?.kind).toBe('read-only');
    expect(postgresFault(coded('42P01', 'relation does not exist'))).toBeUndefined();
  });

  it('answers a lock wait or a statement that timed out as a store fault (503), not a bug (500)', () => {
    expect(postgresFault(coded('55P03', 'canceling statement due to lock timeout'))?.kind).toBe('busy');
    expect(postgresFault(coded('57014', 'canceling statement due to statement timeout'))?.kind).toBe('timeout');
    expect(postgresFault(coded('25P03', 'terminating connection due to idle-in-transaction timeout'))?.message).toBe(
      'storage unavailable: the database did not answer in time (PostgreSQL: terminating connection due to idle-in-transaction timeout [25P03])',
    );
  });

  it('names storage and the engine in its message', () => {
    const fault = storeFaultOf(coded('SQLITE_FULL', 'database or disk is full'));
    expect(fault).toBeInstanceOf(StoreUnavailableError);
    expect(fault?.message).toBe('storage unavailable: the disk is full (SQLite: database or disk is full [SQLITE_FULL])');
    expect(fault?.retryAfterSeconds).toBe(5);
  });
});
