/**
 * Synthetic movements of all three police forces and the Army: patrol units that report their
 * position every 12 minutes while on duty (the wall fades a unit after 15 silent minutes), a
 * patrol report every two hours, and the smaller deployments the sources do not count (lit posts,
 * reinforcements). Duty rosters follow the sourced story: PNP patrols double on 28 Nov and run
 * 24 h from 29 Nov; Army vehicles from 30 Nov; a reinforced line on election day; fewer units in
 * the quiet days after 3 Dec. Every track is schematic, parallel to the schematic border.
 */
import type { Agency } from '../../lib/contract/agencies.ts';
import type { EventInput } from '../../lib/contract/events.ts';
import { isoOn, local, localDay, localHour, sideOf, stamp, type Side } from './localTime.ts';
import {
  along,
  BORDER_LINE,
  hito,
  hitoDistance,
  lengthM,
  nearestHito,
  offset,
  parallel,
  rounded,
  RUTA_5,
  section,
  type LatLon,
} from './places.ts';
import { PLACES } from '../../lib/geo/places.ts';
import type { Random } from './random.ts';
import { SCENARIO_SOURCE } from './sourced.ts';

export const POSITION_INTERVAL_MIN = 12;
const REPORT_EVERY_FIXES = 10; // one report every 2 h of duty
const MIN = 60_000;

/** A period of duty: from–to, and optionally only between two local hours each day. */
interface Duty {
  from: string;
  to: string;
  hours?: [number, number];
}

interface UnitPlan {
  agency: Agency;
  unitId: string;
  callsign: string;
  track: LatLon[];
  kmh: number;
  duty: Duty[];
  reports: (ctx: { hito: number; day: string; random: Random }) => { text: string; people?: number };
}

const CL_TRACK_WEST = parallel(section(BORDER_LINE, 0, hitoDistance(6.2)), 400, 'right');
const CL_TRACK_EAST = parallel(section(BORDER_LINE, hitoDistance(6.2), hitoDistance(10)), 400, 'right');
const peTrack = (fromHito: number, toHito: number, meters = 350) =>
  parallel(section(BORDER_LINE, hitoDistance(fromHito), hitoDistance(toHito)), meters, 'left');

const crisisDay = (day: string) => day >= '2025-11-22' && day <= '2025-12-01';
const groupSeen = (random: Random) => {
  const people = random.int(10, 60);
  return { text: `Grupo de unas ${people} personas en la franja entre los complejos (cifra supuesta).`, people };
};

