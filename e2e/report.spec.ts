import { expect, test, type Browser } from '@playwright/test';
import { LoginPage } from './pages/LoginPage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import { eventsStoredAfter, liveHead } from './pages/ReportServer.ts';
import type { WallPage } from './pages/WallPage.ts';
import { passwordOf } from './support/credentials.ts';

/** The promise to coordinators: a report that reached the server is on the wall within a second. */
const WITHIN_A_SECOND = { timeout: 1_000 };
/** Near the Santa Rosa complex, where the PNP officer stands. */
const SANTA_ROSA = { latitude: -18.3131, longitude: -70.3142 };

/** A coordinator's wall in its own browser context (another machine, in effect). */
async function openWall(browser: Browser, username: string): Promise<WallPage> {
  // Up close on Santa Rosa, where the officer's GPS puts the report: there it has its own marker.
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1920, height: 1080 },
  });
  const wall = await new LoginPage(await context.newPage())
    .open(`/wall?focus=${SANTA_ROSA.latitude},${SANTA_ROSA.longitude}`)
    .then((login) => login.signInAs(username));
  await wall.expectLive();
  return wall;
}

// Two browser contexts (phone and wall), a service worker and a reload per test: more than the
// default 30 s on two shared cores.
test.describe.configure({ timeout: 90_000 });

const unique = () => Math.random().toString(36).slice(2, 8);

