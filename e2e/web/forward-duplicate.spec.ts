// A second forward to where one already goes is warned about in the form (often a forward
// forgotten in the panel) but not refused: on another local port it can be meant.
import { expect, test } from '../fixtures/web-host.js';
import { openForwardForm, startForward } from './forward-ui.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

test('the form warns of a forward already going to the same target and port, and still starts a second one', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const bastion = treeRow(page, 'instance', 'bastion');
  const first = await startForward(page, bastion, { remotePort: '80' });
  const port = await first.getAttribute('data-local-port');

  const form = await openForwardForm(page, bastion);
  const warning = form.getByTestId('forward-duplicate-warning');
  await form.getByLabel('Remote port', { exact: true }).fill('81');
  await expect(warning).toHaveCount(0);
  await form.getByLabel('Remote port', { exact: true }).fill('80');
  await expect(warning).toHaveText(`You already forward bastion:80 on localhost:${port}.`);
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
  const rows = page.locator('.forward[data-forward-id]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
});
