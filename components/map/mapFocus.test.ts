import { describe, expect, it } from 'vitest';
import { focusFromQuery } from '@/components/map/mapFocus.ts';

describe('focusFromQuery', () => {
  it('focuses a border post by its id, close enough to tell its lanes apart', () => {
    expect(focusFromQuery('?focus=chacalluta')).toEqual({ lat: -18.318, lon: -70.316, zoom: 15 });
  });
  it('focuses a latitude and longitude, with a zoom kept inside the map’s range', () => {
    expect(focusFromQuery('?focus=-18.33,-70.33')).toEqual({ lat: -18.33, lon: -70.33, zoom: 15 });
    expect(focusFromQuery('?focus=-18.33,-70.33,12')).toEqual({ lat: -18.33, lon: -70.33, zoom: 12 });
    expect(focusFromQuery('?focus=-18.33,-70.33,30')).toEqual({ lat: -18.33, lon: -70.33, zoom: 15 });
  });
  it('ignores what is not a place in the operating area, and frames the whole area instead', () => {
    for (const search of ['', '?focus=', '?focus=atlantis', '?focus=-70.33,-18.33', '?focus=1,2,3,4', '?focus=a,b', '?focus=-33.4,-70.6']) {
      expect(focusFromQuery(search), search).toBeNull();
    }
  });
});