test.describe('field report with GPS', () => {
  test.use({ geolocation: SANTA_ROSA, permissions: ['geolocation'] });

  test('a PNP officer files an incident from the phone and the coordinator’s wall shows it within a second', async ({ page, browser }) => {
    const wall = await openWall(browser, 'coordinator-pe');
    const report = await ReportPage.signIn(page, 'officer-pnp');
    await expect(page.locator('[data-officer]')).toHaveText('PNP · unidad PNP-1');
    await expect(report.positionStatus).toHaveAttribute('data-position-status', 'fixed');
    await expect(report.positionStatus).toContainText('GPS: -18.31310, -70.31420');

    const text = `Grupo varado frente al complejo, sin agua ${unique()}`;
    await report.fillIncident({ kind: 'Grupo varado', severity: 'Alta', people: '47', minors: '9', text });
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/events?channel=live') && r.request().method() === 'POST');
    await report.send();
    const response = await posted;
    expect(response.status()).toBe(201);
    const reachedServer = Date.now();
    const sent = response.request().postDataJSON() as { id: string; incidentId: string; agency: string; position: unknown };
    expect(sent).toMatchObject({ agency: 'pnp', position: { lat: SANTA_ROSA.latitude, lon: SANTA_ROSA.longitude } });

    await expect(wall.incidentMarker(sent.incidentId)).toBeVisible(WITHIN_A_SECOND);
    test
      .info()
      .annotations.push({ type: 'server answer → marker on the wall (ms, upper bound)', description: String(Date.now() - reachedServer) });
    await expect(wall.incidentListed(sent.incidentId)).toContainText(text, WITHIN_A_SECOND);

    await expect(page.locator('[data-notice]')).toHaveText('Enviado: ya está en el cuadro de operaciones.');
    await report.expectPending(0);
    await expect(report.sentEntry(sent.id)).toContainText('Incidente · Grupo varado · Alta · 47 personas · 9 menores');
    await wall.page.context().close();
  });

  test('offline: three reports wait on the phone through a reload and arrive exactly once when the connection returns', async ({
    page,
    context,
    browser,
    request,
  }) => {
    const report = await ReportPage.signIn(page, 'officer-pnp');
    await report.expectOfflineReady();
    const head = await liveHead(request);

    await context.setOffline(true);
    await expect(page.locator('[data-connection="offline"]')).toBeVisible();
    const tag = unique();
    await report.fillQueue('Santa Rosa', 'hacia Perú', '417');
    await report.send();
    await report.expectPending(1);
    await report.fillPatrol(`Sin novedad en Hito 5 ${tag}`);
    await report.send();
    await report.expectPending(2);
    await report.fillIncident({ kind: 'Cruce irregular', severity: 'Media', people: '12', text: `Cruce por quebrada ${tag}` });
    await report.send();
    await report.expectPending(3);
    const waiting = await report.outboxIds();
    expect(waiting).toHaveLength(3);

    // The service worker is cut off too, so what it serves below comes from its cache.
    const [worker] = context.serviceWorkers();
    expect(
      await worker.evaluate(() =>
        fetch('/healthz').then(
          (r) => `HTTP ${r.status}`,
          () => 'no network',
        ),
      ),
    ).toBe('no network');

    // Still offline: the page opens from the service worker's copy, and the three are still there.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await report.expectPending(3);
    expect(await report.outboxIds()).toEqual(waiting);
    await expect(page.locator('[data-officer]')).toHaveText('PNP · unidad PNP-1');
    expect(await eventsStoredAfter(request, head, 'pnp')).toEqual([]);

    const wall = await openWall(browser, 'coordinator-pe');
    const backOnline = Date.now();
    await context.setOffline(false);
    await report.expectPending(0, 15_000);
    test.info().annotations.push({ type: 'back online → outbox empty (ms, upper bound)', description: String(Date.now() - backOnline) });

    const stored = await eventsStoredAfter(request, head, 'pnp');
    expect(stored.map((e) => e.id).sort()).toEqual([...waiting].sort());
    expect(stored.map((e) => e.type)).toEqual(['queue.update', 'patrol.report', 'incident']);
    const incident = stored.find((e) => e.type === 'incident');
    await expect(wall.queueCard('santa-rosa', 'to-peru').getByTestId('queue-waiting')).toHaveText('417');
    await expect(wall.incidentListed((incident as { incidentId: string }).incidentId)).toContainText(`Cruce por quebrada ${tag}`);
    await expect(wall.feed().filter({ hasText: `Sin novedad en Hito 5 ${tag}` })).toHaveCount(1);
    await wall.page.context().close();
  });

  test('a report whose acknowledgement is lost on the way back is retried and stored once', async ({ page, request }) => {
    const report = await ReportPage.signIn(page, 'officer-pnp');
    const head = await liveHead(request);
    // The first POST reaches the server and is stored, but its answer is cut off before the phone gets it.
    let cut = 0;
    await page.route(
      (url) => url.pathname === '/api/events' && url.searchParams.get('channel') === 'live',
      async (route) => {
        if (route.request().method() === 'POST' && cut === 0) {
          cut += 1;
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      },
    );
    const tag = unique();
    await report.fillPatrol(`Control en Hito 1 ${tag}`);
    await report.send();
    const [id] = await report.outboxIds();
    await expect(report.outboxEntries.first()).toContainText('Intento 1 sin éxito (sin conexión)');
    // Backoff: the retry comes by itself about two seconds later, with the same id.
    await expect(report.sentEntry(id)).toContainText('ya estaba en el servidor', { timeout: 10_000 });
    expect(cut).toBe(1);
    const stored = await eventsStoredAfter(request, head, 'pnp');
    expect(stored.map((e) => e.id)).toEqual([id]);
  });

  test('two open tabs share one outbox: both show the count, and each report is posted once', async ({ page, context, request }) => {
    const first = await ReportPage.signIn(page, 'officer-pnp');
    const second = new ReportPage(await context.newPage());
    await second.page.goto('/report');
    await second.expectLoaded();
    const head = await liveHead(request);
    const posts: string[] = [];
    context.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/events?channel=live')) posts.push((r.postDataJSON() as { id: string }).id);
    });

    await context.setOffline(true);
    const tag = unique();
    await first.fillPatrol(`Desde la primera pestaña ${tag}`);
    await first.send();
    await second.fillQueue('Chacalluta', 'hacia Chile', '85');
    await second.send();
    await first.expectPending(2);
    await second.expectPending(2);

    await context.setOffline(false);
    await first.expectPending(0, 15_000);
    await second.expectPending(0, 15_000);
    const stored = await eventsStoredAfter(request, head, 'pnp');
    expect(stored).toHaveLength(2);
    // Both tabs came back online at once, yet each report went over the wire exactly once.
    expect(posts.sort()).toEqual(stored.map((e) => e.id).sort());
  });

  test('position sharing is off until switched on, then sends the unit’s GPS position', async ({ page, request }) => {
    const report = await ReportPage.signIn(page, 'officer-pnp');
    const head = await liveHead(request);
    const sharing = page.getByRole('switch', { name: 'Compartir mi posición' });
    await expect(sharing).toHaveAttribute('aria-checked', 'false');
    await expect(report.positionStatus).toHaveAttribute('data-position-status', 'fixed');
    expect(await eventsStoredAfter(request, head, 'pnp')).toEqual([]);

    await sharing.tap();
    await expect(sharing).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText(/Última posición compartida a las/)).toBeVisible();
    await report.expectPending(0);
    const stored = await eventsStoredAfter(request, head, 'pnp');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'unit.position',
      unitId: 'PNP-1',
      position: { lat: SANTA_ROSA.latitude, lon: SANTA_ROSA.longitude },
    });

    await sharing.tap();
    await expect(sharing).toHaveAttribute('aria-checked', 'false');
  });

  test('every touch target is at least 48 px on a 360×740 phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const report = await ReportPage.signIn(page, 'officer-pnp');
    for (const type of ['Incidente', 'Fila en frontera', 'Patrullaje', 'Posición'] as const) {
      await report.chooseType(type);
      const small = await page
        .locator('main button, main label:has(input[type=radio]), main input:not([type=radio]), main textarea, header button')
        .evaluateAll((elements) =>
          elements
            .map((e) => ({
              what: (e.textContent || e.getAttribute('name') || e.tagName).trim().slice(0, 40),
              box: e.getBoundingClientRect(),
            }))
            .filter(({ box }) => box.height > 0 && box.height < 48)
            .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
        );
      expect(small, `${type}: targets under 48 px`).toEqual([]);
    }
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await report.chooseType('Incidente');
    await page.screenshot({ path: 'test-results/screenshots/report-360x740.png' });
    await page.screenshot({ path: 'test-results/screenshots/report-360x740-full.png', fullPage: true });
  });
});