const UNITS: UnitPlan[] = [
  {
    agency: 'carabineros',
    unitId: 'CB-Z1',
    callsign: 'Z-1 Chacalluta',
    track: CL_TRACK_WEST,
    kmh: 14,
    duty: [{ from: '2025-11-20T00:00', to: '2025-12-20T00:00' }],
    reports: ({ hito: h, day, random }) =>
      crisisDay(day) && random.next() < 0.4
        ? groupSeen(random)
        : {
            text: random.pick([
              `Sin novedad en el sector del Hito ${h}.`,
              `Patrullaje preventivo en la franja fronteriza, Hito ${h}.`,
              `Control de vehículos en el acceso al Hito ${h}.`,
            ]),
          },
  },
  {
    agency: 'carabineros',
    unitId: 'CB-Z2',
    callsign: 'Z-2 Línea',
    track: CL_TRACK_EAST,
    kmh: 14,
    duty: [{ from: '2025-11-28T12:00', to: '2025-12-04T00:00' }],
    reports: ({ hito: h, random }) => ({
      text: random.pick([`Sin novedad en el sector del Hito ${h}.`, `Refuerzo en la línea, Hito ${h}: sin pasos.`]),
    }),
  },
  {
    agency: 'pdi',
    unitId: 'PDI-M1',
    callsign: 'PDI Móvil 1',
    track: RUTA_5,
    kmh: 35,
    duty: [{ from: '2025-11-20T00:00', to: '2025-12-20T00:00', hours: [8, 20] }],
    reports: ({ random }) => ({
      text: random.pick([
        'Traslado entre Arica y el complejo Chacalluta.',
        'Apoyo al control migratorio en Santa Rosa.',
        'Sin novedad en la Ruta 5.',
      ]),
    }),
  },
  {
    agency: 'pnp',
    unitId: 'PNP-P1',
    callsign: 'PNP Hitos 3–5',
    track: peTrack(3, 5),
    kmh: 10,
    duty: [
      { from: '2025-11-20T06:00', to: '2025-11-28T05:00', hours: [6, 22] },
      { from: '2025-11-28T05:00', to: '2025-12-20T00:00' },
    ],
    reports: ({ hito: h, day, random }) =>
      crisisDay(day) && random.next() < 0.3
        ? groupSeen(random)
        : { text: random.pick([`Sin novedad en el Hito ${h}.`, `Patrullaje a pie entre los Hitos ${h} y ${h + 1}.`]) },
  },
  {
    agency: 'pnp',
    unitId: 'PNP-P2',
    callsign: 'PNP Hitos 5–7',
    track: peTrack(5, 7),
    kmh: 10,
    duty: [
      { from: '2025-11-28T05:30', to: '2025-12-04T00:00' },
      { from: '2025-12-04T00:00', to: '2025-12-20T00:00', hours: [6, 22] },
    ],
    reports: ({ hito: h, random }) => ({
      text: random.pick([`Sin novedad en el Hito ${h}.`, `Puesto iluminado del Hito ${h} operativo.`]),
    }),
  },
  {
    agency: 'pnp',
    unitId: 'PNP-P3',
    callsign: 'PNP Hitos 1–3',
    track: peTrack(1, 3),
    kmh: 10,
    duty: [
      { from: '2025-11-28T05:30', to: '2025-12-04T00:00' },
      { from: '2025-12-13T18:00', to: '2025-12-15T06:00' },
    ],
    reports: ({ hito: h, random }) => ({ text: random.pick([`Sin novedad en el Hito ${h}.`, `Patrullaje costero cerca del Hito ${h}.`]) }),
  },
  {
    agency: 'pnp',
    unitId: 'PNP-P4',
    callsign: 'PNP Hitos 7–9',
    track: peTrack(7, 9),
    kmh: 10,
    duty: [
      { from: '2025-11-28T05:30', to: '2025-12-04T00:00' },
      { from: '2025-12-13T18:00', to: '2025-12-15T06:00' },
    ],
    reports: ({ hito: h, random }) => ({
      text: random.pick([`Sin novedad en el Hito ${h}.`, `Patrullaje al este de la Panamericana, Hito ${h}.`]),
    }),
  },
  {
    agency: 'ejercito-pe',
    unitId: 'EP-V1',
    callsign: 'Ejército Patrulla 1',
    track: peTrack(1, 14, 1_500),
    kmh: 20,
    duty: [
      { from: '2025-11-30T08:00', to: '2025-12-04T00:00' },
      { from: '2025-12-04T00:00', to: '2025-12-20T00:00', hours: [6, 18] },
    ],
    reports: ({ hito: h, random }) => ({
      text: random.pick([`Patrulla sin novedad en el sector del Hito ${h}.`, `Recorrido de vigilancia, sector del Hito ${h}.`]),
    }),
  },
  {
    agency: 'ejercito-pe',
    unitId: 'EP-V2',
    callsign: 'Ejército Patrulla 2',
    track: peTrack(4, 12, 2_500),
    kmh: 20,
    duty: [{ from: '2025-11-30T08:00', to: '2025-12-04T00:00' }],
    reports: ({ hito: h, random }) => ({
      text: `Patrulla sin novedad en el sector del Hito ${h}.` + (random.next() < 0.2 ? ' Puesto de observación activo.' : ''),
    }),
  },
];

function onDuty(side: Side, duty: Duty, at: number): boolean {
  if (at < local(side, duty.from) || at >= local(side, duty.to)) return false;
  if (!duty.hours) return true;
  const hour = localHour(side, at);
  return hour >= duty.hours[0] && hour < duty.hours[1];
}

/** Back and forth along the track at a steady speed, from the start of the scenario. */
function positionOn(track: LatLon[], kmh: number, sinceStartMs: number): { position: LatLon; heading: number } {
  const length = lengthM(track);
  const travelled = ((kmh * 1000) / 3_600_000) * sinceStartMs;
  const lap = travelled % (2 * length);
  if (lap <= length) return along(track, lap);
  const back = along(track, 2 * length - lap);
  return { position: back.position, heading: (back.heading + 180) % 360 };
}

