/**
 * Gathers the latest results files (bench/results/*.json) into one page, bench/results/README.md:
 * each target beside what was measured, the bare technology's figure where there is one, the
 * command that reproduces it, the machine and the date. Run last by `npm run bench`; run alone it
 * rewrites the page from whatever results are on disk.
 *
 *   npm run bench:report
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RESULTS = path.join(process.cwd(), 'bench', 'results');

// The shapes below are what the benchmarks write; only the fields this page shows are named.
interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}
interface Stamp {
  command: string;
  date: string;
  commit?: string;
  machine: Machine;
}
interface FanoutResult extends Stamp {
  method: string;
  targets: Record<string, { met: boolean | null; p99?: number; p99s?: number[]; completeness?: number; note?: string }>;
  knees: Array<{
    dashboards: number;
    concordiaKnee: number;
    bareKnee: number;
    kneeRatio: number | null;
    cpuPerDeliveryRatio: number | null;
    cpuComparedAtRate: number | null;
  }>;
  memoryKBPerConnection: Record<'concordia' | 'bare', Record<string, number>>;
  results: Array<{
    system: string;
    dashboards: number;
    rate: number;
    completeness: number;
    p50: number;
    p99: number;
    p999: number;
    cpuMicrosPerDelivery: number;
    ok: boolean;
  }>;
}
interface IngestResult extends Stamp {
  batch: number;
  sync: string;
  bare: { eventsPerSecond: number };
  product: { eventsPerSecond: number; p99Ms: number };
  ratio: number;
  rounds?: Array<{ bare: number; product: number }>;
  meetsTargets: boolean;
}
interface MapSize {
  units: number;
  renderer: string;
  fps: number;
  longTasks: { count: number; totalMs: number; longestMs: number };
  feed: { intendedEventsPerSecond: number; acceptedEventsPerSecond?: number; receivedEventsPerSecond: number; receivedHzPerUnit: number };
}
interface MapRun extends Stamp {
  sizes: MapSize[];
  firstLoadJs: { htmlScriptsGzipKB: number; totalGzipKB: number };
  setup?: { driver?: string; pinning?: string };
}
interface MapResult {
  latest: string;
  runs: Record<string, MapRun>;
}
interface SeekFigures {
  events: number;
  seekP50Ms: number;
  seekP95Ms: number;
  seekMaxMs: number;
}
interface SeekResult extends Stamp {
  full: SeekFigures;
  x100?: SeekFigures;
}

function read<T>(name: string): T | null {
  const file = path.join(RESULTS, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

const yesNo = (met: boolean | null | undefined) => (met === true ? 'yes' : met === false ? '**no**' : '—');
const stamp = (s: Stamp) =>
  `\`${s.command}\` — ${s.date.slice(0, 16).replace('T', ' ')} UTC${s.commit ? `, commit ${s.commit}` : ''}; ${s.machine.cpus} × ${s.machine.cpuModel}, ${s.machine.memoryGiB} GiB, Node ${s.machine.node}`;
const table = (header: string[], rows: Array<Array<string | number>>) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function fanoutSection(r: FanoutResult | null): string {
  if (!r) return '## Fan-out\n\nNot run yet: `npm run bench:fanout`.';
  const point = Object.entries(r.targets).find(([name]) => name.includes('dashboards at'));
  return [
    '## Fan-out: dashboards × events a second',
    stamp(r),
    r.method,
    table(
      [
        'dashboards',
        'Concordia knee (ev/s)',
        'bare Socket.IO knee (ev/s)',
        'knee ratio (≥ 0.8)',
        'CPU per delivery, Concordia ÷ bare (≤ 1.25)',
        'compared at (ev/s)',
        'memory per connection (KB) Concordia / bare',
      ],
      r.knees.map((k) => [
        k.dashboards,
        k.concordiaKnee,
        k.bareKnee,
        k.kneeRatio ?? 'bare never met p99 ≤ 100 ms',
        k.cpuPerDeliveryRatio ?? '—',
        k.cpuComparedAtRate ?? '—',
        `${r.memoryKBPerConnection.concordia[k.dashboards] ?? '—'} / ${r.memoryKBPerConnection.bare[k.dashboards] ?? '—'}`,
      ]),
    ),
    point
      ? `Target point, ${point[0]}: p99 ${point[1].p99 ?? '—'} ms${point[1].p99s ? ` (median of ${point[1].p99s.join(', ')} ms)` : ''}, completeness ${point[1].completeness ?? '—'} → met: ${yesNo(point[1].met)}`
      : '',
    '<details><summary>Every measurement</summary>\n',
    table(
      ['system', 'dashboards', 'ev/s', 'complete', 'p50 ms', 'p99 ms', 'p99.9 ms', 'µs CPU per delivery', 'p99 ≤ 100 and complete'],
      r.results.map((m) => [
        m.system,
        m.dashboards,
        m.rate,
        `${(m.completeness * 100).toFixed(2)}%`,
        m.p50,
        m.p99,
        m.p999,
        m.cpuMicrosPerDelivery,
        m.ok ? 'yes' : 'no',
      ]),
    ),
    '\n</details>',
  ].join('\n\n');
}

function ingestSection(r: IngestResult | null): string {
  if (!r) return '## Durable ingest\n\nNot run yet: `npm run bench:ingest`.';
  return [
    '## Durable ingest',
    stamp(r),
    table(
      ['', 'events/s', 'target'],
      [
        [`bare better-sqlite3 insert loop (${r.batch} rows a transaction, synchronous=${r.sync})`, r.bare.eventsPerSecond, ''],
        [`Concordia POST /api/events (${r.batch} events a request, 201 after commit)`, r.product.eventsPerSecond, '≥ 10,000'],
        ['ratio', r.ratio, '≥ 0.8'],
      ],
    ),
    `Targets met: ${yesNo(r.meetsTargets)}. Request p99 ${r.product.p99Ms} ms.` +
      (r.rounds
        ? ` Medians of ${r.rounds.length} alternating rounds (bare / Concordia events/s): ${r.rounds.map((x) => `${x.bare} / ${x.product}`).join(', ')}.`
        : ''),
  ].join('\n\n');
}

/** The label `npm run bench` gives its map run with a Playwright page (bench/measuredPage.ts). */
const PLAYWRIGHT_DRIVER_LABEL = 'playwright-driver';

