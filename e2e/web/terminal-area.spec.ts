// Issue 14, the terminal area: tabs that overflow scroll with arrows and a list of all tabs (defect
// 8: no scrollbar clipping labels); the find bar's "N of M" and its toggles; the terminal's
// right-click menu (copy, paste through the paste guard, clear); copy on select; the terminal font
// from settings, applied and kept across a reload.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { activeSessionId, activeText, openDemo, remoteSizeOfTerminal, revealWebApp, SHELL_TIMEOUT_MS, runLine, terminalSize, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 240_000 });

/** The tab's minimum width in the stylesheet (--tab-min-width). */
const TAB_MIN_WIDTH = 140;
/** An inactive tab's title ends this near the tab's right edge (its padding and border), not a close button's width before it. */
const INACTIVE_TAB_END = 9.5;

const terminalInput = (page: Page) => page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea');

async function openShell(page: Page): Promise<void> {
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
}

test('ten tabs at 1440: tabs keep their minimum width, arrows scroll, the list of all tabs activates one', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await openShell(page);
  await runLine(page, 'echo first-tab-$((20+1))');
  await waitForTerminalText(page, /^first-tab-21$/m);
  const firstId = await activeSessionId(page);
  for (let i = 2; i <= 9; i++) {
    await page.keyboard.press('Alt+Shift+T');
    await expect(page.locator('.tab')).toHaveCount(i);
  }
  // The tenth on the other task of the same service: "app · 0e1f0002" beside nine "app · 0e1f0001".
  await (await revealWebApp(page, '0002')).dblclick();
  await expect(page.locator('.tab')).toHaveCount(10);
  await expect(page.locator('.tab[data-state="connected"]')).toHaveCount(10, { timeout: SHELL_TIMEOUT_MS * 2 });

  // What a person reads on each narrow tab: the name and the part that tells it from the others,
  // whole; only what all the tabs share gave way (the full title is the tooltip).
  const shown = await page.locator('.tab .tab-title').evaluateAll((titles) =>
    titles.map((title) => {
      const box = title.getBoundingClientRect();
      // A part counts as read when it is wholly inside the title and not ellipsized.
      const whole = [...title.children].filter((part) => {
        const r = part.getBoundingClientRect();
        return r.width > 0 && part.scrollWidth <= part.clientWidth && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      });
      return { read: whole.map((part) => (part as HTMLElement).innerText).join(''), tooltip: title.closest('.tab')?.getAttribute('title')?.split('\n')[0] };
    }),
  );
  expect(shown.map((t) => t.tooltip)).toEqual(['app · 0e1f0001', ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `app · 0e1f0001 (${n})`), 'app · 0e1f0002']);
  // (A tab this narrow shows "…" before the differing end: CSS, not text, so not read here.)
  expect(shown[0]?.read).toBe('app01');
  for (const n of [2, 3, 4, 5, 6, 7, 8, 9]) expect(shown[n - 1]?.read).toBe(`app01 (${n})`);
  expect(shown[9]?.read).toBe('app02');

  const strip = page.getByRole('tablist', { name: 'Sessions' });
  await expect(page.getByRole('button', { name: 'Scroll tabs left' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scroll tabs right' })).toBeVisible();
  const geometry = await strip.evaluate((el: HTMLElement) => ({
    // No scrollbar: the strip's content box is its whole height.
    scrollbar: el.offsetHeight - el.clientHeight,
    overflows: el.scrollWidth > el.clientWidth,
    strip: el.getBoundingClientRect().toJSON() as DOMRect,
    tabs: [...el.querySelectorAll('.tab')].map((t) => ({ box: t.getBoundingClientRect().toJSON() as DOMRect, label: t.querySelector('.tab-title')?.getBoundingClientRect().toJSON() as DOMRect, selected: t.getAttribute('aria-selected') === 'true' })),
  }));
  expect(geometry.scrollbar).toBe(0);
  expect(geometry.overflows).toBe(true);
  for (const t of geometry.tabs) {
    expect(t.box.width).toBeGreaterThanOrEqual(TAB_MIN_WIDTH - 0.5);
    // The label sits wholly inside the strip's height: nothing cuts it from below.
    expect(t.label.top).toBeGreaterThanOrEqual(geometry.strip.top);
    expect(t.label.bottom).toBeLessThanOrEqual(geometry.strip.bottom);
  }
  // The active tab (the newest) is wholly in view.
  const active = geometry.tabs.find((t) => t.selected);
  expect(active && active.box.left >= geometry.strip.left - 0.5 && active.box.right <= geometry.strip.right + 0.5).toBe(true);
  await expect(page.getByRole('button', { name: 'Scroll tabs right' })).toBeDisabled();

  // An inactive tab's title runs to the tab's end: its hidden close button takes none of its room,
  // and shown on hover it lies over the title's end, so nothing in the tab moves.
  const inactive = page.locator('.tab[aria-selected="false"]').last();
  const titleEnd = () =>
    inactive.evaluate((tab) => {
      const t = tab.getBoundingClientRect();
      const title = tab.querySelector('.tab-title')?.getBoundingClientRect() ?? t;
      return { gap: t.right - title.right, left: title.left - t.left, width: title.width };
    });
  const resting = await titleEnd();
  expect(resting.gap).toBeLessThanOrEqual(INACTIVE_TAB_END);
  await inactive.hover();
  await expect(inactive.getByRole('button', { name: /^Close / })).toBeVisible();
  expect(await titleEnd()).toEqual(resting);

  // The left arrow brings the first tabs back into view.
  const before = await strip.evaluate((el) => el.scrollLeft);
  await page.getByRole('button', { name: 'Scroll tabs left' }).click();
  await expect.poll(() => strip.evaluate((el) => el.scrollLeft), quickPoll()).toBeLessThan(before);

  // The list of all tabs, by keyboard: it opens on the active tab; Home, Enter picks the first.
  await page.getByRole('button', { name: 'All tabs (10)' }).click();
  const list = page.getByRole('menu');
  await expect(list.getByRole('menuitemradio')).toHaveCount(10);
  await expect(list.getByRole('menuitemradio', { checked: true })).toBeFocused();
  await expect(list.getByRole('menuitemradio').nth(9)).toHaveAttribute('aria-checked', 'true');
  // The first nine show their Go to tab key, as the palette does; the tenth has none.
  await expect(list.getByRole('menuitemradio').first().locator('kbd')).toHaveText('Ctrl+Shift+1');
  await expect(list.getByRole('menuitemradio').nth(8).locator('kbd')).toHaveText('Ctrl+Shift+9');
  await expect(list.getByRole('menuitemradio').nth(9).locator('kbd')).toHaveCount(0);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(page.locator('.tab').first()).toHaveAttribute('aria-selected', 'true');
  expect(await activeSessionId(page)).toBe(firstId);
  await expect(terminalInput(page)).toBeFocused();
  expect(await activeText(page)).toMatch(/^first-tab-21$/m);
  const first = await page.locator('.tab').first().boundingBox();
  const box = await strip.boundingBox();
  expect(first && box && first.x >= box.x - 0.5 && first.x + first.width <= box.x + box.width + 0.5).toBe(true);
  await page.keyboard.type('echo typed-$((3*3))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^typed-9$/m);
});

/** The background colours xterm's DOM renderer gives cells in the active terminal: the find bar's match and active-match fills. */
const cellFills = (page: Page): Promise<string[]> =>
  page.locator('[data-testid="active-terminal"] .xterm-rows').evaluate((rows) => [...new Set([...rows.querySelectorAll<HTMLElement>('span')].map((s) => s.style.backgroundColor).filter((c) => c !== ''))].sort());

test('find bar: "N of M" for printed lines, highlights follow a theme switch, the case toggle changes the count, a bad regex is said', async ({ page, webHost }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDemo(page, webHost.url);
  await openShell(page);
  // Four upper-case and three lower-case lines; the command line itself holds neither word.
  await runLine(page, "printf 'N%s-%s\\n' EEDLE 1 EEDLE 2 EEDLE 3 EEDLE 4; printf 'n%s-%s\\n' eedle 1 eedle 2 eedle 3");
  await waitForTerminalText(page, /^needle-3$/m);
  await page.keyboard.press('Control+Shift+F');
  const bar = page.getByRole('search', { name: 'Find' });
  const field = bar.getByRole('textbox', { name: 'Find in terminal' });
  await expect(field).toBeFocused();
  await field.fill('needle-');
  const result = bar.getByTestId('find-result');
  // Typing finds the newest match (needle-3, the last line printed), not the oldest one.
  await expect(result).toHaveText('7 of 7');
  // A theme switch repaints the highlights at once, the active one and the others (they kept the
  // old theme's colours until the query changed), and the same match stays active.
  await expect.poll(() => cellFills(page), quickPoll()).toHaveLength(2);
  const dark = await cellFills(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => (await cellFills(page)).filter((c) => dark.includes(c)), quickPoll()).toEqual([]);
  expect(await cellFills(page)).toHaveLength(2);
  await expect(result).toHaveText('7 of 7');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => cellFills(page), quickPoll()).toEqual(dark);
  // Enter goes on upward (older output), Shift+Enter back down.
  await field.press('Enter');
  await expect(result).toHaveText('6 of 7');
  await field.press('Shift+Enter');
  await expect(result).toHaveText('7 of 7');
  await page.keyboard.press('Alt+C');
  await expect(bar.getByRole('button', { name: /Match case/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(result).toHaveText(/^\d of 3$/);
  await expect(field).toBeFocused();
  await field.fill('NEEDLE-');
  await expect(result).toHaveText(/^\d of 4$/);
  await page.keyboard.press('Alt+C');
  await expect(result).toHaveText(/^\d of 7$/);

  // Regex: a pattern counts its matches; one that does not compile is said, not searched.
  await page.keyboard.press('Alt+R');
  await field.fill('needle-[12]');
  await expect(result).toHaveText(/^\d of 4$/);
  await field.fill('needle-(');
  await expect(bar.getByRole('alert')).toContainText('Invalid regular expression');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('needle-[3]');
  await expect(bar.getByRole('alert')).toHaveCount(0);
  await expect(result).toHaveText(/^\d of 2$/);
  // Whole word: "needle" alone is a word in "needle-3" (the dash ends it), "needl" is not.
  await page.keyboard.press('Alt+R');
  await page.keyboard.press('Alt+W');
  await field.fill('needl');
  await expect(result).toHaveText('No results');
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();
  // No match drawn earlier comes back when the terminal changes size (xterm's DOM renderer drew
  // its last selection again at its next resize, long after it was cleared).
  const rowCount = () => page.locator('[data-testid="active-terminal"] .xterm-rows > div').count();
  const rowsBefore = await rowCount();
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect.poll(rowCount, quickPoll()).not.toBe(rowsBefore);
  await expect(page.locator('[data-testid="active-terminal"] .xterm-selection > div')).toHaveCount(0);
  expect(await cellFills(page)).toEqual([]);

  // A match the bar would cover (the top right of the view) is not left under it. On the first line
  // of the scrollback, with nothing above to scroll to, the bar moves to the terminal's foot…
  // The width is the terminal's own, counted from a full row it shows: the remote's (stty size)
  // can still be the wider one from before the resize, and a line that wide wraps.
  const firstRow = page.locator('[data-testid="active-terminal"] .xterm-rows > div').first();
  await runLine(page, "clear; printf '%0300d\\n' 0 | tr 0 x");
  await expect(firstRow).toHaveText(/^x+$/);
  const cols = ((await firstRow.textContent()) ?? '').length;
  await runLine(page, `clear; printf "%${cols - 1}s\\n" top-$((6*7))`);
  await waitForTerminalText(page, /^ +top-42$/m);
  const rowsWithoutBar = await rowCount();
  await page.keyboard.press('Control+Shift+F');
  await field.fill('top-42');
  await expect(result).toHaveText('1 of 1');
  await expect(bar).toHaveClass(/\bat-bottom\b/);
  expect(await matchUnderFindBar(page)).toBe(false);
  // The bar floats over the terminal: its rows (so the remote's size) stay as they were.
  expect(await rowCount()).toBe(rowsWithoutBar);
  await page.keyboard.press('Escape');
  // …and with scrollback above, in a view following the output, the view is not scrolled (the
  // prompt stays in sight, output keeps following): the bar steps aside to the foot again.
  await runLine(page, 'set -- $(stty size); seq 101 150; printf "%$(($2-1))s\\n" corner-$((6*7)); seq 201 $((200+$1-2))');
  await waitForTerminalText(page, /^ +corner-42\n(?:2\d\d\n)+[^\n]*[$#] ?$/m);
  const viewRows = page.locator('[data-testid="active-terminal"] .xterm-rows > div');
  const cornerRow = async (): Promise<number> => (await viewRows.allTextContents()).findIndex((t) => t.includes('corner-42'));
  expect(await cornerRow()).toBe(0);
  await page.keyboard.press('Control+Shift+F');
  await field.fill('corner-42');
  await expect(result).toHaveText('1 of 1');
  await expect(bar).toHaveClass(/\bat-bottom\b/);
  expect(await matchUnderFindBar(page)).toBe(false);
  expect(await cornerRow()).toBe(0);
  expect(await rowCount()).toBe(rowsWithoutBar);
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(terminalInput(page)).toBeFocused();
  // Opened and closed twice, the bar never changed the terminal's size, so the remote was sent none
  // (full-screen programs are not made to redraw by a search).
  expect(await rowCount()).toBe(rowsWithoutBar);
});

/** Whether the find bar's box overlaps the active terminal's selection (the match found); throws when nothing is selected. */
async function matchUnderFindBar(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const bar = document.querySelector('.find-bar')?.getBoundingClientRect();
    const cells = [...document.querySelectorAll('[data-testid="active-terminal"] .xterm-selection > div')].map((d) => d.getBoundingClientRect());
    if (bar === undefined || cells.length === 0) throw new Error('no find bar, or no match selected');
    return cells.some((c) => c.left < bar.right && c.right > bar.left && c.top < bar.bottom && c.bottom > bar.top);
  });
}

test('right-click menu: copy, paste through the paste guard, select all, clear; copy on select', async ({ page, context, webHost }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.origin });
  await openDemo(page, webHost.url);
  await openShell(page);
  await runLine(page, 'echo copy-me-$((4+4))');
  await waitForTerminalText(page, /^copy-me-8$/m);
  const term = page.locator('[data-testid="active-terminal"] .xterm-screen');
  // The selection's highlight (xterm's DOM renderer draws it here; selection-redraw.ts filters its redraws).
  const highlight = page.locator('[data-testid="active-terminal"] .xterm-selection > div');

  // Select all + Copy: the clipboard holds the terminal's text.
  await term.click({ button: 'right' });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Copy' })).toBeDisabled();
  await menu.getByRole('menuitem', { name: 'Select all' }).click();
  await expect(highlight).not.toHaveCount(0);
  await term.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Copy' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), quickPoll()).toMatch(/^copy-me-8$/m);
  await expect(terminalInput(page)).toBeFocused();

  // Paste: one line runs at once.
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((5+5))'));
  await page.keyboard.press('Control+c'); // a fresh prompt line for the paste (and clears the selection)
  await expect(highlight).toHaveCount(0);
  await term.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Paste' }).click();
  // The clipboard is read asynchronously: Enter once the pasted command shows on the prompt line.
  await waitForTerminalText(page, /echo pasted-\$\(\(5\+5\)\)$/m);
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^pasted-10$/m);

  // Many lines go through the paste guard, which asks first.
  await page.evaluate(() => navigator.clipboard.writeText(Array.from({ length: 8 }, (_, i) => `echo guarded-${i}`).join('\n')));
  await term.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Paste' }).click();
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('Paste 8 lines?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(terminalInput(page)).toBeFocused();
  expect(await activeText(page)).not.toContain('guarded-0');

  // Clear empties the buffer here; the shell goes on.
  await term.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Clear' }).click();
  await expect.poll(() => activeText(page), quickPoll()).not.toContain('copy-me-8');
  await page.keyboard.type('echo after-clear-$((6+1))');
  await page.keyboard.press('Enter');
  await waitForTerminalText(page, /^after-clear-7$/m);

  // Copy on select: off, a selection leaves the clipboard alone; on, it copies.
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  const selectWord = async (): Promise<void> => {
    // xterm's screen layer takes the pointer: double-click where the output row shows.
    const row = await page.locator('[data-testid="active-terminal"] .xterm-rows > div', { hasText: /^after-clear-7/ }).first().boundingBox();
    if (row === null) throw new Error('the after-clear-7 row is not shown');
    await page.mouse.dblclick(row.x + 5, row.y + row.height / 2);
  };
  await selectWord();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), quickPoll()).toBe('untouched');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const copyOnSelect = settings.getByRole('checkbox', { name: /Copy text to the clipboard when it is selected/ });
  // The box shows the saved setting: it ticks once main has saved it.
  await copyOnSelect.click();
  await expect(copyOnSelect).toBeChecked();
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await selectWord();
  await expect(highlight).not.toHaveCount(0);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), quickPoll()).toMatch(/^after/);
});

