/* eslint-disable @typescript-eslint/no-explicit-any -- CDP replies are untyped JSON; each caller reads the fields its method documents. */
/**
 * A page in Chromium driven over a bare DevTools connection: only the domains the map benchmark
 * asks for (Runtime.evaluate, Page, Profiler, Tracing), never Network.
 *
 * Why not Playwright for the measured page: Playwright enables the Network domain on every page,
 * so Chromium copies each WebSocket message into a DevTools event and ships it through the
 * browser process to the test runner. Under a flood the wall receives a ~1.6 MB message every
 * half second; on one core that copying competed with the page for the CPU and took the wall from
 * 57 to 46 fps in the same run setup — the harness, not the product. A wall display in a command
 * room has no DevTools client attached, so the measured page has none either. Sign-in and the
 * first-load JS measurement still use Playwright (bench/map.ts), where that cost does not matter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface BareCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
}

export interface BarePageOptions {
  executablePath: string;
  args: readonly string[];
  /** Run Chromium with this CPU affinity (taskset list, e.g. "1"); undefined: any CPU. */
  cpus?: string;
  viewport: { width: number; height: number };
  cookies: readonly BareCookie[];
  /** Evaluated in every document before its own scripts (Page.addScriptToEvaluateOnNewDocument). */
  initScript: string;
  url: string;
}

/** What Playwright launches Chromium with so that a page nobody looks at still animates. */
const HEADLESS_ARGS = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

type Listener = (params: Record<string, unknown>) => void;

export class BareCdpPage {
  private nextId = 0;
  private readonly replies = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();

  private sessionId = '';
  private readonly toChromium: Writable;

  private constructor(
    private readonly chromium: ChildProcess,
    private readonly userDataDir: string,
  ) {
    // --remote-debugging-pipe: Chromium reads NUL-terminated JSON messages on fd 3 and writes them
    // on fd 4. Unlike a debugging port, the pipe closes if this process dies, and Chromium with it.
    this.toChromium = chromium.stdio[3] as Writable;
    const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
    let partial = '';
    (chromium.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      const parts = (partial + decoder.write(chunk)).split('\0');
      partial = parts.pop()!;
      for (const message of parts) this.onMessage(message);
    });
    chromium.once('error', (error) => {
      for (const { reject } of this.replies.values()) reject(error);
      this.replies.clear();
    });
    chromium.once('exit', () => {
      for (const { reject } of this.replies.values()) reject(new Error('Chromium exited'));
      this.replies.clear();
    });
  }

  static async open(options: BarePageOptions): Promise<BareCdpPage> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'concordia-bench-chromium-'));
    const args = [
      ...options.args,
      ...HEADLESS_ARGS,
      '--remote-debugging-pipe',
      `--user-data-dir=${userDataDir}`,
      `--window-size=${options.viewport.width},${options.viewport.height}`,
      'about:blank',
    ];
    const [command, commandArgs] = options.cpus
      ? ['taskset', ['-c', options.cpus, options.executablePath, ...args]]
      : [options.executablePath, args];
    const chromium = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const page = new BareCdpPage(chromium, userDataDir);
    await page.browserCall('Storage.setCookies', { cookies: options.cookies });
    const { targetId } = await page.browserCall('Target.createTarget', { url: 'about:blank' });
    page.sessionId = (await page.browserCall('Target.attachToTarget', { targetId, flatten: true })).sessionId;
    await page.call('Page.enable');
    await page.call('Emulation.setDeviceMetricsOverride', { ...options.viewport, deviceScaleFactor: 1, mobile: false });
    await page.call('Page.addScriptToEvaluateOnNewDocument', { source: options.initScript });
    await page.call('Page.navigate', { url: options.url });
    return page;
  }

  /** A method on the page's session. */
  call(method: string, params: object = {}): Promise<any> {
    return this.send(method, params, this.sessionId);
  }

  /** A method on the browser (Target, Storage, Tracing). */
  browserCall(method: string, params: object = {}): Promise<any> {
    return this.send(method, params);
  }

  /** Evaluates an expression in the page and returns its value (awaiting a promise). */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const result = await this.call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (result.exceptionDetails)
      throw new Error(`page threw: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value as T;
  }

  on(event: string, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => (this.chromium.exitCode !== null ? resolve(null) : this.chromium.once('exit', resolve)));
    try {
      await this.browserCall('Browser.close');
    } catch {
      this.chromium.kill();
    }
    await exited;
    rmSync(this.userDataDir, { recursive: true, force: true });
  }

  private send(method: string, params: object, sessionId?: string): Promise<any> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: Record<string, unknown>;
    };
    if (message.id !== undefined) {
      const reply = this.replies.get(message.id);
      this.replies.delete(message.id);
      if (message.error) reply?.reject(new Error(`DevTools: ${message.error.message}`));
      else reply?.resolve(message.result);
    } else if (message.method) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {});
    }
  }
}
