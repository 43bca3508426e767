import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { EventInput } from '../lib/contract/events.ts';
import { handoverReplySchema } from '../lib/contract/http.ts';
import * as make from '../lib/testing/eventFactory.ts';
import { passwordOf } from './support/credentials.ts';
import { postEvents } from './support/ingest.ts';
import { drawPdfPages, isA4, readPdf } from './support/pdf.ts';

/**
 * The handover brief in real Chromium: a past 12 h period seeded by agency systems of both countries
 * (other specs post at "now", after it), read by a Peruvian and a Chilean coordinator, printed to
 * PDF on A4 and photographed as printed and at three screen sizes into /tmp/shots/handover/.
 */
const SHOTS = '/tmp/shots/handover';
const HOUR = 3_600_000;
const TO = Math.floor((Date.now() - 18 * HOUR) / 60_000) * 60_000;
const FROM = TO - 12 * HOUR;
const at = (hours: number) => new Date(FROM + hours * HOUR).toISOString();
const PERIOD = `from=${encodeURIComponent(new Date(FROM).toISOString())}&to=${encodeURIComponent(new Date(TO).toISOString())}`;

const SECRET_TEXT = 'Operativo reservado de Carabineros en Hito 9';
const TAG = `relevo-${Date.now().toString(36)}`;

function seed(): EventInput[][] {
  const pnp: EventInput[] = [
    make.incident({
      agency: 'pnp',
      incidentId: `${TAG}-pe-1`,
      severity: 'high',
      kind: 'blockade',
      text: 'Bloqueo de la Panamericana Sur frente a Santa Rosa',
      people: 80,
      minors: 12,
      occurredAt: at(1),
    }),
    make.incident({
      agency: 'pnp',
      incidentId: `${TAG}-pe-2`,
      severity: 'low',
      kind: 'other',
      text: 'Documentos encontrados en control peatonal',
      people: undefined,
      minors: undefined,
      occurredAt: at(2),
    }),
    ...[0, 1, 2, 3].map((i) =>
      make.unitPosition({
        agency: 'pnp',
        unitId: `${TAG}-PNP-${i}`,
        status: i === 0 ? 'responding' : 'patrolling',
        occurredAt: at(10 + i * 0.1),
      }),
    ),
    ...Array.from({ length: 25 }, (_, i) =>
      make.queueUpdate({
        agency: 'pnp',
        post: 'santa-rosa',
        direction: 'to-chile',
        waiting: 60 + ((i * 37) % 90),
        occurredAt: at(i * 0.5),
      }),
    ),
  ];
  const carabineros: EventInput[] = [
    make.incident({
      agency: 'carabineros',
      incidentId: `${TAG}-cl-secret`,
      severity: 'critical',
      kind: 'smuggling',
      text: SECRET_TEXT,
      releasability: 'national',
      people: undefined,
      minors: undefined,
      occurredAt: at(3),
    }),
    make.incident({
      agency: 'carabineros',
      incidentId: `${TAG}-cl-1`,
      severity: 'medium',
      kind: 'crossing',
      text: 'Grupo cruza por Hito 3 hacia Perú',
      people: 14,
      minors: 3,
      occurredAt: at(4),
    }),
    make.unitPosition({ agency: 'carabineros', unitId: `${TAG}-CB-1`, status: 'patrolling', occurredAt: at(11) }),
    make.unitPosition({ agency: 'carabineros', unitId: `${TAG}-CB-2`, status: 'stationary', occurredAt: at(11) }),
    make.unitPosition({
      agency: 'carabineros',
      unitId: `${TAG}-CB-RES`,
      status: 'responding',
      occurredAt: at(11),
      releasability: 'national',
    }),
  ];
  const pdi: EventInput[] = [
    make.incident({
      agency: 'pdi',
      incidentId: `${TAG}-pdi-1`,
      severity: 'high',
      kind: 'stranded-group',
      text: 'Grupo varado entre complejos, sin agua',
      people: 40,
      minors: 9,
      occurredAt: at(5),
    }),
    make.incidentClosed({ agency: 'pdi', incidentId: `${TAG}-pdi-1`, occurredAt: at(8), text: 'Grupo trasladado a Chacalluta y atendido' }),
    // Santa Rosa toward Peru: rising to a peak of 450 mid-shift, then easing.
    ...Array.from({ length: 25 }, (_, i) =>
      make.queueUpdate({
        agency: 'pdi',
        post: 'santa-rosa',
        direction: 'to-peru',
        waiting: Math.round(450 - Math.abs(i - 12) * 28),
        waitMinutes: Math.round((450 - Math.abs(i - 12) * 28) / 5),
        occurredAt: at(i * 0.5),
      }),
    ),
    make.unitPosition({ agency: 'pdi', unitId: `${TAG}-PDI-1`, status: 'patrolling', occurredAt: at(9) }),
  ];
  return [pnp, carabineros, pdi];
}

async function signInTo(page: Page, path: string, username: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(passwordOf(username));
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/relevo/);
  await expect(page.getByTestId('open-incidents')).toBeVisible();
}

