/**
 * Plausible live traffic from the three police agencies, as a pure function of a seed and a tick
 * count: units of Carabineros, PDI and PNP driving the border line and the Panamericana on their
 * own side, queue counts at both posts and directions, and now and then an incident (a group
 * crossing, stranded or needing medical help) that is closed some minutes later.
 *
 * Only groups and counts: no person is ever named or described. Every event says it is simulated
 * (provenance.synthetic), so the wall marks it and nobody mistakes it for a real report.
 */
import type { Agency } from '../../lib/contract/agencies.ts';
import type { EventInput, IncidentKind, PostId, QueueDirection, Severity } from '../../lib/contract/events.ts';
import { between, mulberry32, pick, type Random } from '../../lib/random/prng.ts';
import { pointAlong, routeLength, ROUTES, type Route, type RouteId } from './routes.ts';

export const SIMULATED_AGENCIES = ['carabineros', 'pdi', 'pnp'] as const satisfies readonly Agency[];
export type SimulatedAgency = (typeof SIMULATED_AGENCIES)[number];

export interface TrafficOptions {
  seed: number;
  /** Time between ticks: how far units move per tick, and how often things happen. */
  intervalMs: number;
  /** Chance per tick that an agency opens an incident (default: about one every 4 minutes overall at 3 s). */
  incidentChance?: number;
}

interface UnitPlan {
  agency: SimulatedAgency;
  unitId: string;
  callsign: string;
  route: RouteId;
  /** Typical speed range, km/h: dirt tracks along the border are slow, the Panamericana is not. */
  kmh: readonly [number, number];
}

const UNITS: readonly UnitPlan[] = [
  { agency: 'carabineros', unitId: 'SIM-CB-1', callsign: 'Móvil 1', route: 'border-west-cl', kmh: [20, 35] },
  { agency: 'carabineros', unitId: 'SIM-CB-2', callsign: 'Móvil 2', route: 'panamericana-cl', kmh: [50, 80] },
  { agency: 'carabineros', unitId: 'SIM-CB-3', callsign: 'Móvil 3', route: 'border-east-cl', kmh: [25, 45] },
  { agency: 'pdi', unitId: 'SIM-PDI-1', callsign: 'PDI Chacalluta', route: 'chacalluta-approach', kmh: [20, 40] },
  { agency: 'pdi', unitId: 'SIM-PDI-2', callsign: 'PDI Arica', route: 'panamericana-cl', kmh: [50, 80] },
  { agency: 'pnp', unitId: 'SIM-PNP-1', callsign: 'USE-1', route: 'panamericana-pe', kmh: [50, 80] },
  { agency: 'pnp', unitId: 'SIM-PNP-2', callsign: 'USE-2', route: 'border-west-pe', kmh: [20, 35] },
  { agency: 'pnp', unitId: 'SIM-PNP-3', callsign: 'USE-3', route: 'border-east-pe', kmh: [25, 45] },
];

/** Who counts which queue: PDI at Chacalluta (Chile), PNP at Santa Rosa (Peru). */
const QUEUES: ReadonlyArray<{ post: PostId; direction: QueueDirection; agency: SimulatedAgency; typical: number }> = [
  { post: 'santa-rosa', direction: 'to-peru', agency: 'pnp', typical: 320 },
  { post: 'santa-rosa', direction: 'to-chile', agency: 'pnp', typical: 140 },
  { post: 'chacalluta', direction: 'to-chile', agency: 'pdi', typical: 110 },
  { post: 'chacalluta', direction: 'to-peru', agency: 'pdi', typical: 240 },
];
/** Each queue is counted every this many ticks (30 s at the default 3 s). */
const QUEUE_EVERY_TICKS = 10;

/** Where each agency's incidents happen: along its own side of the border. */
const INCIDENT_ROUTES: Record<SimulatedAgency, readonly RouteId[]> = {
  carabineros: ['border-west-cl', 'border-east-cl'],
  pdi: ['chacalluta-approach'],
  pnp: ['border-west-pe', 'border-east-pe', 'panamericana-pe'],
};
const INCIDENT_KINDS: Record<SimulatedAgency, readonly IncidentKind[]> = {
  carabineros: ['crossing', 'crossing', 'stranded-group', 'smuggling'],
  pdi: ['medical', 'stranded-group'],
  pnp: ['crossing', 'stranded-group', 'blockade', 'medical'],
};
const MAX_OPEN_INCIDENTS_PER_AGENCY = 2;
/** An incident stays open this many ticks (3–10 minutes at 3 s). */
const INCIDENT_TICKS: readonly [number, number] = [60, 200];

