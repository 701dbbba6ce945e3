// A task someone stops (`aws ecs stop-task`, called on the sandbox as on AWS) under an open shell:
// the shell ends when its containers exit, Porthole asks ECS about that task once, and the tree
// shows the task stopping (the e2e hosts keep it DEPROVISIONING) and its containers stopped,
// offering no shell, and its service's running count drops by one, without a refresh. The shell's
// tab says the task is stopping (not just that the session ended) and offers Close tab, not Reopen.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });

test('a task stopped under its shell says so in its tab, shows stopping, its containers stopped, with no shell offered, its service counting one task less, without a refresh', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  const task = treeRow(page, 'task', /0001/);
  const serviceCount = treeRow(page, 'service', 'web').locator('.tree-badge');
  await expect(serviceCount).toHaveText('2/2');
  // A running task with exec has no badge; its container is ready.
  await expect(task.locator('.tree-badge')).toHaveCount(0);
  await expect(app.locator('.tree-badge')).toHaveText('exec ready');
  await app.dblclick();
  await waitForShell(page);

  const ecs = new ECSClient(sandboxClientConfig(webHost.output(), await sandboxEndpoint(page)));
  try {
    await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001' }));
  } finally {
    ecs.destroy();
  }
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  // The tab says why its shell ended: the task is stopping (ECS's reason and the exit code on hover), and offers no Reopen.
  const banner = page.getByTestId('session-closed');
  await expect(banner).toHaveAttribute('data-ending', 'task-stopping');
  await expect(banner.locator('.session-banner-text')).toHaveText('The task is stopping');
  await expect(banner.locator('.session-banner-text')).toHaveAttribute('title', /ECS: Task stopped by user\nThe container exited with code 143/);
  await expect(banner.getByRole('button')).toHaveText(['Close tab']);
  await expect(task.locator('.tree-badge')).toHaveText('stopping');
  // ECS counts RUNNING tasks only: the service's row says so as soon as the tree learns of the stop.
  await expect(serviceCount).toHaveText('1/2');
  await expect(app.locator('.tree-badge')).toHaveText('stopped');
  await app.click({ button: 'right' });
  await expect(page.getByRole('menu').getByRole('menuitem', { name: 'Open shell', exact: true })).toBeDisabled();
});
