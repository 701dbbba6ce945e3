// The banner below the terminal while a session connects or reconnects: it takes rows of its own
// (the terminal refits above it at once) and covers no text. A fresh tab's first line stays where it
// was, in sight; after a screenful, the line typed last sits on the terminal's last row, right
// above the banner, and scrolled to the top of the scrollback the first line shows. Keys typed at
// the moment the tab turns reconnecting, while it is, and at the moment it is connected again
// each reach the shell once, in order. At 1440×900 and 1024×640.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';
import { activeText, openDemo, revealWebApp, runLine, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, startWinchPrinter, waitForShell, waitForTerminalText, winchSizes, type SandboxSession } from './porthole-ui.js';
import { expectTerminalsFitted } from './terminal-fit.js';
import { WIRE_TYPE } from '../../shared/contract/wire.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

/** The typed line's row, the terminal's screen and the banner, as laid out now. */
interface Layout {
  readonly rows: number;
  /** The row holding the typed line (null: none shows it). */
  readonly typed: { readonly top: number; readonly bottom: number; readonly height: number } | null;
  /** The terminal's drawn rows (.xterm-screen). */
  readonly screen: { readonly top: number; readonly bottom: number };
  readonly banner: { readonly top: number } | null;
  /** Whether the typed line is on the screen's last row. */
  readonly typedLast: boolean;
}

function layout(page: Page, typed: string): Promise<Layout> {
  return page.evaluate((text) => {
    const term = document.querySelector('[data-testid="active-terminal"]');
    const rows = [...(term?.querySelectorAll('.xterm-rows > div') ?? [])];
    const at = rows.findIndex((r) => (r.textContent ?? '').includes(text));
    const row = rows[at]?.getBoundingClientRect();
    const screen = term?.querySelector('.xterm-screen')?.getBoundingClientRect();
    const banner = term?.closest('.session-pane')?.querySelector('.session-banner')?.getBoundingClientRect();
    return {
      rows: rows.length,
      typed: row === undefined ? null : { top: row.top, bottom: row.bottom, height: row.height },
      screen: { top: screen?.top ?? 0, bottom: screen?.bottom ?? 0 },
      banner: banner === undefined ? null : { top: banner.top },
      typedLast: at >= 0 && at === rows.length - 1,
    };
  }, typed);
}

/** Every row showing text: its text and box, and the banner's top (null: no banner). */
function shownRows(page: Page): Promise<{ rows: { text: string; top: number; bottom: number }[]; viewTop: number; bannerTop: number | null }> {
  return page.evaluate(() => {
    const term = document.querySelector('[data-testid="active-terminal"]');
    const rows = [...(term?.querySelectorAll('.xterm-rows > div') ?? [])]
      .map((r) => ({ text: (r.textContent ?? '').replace(/\s+$/, ''), box: r.getBoundingClientRect() }))
      .filter((r) => r.text !== '')
      .map((r) => ({ text: r.text, top: r.box.top, bottom: r.box.bottom }));
    const viewTop = term?.querySelector('.xterm-container')?.getBoundingClientRect().top ?? 0;
    const banner = term?.closest('.session-pane')?.querySelector('.session-banner')?.getBoundingClientRect();
    return { rows, viewTop, bannerTop: banner === undefined ? null : banner.top };
  });
}

/**
 * Types `keys[state]` into the active terminal (a keydown on xterm's textarea, as a keystroke
 * makes) the moment its tab's state turns `state`, once each: in the same task that shows it,
 * before anything else can run. Returns the states it typed at, once asked.
 */
