import { expect, test } from '@playwright/test';
import * as make from '../lib/testing/eventFactory.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { eventsStoredAfter, liveHead } from './pages/ReportServer.ts';
import { postEvents } from './support/ingest.ts';

const SCREENSHOTS = 'test-results/screenshots';
const unique = () => Math.random().toString(36).slice(2, 8);

// A service worker, a reload offline and a reconnection (Socket.IO backs off up to 5 s): more
// than the default 30 s on two shared cores.
test.describe.configure({ timeout: 90_000 });

test('reloaded with no network, the wall shows its last picture marked stale, then catches up by seq with no gap', async ({
  page,
  context,
  request,
}) => {
  const wall = await new LoginPage(page).open('/wall').then((login) => login.signInAs('coordinator-cl'));
  await wall.expectLive();
  // The service worker holds the page and its files, and controls the page.
  await expect(page.locator('[data-offline-shell="ready"]')).toBeAttached({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const head = await liveHead(request);
  const tag = unique();
  await postEvents(request, [
    make.incident({ agency: 'carabineros', incidentId: `antes-${tag}`, severity: 'high', text: `Vehículo detenido en Chacalluta ${tag}` }),
    make.unitPosition({ agency: 'carabineros', unitId: `CB-${tag}`, callsign: `Z-${tag}`, position: { lat: -18.36, lon: -70.34 } }),
    make.patrolReport({ agency: 'carabineros', unitId: `CB-${tag}`, text: `Ronda sin novedad antes del corte ${tag}` }),
  ]);
  await expect(wall.incidentListed(`antes-${tag}`)).toBeVisible();
  await expect(wall.unitMarker(`carabineros/CB-${tag}`)).toBeVisible();
  await expect(wall.feed().filter({ hasText: `antes del corte ${tag}` })).toHaveCount(1);

  // The network goes down; the wall says so, and is reloaded while it is down.
  await context.setOffline(true);
  const banner = page.locator('[data-connection="danger"]');
  await expect(banner).toContainText('SIN CONEXIÓN');
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);

  // The last picture, at once, and plainly not live: stale since the server was last heard.
  await expect(wall.incidentListed(`antes-${tag}`)).toContainText(`Vehículo detenido en Chacalluta ${tag}`);
  await expect(wall.unitMarker(`carabineros/CB-${tag}`)).toBeVisible();
  await expect(wall.feed().filter({ hasText: `antes del corte ${tag}` })).toHaveCount(1);
  await expect(banner).toContainText('SIN CONEXIÓN');
  await expect(banner).toContainText('datos desactualizados desde las');
  await expect(page.getByRole('status').filter({ hasText: /EN VIVO/ })).toHaveCount(0);

  // What the room would see, at the two common sizes.
  await page.screenshot({ path: `${SCREENSHOTS}/wall-offline-restored-1920x1080.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(banner).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/wall-offline-restored-1280x720.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });

  // Meanwhile the server goes on receiving events the wall cannot get.
  await postEvents(request, [
    make.patrolReport({ agency: 'carabineros', unitId: `CB-${tag}`, text: `Ronda durante el corte ${tag}` }),
    make.incident({ agency: 'carabineros', incidentId: `durante-${tag}`, severity: 'medium', text: `Grupo a pie cerca de Hito 1 ${tag}` }),
    make.unitPosition({ agency: 'carabineros', unitId: `CB-${tag}`, callsign: `Z-${tag}`, position: { lat: -18.35, lon: -70.33 } }),
  ]);
  await expect(wall.incidentListed(`durante-${tag}`)).toHaveCount(0);

  // Back online: live again, the missed events are there, and the earlier ones still are.
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /EN VIVO/ })).toBeVisible({ timeout: 20_000 });
  await expect(wall.incidentListed(`durante-${tag}`)).toContainText(`Grupo a pie cerca de Hito 1 ${tag}`);
  await expect(wall.feed().filter({ hasText: `durante el corte ${tag}` })).toHaveCount(1);
  await expect(wall.incidentListed(`antes-${tag}`)).toBeVisible();
  await expect(wall.feed().filter({ hasText: `antes del corte ${tag}` })).toHaveCount(1);

  // No gap: every event the server stored since the start that the feed shows is on it, once.
  const stored = await eventsStoredAfter(request, head, 'carabineros');
  expect(stored).toHaveLength(6);
  const shown = stored.filter((e) => e.type !== 'unit.position' && e.type !== 'queue.update');
  for (const event of shown) await expect(page.locator(`[data-wall-side] [data-seq="${event.seq}"]`)).toHaveCount(1);
  await expect(page.locator('[data-wall-side] [data-seq]').filter({ hasText: tag })).toHaveCount(shown.length);
});
