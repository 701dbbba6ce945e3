// Issue 18: what a user sees when AWS answers badly. The sandbox's API fault knobs make one lookup
// of the region fail (an HTML 500 page, an XML 403), a container RUNNING without runtime id, and
// ExecuteCommand fail; the tree, its menu and the diagnosis must say what happened, keep it on
// screen with Retry and the call's details, and never hide what did load.
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

/** How long the region error must stay drawn: over ten times the 9–70 ms after which it once vanished. */
const ERROR_STAYS_MS = 1_000;

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

/**
 * The interactive retry budget (main/aws/constants.ts AWS_LIMITS.MAX_ATTEMPTS) is what bounds how
 * long a failing lookup blocks its region (it used to be 10 attempts, 8–16 s behind a spinner).
 * The test asserts the count and that the error shows once those answers are in; the time itself
 * is only reported (an annotation) — timings are checked by `npm run bench`, not by tests.
 */
const ATTEMPTS = 3;

/** The sandbox's admin routes need its secret (read from the credentials file the host's sandbox wrote). */
let admin: Record<string, string> = {};
test.beforeEach(({ webHost }) => {
  admin = sandboxAdminHeaders(webHost.output());
});

async function apiFaults(request: APIRequestContext, endpoint: string, rules: unknown[]): Promise<void> {
  const res = await request.post(`${endpoint}/__sandbox/api-faults`, { headers: admin, data: { rules } });
  expect(res.status(), await res.text()).toBe(200);
}

async function requestsFor(request: APIRequestContext, endpoint: string, op: string): Promise<number> {
  const stats = (await (await request.get(`${endpoint}/__sandbox/stats`, { headers: admin })).json()) as Record<string, number>;
  return stats[`op:${op}`] ?? 0;
}

async function refreshRegion(page: Page): Promise<void> {
  await treeRow(page, 'region', 'us-east-1').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Refresh' }).click();
}

test('a failed cluster listing stays on its region with Retry and details; the instances still show', async ({ page, webHost, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const endpoint = await sandboxEndpoint(page);
  await apiFaults(request, endpoint, [{ operation: 'ecs.ListClusters', answer: 'html-500' }]);
  const before = await requestsFor(request, endpoint, 'ecs.ListClusters');

  const started = Date.now();
  await refreshRegion(page);
  // The sandbox answers exactly the retry budget's requests...
  await expect.poll(() => requestsFor(request, endpoint, 'ecs.ListClusters'), quickPoll()).toBe(before + ATTEMPTS);
  // ...and once they are answered the error is on screen with Retry, the instances beside it.
  const failure = page.locator('.tree-error[data-part="ECS clusters"]');
  await expect(failure).toContainText('ECS clusters could not be listed. AWS answered HTTP 500 (server error) to ECS ListClusters in us-east-1.');
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(treeRow(page, 'instance', 'bastion')).toBeVisible();
  test.info().annotations.push({ type: 'region blocked', description: `${Date.now() - started} ms from Refresh to the instances and the error (reported, not asserted)` });
  // No request beyond the budget: the region is not retried behind the error.
  expect(await requestsFor(request, endpoint, 'ecs.ListClusters')).toBe(before + ATTEMPTS);
  await expect(treeRow(page, 'cluster', 'demo-web')).toHaveCount(0);

  // It does not vanish a moment later (it used to be replaced 9–70 ms after it was drawn). A
  // proof that nothing happens can only watch for a while: this wait stays on purpose.
  await page.waitForTimeout(ERROR_STAYS_MS);
  await expect(failure).toBeVisible();

  // "Details" leads to details: the call, where it went, the status and what came back.
  await failure.getByText('Details', { exact: true }).click();
  const details = failure.getByTestId('error-details');
  await expect(details.locator('[data-detail="operation"]')).toHaveText('ECS ListClusters');
  await expect(details.locator('[data-detail="endpoint"]')).toHaveText(endpoint);
  await expect(details.locator('[data-detail="status"]')).toHaveText('500');
  await expect(details.locator('[data-detail="requestId"]')).not.toBeEmpty();
  await expect(details.locator('[data-detail="raw"]')).toContainText('<title>500 Internal Server Error</title>');
  await expect(failure).not.toContainText(/SyntaxError|Deserialization|\$response|porthole-sandbox-secret/);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'messy-region-error-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'messy-region-error-1024.png') });

  // Retry while it still fails: the error stays (with the retry's progress), then comes back.
  await apiFaults(request, endpoint, [{ operation: 'ecs.ListClusters', answer: 'xml-403' }]);
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure).toContainText('AWS answered HTTP 403 (access denied, AccessDenied) to ECS ListClusters');
  await expect(treeRow(page, 'instance', 'bastion')).toBeVisible();

  // A retry that succeeds clears it and shows the clusters.
  await apiFaults(request, endpoint, []);
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeVisible();
  await expect(page.locator('.tree-error')).toHaveCount(0);
  await expect(treeRow(page, 'instance', 'bastion')).toBeVisible();
});

test('a RUNNING container without runtime id: one reason on badge, menu and diagnosis; Diagnose available', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const endpoint = await sandboxEndpoint(page);
  await apiFaults(request, endpoint, [{ operation: 'ecs.DescribeTasks', answer: 'missing-runtime-id' }]);
  await treeRow(page, 'cluster', 'demo-web').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Refresh' }).click();
  const app = await revealWebApp(page);
  const reason = 'ECS reports this container RUNNING but without a runtime id, so ECS Exec cannot address it yet.';
  await expect(app.locator('.tree-badge')).toHaveText('no runtime id');
  await expect(app).toHaveAttribute('title', new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await app.click({ button: 'right' });
  const open = page.getByRole('menuitem', { name: 'Open shell' });
  await expect(open).toBeDisabled();
  await expect(open).toHaveAttribute('title', reason);
  const diagnose = page.getByRole('menuitem', { name: 'Diagnose' });
  await expect(diagnose).toBeEnabled();
  await diagnose.click();
  const check = page.getByTestId('diagnostics').locator('[data-check-id="container-running"]');
  await expect(check).toHaveAttribute('data-status', 'warn', { timeout: SHELL_TIMEOUT_MS });
  await expect(check).toContainText(reason);
});

test('a failing ExecuteCommand is the first check of the diagnosis', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const endpoint = await sandboxEndpoint(page);
  const app = await revealWebApp(page);
  await apiFaults(request, endpoint, [{ operation: 'ecs.ExecuteCommand', answer: 'html-500' }]);
  await app.dblclick();
  const diagnostics = page.getByTestId('diagnostics');
  const first = diagnostics.locator('.check').first();
  await expect(first).toHaveAttribute('data-check-id', 'last-error', { timeout: SHELL_TIMEOUT_MS });
  await expect(first).toHaveAttribute('data-status', 'fail');
  await expect(first).toContainText('ECS ExecuteCommand (the call that failed)');
  await expect(first).toContainText('AWS answered HTTP 500 (server error) to ECS ExecuteCommand in us-east-1.');
  await expect(diagnostics).not.toContainText('No problems found');
});