interface UnitState {
  plan: UnitPlan;
  route: Route;
  length: number;
  /** Metres along the route. */
  at: number;
  direction: 1 | -1;
  kmh: number;
  /** Ticks left standing still (a check point, a talk with a driver). */
  halted: number;
}

interface OpenIncident {
  agency: SimulatedAgency;
  incidentId: string;
  closesAtTick: number;
}

export class Traffic {
  private readonly random: Random;
  private readonly units: UnitState[];
  private readonly queues: number[];
  private readonly open: OpenIncident[] = [];
  private tickCount = 0;
  private eventCount = 0;

  constructor(private readonly options: TrafficOptions) {
    this.random = mulberry32(options.seed);
    this.units = UNITS.map((plan) => {
      const route = ROUTES[plan.route];
      const length = routeLength(route);
      return {
        plan,
        route,
        length,
        at: this.random() * length,
        direction: this.random() < 0.5 ? 1 : -1,
        kmh: between(this.random, plan.kmh[0], plan.kmh[1]),
        halted: 0,
      };
    });
    this.queues = QUEUES.map((q) => Math.round(q.typical * (0.7 + this.random() * 0.6)));
  }

  /** The events of one tick at `now` (epoch ms), by sending agency. */
  tick(now: number): Map<SimulatedAgency, EventInput[]> {
    const out = new Map<SimulatedAgency, EventInput[]>(SIMULATED_AGENCIES.map((a) => [a, []]));
    const emit = (agency: SimulatedAgency, event: EventInput) => out.get(agency)!.push(event);
    const occurredAt = new Date(now).toISOString();

    for (const unit of this.units) emit(unit.plan.agency, this.move(unit, now, occurredAt));

    QUEUES.forEach((queue, i) => {
      // Staggered so the four counts do not all arrive in the same second.
      if ((this.tickCount + i * 3) % QUEUE_EVERY_TICKS === 0) emit(queue.agency, this.queueUpdate(i, now, occurredAt));
    });

    for (const incident of this.open.filter((o) => o.closesAtTick <= this.tickCount)) {
      this.open.splice(this.open.indexOf(incident), 1);
      emit(incident.agency, this.closing(incident, now, occurredAt));
    }
    const chance = this.options.incidentChance ?? 1 / 90;
    for (const agency of SIMULATED_AGENCIES) {
      const open = this.open.filter((o) => o.agency === agency).length;
      if (open < MAX_OPEN_INCIDENTS_PER_AGENCY && this.random() < chance) emit(agency, this.opening(agency, now, occurredAt));
    }

    if (this.random() < 1 / 60) {
      const unit = pick(
        this.random,
        this.units.filter((u) => u.plan.route.startsWith('border')),
      );
      emit(unit.plan.agency, this.patrolReport(unit, now, occurredAt));
    }

    this.tickCount += 1;
    return out;
  }

  private move(unit: UnitState, now: number, occurredAt: string): EventInput {
    if (unit.halted > 0) unit.halted -= 1;
    else if (this.random() < 0.01) unit.halted = between(this.random, 3, 12);
    else {
      // Speed wanders within the plan's range; metres per tick = km/h ÷ 3.6 × seconds.
      unit.kmh = Math.min(unit.plan.kmh[1], Math.max(unit.plan.kmh[0], unit.kmh + (this.random() - 0.5) * 6));
      unit.at += unit.direction * (unit.kmh / 3.6) * (this.options.intervalMs / 1000);
      if (unit.at >= unit.length || unit.at <= 0) {
        unit.at = Math.min(unit.length, Math.max(0, unit.at));
        unit.direction = unit.direction === 1 ? -1 : 1;
      }
    }
    const point = pointAlong(unit.route, unit.at);
    const heading = unit.direction === 1 ? point.heading : (point.heading + 180) % 360;
    return {
      ...this.envelope(unit.plan.agency, `pos-${unit.plan.unitId}`, now, occurredAt),
      type: 'unit.position',
      unitId: unit.plan.unitId,
      callsign: unit.plan.callsign,
      status: unit.halted > 0 ? 'stationary' : 'patrolling',
      heading: Math.round(heading),
      position: { lat: round(point.lat), lon: round(point.lon) },
    };
  }

