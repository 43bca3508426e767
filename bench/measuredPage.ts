/**
 * The wall page the map benchmark measures, opened by one of two drivers:
 *   - bare: Chromium over a bare DevTools connection, no Network domain (bareCdpPage.ts) — the
 *     wall as it runs in a command room, with nobody inspecting its traffic. The default.
 *   - playwright: a Playwright page, which copies every WebSocket message to the test runner;
 *     kept to show what that instrumentation costs.
 * Both give the measurement the same few things: evaluate, a CPU profile, a trace.
 */
import type { Browser } from '@playwright/test';
import { BareCdpPage, type BareCookie } from './bareCdpPage.ts';

export const DRIVERS = {
  bare: "Chromium over a bare DevTools connection (no Network domain: nothing copies the page's WebSocket traffic)",
  playwright: "a Playwright page (Playwright's Network domain copies every WebSocket message to the runner)",
} as const;
export type Driver = keyof typeof DRIVERS;

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it. */
  tdur?: number;
  args?: { name?: string };
}

export interface MeasuredPage {
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** A V8 CPU profile of the page over `ms`, sampling every `intervalUs`. */
  cpuProfile(ms: number, intervalUs: number): Promise<CpuProfile>;
  /** A DevTools trace of the browser's processes over `ms`. */
  trace(ms: number, categories: string[]): Promise<TraceEvent[]>;
  close(): Promise<void>;
}

export interface WallToOpen {
  url: string;
  viewport: { width: number; height: number };
  cookies: readonly BareCookie[];
  /** Runs in the page before its own scripts. */
  probe: string;
}

/** True in the page once the wall is live and its map is up. */
const WALL_READY = `[...document.querySelectorAll('[role=status]')].some((e) => /EN VIVO/.test(e.textContent))
  && document.querySelector('[data-wall-map] .leaflet-container') !== null`;
const READY_TIMEOUT_MS = 30_000;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until `expression` is truthy in the page. Through the driver's evaluate, not Playwright's
 * waitForFunction: that evaluates a string inside the page, which the wall's CSP forbids.
 */
async function waitUntil(evaluate: MeasuredPage['evaluate'], expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await wait(100); // polling interval
  }
}

export async function openPlaywrightWall(browser: Browser, wall: WallToOpen): Promise<MeasuredPage> {
  const context = await browser.newContext({ viewport: wall.viewport });
  await context.addCookies([...wall.cookies]);
  await context.addInitScript(wall.probe);
  const page = await context.newPage();
  await page.goto(wall.url);
  await waitUntil((expression) => page.evaluate(expression), WALL_READY, READY_TIMEOUT_MS);
  return {
    evaluate: (expression) => page.evaluate(expression),
    async cpuProfile(ms, intervalUs) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await cdp.send('Profiler.start');
      await wait(ms);
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return profile;
    },
    async trace(ms, categories) {
      await browser.startTracing(page, { categories });
      await wait(ms);
      return (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    },
    close: () => context.close(),
  };
}

export async function openBareWall(
  launch: { executablePath: string; args: readonly string[]; cpus?: string },
  wall: WallToOpen,
): Promise<MeasuredPage> {
  const page = await BareCdpPage.open({ ...launch, viewport: wall.viewport, cookies: wall.cookies, initScript: wall.probe, url: wall.url });
  try {
    await waitUntil((expression) => page.evaluate(expression), WALL_READY, READY_TIMEOUT_MS);
  } catch (error) {
    await page.close();
    throw error;
  }
  return {
    evaluate: (expression) => page.evaluate(expression),
    async cpuProfile(ms, intervalUs) {
      await page.call('Profiler.enable');
      await page.call('Profiler.setSamplingInterval', { interval: intervalUs });
      await page.call('Profiler.start');
      await wait(ms);
      const { profile } = await page.call('Profiler.stop');
      await page.call('Profiler.disable');
      return profile as CpuProfile;
    },
    async trace(ms, categories) {
      const events: TraceEvent[] = [];
      const stopCollecting = page.on('Tracing.dataCollected', (params) => events.push(...(params.value as TraceEvent[])));
      const complete = new Promise<void>((resolve) => {
        const stop = page.on('Tracing.tracingComplete', () => {
          stop();
          resolve();
        });
      });
      await page.browserCall('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
      await wait(ms);
      await page.browserCall('Tracing.end');
      await complete;
      stopCollecting();
      return events;
    },
    close: () => page.close(),
  };
}