test.describe('field report without GPS', () => {
  test.use({ permissions: [] });

  test('with geolocation denied, the officer marks the position on the map and the report goes through', async ({ page, request }) => {
    const head = await liveHead(request);
    const report = await ReportPage.signIn(page, 'officer-carabineros');
    await expect(report.positionStatus).toHaveAttribute('data-position-status', 'denied');
    await expect(report.positionStatus).toHaveText('GPS no permitido. Toque el mapa para marcar la posición.');

    const tag = unique();
    await report.fillPatrol(`Patrullaje costero ${tag}`);
    await report.send();
    await expect(page.getByText('Falta la posición: espere el GPS o toque el mapa.')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Revise 1 campo antes de enviar.' })).toBeVisible();
    await report.expectPending(0);

    await report.map.tap({ position: { x: 150, y: 120 } });
    await expect(report.positionStatus).toHaveAttribute('data-position-status', 'map');
    await expect(report.positionStatus).toContainText('Marcada en el mapa: -18.');
    await expect(report.map.locator('.report-picked-position')).toBeVisible();
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/events?channel=live') && r.request().method() === 'POST');
    await report.send();
    expect((await posted).status()).toBe(201);
    await report.expectPending(0);

    const stored = await eventsStoredAfter(request, head, 'carabineros');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: 'patrol.report', unitId: 'CB-1', text: `Patrullaje costero ${tag}` });
    const { lat, lon } = (stored[0] as { position: { lat: number; lon: number } }).position;
    // The point tapped, inside the region, shown to the officer as sent.
    expect(lat).toBeGreaterThan(-18.8);
    expect(lat).toBeLessThan(-17.4);
    expect(lon).toBeGreaterThan(-71);
    expect(lon).toBeLessThan(-69.4);
    await expect(report.positionStatus).toContainText(`${lat.toFixed(5)}, ${lon.toFixed(5)}`);
  });
});

