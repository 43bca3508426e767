import { describe, expect, it } from 'vitest';
import { parseTimestamp, readOsmandJson, readOsmandParams } from './osmand.ts';
import type { ItemProblem } from '../../../lib/contract/http.ts';

describe('OsmAnd parameters', () => {
  it('reads the timestamp forms Traccar accepts, as UTC when no offset is given', () => {
    const problems: ItemProblem[] = [];
    expect(parseTimestamp('1377177267', 't', problems)).toBe(1377177267000);
    expect(parseTimestamp('1442068686579', 't', problems)).toBe(1442068686579);
    expect(parseTimestamp('2016-01-27T18:55:47Z', 't', problems)).toBe(Date.parse('2016-01-27T18:55:47Z'));
    expect(parseTimestamp('2014-06-04 09:10:11', 't', problems)).toBe(Date.parse('2014-06-04T09:10:11Z'));
    expect(parseTimestamp('2025-12-01T09:00:00-05:00', 't', problems)).toBe(Date.parse('2025-12-01T14:00:00Z'));
    expect(problems).toEqual([]);
    parseTimestamp('mañana', 't', problems);
    expect(problems).toHaveLength(1);
  });

  it('prefers id over deviceid, splits location=lat,lon and drops the unknown heading', () => {
    const reading = readOsmandParams(new URLSearchParams('id=a&deviceid=b&location=-18.0,-70.2&heading=-1'));
    expect(reading).toEqual({ identifier: 'a', fix: { lat: -18, lon: -70.2 }, problems: [] });
  });

  it('names the field that is not a number', () => {
    const reading = readOsmandParams(new URLSearchParams('id=a&lat=-18&lon=-70&speed=fast'));
    expect(reading.problems).toEqual([{ field: 'speed', message: '"fast" is not a number' }]);
    expect(reading.fix).toBeUndefined();
  });

  it('reads the JSON body and refuses one without coordinates', () => {
    expect(
      readOsmandJson({
        device_id: 'x',
        location: { timestamp: '2025-01-01T00:00:00Z', coords: { latitude: -18, longitude: -70, heading: 370 } },
      }),
    ).toEqual({ identifier: 'x', fix: { lat: -18, lon: -70, time: Date.parse('2025-01-01T00:00:00Z'), heading: 10 }, problems: [] });
    expect(readOsmandJson({ device_id: 'x', location: {} }).problems).toEqual([{ field: 'location.coords', message: 'missing' }]);
    expect(readOsmandJson([1]).problems).toHaveLength(1);
  });
});
