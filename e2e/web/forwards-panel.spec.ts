// Issue 8: a port forward created from the tree carries real bytes to the sandbox's HTTP server;
// the panel's counters move; stopping it frees the local port.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS } from './porthole-ui.js';
import { quickPoll } from './poll.js';

// 1440 wide: the panel is wide enough for the Sent and Received columns this reads.
test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 180_000 });

/** Resolves true when something can listen on the port again. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

test('a forward from the tree reaches the sandbox server, counts its bytes, and stops', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await expect(form.getByLabel('Target', { exact: true })).toContainText('app');
  await form.getByLabel('Remote port', { exact: true }).fill('8080');

  // A local port that is taken is refused in plain words, in the form.
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as AddressInfo).port;
  try {
    await form.getByLabel('Local port', { exact: true }).fill(String(taken));
    await form.getByRole('button', { name: 'Start forward' }).click();
    await expect(form.getByRole('alert')).toContainText(`Local port ${taken} on 127.0.0.1 is already in use`, { timeout: SHELL_TIMEOUT_MS });
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
  await form.getByLabel('Local port', { exact: true }).fill('');
  await form.getByLabel('Name', { exact: true }).fill('web admin');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-forward-form.png') });
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();

  const row = page.locator('.forward[data-forward-id]');
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  const port = Number(await row.getAttribute('data-local-port'));
  expect(port).toBeGreaterThan(0);
  await expect(row).toContainText(`localhost:${port}`);
  await expect(row.getByTestId('forward-sent')).toHaveText('0 B');
  await expect(row.getByTestId('forward-received')).toHaveText('0 B');

  const response = await request.get(`http://127.0.0.1:${port}/`, { timeout: SHELL_TIMEOUT_MS });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('hello from app/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001 port 8080');
  // Open goes through the bridge: in a browser the page opens the address in a new tab itself.
  const opened = page.context().waitForEvent('page');
  await row.getByRole('button', { name: 'Open' }).click();
  const tab = await opened;
  await expect(tab.locator('body')).toContainText('hello from app/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001 port 8080', { timeout: SHELL_TIMEOUT_MS });
  expect(tab.url()).toBe(`http://localhost:${port}/`);
  await tab.close();
  // A larger body so the counters move visibly (GET /large?bytes=N answers N bytes).
  const large = await request.get(`http://127.0.0.1:${port}/large?bytes=300000`, { timeout: SHELL_TIMEOUT_MS });
  expect((await large.body()).byteLength).toBe(300_000);

  // Stats arrive on main's sampling period: wait until they include the 300 kB body.
  const kbDown = async (): Promise<number> => {
    const m = /^([\d.]+) (B|kB|MB)$/.exec((await row.getByTestId('forward-received').textContent()) ?? '');
    return m ? Number(m[1]) * ({ B: 0.001, kB: 1, MB: 1000 } as const)[m[2] as 'B' | 'kB' | 'MB'] : 0;
  };
  await expect.poll(kbDown, quickPoll(30_000)).toBeGreaterThanOrEqual(300);
  await expect(row.getByTestId('forward-sent')).not.toHaveText('0 B');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-forward-live.png') });

  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await expect.poll(() => portIsFree(port), quickPoll(15_000)).toBe(true);
  // Stopped, it keeps its last totals, after a reload too (not 0 B).
  const sent = await row.getByTestId('forward-sent').textContent();
  const received = await row.getByTestId('forward-received').textContent();
  expect(sent).not.toBe('0 B');
  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('forward-sent')).toHaveText(sent ?? '');
  await expect(row.getByTestId('forward-received')).toHaveText(received ?? '');

  // Saved forwards are listed once out of the table, and can be forgotten.
  await row.getByRole('button', { name: 'Save' }).click();
  const saved = page.locator('.forward.saved');
  await expect(row.locator('.forward-save')).toHaveAttribute('aria-pressed', 'true');
  await expect(saved).toHaveCount(0);
  await row.getByRole('button', { name: 'Remove forward' }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('web admin');
  await saved.getByRole('button', { name: 'Forget' }).click();
  await expect(saved).toHaveCount(0);
});
