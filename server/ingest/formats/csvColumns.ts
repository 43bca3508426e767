/**
 * The CSV columns Concordia reads and writes (docs/ingest.md lists them with examples). One flat
 * table for every event type: a row fills the columns its type uses and leaves the others empty.
 * Import and export share this list, so an exported file can be imported again.
 */
export const CSV_COLUMNS = [
  'id',
  'type',
  'agency',
  'occurredAt',
  'releasability',
  'unitId',
  'callsign',
  'status',
  'heading',
  'lat',
  'lon',
  'incidentId',
  'kind',
  'severity',
  'post',
  'direction',
  'waiting',
  'waitMinutes',
  'refused',
  'people',
  'minors',
  'deploymentId',
  'personnel',
  'area',
  'title',
  'text',
  'source',
  'originalId',
  'synthetic',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns every file must have; the rest are optional and may be left out of the header. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['type', 'agency', 'occurredAt'];

/** Columns holding numbers. */
export const NUMERIC_CSV_COLUMNS: ReadonlySet<CsvColumn> = new Set([
  'heading',
  'lat',
  'lon',
  'waiting',
  'waitMinutes',
  'refused',
  'people',
  'minors',
  'personnel',
]);

/** Where a column lands in an event, when not at the top level under its own name. */
const CONTRACT_PATHS: Partial<Record<CsvColumn, string>> = {
  lat: 'position.lat',
  lon: 'position.lon',
  source: 'provenance.source',
  originalId: 'provenance.originalId',
  synthetic: 'provenance.synthetic',
};

const COLUMN_OF_PATH = new Map<string, string>([
  ...Object.entries(CONTRACT_PATHS).map(([column, path]) => [path, column] as [string, string]),
  ['position', 'lat/lon'],
  ['provenance', 'source'],
]);

/** The column a contract field came from, for problem reports ("position.lat" → "lat"). */
export function csvColumnOf(contractField: string): string {
  return COLUMN_OF_PATH.get(contractField) ?? contractField;
}
