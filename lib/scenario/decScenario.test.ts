/**
 * The committed December 2025 scenario: valid in the live contract, carrying every placed fact of
 * the sheet (data/scenarios/expected-facts.json, written by hand from the sheet) and the named
 * milestones, with provenance on every event and queues calibrated as documented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENCY_COUNTRY } from '../contract/agencies.ts';
import type { ConcordiaEvent } from '../contract/events.ts';
import { ARICA_TACNA_BOUNDS, isInside } from '../geo/operatingArea.ts';
import { parseScenario, type Scenario } from './scenarioFile.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../data/scenarios/${name}`, import.meta.url), 'utf8'));

interface Place {
  name: string;
  lat?: number;
  lon?: number;
  outsideRegion?: boolean;
  mentions?: string;
}
interface ExpectedFact {
  id: string;
  sheet: string;
  type: ConcordiaEvent['type'];
  agency?: string;
  kind?: string;
  from: string;
  to: string;
  place: string;
  withinKm?: number;
  atLeastKm?: number;
  words?: string[];
  counts?: Record<string, [number, number]>;
  minMatches?: number;
}
const expected = read('expected-facts.json') as { places: Record<string, Place>; facts: ExpectedFact[] };

const parsed = parseScenario(read('dec-2025.json'));
if (!parsed.ok) throw new Error(`dec-2025.json is invalid: ${JSON.stringify(parsed.problems.slice(0, 5))}`);
const scenario: Scenario = parsed.value;
const byTime = (iso: string) => Date.parse(iso);

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dy = (a.lat - b.lat) * 110.54;
  const dx = (a.lon - b.lon) * 111.32 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** Where an event happened: its own position, or for a closure the incident's last position before it. */
function whereOf(event: ConcordiaEvent): { lat: number; lon: number } | undefined {
  if ('position' in event && event.position) return event.position;
  if (event.type === 'incident.closed') {
    const opened = scenario.events.filter(
      (e) => e.type === 'incident' && e.incidentId === event.incidentId && byTime(e.occurredAt) <= byTime(event.occurredAt),
    );
    const last = opened.at(-1);
    return last && 'position' in last ? last.position : undefined;
  }
  return undefined;
}

function words(event: ConcordiaEvent): string {
  return ['title' in event ? event.title : '', 'text' in event ? event.text : ''].join(' ');
}

function matches(fact: ExpectedFact, event: ConcordiaEvent): boolean {
  if (event.type !== fact.type) return false;
  if (fact.agency && event.agency !== fact.agency) return false;
  if (fact.kind && (event.type !== 'incident' || event.kind !== fact.kind)) return false;
  const t = byTime(event.occurredAt);
  if (t < byTime(fact.from) || t > byTime(fact.to)) return false;
  const text = words(event);
  if (!(fact.words ?? []).every((w) => text.includes(w))) return false;
  for (const [field, [min, max]] of Object.entries(fact.counts ?? {})) {
    const value = (event as Record<string, unknown>)[field];
    if (typeof value !== 'number' || value < min || value > max) return false;
  }
  const place = expected.places[fact.place];
  if (place.outsideRegion) return text.includes(place.mentions!);
  const where = whereOf(event);
  if (!where) return false;
  const distance = km(where, { lat: place.lat!, lon: place.lon! });
  return distance <= fact.withinKm! && distance >= (fact.atLeastKm ?? 0);
}

