// Edit… on a forward: the form opens prefilled, saving moves a running forward to its new local
// port (real bytes through the new one, the old one refusing connections), and a forward that
// failed on its taken local port opens the form on that field, which refuses a port still taken
// in the row's words and starts the forward on a free one.
import { createServer, connect } from 'node:net';
import { expect, test } from '../fixtures/web-host.js';
import { fixedLocalPort } from './fixed-port.js';
import { openEditForm, startForward } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });

/** What an HTTP GET / through the local port answers (the sandbox's servers name themselves and their port). */
async function httpBody(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`);
  return res.text();
}

/** The error code of a TCP connection to the port ('connected' when it was accepted). */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

test('Edit… moves a running forward to another local port; a failed one opens on its taken port and is refused in the row words until given a free one', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80', name: 'bastion http' });
  const oldPort = Number(await row.getAttribute('data-local-port'));

  const form = await openEditForm(page, row);
  await expect(form.getByLabel('Remote port', { exact: true })).toHaveValue('80');
  await expect(form.getByLabel('Remote port', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Local port', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('bastion http');
  await expect(form.getByRole('checkbox', { name: /^Saved/ })).not.toBeChecked();
  await expect(form.getByTestId('forward-edit-effect')).toHaveText(`Saving restarts this forward: localhost:${oldPort} closes first, ending any connection open through it.`);
  const newPort = await fixedLocalPort();
  await form.getByLabel('Local port', { exact: true }).fill(String(newPort));
  await form.getByRole('button', { name: 'Save and restart' }).click();
  await expect(form).toBeHidden();
  await expect(row).toHaveAttribute('data-local-port', String(newPort));
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  expect(await httpBody(newPort)).toBe('hello from bastion port 80\n');
  expect(await connectOutcome(oldPort)).toBe('ECONNREFUSED');
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(1);

  // Another program takes the new port while the forward is stopped: Start fails on it.
  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  const taker = createServer();
  await new Promise<void>((resolve) => taker.listen(newPort, '127.0.0.1', resolve));
  try {
    await row.getByRole('button', { name: /^Start forward / }).click();
    await expect(row).toHaveAttribute('data-state', 'failed');
    const inUse = `Local port ${newPort} on 127.0.0.1 is already in use by another program on this computer.`;
    await expect(row.getByTestId('forward-problem')).toContainText(inUse);

    const again = await openEditForm(page, row);
    const local = again.getByLabel('Local port', { exact: true });
    await expect(local).toBeFocused();
    expect(await local.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, String(newPort).length]);
    await expect(again.getByTestId('forward-edit-effect')).toHaveText('Saving starts this forward again on its new settings.');
    await again.getByRole('button', { name: 'Save and start' }).click();
    await expect(again.getByRole('alert')).toHaveText(`${inUse} Pick another local port, or leave it empty to let the system pick a free one.`);
    const freeAgain = await fixedLocalPort();
    await local.fill(String(freeAgain));
    await again.getByRole('button', { name: 'Save and start' }).click();
    await expect(again).toBeHidden();
    await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
    expect(await httpBody(freeAgain)).toBe('hello from bastion port 80\n');
  } finally {
    taker.close();
  }
});
