// The Forwards panel with five forwards of every kind (short and long hosts, listening, stopped,
// refusing connections, failed): at 700×640 (the panel ~400 px beside the docked tree) each
// forward shows its lines whole or ellipsized with a tooltip, nothing hides under the actions,
// and "New forward…" stays in view however far the list scrolls; at 1440×900 and 1024×640 a
// remote host that fits (orders-primary.db.internal:5432) is not cut, and one that does not keeps
// its first label and its port; at every size no status word, address or action is cut, the
// Stop/Start buttons line up and live rates do not move anything.
import type { Locator, Page } from '@playwright/test';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { fixedLocalPort } from './fixed-port.js';
import { openForwardForm, widestStateFits } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 240_000 });

const LONG_HOST = 'sessions-cache-eu-west-1.abc123.ng.0001.euw1.cache.amazonaws.com';

interface NewForward {
  readonly from: () => Promise<Locator>;
  readonly port: string;
  readonly host?: string;
  readonly name?: string;
  readonly local?: string;
}

async function addForward(page: Page, f: NewForward): Promise<void> {
  const form = await openForwardForm(page, await f.from());
  await form.getByLabel('Remote port', { exact: true }).fill(f.port);
  if (f.local !== undefined) await form.getByLabel('Local port', { exact: true }).fill(f.local);
  if (f.host !== undefined) {
    await form.getByText('Forward to another host reachable from the target').click();
    await form.getByLabel('Remote host', { exact: true }).fill(f.host);
  }
  if (f.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(f.name);
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
}

/** A real client to a forward whose destination refuses: resolves once the forward closes it. */
function connectAndWaitForClose(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('hello?\n'));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The box lies wholly inside the other, both ways (null: the element was not there). */
function expectBoxInside(o: Box | null, b: Box | null, what: string): void {
  expect(o, what).not.toBeNull();
  expect(b, what).not.toBeNull();
  if (o === null || b === null) return;
  expect(b.width, `${what} has no width`).toBeGreaterThan(0);
  expect(b.x, `${what} starts left of its panel`).toBeGreaterThanOrEqual(o.x - 0.5);
  expect(b.x + b.width, `${what} ends right of its panel`).toBeLessThanOrEqual(o.x + o.width + 0.5);
  expect(b.y, `${what} starts above its panel`).toBeGreaterThanOrEqual(o.y - 0.5);
  expect(b.y + b.height, `${what} ends below its panel`).toBeLessThanOrEqual(o.y + o.height + 0.5);
}

/** The element's box lies wholly inside the other's, both ways. */
async function expectInside(outer: Locator, el: Locator, what: string): Promise<void> {
  expectBoxInside(await outer.boundingBox(), await el.boundingBox(), what);
}

/** The parts of a forward's row whose boxes the layout checks compare, at one size. */
const ROW_PARTS = ['.state-pill', '[data-testid="forward-address"]', '[data-testid="forward-remote-port"]', '.forward-remote-head'] as const;

interface RowBoxes {
  readonly panel: Box | null;
  /** The actions cell (`td.forward-actions`) and each of its buttons. */
  readonly actionsCell: Box | null;
  readonly buttons: readonly Box[];
  /** ROW_PARTS' boxes, in that order. */
  readonly parts: readonly (Box | null)[];
  /** The row's second line, and whether its text, if cut, is whole in a tooltip. */
  readonly sub: Box | null;
  readonly subCutHasTooltip: boolean;
}

/**
 * Every box one size's checks of a row compare, read in one go (a round trip per box made these
 * checks most of the test's time). An element is null unless exactly one matches, as a locator's
 * boundingBox would throw on two or find none; a hidden one has no width, which the checks refuse.
 */
async function rowBoxes(row: Locator): Promise<RowBoxes> {
  return row.evaluate((el, parts) => {
    const boxOf = (e: Element | null | undefined): { x: number; y: number; width: number; height: number } | null => {
      if (e === null || e === undefined) return null;
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const only = (root: ParentNode, selector: string): Element | null => {
      const found = root.querySelectorAll(selector);
      return found.length === 1 ? (found[0] ?? null) : null;
    };
    const sub = only(el, '.forward-sub');
    let subCutHasTooltip = true;
    if (sub !== null && sub.scrollWidth > sub.clientWidth) {
      const holder = sub.closest('[title]');
      subCutHasTooltip = holder !== null && (holder.getAttribute('title') ?? '').includes((sub.textContent ?? '').trim());
    }
    return {
      panel: boxOf(only(document, '[data-testid="bottom-panel"]')),
      actionsCell: boxOf(only(el, 'td.forward-actions')),
      buttons: [...el.querySelectorAll('.forward-actions button')].map((b) => boxOf(b) ?? { x: 0, y: 0, width: 0, height: 0 }),
      parts: parts.map((part) => boxOf(only(el, part))),
      sub: boxOf(sub),
      subCutHasTooltip,
    };
  }, [...ROW_PARTS]);
}

/**
 * The element's text fits its box to the fraction of a pixel (scrollWidth and clientWidth are
 * whole pixels, and an ellipsis shows for a text a tenth of a pixel too wide): its text set in
 * its own font, against its box.
 */
async function fitsExactly(el: Locator): Promise<boolean> {
  return el.evaluate((e) => {
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${getComputedStyle(e).font}`;
    probe.textContent = e.textContent;
    document.body.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    return needed > 0 && needed <= e.getBoundingClientRect().width;
  });
}

/** Boxes of every button and number of each row, rounded to the pixel. */
async function rowGeometry(rows: Locator): Promise<string> {
  return JSON.stringify(
    await rows.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('button, .num, .forward-remote, .state-pill')].map((e) => {
        const r = e.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
      })),
    ),
  );
}

test('five forwards of every kind read whole or with a tooltip at 700, 1024 and 1440 wide; New forward… stays in reach', async ({ page, webHost, request }) => {
  // A fixed local port that is taken when the forward starts again: the forward fails. Out of the
  // ephemeral range, so no automatic bind on the machine takes it before the forward does (fixed-port.ts).
  const taken = await fixedLocalPort();
  await openDemo(page, webHost.url);
  const app = (): Promise<Locator> => revealWebApp(page);
  const bastion = (): Promise<Locator> => Promise.resolve(treeRow(page, 'instance', 'bastion'));
  await addForward(page, { from: app, port: '8080' });
  await addForward(page, { from: bastion, port: '5432', host: 'orders-primary.db.internal', name: 'orders primary' });
  await addForward(page, { from: bastion, port: '6379', host: LONG_HOST, name: 'session cache (eu-west-1 replica group)' });
  await addForward(page, { from: app, port: '9999' });
  await addForward(page, { from: app, port: '9000', local: String(taken) });
  const rows = page.locator('.forward[data-forward-id]');
  await expect(rows).toHaveCount(5);
  for (const i of [0, 1, 2, 3, 4]) await expect(rows.nth(i)).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await connectAndWaitForClose(Number(await rows.nth(3).getAttribute('data-local-port')));
  await expect(rows.nth(3).getByTestId('forward-problem')).toContainText('Nothing is listening on app:9999.', { timeout: SHELL_TIMEOUT_MS });
  await rows.nth(2).getByRole('button', { name: 'Stop' }).click();
  await rows.nth(4).getByRole('button', { name: 'Stop' }).click();
  await expect(rows.nth(4)).toHaveAttribute('data-state', 'stopped', { timeout: SHELL_TIMEOUT_MS });
  const blocker = createServer();
  await listen(blocker, taken);
  try {
    await rows.nth(4).getByRole('button', { name: /^Start forward / }).click();
    await expect(rows.nth(4)).toHaveAttribute('data-state', 'failed', { timeout: SHELL_TIMEOUT_MS });
  } finally {
    blocker.close();
  }
  await expect(rows.nth(2)).toHaveAttribute('data-state', 'stopped', { timeout: SHELL_TIMEOUT_MS });
  await rows.nth(1).getByRole('button', { name: 'Save' }).click();
  await expect(rows.nth(1).locator('.forward-save')).toHaveAttribute('aria-pressed', 'true');
  // A saved forward with no row in the table is listed under Saved: one saved, then removed.
  await addForward(page, { from: bastion, port: '5432', host: 'orders-primary.db.internal', name: 'orders primary kept' });
  await rows.nth(5).getByRole('button', { name: 'Save' }).click();
  await expect(rows.nth(5).locator('.forward-save')).toHaveAttribute('aria-pressed', 'true');
  await rows.nth(5).getByRole('button', { name: 'Remove forward' }).click();
  await expect(rows).toHaveCount(5);
  await expect(page.locator('.forward.saved')).toHaveCount(1);

  const panel = page.getByTestId('bottom-panel');
  const newForward = page.getByTestId('new-forward');
  // 1440×900: a host that fits is whole, with its port and what it goes through.
  const primary = rows.nth(1).getByTestId('forward-remote');
  // (Each part of it: the host's own box shrinks its parts rather than overflow.)
  for (const part of ['.forward-remote-head', '.forward-remote-rest', '[data-testid="forward-remote-port"]']) expect(await fitsExactly(primary.locator(part)), `${part} of orders-primary.db.internal`).toBe(true);
  await expect(primary.locator('.forward-remote-host')).toHaveText('orders-primary.db.internal');
  // One that does not fit keeps its first label and its port whole; the whole of it is in the tooltip.
  const long = rows.nth(2);
  await expect(long.getByTestId('forward-remote')).toHaveAttribute('aria-label', `${LONG_HOST}:6379 via bastion`);
  await expect(long.locator('td.forward-destination')).toHaveAttribute('title', new RegExp(`${LONG_HOST.replace(/\./g, '\\.')}:6379 via bastion`));
  for (const part of ['.forward-remote-head', '[data-testid="forward-remote-port"]']) expect(await fitsExactly(long.locator(part)), `${part} of the long host is cut`).toBe(true);
  await expect(long.locator('.forward-remote-head')).toHaveText('sessions-cache-eu-west-1');

  for (const [width, height] of [[1440, 900], [1024, 640], [700, 640]] as const) {
    await page.setViewportSize({ width, height });
    await rows.nth(0).scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-forwards-layout-${width}-top.png`) });
    // Scrolled to the end of the list (the saved forward), the button to add one is still in view.
    await page.locator('.forward.saved').scrollIntoViewIfNeeded();
    await expectInside(panel, newForward, `New forward… at ${width}`);
    await newForward.click();
    await page.getByRole('dialog', { name: 'New port forward' }).getByRole('button', { name: 'Close new forward' }).click();
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-forwards-layout-${width}.png`) });
    // The saved forward says where it goes, whole or with its start shown (the name gives way first).
    const savedTo = page.locator('.forward.saved .forward-saved-main > .muted');
    expect(await savedTo.evaluate((el) => el.clientWidth), `saved destination at ${width}`).toBeGreaterThan(100);
    // 1024 and 1440: "To" has room for orders-primary.db.internal:5432 whole (at 1024 it was cut to "orders-…:5432").
    if (width !== 700) {
      for (const part of ['.forward-remote-head', '.forward-remote-rest', '[data-testid="forward-remote-port"]']) {
        expect(await fitsExactly(primary.locator(part)), `${part} of orders-primary.db.internal at ${width}`).toBe(true);
      }
    }
    for (let i = 0; i < 5; i += 1) {
      const row = rows.nth(i);
      await row.scrollIntoViewIfNeeded();
      // A status word is never cut, "reconnecting" included; the address and the actions are whole.
      expect(await widestStateFits(row.locator('.state-pill')), `row ${i} status pill cannot hold "reconnecting" at ${width}`).toBe(true);
      expect(await row.getByTestId('forward-address').evaluate((el) => el.scrollWidth <= el.clientWidth), `row ${i} address cut at ${width}`).toBe(true);
      const boxes = await rowBoxes(row);
      // (Open was cut to ")pen" at 1440: the actions overflowed their cell to the left, under Conns.)
      expect(boxes.buttons.length, `row ${i} actions at ${width}`).toBeGreaterThan(0);
      for (const button of boxes.buttons) expectBoxInside(boxes.actionsCell, button, `row ${i} action in its cell at ${width}`);
      // Every part of the row is inside the panel (none under another, none past its edge), and
      // what is cut says all of it in a tooltip.
      ROW_PARTS.forEach((part, p) => expectBoxInside(boxes.panel, boxes.parts[p] ?? null, `row ${i} ${part} at ${width}`));
      expectBoxInside(boxes.panel, boxes.sub, `row ${i} second line at ${width}`);
      expect(boxes.subCutHasTooltip, `row ${i} second line cut without a tooltip at ${width}`).toBe(true);
      // Nothing of the second line hides under the actions.
      const { actionsCell: actions, sub: subBox } = boxes;
      if (actions !== null && subBox !== null && subBox.y < actions.y + actions.height) expect(subBox.x + subBox.width, `row ${i} second line under the actions at ${width}`).toBeLessThanOrEqual(actions.x + 0.5);
      for (const button of boxes.buttons) expectBoxInside(boxes.panel, button, `row ${i} action at ${width}`);
    }
    // Stop and Start line up from row to row: same left and right edges.
    const toggles = await rows.locator('.forward-actions').getByRole('button', { name: /^(Stop|Start) forward / }).evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return `${Math.round(r.left)}-${Math.round(r.right)}`; }));
    expect(new Set(toggles).size, `Stop/Start at ${width}: ${toggles.join(' ')}`).toBe(1);
  }

  // Live rates change, nothing in the rows moves.
  await page.setViewportSize({ width: 1440, height: 900 });
  await rows.nth(0).scrollIntoViewIfNeeded();
  const before = await rowGeometry(rows);
  const port = Number(await rows.nth(0).getAttribute('data-local-port'));
  let busy = true;
  const pump = (async () => {
    while (busy) await request.get(`http://127.0.0.1:${port}/large?bytes=2000000`, { timeout: SHELL_TIMEOUT_MS }).catch(() => undefined);
  })();
  try {
    await expect(rows.nth(0).getByTestId('forward-rate-down')).toHaveText(/^[\d.]+ (kB|MB)\/s$/, { timeout: 30_000 });
    expect(await rowGeometry(rows)).toBe(before);
  } finally {
    busy = false;
    await pump;
  }
});
