/**
 * The map under load: the wall display in headless Chromium (1920×1080, a signed-in coordinator)
 * while N units move at 10 Hz, fed through the real API (POST /api/events, the agencies' keys,
 * batches of up to 500) and pushed to the page over the real socket. Measures, per size:
 *   - frames a second (a requestAnimationFrame counter in the page) and the worst frame gaps;
 *   - main-thread long tasks (PerformanceObserver 'longtask'): count, total and longest;
 *   - what the page actually received (unit.position events counted on its WebSocket), next to
 *     what the server accepted, so a feed the server could not keep up with shows as such;
 *   - CPU of the server, of Chromium and of the whole machine over the window.
 * And the wall page's first-load JS: every script the page loads, gzipped (zlib level 9), split
 * into the scripts the HTML names (needed to hydrate) and those loaded after (the map's chunk).
 *
 * The measured page has no DevTools Network domain on it (bench/measuredPage.ts says why);
 * `--driver playwright` measures it as a Playwright page instead, to see what that costs.
 *
 *   npm run build && npm run bench:map -- --label after --sizes 500,2000,5000 --seconds 20
 *
 * Builds nothing itself. Writes bench/results/map.json, keeping earlier runs under their labels
 * (so "before" and "after" sit side by side), and prints a table.
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import type { Agency } from '../lib/contract/agencies.ts';
import type { EventInput } from '../lib/contract/events.ts';
import { INITIAL_VIEW } from '../lib/geo/operatingArea.ts';
import { DRIVERS, openBareWall, openPlaywrightWall, type Driver, type MeasuredPage, type TraceEvent } from './measuredPage.ts';
import { cpuSeconds, machine, pinSelf, startProductionServer, writeResult, type RunningServer } from './support.ts';
import { webSocketTextCost } from './wsTextCost.ts';

const { values } = parseArgs({
  options: {
    label: { type: 'string', default: 'latest' },
    /** The built app to run (default: this checkout), e.g. a copy of an earlier commit for a "before". */
    app: { type: 'string', default: process.cwd() },
    sizes: { type: 'string', default: '500,2000,5000' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    hz: { type: 'string', default: '10' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    port: { type: 'string', default: '3640' },
    /**
     * Callsigns in plain ASCII ("Movil 12") instead of Spanish ("Móvil 12"): shows what non-ASCII
     * text in the socket's JSON costs the page (Chromium's WebSocket decodes it slowly).
     */
    ascii: { type: 'boolean', default: false },
    /**
     * Also measure the bare browser: a ~1 MB WebSocket text message of event JSON with Spanish text
     * as UTF-8, and the same with non-ASCII escaped (bench/wsTextCost.ts).
     */
    'ws-text': { type: 'boolean', default: false },
    /** Fix the map's unit renderer (?mapUnits=dom|canvas) instead of letting the map choose by count. */
    renderer: { type: 'string' },
    /** After each measured window, a 5 s CPU profile of the page: where its main thread goes. */
    profile: { type: 'boolean', default: false },
    /**
     * split: server and feeder on CPU 0, Chromium on CPU 1 (the wall as if on a machine of its
     * own, with one core); server: server and feeder on CPU 0, Chromium on either; none.
     */
    pin: { type: 'string', default: 'split' },
    /**
     * How the measured page is driven (bench/measuredPage.ts): bare (no DevTools Network domain,
     * as on a real wall) or playwright (which copies every WebSocket message to this process).
     */
    driver: { type: 'string', default: 'bare' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const PINNING = {
  split: 'server and feeder on CPU 0, Chromium on CPU 1',
  server: 'server and feeder on CPU 0, Chromium on both',
  none: 'none: server, feeder and Chromium share both CPUs',
} as const;
if (!(values.pin in PINNING)) throw new Error(`--pin must be one of ${Object.keys(PINNING).join(', ')}`);
const PIN = values.pin as keyof typeof PINNING;
if (!(values.driver in DRIVERS)) throw new Error(`--driver must be one of ${Object.keys(DRIVERS).join(', ')}`);
const DRIVER = values.driver as Driver;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1920, height: 1080 };
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const HZ = Number(values.hz);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const TARGET = { unitsOnMap: 5_000, minFps: 50, maxFirstLoadJsGzipKB: 200 };
/** The agencies with a shape of their own, so every sprite kind is drawn. */
const AGENCIES: readonly Agency[] = ['carabineros', 'pdi', 'pnp', 'ejercito-pe'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Installed in the page before any of its scripts. Plain JavaScript in a string: a function
 * passed through tsx would carry its helpers (__name) into a page that does not have them.
 */
const PROBE = `(() => {
  const probe = { frames: [], longTasks: [], positions: 0, batches: 0, startedAt: performance.now() };
  const onFrame = (t) => { probe.frames.push(t); requestAnimationFrame(onFrame); };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Count unit positions as they arrive on the socket: socket.io frames are text, 42["events:appended",…].
  const Native = window.WebSocket;
  const MARK = '"type":"unit.position"';
  class CountingWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.startsWith('42["events:appended"')) return;
        probe.batches++;
        for (let i = e.data.indexOf(MARK); i !== -1; i = e.data.indexOf(MARK, i + MARK.length)) probe.positions++;
      });
    }
  }
  window.WebSocket = CountingWebSocket;
  probe.reset = () => {
    probe.frames = []; probe.longTasks = [];
    probe.positions = 0; probe.batches = 0; probe.startedAt = performance.now();
  };
  probe.read = () => {
    const now = performance.now();
    const gaps = probe.frames.slice(1).map((t, i) => t - probe.frames[i]).sort((a, b) => a - b);
    const tasks = probe.longTasks.filter((t) => t.start >= probe.startedAt);
    const map = document.querySelector('[data-wall-map]');
    const canvas = map && map.querySelector('canvas[data-unit-count]');
    return {
      seconds: (now - probe.startedAt) / 1000,
      frames: probe.frames.length,
      gapP50: gaps[Math.floor(gaps.length * 0.5)] || 0,
      gapP95: gaps[Math.floor(gaps.length * 0.95)] || 0,
      gapMax: gaps[gaps.length - 1] || 0,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((a, t) => a + t.duration, 0),
      longestTaskMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
      positions: probe.positions,
      batches: probe.batches,
      unitsDrawn: canvas ? Number(canvas.getAttribute('data-unit-count')) : (map ? map.querySelectorAll('[data-unit-key]').length : 0),
      renderer: canvas ? 'canvas' : 'dom',
    };
  };
  window.__mapProbe = probe;
})();`;

type ProbeReading = {
  seconds: number;
  frames: number;
  gapP50: number;
  gapP95: number;
  gapMax: number;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  positions: number;
  batches: number;
  unitsDrawn: number;
  renderer: 'canvas' | 'dom';
};

interface SizeResult {
  units: number;
  renderer: string;
  unitsDrawn: number;
  fps: number;
  frameGapMs: { p50: number; p95: number; max: number };
  longTasks: { count: number; perSecond: number; totalMs: number; longestMs: number };
  feed: {
    intendedEventsPerSecond: number;
    acceptedEventsPerSecond: number;
    receivedEventsPerSecond: number;
    /** Position updates each unit got a second, as the page received them. */
    receivedHzPerUnit: number;
    batchesPerSecond: number;
    /** Positions not sent because the server was more than a period behind. */
    skippedEventsPerSecond: number;
    rejectedRequests: number;
  };
  cpu: {
    serverPercent: number;
    chromiumPercent: number;
    /** Chromium's CPU by process kind (renderer, gpu-process, browser, …), in % of one CPU. */
    chromiumByProcess: Record<string, number>;
    /** This process: the feeder (and Playwright's side of the browser connection). */
    feederPercent: number;
    machineBusyPercent: number;
    /** What else ran on the machine meanwhile (busy less the above): near 0 for a clean run. */
    othersPercent: number;
    loadAverageBefore: number;
  };
  /** With --profile: the page's busiest functions (self time), from a separate 5 s window. */
  profile?: ProfileLine[];
  /** With --profile: the page's main thread by trace event (self time), from a separate 3 s window. */
  timeline?: Array<{ event: string; selfCpuMs: number }>;
}

interface ProfileLine {
  function: string;
  where: string;
  selfMs: number;
  percent: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concordia-mapbench-'));
  const server = await startProductionServer({
    dataDir,
    port: Number(values.port),
    cwd: values.app,
    cpu: PIN === 'none' ? undefined : 0,
    // The feed is a load test, not an agency: lift the per-key request limit.
    env: { CONCORDIA_INGEST_REQUESTS_PER_SECOND: '1000000' },
  });
  // Chromium inherits this process's CPU affinity at launch; afterwards the feeder joins the server.
  if (PIN === 'split') pinSelf('1');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  if (PIN !== 'none') pinSelf('0');
  const browserVersion = browser.version();
  let page: MeasuredPage | undefined;
  try {
    const storageState = await signIn(browser, server);
    const firstLoad = await measureFirstLoadJs(browser, server, storageState);
    console.log(
      `first-load JS (gzip): ${firstLoad.htmlScriptsGzipKB} KB named by the HTML, ${firstLoad.totalGzipKB} KB with the map's chunks`,
    );

    const bareWebSocketText = values['ws-text']
      ? { utf8: await webSocketTextCost(browser, false), nonAsciiEscaped: await webSocketTextCost(browser, true) }
      : undefined;
    if (bareWebSocketText) console.log('bare WebSocket text, ~1 MB messages:', bareWebSocketText);

    const wall = {
      url: `${server.url}/wall${values.renderer ? `?mapUnits=${values.renderer}` : ''}`,
      viewport: VIEWPORT,
      cookies: storageState.cookies.map(({ name, value, domain, path }) => ({ name, value, domain, path })),
      probe: PROBE,
    };
    if (DRIVER === 'bare') {
      await browser.close(); // done with sign-in: its processes would only add to the measured CPU
      page = await openBareWall({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, cpus: PIN === 'split' ? '1' : undefined }, wall);
    } else {
      page = await openPlaywrightWall(browser, wall);
    }

    const feeder = new Feeder(server);
    const sizes: SizeResult[] = [];
    for (const units of SIZES) {
      const result = await measureSize(page, server, feeder, units);
      sizes.push(result);
      console.log(
        `${units} units: ${result.fps} fps, ${result.longTasks.count} long tasks (${result.longTasks.totalMs} ms), ` +
          `page received ${result.feed.receivedEventsPerSecond}/s (${result.feed.receivedHzPerUnit} Hz a unit) of ${result.feed.intendedEventsPerSecond}/s`,
      );
    }
    await feeder.close();
    await page.close();
    page = undefined;

    const run = {
      command: `npm run bench:map -- ${process.argv.slice(2).join(' ')}`.trim(),
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: machine(),
      setup: {
        browser: `Chromium ${browserVersion} headless, software rendering (--disable-gpu), 1920×1080, coordinator-cl on /wall`,
        feed: `${HZ} Hz per unit through POST /api/events: slices of ≤${BATCH} units (one agency each) spread evenly over each period, ≤${CONCURRENCY} requests in flight; slices a period late are skipped and counted`,
        pinning: PINNING[PIN],
        driver: DRIVERS[DRIVER],
        renderer: values.renderer
          ? `fixed by ?mapUnits=${values.renderer}`
          : 'chosen by the map (DOM markers up to 150 units, canvas above)',
        callsigns: values.ascii ? 'ASCII ("Movil 12")' : 'Spanish ("Móvil 12"): non-ASCII in every event',
        windowSeconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
      },
      sizes,
      firstLoadJs: firstLoad,
      bareWebSocketText,
      meetsTargets: {
        fps5000: (sizes.find((s) => s.units === TARGET.unitsOnMap)?.fps ?? 0) >= TARGET.minFps,
        firstLoadJs: firstLoad.htmlScriptsGzipKB <= TARGET.maxFirstLoadJsGzipKB,
      },
    };
    const file = saveRun(values.label, run);
    printTable(values.label, run.sizes, firstLoad);
    for (const s of run.sizes.filter((r) => r.profile)) {
      console.log(`\nprofile at ${s.units} units (self time, 5 s)`);
      console.table(s.profile);
      console.log(`main thread by trace event at ${s.units} units (self time, 3 s)`);
      console.table(s.timeline);
    }
    console.log(file);
  } finally {
    await page?.close();
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function signIn(browser: Browser, server: RunningServer) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const coordinator = server.credentials.users.find((u) => u.username === 'coordinator-cl')!;
  await page.goto(`${server.url}/wall`);
  await page.getByLabel('Usuario').fill(coordinator.username);
  await page.getByLabel('Contraseña').fill(coordinator.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/wall/);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Opens /wall with an empty cache and gzips every script it loads until the map is up. */
async function measureFirstLoadJs(browser: Browser, server: RunningServer, storageState: Awaited<ReturnType<typeof signIn>>) {
  const context = await browser.newContext({ viewport: VIEWPORT, storageState });
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, response.body());
  });
  const document = await page.goto(`${server.url}/wall`);
  const html = (await document?.text()) ?? '';
  await page
    .getByRole('status')
    .filter({ hasText: /EN VIVO/ })
    .waitFor({ timeout: 30_000 });
  await page.locator('[data-wall-map] .leaflet-container').waitFor();
  await page.waitForLoadState('networkidle');
  const named = new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => new URL(m[1], server.url).pathname));
  const files = await Promise.all(
    [...scripts].map(async ([url, body]) => {
      const bytes = await body;
      return { url, named: named.has(url), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  await context.close();
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  const sum = (list: typeof files) => list.reduce((a, f) => a + f.gzipBytes, 0);
  return {
    htmlScriptsGzipKB: kb(sum(files.filter((f) => f.named))),
    totalGzipKB: kb(sum(files)),
    totalRawKB: kb(files.reduce((a, f) => a + f.bytes, 0)),
    files: files.map((f) => ({ ...f, gzipKB: kb(f.gzipBytes), contains: chunkContents(f.url) })),
  };
}

/**
 * What a built chunk holds, recognised by strings each library leaves in its minified code
 * (Turbopack keeps no module paths in production chunks).
 */
const CHUNK_SIGNATURES: Array<[string, RegExp]> = [
  ['react-dom', /__reactContainer|react-dom/],
  ['next runtime', /__next_f|next-router|NEXT_REDIRECT/],
  ['leaflet', /leaflet-container/],
  ['socket.io-client', /engine\.io|socket\.io/],
  ['zod', /ZodError/],
  ['i18n messages', /Cuadro de operaciones/],
  ['map components', /data-unit-key|cmap-unit/],
];

function chunkContents(url: string): string[] {
  const file = path.join(values.app, '.next', url.replace(/^\/_next\//, ''));
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return CHUNK_SIGNATURES.filter(([, signature]) => signature.test(text)).map(([name]) => name);
}

async function measureSize(page: MeasuredPage, server: RunningServer, feeder: Feeder, units: number): Promise<SizeResult> {
  feeder.start(units);
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000)); // let the map fill and settle
  await page.evaluate('window.__mapProbe.reset()');
  feeder.resetCounters();
  const loadAverageBefore = Math.round(os.loadavg()[0] * 10) / 10;
  const cpuAtStart = {
    server: cpuSeconds(server.child.pid!),
    chromium: chromiumCpuSeconds(),
    self: cpuSeconds(process.pid),
    machine: machineCpu(),
  };
  await new Promise((r) => setTimeout(r, SECONDS * 1000)); // the measurement window
  const reading = (await page.evaluate('window.__mapProbe.read()')) as ProbeReading;
  const fed = feeder.counters();
  const cpuAtEnd = {
    server: cpuSeconds(server.child.pid!),
    chromium: chromiumCpuSeconds(),
    self: cpuSeconds(process.pid),
    machine: machineCpu(),
  };
  const elapsed = reading.seconds;
  const profile = values.profile ? await profilePage(page) : undefined;
  const timeline = values.profile ? await traceTimeline(page) : undefined;
  await feeder.stop();
  const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
  const percentOf = (cpu: number) => round((cpu / fed.seconds) * 100, 0);
  return {
    units,
    renderer: reading.renderer,
    unitsDrawn: reading.unitsDrawn,
    fps: round(reading.frames / elapsed),
    frameGapMs: { p50: round(reading.gapP50), p95: round(reading.gapP95), max: round(reading.gapMax) },
    longTasks: {
      count: reading.longTasks,
      perSecond: round(reading.longTasks / elapsed),
      totalMs: Math.round(reading.longTaskMs),
      longestMs: Math.round(reading.longestTaskMs),
    },
    feed: {
      intendedEventsPerSecond: units * HZ,
      acceptedEventsPerSecond: Math.round(fed.accepted / fed.seconds),
      receivedEventsPerSecond: Math.round(reading.positions / elapsed),
      receivedHzPerUnit: round(reading.positions / elapsed / units, 2),
      batchesPerSecond: round(reading.batches / elapsed),
      skippedEventsPerSecond: Math.round(fed.skipped / fed.seconds),
      rejectedRequests: fed.rejected,
    },
    cpu: {
      serverPercent: percentOf(cpuAtEnd.server - cpuAtStart.server),
      chromiumPercent: percentOf(sumOf(cpuAtEnd.chromium) - sumOf(cpuAtStart.chromium)),
      chromiumByProcess: Object.fromEntries(
        [...cpuAtEnd.chromium].map(([kind, seconds]) => [kind, percentOf(seconds - (cpuAtStart.chromium.get(kind) ?? 0))]),
      ),
      feederPercent: percentOf(cpuAtEnd.self - cpuAtStart.self),
      machineBusyPercent: round(
        ((cpuAtEnd.machine.busy - cpuAtStart.machine.busy) / (cpuAtEnd.machine.total - cpuAtStart.machine.total)) * 100,
        0,
      ),
      othersPercent: percentOf(
        (cpuAtEnd.machine.busy - cpuAtStart.machine.busy) / 100 -
          (cpuAtEnd.server - cpuAtStart.server) -
          (sumOf(cpuAtEnd.chromium) - sumOf(cpuAtStart.chromium)) -
          (cpuAtEnd.self - cpuAtStart.self),
      ),
      loadAverageBefore,
    },
    profile,
    timeline,
  };
}

/**
 * A 3 s DevTools timeline trace of the page's main thread, summed by event name (self time, in
 * thread CPU time so that waiting for a busy CPU does not count): the rendering work (style,
 * layout, paint) that a JS profile shows only as "(program)".
 */
async function traceTimeline(page: MeasuredPage): Promise<Array<{ event: string; selfCpuMs: number }>> {
  const events = await page.trace(3_000, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink']);
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer is the one whose main thread ran animation frames.
  const main = mains.find((m) => events.some((x) => x.pid === m.pid && x.tid === m.tid && x.name === 'FireAnimationFrame')) ?? mains[0];
  const onMain = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Self time: each event's time less its direct children's (events nest on one thread).
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;
  for (const e of onMain) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - cpu(e));
    self.set(e.name, (self.get(e.name) ?? 0) + cpu(e));
    stack.push(e);
  }
  return [...self]
    .map(([event, us]) => ({ event, selfCpuMs: Math.round(us / 1000) }))
    .filter((l) => l.selfCpuMs > 0)
    .sort((a, b) => b.selfCpuMs - a.selfCpuMs)
    .slice(0, 15);
}

/** A 5 s V8 CPU profile of the page, summed by function (self time), top 15. */
async function profilePage(page: MeasuredPage): Promise<ProfileLine[]> {
  const profile = await page.cpuProfile(5_000, 500);
  // The whole profile, for a closer look (chrome://inspect, or a script): BENCH_PAGE_PROFILE_FILE=/tmp/page.cpuprofile
  if (process.env.BENCH_PAGE_PROFILE_FILE) writeFileSync(process.env.BENCH_PAGE_PROFILE_FILE, JSON.stringify(profile));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<string, { function: string; where: string; ms: number }>();
  let totalMs = 0;
  profile.samples?.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/_next\//, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
    const key = `${frame.functionName}|${where}`;
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    totalMs += ms;
    const line = selfMs.get(key) ?? { function: frame.functionName || '(anonymous)', where, ms: 0 };
    line.ms += ms;
    selfMs.set(key, line);
  });
  return [...selfMs.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
    .map((l) => ({ function: l.function, where: l.where, selfMs: Math.round(l.ms), percent: Math.round((l.ms / totalMs) * 1000) / 10 }));
}

/**
 * Moves `units` units at HZ through the real API. The fleet is cut into slices of ≤ BATCH units,
 * each slice one agency (one key per request), and the slices' requests are spread evenly over
 * each 1/HZ period — units report at their own moments, not all on the same tick — with at most
 * CONCURRENCY requests in flight. When the server cannot keep up, slices more than a period late
 * are skipped and counted, so the rate the page gets is measured, not assumed.
 */
class Feeder {
  private readonly keys: Map<Agency, string>;
  private readonly dispatcher = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  private running: Promise<void> | null = null;
  private stopping = false;
  private accepted = 0;
  private rejected = 0;
  private skipped = 0;
  private countingSince = performance.now();

  constructor(private readonly server: RunningServer) {
    this.keys = new Map(server.credentials.keys.map((k) => [k.agency, k.key]));
  }

  start(units: number): void {
    this.stopping = false;
    this.running = this.loop(units);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  resetCounters(): void {
    this.accepted = 0;
    this.rejected = 0;
    this.skipped = 0;
    this.countingSince = performance.now();
  }

  counters() {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      skipped: this.skipped,
      seconds: (performance.now() - this.countingSince) / 1000,
    };
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private async loop(units: number): Promise<void> {
    const slices = Math.ceil(units / BATCH);
    const periodMs = 1000 / HZ;
    const intervalMs = periodMs / slices;
    const inFlight = new Set<Promise<void>>();
    let slot = 0;
    let due = performance.now();
    while (!this.stopping) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // the slice's moment
      const lateSlots = Math.floor((performance.now() - due - periodMs) / intervalMs);
      if (lateSlots > 0) {
        // More than a period behind: those positions are stale before they are sent. Skip them.
        for (let i = 0; i < lateSlots; i++) this.skipped += this.sliceSize(units, (slot + i) % slices);
        slot += lateSlots;
        due += lateSlots * intervalMs;
      }
      if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
      const sent = this.post(this.sliceBody(units, slot % slices, Math.floor(slot / slices))).finally(() => inFlight.delete(sent));
      inFlight.add(sent);
      slot++;
      due += intervalMs;
    }
    await Promise.all(inFlight);
  }

  private async post({ agency, body, count }: { agency: Agency; body: string; count: number }): Promise<void> {
    const res = await request(`${this.server.url}/api/events`, {
      method: 'POST',
      dispatcher: this.dispatcher,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.keys.get(agency)}` },
      body,
    });
    await res.body.dump();
    if (res.statusCode === 201) this.accepted += count;
    else this.rejected++;
  }

  private sliceSize(units: number, slice: number): number {
    return Math.min(BATCH, units - slice * BATCH);
  }

  /** One slice's positions in round `round`: each unit circles its own spot, spread over the wall's view. */
  private sliceBody(units: number, slice: number, round: number): { agency: Agency; body: string; count: number } {
    const agency = AGENCIES[slice % AGENCIES.length];
    const occurredAt = new Date().toISOString();
    const columns = Math.ceil(Math.sqrt(units * 1.6)); // the view is wider than tall
    const rows = Math.ceil(units / columns);
    const events: EventInput[] = [];
    for (let i = slice * BATCH; i < slice * BATCH + this.sliceSize(units, slice); i++) {
      // Spots by a permutation of i, so the slices' agencies mix across the map.
      const spot = (i * 7919) % units;
      const baseLat = INITIAL_VIEW.center.lat - 0.16 + (0.32 * Math.floor(spot / columns)) / rows;
      const baseLon = INITIAL_VIEW.center.lon - 0.26 + (0.52 * (spot % columns)) / columns;
      const angle = round / 30 + i;
      events.push({
        id: `bench-${units}-${round}-${i}`,
        type: 'unit.position',
        agency,
        occurredAt,
        unitId: `U-${i}`,
        callsign: `${values.ascii ? 'Movil' : 'Móvil'} ${i}`,
        position: { lat: baseLat + 0.004 * Math.sin(angle), lon: baseLon + 0.004 * Math.cos(angle) },
      } as EventInput);
    }
    return { agency, body: JSON.stringify(events), count: events.length };
  }
}

/**
 * CPU seconds of the Chromium processes (our descendants), by kind: the page's renderer, the GPU
 * process (software compositing here), the browser process, Chromium's own WebUI renderer…
 */
function chromiumCpuSeconds(): Map<string, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.split(') ')[1].split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const ours = new Set<number>([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) if (!ours.has(pid) && ours.has(ppid)) (ours.add(pid), (grew = true));
  }
  const byKind = new Map<string, number>();
  for (const pid of ours) {
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('chromium')) continue;
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); // Chromium rewrites its title with spaces
      const type = args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
      const kind = args.includes('--top-chrome-webui')
        ? 'webui-renderer'
        : (args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19) ?? type);
      byKind.set(kind, (byKind.get(kind) ?? 0) + cpuSeconds(pid));
    } catch {
      // gone
    }
  }
  return byKind;
}

const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Busy and total jiffies (1/100 s, summed over CPUs) of the whole machine, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + fields[4]; // idle + iowait
  return { busy: total - idle, total };
}

function gitCommit(): string {
  if (values.app !== process.cwd()) return `the build in ${values.app}`;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'components/map'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit} + uncommitted components/map` : commit;
  } catch {
    return 'unknown';
  }
}

type SavedRun = { sizes: SizeResult[]; firstLoadJs: { htmlScriptsGzipKB: number; totalGzipKB: number } };

/**
 * Adds this run to bench/results/map.json under its label, keeping the others, and puts the runs
 * labelled "before" and "after" side by side at the top when both are there.
 */
function saveRun(label: string, run: SavedRun): string {
  const file = path.join(process.cwd(), 'bench', 'results', 'map.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { runs?: Record<string, SavedRun> }) : {};
  const previousLatest = (previous as { latest?: string }).latest;
  const runs = { ...previous.runs, [label]: run };
  return writeResult('map', {
    target: TARGET,
    // The run the report shows: the latest measured as a wall is (no DevTools Network domain), not
    // the Playwright comparison that npm run bench takes right after it.
    latest: DRIVER === 'bare' || !previousLatest ? label : previousLatest,
    beforeAfter: runs.before && runs.after ? compare(runs.before, runs.after) : undefined,
    runs,
  });
}

function compare(before: SavedRun, after: SavedRun) {
  const row = (s: SizeResult | undefined) =>
    s && {
      renderer: s.renderer,
      fps: s.fps,
      longTasks: s.longTasks.count,
      longTaskMs: s.longTasks.totalMs,
      receivedEventsPerSecond: s.feed.receivedEventsPerSecond,
    };
  const units = [...new Set([...before.sizes, ...after.sizes].map((s) => s.units))].sort((a, b) => a - b);
  return {
    sizes: units.map((n) => ({
      units: n,
      before: row(before.sizes.find((s) => s.units === n)),
      after: row(after.sizes.find((s) => s.units === n)),
    })),
    firstLoadJsGzipKB: {
      before: { namedByHtml: before.firstLoadJs.htmlScriptsGzipKB, withMap: before.firstLoadJs.totalGzipKB },
      after: { namedByHtml: after.firstLoadJs.htmlScriptsGzipKB, withMap: after.firstLoadJs.totalGzipKB },
    },
  };
}

function printTable(label: string, sizes: SizeResult[], firstLoad: { htmlScriptsGzipKB: number; totalGzipKB: number }): void {
  console.log(`\n${label}`);
  console.table(
    sizes.map((s) => ({
      units: s.units,
      renderer: s.renderer,
      fps: s.fps,
      'frame gap p95 ms': s.frameGapMs.p95,
      'long tasks': s.longTasks.count,
      'long task ms': s.longTasks.totalMs,
      'longest ms': s.longTasks.longestMs,
      'received /s': s.feed.receivedEventsPerSecond,
      'Hz a unit': s.feed.receivedHzPerUnit,
      'server CPU %': s.cpu.serverPercent,
      'chromium CPU %': s.cpu.chromiumPercent,
      'others CPU %': s.cpu.othersPercent,
    })),
  );
  console.log(`first-load JS gzip: ${firstLoad.htmlScriptsGzipKB} KB (HTML scripts), ${firstLoad.totalGzipKB} KB with the map`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
