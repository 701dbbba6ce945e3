// A database endpoint is usually copied with its port ("db.internal:5432", as RDS and most consoles
// print it). Pasted whole into Remote host, the form used to accept it (colons are allowed for
// IPv6) and start a forward to "db.internal:5432:5432" that no connection could ever get through.
import { expect, test } from '../fixtures/web-host.js';
import { openForwardForm } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

test('a remote host pasted with its port is refused with how to split it, and nothing starts', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  await form.getByRole('checkbox', { name: /Forward to another host/ }).check();
  const host = form.getByLabel('Remote host', { exact: true });
  const port = form.getByLabel('Remote port', { exact: true });
  const start = form.getByRole('button', { name: 'Start forward' });

  await port.fill('5432');
  await host.fill('db.internal:5432');
  await start.click();
  await expect(form.getByRole('alert')).toHaveText('The remote host has a port in it: enter db.internal here and 5432 as the remote port.');
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toBeFocused();
  await expect(host).toHaveValue('db.internal:5432');
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);

  // Split as told, it starts, and its row goes to db.internal:5432 (not db.internal:5432:5432).
  await host.fill('db.internal');
  await start.click();
  await expect(form).toBeHidden();
  const row = page.locator('.forward[data-forward-id]');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('forward-remote')).toHaveAttribute('aria-label', 'db.internal:5432 via bastion');
});
