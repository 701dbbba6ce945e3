// The new-forward form refuses what the contract would refuse, in its own words and before any
// call: a remote host that is too long or not a host name, a name that is too long.
import { createServer, type AddressInfo } from 'node:net';
import { expect, test } from '../fixtures/web-host.js';
import { fixedLocalPort } from './fixed-port.js';
import { openForwardForm, startForward } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

test('a remote host or name the contract would refuse is told in plain words, and nothing starts', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  await form.getByLabel('Remote port', { exact: true }).fill('5432');
  await form.getByRole('checkbox', { name: /Forward to another host/ }).check();
  const host = form.getByLabel('Remote host', { exact: true });
  const start = form.getByRole('button', { name: 'Start forward' });

  // A wrong port is marked and gets the keyboard, its text selected to be typed over; typing takes the mark off.
  const local = form.getByLabel('Local port', { exact: true });
  await local.fill('abc');
  await start.click();
  await expect(form.getByRole('alert')).toHaveText('The local port must be a number from 1 to 65535, or empty to pick a free one.');
  await expect(local).toHaveAttribute('aria-invalid', 'true');
  await expect(local).toBeFocused();
  await page.keyboard.type('15432x');
  await expect(local).toHaveValue('15432x');
  await expect(local).not.toHaveAttribute('aria-invalid', 'true');
  await local.fill('');

  await host.fill(`${'a'.repeat(250)}.example.com`);
  await start.click();
  await expect(form.getByRole('alert')).toHaveText('The remote host has at most 253 characters (the longest DNS name).');
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toBeFocused();
  await host.fill('db.internal; rm -rf /');
  await start.click();
  await expect(form.getByRole('alert')).toHaveText('The remote host must be a host name or an IP address (letters, digits, dots, hyphens, underscores, colons), such as db.internal or 10.0.0.5.');
  await host.fill('db.internal');
  await form.getByLabel('Name', { exact: true }).fill('n'.repeat(201));
  await start.click();
  await expect(form.getByRole('alert')).toHaveText('The name has at most 200 characters.');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(host).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);

  await form.getByLabel('Name', { exact: true }).fill('primary db');
  await start.click();
  await expect(form).toBeHidden();
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(1);
});

test('ticking "another host" drops the container port it suggested, says the port is the remote host\'s, and puts the keyboard on the host', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, await revealWebApp(page));
  const port = form.getByLabel('Remote port', { exact: true });
  const hint = form.getByTestId('forward-declared-ports');
  await expect(port).toHaveValue('8080');
  await form.getByRole('checkbox', { name: /Forward to another host/ }).check();
  await expect(form.getByLabel('Remote host', { exact: true })).toBeFocused();
  await expect(port).toHaveValue('');
  await expect(hint).toHaveText('The port on the remote host.');
  await expect(hint.getByRole('button')).toHaveCount(0);
  // Unticked, the container's suggestion comes back; a port the person typed is never replaced.
  await form.getByRole('checkbox', { name: /Forward to another host/ }).uncheck();
  await expect(port).toHaveValue('8080');
  await port.fill('9000');
  await form.getByRole('checkbox', { name: /Forward to another host/ }).check();
  await expect(port).toHaveValue('9000');
});

test('a forward stopped then saved shows once: its row, marked Saved, with the one Start', async ({ page, webHost }) => {
  // The audit's steps: start, Stop, Save. Its row and a Saved entry each offered Start.
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '22' });
  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.locator('.forward-save')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.forward.saved')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Start( forward|$)/ })).toHaveCount(1);
  await page.getByRole('button', { name: /^Start forward / }).click();
  await expect(page.locator('.forward[data-forward-id]')).toHaveAttribute('data-state', 'listening', { timeout: 45_000 });
  await expect(page.locator('.forward.saved')).toHaveCount(0);
});

test('a local port in use is refused in words with the form kept as typed, the local port marked and given the keyboard: Esc still closes it', async ({ page, webHost }) => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const inUse = String((busy.address() as AddressInfo).port);
  try {
    await openDemo(page, webHost.url);
    const form = await openForwardForm(page, treeRow(page, 'instance', 'app-server'));
    await form.getByLabel('Remote port', { exact: true }).fill('80');
    await form.getByLabel('Local port', { exact: true }).fill(inUse);
    const start = form.getByRole('button', { name: 'Start forward' });
    await start.click();
    await expect(form.getByRole('alert')).toHaveText(`Local port ${inUse} on 127.0.0.1 is already in use by another program on this computer. Pick another local port, or leave it empty to let the system pick a free one.`);
    await expect(form.getByLabel('Remote port', { exact: true })).toHaveValue('80');
    const local = form.getByLabel('Local port', { exact: true });
    await expect(local).toHaveValue(inUse);
    // The field to fix is marked and has the keyboard, its text selected to be typed over.
    await expect(local).toHaveAttribute('aria-invalid', 'true');
    await expect(local).toBeFocused();
    expect(await local.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, inUse.length]);
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
  } finally {
    busy.close();
  }
});

test('a forward whose local port another program took says so in its row, with advice about this computer, not the target', async ({ page, webHost }) => {
  // A free port to type as the forward's fixed local port (an automatic one would move to another
  // free port), out of the ephemeral range so nothing else takes it first (fixed-port.ts).
  const port = await fixedLocalPort();
  const taker = createServer();
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  await form.getByLabel('Remote port', { exact: true }).fill('5432');
  await form.getByLabel('Local port', { exact: true }).fill(String(port));
  await form.getByRole('button', { name: 'Start forward' }).click();
  const row = page.locator('.forward[data-forward-id]');
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  // Another program takes the port meanwhile; Start tries it again.
  await new Promise<void>((resolve) => taker.listen(port, '127.0.0.1', resolve));
  try {
    await row.getByRole('button', { name: /^Start forward / }).click();
    await expect(row).toHaveAttribute('data-state', 'failed');
    await expect(row.getByTestId('forward-problem')).toHaveText(
      `Local port ${port} on 127.0.0.1 is already in use by another program on this computer. Stop the program using it, then press Start; or press Edit… and give the forward another local port (empty picks a free one).`,
    );
    // Said once, in the row: no second notice over the table in the form's words.
    await expect(page.getByTestId('forwards').locator('.notice-error')).toHaveCount(0);
  } finally {
    taker.close();
  }
});
