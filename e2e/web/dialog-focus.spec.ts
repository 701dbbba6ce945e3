// The one Dialog (renderer/ui/Dialog.tsx) every form uses: a file dropped on a shell opens the
// transfer dialog, Tab stays inside it, Esc closes it and the keyboard is back in the terminal
// (it used to fall on the page body); the close button does the same for the shortcuts help.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');

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
  // Around the dialog by Tab: path → Cancel → Upload → close (×) → path again, never the page behind.
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => (document.activeElement?.closest('[role="dialog"]') ? (document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent ?? '') : 'OUTSIDE')));
  }
  expect(seen).toEqual(['Cancel', 'Upload', 'Close upload', 'Remote path']);
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Close upload' })).toBeFocused();

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
