/**
 * Valid events for tests, one builder per type, with overrides. Shared by unit, socket and e2e
 * tests so that each states only what it is about.
 */
import type { EventInput, StoredEvent } from '../contract/events.ts';
import { BORDER_POSTS } from '../geo/borderPosts.ts';

/** A fresh id per call, unique across test processes and runs. */
export const nextId = (prefix = 'evt') => `${prefix}-${crypto.randomUUID()}`;

const at = (iso?: string) => iso ?? new Date().toISOString();
const nearSantaRosa = { lat: BORDER_POSTS['santa-rosa'].lat, lon: BORDER_POSTS['santa-rosa'].lon };

type Overrides<T extends EventInput['type']> = Partial<Extract<EventInput, { type: T }>>;

export function unitPosition(o: Overrides<'unit.position'> = {}): EventInput {
  return {
    id: nextId('pos'),
    type: 'unit.position',
    agency: 'carabineros',
    occurredAt: at(),
    unitId: 'M-1',
    callsign: 'Móvil 1',
    position: { lat: -18.33, lon: -70.33 },
    ...o,
  } as EventInput;
}

export function patrolReport(o: Overrides<'patrol.report'> = {}): EventInput {
  return {
    id: nextId('rep'),
    type: 'patrol.report',
    agency: 'pnp',
    occurredAt: at(),
    unitId: 'PNP-3',
    position: { lat: -18.31, lon: -70.32 },
    text: 'Sin novedad en Hito 5',
    ...o,
  } as EventInput;
}

export function queueUpdate(o: Overrides<'queue.update'> = {}): EventInput {
  return {
    id: nextId('q'),
    type: 'queue.update',
    agency: 'pdi',
    occurredAt: at(),
    post: 'santa-rosa',
    direction: 'to-peru',
    waiting: 120,
    ...o,
  } as EventInput;
}

export function incident(o: Overrides<'incident'> = {}): EventInput {
  return {
    id: nextId('inc'),
    type: 'incident',
    agency: 'pnp',
    occurredAt: at(),
    incidentId: 'I-1',
    position: nearSantaRosa,
    kind: 'crossing',
    severity: 'high',
    text: 'Grupo cruza hacia Santa Rosa',
    people: 47,
    minors: 9,
    ...o,
  } as EventInput;
}

export function incidentClosed(o: Overrides<'incident.closed'> = {}): EventInput {
  return {
    id: nextId('close'),
    type: 'incident.closed',
    agency: 'pnp',
    occurredAt: at(),
    incidentId: 'I-1',
    ...o,
  } as EventInput;
}

export function deployment(o: Overrides<'deployment'> = {}): EventInput {
  return {
    id: nextId('dep'),
    type: 'deployment',
    agency: 'ejercito-pe',
    occurredAt: at(),
    deploymentId: 'D-1',
    position: { lat: -18.3, lon: -70.31 },
    personnel: 100,
    text: 'Despliegue de 100 efectivos',
    ...o,
  } as EventInput;
}

export function bulletin(o: Overrides<'bulletin'> = {}): EventInput {
  return {
    id: nextId('bul'),
    type: 'bulletin',
    agency: 'comite-binacional',
    occurredAt: at(),
    title: 'Comité Binacional',
    text: 'Primera sesión del Comité Binacional de Cooperación Migratoria',
    ...o,
  } as EventInput;
}

/** Gives validated-looking events a place in a channel, for projection tests. */
export function stored(events: EventInput[], channel = 'live', firstSeq = 1): StoredEvent[] {
  return events.map((e, i) => ({
    releasability: 'binational',
    ...e,
    channel,
    seq: firstSeq + i,
    receivedAt: e.occurredAt,
  })) as StoredEvent[];
}
