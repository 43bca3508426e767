import { expect, type Page } from '@playwright/test';
import { passwordOf } from '../support/credentials.ts';
import { WallPage } from './WallPage.ts';

export class LoginPage {
  constructor(private readonly page: Page) {}

  /** Opening a protected page without a session lands on the login form. */
  async open(path = '/wall'): Promise<this> {
    await this.page.goto(path);
    await expect(this.page).toHaveURL(/\/login/);
    return this;
  }

  async signInAs(username: string): Promise<WallPage> {
    await this.page.getByLabel('Usuario').fill(username);
    await this.page.getByLabel('Contraseña').fill(passwordOf(username));
    await this.page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(this.page).toHaveURL(/\/wall/);
    return new WallPage(this.page);
  }
}
