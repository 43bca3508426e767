import { describe, expect, it } from 'vitest';
import { readRememberedOfficer, readSessionAnswer } from '@/components/report/officerSession.ts';

const officer = { username: 'officer-pnp', role: 'officer', agency: 'pnp', unitId: 'PNP-1' };

describe('readSessionAnswer', () => {
  it('takes agency and unit from the account', () => {
    expect(readSessionAnswer(200, { user: officer })).toEqual({ kind: 'signed-in', officer });
  });
  it('tells an ended session from a server that cannot be reached', () => {
    expect(readSessionAnswer(401, { error: { code: 'unauthorized' } })).toEqual({ kind: 'signed-out' });
    expect(readSessionAnswer(503, null)).toEqual({ kind: 'unreachable' });
  });
  it('does not trust an answer with an unknown agency', () => {
    expect(readSessionAnswer(200, { user: { ...officer, agency: 'interpol' } })).toEqual({ kind: 'unreachable' });
  });
});

describe('readRememberedOfficer', () => {
  it('reads back what was stored, and nothing from junk', () => {
    expect(readRememberedOfficer(JSON.stringify(officer))).toEqual(officer);
    expect(readRememberedOfficer('{"username":')).toBeNull();
    expect(readRememberedOfficer(JSON.stringify({ ...officer, unitId: 7 }))).toBeNull();
    expect(readRememberedOfficer(null)).toBeNull();
  });
});
