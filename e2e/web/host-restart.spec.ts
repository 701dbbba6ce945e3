// The web host is restarted on the same port (`npm run web -- --port N` again, or PORTHOLE_PORT)
// while a page is open. Each start makes a new token, so the old page can never reconnect: the
// live page says the host was restarted and where the new address is, and a reload of it gets a
// refusal that says the same instead of a bare 403. Nothing is served to the old token.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, ownHostProcess: true });
test.describe.configure({ timeout: 180_000 });

const RESTARTED = /^Porthole's web host was restarted: open the address it printed in the terminal where it runs \(npm run web\), which has its new token\. This page's shells and forwards ended with the previous run\.$/;

test('a page left open across a restart of the web host says it was restarted, live and after a reload; the new address works', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  // The Forwards panel's code is loaded now; the Transfers panel's is not (it loads when first shown).
  await page.getByRole('tab', { name: /Forwards/ }).click();
  await expect(page.getByTestId('forwards')).toBeVisible();
  const before = { origin: webHost.origin, token: webHost.token };

  const next = await webHost.restart();
  expect(next.origin).toBe(before.origin);
  expect(next.token).not.toBe(before.token);

  // The live page: first "lost", then, once it finds the new run on its address, "restarted".
  const status = page.getByTestId('disconnected');
  await expect(status).toHaveText(RESTARTED, { timeout: SHELL_TIMEOUT_MS });
  await expect(page.getByTestId('session-closed')).toContainText("Porthole's web host was restarted: open the address it printed");
  // No "a reload brings this shell back": it cannot.
  await expect(page.getByTestId('session-closed')).not.toContainText('A reload within');
  await expect(page.getByTestId('forwards').getByRole('alert')).toHaveText(/^Porthole's web host was restarted\. These forwards ran in its previous run and ended with it/);
  // A panel whose code the new run will not serve to this page says why, not "reload" (which would meet the refusal).
  await page.getByRole('tab', { name: /Transfers/ }).click();
  await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveText(/^This part of Porthole could not be loaded\. Porthole's web host was restarted: open the address it printed/);
  await expect(page.getByRole('tabpanel')).not.toContainText('Reload the page');
  for (const [w, h] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width: w, height: h });
    // The notice has the status bar: version and host step aside instead of being cut to "Po…".
    await expect(page.getByTestId('app-version')).toHaveCount(0);
    // The sandbox's address was the old run's: only the word stays, the notice has the room.
    await expect(page.getByTestId('app-sandbox')).toHaveText('sandbox');
    const bar = await page.locator('footer.status-bar').boundingBox();
    const notice = await status.boundingBox();
    expect(notice !== null && bar !== null && notice.width > bar.width / 2).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `host-restart-live-${w}.png`) });
  }

  // A reload carries the old run's cookie: refused, in words that say what happened and where to go.
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(403);
  const body = page.locator('body');
  await expect(body).toContainText("Porthole's web host was restarted since this page was opened.");
  await expect(body).toContainText('npm run web');
  expect(await page.content()).not.toContain(next.token);
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'host-restart-reload-1024.png') });

  // The address the new run printed opens the app again, connected.
  await openDemo(page, next.url);
  await expect(page.getByTestId('disconnected')).toHaveCount(0);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
});

test('a host that stopped and did not come back keeps saying the link is lost, not that it was restarted', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await webHost.kill();
  const status = page.getByTestId('disconnected');
  await expect(status).toHaveText(/^Lost the connection to Porthole's web host\./);
  // The page asks its address again and again and finds nothing there: the words stay.
  let failedProbes = 0;
  page.on('requestfailed', (r) => {
    if (r.method() === 'HEAD' && new URL(r.url()).pathname === '/') failedProbes += 1;
  });
  await expect.poll(() => failedProbes, quickPoll(30_000)).toBeGreaterThanOrEqual(2);
  await expect(status).toHaveText(/^Lost the connection to Porthole's web host\./);
  await expect(page.getByText('was restarted')).toHaveCount(0);
});