test.describe('agency rights', () => {
  test.use({ geolocation: SANTA_ROSA, permissions: ['geolocation'] });

  test('a PDI officer cannot post as PNP: 403, and the page says why', async ({ page, context, request }) => {
    // The API: a PDI officer's session posting a PNP event is refused.
    const signIn = await page.request.post('/api/session', {
      data: { username: 'officer-pdi', password: passwordOf('officer-pdi') },
    });
    expect(signIn.status()).toBe(200);
    const direct = await page.request.post('/api/events', {
      data: {
        id: `pdi-as-pnp-${unique()}`,
        type: 'patrol.report',
        agency: 'pnp',
        occurredAt: new Date().toISOString(),
        unitId: 'PNP-1',
        position: { lat: -18.31, lon: -70.31 },
        text: 'no debería entrar',
      },
    });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).error).toMatchObject({ code: 'forbidden', problems: [{ field: 'agency' }] });
    await context.clearCookies();

    // The phone: a PNP officer's report waits offline; the phone is then signed in as PDI.
    const head = await liveHead(request);
    const report = await ReportPage.signIn(page, 'officer-pnp');
    await context.setOffline(true);
    const tag = unique();
    await report.fillIncident({ kind: 'Bloqueo', severity: 'Baja', text: `Bloqueo en la ruta ${tag}` });
    await report.send();
    await report.expectPending(1);
    await context.clearCookies(); // the PNP session is gone (expired, or signed out elsewhere)
    await context.setOffline(false);

    // The session has ended: the report stays on the phone and the officer is asked to sign in again.
    const ended = page.getByRole('alert').filter({ hasText: 'Su sesión terminó.' });
    await expect(ended).toBeVisible({ timeout: 10_000 });
    await report.expectPending(1);
    await ended.getByRole('link', { name: 'Ingresar de nuevo' }).tap();
    await expect(page).toHaveURL(/\/login\?next=%2Freport/);
    const asPdi = await ReportPage.signInHere(page, 'officer-pdi');
    await expect(page.locator('[data-officer]')).toHaveText('PDI · unidad PDI-1');

    // The server refuses the PNP report from a PDI session; the page says why and stops retrying.
    const refused = asPdi.outboxEntries.first();
    await expect(refused).toHaveAttribute('data-outbox-state', 'rejected', { timeout: 10_000 });
    await expect(refused.getByRole('alert')).toHaveText(
      'Este reporte es de PNP, y la cuenta con la que ingresó publica para PDI: cada oficial publica solo para su propia institución.',
    );
    await expect(refused).toContainText('Respuesta del servidor: a officer of pdi may only post as pdi');
    await expect(page.locator('[data-rejected-count]')).toHaveText('1 rechazado');
    await asPdi.expectPending(0);
    expect(await eventsStoredAfter(request, head, 'pnp')).toEqual([]);

    // Corrected and sent again, it goes as PDI's own report.
    await refused.getByRole('button', { name: 'Corregir' }).tap();
    await expect(page.getByLabel('Descripción')).toHaveValue(`Bloqueo en la ruta ${tag}`);
    await asPdi.send();
    await expect(page.locator('[data-notice]')).toHaveAttribute('data-notice', 'delivered');
    const stored = await eventsStoredAfter(request, head, 'pdi');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: 'incident', agency: 'pdi', text: `Bloqueo en la ruta ${tag}` });
    await expect(asPdi.outboxEntries).toHaveCount(0);
  });
});
