// The forwards table's rate cells at 1024×640 (the panel is narrow there): a live rate is read
// whole in both directions, and so are the column heads.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true, viewport: { width: 1024, height: 640 } });
test.describe.configure({ timeout: 120_000 });

test('at 1024×640 the ↑ and ↓ rates of a busy forward and their heads are whole', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, await revealWebApp(page), { remotePort: '8080' });
  await expect(page.getByTestId('forwards')).toHaveAttribute('data-narrow', 'true');
  const port = Number(await row.getAttribute('data-local-port'));
  const rates = row.locator('.forward-main td.num');
  // Keep data flowing until a download rate in kB/s or more shows.
  let busy = true;
  const pump = (async () => {
    while (busy) await request.get(`http://127.0.0.1:${port}/large?bytes=2000000`, { timeout: SHELL_TIMEOUT_MS }).catch(() => undefined);
  })();
  try {
    await expect(rates.nth(1)).toHaveText(/^[\d.]+ (kB|MB)\/s$/, { timeout: 30_000 });
    const cells = await rates.evaluateAll((els) => els.map((el) => ({ text: el.textContent, client: el.clientWidth, scroll: el.scrollWidth })));
    for (const c of cells) expect(c.scroll, `rate cell "${c.text}" is cut`).toBeLessThanOrEqual(c.client);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-rates-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(page.getByTestId('forwards')).not.toHaveAttribute('data-narrow', /.*/);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-rates-1440.png') });
    await page.setViewportSize({ width: 1024, height: 640 });
  } finally {
    busy = false;
    await pump;
  }
  // Any rate formatRate can give fits, not just the one this run reached: the widest texts, set
  // in the cell's own font, against the room inside its padding.
  const room = await rates.first().evaluate((el, texts) => {
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${style.font};font-variant-numeric:${style.fontVariantNumeric}`;
    document.body.append(probe);
    const widest = Math.max(...texts.map((t) => ((probe.textContent = t), probe.getBoundingClientRect().width)));
    probe.remove();
    return { widest, inside: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
  }, ['999 B/s', '999 kB/s', '99.9 kB/s', '9.99 MB/s', '99.9 MB/s', '999 MB/s', '9.99 GB/s']);
  expect(room.widest).toBeLessThanOrEqual(room.inside);
  const heads = page.locator('.forwards-table thead th.num');
  const headCells = await heads.evaluateAll((els) => els.map((el) => ({ text: el.textContent, client: el.clientWidth, scroll: el.scrollWidth })));
  for (const c of headCells) expect(c.scroll, `head "${c.text}" is cut`).toBeLessThanOrEqual(c.client);
});