export function patrolEvents(range: { start: number; end: number }, random: Random): EventInput[] {
  const events: EventInput[] = [];
  for (const unit of UNITS) {
    const r = random.fork(unit.unitId);
    const side = sideOf(unit.agency);
    let fixes = 0;
    let lastDay = '';
    for (let at = range.start; at < range.end; at += POSITION_INTERVAL_MIN * MIN) {
      if (!unit.duty.some((d) => onDuty(side, d, at))) continue;
      const { position, heading } = positionOn(unit.track, unit.kmh, at - range.start);
      const jittered = rounded(offset(position, Math.abs(r.gauss()) * 25, r.between(0, 360)));
      const day = localDay(side, at);
      events.push({
        id: `syn-pos-${unit.unitId}-${stamp(side, at)}`,
        type: 'unit.position',
        agency: unit.agency,
        occurredAt: isoOn(side, at),
        unitId: unit.unitId,
        // The call-sign once a day is enough: the picture keeps it.
        ...(day !== lastDay ? { callsign: unit.callsign } : {}),
        status: 'patrolling',
        heading: Math.round(heading) % 360,
        position: jittered,
        provenance: { source: SCENARIO_SOURCE, synthetic: true },
      } as EventInput);
      lastDay = day;
      if (++fixes % REPORT_EVERY_FIXES === 0) {
        const report = unit.reports({ hito: nearestHito(jittered), day, random: r });
        events.push({
          id: `syn-rep-${unit.unitId}-${stamp(side, at)}`,
          type: 'patrol.report',
          agency: unit.agency,
          occurredAt: isoOn(side, at + 30_000),
          unitId: unit.unitId,
          position: jittered,
          text: report.text,
          ...(report.people !== undefined ? { people: report.people } : {}),
          provenance: { source: SCENARIO_SOURCE, synthetic: true },
        } as EventInput);
      }
    }
  }
  return events;
}

const PE_SIDE = (point: LatLon) => rounded(offset(point, 250, 315));
const syntheticDeployment = (
  side: Side,
  when: string,
  body: Omit<Extract<EventInput, { type: 'deployment' }>, 'occurredAt' | 'provenance' | 'type' | 'id' | 'releasability'>,
  suffix: string,
): EventInput => ({
  id: `syn-dep-${body.deploymentId}-${suffix}`,
  type: 'deployment',
  occurredAt: isoOn(side, local(side, when)),
  ...body,
  provenance: { source: SCENARIO_SOURCE, synthetic: true },
});

/** Deployments no source counts: lit posts at Hitos 3, 5 and 7, and Carabineros at the strip. */
export function syntheticDeployments(): EventInput[] {
  const posts = [3, 5, 7].flatMap((n) => [
    syntheticDeployment(
      'PE',
      '2025-11-29T19:00',
      {
        agency: 'pnp',
        deploymentId: `PNP-PUESTO-H${n}`,
        position: PE_SIDE(hito(n)),
        personnel: 6,
        area: `Hito ${n}`,
        text: `Puesto iluminado en el Hito ${n} (efectivos supuestos).`,
      },
      'on',
    ),
    syntheticDeployment(
      'PE',
      '2025-12-04T08:00',
      {
        agency: 'pnp',
        deploymentId: `PNP-PUESTO-H${n}`,
        position: PE_SIDE(hito(n)),
        personnel: 4,
        area: `Hito ${n}`,
        text: `Puesto iluminado en el Hito ${n}, turno reducido (efectivos supuestos).`,
      },
      'reduced',
    ),
  ]);
  const strip = rounded(offset(PLACES.chacalluta, 200, 200));
  return [
    ...posts,
    syntheticDeployment(
      'CL',
      '2025-11-28T13:00',
      {
        agency: 'carabineros',
        deploymentId: 'CB-REFUERZO',
        position: strip,
        personnel: 20,
        area: 'Complejo Chacalluta',
        text: 'Refuerzo de la 4ª Comisaría Chacalluta (F) en la franja entre complejos (efectivos supuestos).',
      },
      'on',
    ),
    syntheticDeployment(
      'CL',
      '2025-12-03T08:00',
      {
        agency: 'carabineros',
        deploymentId: 'CB-REFUERZO',
        position: strip,
        personnel: 8,
        area: 'Complejo Chacalluta',
        text: 'Refuerzo reducido en Chacalluta: sin migrantes en la franja (efectivos supuestos).',
      },
      'reduced',
    ),
  ];
}
