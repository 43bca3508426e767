/**
 * Gathers the latest results files (bench/results/*.json) into one page, bench/results/README.md:
 * each target beside what was measured, the bare technology's figure where there is one, the
 * command that reproduces it, the machine and the date. Run last by `npm run bench`; run alone it
 * rewrites the page from whatever results are on disk.
 *
 *   npm run bench:report
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RESULTS = path.join(process.cwd(), 'bench', 'results');
/** Hand-written pages beside the figures (failover runs, analyses), linked from this one. */
const NOTES = existsSync(RESULTS) ? readdirSync(RESULTS).filter((f) => f.endsWith('.md') && f !== 'README.md') : [];

// The shapes below are what the benchmarks write; only the fields this page shows are named.
interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverage?: string;
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
  /** The system the knee is compared with: 'bare-batch' (batching per window) since issue 16; 'bare' (per event) before. */
  baseline?: string;
  knees: Array<{
    dashboards: number;
    concordiaKnee: number;
    bareKnee: number;
    perEventBareKnee?: number;
    kneeRatio: number | null;
    cpuPerDeliveryRatio: number | null;
    cpuComparedAtRate: number | null;
  }>;
  memoryKBPerConnection: Record<string, Record<string, number>>;
  results: Array<{
    system: string;
    dashboards: number;
    rate: number;
    completeness: number;
    p50: number;
    p99: number;
    /** The p99 of each measurement of the point (runs since 2026-12-08); p99 is their median. */
    p99s?: number[];
    p999: number;
    cpuMicrosPerDelivery: number;
    ok: boolean;
  }>;
}
interface IngestDetail {
  serverCpu: number;
  meanRequestMs: number;
  meanStoreAppendMs: number;
  serverCpuMicrosPerEvent: number;
  eventsPerTransaction?: number;
}
interface IngestResult extends Stamp {
  method?: string;
  batch: number;
  sync: string;
  senders?: number;
  bare?: { eventsPerSecond: number };
  product?: { eventsPerSecond: number; p99Ms: number };
  ratio?: number;
  postgres?: {
    bare: { eventsPerSecond: number };
    product: { eventsPerSecond: number; p99Ms: number; eventsPerTransaction?: number };
    ratioToBare: number | null;
    ratioToSqlite: number | null;
  };
  rounds?: Array<{
    bare?: number;
    product?: number;
    barePostgres?: number;
    postgres?: number;
    sqliteDetail?: IngestDetail;
    postgresDetail?: IngestDetail;
  }>;
  meetsTargets: boolean;
}
interface ClusterResult extends Stamp {
  method: string;
  target: { cpuPerDeliveryRatioAtMost: number; met: boolean };
  comparisons: Array<{
    dashboards: number;
    rate: number;
    oneNode: { cpuMicrosPerDelivery: number; p99: number; completeness: number };
    twoNodes: { cpuMicrosPerDelivery: number; p99: number; completeness: number };
    cpuPerDeliveryRatio: number;
    met: boolean;
  }>;
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
  `\`${s.command}\` — ${s.date.slice(0, 16).replace('T', ' ')} UTC${s.commit ? `, commit ${s.commit}` : ''}; ${s.machine.cpus} × ${s.machine.cpuModel}, ${s.machine.memoryGiB} GiB, Node ${s.machine.node}${s.machine.loadAverage ? `; load average ${s.machine.loadAverage} (1/5/15 min) at the end` : ''}`;
const table = (header: string[], rows: Array<Array<string | number>>) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function fanoutSection(r: FanoutResult | null): string {
  if (!r) return '## Fan-out\n\nNot run yet: `npm run bench:fanout`.';
  const point = Object.entries(r.targets).find(([name]) => name.includes('dashboards at'));
  const batching = r.baseline === 'bare-batch';
  const perEvent = r.knees.some((k) => k.perEventBareKnee !== undefined);
  const baselineName = batching ? 'batching bare Socket.IO' : 'bare Socket.IO, one emit per event';
  return [
    '## Fan-out: dashboards × events a second',
    stamp(r),
    r.method,
    table(
      [
        'dashboards',
        'Concordia knee (ev/s)',
        `${baselineName} knee (ev/s)`,
        ...(perEvent ? ['per-event bare knee (ev/s), the old strawman'] : []),
        'knee ratio (≥ 0.8)',
        'CPU per delivery, Concordia ÷ bare (≤ 1.25)',
        'compared at (ev/s)',
        'memory per connection (KB) Concordia / bare',
      ],
      r.knees.map((k) => [
        k.dashboards,
        k.concordiaKnee,
        k.bareKnee,
        ...(perEvent ? [k.perEventBareKnee ?? '—'] : []),
        k.kneeRatio ?? 'the baseline never met p99 ≤ 100 ms',
        k.cpuPerDeliveryRatio ?? '—',
        k.cpuComparedAtRate ?? '—',
        `${r.memoryKBPerConnection.concordia?.[k.dashboards] ?? '—'} / ${r.memoryKBPerConnection[r.baseline ?? 'bare']?.[k.dashboards] ?? '—'}`,
      ]),
    ),
    point
      ? `Target point, ${point[0]}: p99 ${point[1].p99 ?? '—'} ms${point[1].p99s ? ` (median of ${point[1].p99s.join(', ')} ms)` : ''}, completeness ${point[1].completeness ?? '—'} → met: ${yesNo(point[1].met)}`
      : '',
    '<details><summary>Every point</summary>\n',
    table(
      [
        'system',
        'dashboards',
        'ev/s',
        'complete',
        'p50 ms',
        'p99 ms (median; each)',
        'p99.9 ms',
        'µs CPU per delivery',
        'p99 ≤ 100 and complete',
      ],
      r.results.map((m) => [
        m.system,
        m.dashboards,
        m.rate,
        `${(m.completeness * 100).toFixed(2)}%`,
        m.p50,
        m.p99s ? `${m.p99} (${m.p99s.join(', ')})` : m.p99,
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
  const rows: Array<Array<string | number>> = [];
  if (r.bare && r.product) {
    rows.push(
      [`bare better-sqlite3 insert loop (${r.batch} rows a transaction, synchronous=${r.sync})`, r.bare.eventsPerSecond, ''],
      [`Concordia on SQLite, POST /api/events (${r.batch} events a request, 201 after commit)`, r.product.eventsPerSecond, '≥ 10,000'],
      ['SQLite: Concordia ÷ bare loop', r.ratio ?? '—', '≥ 0.8'],
    );
  }
  if (r.postgres) {
    rows.push(
      [
        `bare pg insert loop (${r.batch} rows a transaction, the store's schema, head-row lock, synchronous_commit on)`,
        r.postgres.bare.eventsPerSecond,
        '',
      ],
      [
        `Concordia on PostgreSQL, POST /api/events (${r.batch} events a request, 201 after commit; ~${r.postgres.product.eventsPerTransaction ?? '—'} events a commit)`,
        r.postgres.product.eventsPerSecond,
        '≥ 10,000',
      ],
      ['PostgreSQL: Concordia ÷ Concordia on SQLite', r.postgres.ratioToSqlite ?? '—', '≥ 0.8'],
      ['PostgreSQL: Concordia ÷ bare pg loop', r.postgres.ratioToBare ?? '—', ''],
    );
  }
  const detail = (d: IngestDetail | undefined) =>
    d
      ? `${d.meanRequestMs} ms a request, ${d.meanStoreAppendMs} in store.append, ${d.serverCpuMicrosPerEvent} µs CPU an event (${Math.round(d.serverCpu * 100)}% of a core)`
      : '—';
  const rounds = r.rounds ?? [];
  return [
    '## Durable ingest',
    stamp(r),
    r.method ?? '',
    table(['', 'events/s (median of the rounds)', 'target'], rows),
    `Targets met: ${yesNo(r.meetsTargets)}.${r.product ? ` SQLite request p99 ${r.product.p99Ms} ms.` : ''}${r.postgres ? ` PostgreSQL request p99 ${r.postgres.product.p99Ms} ms.` : ''}`,
    rounds.length
      ? table(
          [
            'round',
            'bare SQLite',
            'Concordia SQLite',
            'bare pg',
            'Concordia PostgreSQL',
            "where a request's time went, SQLite",
            '… PostgreSQL',
          ],
          rounds.map((x, i) => [
            i + 1,
            x.bare ?? '—',
            x.product ?? '—',
            x.barePostgres ?? '—',
            x.postgres ?? '—',
            detail(x.sqliteDetail),
            detail(x.postgresDetail),
          ]),
        )
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function clusterSection(r: ClusterResult | null): string {
  if (!r) return '## Fan-out across nodes\n\nNot run yet: `npm run bench:fanout -- --cluster`.';
  return [
    '## Fan-out across nodes: two nodes on one PostgreSQL beside one',
    stamp(r),
    r.method,
    table(
      ['dashboards', 'ev/s', 'µs CPU per delivery, 1 node', '2 nodes', 'ratio (≤ 1.25)', 'p99 ms 1 node / 2 nodes', 'complete 1 / 2'],
      r.comparisons.map((c) => [
        c.dashboards,
        c.rate,
        c.oneNode.cpuMicrosPerDelivery,
        c.twoNodes.cpuMicrosPerDelivery,
        c.cpuPerDeliveryRatio,
        `${c.oneNode.p99} / ${c.twoNodes.p99}`,
        `${(c.oneNode.completeness * 100).toFixed(2)}% / ${(c.twoNodes.completeness * 100).toFixed(2)}%`,
      ]),
    ),
    `Target met: ${yesNo(r.target.met)}.`,
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
  'The machine has 2 cores, and other work may run on it (each section shows the load average when its figures were written): absolute figures drift from minute to minute, so each comparison is measured in the same run, alternating, and each section says how.',
  fanoutSection(read<FanoutResult>('fanout')),
  clusterSection(read<ClusterResult>('fanout-cluster')),
  ingestSection(read<IngestResult>('ingest')),
  mapSection(read<MapResult>('map')),
  seekSection(read<SeekResult>('seek')),
  NOTES.length
    ? `## Notes beside the figures\n\nWritten by hand, each with its commands: ${NOTES.map((f) => `[${f}](${f})`).join(', ')}.`
    : '',
  '',
].join('\n\n');
writeFileSync(path.join(RESULTS, 'README.md'), page);
console.log(path.join(RESULTS, 'README.md'));
