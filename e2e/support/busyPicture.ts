/**
 * A busy, realistic picture for looking at the wall as a coordinator would: 40 units of the three
 * agencies bunched around Chacalluta and Santa Rosa, all four queues with six hours of history,
 * eight open incidents of mixed severity, three deployments and a few field reports and bulletins.
 * Times are relative to now, so ages read like a real shift.
 */
import type { APIRequestContext } from '@playwright/test';
import type { EventInput } from '../../lib/contract/events.ts';
import type { Agency } from '../../lib/contract/agencies.ts';
import { BORDER_POSTS } from '../../lib/geo/borderPosts.ts';
import * as make from '../../lib/testing/eventFactory.ts';
import { postEvents } from './ingest.ts';

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

const CHACALLUTA = BORDER_POSTS.chacalluta;
const SANTA_ROSA = BORDER_POSTS['santa-rosa'];

/** A small deterministic spread, so every run draws the same crowd. */
function around(lat: number, lon: number, i: number, radiusDeg: number) {
  const angle = i * 2.399963; // golden angle: points spread evenly on a disc
  const r = radiusDeg * Math.sqrt((i + 1) / 40);
  return { lat: lat + r * Math.sin(angle), lon: lon + r * Math.cos(angle) };
}

const AGENCY_UNITS: { agency: Agency; prefix: string; callsign: string }[] = [
  { agency: 'carabineros', prefix: 'CB', callsign: 'Z' },
  { agency: 'pdi', prefix: 'PDI', callsign: 'PDI Chacalluta' },
  { agency: 'pnp', prefix: 'PNP', callsign: 'Patrulla' },
];

export const BUSY_INCIDENT_COUNT = 8;

export function busyUnits(count = 40): EventInput[] {
  return Array.from({ length: count }, (_, i) => {
    const { agency, prefix, callsign } = AGENCY_UNITS[i % 3];
    const centre = i % 2 === 0 ? CHACALLUTA : SANTA_ROSA;
    return make.unitPosition({
      agency,
      unitId: `${prefix}-${i + 1}`,
      callsign: `${callsign} ${i + 1}`,
      status: i % 4 === 0 ? 'stationary' : 'patrolling',
      position: around(centre.lat, centre.lon, i, 0.02),
      occurredAt: ago(i % 7 === 0 ? 25 : (i % 5) * 0.5),
    });
  });
}

/** Six hours of a queue every ten minutes, rising toward the present. */
function queueHistory(agency: Agency, post: 'santa-rosa' | 'chacalluta', direction: 'to-peru' | 'to-chile', peak: number): EventInput[] {
  return Array.from({ length: 37 }, (_, i) => {
    const minutesAgo = (36 - i) * 10;
    const waiting = Math.round(peak * (0.3 + 0.7 * (i / 36)) + 15 * Math.sin(i));
    return make.queueUpdate({ agency, post, direction, waiting, waitMinutes: Math.round(waiting / 4), occurredAt: ago(minutesAgo) });
  });
}

export function busyQueues(): EventInput[][] {
  return [
    queueHistory('pdi', 'santa-rosa', 'to-peru', 420),
    queueHistory('pnp', 'santa-rosa', 'to-chile', 140),
    queueHistory('pdi', 'chacalluta', 'to-chile', 260),
    queueHistory('pdi', 'chacalluta', 'to-peru', 60),
  ];
}

