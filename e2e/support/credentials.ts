/** The first-start credentials the e2e server wrote into its fresh data directory. */
import { initialCredentialsFile, readInitialCredentials, type InitialCredentials } from '../../server/auth/initialCredentials.ts';

// Must match playwright.config.ts, which starts the server on this data directory.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const FILE = initialCredentialsFile(process.env.E2E_DATA_DIR ?? `.e2e-data-${PORT}`);

let cached: InitialCredentials | undefined;
function credentials(): InitialCredentials {
  cached ??= readInitialCredentials(FILE);
  return cached;
}

export function passwordOf(username: string): string {
  const user = credentials().users.find((u) => u.username === username);
  if (!user) throw new Error(`no initial user ${username}`);
  return user.password;
}

export function keyOf(agency: string): string {
  const key = credentials().keys.find((k) => k.agency === agency);
  if (!key) throw new Error(`no initial key for ${agency}`);
  return key.key;
}
