// The bottom panel's tabs are one ARIA tablist with a roving tabindex: a single Tab stop (the
// current view's tab), the arrows, Home and End move along the row, Enter shows the one focused.
// Before, each of Forwards, Transfers, Diagnostics and Inspector was a Tab stop of its own.
import { expect, test } from '../fixtures/web-host.js';

test('the panel tabs are one Tab stop, moved along with the arrows, Home and End', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const panel = page.getByTestId('bottom-panel');
  const list = panel.getByRole('tablist', { name: 'Panels' });
  const tab = (name: string) => list.getByRole('tab', { name });
  await expect(tab('Forwards')).toBeVisible();
  // Only tabs in the tablist: the hide button beside them is not one of them.
  await expect(list.getByRole('button')).toHaveCount(0);
  await expect(list.getByRole('tab')).toHaveCount(4);

  await tab('Forwards').focus();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Show panel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tab('Forwards')).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await expect(tab('Transfers')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab('Inspector')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Forwards')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Inspector')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Forwards')).toBeFocused();
  // Moving along a collapsed panel's tabs does not open it.
  await expect(panel).toHaveClass(/collapsed/);

  // Enter shows the focused tab's view, which becomes the row's Tab stop.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Diagnostics')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tab('Diagnostics')).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('tabpanel')).toHaveAccessibleName('Diagnostics');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Hide panel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tab('Diagnostics')).toBeFocused();
  expect(await list.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('tabindex')))).toEqual(['-1', '-1', '0', '-1']);
});
