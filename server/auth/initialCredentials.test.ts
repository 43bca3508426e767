import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsFileError, initialCredentialsFile, keysByAgency, readInitialCredentials } from './initialCredentials.ts';

function fileWith(text: string): string {
  const file = initialCredentialsFile(mkdtempSync(path.join(tmpdir(), 'concordia-credentials-')));
  writeFileSync(file, text);
  return file;
}

describe('the initial-credentials file', () => {
  it('reads the users and keys the first start wrote', () => {
    const credentials = {
      users: [{ username: 'admin', password: 'secret-1', role: 'admin', agency: 'comite-binacional' }],
      keys: [{ agency: 'pdi', key: 'ck_pdi' }],
    };
    const read = readInitialCredentials(fileWith(JSON.stringify(credentials)));
    expect(read).toEqual(credentials);
    expect(keysByAgency(read).get('pdi')).toBe('ck_pdi');
  });

  it('accepts a file with keys only, made by hand for the data CLI', () => {
    expect(readInitialCredentials(fileWith('{"keys": [{"agency": "pnp", "key": "ck_pnp"}]}')).users).toEqual([]);
  });

  it('says which field of a malformed file is wrong', () => {
    const file = fileWith('{"keys": [{"agency": "pnp"}]}');
    expect(() => readInitialCredentials(file)).toThrow(CredentialsFileError);
    expect(() => readInitialCredentials(file)).toThrow(`${file} is not a credentials file`);
    expect(() => readInitialCredentials(file)).toThrow(/keys\.0\.key: /);
  });

  it('names an unknown agency', () => {
    expect(() => readInitialCredentials(fileWith('{"keys": [{"agency": "interpol", "key": "ck_x"}]}'))).toThrow(/keys\.0\.agency: /);
  });

  it('says when the file is not JSON or not there', () => {
    expect(() => readInitialCredentials(fileWith('{"keys": ['))).toThrow(/is not JSON/);
    expect(() => readInitialCredentials('/nonexistent/initial-credentials.json')).toThrow(
      'cannot read the credentials file /nonexistent/initial-credentials.json: no such file',
    );
  });
});
