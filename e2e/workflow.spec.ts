/**
 * Coordinators act (issue 14), in real Chromium against the production build, on the workflow
 * server (alerts on; playwright.config.ts). An officer reports an incident from the phone; a
 * coordinator validates it at the desk and assigns the officer's unit (same agency); the phone
 * shows the tasking and answers accept, on scene, done; the coordinator closes it with an outcome.
 * After each acknowledged step the wall shows it within a second, and the closed incident leaves
 * the open list. Then a queue crossing the level an admin configured raises an alert that the wall
 * shows and sounds (its <audio> played), a coordinator acknowledges it from the desk, and the wall
 * clears. The phone and the desk are photographed on the way (SHOTS_DIR).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page, type Response } from '@playwright/test';
import { signInReplySchema } from '../lib/contract/http.ts';
import * as make from '../lib/testing/eventFactory.ts';
import { DeskPage } from './pages/DeskPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import type { WallPage } from './pages/WallPage.ts';
import { passwordOf } from './support/credentials.ts';
import { postEvents } from './support/ingest.ts';

/** The promise to coordinators: a step the server acknowledged is on the wall within a second. */
const WITHIN_A_SECOND = { timeout: 1_000 };
/** The phone asks for its taskings every 3 s (components/report/useTaskings.ts). */
const PHONE_POLL = { timeout: 8_000 };
const SANTA_ROSA = { latitude: -18.3131, longitude: -70.3142 };
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots/wfphone';

// Three browsers and two servers on a shared two-core machine: generous, each wait is still a condition.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const unique = () => Math.random().toString(36).slice(2, 8);

async function openWall(browser: Browser): Promise<WallPage> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1920, height: 1080 } });
  const wall = await new LoginPage(await context.newPage()).open('/wall').then((login) => login.signInAs('coordinator-pe'));
  await wall.expectLive();
  return wall;
}

async function openDesk(browser: Browser, viewport = { width: 1920, height: 1080 }): Promise<DeskPage> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport, deviceScaleFactor: 1 });
  return DeskPage.signIn(await context.newPage(), 'coordinator-pe');
}

async function openPhone(browser: Browser): Promise<ReportPage> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    geolocation: SANTA_ROSA,
    permissions: ['geolocation'],
  });
  return ReportPage.signIn(await context.newPage(), 'officer-pnp');
}

