// A forward started on an automatic local port and saved keeps that port: the announcement, the
// Saved list and the forward started again from Saved all name the port it had, and bytes go
// through it there (a client set up for that port keeps working after the row was removed). Its
// Edit form's local port hint says an empty port is picked and kept, as it will be.
import { expect, test } from '../fixtures/web-host.js';
import { openEditForm, startForward } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

/** What an HTTP GET / through the local port answers (the sandbox's servers name themselves and their port). */
async function httpBody(port: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`);
  return res.text();
}

test('a saved forward on an automatic port starts again from Saved on the same port', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const rows = page.locator('.forward[data-forward-id]');
  await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80' });
  const port = await rows.getAttribute('data-local-port');
  expect(port).toMatch(/^\d+$/);

  await rows.locator('.forward-save').click();
  await expect(page.getByTestId('forwards-announce')).toHaveText(new RegExp(`^Saved forward localhost:${port} → bastion:80\\.`));
  const saved = page.locator('.forward.saved');

  await rows.getByRole('button', { name: 'Remove forward' }).click();
  await expect(rows).toHaveCount(0);
  await expect(saved.locator('.forward-address')).toHaveText(`localhost:${port}`);
  await saved.getByRole('button', { name: 'Start' }).click();
  await expect(rows).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await expect(rows).toHaveAttribute('data-local-port', String(port));
  await expect(rows.getByTestId('forward-address')).toHaveText(`localhost:${port}`);
  expect(await httpBody(String(port))).toBe('hello from bastion port 80\n');

  // Its Edit form says what an empty local port does to a saved forward: picked, then kept.
  const form = await openEditForm(page, rows);
  const hint = form.locator('#forward-local-hint');
  await expect(hint).toHaveText('Empty: a free port is picked, then kept as this saved forward’s port.');
  await form.getByRole('checkbox', { name: /^Saved/ }).uncheck();
  await expect(hint).toHaveText('Leave empty to pick a free port.');
});
