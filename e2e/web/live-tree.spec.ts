// The tree keeps what is open live: ECS replacing a stopped service task shows up in the open
// service without the person refreshing, and the row they had selected stays selected and focused
// in the tree. The host polls open nodes every LIVE_INTERVAL_MS (the product's 30 s would make the
// test wait half a minute); the sandbox's ECS scheduler starts the replacement 1.5 s after the stop.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

/** The poll interval the host runs with: short, so the replacement shows within a few seconds. */
const LIVE_INTERVAL_MS = 500;

test.use({ sandbox: true, liveTreeIntervalMs: LIVE_INTERVAL_MS });

test('a replaced service task appears in the open tree by itself; the selected row stays selected', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-web'));
  const service = treeRow(page, 'service', 'web');
  await expand(service);
  const tasks = page.locator('li', { has: service }).last().locator('.tree-row[data-node-kind="task"]');
  await expect(tasks).toHaveCount(2);
  const kept = treeRow(page, 'task', /0e1f0002/);
  await kept.click();
  await expect(kept).toHaveAttribute('aria-selected', 'true');

  const ecs = new ECSClient(sandboxClientConfig(webHost.output(), await sandboxEndpoint(page)));
  try {
    await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', reason: 'Deploying a fix' }));
  } finally {
    ecs.destroy();
  }
  // The replacement's row appears under the open service (the stopped task stays listed, stopping).
  await expect(tasks).toHaveCount(3, { timeout: SHELL_TIMEOUT_MS });
  await expect(treeRow(page, 'task', /0e1f0001/)).toHaveCount(1);
  await expect(treeRow(page, 'task', /0e1f0002/)).toHaveCount(1);
  // What the person had selected and opened is as it was.
  await expect(kept).toHaveAttribute('aria-selected', 'true');
  await expect(kept).toBeFocused();
  await expect(service).toHaveAttribute('aria-expanded', 'true');
});
