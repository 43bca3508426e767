/** The first-start credentials the e2e server wrote into its fresh data directory. */
import { test } from '@playwright/test';
import { initialCredentialsFile, readInitialCredentials, type InitialCredentials } from '../../server/auth/initialCredentials.ts';
import { dataDirFor } from './servers.ts';

const cached = new Map<string, InitialCredentials>();

/** The credentials of the server the running test's project talks to (playwright.config.ts starts two). */
function credentials(): InitialCredentials {
  let baseURL: string | undefined;
  try {
    baseURL = test.info().project.use.baseURL;
  } catch {
    baseURL = undefined; // outside a test: the main server
  }
  const dir = dataDirFor(baseURL);
  let found = cached.get(dir);
  if (!found) {
    found = readInitialCredentials(initialCredentialsFile(dir));
    cached.set(dir, found);
  }
  return found;
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