/** The reply to the next POST to `path` from this page. */
function nextPost(page: Page, path: string): Promise<Response> {
  return page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST');
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}`, fullPage });
}

async function signIn(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/session', { data: { username, password: passwordOf(username) } });
  expect(res.status(), await res.text()).toBe(200);
  return signInReplySchema.parse(await res.json()).token;
}

test('an officer’s report is validated, tasked, answered on the phone and closed; the wall shows every step within a second', async ({
  browser,
  request,
}) => {
  // The officer's unit is on the picture (its patrol car's tracker), so the desk can task it.
  await postEvents(
    request,
    make.unitPosition({ agency: 'pnp', unitId: 'PNP-1', callsign: 'Patrulla 1', position: { lat: -18.312, lon: -70.313 } }),
  );
  const wall = await openWall(browser);
  const desk = await openDesk(browser);
  const phone = await openPhone(browser);

  // 1. The officer reports from the phone (medium severity: no alert of its own to muddle the second test).
  const text = `Grupo varado en el complejo ${unique()}`;
  await phone.fillIncident({ kind: 'Grupo varado', severity: 'Media', people: '23', minors: '4', text });
  const reported = nextPost(phone.page, '/api/events');
  await phone.send();
  const reply = await reported;
  expect(reply.status()).toBe(201);
  const { incidentId } = reply.request().postDataJSON() as { incidentId: string };
  const onWall = wall.incidentListed(incidentId);
  // What the room reads: the row on screen and its step's words, not only an attribute.
  const wallStep = onWall.locator('[data-incident-step]');
  await expect(onWall).toBeVisible(WITHIN_A_SECOND);
  await expect(wallStep).toHaveText('Reportado');
  // Before any tasking the phone says so. The officer is down the form when the tasking comes.
  await expect(phone.page.locator('[data-taskings]')).toContainText('Sin tareas para su unidad.');
  await phone.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));

  // 2. The coordinator validates it: owner, impact, confidence and the response line.
  await desk.select(incidentId);
  const validate = await desk.open('validate');
  await validate.locator('[data-field="owner"]').selectOption('pnp');
  await validate.locator('[data-field="impact"]').selectOption('medium');
  await validate.locator('[data-field="confidence"]').selectOption('confirmed');
  await validate.locator('[data-field="text"]').fill('Patrulla en camino con agua');
  await desk.confirm(validate);
  await expect(wallStep).toHaveText('Validado', WITHIN_A_SECOND);
  await expect(desk.detailStatus).toHaveAttribute('data-detail-status', 'validated');

  // 3. … and assigns the officer's unit, of the same agency.
  const assign = await desk.open('assign');
  await assign.locator('[data-unit-key="pnp/PNP-1"]').check();
  await desk.confirm(assign);
  await expect(wallStep).toHaveText('Asignado', WITHIN_A_SECOND);

  // 4. The phone shows the tasking with its incident, and the unit as assigned: a bar on top says
  // a tasking came and takes the officer up to it.
  const tasking = phone.page.locator(`[data-tasking-id][data-incident-id="${incidentId}"]`);
  await expect(tasking).toHaveAttribute('data-tasking-state', 'assigned', PHONE_POLL);
  const bar = phone.page.locator('[data-new-tasking]');
  await expect(bar).toHaveText('Nueva tarea: ver y responder ↑');
  await shoot(phone.page, 'phone-390x844-new-tasking-bar.png');
  await bar.tap();
  await expect(tasking).toBeInViewport();
  await expect(bar).toBeHidden();
  await expect(tasking).toContainText(text);
  await expect(tasking).toContainText('23 personas');
  await expect(tasking).toContainText('Respuesta prevista: Patrulla en camino con agua');
  const unitLine = phone.page.locator('[data-unit-availability]');
  await expect(unitLine).toHaveAttribute('data-unit-availability', 'assigned');
  await expect(unitLine).toHaveText('Unidad PNP-1: asignada');
  await shoot(phone.page, 'phone-390x844-tasking.png');
  await shoot(phone.page, 'phone-390x844-tasking-full.png', true);

  // 5. Accept: the step and the unit's state show at once, pending until the server acknowledges.
  const offline = phone.page.context();
  await offline.setOffline(true);
  await tasking.locator('[data-answer="accept"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'accepted');
  await expect(tasking).toHaveAttribute('data-tasking-pending', 'true');
  await expect(unitLine).toHaveAttribute('data-unit-availability', 'en-route');
  await expect(phone.page.locator('[data-outbox-kind="action"]')).toHaveCount(1);
  await shoot(phone.page, 'phone-390x844-accepted-pending.png');
  const accepted = nextPost(phone.page, '/api/actions');
  await offline.setOffline(false);
  expect((await accepted).status()).toBe(201);
  await expect(tasking).toHaveAttribute('data-tasking-pending', 'false');
  await expect(phone.page.locator('[data-outbox-kind="action"]')).toHaveCount(0);
  // The incident stays assigned; the wall's step says the unit is on its way.
  await expect(wallStep).toHaveText('En camino', WITHIN_A_SECOND);
  await expect(onWall).toHaveAttribute('data-incident-status', 'assigned');

  // 6. On scene.
  const onScene = nextPost(phone.page, '/api/actions');
  await tasking.locator('[data-answer="on-scene"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'on-scene');
  expect((await onScene).status()).toBe(201);
  await expect(wallStep).toHaveText('En el lugar', WITHIN_A_SECOND);
  await expect(onWall).toHaveAttribute('data-incident-status', 'on-scene');
  await expect(unitLine).toHaveAttribute('data-unit-availability', 'on-scene');

  // 7. Done: the unit is free again; the tasking stays listed, finished, so the officer sees it went.
  const done = nextPost(phone.page, '/api/actions');
  await tasking.locator('[data-answer="done"]').tap();
  await expect(tasking).toHaveAttribute('data-tasking-state', 'done');
  expect((await done).status()).toBe(201);
  await expect(wallStep).toHaveText('Unidad terminó', WITHIN_A_SECOND);
  await expect(tasking.locator('[data-answer]')).toHaveCount(0);
  await expect(unitLine).toHaveAttribute('data-unit-availability', 'available', PHONE_POLL);
  await expect(phone.page.locator('[data-sent-list]')).toContainText('Respuesta a tarea · Terminé');
  await shoot(phone.page, 'phone-390x844-done.png');

  // 8. The coordinator closes it with an outcome: it leaves the wall's open list and the desk's.
  const close = await desk.open('close');
  await close.locator('[data-field="outcome"]').selectOption('resolved');
  await close.locator('[data-field="text"]').fill('Grupo atendido y trasladado');
  await desk.confirm(close);
  await expect(onWall).toHaveCount(0, WITHIN_A_SECOND);
  await expect(desk.listed(incidentId)).toHaveCount(0);

  // The desk after the flow, at the smallest size it meets.
  const small = await openDesk(browser, { width: 1280, height: 720 });
  await expect(small.page.locator('[data-desk-map] .leaflet-container')).toBeVisible();
  await shoot(small.page, 'desk-1280x720-after-flow.png');
  for (const p of [wall.page, desk.page, phone.page, small.page]) await p.context().close();
});

test('a queue over the level an admin set raises an alert that sounds on the wall; the desk acknowledges it and the wall clears', async ({
  browser,
  request,
}) => {
  // The admin configures Santa Rosa → Peru at 500 waiting (stored as a queue.levels event).
  const admin = await signIn(request, 'admin');
  const levels = await request.post('/api/actions', {
    headers: { authorization: `Bearer ${admin}` },
    data: {
      id: make.nextId('levels'),
      step: { type: 'queue.levels', levels: [{ post: 'santa-rosa', direction: 'to-peru', waiting: 500 }] },
    },
  });
  expect(levels.status(), await levels.text()).toBe(201);

  const wall = await openWall(browser);
  // Set-up: one press turns the sound on (the browser's autoplay rules ask for one interaction).
  await wall.page.getByRole('button', { name: 'Activar sonido' }).click();
  await expect(wall.page.locator('[data-sound="on"]')).toBeVisible();
  const audio = wall.page.locator('audio[data-alert-audio]');
  await expect(audio).toHaveAttribute('data-played', '0');
  const desk = await openDesk(browser);

  // Under the level: nothing. Over it: the alert (the raiser looks every second).
  await postEvents(request, make.queueUpdate({ agency: 'pnp', post: 'santa-rosa', direction: 'to-peru', waiting: 420 }));
  await expect(wall.queueCard('santa-rosa', 'to-peru')).toContainText('420');
  const band = wall.page.locator('[data-alert-band]');
  await expect(band).toHaveAttribute('data-alert-count', '0');
  await postEvents(request, make.queueUpdate({ agency: 'pnp', post: 'santa-rosa', direction: 'to-peru', waiting: 820 }));
  const alert = band.locator('[data-alert-id^="alert:queue:santa-rosa:to-peru:"]');
  await expect(alert).toBeVisible();
  await expect(band).toHaveAttribute('data-alert-count', '1');
  // The page's <audio> played: counted by the wall, and by the element itself.
  await expect(audio).toHaveAttribute('data-played', '1');
  expect(await audio.evaluate((el: HTMLAudioElement) => el.played.length)).toBeGreaterThan(0);
  await shoot(wall.page, 'wall-1920x1080-alert.png');

  const alertId = (await alert.getAttribute('data-alert-id'))!;
  const acknowledged = nextPost(desk.page, '/api/actions');
  await desk.alert(alertId).getByRole('button', { name: 'Acusar recibo' }).click();
  expect((await acknowledged).status()).toBe(201);
  await expect(band).toHaveAttribute('data-alert-count', '0', WITHIN_A_SECOND);
  await expect(alert).toHaveCount(0);
  await expect(desk.alert(alertId)).toHaveCount(0);
  // It sounded once, not again on the acknowledgement.
  await expect(audio).toHaveAttribute('data-played', '1');

  for (const p of [wall.page, desk.page]) await p.context().close();
});
