// The tree menu's actions from the command palette, on the tree's selected node: each row names
// the node it acts on, is disabled with what to select otherwise, and does what the menu does
// (SSO sign-in, Add / Remove region, Copy ARN, Refresh, Open shell, Start port forward…).
import { join } from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';

// Runs in the worker's launcher, sharing its hermetic HOME (e2e/fixtures/web-host.ts): the SSO
// sign-in here is cancelled before it is allowed, so nothing is written under HOME (sign-in.ts
// writes the token cache only once the token is granted), and added regions go to the data folder.
test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const palette = (page: Page) => page.getByTestId('palette');
const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const option = (page: Page, name: string | RegExp) =>
  palette(page).getByRole('option').filter({ has: page.locator('.palette-label', { hasText: typeof name === 'string' ? new RegExp(`^${escaped(name)}$`) : name }) });

async function openCommands(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page)).toBeVisible();
}

/** Types the command's name and runs the first row, which must be that command and runnable. */
async function run(page: Page, name: string): Promise<void> {
  await openCommands(page);
  // The name goes in as one input after the palette's '>' (palette.spec.ts types key by key): a
  // round trip and a palette render per letter of these long names was seconds of each test.
  await page.keyboard.insertText(name);
  const first = palette(page).getByRole('option').first();
  await expect(first.locator('.palette-label')).toHaveText(name);
  await expect(first).not.toHaveAttribute('aria-disabled', /.*/);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
}

/** Selects a row that opens on a click, leaving it open. */
async function select(row: Locator): Promise<void> {
  await row.click();
  await expand(row);
  await expect(row).toHaveAttribute('aria-selected', 'true');
}

async function setApiFaults(request: APIRequestContext, page: Page, hostOutput: string, rules: unknown[]): Promise<void> {
  const res = await request.post(`${await sandboxEndpoint(page)}/__sandbox/api-faults`, { headers: sandboxAdminHeaders(hostOutput), data: { rules } });
  expect(res.ok()).toBe(true);
}

test('nothing fitting selected: the Tree commands say what to select; on a task, Copy ARN copies its ARN and the palette names it', async ({ page, webHost, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await openCommands(page);
  await expect(option(page, 'Copy the ARN or ID of the selected node').getByTestId('command-unavailable')).toHaveText('Select a cluster, service, task, container or instance in the tree first');
  await expect(option(page, 'Sign in with SSO (selected profile)').getByTestId('command-unavailable')).toHaveText('Select a profile that uses SSO in the tree first');
  await expect(option(page, 'Remove the selected region').getByTestId('command-unavailable')).toHaveText('Select a region in the tree first');
  await page.keyboard.press('Escape');

  await expand(treeRow(page, 'cluster', 'demo-web'));
  await expand(treeRow(page, 'service', 'web'));
  const task = treeRow(page, 'task', /0001/);
  await task.click();
  const suffix = /^([0-9a-f]{8}) /.exec((await task.locator('.tree-label').textContent()) ?? '')?.[1] ?? '';
  expect(suffix).toMatch(/^[0-9a-f]{8}$/);
  await openCommands(page);
  await expect(option(page, `Copy ARN of task ${suffix}`)).not.toHaveAttribute('aria-disabled', /.*/);
  await expect(option(page, `Refresh task ${suffix}`)).not.toHaveAttribute('aria-disabled', /.*/);
  await expect(option(page, 'Open a shell on the selected target').getByTestId('command-unavailable')).toHaveText('Select a container or instance in the tree first');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-node-1440.png') });
  await page.keyboard.type('selected');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-node-selected-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-node-selected-1024.png') });
  // The longest reason is read whole at 1024.
  const reason = option(page, 'Open a shell on the selected target').getByTestId('command-unavailable');
  await option(page, 'Open a shell on the selected target').scrollIntoViewIfNeeded();
  expect(await reason.evaluate((el) => el.clientWidth > 0 && el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('>task');
  await expect(option(page, `Copy ARN of task ${suffix}`)).toBeVisible();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-palette-node-1024.png') });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1440, height: 900 });

  await run(page, `Copy ARN of task ${suffix}`);
  await expect(page.locator('.toast', { hasText: 'Copied task ARN' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^arn:aws:ecs:us-east-1:\\d{12}:task/demo-web/[0-9a-f]*${suffix}$`));
});

test('on a profile, a region and an instance: SSO sign-in, Add region…, Remove region, Refresh re-queries, Open shell and Start port forward…', async ({ page, webHost, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);

  // SSO sign-in on the profile that needs it: the sign-in dialog with its code.
  await treeRow(page, 'profile', 'porthole-sandbox-sso').click();
  await run(page, 'Sign in to porthole-sandbox-sso with SSO');
  const sso = page.getByTestId('sso-dialog');
  await expect(sso.getByTestId('sso-user-code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  await sso.getByRole('button', { name: 'Cancel' }).click();
  await expect(sso).toBeHidden();

  // Add region… on the sandbox profile; then Remove region on it.
  const eu = treeRow(page, 'region', 'eu-west-1');
  // A click on a profile or region row selects it and opens or closes it: leave it open.
  await select(treeRow(page, 'profile', 'porthole-sandbox'));
  await openCommands(page);
  await page.keyboard.type('Remove region');
  await expect(palette(page).getByRole('option').first().getByTestId('command-unavailable')).toHaveText('Select a region in the tree first');
  await page.keyboard.press('Escape');
  await run(page, 'Add a region to porthole-sandbox…');
  const dialog = page.getByRole('dialog', { name: 'Add a region to porthole-sandbox' });
  await expect(dialog.getByLabel('Region code')).toBeFocused();
  await page.keyboard.type('eu-west-1');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(eu).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await select(eu);
  await run(page, 'Remove region eu-west-1 from porthole-sandbox');
  await expect(eu).toHaveCount(0);

  // Refresh region asks AWS again: with its instances refused, bastion goes and the failure shows; allowed again, it is back.
  const region = treeRow(page, 'region', 'us-east-1').first(); // the sandbox profile's, listed first
  const bastion = treeRow(page, 'instance', 'bastion');
  await expect(bastion).toBeVisible();
  await select(region);
  await setApiFaults(request, page, webHost.output(), [{ operation: 'ec2.DescribeInstances', answer: 'access-denied' }]);
  await run(page, 'Refresh region us-east-1 of porthole-sandbox');
  await expect(bastion).toHaveCount(0, { timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('.tree-error')).not.toHaveCount(0);
  await setApiFaults(request, page, webHost.output(), []);
  await run(page, 'Refresh region us-east-1 of porthole-sandbox');
  await expect(bastion).toBeVisible({ timeout: SHELL_TIMEOUT_MS });

  // Open shell and Start port forward… on the selected instance.
  await bastion.click();
  await run(page, 'Start port forward to bastion…');
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await expect(form.getByLabel('Target', { exact: true }).locator('option:checked')).toContainText('bastion');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await run(page, 'Open shell on bastion');
  await waitForShell(page);
  await typeLine(page, 'echo node-shell-$((5*5))');
  await waitForTerminalText(page, /^node-shell-25$/m);
});
