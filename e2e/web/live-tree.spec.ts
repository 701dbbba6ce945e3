// The tree keeps what is open live: ECS replacing a stopped service task shows up in the open
// service without the person refreshing, and the row they had selected stays selected and focused
// in the tree. A region it cannot refresh says so quietly (a mark whose tooltip names the last
// good refresh and the error, the rows it lists dimmed) until a poll answers again; the sandbox
// refuses ListClusters (its api-faults admin route) while the test wants the polls to fail. The
// host polls open nodes every LIVE_INTERVAL_MS (the product's 30 s would make the test wait half a
// minute); the sandbox's ECS scheduler starts the replacement 1.5 s after the stop.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, sandboxAdminHeaders, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

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

test('a region whose poll fails is marked stale with since when and why, and the mark goes when a poll answers', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const region = page.locator('.tree-row[data-node-kind="region"]').first();
  const cluster = treeRow(page, 'cluster', 'demo-web');
  const mark = region.getByTestId('tree-stale-marker');
  await expect(mark).toHaveCount(0);
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }] } })).ok()).toBe(true);

  await expect(mark).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(mark).toHaveAttribute('title', /^Not refreshed since \d\d:\d\d — .+/);
  await expect(region).toHaveAttribute('title', /Not refreshed since \d\d:\d\d — /);
  await expect(cluster).toHaveClass(/\bis-stale\b/);
  await expect(cluster).toHaveAttribute('title', /Not refreshed since \d\d:\d\d — /);

  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [] } })).ok()).toBe(true);
  await expect(mark).toHaveCount(0, { timeout: SHELL_TIMEOUT_MS });
  await expect(cluster).not.toHaveClass(/\bis-stale\b/);
});
