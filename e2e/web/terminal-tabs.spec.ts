// Issue 8: shells in tabs against the sandbox. Assertions read xterm's buffer (through the
// renderer's read-only test hook) and the sandbox's own session list, never React state.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { activeSessionId, activeText, openDemo, pasteText, remoteSizeOfTerminal, SHELL_TIMEOUT_MS, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, runLine, terminalSize, typeLine, waitForShell, waitForTerminalText, type SandboxSession, showBeside } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

test('double-click a container, run a command, read its output from the terminal', async ({ page, webHost }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  await app.dblclick();
  await waitForShell(page);
  // Typed key by key: this is the spec for typing into a shell (others insert their command lines).
  await typeLine(page, 'echo hello-$((6*7))');
  await waitForTerminalText(page, /^hello-42$/m);
  // The command line itself holds the unexpanded text; only the shell's output says 42.
  expect(await activeText(page)).toContain('echo hello-$((6*7))');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-shell-dark.png') });

  // A second tab is its own session: what one shell holds the other does not see.
  const first = await activeSessionId(page);
  const second = await revealWebApp(page, '0002');
  await second.dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  const secondId = await activeSessionId(page);
  expect(secondId).not.toBe(first);
  await runLine(page, 'X=second; echo "tab-$X"');
  await waitForTerminalText(page, /^tab-second$/m);
  expect(await activeText(page)).not.toContain('hello-42');
  const firstText = await page.evaluate((id) => window.__portholeTest.text(id) ?? '', first ?? '');
  expect(firstText).toContain('hello-42');
  expect(firstText).not.toContain('tab-second');

  // Keyboard: previous tab, then find in its scrollback.
  await page.keyboard.press('Alt+PageUp'); // the web host's binding: the browser keeps Ctrl+PgUp
  await expect.poll(() => activeSessionId(page), quickPoll()).toBe(first);
  await page.keyboard.press('Control+Shift+F');
  const find = page.getByLabel('Find in terminal');
  await expect(find).toBeFocused();
  await find.fill('hello-4');
  await expect(page.locator('.find-result')).toHaveText('1 of 1');
  await find.fill('no-such-text-here');
  await expect(page.locator('.find-result')).toHaveText('No results');
  await find.press('Escape');
  await expect(find).toBeHidden();

  // A paste of many lines asks first; cancelling sends nothing.
  const lines = Array.from({ length: 12 }, (_, i) => `echo pasted-${i}`).join('\n');
  await pasteText(page, lines);
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('Paste 12 lines?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await runLine(page, 'echo after-paste');
  await waitForTerminalText(page, /^after-paste$/m);
  expect(await activeText(page)).not.toContain('pasted-0');

  // Split view: the second tab beside the first, both terminals showing.
  await showBeside(page, page.locator('.tab').nth(1));
  await expect(page.locator('.terminal-slot.side-left')).toHaveAttribute('data-session-id', first ?? '');
  await expect(page.locator('.terminal-slot.side-right')).toHaveAttribute('data-session-id', secondId ?? '');
  await page.locator('.terminal-slot.side-right .xterm').click();
  await expect.poll(() => activeSessionId(page), quickPoll()).toBe(secondId);
  await runLine(page, 'echo right-side');
  await waitForTerminalText(page, /^right-side$/m);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-split.png') });
  // Nothing was refused by main or thrown in the page along the way.
  expect(problems).toEqual([]);
});

test('stty size follows the window; exit ends the shell in words, Reopen brings a fresh one', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  // The remote size once it is the terminal's (the first fit's size goes after a debounce).
  const before = await remoteSizeOfTerminal(page);
  await page.setViewportSize({ width: 900, height: 560 });
  // The terminal refits to the smaller window, then the remote must follow it.
  await expect
    .poll(async () => {
      const shown = await terminalSize(page);
      return shown !== null && shown.rows < before.rows && shown.cols < before.cols;
    }, quickPoll())
    .toBe(true);
  const after = await remoteSizeOfTerminal(page);
  expect(after.rows).toBeLessThan(before.rows);
  expect(after.cols).toBeLessThan(before.cols);

  // The inspector shows this session's frames, described.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await runLine(page, 'echo inspect-me');
  const frames = page.locator('.frame-row');
  await expect(frames.filter({ hasText: 'input_stream_data' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(frames.filter({ hasText: 'output_stream_data' }).filter({ hasText: 'inspect-me' }).first()).toBeVisible({ timeout: 30_000 });
  await frames.filter({ hasText: 'output_stream_data' }).first().click();
  // The MessageType field at offset 4: "output_str" in hex.
  await expect(page.locator('.hex-dump')).toContainText('6f 75 74 70 75 74 5f 73 74 72');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-inspector.png') });

  // Rename by double-clicking the tab.
  await page.locator('.tab[aria-selected="true"] .tab-title').dblclick();
  await page.getByLabel('Tab name').fill('my shell');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab[aria-selected="true"] .tab-title')).toHaveText('my shell');

  await runLine(page, 'exit');
  const tab = page.locator('.tab[aria-selected="true"]');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: 30_000 });
  const banner = page.getByTestId('session-closed');
  await expect(banner).toBeVisible();
  // A normal end in words; the protocol's own line is in the tooltip.
  await expect(banner).toContainText('The session ended');
  await expect(banner.locator('.session-banner-text')).toHaveAttribute('title', /Exiting session with sessionId: \S+/);
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-closed.png') });

  // Reopen opens a fresh session in the same tab and terminal.
  await banner.getByRole('button', { name: 'Reopen' }).click();
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await runLine(page, 'echo again-$((40+2))');
  await waitForTerminalText(page, /^again-42$/m);
});

test('closing a live tab asks first and ends its session in the sandbox', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const endpoint = await sandboxEndpoint(page);
  const active = async (): Promise<SandboxSession[]> =>
    ((await (await request.get(`${endpoint}/__sandbox/sessions`, { headers: sandboxAdminHeaders(webHost.output()) })).json()) as SandboxSession[]).filter((s) => s.state !== 'Terminated');
  await expect.poll(async () => (await active()).length, quickPoll(30_000)).toBe(1);
  const first = await activeSessionId(page);

  // New tab to the same target from the keyboard, then drag it in front of the first.
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.press('Alt+Shift+T'); // the web host's binding: the browser keeps Ctrl+Shift+T
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  const second = await activeSessionId(page);
  await expect.poll(async () => (await active()).length, quickPoll(30_000)).toBe(2);
  await page.locator('.tab').nth(1).dragTo(page.locator('.tab').nth(0));
  await expect(page.locator('.tab').nth(0)).toHaveAttribute('data-session-id', second ?? '');
  await expect(page.locator('.tab').nth(1)).toHaveAttribute('data-session-id', first ?? '');

  // Close one from the keyboard and one with its ×; each asks first because it is live.
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.press('Alt+Shift+W'); // the browser keeps Ctrl+Shift+W
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('still connected');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-close-confirm.png') });
  await dialog.getByRole('button', { name: 'Close session' }).click();
  await expect(page.locator('.tab')).toHaveCount(1);
  await expect.poll(async () => (await active()).length, quickPoll(30_000)).toBe(1);
  await page.locator('.tab[aria-selected="true"] .tab-close').click();
  await dialog.getByRole('button', { name: 'Close session' }).click();
  await expect(page.locator('.tab')).toHaveCount(0);
  await expect.poll(async () => (await active()).length, quickPoll(30_000)).toBe(0);
});

test('a dropped connection is noted on the tab, then the same shell carries on', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await runLine(page, 'KEPT=still-here');
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const sessions = (await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[];
  const live = sessions.filter((s) => s.state !== 'Terminated');
  expect(live).toHaveLength(1);
  const tab = page.locator('.tab[aria-selected="true"]');
  await expect(tab).toHaveAttribute('data-reconnects', '0');

  const killed = await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: live[0]?.sessionId, faults: { actions: [{ do: 'kill-socket' }] } } });
  expect(killed.ok()).toBe(true);
  // The drop is counted even when the resume is over before a frame shows "reconnecting".
  await expect(tab).toHaveAttribute('data-reconnects', '1', { timeout: SHELL_TIMEOUT_MS });
  await expect(tab).toHaveAttribute('title', /Connection dropped once since the session opened/);
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await runLine(page, 'echo "$KEPT"');
  await waitForTerminalText(page, /^still-here$/m);
});
