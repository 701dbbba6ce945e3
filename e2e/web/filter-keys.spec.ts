// The tree's filter by keyboard: ↓ or Enter in it goes to what it found (the first matching
// container or instance), where Enter opens a shell; before, both keys did nothing and the only
// way to a match was the mouse or Tab through every row above it.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

test('↓ or Enter in the filter reaches the first matching target, and Enter there opens its shell', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const filter = page.getByRole('searchbox', { name: 'Filter targets' });
  await filter.click();
  // "l" marks containers (log-router) above the instance; the rest of the word and ↓ come before the
  // filter's debounce has passed, so ↓ must wait for this query's matches, not go to the last one's.
  await page.keyboard.type('l');
  await expect(page.locator('.tree-row.is-match[data-node-kind="container"]').first()).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await page.keyboard.type('egacy');
  await page.keyboard.press('ArrowDown');
  const legacy = treeRow(page, 'instance', 'legacy-agent');
  await expect(legacy).toBeFocused();
  await expect(legacy).toHaveAttribute('aria-selected', 'true');

  // Enter in the filter does the same; a container deeper in the tree is found too (the filter loads it).
  await filter.fill('log-router');
  const router = page.locator('.tree-row.is-match[data-node-kind="container"]').first();
  await expect(router).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await filter.focus();
  await page.keyboard.press('Enter');
  await expect(router).toBeFocused();

  // Back to the instance, and Enter on it opens its shell.
  await filter.fill('legacy');
  await expect(legacy).toHaveClass(/is-match/);
  await filter.focus();
  await page.keyboard.press('ArrowDown');
  await expect(legacy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab[aria-selected="true"]')).toContainText('legacy-agent');
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });

  // With nothing found, ↓ leaves the keyboard in the filter.
  await filter.fill('zzzz-nothing');
  await expect(page.getByText('No matches')).toBeVisible();
  await filter.focus();
  await page.keyboard.press('ArrowDown');
  await expect(filter).toBeFocused();
});
