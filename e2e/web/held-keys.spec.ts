// A shortcut pressed in a terminal that moves the keyboard away (Alt+PageUp: the previous tab) has
// its keyup land elsewhere; xterm then believed the key was still down in the terminal left
// behind and dropped the first text inserted there (an input method's commit) when the person
// came back. The same goes for a key xterm sent on its keypress (a capital letter) released after
// the keyboard moved. Each terminal forgets such a key when it gets the keyboard again (held-keys.ts).
import { expect, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { activeSessionId, openDemo, treeRow, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });

test('text inserted in a terminal left with Alt+PageUp and shown again reaches the shell', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  const first = await activeSessionId(page);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  const terminal = page.locator('[data-testid="active-terminal"] .xterm');
  await terminal.click();
  // The web host's previous-tab key: its keydown is this terminal's, its keyup the first tab's.
  await page.keyboard.press('Alt+PageUp');
  await expect.poll(() => activeSessionId(page), quickPoll()).toBe(first);
  await page.locator('.tab').nth(1).click();
  await terminal.click();
  // As an input method commits text: one input event, no key of its own.
  await page.keyboard.insertText('echo inserted-$((6*7))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^inserted-42$/m);
});

test('text inserted after a key whose release went elsewhere (the keyboard moved while it was held) reaches the shell', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  const terminal = page.locator('[data-testid="active-terminal"] .xterm');
  await terminal.click();
  // A capital letter goes down in the terminal (xterm sends A-Z on their keypress), then the
  // keyboard moves (here to the tab; an ended session's banner takes it too) and it is released there.
  await page.keyboard.down('X');
  await page.locator('.tab').first().focus();
  await page.keyboard.up('X');
  await terminal.click();
  // As an input method commits text: one input event, no key of its own (after the X the shell got).
  await page.keyboard.insertText('; echo released-$((6*7))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^released-42$/m);
});
