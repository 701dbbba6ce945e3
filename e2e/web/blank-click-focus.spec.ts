// A press on empty space keeps the keyboard somewhere it works, as in VS Code: the tree's current
// row for the tree's empty space and header, the panel's tab for its tab row, the panel itself for
// its body, the active terminal for the tab strip's empty end. Before, each of these left it on the
// page body, where no key does anything.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, waitForShell } from './porthole-ui.js';

test.use({ sandbox: true });

const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');
const focusedRow = (page: Page) => page.locator('[role="tree"] [role="treeitem"]:focus');

/** Presses at a point of `area` with nothing under it that takes the keyboard (checked first), but a tab panel's own box. */
async function pressBlank(page: Page, area: Locator, at: (box: { x: number; y: number; width: number; height: number }) => { x: number; y: number }): Promise<void> {
  const box = await area.boundingBox();
  if (box === null) throw new Error('the area is not shown');
  const { x, y } = at(box);
  const hit = await page.evaluate(([px, py]) => {
    const el = document.elementFromPoint(px ?? 0, py ?? 0);
    return el === null ? 'nothing' : el.closest('button, input, select, textarea, a[href], [tabindex]:not([role="tabpanel"])') === null ? 'blank' : el.outerHTML.slice(0, 80);
  }, [x, y]);
  expect(hit).toBe('blank');
  await page.mouse.click(x, y);
}

test('a press on empty space leaves the keyboard in the tree, the panel or the terminal, never on the page body', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.click();
  await expect(app).toBeFocused();

  // The tree's empty space under its rows, then its header's title: back to the current row.
  await pressBlank(page, page.locator('.tree-body'), (b) => ({ x: b.x + b.width / 2, y: b.y + b.height - 8 }));
  await expect(focusedRow(page)).toHaveCount(1);
  await expect(app).toBeFocused();
  await pressBlank(page, page.locator('#targets-pane .pane-header > span').first(), (b) => ({ x: b.x + 4, y: b.y + b.height / 2 }));
  await expect(app).toBeFocused();

  // The panel's tab row between the tabs and its button: its tab.
  const panel = page.getByTestId('bottom-panel');
  await pressBlank(page, panel.locator('.panel-tabs .status-spacer'), (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 }));
  await expect(panel.getByRole('tab', { name: 'Forwards' })).toBeFocused();
  // The open panel's empty body: the panel itself, so the keyboard stays there.
  await panel.getByRole('tab', { name: 'Forwards' }).click();
  await expect(panel.getByRole('tabpanel')).toBeVisible();
  await pressBlank(page, panel.getByRole('tabpanel'), (b) => ({ x: b.x + b.width - 12, y: b.y + b.height - 8 }));
  await expect(panel.getByRole('tabpanel')).toBeFocused();

  // With a shell open, the tab strip's empty end: its terminal.
  await app.dblclick();
  await waitForShell(page);
  await app.click();
  await expect(app).toBeFocused();
  await pressBlank(page, page.locator('.tab-strip'), (b) => ({ x: b.x + b.width - 8, y: b.y + b.height / 2 }));
  await expect(terminalInput(page)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});
