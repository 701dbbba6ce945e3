// Helpers for the forward specs: the New port forward dialog opened from a target's menu in the
// tree, and a forward started from it, as most forward specs begin.
import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures/web-host.js';
import { SHELL_TIMEOUT_MS } from './porthole-ui.js';

/** Opens "New port forward" from the context menu of `target` (a tree row) and returns the dialog. */
export async function openForwardForm(page: Page, target: Locator): Promise<Locator> {
  await target.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start port forward…' }).click();
  return page.getByRole('dialog', { name: 'New port forward' });
}

export interface ForwardRequest {
  /** Typed into Remote port. */
  readonly remotePort: string;
  /** Typed into Name when given; the returned row is then the one that shows it. */
  readonly name?: string;
  /** false: "Follow service" unchecked, so the forward stays on the task picked (on by default for a service's container). */
  readonly follow?: boolean;
}

/**
 * Starts a forward on `target` from its menu's dialog and waits until the dialog has closed and
 * the forward listens. Returns its row (with no name: every forward row, for a spec that starts one).
 */
export async function startForward(page: Page, target: Locator, request: ForwardRequest): Promise<Locator> {
  const form = await openForwardForm(page, target);
  await form.getByLabel('Remote port', { exact: true }).fill(request.remotePort);
  if (request.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(request.name);
  if (request.follow === false) await form.getByTestId('forward-follow').uncheck();
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
  const row = request.name === undefined ? page.locator('.forward[data-forward-id]') : page.locator('.forward[data-forward-id]', { hasText: request.name });
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  return row;
}

/**
 * A row's status pill holds the widest state word whole inside its cell: a copy of it that says
 * "reconnecting" stands in for it while measured (a forward is reconnecting only for the moment it
 * takes to start a new session, see forward-session-cut.spec.ts: too briefly to measure it live).
 */
export async function widestStateFits(pill: Locator): Promise<boolean> {
  return pill.evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.textContent = 'reconnecting';
    (p as HTMLElement).style.display = 'none';
    p.before(copy);
    const cell = p.closest('td');
    const fits = cell !== null && copy.scrollWidth <= copy.clientWidth && copy.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5;
    copy.remove();
    (p as HTMLElement).style.display = '';
    return fits;
  });
}

/** Opens "Edit port forward" from a forward's row (its Edit… button, ✎ in a narrow panel) and returns the dialog. */
export async function openEditForm(page: Page, row: Locator): Promise<Locator> {
  await row.getByRole('button', { name: 'Edit forward' }).click();
  const form = page.getByRole('dialog', { name: 'Edit port forward' });
  await expect(form).toBeVisible();
  return form;
}
