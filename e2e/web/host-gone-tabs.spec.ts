// With the link to the web host lost, a tab offers nothing that needs the host: Reopen, Restart
// session, Diagnose, Upload, Download and a new tab would each fail at once with the same reason.
// The banner keeps only Close tab; the tab's menu shows those items off, with the reason.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, treeRow, typeLine, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true, ownHostProcess: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 180_000 });

test('after the host link is lost, an exited tab offers Close tab only and its menu says why Reopen is off', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await typeLine(page, 'exit');
  const banner = page.getByTestId('session-closed');
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeVisible();

  await webHost.kill();
  await expect(page.getByTestId('disconnected')).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Restart session' })).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Diagnose' })).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeVisible();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tab-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tab-1024.png') });

  await page.locator('.tab').first().click({ button: 'right' });
  const lost = /^Lost the connection to Porthole's web host/;
  for (const name of ['Reopen', 'Upload…', 'Download…', 'New tab to the same target']) {
    const item = page.getByRole('menuitem', { name });
    await expect(item).toBeDisabled();
    await expect(item).toHaveAttribute('title', lost);
  }
  // What needs no host still works.
  await expect(page.getByRole('menuitem', { name: 'Close' })).toBeEnabled();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-tab-menu-1024.png') });
  await page.keyboard.press('Escape');

  // A shell asked for now is refused at once with the reason: no second, dead tab.
  await treeRow(page, 'instance', 'app-server').dblclick();
  await expect(page.locator('.toasts')).toContainText("Cannot open a shell on “app-server”: Lost the connection to Porthole's web host");
  await expect(page.locator('.tab')).toHaveCount(1);
  await banner.getByRole('button', { name: 'Close tab' }).click();
  await expect(page.locator('.tab')).toHaveCount(0);
});
