// The tree by keyboard alone, as the WAI-ARIA tree pattern has it: Home and End reach the first and
// last rows, → on an open row steps into its first child, ← on a closed row or a leaf steps out to
// its parent (so a container deep in a task is one key from its task, not a walk up every row).
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { expand, openDemo, treeRow } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

const focusedLabel = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.querySelector('.tree-label')?.textContent ?? '(not a tree row)');

test('Home, End, → into an open row and ← out to the parent', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-web'));
  await treeRow(page, 'cluster', 'demo-web').focus();

  await page.keyboard.press('End');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('porthole-sandbox-sso');
  await page.keyboard.press('Home');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('porthole-sandbox');

  // Open, with its services listed (→ on a row still loading its children has nowhere to go).
  await expect(treeRow(page, 'service', 'api')).toBeVisible();
  await treeRow(page, 'cluster', 'demo-web').focus();
  // Open already: → steps to its first child.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('api');
  // A closed row: ← goes to the parent (and leaves the parent open).
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('demo-web');
  await expect(treeRow(page, 'cluster', 'demo-web')).toHaveAttribute('aria-expanded', 'true');
  // A leaf: an instance steps out to its region.
  await treeRow(page, 'instance', 'bastion').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('us-east-1');
  // ← on an open row still closes it first.
  await page.keyboard.press('ArrowLeft');
  await expect(treeRow(page, 'region', 'us-east-1')).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => focusedLabel(page), quickPoll()).toBe('us-east-1');
});
