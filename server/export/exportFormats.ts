/**
 * How an exported event is written in each format. Pure string producers, so the route can
 * stream them with back-pressure and tests can read them without a server.
 *
 * Every format writes events as a sender would send them (no channel, seq or receivedAt: those
 * are the store's), so an export can be imported again through /api/ingest. NDJSON is lossless;
 * CSV keeps what its columns hold (provenance: source, originalId and synthetic only); GeoJSON
 * keeps everything, the position as a Point.
 */
import { stringify } from 'csv-stringify/sync';
import type { ConcordiaEvent, StoredEvent } from '../../lib/contract/events.ts';
import { CSV_COLUMNS, type CsvColumn } from '../ingest/formats/csvColumns.ts';

export const EXPORT_FORMATS = ['ndjson', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportWriter {
  contentType: string;
  extension: string;
  begin(): string;
  /** `index` counts the events written before this one. */
  event(event: StoredEvent, index: number): string;
  end(): string;
}

/** The event as its sender sent it (after validation): what the store added is left out. */
export function asSent(event: StoredEvent): ConcordiaEvent {
  const { channel: _channel, seq: _seq, receivedAt: _receivedAt, ...sent } = event;
  return sent as ConcordiaEvent;
}

const ndjson: ExportWriter = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  begin: () => '',
  event: (event) => `${JSON.stringify(asSent(event))}\n`,
  end: () => '',
};

/** One CSV row, cells in CSV_COLUMNS order, empty where the event has no such field. */
export function csvCells(event: StoredEvent): string[] {
  const sent = asSent(event) as Record<string, unknown> & ConcordiaEvent;
  const position = (sent as { position?: { lat: number; lon: number } }).position;
  const provenance = sent.provenance;
  const value = (column: CsvColumn): unknown => {
    switch (column) {
      case 'lat':
        return position?.lat;
      case 'lon':
        return position?.lon;
      case 'source':
        return provenance?.source;
      case 'originalId':
        return provenance?.originalId;
      case 'synthetic':
        return provenance?.synthetic;
      default:
        return sent[column];
    }
  };
  return CSV_COLUMNS.map((column) => {
    const cell = value(column);
    return cell === undefined || cell === null ? '' : String(cell);
  });
}

const csv: ExportWriter = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  begin: () => stringify([[...CSV_COLUMNS]]),
  event: (event) => stringify([csvCells(event)]),
  end: () => '',
};

/** A GeoJSON Feature: the Point from `position` (or null), every other field in properties. */
export function geojsonFeature(event: StoredEvent): object {
  const sent = asSent(event) as ConcordiaEvent & { position?: { lat: number; lon: number } };
  const { position, ...properties } = sent;
  return {
    type: 'Feature',
    id: sent.id,
    geometry: position ? { type: 'Point', coordinates: [position.lon, position.lat] } : null,
    properties,
  };
}

const geojson: ExportWriter = {
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  begin: () => '{"type":"FeatureCollection","features":[\n',
  event: (event, index) => `${index === 0 ? '' : ',\n'}${JSON.stringify(geojsonFeature(event))}`,
  end: () => '\n]}\n',
};

export const EXPORT_WRITERS: Record<ExportFormat, ExportWriter> = { ndjson, csv, geojson };
