import { expect, type Locator, type Page } from '@playwright/test';
import { passwordOf } from '../support/credentials.ts';

export interface IncidentInput {
  kind: string;
  severity: string;
  people?: string;
  minors?: string;
  text: string;
}

/** The field officer's report screen, driven by touch as on a phone. */
export class ReportPage {
  constructor(readonly page: Page) {}

  /** Opening /report without a session lands on the login form, which comes back to /report. */
  static async signIn(page: Page, username: string): Promise<ReportPage> {
    await page.goto('/report');
    await expect(page).toHaveURL(/\/login/);
    return ReportPage.signInHere(page, username);
  }

  /** On the login form already (e.g. after "sign in again"). */
  static async signInHere(page: Page, username: string): Promise<ReportPage> {
    await page.getByLabel('Usuario').fill(username);
    await page.getByLabel('Contraseña').fill(passwordOf(username));
    // The button is enabled once React runs the form (before that a tap would submit it natively).
    await page.getByRole('button', { name: 'Ingresar' }).tap();
    await expect(page).toHaveURL(/\/report$/, { timeout: 15_000 });
    const report = new ReportPage(page);
    await report.expectLoaded();
    return report;
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.locator('[data-pending-count]')).toBeVisible({ timeout: 15_000 });
  }

  /** The service worker holds the page and its files: it would open with no connection. */
  async expectOfflineReady(): Promise<void> {
    await expect(this.page.locator('[data-offline-ready="ready"]')).toBeVisible({ timeout: 30_000 });
  }

  get pendingCount(): Locator {
    return this.page.locator('[data-pending-count]');
  }

  async expectPending(n: number, timeout = 5_000): Promise<void> {
    await expect(this.pendingCount).toHaveAttribute('data-pending-count', String(n), { timeout });
    await expect(this.pendingCount).toHaveText(n === 0 ? /Todo enviado|0 por enviar/ : n === 1 ? '1 por enviar' : `${n} por enviar`);
  }

  get outboxEntries(): Locator {
    return this.page.locator('[data-outbox-id]');
  }

  sentEntry(id: string): Locator {
    return this.page.locator(`[data-sent-id="${id}"]`);
  }

  get positionStatus(): Locator {
    return this.page.locator('[data-position-status]');
  }

  get map(): Locator {
    return this.page.locator('[data-position-map]');
  }

  /** Taps one of the big option buttons (a radio drawn as a button) in a group. */
  async choose(group: string, option: string): Promise<void> {
    const fieldset = this.page.getByRole('group', { name: group });
    await fieldset
      .locator('label')
      .filter({ hasText: new RegExp(`^${option}$`) })
      .tap();
    await expect(fieldset.getByRole('radio', { name: option, exact: true })).toBeChecked();
  }

  async chooseType(type: 'Incidente' | 'Patrullaje' | 'Fila en frontera' | 'Posición'): Promise<void> {
    await this.choose('Tipo de reporte', type);
  }

  async fillIncident(input: IncidentInput): Promise<void> {
    await this.chooseType('Incidente');
    await this.choose('Tipo de incidente', input.kind);
    await this.choose('Gravedad', input.severity);
    if (input.people !== undefined) await this.page.getByLabel(/^Personas/).fill(input.people);
    if (input.minors !== undefined) await this.page.getByLabel(/^Menores/).fill(input.minors);
    await this.page.getByLabel('Descripción').fill(input.text);
  }

  async fillPatrol(text: string): Promise<void> {
    await this.chooseType('Patrullaje');
    await this.page.getByLabel('Novedades').fill(text);
  }

  async fillQueue(post: 'Santa Rosa' | 'Chacalluta', direction: 'hacia Perú' | 'hacia Chile', waiting: string): Promise<void> {
    await this.chooseType('Fila en frontera');
    await this.choose('Paso fronterizo', post);
    await this.choose('Sentido', direction);
    await this.page.getByLabel('Personas esperando').fill(waiting);
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enviar reporte' }).tap();
  }

  /** Sends, and waits until the report is safe in the phone's outbox. */
  async sendAndQueue(): Promise<void> {
    await this.send();
    await expect(this.page.locator('[data-notice]')).toHaveAttribute('data-notice', /queued|delivered/);
  }

  /** The ids of the reports waiting on the phone, oldest first. */
  async outboxIds(): Promise<string[]> {
    return this.outboxEntries.evaluateAll((items) => items.map((item) => item.getAttribute('data-outbox-id') ?? ''));
  }
}