const INCIDENTS: {
  agency: Agency;
  kind: 'crossing' | 'blockade' | 'stranded-group' | 'medical' | 'smuggling' | 'other';
  severity: 'low' | 'medium' | 'high' | 'critical';
  text: string;
  people?: number;
  minors?: number;
}[] = [
  {
    agency: 'pnp',
    kind: 'blockade',
    severity: 'critical',
    text: 'Bloqueo de la Panamericana Sur frente al complejo Santa Rosa',
    people: 120,
    minors: 18,
  },
  { agency: 'carabineros', kind: 'crossing', severity: 'high', text: 'Grupo cruza por Hito 3 hacia Perú', people: 35, minors: 6 },
  { agency: 'pdi', kind: 'stranded-group', severity: 'high', text: 'Grupo varado entre complejos, sin agua', people: 60, minors: 14 },
  { agency: 'pnp', kind: 'medical', severity: 'medium', text: 'Persona con deshidratación en fila peatonal', people: 1 },
  { agency: 'carabineros', kind: 'smuggling', severity: 'medium', text: 'Vehículo abandonado con carga en Hito 5' },
  { agency: 'pdi', kind: 'other', severity: 'low', text: 'Documentos encontrados en control Chacalluta' },
  { agency: 'pnp', kind: 'crossing', severity: 'low', text: 'Huellas recientes cerca de Hito 7', people: 4 },
  {
    agency: 'carabineros',
    kind: 'stranded-group',
    severity: 'critical',
    text: 'Familias pernoctando en bandejón central',
    people: 80,
    minors: 30,
  },
];

export function busyIncidents(tag = 'busy'): EventInput[] {
  return INCIDENTS.map((spec, i) =>
    make.incident({
      ...spec,
      // Say both counts, so the factory's defaults do not add minors to a group of one.
      people: spec.people,
      minors: spec.minors,
      incidentId: `${tag}-inc-${i + 1}`,
      // Half sit among the units at the posts, where the map is most crowded.
      position:
        i % 2 === 0 ? around(CHACALLUTA.lat, CHACALLUTA.lon, i * 3, 0.015) : around(SANTA_ROSA.lat, SANTA_ROSA.lon, i * 3 + 1, 0.015),
      occurredAt: ago(5 + i * 11),
    }),
  );
}

export function busyFeedItems(): EventInput[] {
  return [
    make.deployment({
      agency: 'ejercito-pe',
      deploymentId: 'EP-1',
      personnel: 150,
      text: 'Refuerzo del Ejército en la línea de frontera',
      occurredAt: ago(90),
    }),
    // Police reinforcements at the complexes too: the map sums the three into one flag.
    make.deployment({
      agency: 'pnp',
      deploymentId: 'PNP-REF-1',
      personnel: 40,
      position: around(SANTA_ROSA.lat, SANTA_ROSA.lon, 5, 0.01),
      text: 'Refuerzo PNP en Santa Rosa',
      occurredAt: ago(60),
    }),
    make.deployment({
      agency: 'carabineros',
      deploymentId: 'CB-REF-1',
      personnel: 60,
      position: around(CHACALLUTA.lat, CHACALLUTA.lon, 6, 0.01),
      text: 'Refuerzo Carabineros en Chacalluta',
      occurredAt: ago(55),
    }),
    make.bulletin({
      agency: 'carabineros',
      title: 'Patrullaje binacional Hito 1 – Hito 10',
      text: 'Inicio 06:00, relevo 18:00',
      occurredAt: ago(40),
    }),
    make.patrolReport({
      agency: 'carabineros',
      unitId: 'CB-4',
      position: around(CHACALLUTA.lat, CHACALLUTA.lon, 3, 0.02),
      text: 'Sin novedad en Hito 2',
      occurredAt: ago(12),
    }),
    make.patrolReport({
      agency: 'pnp',
      unitId: 'PNP-3',
      position: around(SANTA_ROSA.lat, SANTA_ROSA.lon, 2, 0.02),
      text: 'Grupo de 12 esperando frente a Migraciones',
      people: 12,
      occurredAt: ago(3),
    }),
  ];
}

/** Posts the whole busy picture; each agency's events with that agency's key. */
export async function seedBusyPicture(request: APIRequestContext, tag = 'busy'): Promise<void> {
  const all: EventInput[] = [...busyQueues().flat(), ...busyUnits(), ...busyIncidents(tag), ...busyFeedItems()];
  const byAgency = new Map<Agency, EventInput[]>();
  for (const event of all) byAgency.set(event.agency, [...(byAgency.get(event.agency) ?? []), event]);
  for (const events of byAgency.values()) await postEvents(request, events);
}
