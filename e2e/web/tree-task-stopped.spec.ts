// A task someone stops (`aws ecs stop-task`, called on the sandbox as on AWS) under an open shell:
// the shell ends when its containers exit, Porthole asks ECS about that task once, and the tree
// shows the task stopping (the e2e hosts keep it DEPROVISIONING) and its containers stopped,
// offering no shell, and its service's running count drops by one, without a refresh. The shell's
// tab says the task is stopping (not just that the session ended) and offers Close tab, not Reopen.
// ECS's answer comes after the banner first offered Reopen (and the keyboard moved to it): the
// keyboard stays in the banner, on Close tab, unless the person had already put it elsewhere.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, sandboxAdminHeaders, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow, waitForShell } from './porthole-ui.js';

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
  // The keyboard moved from the terminal to Reopen when the shell ended; ECS's answer took Reopen
  // away a moment later, and the keyboard stays in the banner, on Close tab, not on the page's body.
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeFocused();
  await expect(task.locator('.tree-badge')).toHaveText('stopping');
  // ECS counts RUNNING tasks only: the service's row says so as soon as the tree learns of the stop.
  await expect(serviceCount).toHaveText('1/2');
  await expect(app.locator('.tree-badge')).toHaveText('stopped');
  await app.click({ button: 'right' });
  await expect(page.getByRole('menu').getByRole('menuitem', { name: 'Open shell', exact: true })).toBeDisabled();
});

test("ECS's late answer that the task stopped leaves the keyboard where the person put it after the shell ended", async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  // ECS's answer about the ended shell's task is held until the rules are next set.
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [{ operation: 'ecs.DescribeTasks', answer: 'hold' }] } })).ok()).toBe(true);
  const ecs = new ECSClient(sandboxClientConfig(webHost.output(), endpoint));
  try {
    await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001' }));
  } finally {
    ecs.destroy();
  }
  const banner = page.getByTestId('session-closed');
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeFocused({ timeout: SHELL_TIMEOUT_MS });
  const filter = page.getByRole('searchbox', { name: 'Filter targets' });
  await filter.click();
  await expect(filter).toBeFocused();
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [] } })).ok()).toBe(true);
  await expect(banner).toHaveAttribute('data-ending', 'task-stopping');
  await expect(banner.getByRole('button')).toHaveText(['Close tab']);
  await expect(filter).toBeFocused();
});
