import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseCot } from './cot.ts';
import { FormatError } from './normalised.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const context = { source: 'pnp-cot', agency: 'pnp' as const };

describe('CoT normaliser', () => {
  it('turns a TAK client position report into a unit.position', () => {
    const expected = JSON.parse(fixture('cot-atak-position.json'));
    expect(normaliseCot(fixture('cot-atak-position.xml'), context)).toEqual([{ line: 2, event: expected[0] }]);
  });

  it('reads several events in an <events> wrapper and reports each bad one at the line it starts', () => {
    const items = normaliseCot(fixture('cot-mixed.xml'), context);
    expect(items.map((i) => [i.line, 'event' in i ? 'ok' : i.problems.map((p) => `${p.field}: ${p.message}`)])).toEqual([
      [3, 'ok'],
      [7, ['type: "b-t-f" is not a friendly position report (a-f-…); only those are taken']],
      [11, ['point: missing']],
      [14, ['detail/track@course: "norte" is not a number']],
      [18, 'ok'], // Lima is outside the region: refused later by the contract's schema, as point@lat
    ]);
    // A course of -90 is a heading of 270.
    expect('event' in items[0] && items[0].event.heading).toBe(270);
  });

  it('sets the agency and releasability from the request, not from the document', () => {
    const [item] = normaliseCot(fixture('cot-atak-position.xml'), { ...context, agency: 'carabineros', releasability: 'national' });
    expect('event' in item && [item.event.agency, item.event.releasability]).toEqual(['carabineros', 'national']);
  });

  for (const attack of ['cot-billion-laughs.xml', 'cot-xxe.xml']) {
    it(`refuses a document with a DOCTYPE (${attack}) before parsing it`, () => {
      expect(() => normaliseCot(fixture(attack), context)).toThrow(/DOCTYPE and ENTITY declarations are refused/);
    });
  }

  it('refuses malformed XML naming the line, and a document that is not CoT', () => {
    expect(() => normaliseCot('<event uid="a">\n<point>\n</event>', context)).toThrow(/malformed XML at line 3/);
    expect(() => normaliseCot('<kml><Placemark/></kml>', context)).toThrow(FormatError);
    expect(normaliseCot('<events/>', context)).toEqual([]);
  });
});
