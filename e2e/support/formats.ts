/** Uploading files in the formats agency systems speak, with the agency's key, as they would. */
import { expect, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestReportSchema, type IngestReport } from '../../lib/contract/http.ts';
import { keyOf } from './credentials.ts';

const FIXTURES = path.join(import.meta.dirname, '../../server/ingest/formats/fixtures');
const CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv', cot: 'application/xml', geojson: 'application/geo+json' } as const;

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** Posts a body to /api/ingest/<format>; returns the report after checking nothing failed. */
export async function uploadFormat(
  request: APIRequestContext,
  format: keyof typeof CONTENT_TYPES,
  agency: string,
  body: Buffer | string,
): Promise<IngestReport> {
  const res = await request.post(`/api/ingest/${format}`, {
    headers: { authorization: `Bearer ${keyOf(agency)}`, 'content-type': CONTENT_TYPES[format] },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
  const report = ingestReportSchema.parse(await res.json());
  expect(report.failed).toBe(0);
  return report;
}
