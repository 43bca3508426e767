/**
 * Where accounts, sessions, ingest keys, tracker devices and TAK certificates are kept: the rows
 * only. What they mean (hashing, validation, who a credential is) stays in Accounts, Devices and
 * TakCertificates, the same on every engine. Two implementations: SQLite in the data dir
 * (server/auth/sqlite/, one machine) and PostgreSQL (server/auth/postgres/, several nodes, every one
 * reading the same rows, so a sign-in, sign-out or revoke on one node holds on all at once).
 * Times are ISO 8601 UTC strings on both: they compare as they sort.
 */

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  agency: string;
  unit_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface KeyRow {
  key_id: string;
  secret_hash: string;
  agency: string;
  label: string;
  created_at: string;
  disabled_at: string | null;
}

export interface DeviceRow {
  device_id: string;
  identifier_hash: string;
  agency: string;
  unit_id: string;
  label: string;
  created_at: string;
  disabled_at: string | null;
}

export interface TakCertificateRow {
  serial: string;
  agency: string;
  unit: string;
  channel: string;
  issued_at: string;
  not_after: string;
  revoked_at: string | null;
}

export interface AccountStore {
  hasAnyUser(): Promise<boolean>;
  /** False when the username is taken. */
  insertUser(user: Omit<UserRow, 'id' | 'disabled_at'>): Promise<boolean>;
  listUsers(): Promise<UserRow[]>;
  findUser(username: string): Promise<UserRow | undefined>;
  /** Disables an active user and revokes their open sessions, together; false when there was no active user. */
  disableUser(username: string, at: string): Promise<boolean>;
  insertKey(key: Omit<KeyRow, 'disabled_at'>): Promise<void>;
  listKeys(): Promise<KeyRow[]>;
  findKey(keyId: string): Promise<KeyRow | undefined>;
  /** False when there was no active key of that id. */
  disableKey(keyId: string, at: string): Promise<boolean>;
  insertSession(session: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void>;
  revokeSession(tokenHash: string, at: string): Promise<void>;
  /** The user of a session that is open at `now` (not revoked, not expired), if that user is active. */
  sessionUser(tokenHash: string, now: string): Promise<UserRow | undefined>;
}

export interface DeviceStore {
  insert(device: Omit<DeviceRow, 'disabled_at'>): Promise<void>;
  list(): Promise<DeviceRow[]>;
  /** False when there was no active device of that id. */
  disable(deviceId: string, at: string): Promise<boolean>;
  findActive(identifierHash: string): Promise<DeviceRow | undefined>;
}

export type TakRevocation = { serial: string } | { unit: string; agency?: string };

/** The TAK CA's key and certificate, PEM; kept by the registry so every node signs and trusts the same CA. */
export interface TakAuthorityPem {
  keyPem: string;
  certPem: string;
}

export interface TakRegistry {
  /** The CA kept, if one was made. */
  authority(): Promise<TakAuthorityPem | undefined>;
  /**
   * Keeps `candidate` unless a CA is kept already; returns the one kept. Two nodes making their
   * first CA at once both end up with the one that was kept first.
   */
  keepAuthority(candidate: TakAuthorityPem, createdAt: string): Promise<TakAuthorityPem>;
  insert(certificate: Omit<TakCertificateRow, 'revoked_at'>): Promise<void>;
  /** By issue time, then serial. */
  list(): Promise<TakCertificateRow[]>;
  find(serial: string): Promise<TakCertificateRow | undefined>;
  /** Marks the matching live certificates revoked; returns them. */
  revoke(by: TakRevocation, at: string): Promise<TakCertificateRow[]>;
  /** Every revoked certificate, by serial. */
  revoked(): Promise<Array<{ serial: string; revoked_at: string }>>;
}
