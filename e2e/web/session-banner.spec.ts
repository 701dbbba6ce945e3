// The banner over the terminal's foot while a session reconnects: the last line the person typed
// stays in sight above it (the screen is drawn higher, by as many rows as it needs: nothing is
// written to the session and the terminal keeps its rows), it comes back down when the session
// is connected again, and the banner ends where the terminal's scrollbar starts, so the scrollbar's
// foot (its thumb, at the end of the output) stays whole and can be grabbed. Scrolled to the top
// of the scrollback meanwhile, the first line shows (the screen is drawn higher only at the
// bottom). At 1440×900 and 1024×640.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { activeText, openDemo, revealWebApp, runLine, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, waitForShell, waitForTerminalText, type SandboxSession } from './porthole-ui.js';
import { expectTerminalsFitted } from './terminal-fit.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** The typed line's row, the banner and the terminal's scrollbar, as laid out now. */
interface Layout {
  readonly rows: number;
  /** The row holding the typed line (null: none shows it). */
  readonly typed: { readonly top: number; readonly bottom: number; readonly height: number } | null;
  readonly banner: { readonly top: number; readonly right: number } | null;
  readonly scrollbar: { readonly left: number; readonly bottom: number };
  /** What the pointer would reach just above the scrollbar thumb's lower end: true when it is the scrollbar. */
  readonly thumbReached: boolean;
}

function layout(page: Page, typed: string): Promise<Layout> {
  return page.evaluate((text) => {
    const term = document.querySelector('[data-testid="active-terminal"]');
    const rows = [...(term?.querySelectorAll('.xterm-rows > div') ?? [])];
    const row = rows.find((r) => (r.textContent ?? '').includes(text))?.getBoundingClientRect();
    const pane = term?.closest('.session-pane');
    const banner = pane?.querySelector('.session-banner')?.getBoundingClientRect();
    const bar = term?.querySelector('.xterm-scrollable-element > .scrollbar.vertical');
    const barBox = bar?.getBoundingClientRect();
    const thumb = bar?.querySelector('.slider')?.getBoundingClientRect();
    const hit = thumb === undefined ? null : document.elementFromPoint(thumb.left + thumb.width / 2, thumb.bottom - 2);
    return {
      rows: rows.length,
      typed: row === undefined ? null : { top: row.top, bottom: row.bottom, height: row.height },
      banner: banner === undefined ? null : { top: banner.top, right: banner.right },
      scrollbar: { left: barBox?.left ?? 0, bottom: barBox?.bottom ?? 0 },
      thumbReached: hit !== null && bar?.contains(hit) === true,
    };
  }, typed);
}

/** The view's first row: its text, and whether it lies inside the terminal's clipped box (not drawn above it). */
function firstRow(page: Page): Promise<{ text: string; inView: boolean } | null> {
  return page.evaluate(() => {
    const term = document.querySelector('[data-testid="active-terminal"]');
    const row = term?.querySelector('.xterm-rows > div');
    const box = term?.querySelector('.xterm-container')?.getBoundingClientRect();
    if (row === null || row === undefined || box === undefined) return null;
    return { text: (row.textContent ?? '').replace(/\s+$/, ''), inView: row.getBoundingClientRect().top >= box.top - 0.5 };
  });
}

/** The active terminal's vertical scrollbar (xterm's). */
function scrollbar(page: Page): Locator {
  return page.locator('[data-testid="active-terminal"] .xterm-scrollable-element > .scrollbar.vertical');
}

/**
 * Waits until xterm shows its scrollbar. A drag released off the terminal hides it at once, and
 * a hidden scrollbar lets the pointer through (pointer-events: none) to the rows under it; the
 * pointer coming back over the terminal shows it again a timer tick later (xterm's scrollbar
 * visibility), which on a loaded machine can come after the next press or hit test.
 */
async function scrollbarShown(page: Page): Promise<void> {
  await expect(scrollbar(page)).not.toHaveClass(/\binvisible\b/);
}

/** Drags the terminal's scrollbar thumb by `dy` px (past either end scrolls to that end). */
async function dragThumb(page: Page, dy: number): Promise<void> {
  const thumb = await scrollbar(page).locator('> .slider').boundingBox();
  if (thumb === null) throw new Error('the terminal shows no scrollbar thumb');
  const x = thumb.x + thumb.width / 2;
  const y = thumb.y + thumb.height / 2;
  await page.mouse.move(x, y);
  // Pressed while the scrollbar is still hidden, the press would start a text selection in the rows
  // under it instead of a drag, and the view would barely move.
  await scrollbarShown(page);
  await page.mouse.down();
  await page.mouse.move(x, y + dy, { steps: 4 });
  await page.mouse.up();
}