  private queueUpdate(index: number, now: number, occurredAt: string): EventInput {
    const queue = QUEUES[index];
    // A random walk pulled back towards the typical level.
    const current = this.queues[index];
    const next = Math.max(0, Math.round(current + (queue.typical - current) * 0.1 + (this.random() - 0.5) * queue.typical * 0.15));
    this.queues[index] = next;
    const minors = Math.round(next * (0.08 + this.random() * 0.08));
    return {
      ...this.envelope(queue.agency, `q-${queue.post}-${queue.direction}`, now, occurredAt),
      type: 'queue.update',
      post: queue.post,
      direction: queue.direction,
      waiting: next,
      waitMinutes: Math.round(next / 4 + this.random() * 15),
      minors,
      ...(queue.direction === 'to-chile' ? { refused: between(this.random, 0, 4) } : {}),
    };
  }

  private opening(agency: SimulatedAgency, now: number, occurredAt: string): EventInput {
    const route = ROUTES[pick(this.random, INCIDENT_ROUTES[agency])];
    const point = pointAlong(route, this.random() * routeLength(route));
    const kind = pick(this.random, INCIDENT_KINDS[agency]);
    const counted = kind !== 'smuggling'; // goods, not people
    const people = between(this.random, 4, 60);
    const minors = Math.round(people * this.random() * 0.3);
    const severity: Severity = !counted || kind === 'medical' ? 'medium' : people >= 40 ? 'high' : people >= 15 ? 'medium' : 'low';
    const incidentId = `SIM-${agency.slice(0, 3).toUpperCase()}-${this.eventCount}-${compact(now)}`;
    this.open.push({ agency, incidentId, closesAtTick: this.tickCount + between(this.random, INCIDENT_TICKS[0], INCIDENT_TICKS[1]) });
    return {
      ...this.envelope(agency, 'inc', now, occurredAt),
      type: 'incident',
      incidentId,
      kind,
      severity,
      ...(counted ? { people, minors } : {}),
      position: { lat: round(point.lat), lon: round(point.lon) },
      text: incidentText(kind, people, minors, route.sector),
    };
  }

  private closing(incident: OpenIncident, now: number, occurredAt: string): EventInput {
    return {
      ...this.envelope(incident.agency, 'inc-closed', now, occurredAt),
      type: 'incident.closed',
      incidentId: incident.incidentId,
      text: pick(this.random, [
        'Grupo atendido y derivado al control fronterizo',
        'Situación normalizada; unidad retoma patrullaje',
        'Grupo trasladado; sin novedad',
      ]),
    };
  }

  private patrolReport(unit: UnitState, now: number, occurredAt: string): EventInput {
    const point = pointAlong(unit.route, unit.at);
    const seen = this.random() < 0.5 ? between(this.random, 3, 25) : 0;
    return {
      ...this.envelope(unit.plan.agency, `rep-${unit.plan.unitId}`, now, occurredAt),
      type: 'patrol.report',
      unitId: unit.plan.unitId,
      position: { lat: round(point.lat), lon: round(point.lon) },
      text: seen
        ? `Grupo de ${seen} personas avistado caminando hacia el paso fronterizo, sector ${unit.route.sector}`
        : `Sin novedad en el sector ${unit.route.sector}`,
      ...(seen ? { people: seen } : {}),
    };
  }

  /** Ids carry the time, so a second run with the same seed does not collide with the first. */
  private envelope(agency: SimulatedAgency, what: string, now: number, occurredAt: string) {
    this.eventCount += 1;
    return {
      id: `sim-${agency}-${what}-${compact(now)}-${this.eventCount}`,
      agency,
      occurredAt,
      provenance: { source: `simulador-${agency}`, format: 'json', synthetic: true },
    } as const;
  }
}

function incidentText(kind: IncidentKind, people: number, minors: number, sector: string): string {
  const group = `Grupo de ${people} personas${minors ? ` (${minors} menores)` : ''}`;
  switch (kind) {
    case 'crossing':
      return `${group} cruza por paso no habilitado, sector ${sector}`;
    case 'stranded-group':
      return `${group} varado, sin agua, sector ${sector}`;
    case 'medical':
      return `${group} requiere atención médica en la fila, ${sector}`;
    case 'blockade':
      return `Bloqueo de la vía por ${people} personas, sector ${sector}`;
    case 'smuggling':
      return `Vehículo abandonado con carga sin declarar, sector ${sector}`;
    default:
      return `${group}, sector ${sector}`;
  }
}

/** 2025-12-14T14:41:07.412Z → 20251214T144107412Z */
function compact(now: number): string {
  return new Date(now).toISOString().replace(/[-:.]/g, '');
}

/** About a metre: enough for a map, and short in the log. */
function round(degrees: number): number {
  return Math.round(degrees * 100_000) / 100_000;
}
