import { expect, test, type Locator } from '@playwright/test';
import { startSimulators, type RunningSimulators } from '../server/simulate/runner.ts';
import { DEFAULT_SIM_INTERVAL_MS, DEFAULT_SIM_SEED } from '../server/simulate/settings.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { keyOf } from './support/credentials.ts';

let simulators: RunningSimulators | undefined;
test.afterEach(async () => {
  await simulators?.stop();
  simulators = undefined;
});

/**
 * Where each simulated unit's marker is drawn, by unit key: read in one pass in the page, since
 * markers are redrawn (their age label changes) while we look.
 */
async function markerBoxes(markers: Locator): Promise<Map<string, string>> {
  const entries = await markers.evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return [element.getAttribute('data-unit-key') ?? '', `${Math.round(box.x)},${Math.round(box.y)}`] as const;
    }),
  );
  return new Map(entries);
}

test('with the simulators running, the wall moves: unit positions change within 10 s', async ({ page, baseURL }) => {
  const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
  await wall.expectLive();

  // The quick start's settings (seed and interval), against this test's server, with the e2e
  // server's own first-start keys.
  simulators = startSimulators({
    url: baseURL!,
    keys: { carabineros: keyOf('carabineros'), pdi: keyOf('pdi'), pnp: keyOf('pnp') },
    seed: DEFAULT_SIM_SEED,
    intervalMs: DEFAULT_SIM_INTERVAL_MS,
  });

  const simulated = page.locator('[data-wall-map] [data-unit-key*="/SIM-"]');
  // All three agencies' units appear…
  for (const agency of ['carabineros', 'pdi', 'pnp']) {
    await expect(page.locator(`[data-wall-map] [data-unit-key^="${agency}/SIM-"]`).first()).toBeVisible({ timeout: 15_000 });
  }
  const before = await markerBoxes(simulated);
  // …and within 10 s some of them are drawn somewhere else.
  await expect
    .poll(
      async () => {
        const now = await markerBoxes(simulated);
        return [...now].filter(([key, where]) => before.has(key) && before.get(key) !== where).length;
      },
      { timeout: 10_000, intervals: [500] },
    )
    .toBeGreaterThan(0);
  expect(simulators.stats().failedBatches).toBe(0);

  // Each simulated item says who sent it and that it is simulated.
  await wall.unitMarker('pnp/SIM-PNP-1').click();
  await expect(page.locator('.leaflet-popup-content')).toContainText('simulador-pnp');
});
