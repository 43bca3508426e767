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

// --- workflow steps (issue 14) ---

const coordinatorCl = { accountId: 'coord-cl', role: 'coordinator' } as const;

export function incidentValidated(o: Overrides<'incident.validated'> = {}): EventInput {
  return {
    id: nextId('val'),
    type: 'incident.validated',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'coord-pe', role: 'coordinator' },
    incidentId: 'I-1',
    owner: 'pnp',
    impact: 'high',
    confidence: { credibility: 'probable', reliability: 'usually-reliable', validated: true },
    response: 'Patrulla en camino',
    ...o,
  } as EventInput;
}

export function incidentReturned(o: Overrides<'incident.returned'> = {}): EventInput {
  return {
    id: nextId('ret'),
    type: 'incident.returned',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'coord-pe', role: 'coordinator' },
    incidentId: 'I-1',
    reason: 'Falta la ubicación exacta',
    ...o,
  } as EventInput;
}

export function incidentTransfer(o: Overrides<'incident.transfer'> = {}): EventInput {
  return {
    id: nextId('tr'),
    type: 'incident.transfer',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'coord-pe', role: 'coordinator' },
    incidentId: 'I-1',
    to: 'carabineros',
    ...o,
  } as EventInput;
}

export function incidentTransferAccepted(o: Overrides<'incident.transfer.accepted'> = {}): EventInput {
  return {
    id: nextId('tra'),
    type: 'incident.transfer.accepted',
    agency: 'carabineros',
    occurredAt: at(),
    actor: coordinatorCl,
    incidentId: 'I-1',
    ...o,
  } as EventInput;
}

export function incidentFollowup(o: Overrides<'incident.followup'> = {}): EventInput {
  return {
    id: nextId('fu'),
    type: 'incident.followup',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'officer-pe', role: 'officer' },
    incidentId: 'I-1',
    people: 60,
    ...o,
  } as EventInput;
}

export function taskingAssigned(o: Overrides<'tasking.assigned'> = {}): EventInput {
  return {
    id: nextId('task'),
    type: 'tasking.assigned',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'coord-pe', role: 'coordinator' },
    taskingId: 'T-1',
    incidentId: 'I-1',
    units: [{ agency: 'pnp', unitId: 'PNP-3' }],
    ...o,
  } as EventInput;
}

export function taskingAnswer(o: Overrides<'tasking.answer'> = {}): EventInput {
  return {
    id: nextId('ans'),
    type: 'tasking.answer',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'officer-pe', role: 'officer' },
    taskingId: 'T-1',
    unit: { agency: 'pnp', unitId: 'PNP-3' },
    answer: 'accept',
    ...o,
  } as EventInput;
}

export function unitAvailability(o: Overrides<'unit.availability'> = {}): EventInput {
  return {
    id: nextId('av'),
    type: 'unit.availability',
    agency: 'pnp',
    occurredAt: at(),
    actor: { accountId: 'officer-pe', role: 'officer' },
    unitId: 'PNP-3',
    availability: 'out-of-service',
    ...o,
  } as EventInput;
}

export function postStatus(o: Overrides<'post.status'> = {}): EventInput {
  return {
    id: nextId('post'),
    type: 'post.status',
    agency: 'pdi',
    occurredAt: at(),
    post: 'chacalluta',
    status: 'restricted',
    notice: 'Solo peatones',
    ...o,
  } as EventInput;
}

export function queueLevels(o: Overrides<'queue.levels'> = {}): EventInput {
  return {
    id: nextId('lvl'),
    type: 'queue.levels',
    agency: 'pdi',
    occurredAt: at(),
    actor: { accountId: 'admin-cl', role: 'admin' },
    levels: [{ post: 'santa-rosa', direction: 'to-peru', waiting: 150 }],
    ...o,
  } as EventInput;
}

export function workflowTimers(o: Overrides<'workflow.timers'> = {}): EventInput {
  return {
    id: nextId('tim'),
    type: 'workflow.timers',
    agency: 'pdi',
    occurredAt: at(),
    actor: { accountId: 'admin-cl', role: 'admin' },
    acceptTimeoutMinutes: 5,
    ...o,
  } as EventInput;
}

export function alertRaised(o: Overrides<'alert.raised'> = {}): EventInput {
  return {
    id: nextId('alert'),
    type: 'alert.raised',
    agency: 'pdi',
    occurredAt: at(),
    actor: { accountId: 'system', role: 'system' },
    alertId: 'alert:queue:santa-rosa:to-peru:1',
    kind: 'queue-level',
    subject: { post: 'santa-rosa', direction: 'to-peru' },
    sound: true,
    ...o,
  } as EventInput;
}

export function alertAcknowledged(o: Overrides<'alert.acknowledged'> = {}): EventInput {
  return {
    id: nextId('ack'),
    type: 'alert.acknowledged',
    agency: 'carabineros',
    occurredAt: at(),
    actor: coordinatorCl,
    alertId: 'alert:queue:santa-rosa:to-peru:1',
    ...o,
  } as EventInput;
}
