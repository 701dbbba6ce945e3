// Issue 14, defect 7: messages that fit what they are about. An instance that lost contact is not
// told about task roles; port-in-use advice is given once and names a choice that exists; counts
// and articles read right.
import { createServer, type Server } from 'node:net';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

test('target-kind wording: lost-contact instance, registered node, cluster counts', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expect(treeRow(page, 'cluster', 'demo-secure')).toHaveAttribute('title', /^1 running task, \d+ services?\.$/);

  const lost = treeRow(page, 'instance', 'lost-contact');
  await lost.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open shell' }).click();
  const banner = page.getByTestId('session-closed');
  await expect(banner).toContainText('instance', { timeout: SHELL_TIMEOUT_MS });
  await expect(banner).not.toContainText('task role');
  await expect(banner).not.toContainText('fresh task');

  await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  const registered = page.locator('[data-check-id="ssm-registered"]');
  await expect(registered).toContainText(/Registered as an? [A-Za-z]/, { timeout: SHELL_TIMEOUT_MS });
  await expect(registered).not.toContainText(/ a [AEIOU]/);
});

test('a local port in use is said once, with advice that matches the form', async ({ page, webHost }) => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    await openDemo(page, webHost.url);
    await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
    const form = page.getByRole('dialog', { name: 'New port forward' });
    await form.getByLabel('Remote port').fill('80');
    await form.getByLabel('Local port').fill(String(port));
    await form.getByRole('button', { name: 'Start forward' }).click();
    const error = form.getByRole('alert');
    await expect(error).toContainText(`Local port ${port}`, { timeout: SHELL_TIMEOUT_MS });
    const text = (await error.textContent()) ?? '';
    expect(text.match(/already in use/g)).toHaveLength(1);
    expect(text.match(/Pick another/g)).toHaveLength(1);
    expect(text).not.toContain('"auto"');
    expect(text).toContain('leave it empty');
  } finally {
    busy.close();
  }
});
