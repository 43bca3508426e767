/** The first-start credentials the e2e server wrote into its fresh data directory. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InitialCredentials } from '../../server/auth/bootstrap.ts';

const FILE = path.join('.e2e-data', 'initial-credentials.json');

let cached: InitialCredentials | undefined;
function credentials(): InitialCredentials {
  cached ??= JSON.parse(readFileSync(FILE, 'utf8')) as InitialCredentials;
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
