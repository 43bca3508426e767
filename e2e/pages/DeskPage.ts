import { expect, type Locator, type Page } from '@playwright/test';
import { passwordOf } from '../support/credentials.ts';

/** The coordinators' desk, /coordinar, driven as a coordinator would: mostly from the keyboard. */
export class DeskPage {
  constructor(readonly page: Page) {}

  static async signIn(page: Page, username: string, path = '/coordinar'): Promise<DeskPage> {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Usuario').fill(username);
    await page.getByLabel('Contraseña').fill(passwordOf(username));
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page).toHaveURL(/\/coordinar/, { timeout: 15_000 });
    const desk = new DeskPage(page);
    await expect(page.locator('[data-desk] [data-connection="live"]')).toBeVisible({ timeout: 15_000 });
    return desk;
  }

  listed(incidentId: string): Locator {
    return this.page.locator(`#desk-list [data-incident-id="${incidentId}"]`);
  }

  get detailStatus(): Locator {
    return this.page.locator('[data-detail-status]');
  }

  form(action: string): Locator {
    return this.page.locator(`[data-action-form="${action}"]`);
  }

  async select(incidentId: string): Promise<void> {
    await this.listed(incidentId).click();
    await expect(this.page.locator(`[data-detail-id="${incidentId}"]`)).toBeVisible();
  }

  /** Opens a step's form with its shortcut key, as the strip at the bottom says. */
  async open(action: 'validate' | 'return' | 'assign' | 'transfer' | 'close'): Promise<Locator> {
    const key = { validate: 'v', return: 'd', assign: 'a', transfer: 't', close: 'c' }[action];
    await this.page.locator('body').press(key);
    const form = this.form(action);
    await expect(form).toBeVisible();
    return form;
  }

  async confirm(form: Locator): Promise<void> {
    await form.locator('[data-confirm]').click();
    await expect(this.page.locator('[data-action-result="done"]')).toBeVisible();
  }

  alert(alertId: string): Locator {
    return this.page.locator(`[data-desk-alerts] [data-alert-id="${alertId}"]`);
  }
}
