import { defineConfig, devices } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PORT, WORKFLOW_DATA_DIR, WORKFLOW_PORT } from './e2e/support/servers.ts';

/**
 * End-to-end tests drive real Chromium against the production build (`npm run build` first).
 * Debian's Chromium by default (Playwright cannot download its own browser here); set
 * CHROMIUM_PATH to use another, or an empty CHROMIUM_PATH for Playwright's bundled one.
 */
const PORT = E2E_PORT;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1, // two cores: the server, Chromium and the runner share them
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The command-room wall display.
    {
      name: 'wall',
      testMatch: /(^|\/)(wall|wall-offline|map-canvas-wall|restart|durability|security)\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } },
    },
    // Field officers' phones (touch, small screen), and travellers' on the public page.
    { name: 'phone', testMatch: /(report|public).*\.spec\.ts/, use: { ...devices['Pixel 7'] } },
    // Trainers' console and exercise displays, and phones joining an exercise (training-phone).
    {
      name: 'training',
      testMatch: /training(-phone)?\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1600, height: 900 } },
    },
    // Agency systems and simulators driving the wall.
    {
      name: 'feeds',
      testMatch: /(ingest|simulat).*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } },
    },
    // The coordinators' desk: the handover brief, on screen and printed (A4).
    {
      name: 'desk',
      testMatch: /handover\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } },
    },
    // Coordinators act (issue 14): the phone's report and taskings, the desk's steps and the wall's
    // alert and sound, on a server of their own that raises alerts (the others assert exact logs).
    {
      name: 'workflow',
      testMatch: /workflow\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${WORKFLOW_PORT}`, viewport: { width: 1920, height: 1080 } },
    },
    // The busy picture (40 units, 8 incidents at the complexes) stays on the shared live channel:
    // it is posted last, so the specs above each see only what they posted.
    {
      name: 'room',
      testMatch: /wall-room\.spec\.ts/,
      dependencies: ['wall', 'phone', 'training', 'feeds', 'desk'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } },
    },
    // The desk at laptop, panel and 4K sizes over the busy picture plus its own workflow states, on
    // the workflow server (alerts on) after its flow: on the shared server security.spec.ts has
    // locked the admin account it signs in with, and its incidents would join the room's counts.
    {
      name: 'desk-room',
      testMatch: /desk-room\.spec\.ts/,
      dependencies: ['workflow'],
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${WORKFLOW_PORT}`, viewport: { width: 1920, height: 1080 } },
    },
  ],
  webServer: [
    // A fresh data directory per run, so first-start credentials are created for the tests.
    {
      command: `rm -rf ${E2E_DATA_DIR} && node dist/server/main.js`,
      url: `http://127.0.0.1:${PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        CONCORDIA_DATA_DIR: E2E_DATA_DIR,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        // The specs assert exact logs and lists; system alerts appended every second would join them.
        // The alert raiser runs on the workflow server below, and in server/workflow/alerts.socket.test.ts.
        CONCORDIA_WORKFLOW_ALERTS: 'false',
      },
    },
    // The workflow server: alerts on, so a queue crossing its level rings on the wall (workflow.spec.ts).
    {
      command: `rm -rf ${WORKFLOW_DATA_DIR} && node dist/server/main.js`,
      url: `http://127.0.0.1:${WORKFLOW_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(WORKFLOW_PORT),
        HOST: '127.0.0.1',
        CONCORDIA_DATA_DIR: WORKFLOW_DATA_DIR,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        CONCORDIA_WORKFLOW_ALERTS: 'true',
      },
    },
  ],
});
