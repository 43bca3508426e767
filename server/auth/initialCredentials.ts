/**
 * The first-start credentials file, `<data dir>/initial-credentials.json`: its one schema and its
 * one reader. The server writes it (bootstrap.ts); the CLIs, the simulators, the e2e support and
 * the benchmarks read it here, so a malformed file gives the same message naming the problem everywhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { agencySchema } from '../../lib/contract/agencies.ts';
import { problemsFromZod } from '../../lib/contract/validation.ts';
import { roleSchema } from '../../lib/contract/http.ts';

export const INITIAL_CREDENTIALS_FILE = 'initial-credentials.json';

export const initialCredentialsSchema = z.object({
  /** A file made by hand for `npm run data -- --credentials` may carry keys only. */
  users: z
    .array(z.object({ username: z.string().min(1), password: z.string().min(1), role: roleSchema, agency: agencySchema }))
    .default([]),
  keys: z.array(z.object({ agency: agencySchema, key: z.string().min(1) })),
});

export type InitialCredentials = z.infer<typeof initialCredentialsSchema>;

/** The file cannot be read, is not JSON, or does not have the credentials' shape; the message says which. */
export class CredentialsFileError extends Error {}

export function initialCredentialsFile(dataDir: string): string {
  return path.join(dataDir, INITIAL_CREDENTIALS_FILE);
}

/** Throws a CredentialsFileError naming the file and what is wrong with it. */
export function readInitialCredentials(file: string): InitialCredentials {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new CredentialsFileError(`cannot read the credentials file ${file}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CredentialsFileError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = initialCredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const lines = problemsFromZod(parsed.error).map((p) => `  ${p.field || '(the file)'}: ${p.message}`);
    throw new CredentialsFileError(
      `${file} is not a credentials file ({"keys": [{"agency", "key"}], "users": [...]}):\n${lines.join('\n')}`,
    );
  }
  return parsed.data;
}

/** Each agency's key (the last one listed, when an agency has several). */
export function keysByAgency(credentials: InitialCredentials): Map<string, string> {
  return new Map(credentials.keys.map((k) => [k.agency, k.key]));
}
