/**
 * Text stays text, and the page runs only its own scripts: script payloads in every text field of
 * every event type reach the wall (map, popups, incident list, feed) as visible text, nothing runs,
 * and the Content-Security-Policy is never violated.
 */
import { expect, test, type Page } from '@playwright/test';
import * as make from '../lib/testing/eventFactory.ts';
import type { EventInput } from '../lib/contract/events.ts';
import { postEvents } from './support/ingest.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { signInOnForm } from './pages/TrainingPage.ts';
import { passwordOf } from './support/credentials.ts';

/** Each payload fires window.__pwned(n) if it ever runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned(1)">',
  '<script>window.__pwned(2)</script>',
  '<svg onload="window.__pwned(3)"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned(4)</script>">',
  'javascript:window.__pwned(5)',
];

function hostileEvents(payload: string, n: number): EventInput[] {
  const provenance = { source: payload.slice(0, 100), originalId: payload, refs: [payload] };
  // Away from the border posts, where other specs click their own markers.
  const at = { position: { lat: -18.42 - n * 0.01, lon: -70.42 + n * 0.01 } };
  return [
    make.unitPosition({ agency: 'pnp', unitId: `xss-unit-${n}`, callsign: payload.slice(0, 120), provenance, ...at }),
    make.patrolReport({ agency: 'pnp', unitId: `xss-patrol-${n}`, text: payload, provenance, ...at }),
    make.queueUpdate({ agency: 'pnp', provenance }),
    make.incident({ agency: 'pnp', incidentId: `xss-inc-${n}`, text: payload, provenance, ...at }),
    make.deployment({ agency: 'pnp', deploymentId: `xss-dep-${n}`, text: payload, area: payload.slice(0, 120), provenance, ...at }),
    make.bulletin({ agency: 'pnp', title: payload.slice(0, 120), text: payload, provenance }),
    make.incidentClosed({ agency: 'pnp', incidentId: `xss-closed-${n}`, text: payload, provenance }),
  ];
}

async function watchForTrouble(page: Page): Promise<{ ran: number[]; violations: string[]; dialogs: string[] }> {
  const trouble = { ran: [] as number[], violations: [] as string[], dialogs: [] as string[] };
  await page.exposeFunction('__pwned', (n: number) => trouble.ran.push(n));
  await page.exposeFunction('__cspViolation', (text: string) => trouble.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return trouble;
}

test('pages carry a nonce-based CSP that forbids framing and outside origins', async ({ request }) => {
  const res = await request.get('/login');
  const csp = res.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/https?:\/\//);
  const html = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(html).toContain(`nonce="${nonce}"`);
});

test('script payloads in every text field show as text on the wall and run nothing', async ({ page, request }) => {
  test.setTimeout(60_000); // may wait a page turn of the incident list
  const trouble = await watchForTrouble(page);
  // Up close on the hostile items (hostileEvents places them from -18.42, -70.42), where nothing is clustered.
  const wall = await new LoginPage(page).open('/wall?focus=-18.43,-70.41').then((login) => login.signInAs('coordinator-pe'));
  await wall.expectLive();

  for (const [n, payload] of PAYLOADS.entries()) await postEvents(request, hostileEvents(payload, n));

  // Visible as text in the incident list and the feed…
  // (On the map a unit's name may give way to a label that would overlap it, so look in the side column.)
  const side = page.locator('[data-wall-side]');
  // (An incident row may be on a page of the list that is not showing now, and the feed shows only the
  // latest: any visible place will do, waiting for the list's next page, which turns every 12 s,
  // PAGE_TURN_MS in components/wall/usePagedRows.ts.)
  for (const payload of PAYLOADS.slice(0, 3))
    await expect(side.getByText(payload, { exact: false }).filter({ visible: true }).first()).toBeVisible({ timeout: 15_000 });
  // …and in every popup.
  const popup = page.locator('.leaflet-popup-content');
  for (const marker of [
    wall.unitMarker('pnp/xss-unit-0'),
    wall.incidentMarker('xss-inc-1'),
    page.locator('[data-deployment-key="pnp/xss-dep-2"]'),
  ]) {
    // Popups auto-pan the map, which can move the next marker off screen: click it programmatically.
    await marker.dispatchEvent('click');
    await expect(popup.last()).toBeVisible();
    await expect(popup.last()).toContainText(/<|javascript:/);
  }

  await expect(page.locator('iframe, img[src="x"], svg[onload]')).toHaveCount(0);
  expect(trouble).toEqual({ ran: [], violations: [], dialogs: [] });
});

// The phone and the trainer console validate with zod in the browser; zod must be told it may not
// use eval before either screen builds a schema, or its probe shows up as a CSP violation.
for (const [path, username, ready] of [
  ['/report', 'officer-pnp', '[data-pending-count]'],
  ['/training', 'trainer', 'text=Iniciar ejercicio'],
] as const) {
  test(`${path} validates in the browser without tripping the CSP`, async ({ page }) => {
    const trouble = await watchForTrouble(page);
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
    await signInOnForm(page, username);
    await expect(page).toHaveURL(new RegExp(path), { timeout: 15_000 });
    await expect(page.locator(ready).first()).toBeVisible();
    expect(trouble.violations).toEqual([]);
  });
}

test.describe('sign-in says why it failed', () => {
  // 'admin' is signed in by no other spec: locking it here holds nobody else up.
  test('after ten wrong passwords the account is locked, says for how long, also for the right password', async ({ page }) => {
    await page.goto('/login');
    await page.waitForFunction(() => {
      const form = document.querySelector('form');
      return form !== null && Object.keys(form).some((key) => key.startsWith('__reactProps'));
    });
    const failure = page.locator('[data-login-failure]');
    const attempt = async (password: string) => {
      await page.getByLabel('Usuario').fill('admin');
      await page.getByLabel('Contraseña').fill(password);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await expect(page.getByRole('button', { name: 'Ingresar' })).toBeEnabled();
    };
    for (let i = 1; i <= 9; i++) {
      await attempt(`contraseña-equivocada-${i}`);
      await expect(failure).toHaveAttribute('data-login-failure', 'wrong');
      await expect(failure).toHaveText('Usuario o contraseña incorrectos.');
    }
    // The tenth uses up the allowance: the answer is the lock itself.
    await attempt('contraseña-equivocada-10');
    await expect(failure).toHaveAttribute('data-login-failure', 'locked');
    await expect(failure).toContainText('Cuenta bloqueada por demasiados intentos fallidos.');
    await expect(failure).toContainText('Podrá intentar de nuevo en 15 min');

    // The right password does not get through either, and the page says the same, not "no server".
    await attempt(passwordOf('admin'));
    await expect(page).toHaveURL(/\/login/);
    await expect(failure).toHaveAttribute('data-login-failure', 'locked');
    await expect(failure).toContainText(/Podrá intentar de nuevo en 1[45] min/);
    await expect(failure).toContainText('administrador de Concordia de su institución');
    await expect(failure).not.toContainText('servidor');
    await page.screenshot({ path: 'test-results/screenshots/login-locked-1920x1080.png' });
  });

  test('a request that never reaches the server is called a network failure; a 5xx a server failure', async ({ page }) => {
    await page.goto('/login');
    await page.waitForFunction(() => {
      const form = document.querySelector('form');
      return form !== null && Object.keys(form).some((key) => key.startsWith('__reactProps'));
    });
    await page.getByLabel('Usuario').fill('coordinator-cl');
    await page.getByLabel('Contraseña').fill('cualquiera');
    await page.route('**/api/session', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.locator('[data-login-failure="network"]')).toContainText('Sin conexión con el servidor');
    await page.unroute('**/api/session');
    await page.route('**/api/session', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"x"}}' }),
    );
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.locator('[data-login-failure="server-error"]')).toContainText('El servidor no pudo atender el ingreso (error 503)');
  });
});