test.describe('handover brief', () => {
  test.beforeAll(async ({ request }) => {
    mkdirSync(SHOTS, { recursive: true });
    for (const batch of seed()) await postEvents(request, batch);
  });

  test('a PNP coordinator reads the period without the Chilean national-only incident, and prints it on A4', async ({ page }) => {
    await signInTo(page, `/relevo?${PERIOD}`, 'coordinator-pe');
    await expect(page.getByRole('heading', { level: 1, name: 'Informe de relevo' })).toBeVisible();

    const open = page.getByTestId('open-incidents');
    await expect(open.locator(`[data-incident^="${TAG}-"]`)).toHaveCount(3);
    await expect(open).toContainText('Bloqueo de la Panamericana Sur frente a Santa Rosa');
    await expect(open).toContainText('Grupo cruza por Hito 3 hacia Perú');
    // Reported by an agency system and not yet validated by a coordinator.
    await expect(open.locator(`[data-incident="${TAG}-pe-1"]`).getByTestId('incident-status')).toHaveText('Reportado');
    await expect(page.locator(`[data-incident="${TAG}-cl-secret"]`)).toHaveCount(0);
    await expect(page.getByText(SECRET_TEXT)).toHaveCount(0);
    const closed = page.getByTestId('closed-incidents');
    await expect(closed).toContainText('Grupo trasladado a Chacalluta y atendido');
    await expect(page.getByTestId('summary-closed')).toHaveText('1');
    await expect(page.locator('[data-queue="santa-rosa/to-peru"]').getByTestId('queue-peak')).toHaveText('450');
    await expect(page.locator('[data-queue="santa-rosa/to-peru"] svg[data-queue-chart] polyline')).toHaveCount(1);
    await expect(page.locator('[data-units="carabineros"]').getByTestId('units-total')).toHaveText('2'); // not the national unit
    // Both clocks: the period as Arica and Tacna read it.
    await expect(page.getByTestId('handover-period')).toContainText('Arica');
    await expect(page.getByTestId('handover-period')).toContainText('Tacna');

    // The JSON download is the same brief, for the same viewer.
    const href = await page.getByRole('link', { name: 'Descargar JSON' }).getAttribute('href');
    const json = handoverReplySchema.parse(await (await page.request.get(href!)).json());
    expect(json.scope).toBe('PE');
    expect(JSON.stringify(json)).not.toContain(SECRET_TEXT);

    // Printed: no controls, and at least one A4 page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Imprimir / Descargar PDF' })).toBeHidden();
    await page.screenshot({ path: `${SHOTS}/pe-print.png`, fullPage: true });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi, to look at as a sheet
    await page.screenshot({ path: `${SHOTS}/pe-print-a4.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    writeFileSync(`${SHOTS}/pe.pdf`, pdf);
    // The sheets as printed: A4, the period's incidents, peaks and both clocks, and not one word
    // of the Chilean national-only incident.
    const printed = readPdf(`${SHOTS}/pe.pdf`);
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    expect(isA4(printed.pageSize), JSON.stringify(printed.pageSize)).toBe(true);
    for (const words of ['Informe de relevo', 'Bloqueo de la Panamericana Sur', 'Grupo trasladado a Chacalluta', '450', 'Arica', 'Tacna'])
      expect(printed.text).toContain(words);
    expect(printed.text).not.toContain(SECRET_TEXT);
    expect(printed.text).not.toContain('Imprimir');
    drawPdfPages(`${SHOTS}/pe.pdf`, `${SHOTS}/pe-pdf-page`);
  });

  test('a Carabineros coordinator sees Chile’s national-only incident, marked so, and can switch to English', async ({ page }) => {
    await signInTo(page, `/relevo?${PERIOD}`, 'coordinator-cl');
    const secret = page.locator(`[data-incident="${TAG}-cl-secret"]`);
    await expect(secret).toContainText(SECRET_TEXT);
    await expect(secret).toContainText('Solo Chile');
    await expect(page.getByTestId('open-incidents').locator(`[data-incident^="${TAG}-"]`)).toHaveCount(4);
    await expect(page.locator('[data-units="carabineros"]').getByTestId('units-total')).toHaveText('3');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Handover brief' })).toBeVisible();
    await expect(secret).toContainText('Chile only');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/cl-print-en.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    writeFileSync(`${SHOTS}/cl-en.pdf`, pdf);
    const printed = readPdf(`${SHOTS}/cl-en.pdf`);
    expect(isA4(printed.pageSize), JSON.stringify(printed.pageSize)).toBe(true);
    expect(printed.text).toContain('Handover brief');
    expect(printed.text).toContain(SECRET_TEXT);
    expect(printed.text.toLowerCase()).toContain('chile only'); // set in capitals on the sheet
    drawPdfPages(`${SHOTS}/cl-en.pdf`, `${SHOTS}/cl-en-pdf-page`);
  });

  test('the period chooser and the screen at 1280×720, 1920×1080 and 3840×2160', async ({ page }) => {
    await signInTo(page, `/relevo?${PERIOD}`, 'coordinator-pe');
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160],
    ]) {
      await page.setViewportSize({ width, height });
      await expect(page.getByTestId('open-incidents')).toBeVisible();
      // Nothing wider than the window: no sideways scrolling on any screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/screen-${width}x${height}.png`, fullPage: true });
    }

    // A typed period the other way round is refused on the page, before asking the server.
    await page.getByLabel('Desde (hora de Arica)').fill('2025-12-01T18:00');
    await page.getByLabel('Hasta (hora de Arica)').fill('2025-12-01T06:00');
    await page.getByRole('button', { name: 'Ver informe' }).click();
    await expect(page.getByRole('navigation').getByRole('alert')).toHaveText('El inicio debe ser anterior al término.');

    // The last 12 h: the seeded period is long past, so its incidents are not "opened in the period".
    await page.getByRole('button', { name: 'Últimas 12 h' }).click();
    await expect(page).toHaveURL(/period=last12h/);
    await expect(page.getByRole('button', { name: 'Últimas 12 h' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator(`[data-incident="${TAG}-cl-1"]`)).toBeVisible(); // still open
    await expect(page.locator(`[data-incident="${TAG}-pdi-1"]`)).toHaveCount(0); // closed before these 12 h
  });
});
