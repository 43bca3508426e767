import { describe, expect, it } from 'vitest';
import { CotFramer, FramingError } from './framing.ts';

const event = (uid: string) => `<event uid="${uid}" type="a-f-G"><point lat="1" lon="2"/></event>`;

describe('CotFramer', () => {
  it('splits a stream of concatenated events on complete </event>, across chunks', () => {
    const framer = new CotFramer();
    const stream = `<?xml version="1.0"?>\n${event('a')}\n${event('b')}${event('c')}`;
    const out = [...framer.push(stream.slice(0, 40)), ...framer.push(stream.slice(40, 90)), ...framer.push(stream.slice(90))];
    expect(out).toEqual([event('a'), event('b'), event('c')]);
  });

  it('refuses an event larger than the limit, even before it ends', () => {
    expect(() => new CotFramer(100).push(`<event uid="x">${'y'.repeat(200)}`)).toThrow(FramingError);
    expect(() => new CotFramer(100).push(`<event uid="x">${'y'.repeat(200)}</event>`)).toThrow(FramingError);
  });

  it('refuses DOCTYPE and entity declarations and input that is not an event', () => {
    expect(() => new CotFramer().push('<!DOCTYPE x [<!ENTITY a "b">]><event/>')).toThrow(/DOCTYPE/);
    expect(() => new CotFramer().push('GET / HTTP/1.1')).toThrow(/expected a CoT <event>/);
    expect(new CotFramer().push('<eve')).toEqual([]);
  });
});