describe('the December 2025 scenario', () => {
  it('is valid in the live event contract, inside the Arica–Tacna region', () => {
    expect(scenario.events.length).toBeGreaterThan(10_000);
    for (const event of scenario.events) {
      if ('position' in event && event.position) {
        expect(isInside(ARICA_TACNA_BOUNDS, event.position.lat, event.position.lon), event.id).toBe(true);
      }
    }
  });

  it('covers 28 Nov – 19 Dec 2025 with a lead-in from 20 Nov', () => {
    expect(byTime(scenario.start)).toBeLessThanOrEqual(byTime('2025-11-20T00:00:00-03:00'));
    expect(byTime(scenario.end)).toBeGreaterThanOrEqual(byTime('2025-12-19T22:00:00-05:00'));
  });

  it.each(expected.facts.map((f) => [f.id, f] as const))('carries the placed fact %s at its date and place', (_id, fact) => {
    const found = scenario.events.filter((e) => matches(fact, e));
    expect(found.length, `${fact.sheet}: no matching event`).toBeGreaterThanOrEqual(fact.minMatches ?? 1);
    for (const event of found) {
      expect(event.provenance?.refs?.length ?? 0, `${event.id} cites its sources`).toBeGreaterThan(0);
      expect(event.provenance?.synthetic, `${event.id} is sourced, not synthetic`).toBe(false);
    }
  });

  it('has the named milestones, each at its event', () => {
    const named: Array<[string, string]> = [
      ['ruta-bloqueada', '2025-11-28'],
      ['emergencia-en-vigor', '2025-11-29'],
      ['despliegue-tropas', '2025-11-30'],
      ['comite-binacional', '2025-12-01'],
      ['cruce-1455', '2025-12-01'],
      ['eleccion', '2025-12-14'],
      ['seguimiento', '2025-12-19'],
    ];
    for (const [id, day] of named) {
      const milestone = scenario.milestones.find((m) => m.id === id);
      expect(milestone, id).toBeDefined();
      expect(milestone!.at.slice(0, 10)).toBe(day);
    }
    expect(scenario.milestones.find((m) => m.id === 'cruce-1455')!.at).toBe('2025-12-01T14:55:00-03:00');
    for (const milestone of scenario.milestones.filter((m) => m.eventId)) {
      const event = scenario.events.find((e) => e.id === milestone.eventId)!;
      expect(byTime(event.occurredAt), milestone.id).toBe(byTime(milestone.at));
    }
  });

  it('marks every item as sourced (with refs) or synthetic', () => {
    for (const event of scenario.events) {
      const p = event.provenance;
      expect(p?.source, event.id).toBe('scenario:dec-2025');
      if (p?.synthetic === true) continue;
      expect(p?.synthetic, event.id).toBe(false);
      expect(p?.refs?.length ?? 0, event.id).toBeGreaterThan(0);
    }
    const synthetic = scenario.events.filter((e) => e.provenance?.synthetic);
    expect(synthetic.length).toBeGreaterThan(scenario.events.length * 0.9);
  });

  it('writes each side in its own time zone: Chile UTC−3, Peru UTC−5', () => {
    for (const event of scenario.events) {
      const country = AGENCY_COUNTRY[event.agency];
      if (country === null) continue; // the committee writes Peru time, checked below
      expect(event.occurredAt.slice(-6), event.id).toBe(country === 'CL' ? '-03:00' : '-05:00');
    }
    const committee = scenario.events.filter((e) => e.agency === 'comite-binacional');
    expect(committee.every((e) => e.occurredAt.endsWith('-05:00'))).toBe(true);
  });

  it('calibrates exits to Peru to 5,000–7,000 a day and reports each queue at least every 20 minutes', () => {
    const days = Object.entries(scenario.calibration.exitsToPeruPerDay);
    expect(days.length).toBeGreaterThanOrEqual(30);
    for (const [day, exits] of days) {
      expect(exits, day).toBeGreaterThanOrEqual(5_000);
      expect(exits, day).toBeLessThanOrEqual(7_000);
    }
    for (const [post, direction] of [
      ['santa-rosa', 'to-peru'],
      ['chacalluta', 'to-chile'],
    ] as const) {
      const times = scenario.events
        .filter((e) => e.type === 'queue.update' && e.post === post && e.direction === direction)
        .map((e) => byTime(e.occurredAt));
      expect(times[0] - byTime(scenario.start)).toBeLessThanOrEqual(20 * 60_000);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(20 * 60_000);
    }
    // The crisis shows: the longest queue toward Peru is on 28 Nov.
    const toPeru = scenario.events.filter((e) => e.type === 'queue.update' && e.post === 'santa-rosa');
    const longest = toPeru.reduce((a, b) => ((b as { waiting: number }).waiting > (a as { waiting: number }).waiting ? b : a));
    expect(longest.occurredAt.slice(0, 10)).toBe('2025-11-28');
  });

  it('moves units of all three police forces and the Army, and deploys troops', () => {
    const movers = new Set(scenario.events.filter((e) => e.type === 'unit.position').map((e) => e.agency));
    expect([...movers].sort()).toEqual(['carabineros', 'ejercito-pe', 'pdi', 'pnp']);
    const troops = scenario.events.filter((e) => e.type === 'deployment' && e.agency === 'ejercito-pe');
    expect(troops.length).toBeGreaterThanOrEqual(4);
  });
});
