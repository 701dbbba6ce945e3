// OSC 8 hyperlinks a program prints open through Porthole's own link path, like the links found
// in the text (http and https, as contract `links.open` allows). Before, they went to xterm's
// default handler: a blocking confirm() and a window.open of the address, past that path (and in
// Electron, whose window.open is always denied, nothing). xterm drops other schemes itself; the
// file: link checks that it still does. The page opens links itself, so it checks the contract's
// links.open schema first, as Electron's main does (no user:password@ addresses).
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** A point inside the terminal's first cells of its top row, where each link below is printed. */
async function clickTopLeftCell(page: Page): Promise<void> {
  const box = await page.locator('[data-testid="active-terminal"] .xterm-screen').boundingBox();
  if (box === null) throw new Error('no terminal on screen');
  // A few pixels in: inside the first or second cell of row 0 at any font size the settings allow.
  const x = box.x + 6;
  const y = box.y + 6;
  await page.mouse.move(x + 2, y + 2);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
}

/** Prints `text` as an OSC 8 hyperlink to `uri` on a cleared screen's top row. */
async function printOsc8(page: Page, uri: string, text: string): Promise<void> {
  await typeLine(page, `clear; printf '\\033]8;;${uri}\\033\\\\${text}\\033]8;;\\033\\\\\\n'`);
  await waitForTerminalText(page, new RegExp(`^${text}$`, 'm'));
}

test('an OSC 8 link opens through Porthole: http(s) in a new tab, other schemes and user:password@ addresses never', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const popups: string[] = [];
  page.context().on('page', (p) => popups.push(p.url()));
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);

  await printOsc8(page, 'file:///etc/passwd', 'OSC8-FILE-LINK-TEXT');
  await clickTopLeftCell(page);

  const target = `http://127.0.0.1:9/osc8-link-${Date.now()}`;
  // Nothing listens there: the browser context answers it, so the new tab shows the address it was given.
  await page.context().route('**/osc8-link-*', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'link target' }));

  // An address that reads as one site and opens another is refused, and the page says why.
  await printOsc8(page, 'http://docs.aws.amazon.com@127.0.0.1:9/osc8-link-disguised', 'OSC8-DISGUISED-LINK');
  await clickTopLeftCell(page);
  await expect(page.getByText('Not opened: addresses with a user name or password are not opened')).toBeVisible();
  await printOsc8(page, target, 'OSC8-HTTP-LINK-TEXT');
  const popup = page.context().waitForEvent('page', { timeout: 30_000 });
  await clickTopLeftCell(page);
  const opened = await popup.catch((err: unknown) => {
    throw new Error(`the http link opened no tab (dialogs shown: ${JSON.stringify(dialogs)}): ${String(err)}`);
  });
  await expect.poll(() => opened.url(), quickPoll()).toBe(target);
  await expect(opened.locator('body')).toHaveText('link target');
  // Nothing asked, and neither the file: nor the disguised link opened anything: the only new tab is the http one.
  expect(dialogs).toEqual([]);
  expect(popups.filter((u) => u.startsWith('file:'))).toEqual([]);
  expect(page.context().pages()).toHaveLength(2);
  await opened.close();
});
