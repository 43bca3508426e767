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
      const key = element.getAttribute('data-unit-key') ?? element.getAttribute('data-cluster-key') ?? '';
      return [key, `${Math.round(box.x)},${Math.round(box.y)}`] as const;
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

  // Units close together are drawn as clusters with their count and agencies: a unit is on the map
  // when it has its own marker or its agency is named in a cluster.
  const map = page.locator('[data-wall-map]');
  const simulated = map.locator('[data-unit-key*="/SIM-"], [data-cluster-key]');
  // All three agencies' units appear…
  for (const [agency, name] of [
    ['carabineros', 'Carabineros'],
    ['pdi', 'PDI'],
    ['pnp', 'PNP'],
  ] as const) {
    await expect(map.locator(`[data-unit-key^="${agency}/SIM-"], [data-unit-cluster][aria-label*="${name}"]`).first()).toBeAttached({
      timeout: 15_000,
    });
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

  // Each simulated item says who sent it and that it is simulated. A PNP unit in a cluster is
  // reached as a coordinator would: the cluster, opened from the keyboard, zooms in until it splits.
  const pnpUnit = map.locator('[data-unit-key^="pnp/SIM-"]').first();
  for (let zoomIns = 0; zoomIns < 6 && (await pnpUnit.count()) === 0; zoomIns++) {
    const zoom = await map.locator('.leaflet-container').getAttribute('data-zoom');
    await map.locator('[data-unit-cluster][aria-label*="PNP"]').first().press('Enter');
    await expect(map.locator('.leaflet-container')).not.toHaveAttribute('data-zoom', zoom ?? '');
  }
  await pnpUnit.press('Enter');
  await expect(page.locator('.leaflet-popup-content')).toContainText('simulador-pnp');
});
