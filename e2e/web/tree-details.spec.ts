// The target tree spells out what a target is: a task's task definition (family:revision) and a
// container's mapped ports, from the sandbox's DescribeTaskDefinition, in the row and its tooltip.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

test('task rows show their task definition and container rows their ports', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await expect(app.locator('.tree-secondary')).toHaveText(':8080 :9000');
  await expect(app).toHaveAttribute('title', /Ports 8080\/tcp, 9000\/tcp/);

  const task = treeRow(page, 'task', /0001/);
  await expect(task.locator('.tree-label')).toHaveText(/ · web:3$/);
  await expect(task).toHaveAttribute('title', /Task definition web:3/);

  // A container whose task definition maps no port says so instead of showing nothing.
  const logRouter = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').filter({ hasText: /^log-router/ });
  await expect(logRouter).toHaveAttribute('title', /No ports mapped/);
  await expect(logRouter.locator('.tree-secondary')).toHaveCount(0);
});
