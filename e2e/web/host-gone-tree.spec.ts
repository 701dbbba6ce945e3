// With the link to the web host lost, the tree offers nothing that needs the host: the target
// details' buttons and the context menu's items are off, and the reason is shown as text (as the
// command palette shows a disabled command's), not only in a tooltip. The keyboard stays where it
// was: on the details' button, or inside an open menu whose items turn off under it.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp } from './porthole-ui.js';

test.use({ sandbox: true, ownHostProcess: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 120_000 });

const LOST = /^Lost the connection to Porthole's web host/;
const TARGET_ITEMS = ['Open shell', 'Start port forward…', 'Diagnose', 'Upload…', 'Download…'];

test('after the host link is lost, the details say why their buttons are off and keep the focus; the menu says why too', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click();
  await page.mouse.move(700, 10);
  const details = page.getByTestId('target-details');
  const shell = details.getByRole('button', { name: 'Open shell' });
  await expect(shell).toBeEnabled();
  await expect(details.getByTestId('target-details-unavailable')).toHaveCount(0);
  await shell.focus();

  await webHost.kill();
  await expect(page.getByTestId('disconnected')).toBeVisible();
  for (const name of ['Open shell', 'Forward…', 'Diagnose']) {
    const button = details.getByRole('button', { name });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', LOST);
  }
  const reason = details.getByTestId('target-details-unavailable');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveText(LOST);
  // The keyboard is not dropped to the page when the button it was on turns off.
  await expect(shell).toBeFocused();
  // A click on it does nothing (force: Playwright will not click what says it is disabled; a person can).
  await shell.click({ force: true });
  await expect(page.locator('.tab')).toHaveCount(0);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tree-details-1440.png') });

  await app.click({ button: 'right' });
  const menu = page.getByRole('menu');
  for (const name of TARGET_ITEMS) {
    await expect(menu.getByRole('menuitem', { name, exact: true })).toBeDisabled();
    await expect(menu.getByRole('menuitem', { name, exact: true })).toHaveAttribute('title', LOST);
  }
  await expect(menu.getByTestId('menu-note')).toHaveText(LOST);
  // What needs no host still works, and has the keyboard.
  await expect(menu.getByRole('menuitem', { name: /^Copy/ })).toBeEnabled();
  await expect(menu.getByRole('menuitem', { name: /^Copy/ })).toBeFocused();
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tree-menu-1024.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(app).toBeFocused();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tree-details-1024.png') });
});

test('a menu open when the link is lost turns its items off under the keyboard, which stays in the menu', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click({ button: 'right' });
  const menu = page.getByRole('menu');
  const shell = menu.getByRole('menuitem', { name: 'Open shell', exact: true });
  await expect(shell).toBeFocused();

  await webHost.kill();
  await expect(page.getByTestId('disconnected')).toBeVisible();
  for (const name of TARGET_ITEMS) await expect(menu.getByRole('menuitem', { name, exact: true })).toBeDisabled();
  await expect(menu.getByTestId('menu-note')).toHaveText(LOST);
  await expect(menu.getByRole('menuitem', { name: /^Copy/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(app).toBeFocused();
});