function mapSection(r: MapResult | null): string {
  const run = r?.runs[r.latest];
  if (!run) return '## The map\n\nNot run yet: `npm run bench:map`.';
  const viaPlaywright = r?.runs[PLAYWRIGHT_DRIVER_LABEL];
  return [
    '## The map (wall display, headless Chromium)',
    stamp(run),
    run.setup?.driver ? `The page: ${run.setup.driver}. CPUs: ${run.setup.pinning}.` : '',
    table(
      [
        'units',
        'renderer',
        'frames/s (target ≥ 50 at 5,000)',
        'long tasks',
        'long-task ms',
        'longest ms',
        'positions/s asked → stored by the server → received by the page',
        'Hz a unit on the page',
      ],
      run.sizes.map((s) => [
        s.units,
        s.renderer,
        s.fps,
        s.longTasks.count,
        s.longTasks.totalMs,
        s.longTasks.longestMs,
        `${s.feed.intendedEventsPerSecond} → ${s.feed.acceptedEventsPerSecond ?? '—'} → ${s.feed.receivedEventsPerSecond}`,
        s.feed.receivedHzPerUnit,
      ]),
    ),
    `First-load JS of the wall page (gzip): ${run.firstLoadJs.htmlScriptsGzipKB} KB named by the HTML (target ≤ 200 KB), ${run.firstLoadJs.totalGzipKB} KB with the map's chunks loaded after it.`,
    viaPlaywright ? harnessCost(viaPlaywright) : '',
    'The page receives fewer positions than the server stored: under a flood, live batches keep each unit\'s latest place per batch (docs/api.md, "Batches and gaps"). What the server stores is bounded by durable ingest on one core shared with the feeder.',
    'Earlier runs, including the DOM-marker "before" and 5,000 units at 2 Hz before and after this round of work, are kept in bench/results/map.json under their labels.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The same wall measured as a Playwright page: what the harness's traffic copying costs. */
function harnessCost(run: MapRun): string {
  const sizes = run.sizes
    .map((s) => `${s.units.toLocaleString('en')} units ${s.fps} fps, ${s.longTasks.count} long tasks (${s.longTasks.totalMs} ms)`)
    .join('; ');
  return `Measured instead as ${run.setup?.driver ?? 'a Playwright page'}: ${sizes} — \`${run.command}\` at ${run.commit}. That gap is the test harness, not the wall.`;
}

function seekSection(r: SeekResult | null): string {
  if (!r) return '## Replay seek\n\nNot run yet: `npm run bench:seek`.';
  const row = (name: string, f: SeekFigures) => [name, f.events.toLocaleString('en'), f.seekP50Ms, f.seekP95Ms, f.seekMaxMs];
  return [
    '## Replay seek',
    stamp(r),
    table(
      ['scenario', 'events', 'p50 ms', 'p95 ms', 'max ms (target ≤ 100 for the full scenario)'],
      [row('December 2025 (full)', r.full), ...(r.x100 ? [row('×100', r.x100)] : [])],
    ),
  ].join('\n\n');
}

const page = [
  '# Benchmark results',
  'Written by `npm run bench` (bench/report.ts) from the results files beside it. Each section names the command that reproduces it and the machine it ran on. Never part of `npm test`.',
  fanoutSection(read<FanoutResult>('fanout')),
  ingestSection(read<IngestResult>('ingest')),
  mapSection(read<MapResult>('map')),
  seekSection(read<SeekResult>('seek')),
  '',
].join('\n\n');
writeFileSync(path.join(RESULTS, 'README.md'), page);
console.log(path.join(RESULTS, 'README.md'));