/**
 * Cuts the session's connection with ResumeSession held unanswered by the sandbox, so it stays
 * reconnecting on its first resume attempt (none refused: the channel's few retries are not used
 * up however slow the checks are) until `resume` lets the held request through.
 */
async function holdReconnecting(page: Page, request: APIRequestContext, hostOutput: string): Promise<{ resume(): Promise<void> }> {
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(hostOutput) };
  const live = ((await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[]).filter((s) => s.state !== 'Terminated');
  expect(live).toHaveLength(1);
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [{ operation: 'ssm.ResumeSession', answer: 'hold' }] } })).ok()).toBe(true);
  expect((await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: live[0]?.sessionId, faults: { actions: [{ do: 'kill-socket' }] } } })).ok()).toBe(true);
  return {
    resume: async () => {
      expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [] } })).ok()).toBe(true);
    },
  };
}

test('while a session reconnects, the line typed last shows above the banner, and the scrollbar beside it', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await expectTerminalsFitted(page);
    // More than a screenful, then a line typed but not run: it sits on the terminal's last row, where the banner goes.
    await runLine(page, `seq 1 ${height}`);
    await waitForTerminalText(page, new RegExp(`^${height}$`, 'm'));
    const typed = `echo typed-at-${width}`;
    await page.keyboard.type(typed);
    await expect.poll(async () => (await layout(page, typed)).typed, quickPoll()).not.toBeNull();
    const before = await layout(page, typed);
    const text = await activeText(page);
    // The pointer over the terminal: xterm shows its scrollbar while it is.
    await page.mouse.move(before.scrollbar.left - 40, 200);

    const cut = await holdReconnecting(page, request, webHost.output());
    await expect(tab).toHaveAttribute('data-state', 'reconnecting', { timeout: SHELL_TIMEOUT_MS });
    // While it is still reconnecting (not after it gave up and ended: an ended session's text is
    // moved up by other means), the typed line's row ends at or above the banner, drawn no higher
    // than it needs (less than a row between them).
    await expect
      .poll(async () => {
        const now = await layout(page, typed);
        const clear = now.typed !== null && now.banner !== null && now.typed.bottom <= now.banner.top + 0.5 && now.banner.top - now.typed.bottom < now.typed.height;
        return { state: await tab.getAttribute('data-state'), clear };
      }, quickPoll())
      .toEqual({ state: 'reconnecting', clear: true });
    // Scrolled to the top of the scrollback while the banner shows, the buffer's first line is
    // the view's first row, inside the view (not drawn above it); back at the bottom, the typed
    // line is above the banner again.
    const firstLine = text.split('\n')[0] ?? '';
    await dragThumb(page, -10_000);
    await expect
      .poll(async () => ({ state: await tab.getAttribute('data-state'), first: await firstRow(page) }), quickPoll())
      .toEqual({ state: 'reconnecting', first: { text: firstLine, inView: true } });
    const typedClear = async (): Promise<boolean> => {
      const now = await layout(page, typed);
      return now.typed !== null && now.banner !== null && now.typed.bottom <= now.banner.top + 0.5;
    };
    await dragThumb(page, 10_000);
    // The pointer back over the terminal, where it was: xterm keeps its scrollbar shown while it is.
    await page.mouse.move(before.scrollbar.left - 40, 200);
    await scrollbarShown(page);
    await expect.poll(typedClear, quickPoll()).toBe(true);
    const during = await layout(page, typed);
    // No refit: the terminal keeps its rows; nothing was written to it.
    expect(during.rows).toBe(before.rows);
    expect(await activeText(page)).toBe(text);
    // The banner stops at the scrollbar, and the thumb's foot is the scrollbar's, not the banner's.
    expect(during.banner === null ? Number.NaN : during.banner.right).toBeLessThanOrEqual(during.scrollbar.left + 0.5);
    expect(during.thumbReached).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-session-reconnecting-${width}.png`) });
    await expect(tab).toHaveAttribute('data-state', 'reconnecting');

    await cut.resume();
    await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
    // Back where it was, and the same shell takes the line typed before the cut.
    await expect.poll(async () => (await layout(page, typed)).typed?.top, quickPoll()).toBe(before.typed?.top);
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, new RegExp(`^typed-at-${width}$`, 'm'));
  }
});
