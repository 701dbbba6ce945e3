// Whether every terminal on show is fitted to its pane: xterm's grid fills the pane but for less
// than one cell and the scrollbar. The fit is debounced after a resize, so callers poll.
import type { Page } from '@playwright/test';
import { expect } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';

/**
 * How far a fitted terminal's grid may fall short of its pane: under one cell and the scrollbar
 * (about 9 + 10 px wide, 17 px tall here). A terminal not yet fitted after a resize between
 * 1440×900 and 1024×640 is off by hundreds of pixels, or larger than its pane.
 */
const FIT_SLACK_PX = 48;

/** Every shown terminal's grid lies inside its pane and falls short of it by less than FIT_SLACK_PX each way. */
export function terminalsFitted(page: Page): Promise<boolean> {
  return page.evaluate(
    (slack) =>
      [...document.querySelectorAll<HTMLElement>('.terminal-slot:not([hidden]) .xterm-container')].every((pane) => {
        const grid = pane.querySelector('.xterm-screen')?.getBoundingClientRect();
        if (grid === undefined || pane.clientWidth === 0) return true;
        const [w, h] = [pane.clientWidth - grid.width, pane.clientHeight - grid.height];
        return w >= 0 && w < slack && h >= 0 && h < slack;
      }),
    FIT_SLACK_PX,
  );
}

/** Waits until every shown terminal is fitted to its pane again (after a resize). */
export async function expectTerminalsFitted(page: Page): Promise<void> {
  await expect.poll(() => terminalsFitted(page), { ...quickPoll(), message: 'the terminals are fitted to their panes after the resize' }).toBe(true);
}
