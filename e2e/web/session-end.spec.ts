// How a tab's session ended decides what its banner offers: a shell the person exited, or one
// Session Manager's idle timeout or maximum session duration ended, offers Reopen and Close tab
// (nothing to diagnose); a session that failed keeps Restart and Diagnose.
import { join } from 'node:path';
// channel_closed's Output when Session Manager's idle timeout ends a session (AWS's words).
import { IDLE_TIMEOUT_OUTPUT, MAX_DURATION_OUTPUT } from '../../main/ssm/datachannel/index.js';
import { RESTART_RULE_TEXT } from '../../renderer/terminal/restart-rule.js';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { activeText, openDemo, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, treeRow, typeLine, waitForShell, waitForTerminalText, type SandboxSession } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

test("a shell ended with exit, or by Session Manager's idle timeout or maximum session duration, offers Reopen and Close tab, not Diagnose", async ({ page, webHost, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  // A screenful and more, so the last lines are at the foot of the terminal where the banner goes.
  await typeLine(page, 'seq 1 80');
  await waitForTerminalText(page, /^80$/m);
  const rows = page.locator('[data-testid="active-terminal"] .xterm-rows > div');
  const rowCount = await rows.count();
  await typeLine(page, 'exit');
  const tab = page.locator('.tab[aria-selected="true"]');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  const banner = page.getByTestId('session-closed');
  await expect(banner).toBeVisible();
  // The banner floats over the terminal's foot: the terminal keeps its rows (no refit moves them),
  // and its last text ("exit", echoed) is moved up to the row directly above the banner, neither
  // hidden under it nor lifted higher (one pass of line feeds, however many were asked for).
  expect(await rows.count()).toBe(rowCount);
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const lines = [...document.querySelectorAll('[data-testid="active-terminal"] .xterm-rows > div')].filter((r) => (r.textContent ?? '').trim() !== '');
          const bar = document.querySelector('[data-testid="session-closed"]')?.getBoundingClientRect().top ?? 0;
          const last = lines.at(-1)?.getBoundingClientRect();
          // Whole rows between the last text and the bar: 0 when it sits on the row directly above.
          return last === undefined ? null : Math.floor((bar - last.bottom) / last.height);
        }),
      quickPoll(),
    )
    .toBe(0);
  // Session Manager ends a session the same way for exit and TerminateSession: the tab says only
  // what Porthole knows, and the hover says why, with the agent's own line.
  await expect(banner.locator('.session-banner-text')).toHaveText('The session ended');
  await expect(banner.locator('.session-banner-text')).toHaveAttribute('title', /cannot tell which happened\.\nExiting session with sessionId: \S+/);
  await expect(banner.getByRole('button')).toHaveText(['Reopen', 'Close tab']);
  // The keyboard was in the terminal, which takes nothing more: it moves to Reopen.
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeFocused();
  // The tab's menu says it with the banner's word.
  await tab.click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: 'Reopen' })).toBeVisible();
  // …under the tab strip, not over the tab it is about.
  const [menuBox, tabBox] = await Promise.all([page.getByRole('menu').boundingBox(), tab.boundingBox()]);
  expect(menuBox !== null && tabBox !== null && menuBox.y >= tabBox.y + tabBox.height).toBe(true);
  await expect(page.getByRole('menuitem', { name: 'Restart session' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-exited-1440.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-exited-1024.png') });
  // The banner comes after the terminal in the page's order, as it shows at its foot: Tab from the terminal reaches Reopen.
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await expect(page.locator('[data-testid="active-terminal"] .xterm-helper-textarea')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeFocused();

  // Reopen: a fresh shell in the same tab, and the keyboard is in its terminal.
  await banner.getByRole('button', { name: 'Reopen' }).click();
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('[data-testid="active-terminal"] .xterm-helper-textarea')).toBeFocused();
  // As a terminal restarted in place: the old output stays, a rule says a new session starts,
  // and its prompt is on the row right after; no blank rows between (the line feeds that kept the
  // last text above the banner, and the new shell's first output, used to leave two or more).
  await waitForTerminalText(page, new RegExp(`${RESTART_RULE_TEXT}\\n[^\\n]*[$#] ?$`));
  const tail = (await activeText(page)).split('\n').slice(-4);
  expect(tail.slice(0, 3)).toEqual([expect.stringMatching(/[$#] exit$/), 'exit', RESTART_RULE_TEXT]);
  await page.keyboard.type('echo back-$((40+2))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^back-42$/m);
  // The new shell has the terminal's size, though the view shrank while the session was ended.
  const shown = await page.evaluate(() => document.querySelectorAll('[data-testid="active-terminal"] .xterm-rows > div').length);
  await typeLine(page, 'echo size-$(stty size | tr " " x)');
  await waitForTerminalText(page, new RegExp(`^size-${shown}x\\d+$`, 'm'));
  // On the first line of the scrollback, at the view's top right: the find bar steps aside to the foot for it.
  await typeLine(page, 'clear; set -- $(stty size); printf "%$(($2-1))s\\n" top-$((6*7))');
  await waitForTerminalText(page, /^ +top-42$/m);

  // Session Manager's idle timeout ends this one: the gateway closes the channel with AWS's words.
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const live = ((await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[]).filter((s) => s.state === 'Connected');
  expect(live).toHaveLength(1);
  const cut = await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: live[0]!.sessionId, faults: { actions: [{ do: 'channel-closed-112', output: IDLE_TIMEOUT_OUTPUT }] } } });
  expect(cut.status()).toBe(200);
  // Said in AWS's words; nothing broke, so the same offer as after exit, and no Diagnose.
  await expect(banner).toHaveAttribute('data-ending', 'timed-out', { timeout: SHELL_TIMEOUT_MS });
  await expect(banner.locator('.session-banner-text')).toHaveText(`Closed: ${IDLE_TIMEOUT_OUTPUT}`);
  await expect(banner.getByRole('button')).toHaveText(['Reopen', 'Close tab']);
  // The keyboard was in the terminal again: it moves to Reopen.
  await expect(banner.getByRole('button', { name: 'Reopen' })).toBeFocused();
  // The find bar stepped aside to the foot sits above the banner, not over its buttons.
  await page.keyboard.press('Control+Shift+F');
  const find = page.getByRole('search', { name: 'Find' });
  await find.getByRole('textbox', { name: 'Find in terminal' }).fill('top-42');
  await expect(find.getByTestId('find-result')).toHaveText('1 of 1');
  await expect(find).toHaveClass(/\bat-bottom\b/);
  const [findBox, bannerBox] = await Promise.all([find.boundingBox(), banner.boundingBox()]);
  expect(findBox !== null && bannerBox !== null && findBox.y + findBox.height <= bannerBox.y).toBe(true);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-idle-find-1024.png') });
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-idle-1024.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-idle-1440.png') });
  await tab.click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: 'Reopen' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Restart session' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // Reopened, and this time Session Manager ends it at the region's maximum session duration:
  // the banner says so in its words, and again nothing broke.
  await banner.getByRole('button', { name: 'Reopen' }).click();
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  const again = ((await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[]).filter((s) => s.state === 'Connected');
  expect(again).toHaveLength(1);
  const maxCut = await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: again[0]!.sessionId, faults: { actions: [{ do: 'channel-closed-112', output: MAX_DURATION_OUTPUT }] } } });
  expect(maxCut.status()).toBe(200);
  await expect(banner).toHaveAttribute('data-ending', 'timed-out', { timeout: SHELL_TIMEOUT_MS });
  await expect(banner.locator('.session-banner-text')).toHaveText(`Closed: ${MAX_DURATION_OUTPUT}`);
  await expect(banner.getByRole('button')).toHaveText(['Reopen', 'Close tab']);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-session-max-duration-1440.png') });

  // Close tab: no question (nothing is running), the tab goes and the keyboard goes to the tree.
  // By keyboard alone: from Reopen (the menu had the keyboard last), Tab to Close tab and Enter.
  await banner.getByRole('button', { name: 'Reopen' }).focus();
  await page.keyboard.press('Tab');
  await expect(banner.getByRole('button', { name: 'Close tab' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.tab')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('[role="tree"] [role="treeitem"]:focus')).toHaveCount(1);
});

test('a session that failed keeps Restart session and Diagnose', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'instance', 'lost-contact').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open shell' }).click();
  const banner = page.getByTestId('session-closed');
  await expect(banner).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  await expect(banner).toHaveAttribute('data-ending', 'failed');
  await expect(banner.getByRole('button')).toHaveText(['Restart session', 'Diagnose']);
  await page.locator('.tab').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: 'Restart session' })).toBeVisible();
});
