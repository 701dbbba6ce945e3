// The web host ends while the page is open (stopped, crashed, the laptop's terminal closed). The
// page must not keep saying that forwards listen, and a shell asked for meanwhile is refused with
// the reason (a notice, no dead tab) instead of running diagnostics that cannot load either.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true, ownHostProcess: true });
test.describe.configure({ timeout: 180_000 });

test('after the web host ends, forwards are shown as unknown with their buttons off, and a new shell is refused: the host is gone', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'app-server'), { remotePort: '22' });

  await webHost.kill();
  const forwards = page.getByTestId('forwards');
  await expect(forwards.getByRole('alert')).toHaveText(/^Lost the connection to Porthole's web host\. Its forwards ran in it: what is listed is how they were last seen, not whether they still listen\.$/);
  // A restarted host has a new token, so "reload this page" alone would meet a refusal: the status says both ways back.
  await expect(page.getByTestId('disconnected')).toHaveText("Lost the connection to Porthole's web host. If it is still running, reload this page; if it stopped, start it again and open the address it prints.");
  await expect(row.locator('.state-pill')).toHaveText('unknown');
  await expect(row).toHaveAttribute('data-state', 'unknown');
  await expect(row.getByRole('button', { name: 'Stop' })).toBeDisabled();
  await expect(row.getByTestId('forward-rate')).toHaveText('—');
  await page.screenshot({ path: 'e2e/artifacts/host-gone-forwards.png' });

  // A shell asked for now is refused in the words the disabled Open shell gives: no dead tab, and
  // the Forwards panel stays (no diagnostics run).
  await treeRow(page, 'instance', 'bastion').dblclick();
  await expect(page.locator('.toasts')).toContainText("Cannot open a shell on “bastion”: Lost the connection to Porthole's web host");
  await expect(page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab')).toHaveCount(0);
  await expect(page.getByText('No open sessions.')).toBeVisible();
  await expect(page.getByRole('tab', { name: /Forwards/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('could not be loaded')).toHaveCount(0);
});

test('with a shell open, the status bar says the link is lost once, not again in the tab status', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await webHost.kill();
  const bar = page.locator('footer.status-bar');
  await expect(page.getByTestId('disconnected')).toBeVisible();
  // The tab learns of the loss too (its session closes); wait for that before counting.
  await expect(page.getByTestId('session-closed')).toContainText("Lost the connection to Porthole's web host");
  const text = (await bar.textContent()) ?? '';
  expect(text.split('Lost the connection').length - 1).toBe(1);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-status-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-host-gone-status-1024.png') });
});
