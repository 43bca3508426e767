import { describe, expect, it } from 'vitest';
import { createEventSchemas, type EventInput } from '../../lib/contract/events.ts';
import { countryOf } from '../../lib/contract/agencies.ts';
import { BORDER_SCHEMATIC, BORDER_EAST, type LonLat } from './routes.ts';
import { SIMULATED_AGENCIES, Traffic } from './traffic.ts';

const START = Date.parse('2026-01-10T15:00:00Z');
const INTERVAL = 3_000;

function run(seed: number, ticks: number, incidentChance?: number): EventInput[] {
  const traffic = new Traffic({ seed, intervalMs: INTERVAL, incidentChance });
  const events: EventInput[] = [];
  for (let i = 0; i < ticks; i++) {
    for (const [agency, batch] of traffic.tick(START + i * INTERVAL)) {
      for (const event of batch) {
        expect(event.agency).toBe(agency); // each batch goes with its own agency's key
        events.push(event);
      }
    }
  }
  return events;
}

/** The border's latitude at a longitude, from the lines the routes follow. */
function borderLatAt(lon: number): number {
  const line: LonLat[] = [...BORDER_SCHEMATIC, ...BORDER_EAST.slice(1)].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1], line[i]];
    if (lon >= a[0] && lon <= b[0]) return a[1] + ((lon - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
  }
  throw new Error(`no border at ${lon}`);
}

describe('simulated traffic', () => {
  it('is the same for the same seed, and differs for another', () => {
    expect(run(7, 150)).toEqual(run(7, 150));
    expect(run(7, 150)).not.toEqual(run(8, 150));
  });

  const events = run(2025, 1_200, 1 / 40); // an hour at 3 s, incidents more often than by default

  it('produces only valid events, marked as simulated, with ids unique', () => {
    const schema = createEventSchemas().eventInput;
    for (const event of events) {
      const parsed = schema.safeParse(event);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(event.provenance).toMatchObject({ source: `simulador-${event.agency}`, synthetic: true });
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.agency))).toEqual(new Set(SIMULATED_AGENCIES));
  });

  it('moves every unit, and keeps each on its own side of the border', () => {
    const positions = events.filter((e): e is Extract<EventInput, { type: 'unit.position' }> => e.type === 'unit.position');
    const byUnit = new Map<string, typeof positions>();
    for (const fix of positions) byUnit.set(`${fix.agency}/${fix.unitId}`, [...(byUnit.get(`${fix.agency}/${fix.unitId}`) ?? []), fix]);
    expect(byUnit.size).toBe(8);
    for (const [unit, fixes] of byUnit) {
      expect(new Set(fixes.map((f) => `${f.position.lat},${f.position.lon}`)).size, unit).toBeGreaterThan(100);
      for (const { position, agency } of fixes) {
        const border = borderLatAt(position.lon);
        if (countryOf(agency) === 'CL') expect(position.lat, unit).toBeLessThan(border);
        else expect(position.lat, unit).toBeGreaterThan(border);
      }
    }
  });

  it('counts both posts in both directions, and opens and closes incidents of groups, never of named people', () => {
    const queues = new Set(events.flatMap((e) => (e.type === 'queue.update' ? [`${e.post}/${e.direction}`] : [])));
    expect(queues).toEqual(new Set(['santa-rosa/to-peru', 'santa-rosa/to-chile', 'chacalluta/to-chile', 'chacalluta/to-peru']));
    const opened = events.filter((e) => e.type === 'incident');
    const closed = new Set(events.flatMap((e) => (e.type === 'incident.closed' ? [e.incidentId] : [])));
    expect(opened.length).toBeGreaterThan(5);
    expect(opened.filter((e) => e.type === 'incident' && closed.has(e.incidentId)).length).toBeGreaterThan(3);
    const texts = events.flatMap((e) => ('text' in e && e.text ? [e.text] : []));
    for (const text of texts) {
      expect(text).toMatch(
        /^(Grupo de \d+ personas|Bloqueo de la vía por \d+ personas|Vehículo abandonado|Sin novedad|Situación normalizada|Grupo (atendido|trasladado))/,
      );
    }
  });
});