async function typeAtStateChanges(page: Page, keys: Readonly<Record<string, string>>): Promise<() => Promise<string[]>> {
  await page.evaluate((byState) => {
    const tab = document.querySelector('.tab[aria-selected="true"]');
    const textarea = document.querySelector('[data-testid="active-terminal"] textarea');
    if (tab === null || textarea === null) throw new Error('no active tab with a terminal');
    const typed: string[] = [];
    (window as unknown as { typedAtStates: string[] }).typedAtStates = typed;
    const observer = new MutationObserver(() => {
      const state = tab.getAttribute('data-state') ?? '';
      const key = byState[state];
      if (key === undefined || typed.includes(state)) return;
      typed.push(state);
      const down = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      // xterm reads the legacy keyCode (a printable key is at least 48), which KeyboardEventInit cannot set.
      Object.defineProperty(down, 'keyCode', { get: () => key.charCodeAt(0) });
      textarea.dispatchEvent(down);
      if (Object.keys(byState).every((s) => typed.includes(s))) observer.disconnect();
    });
    observer.observe(tab, { attributes: true, attributeFilter: ['data-state'] });
  }, keys);
  return () => page.evaluate(() => [...(window as unknown as { typedAtStates: string[] }).typedAtStates]);
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

/**
 * Drags the scrollbar's thumb to the top until the view's first row reads `first`. On CI's loaded
 * 2-core machine one drag has stopped part-way (the view's first row was line 613 of 900); a drag
 * that can never reach the top, or a banner that moved the rows, still fails here.
 */
async function dragToTop(page: Page, first: string): Promise<void> {
  await expect
    .poll(async () => {
      const row = await firstRow(page);
      if (row?.text !== first) await dragThumb(page, -10_000);
      return row;
    }, quickPoll())
    .toEqual({ text: first, inView: true });
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

/** Opens the demo with a shell on its web-app container, at its prompt; returns that (the active) tab. */
async function webAppShell(page: Page, url: string): Promise<Locator> {
  await openDemo(page, url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  return page.locator('.tab[aria-selected="true"]');
}

const SIZES = [[1440, 900], [1024, 640]] as const;

test('a screenful with no scrollback yet: the banner covers none of it, the first line can be read, and it all comes back', async ({ page, webHost, request }) => {
  const tab = await webAppShell(page, webHost.url);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await expectTerminalsFitted(page);
    // Scrollback cleared, then lines down to the row above the last: the prompt lands on the last row, nothing scrolled off.
    const rows = (await layout(page, '')).rows;
    // Lines named for this size: the last size's are still in the buffer until the screen clears.
    await runLine(page, `printf '\\033[3J\\033[H\\033[2J'; printf 'w${width}-%s\\n' $(seq 1 ${rows - 1})`);
    await waitForTerminalText(page, new RegExp(`^w${width}-${rows - 1}$`, 'm'));
    await expect.poll(async () => (await shownRows(page)).rows.length, quickPoll()).toBe(rows);
    const before = await shownRows(page);
    expect(before.rows[0]?.text).toBe(`w${width}-1`);
    expect(before.bannerTop).toBeNull();

    const cut = await holdReconnecting(page, request, webHost.output());
    await expect(tab).toHaveAttribute('data-state', 'reconnecting', { timeout: SHELL_TIMEOUT_MS });
    // Every row of text it shows is inside the view and above the banner; the last (the prompt) among them.
    const covered = async (): Promise<{ state: string | null; clear: boolean; last: string | undefined }> => {
      const now = await shownRows(page);
      const top = now.bannerTop;
      const clear = top !== null && now.rows.every((r) => r.top >= now.viewTop - 0.5 && r.bottom <= top + 0.5);
      return { state: await tab.getAttribute('data-state'), clear, last: now.rows.at(-1)?.text };
    };
    await expect.poll(covered, quickPoll()).toEqual({ state: 'reconnecting', clear: true, last: before.rows.at(-1)?.text });
    // The rows it gave the banner went to the scrollback, where the first line is read, in the view, above the banner.
    await dragToTop(page, `w${width}-1`);
    await expect
      .poll(async () => ({ state: await tab.getAttribute('data-state'), first: await firstRow(page), clear: (await covered()).clear }), quickPoll())
      .toEqual({ state: 'reconnecting', first: { text: `w${width}-1`, inView: true }, clear: true });
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-session-reconnecting-full-${width}.png`) });
    await dragThumb(page, 10_000);

    await cut.resume();
    await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
    // Back as it was: every row in its place, the first line on the first row.
    await expect.poll(async () => (await shownRows(page)).rows, quickPoll()).toEqual(before.rows);
  }
});

test('while a session reconnects, the line typed last shows above the banner, and keys typed across it reach the shell once', async ({ page, webHost, request }) => {
  const tab = await webAppShell(page, webHost.url);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await expectTerminalsFitted(page);
    // More than a screenful, then a line typed but not run: it sits on the terminal's last row, where the banner goes.
    await runLine(page, `seq 1 ${height}`);
    // Typed only at the prompt after this run's last number: the targets' /bin/sh (dash) has no line
    // editor, so keys that arrive while seq still prints are echoed in among its numbers and scroll
    // away with them, never to show on the prompt's row. (The previous size's run printed this
    // number too, so the number alone is no sign this run is over.)
    await waitForTerminalText(page, new RegExp(`(?:^|\\n)${height}\\n[^\\n]*[$#] ?$`));
    const typed = `echo typed-at-${width}-`;
    await page.keyboard.type(typed);
    await expect.poll(async () => (await layout(page, typed)).typed, quickPoll()).not.toBeNull();
    const before = await layout(page, typed);
    const text = await activeText(page);

    // A key the moment the tab shows reconnecting, one while it does, one the moment it is connected again.
    const typedAt = await typeAtStateChanges(page, { reconnecting: '1', connected: '3' });
    const cut = await holdReconnecting(page, request, webHost.output());
    await expect(tab).toHaveAttribute('data-state', 'reconnecting', { timeout: SHELL_TIMEOUT_MS });
    // While it is still reconnecting, the typed line is on the terminal's last row and the banner
    // below the terminal's rows, covering none of them.
    await expect
      .poll(async () => {
        const now = await layout(page, typed);
        const clear = now.typed !== null && now.banner !== null && now.typedLast && now.screen.bottom <= now.banner.top + 0.5;
        return { state: await tab.getAttribute('data-state'), clear };
      }, quickPoll())
      .toEqual({ state: 'reconnecting', clear: true });
    await page.keyboard.type('2');
    // Scrolled to the top of the scrollback while the banner shows, the buffer's first line is the view's first row.
    const firstLine = text.split('\n')[0] ?? '';
    await dragToTop(page, firstLine);
    await expect
      .poll(async () => ({ state: await tab.getAttribute('data-state'), first: await firstRow(page) }), quickPoll())
      .toEqual({ state: 'reconnecting', first: { text: firstLine, inView: true } });
    await dragThumb(page, 10_000);
    await expect.poll(async () => (await layout(page, typed)).typedLast, quickPoll()).toBe(true);
    // Nothing was written to it meanwhile (the keys' echo comes from the shell, once it is back).
    expect(await activeText(page)).toBe(text);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-session-reconnecting-${width}.png`) });
    await expect(tab).toHaveAttribute('data-state', 'reconnecting');

    await cut.resume();
    await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
    expect(await typedAt()).toEqual(['reconnecting', 'connected']);
    // Back where it was, and the same shell took every key once, in order.
    await expect.poll(async () => (await layout(page, typed)).typed?.top, quickPoll()).toBe(before.typed?.top);
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, new RegExp(`^typed-at-${width}-123$`, 'm'));
    expect((await activeText(page)).match(new RegExp(`^typed-at-${width}-\\d*$`, 'gm'))).toEqual([`typed-at-${width}-123`]);
  }
});

test('a reconnect whose banner takes rows and gives them back sends the remote no size change', async ({ page, webHost, request }) => {
  // The sizes the page sends main (data frames of type resize: rows in the last two bytes).
  const sentRows: number[] = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
    if (typeof payload !== 'string' && payload[0] === WIRE_TYPE.resize) sentRows.push(payload.readUInt16BE(payload.length - 2));
  }));
  await page.setViewportSize({ width: 1440, height: 900 });
  const tab = await webAppShell(page, webHost.url);
  // A foreground program that prints each size change (SIGWINCH) the shell's terminal is told of, with the size.
  const startCols = (await startWinchPrinter(page)).split('x')[1];

  const cut = await holdReconnecting(page, request, webHost.output());
  const sentBefore = sentRows.length;
  await expect(tab).toHaveAttribute('data-state', 'reconnecting', { timeout: SHELL_TIMEOUT_MS });
  // The banner's rows went to main as a smaller size while reconnecting, and the full size once it is back.
  await expect.poll(() => sentRows.length, quickPoll()).toBeGreaterThan(sentBefore);
  await cut.resume();
  await expect(tab).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await expect.poll(() => sentRows.length, quickPoll()).toBeGreaterThan(sentBefore + 1);
  // A real size change after the reconnect (narrower): once the program prints it, whatever the
  // reconnect sent came before it.
  await page.setViewportSize({ width: 1024, height: 900 });
  await expect.poll(async () => (await winchSizes(page)).some((size) => size.split('x')[1] !== startCols), quickPoll(SHELL_TIMEOUT_MS)).toBe(true);
  expect(await winchSizes(page)).toHaveLength(1);
  await page.keyboard.press('Control+C');
});
