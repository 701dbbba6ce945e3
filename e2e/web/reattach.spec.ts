// Issue 13 §5: sessions belong to main, not to the page. A reload brings every tab back with its
// earlier output (replayed from main's scrollback) and a live shell; a second browser tab takes
// the sessions and the first one says so. Assertions read xterm's buffer through the renderer's
// read-only test hook, against the sandbox over real sockets.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { activeSessionId, openDemo, pasteText, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, runLine, waitForShell, waitForTerminalText, type SandboxSession, showBeside } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 240_000 });

// Right after a reload the page may not have installed its test hook yet: poll on, not fail.
const textOf = (page: Page, id: string): Promise<string> => page.evaluate((sid) => window.__portholeTest?.text(sid) ?? '', id);
const tabIds = (page: Page): Promise<string[]> => page.evaluate(() => window.__portholeTest?.sessionIds() ?? []);

/** Opens shells on demo-web tasks 0001 and 0002, runs a marker command in each; returns their session ids. */
async function twoShellsWithMarkers(page: Page): Promise<[string, string]> {
  await (await revealWebApp(page, '0001')).dblclick();
  await waitForShell(page);
  await runLine(page, 'echo first-$((20+1))');
  await waitForTerminalText(page, /^first-21$/m);
  const first = (await activeSessionId(page)) ?? '';
  await (await revealWebApp(page, '0002')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  await runLine(page, 'echo second-$((40+2))');
  await waitForTerminalText(page, /^second-42$/m);
  const second = (await activeSessionId(page)) ?? '';
  expect(first).not.toBe(second);
  return [first, second];
}

/** Both tabs are back (same session ids) with their earlier output, connected, and take new input. */
async function expectBackAndLive(page: Page, [first, second]: [string, string], round: string): Promise<void> {
  await expect.poll(() => tabIds(page), quickPoll(SHELL_TIMEOUT_MS)).toEqual([first, second]);
  await expect.poll(() => textOf(page, first), quickPoll(SHELL_TIMEOUT_MS)).toMatch(/^first-21$/m);
  await expect.poll(() => textOf(page, second), quickPoll(SHELL_TIMEOUT_MS)).toMatch(/^second-42$/m);
  for (const [id, n] of [[first, 3], [second, 4]] as const) {
    const tab = page.locator(`.tab[data-session-id="${id}"]`);
    await tab.click();
    await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
    await runLine(page, `echo ${round}-${n}-$((${n}*${n}))`);
    await waitForTerminalText(page, new RegExp(`^${round}-${n}-${n * n}$`, 'm'));
  }
}

test('a reload brings both shells back with their output, and they take input; closing a tab still ends its session', async ({ page, webHost, request }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await openDemo(page, webHost.url);
  const ids = await twoShellsWithMarkers(page);

  await page.reload();
  await expectBackAndLive(page, ids, 'reloaded');
  // The earlier command lines came back too, not only their output.
  expect(await textOf(page, ids[0])).toContain('echo first-$((20+1))');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'reattach-reloaded.png') });

  // The reload ended nothing in AWS; closing an adopted tab still does.
  const endpoint = await sandboxEndpoint(page);
  const live = async (): Promise<number> => ((await (await request.get(`${endpoint}/__sandbox/sessions`, { headers: sandboxAdminHeaders(webHost.output()) })).json()) as SandboxSession[]).filter((s) => s.state !== 'Terminated').length;
  expect(await live()).toBe(2);
  await page.locator('.tab[aria-selected="true"] .tab-close').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Close session' }).click();
  await expect(page.locator('.tab')).toHaveCount(1);
  await expect.poll(live, quickPoll(30_000)).toBe(1);
  expect(problems).toEqual([]);
});

test('a second browser tab takes the sessions; the first is told and can take them back', async ({ page, webHost, context }) => {
  await openDemo(page, webHost.url);
  const ids = await twoShellsWithMarkers(page);

  const newer = await context.newPage();
  await openDemo(newer, webHost.url);
  await expectBackAndLive(newer, ids, 'newer');

  // The older tab says what happened, on each of its tabs, instead of looking connected.
  await page.bringToFront();
  for (const id of ids) await expect(page.locator(`.tab[data-session-id="${id}"]`)).toHaveAttribute('data-state', 'closed');
  const banner = page.getByTestId('session-closed');
  await expect(banner).toContainText('In another window: A newer Porthole window or browser tab has this session now.');
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await expect(banner).toBeVisible();
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `reattach-moved-${width}x${height}.png`) });
  }
  // Typing in the old tab reaches nothing: the newer tab's terminal does not see it.
  await runLine(page, 'echo from-the-old-tab');
  expect(await textOf(newer, ids[1])).not.toContain('from-the-old-tab');
  // …and the tab says it is open in the other window (not closed), for keys and a paste alike.
  const notice = page.getByTestId('input-notice');
  await expect(notice).toHaveText(/^Typed input \(\d+ bytes?\) not sent: this session is open in another window\. Take it back here, then type it again\./);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await pasteText(page, 'echo pasted');
  await expect(notice).toHaveText(/^Paste of 11 bytes not sent: this session is open in another window\. Take it back here, then paste again\./);
  await notice.getByRole('button', { name: 'Dismiss' }).click();

  // Take the active one back: it is live here again, and the newer tab is told in turn.
  const active = (await activeSessionId(page)) ?? '';
  await banner.getByRole('button', { name: 'Take back here' }).click();
  await expect(page.locator(`.tab[data-session-id="${active}"]`)).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await expect.poll(() => textOf(page, active), quickPoll()).toMatch(/^newer-4-16$/m);
  await runLine(page, 'echo back-$((5*5))');
  await waitForTerminalText(page, /^back-25$/m);
  await expect(newer.locator(`.tab[data-session-id="${active}"]`)).toHaveAttribute('data-state', 'closed');
});

test('a reload comes back on the tab that was showing, with the tab that was beside it still beside it', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const [first, second] = await twoShellsWithMarkers(page);
  // A third tab, so "the last one" or "the first one" cannot pass for "the one that was showing".
  await (await revealWebApp(page, '0001')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(3);
  await waitForShell(page);
  const third = (await activeSessionId(page)) ?? '';
  await page.locator(`.tab[data-session-id="${second}"]`).click();
  await showBeside(page, page.locator(`.tab[data-session-id="${first}"]`));

  await page.reload();
  await expect.poll(() => tabIds(page), quickPoll(SHELL_TIMEOUT_MS)).toEqual([first, second, third]);
  await expect(page.locator(`.tab[data-session-id="${second}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => activeSessionId(page), quickPoll()).toBe(second);
  const shown = page.locator('.session-pane:not([hidden]) .terminal-slot');
  await expect(shown).toHaveCount(2);
  expect((await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-session-id')))).sort()).toEqual([first, second].sort());
  // And it is live.
  await runLine(page, 'echo back-$((6*7))');
  await expect.poll(() => textOf(page, second), quickPoll(SHELL_TIMEOUT_MS)).toMatch(/^back-42$/m);
});
