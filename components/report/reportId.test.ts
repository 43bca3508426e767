import { describe, expect, it } from 'vitest';
import { idSchema } from '@/lib/contract/events.ts';
import { newReportId } from '@/components/report/reportId.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newReportId', () => {
  it('is a v4 UUID the contract accepts as an id', () => {
    const id = newReportId();
    expect(id).toMatch(UUID_V4);
    expect(idSchema.safeParse(id).success).toBe(true);
  });

  it('still makes v4 UUIDs where randomUUID is missing (plain HTTP), and different ones each time', () => {
    // Only getRandomValues, as on a page served over plain HTTP.
    const insecure: Pick<Crypto, 'getRandomValues'> = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const ids = Array.from({ length: 200 }, () => newReportId(insecure));
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
