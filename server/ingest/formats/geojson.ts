/**
 * GeoJSON (RFC 7946): a FeatureCollection whose features are events. Each feature's `properties`
 * hold the event's fields under their contract names (`type`, `agency`, `occurredAt`, `unitId`…);
 * its Point geometry is the event's `position` (GeoJSON order: [longitude, latitude], an altitude
 * is ignored). Types without a position (queue.update, incident.closed) take `"geometry": null`.
 * `feature.id` stands in for `properties.id` when that is absent.
 *
 * Parsed with jsonc-parser in strict mode (no comments, no trailing commas) because it gives each
 * feature's offset, so problems name the line where the feature starts.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineIndex } from './textLines.ts';
import type { ItemProblem } from '../../../lib/contract/http.ts';
import { FormatError, isPlainObject, provenanceFor, type NormaliseContext, type Normalised } from './normalised.ts';

const GEOJSON_FIELDS: Record<string, string> = {
  position: 'geometry',
  'position.lat': 'geometry.coordinates[1]',
  'position.lon': 'geometry.coordinates[0]',
};

export function geojsonFieldOf(contractField: string): string {
  if (contractField === '') return '';
  return GEOJSON_FIELDS[contractField] ?? `properties.${contractField}`;
}

export function normaliseGeoJson(text: string, context: NormaliseContext): Normalised[] {
  const lineOf = lineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !root) {
    const first = errors[0];
    const line = first ? lineOf(first.offset) : 1;
    throw new FormatError(`malformed JSON at line ${line}: ${first ? printParseErrorCode(first.error) : 'empty document'}`, [
      { line, field: '', message: first ? printParseErrorCode(first.error) : 'empty document' },
    ]);
  }
  const typeNode = root.type === 'object' ? propertyNode(root, 'type') : undefined;
  const featuresNode = root.type === 'object' ? propertyNode(root, 'features') : undefined;
  if (!typeNode || getNodeValue(typeNode) !== 'FeatureCollection' || featuresNode?.type !== 'array') {
    throw new FormatError('expected a GeoJSON FeatureCollection: {"type": "FeatureCollection", "features": [...]}');
  }
  return (featuresNode.children ?? []).map((node) => normaliseFeature(getNodeValue(node), lineOf(node.offset), context));
}

export function normaliseFeature(feature: unknown, line: number, context: NormaliseContext): Normalised {
  if (!isPlainObject(feature) || feature.type !== 'Feature') {
    return { line, problems: [{ field: 'type', message: 'each item of "features" must be a GeoJSON Feature' }] };
  }
  const problems: ItemProblem[] = [];
  const properties = feature.properties;
  if (!isPlainObject(properties)) {
    return { line, problems: [{ field: 'properties', message: 'must be an object holding the event fields (type, agency, occurredAt…)' }] };
  }
  const event: Record<string, unknown> = { ...properties };
  if ('position' in properties)
    problems.push({ field: 'properties.position', message: 'the position comes from the geometry; remove it here' });

  const geometry = feature.geometry;
  if (geometry !== null) {
    if (!isPlainObject(geometry) || geometry.type !== 'Point') {
      problems.push({ field: 'geometry', message: 'must be a Point (or null for events without a position)' });
    } else {
      const coordinates = geometry.coordinates;
      const valid =
        Array.isArray(coordinates) &&
        (coordinates.length === 2 || coordinates.length === 3) &&
        coordinates.every((c) => typeof c === 'number' && Number.isFinite(c));
      if (!valid) problems.push({ field: 'geometry.coordinates', message: 'must be [longitude, latitude] (an altitude may follow)' });
      else event.position = { lat: coordinates[1], lon: coordinates[0] };
    }
  }
  if (problems.length) return { line, problems };

  const featureId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : undefined;
  if (event.id === undefined && featureId !== undefined) event.id = featureId;
  if (event.provenance === undefined) {
    event.provenance = provenanceFor('geojson', context.source, typeof event.id === 'string' ? event.id : featureId);
  }
  return { line, event };
}

function propertyNode(object: Node, name: string): Node | undefined {
  const property = object.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === name);
  return property?.children?.[1];
}
