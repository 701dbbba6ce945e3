// The one Dialog (renderer/ui/Dialog.tsx) every form uses: a file dropped on a shell opens the
// transfer dialog, Tab stays inside it, Esc closes it and the keyboard is back in the terminal
// (it used to fall on the page body); the close button does the same for the shortcuts help.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openForwardForm } from './forward-ui.js';
import { openDemo, revealWebApp, treeRow, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');

/** Presses Tab `times` and names where the keyboard lands each time (OUTSIDE when it left the dialog). */
async function tabWalk(page: Page, times: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const at = document.activeElement;
        if (at?.closest('[role="dialog"]') == null) return 'OUTSIDE';
        const label = at instanceof HTMLInputElement ? at.labels?.[0]?.textContent : undefined;
        return at.getAttribute('aria-label') ?? label?.trim() ?? at.textContent?.trim() ?? '';
      }),
    );
  }
  return seen;
}

async function dropFile(page: Page): Promise<void> {
  const host = page.getByTestId('terminal-host');
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hello'], 'note.txt', { type: 'text/plain' }));
    return dt;
  });
  await host.dispatchEvent('dragenter', { dataTransfer });
  await host.dispatchEvent('dragover', { dataTransfer });
  await host.dispatchEvent('drop', { dataTransfer });
}

test('the transfer dialog keeps Tab inside and gives the keyboard back to the terminal', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await expect(terminalInput(page)).toBeFocused();

  await dropFile(page);
  const dialog = page.getByRole('dialog', { name: /Upload to/ });
  await expect(dialog).toContainText('note.txt');
  await expect(dialog.getByLabel('Remote path')).toBeFocused();
  // Around the dialog by Tab in the order on screen: path → Cancel → Upload → path again, never
  // the page behind, nor the × in the top corner after Upload (Esc closes it).
  expect(await tabWalk(page, 3)).toEqual(['Cancel', 'Upload', 'Remote path']);
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Upload', exact: true })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();
  await page.keyboard.type('echo back-$((6*7))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^back-42$/m);

  // The close button of the same dialog returns the keyboard just as Esc does.
  await dropFile(page);
  await dialog.getByRole('button', { name: 'Close upload' }).click();
  await expect(dialog).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();
  await expect(page.locator('.transfer')).toHaveCount(0);
});

test('the forward dialog is walked by Tab in the order on screen: its first field keeps the keyboard on open, the × is not after Start', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, treeRow(page, 'instance', 'app-server'));
  await expect(form.getByLabel('Remote port', { exact: true })).toBeFocused();
  expect(await tabWalk(page, 9)).toEqual(['Local port', 'Forward to another host reachable from the target (a database, an internal service)', 'Name', 'Restart automatically when the session drops', 'Cancel', 'Start forward', 'Target', 'Remote port', 'Local port']);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
});