test('terminal font from settings: applied to the rows, an unknown font falls back, kept across a reload', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await openShell(page);
  const rows = page.locator('[data-testid="active-terminal"] .xterm-rows');
  // The columns the remote pty has: after a font change the terminal re-fits and tells the shell.
  const colsBefore = (await remoteSizeOfTerminal(page)).cols;
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const font = settings.getByLabel('Terminal font');

  // A wide proportional font makes wider cells: fewer columns fit, and the shell is told.
  await font.fill('DejaVu Serif');
  await font.press('Enter');
  await expect(rows).toHaveCSS('font-family', /^"DejaVu Serif", ui-monospace, "DejaVu Sans Mono"/);
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await expect.poll(async () => (await terminalSize(page))?.cols ?? colsBefore, quickPoll()).toBeLessThan(colsBefore);
  expect((await remoteSizeOfTerminal(page)).cols).toBeLessThan(colsBefore);
  await page.getByRole('button', { name: 'Settings' }).click();

  await font.fill('Liberation Mono');
  await font.press('Enter');
  await expect(rows).toHaveCSS('font-family', /^"Liberation Mono", ui-monospace/);

  // Not a font name: refused with a message, the previous font stays.
  await font.fill('";}');
  await font.press('Enter');
  await expect(settings.getByRole('alert')).toContainText('Enter a font name');
  await expect(rows).toHaveCSS('font-family', /^"Liberation Mono"/);

  // A font this machine does not have: used first, the monospace stack after it, and the terminal still works.
  await font.fill('No Such Font Mono');
  await font.press('Enter');
  await expect(settings.getByRole('alert')).toHaveCount(0);
  await expect(rows).toHaveCSS('font-family', /^"No Such Font Mono", ui-monospace/);
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await runLine(page, 'echo font-$((2+5))');
  await waitForTerminalText(page, /^font-7$/m);

  await page.reload();
  await expect(page.locator('.tab')).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  await expect(rows).toHaveCSS('font-family', /^"No Such Font Mono", ui-monospace/, { timeout: SHELL_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByLabel('Terminal font')).toHaveValue('No Such Font Mono');
});
