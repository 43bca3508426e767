/**
 * First start: with no users yet, create one account per role (an officer per police agency) and
 * one ingest key per agency, all with random secrets, and write them once to
 * `<data dir>/initial-credentials.json` (mode 0600) for the operator to hand out. There is no
 * fixed default password anywhere.
 */
import { writeFileSync } from 'node:fs';
import { AGENCIES, type Agency } from '../../lib/contract/agencies.ts';
import { AccountError, type Accounts } from './accounts.ts';
import type { Role } from '../../lib/contract/http.ts';
import { initialCredentialsFile, type InitialCredentials } from './initialCredentials.ts';

const INITIAL_USERS: Array<{ username: string; role: Role; agency: Agency; unitId?: string }> = [
  { username: 'admin', role: 'admin', agency: 'comite-binacional' },
  { username: 'coordinator-cl', role: 'coordinator', agency: 'carabineros' },
  { username: 'coordinator-pe', role: 'coordinator', agency: 'pnp' },
  { username: 'trainer', role: 'trainer', agency: 'comite-binacional' },
  { username: 'officer-carabineros', role: 'officer', agency: 'carabineros', unitId: 'CB-1' },
  { username: 'officer-pdi', role: 'officer', agency: 'pdi', unitId: 'PDI-1' },
  { username: 'officer-pnp', role: 'officer', agency: 'pnp', unitId: 'PNP-1' },
];

/**
 * Returns the file written, or null when the store already had accounts. Several nodes starting at
 * once on an empty PostgreSQL: the one whose first account is created goes on, the others find it
 * taken and leave it at that (only that node's data dir gets the file).
 */
export async function bootstrapAccounts(accounts: Accounts, dataDir: string): Promise<string | null> {
  if (await accounts.hasAnyUser()) return null;
  const credentials: InitialCredentials = { users: [], keys: [] };
  for (const [index, user] of INITIAL_USERS.entries()) {
    let password: string;
    try {
      ({ password } = await accounts.createUser(user));
    } catch (error) {
      if (index === 0 && error instanceof AccountError) return null;
      throw error;
    }
    credentials.users.push({ username: user.username, password, role: user.role, agency: user.agency });
  }
  for (const agency of AGENCIES) {
    const { key } = await accounts.createKey(agency, `initial key for ${agency}`);
    credentials.keys.push({ agency, key });
  }
  const file = initialCredentialsFile(dataDir);
  // 'wx': never overwrite an earlier file; 0600: readable by the operator's account only.
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}
