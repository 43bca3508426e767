/**
 * Generates the December 2025 training scenario (data/scenarios/dec-2025.json): the sourced facts
 * of docs/scenario-facts.md as events with their citations, plus synthetic queues, patrols and
 * deployments from a seeded random source. Same seed → byte-identical file (tested).
 *
 *   npm run scenario                      # writes data/scenarios/dec-2025.json with the default seed
 *   npm run scenario -- --seed other --out /tmp/x.json
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventInput } from '../lib/contract/events.ts';
import { SCENARIO_FORMAT, type ScenarioMetadata } from '../lib/scenario/scenarioFile.ts';
import { isoOn, local } from './scenario/localTime.ts';
import { patrolEvents, POSITION_INTERVAL_MIN, syntheticDeployments } from './scenario/patrols.ts';
import { seededRandom } from './scenario/random.ts';
import { FACTS, MILESTONES, sourcedEvents } from './scenario/sourced.ts';
import { EXITS_MAX, EXITS_MIN, QUEUE_INTERVAL_MIN, queueEvents } from './scenario/traffic.ts';

export const DEFAULT_SEED = 'dec-2025/1';
export const SCENARIO_FILE = path.join('data', 'scenarios', 'dec-2025.json');

const RANGE = { start: local('CL', '2025-11-20T00:00'), end: local('CL', '2025-12-20T00:00') };

export function buildScenario(seed: string = DEFAULT_SEED): ScenarioMetadata & { events: EventInput[] } {
  const random = seededRandom(seed);
  const queues = queueEvents(RANGE, random.fork('queues'));
  const groups = [sourcedEvents(), syntheticDeployments(), patrolEvents(RANGE, random.fork('patrols')), queues.events];
  // Time order, with sourced events first among those at the same instant.
  const events = groups
    .flat()
    .map((event, order) => ({ event, order, at: Date.parse(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ event }) => event);

  return {
    format: SCENARIO_FORMAT,
    id: 'dec-2025',
    title: { es: 'Frontera Arica–Tacna, 20 nov – 19 dic 2025', en: 'Arica–Tacna border, 20 Nov – 19 Dec 2025' },
    description: {
      es: 'Colas en Santa Rosa, la ruta bloqueada y despejada el 28 nov, la emergencia y el refuerzo de tropas y policías, el Comité Binacional y el cruce del 1 dic, los días tranquilos, la elección del 14 dic y el seguimiento del 19 dic.',
      en: 'Queues at Santa Rosa, the road blocked and cleared on 28 Nov, the emergency and the troop and police reinforcements, the Binational Committee and the 1 Dec crossing, the quiet days, the 14 Dec election and the 19 Dec follow-up.',
    },
    start: isoOn('CL', RANGE.start),
    end: isoOn('CL', RANGE.end),
    generator: { script: 'scripts/generate-scenario.ts', seed },
    milestones: MILESTONES,
    facts: FACTS,
    calibration: {
      exitsToPeruPerDay: queues.exitsToPeruPerDay,
      entriesToChilePerDay: queues.entriesToChilePerDay,
      note: `Modelled people leaving Chile toward Peru at Santa Rosa per Chilean day, kept within ${EXITS_MIN}–${EXITS_MAX} (SERMIG and La Tercera, Nov–Dec 2025: 5,000–7,000 a day; record 7,500/day in Sept 2022, never reached here). Entries to Chile at Chacalluta are modelled as 86–92% of exits (not sourced). Queue counts every ${QUEUE_INTERVAL_MIN} min come from arrivals through the day against booths serving a fixed rate, plus the migrants waiting for Migraciones on the crisis days.`,
    },
    notes: [
      'Events with provenance.synthetic = true did not happen: queues, patrol movements and reports, lit posts, reinforcements, call-signs, and the 19 Dec follow-up content. Sourced events carry provenance.refs with the fact sheet numbers.',
      'Times the sources do not give are chosen for the exercise and say "hora supuesta" in the text; the sourced times are the 08:00 PET opening on 28 Nov, the 14:55 CLST crossing on 1 Dec and the 18:00 CLST poll close on 14 Dec.',
      'Places marked D in the sheet (complexes, the crossing, the line) are derived, ±1.5 km; Hitos 2–14 and all patrol tracks are schematic. Verify against imagery before trainers rely on them.',
      `Units report their position every ${POSITION_INTERVAL_MIN} min while on duty and a patrol report every 2 h.`,
      'Chilean agencies write Chile time (UTC−3), Peruvian agencies Peru time (UTC−5); the committee writes Peru time.',
      'Left out: the 22 Dec Kast–de Zela stopover in Lima and the events of January 2026 (after the window). No migrant is named or portrayed: groups and counts only.',
      'Bulletins: Chilean press items are relayed by PDI, Chilean government statements by SERMIG, the election by Carabineros, Peruvian government statements by the PNP, committee sessions by the Binational Committee.',
    ],
    events,
  };
}

/** The metadata pretty-printed, then one event per line: readable diffs, stable bytes. */
export function serializeScenario(file: ReturnType<typeof buildScenario>): string {
  const { events, ...meta } = file;
  const head = JSON.stringify(meta, null, 2);
  const lines = events.map((event) => `    ${JSON.stringify(event)}`).join(',\n');
  return `${head.slice(0, -2)},\n  "events": [\n${lines}\n  ]\n}\n`;
}

export function generateScenario(seed: string = DEFAULT_SEED): string {
  return serializeScenario(buildScenario(seed));
}

function main(argv: string[]): void {
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = option('seed') ?? DEFAULT_SEED;
  const out = option('out') ?? SCENARIO_FILE;
  const file = buildScenario(seed);
  const text = serializeScenario(file);
  writeFileSync(out, text);
  const count = file.events.length;
  console.log(`wrote ${out}: ${count} events, ${(text.length / 1e6).toFixed(1)} MB, seed "${seed}"`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
