import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const consoleUrl = () => required('MOSAIC_E2E_CONSOLE_URL');
export const demoPerson = () => required('MOSAIC_E2E_PERSON');
export const demoTravelRecord = () => required('MOSAIC_E2E_TRAVEL_RECORD');
export const DEMO_CASE = 'DEMO-2026-000001';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (e2e/global-setup.ts sets it)`);
  return value;
}

/** Signs in as a demo user and, when given, declares a purpose and the demo case. */
export async function signIn(page: Page, user: string, purpose?: string): Promise<void> {
  await page.goto(consoleUrl());
  await page
    .getByRole('button', { name: new RegExp(`Sign in as ${user.replace('.', '\\.')}\\b`) })
    .click();
  await expect(page.getByRole('heading', { name: 'Why are you looking?' })).toBeVisible();
  if (purpose === undefined) return;
  await page.getByLabel(new RegExp(`^${purpose}`)).check();
  await page.getByLabel('Case number').fill(DEMO_CASE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('context-purpose')).toHaveText(purpose);
  await expect(page.getByTestId('context-case')).toHaveText(DEMO_CASE);
}

/** No serious or critical accessibility violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
    );
  expect(blocking, `axe on the ${screen} screen`).toEqual([]);
}

/**
 * A screenshot for docs/console.md when CONSOLE_SCREENSHOTS=1 (committed
 * pictures are refreshed on purpose, not by every run), else into tmp/.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir =
    process.env['CONSOLE_SCREENSHOTS'] === '1'
      ? resolve(__dirname, '../../../docs/images')
      : resolve(__dirname, '../../../tmp/console-e2e/screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `console-${name}.png`), fullPage: false });
}

/** Collects console errors and uncaught exceptions; a flow ends by checking there were none. */
export function watchErrors(page: Page): { errors: string[] } {
  const seen = { errors: [] as string[] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}
