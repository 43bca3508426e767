import { expect, type Locator, type Page } from '@playwright/test';
import { passwordOf } from '../support/credentials.ts';

/**
 * Fills the login form once React owns it: a click before hydration would submit it natively (a
 * GET with the password in the address).
 */
export async function signInOnForm(page: Page, username: string): Promise<void> {
  await page.waitForFunction(() => {
    const form = document.querySelector('form');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactProps'));
  });
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(passwordOf(username));
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

/** The trainer console at /training. */
export class TrainingPage {
  constructor(readonly page: Page) {}

  /** Opens the console; without a session that means the login form first. */
  static async signIn(page: Page, username = 'trainer'): Promise<TrainingPage> {
    await page.goto('/training');
    await expect(page).toHaveURL(/\/login/);
    await signInOnForm(page, username);
    await expect(page).toHaveURL(/\/training/, { timeout: 15_000 });
    return new TrainingPage(page);
  }

  async startScenario(): Promise<void> {
    await this.page.getByRole('button', { name: 'Iniciar ejercicio' }).click();
    await expect(this.page).toHaveURL(/session=/);
    await expect(this.clock).toBeVisible();
  }

  async jumpTo(milestoneId: string): Promise<void> {
    await this.page.locator(`[data-milestone="${milestoneId}"]`).click();
  }

  async play(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reproducir', exact: true }).click();
    await expect(this.status).toHaveAttribute('data-clock-status', 'playing');
  }

  async pause(): Promise<void> {
    await this.page.getByRole('button', { name: 'Pausa', exact: true }).click();
    await expect(this.status).toHaveAttribute('data-clock-status', 'paused');
  }

  /** Injects a bulletin at the current exercise time through the console's form. */
  async injectBulletin(title: string, text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Inyectar un evento' });
    await form.getByLabel('Tipo').selectOption('bulletin');
    await form.getByLabel('Título').fill(title);
    await form.getByLabel('Texto').fill(text);
    await form.getByRole('button', { name: 'Inyectar' }).click();
    await expect(form.getByRole('status')).toContainText('Evento inyectado');
  }

  /** Ends the session (the caller accepts the confirmation dialog); back to the session chooser. */
  async end(): Promise<void> {
    await this.page.getByRole('button', { name: 'Terminar ejercicio' }).click();
    await expect(this.page.getByRole('button', { name: 'Iniciar ejercicio' })).toBeVisible({ timeout: 10_000 });
  }

  get clock(): Locator {
    return this.page.locator('[data-exercise-time]');
  }

  get status(): Locator {
    return this.page.locator('[data-clock-status]');
  }

  /** Exercise time shown, epoch ms. */
  async exerciseTime(): Promise<number> {
    return Date.parse((await this.clock.getAttribute('data-exercise-time')) ?? '');
  }

  /** The join link (and QR code) for officers' phones, as a path on this server: the exercise's report page. */
  async joinLink(): Promise<string> {
    const href = await this.page.locator('[data-join-link]').getAttribute('href');
    expect(href).toMatch(/^\/report\?channel=training%3A/);
    // The QR code carries the same page, as a full address.
    await expect(this.page.locator('[data-qr]')).toHaveAttribute('data-qr', new URL(href!, this.page.url()).href);
    return href!;
  }

  /** The link for wall displays, as a path on this server. */
  async wallLink(): Promise<string> {
    const href = await this.page.locator('[data-wall-link]').getAttribute('href');
    expect(href).toMatch(/^\/wall\?channel=training%3A/);
    return href!;
  }
}
