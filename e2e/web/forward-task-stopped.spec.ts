// A forward with auto-restart to an ECS task that someone stops (`aws ecs stop-task`, called on the
// sandbox as on AWS): its session ends when the task's containers exit, ECS is still stopping the
// task when asked (the e2e hosts' sandbox keeps it DEPROVISIONING, E2E_TASK_DEPROVISION_MS), and it
// gives up at once; its row says why whole (the reason wraps, no
// ellipsis, nothing to hover) at 1440×900 and at 1024×640, while the running forward above keeps
// its height and every column stays where it was. The panel's live region says it once; Start by
// hand is then refused as the form's Start is (the tree knows the task is stopping), said in the panel.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });

const REASON = 'Scaling activity initiated by (deployment ecs-svc/9946039128629145639)';
const GAVE_UP = `Auto-restart gave up: The task is stopping (${REASON}); start the forward on a running task.`;

/** Each row's height, and where each column of the first row starts: what must not move. */
function layoutOf(rows: Locator): Promise<{ heights: number[]; columns: number[][] }> {
  return rows.evaluateAll((els) => ({
    heights: els.map((el) => el.getBoundingClientRect().height),
    columns: els.map((el) => [...el.querySelectorAll('tr.forward-main > td')].map((td) => Math.round(td.getBoundingClientRect().left))),
  }));
}

/** The problem is shown whole: nothing clipped sideways or below, inside its cell. */
function shownWhole(problem: Locator): Promise<boolean> {
  return problem.evaluate((el) => {
    const cell = el.closest('td')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.width > 0 && el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1 && r.right <= cell.right + 0.5 && r.bottom <= cell.bottom + 0.5;
  });
}

test('a forward whose task stopped gives up at once and says why whole, at 1440 and 1024 wide, moving no other row', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80', name: 'bastion http' });
  // Pinned to its task (not following the service): a stopped task is the end of it.
  const row = await startForward(page, await revealWebApp(page), { remotePort: '8080', name: 'web app', follow: false });
  // New forwards restart by themselves unless the form says otherwise.
  await expect(row.getByRole('button', { name: 'Auto-restart' })).toHaveAttribute('aria-pressed', 'true');
  const rows = page.locator('.forward[data-forward-id]');
  const before = await layoutOf(rows);
  // What the panel's live region adds from here on, one entry per announcement.
  const region = page.getByTestId('forwards-announce');
  await region.evaluate((el) => {
    const said: string[] = [];
    (window as unknown as { forwardsSaid: string[] }).forwardsSaid = said;
    new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => said.push(n.textContent ?? '')))).observe(el, { childList: true });
  });
  const said = () => page.evaluate(() => (window as unknown as { forwardsSaid: string[] }).forwardsSaid);

  // The region is the app's, not the panel's: one in the page, and it stays while another view is shown.
  await expect(region).toHaveCount(1);
  await page.getByRole('tab', { name: 'Transfers' }).click();
  const ecs = new ECSClient(sandboxClientConfig(webHost.output(), await sandboxEndpoint(page)));
  try {
    await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', reason: REASON }));
  } finally {
    ecs.destroy();
  }
  // Said while the Transfers view was shown (the Forwards view, unmounted, could not say it).
  await expect.poll(said, { timeout: SHELL_TIMEOUT_MS }).toEqual([`Forward “web app” failed. ${GAVE_UP}`]);
  await page.getByRole('tab', { name: 'Forwards' }).click();
  await expect(row).toHaveAttribute('data-state', 'failed', { timeout: SHELL_TIMEOUT_MS });
  const problem = row.getByTestId('forward-problem');
  await expect(problem).toHaveText(GAVE_UP);

  const after = await layoutOf(rows);
  expect(await shownWhole(problem)).toBe(true);
  // The running forward keeps its height; the columns do not move; the failed row grew for its reason.
  expect(after.heights[0]).toBe(before.heights[0]);
  expect(after.columns).toEqual(before.columns);
  expect(after.heights[1]).toBeGreaterThanOrEqual(before.heights[1]!);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'forward-task-stopped-1440.png') });

  // Said once; started again by hand, it is refused as Start in the form refuses a target the tree
  // knows is stopping (nothing is started, so nothing new is said of the row).
  const spoken = `Forward “web app” failed. ${GAVE_UP}`;
  await expect.poll(said).toEqual([spoken]);
  await row.getByRole('button', { name: /^Start forward/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not started: app cannot take a session now.' })).toBeVisible();
  await expect(row).toHaveAttribute('data-state', 'failed');
  expect(await said()).toEqual([spoken]);

  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(page.getByRole('columnheader', { name: 'Sent' })).toHaveCount(0);
  expect(await shownWhole(problem)).toBe(true);
  const narrow = await layoutOf(rows);
  expect(narrow.heights[1]).toBeGreaterThan(narrow.heights[0]!);
  expect(narrow.columns[1]).toEqual(narrow.columns[0]);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'forward-task-stopped-1024.png') });
});
