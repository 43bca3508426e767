import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../contract/events.ts';
import * as make from '../testing/eventFactory.ts';
import { applyEvents, project } from './picture.ts';
import { withoutSupersededPositions } from './supersededPositions.ts';

const at = (second: number) => new Date(Date.UTC(2025, 11, 1, 17, 0, second)).toISOString();

describe('withoutSupersededPositions', () => {
  it('keeps only the latest of a unit’s consecutive positions, and every other unit’s', () => {
    const events = make.stored([
      make.unitPosition({ unitId: 'A', occurredAt: at(1) }),
      make.unitPosition({ unitId: 'B', occurredAt: at(1) }),
      make.unitPosition({ unitId: 'A', occurredAt: at(2) }),
      make.unitPosition({ unitId: 'A', occurredAt: at(3) }),
    ]);
    expect(withoutSupersededPositions(events).map((e) => e.seq)).toEqual([2, 4]);
  });

  it('keeps a position whose callsign the later one does not repeat, a late one, and one before a report', () => {
    const events = make.stored([
      make.unitPosition({ unitId: 'A', occurredAt: at(1), callsign: 'Móvil 1' }),
      make.unitPosition({ unitId: 'A', occurredAt: at(2), callsign: undefined }),
      make.unitPosition({ unitId: 'B', occurredAt: at(9) }),
      make.unitPosition({ unitId: 'B', occurredAt: at(5) }), // late: B stays at 9 s
      make.unitPosition({ unitId: 'C', occurredAt: at(1) }),
      make.patrolReport({ agency: 'carabineros', unitId: 'C', occurredAt: at(0) }),
      make.unitPosition({ unitId: 'C', occurredAt: at(2) }),
    ]);
    expect(withoutSupersededPositions(events).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves every batch’s picture exactly as applying all its events would', () => {
    const unitEvent = fc.record({
      unit: fc.constantFrom('A', 'B', 'C'),
      second: fc.integer({ min: 0, max: 20 }),
      report: fc.boolean(),
      callsign: fc.option(fc.constantFrom('Móvil 1', 'Móvil 2'), { nil: undefined }),
      status: fc.option(fc.constantFrom('patrolling', 'responding'), { nil: undefined }),
      heading: fc.option(fc.integer({ min: 0, max: 359 }), { nil: undefined }),
      lat: fc.integer({ min: 0, max: 100 }),
    });
    type UnitEventSpec = typeof unitEvent extends fc.Arbitrary<infer T> ? T : never;
    const toInput = (e: UnitEventSpec): EventInput =>
      e.report
        ? make.patrolReport({
            agency: 'carabineros',
            unitId: e.unit,
            occurredAt: at(e.second),
            position: { lat: -18.4 + e.lat / 1000, lon: -70.3 },
          })
        : make.unitPosition({
            agency: 'carabineros',
            unitId: e.unit,
            occurredAt: at(e.second),
            position: { lat: -18.4 + e.lat / 1000, lon: -70.3 },
            callsign: e.callsign,
            status: e.status as 'patrolling' | undefined,
            heading: e.heading,
          });
    fc.assert(
      fc.property(fc.array(unitEvent, { maxLength: 12 }), fc.array(unitEvent, { minLength: 1, maxLength: 30 }), (before, batch) => {
        const start = project(make.stored(before.map(toInput)));
        const events = make.stored(batch.map(toInput), 'live', before.length + 1);
        expect(applyEvents(start, withoutSupersededPositions(events)).units).toEqual(applyEvents(start, events).units);
      }),
      { seed: 20251201, numRuns: 500 },
    );
  });
});
