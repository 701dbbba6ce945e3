// The find bar floats over the terminal: opening it, searching and closing it never change the
// terminal's rows or columns, so the remote is never resized (no SIGWINCH, which makes a full-screen
// program redraw). The shell runs a program that prints every size change it is told of; real
// viewport changes made with and without the bar open are the markers, so the test waits on the
// text they print and never on time: a size change the bar caused shows as an extra line or as a
// size that differs from the same viewport's size without the bar.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, startWinchPrinter, waitForShell, winchSizes } from './porthole-ui.js';

test.use({ sandbox: true });

/** Two viewports: each change between them is a SIGWINCH the program prints, a marker in the run. */
const TALL = { width: 1440, height: 900 } as const;
const SHORT = { width: 1440, height: 700 } as const;

/** Changes the viewport and waits for the program to print the size change as its `n`th SIGWINCH. */
async function resizeTo(page: Page, size: { width: number; height: number }, n: number): Promise<void> {
  await page.setViewportSize(size);
  await expect.poll(async () => (await winchSizes(page)).length, quickPoll(SHELL_TIMEOUT_MS)).toBeGreaterThanOrEqual(n);
}

test('opening, using and closing the find bar sends the remote no size change', async ({ page, webHost }) => {
  await page.setViewportSize(TALL);
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  // A foreground program that prints the size of every SIGWINCH its terminal is told of.
  await startWinchPrinter(page);

  // Without the bar: the short viewport's size, then the tall one's again.
  await resizeTo(page, SHORT, 1);
  await resizeTo(page, TALL, 2);
  const [short, tall] = await winchSizes(page);
  expect(short).not.toBe(tall);

  // With the bar open and searching, the same short viewport must give the same size.
  await page.keyboard.press('Control+Shift+F');
  const bar = page.getByRole('search', { name: 'Find' });
  const field = bar.getByRole('textbox', { name: 'Find in terminal' });
  await expect(field).toBeFocused();
  await field.fill('start');
  // The command line and the start line it printed.
  await expect(bar.getByTestId('find-result')).toHaveText('2 of 2');
  await resizeTo(page, SHORT, 3);
  await field.press('Escape');
  await expect(bar).toHaveCount(0);
  await resizeTo(page, TALL, 4);

  // Exactly the four viewport changes, each at its viewport's own size: none from the bar.
  expect(await winchSizes(page)).toEqual([short, tall, short, tall]);
  await page.keyboard.press('Control+C');
});
