// Input that does not reach the session is told in its tab, never dropped without a word: a paste
// or keys typed into a closed session, and a paste bigger than what a relaunching session holds for it (its
// launch held by the sandbox, so the paste surely lands while it starts). The notice says what was
// not sent and what to do; none of the paste reaches the shell, and keys typed once it is
// connected do. Screenshots of the notice at 1440×900 and 1024×640.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { activeText, openDemo, pasteText, revealWebApp, runLine, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, waitForShell, waitForTerminalText } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

/** One line (no paste-guard question), past the 64 KiB a starting session holds: 72 000 bytes. */
const BIG_PASTE = 'pastemark'.repeat(8000);

test('a paste a closed or still-starting session cannot take is told in its tab, and none of it reaches the shell', async ({ page, webHost, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  const notice = page.getByTestId('input-notice');

  await runLine(page, 'exit');
  const reopen = page.getByTestId('session-closed').getByRole('button', { name: 'Reopen' });
  await expect(reopen).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  const rowCount = () => page.locator('[data-testid="active-terminal"] .xterm-rows > div').count();
  const rowsWithoutNotice = await rowCount();
  await pasteText(page, 'echo closed-paste');
  await expect(notice).toHaveText(/^Paste of 17 bytes not sent: the session is closed\. Reopen it, then paste again\./);
  // The notice floats over the pane's top: the terminal keeps its rows (a refit would resize the remote).
  expect(await rowCount()).toBe(rowsWithoutNotice);
  const [noticeBox, screenBox] = await Promise.all([notice.boundingBox(), page.locator('[data-testid="active-terminal"] .xterm-screen').boundingBox()]);
  expect(noticeBox !== null && screenBox !== null && noticeBox.y + noticeBox.height < screenBox.y + screenBox.height / 2).toBe(true);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Keys typed into the closed terminal (the keyboard put back in it by a click) are told too.
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.type('ls');
  await page.keyboard.press('Enter');
  await expect(notice).toHaveText(/^Typed input \(3 bytes\) not sent: the session is closed\. Reopen it, then type it again\./);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // The relaunch's ExecuteCommand is held by the sandbox until the rules are set again.
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [{ operation: 'ecs.ExecuteCommand', answer: 'hold' }] } })).ok()).toBe(true);
  await reopen.click();
  await expect(tab).toHaveAttribute('data-state', 'connecting');
  const rowsStarting = await rowCount();
  await pasteText(page, BIG_PASTE);
  await expect(notice).toHaveText(/^Paste of 72 KB not sent: the session was still starting\. Paste again once it is connected\./);
  expect(await rowCount()).toBe(rowsStarting);
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await expect(notice).toBeInViewport();
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-input-refused-${width}.png`) });
  }
  expect(await tab.getAttribute('data-state')).toBe('connecting');

  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [] } })).ok()).toBe(true);
  await waitForShell(page);
  // Held input goes to the new shell ahead of what is typed after: had any of the paste been held,
  // it would be on the line before this one's answer.
  await runLine(page, 'echo after-$((40+2))');
  await waitForTerminalText(page, /^after-42$/m);
  expect(await activeText(page)).not.toContain('pastemark');
  // Told once: one notice, still the paste's.
  await expect.poll(async () => (await notice.allTextContents()).length, quickPoll()).toBe(1);
  await expect(notice).toContainText('Paste of 72 KB');
});
