// Issue 14, defects 4, 5, 12 and 13: the keyboard never falls on the page body. Focus shortcuts
// reach the tree, the panel and the tabs (web-mode keys the browser leaves alone, listed in the
// shortcuts help); every dialog and menu gives focus back; the close confirmation focuses the safe
// button; the settings popover has a title, a close button and says a value's range.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { activeText, openDemo, pasteText, revealWebApp, treeRow, waitForShell, waitForTerminalText, showBeside } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');

/** Types a command without clicking anywhere first: it only lands if the terminal has the keyboard. */
async function typeBlind(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('focus shortcuts, the shortcuts help, and focus coming back after every dialog and menu', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await expect(terminalInput(page)).toBeFocused();

  // Out of the terminal and back, by keyboard only.
  await page.keyboard.press('Control+Shift+E');
  await expect(page.locator('[role="tree"] [role="treeitem"]:focus')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+Backquote');
  await expect(page.locator('.bottom-panel [role="tab"]:focus')).toHaveText(/Forwards/);
  await page.keyboard.press('Control+Shift+Digit1');
  await expect(terminalInput(page)).toBeFocused();
  await typeBlind(page, 'echo via-$((40+1))');
  await waitForTerminalText(page, /^via-41$/m);

  // The help lists the web host's keys, none of which the browser keeps for itself.
  await page.keyboard.press('Control+Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.locator('[data-command="focusTree"]')).toContainText('Ctrl+Shift+E');
  await expect(help.locator('[data-command="focusPanel"]')).toContainText('Ctrl+Shift+`');
  await expect(help.locator('[data-command="tab1"]')).toContainText('Ctrl+Shift+1…9');
  await expect(help.locator('[data-command="newTab"]')).toContainText('Alt+Shift+T');
  await expect(help.locator('[data-command="closeTab"]')).toContainText('Alt+Shift+W');
  await expect(help.locator('[data-command="nextTab"]')).toContainText('Alt+PgDn');
  for (const taken of ['Ctrl+W', 'Ctrl+T', 'Ctrl+Tab', 'Ctrl+Shift+T', 'Ctrl+Shift+W', 'Ctrl+PgDn', 'Ctrl+PgUp']) {
    await expect(help.locator('kbd', { hasText: new RegExp(`^${taken.replace(/\+/g, '\\+')}$`) })).toHaveCount(0);
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();

  // Close confirmation: the safe button has the keyboard; Esc gives it back to the terminal.
  await page.keyboard.press('Alt+Shift+W');
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('still connected');
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // On the shared Dialog: titled and described for a screen reader, Tab kept inside in the order on
  // screen (Cancel → Close session → Cancel: the × in the corner is Esc's), a click on its text leaves Esc working.
  await expect(ask).toHaveAccessibleName('Close “app · 0e1f0001”?');
  await expect(ask).toHaveAccessibleDescription(/still connected/);
  const around: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    around.push(await page.evaluate(() => (document.activeElement?.closest('[role="alertdialog"]') ? (document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent ?? '') : 'OUTSIDE')));
  }
  expect(around).toEqual(['Close session', 'Cancel', 'Close session']);
  await ask.locator('.modal-text').click();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();
  await typeBlind(page, 'echo after-esc-$((1+1))');
  await waitForTerminalText(page, /^after-esc-2$/m);

  // Paste guard: Cancel gives the keyboard back too.
  const lines = Array.from({ length: 12 }, (_, i) => `echo pasted-${i}`).join('\n');
  await pasteText(page, lines);
  await expect(ask).toContainText('Paste 12 lines?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(terminalInput(page)).toBeFocused();
  await typeBlind(page, 'echo after-cancel-$((2+1))');
  await waitForTerminalText(page, /^after-cancel-3$/m);
  expect(await activeText(page)).not.toContain('pasted-0');

  // Split from the tab menu: typing goes on in the active terminal.
  await (await revealWebApp(page, '0002')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  await showBeside(page, page.locator('.tab').nth(0));
  await expect(terminalInput(page)).toBeFocused();
  await typeBlind(page, 'echo beside-$((3+1))');
  await waitForTerminalText(page, /^beside-4$/m);

  // A forward created from the tree's menu: focus returns to the row it came from.
  const app = await revealWebApp(page);
  await app.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  const form = page.getByRole('dialog', { name: 'New port forward' });
  await form.getByLabel('Remote port').fill('9000');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
  await expect(page.locator('.forward')).toHaveCount(1);
  await expect(app).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('settings popover: a title, a close button, and the range of a refused value', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const button = page.getByRole('button', { name: 'Settings' });
  await button.click();
  const popover = page.getByRole('dialog', { name: 'Settings' });
  await expect(popover.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // The keyboard as in a Dialog: on the first field, Tab kept inside (wrapping both ways), Esc
  // closes it (also after a click on its text) and gives the keyboard back to the button.
  await expect(popover.getByLabel('Terminal font')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(popover.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(popover.getByLabel('Copy text to the clipboard when it is selected')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(popover.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await popover.getByRole('heading', { name: 'Settings' }).click();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(button).toBeFocused();
  await button.click();
  await expect(popover.getByLabel('Terminal font')).toBeFocused();
  const size = popover.getByLabel('Font size');
  const before = await size.inputValue();
  await size.fill('99');
  await size.press('Enter');
  await expect(popover.getByRole('alert')).toHaveText(`Font size must be a whole number from 8 to 40; it stays ${before}.`);
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await size.fill('15');
  await size.press('Enter');
  await expect(popover.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('html')).toHaveCSS('--terminal-font-size', '15px');
  await popover.getByRole('button', { name: 'Close settings' }).click();
  await expect(popover).toBeHidden();
  await expect(button).toBeFocused();
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeVisible();
});

test('settings: an empty or overlong ECS Exec command is refused in the field, a good one is kept across a reload', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const popover = page.getByRole('dialog', { name: 'Settings' });
  const command = popover.getByLabel('ECS Exec command');
  await expect(command).toHaveValue('/bin/sh');
  await command.fill('   ');
  await command.press('Enter');
  await expect(popover.getByRole('alert')).toHaveText('Enter the command ECS Exec runs in a container, such as /bin/bash; it stays /bin/sh.');
  await expect(command).toHaveAttribute('aria-invalid', 'true');
  await command.fill('x'.repeat(1025));
  await command.press('Enter');
  await expect(popover.getByRole('alert')).toHaveText('The command has at most 1,024 characters; it stays /bin/sh.');
  // Leaving a refused value does not leave it shown as if it were kept.
  await popover.getByRole('button', { name: 'Close settings' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(command).toHaveValue('/bin/sh');
  await command.fill('/bin/bash -l');
  await command.press('Enter');
  await expect(popover.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.status-error')).toHaveCount(0);
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('ECS Exec command')).toHaveValue('/bin/bash -l');
});
