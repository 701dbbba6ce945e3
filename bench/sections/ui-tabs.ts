// Driving the Porthole page for the UI bench: reveal the demo world's web container in the
// target tree, open shell tabs on it, start the floods. Selectors are the renderer's own
// (tree rows carry data-node-kind, tabs carry data-state).
import type { Locator, Page } from 'playwright-core';

export const UI_TABS = {
  /** Sandbox shells start real ptys on a loaded 2-core machine: generous, never a target. */
  SHELL_TIMEOUT_MS: 60_000,
  /** Eight floods reaching their first 256 KiB each, while sharing two cores. */
  FLOOD_TIMEOUT_MS: 90_000,
  /** Alternating floods: line-oriented text, and long random lines. */
  FLOOD_COMMANDS: ['yes', 'base64 /dev/urandom'],
} as const;

interface PageHook {
  __portholeTest: { text(sessionId: string): string | null; sessionIds(): string[]; parsedBytes(sessionId: string): number };
}

function treeRow(page: Page, kind: string, label: RegExp): Locator {
  return page.locator(`.tree-row[data-node-kind="${kind}"]`).filter({ has: page.locator('.tree-label', { hasText: label }) });
}

async function expand(row: Locator): Promise<void> {
  await row.waitFor({ timeout: UI_TABS.SHELL_TIMEOUT_MS });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Waits until the first `count` tabs' shells are connected and have printed a prompt. */
async function waitForShells(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => {
      const hook = (globalThis as unknown as PageHook).__portholeTest;
      const ids = hook.sessionIds();
      return ids.length >= n && ids.slice(0, n).every((id) => /[$#]$/.test((hook.text(id) ?? '').trimEnd()));
    },
    count,
    { timeout: UI_TABS.SHELL_TIMEOUT_MS, polling: 250 },
  );
  return page.evaluate(() => (globalThis as unknown as PageHook).__portholeTest.sessionIds());
}

/** demo-web → web → first task → container `app`, opened in one tab; returns the container row. */
export async function openIdleTab(page: Page): Promise<Locator> {
  await expand(treeRow(page, 'cluster', /^demo-web$/));
  await expand(treeRow(page, 'service', /^web$/));
  const task = treeRow(page, 'task', /0001/);
  await expand(task);
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').filter({ hasText: /^app/ });
  await container.waitFor({ timeout: UI_TABS.SHELL_TIMEOUT_MS });
  await container.dblclick();
  await waitForShells(page, 1);
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  return container;
}

/** Opens `count` more shell tabs on the container; returns their session ids. */
export async function openTabs(page: Page, container: Locator, count: number): Promise<string[]> {
  const before = (await page.evaluate(() => (globalThis as unknown as PageHook).__portholeTest.sessionIds())).length;
  for (let i = 0; i < count; i++) await container.dblclick();
  const ids = await waitForShells(page, before + count);
  return ids.slice(before, before + count);
}

/** Starts a flood in every tab after the first, in order, so the last one started is showing. */
export async function startFloods(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await page.locator('.tab').nth(i + 1).click();
    await page.locator('[data-testid="active-terminal"] .xterm').click();
    await page.keyboard.type(UI_TABS.FLOOD_COMMANDS[i % UI_TABS.FLOOD_COMMANDS.length] ?? 'yes');
    await page.keyboard.press('Enter');
  }
}

/** Waits until every flooding session's xterm has parsed at least `bytes`. */
export async function waitForFloods(page: Page, ids: readonly string[], bytes: number): Promise<void> {
  await page.waitForFunction(
    ({ sessions, min }) => sessions.every((id) => (globalThis as unknown as PageHook).__portholeTest.parsedBytes(id) > min),
    { sessions: [...ids], min: bytes },
    { timeout: UI_TABS.FLOOD_TIMEOUT_MS, polling: 500 },
  );
}
