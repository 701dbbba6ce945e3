// "Refresh everything" says it is running (the ↻ and the tree aria-busy, a line in the tree's header)
// and then that it finished. Before, the button gave no sign it had done anything. A refresh under
// which a region could not be listed says so (warn tone, the region's error in the tooltip), rather
// than "Refreshed" above a region in error.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, sandboxAdminHeaders, sandboxEndpoint } from './porthole-ui.js';

test.use({ sandbox: true });

test('Refresh everything shows it is busy, then that it finished', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const button = page.getByRole('button', { name: 'Refresh everything' });
  const status = page.getByTestId('refresh-status');
  await expect(status).toHaveText('');
  // Every value aria-busy takes on the button and the tree, however quickly the sandbox answers.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { busySeen: string[] }).busySeen = seen;
    const watch = (el: Element | null, name: string): void => {
      if (el === null) throw new Error(`no ${name}`);
      new MutationObserver(() => seen.push(`${name}:${el.getAttribute('aria-busy')}`)).observe(el, { attributes: true, attributeFilter: ['aria-busy'] });
    };
    watch(document.querySelector('button[aria-label="Refresh everything"]'), 'button');
    watch(document.querySelector('[role="tree"]'), 'tree');
  });
  const firstRow = page.locator('.tree-row').first();
  const rowTop = (await firstRow.boundingBox())?.y;
  await button.click();
  await expect(status).toHaveText(/^Refreshed at \d\d:\d\d:\d\d$/);
  await expect(button).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('tree', { name: 'AWS targets' })).toHaveAttribute('aria-busy', 'false');
  const seen = await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen);
  expect(seen.filter((s) => s.startsWith('button:'))).toEqual(['button:true', 'button:false']);
  expect(seen.filter((s) => s.startsWith('tree:'))).toEqual(['tree:true', 'tree:false']);
  // Said in the header: no row of the tree moved for it.
  expect((await firstRow.boundingBox())?.y).toBe(rowTop);
  // The button tells a screen reader where its outcome is said.
  await expect(button).toHaveAccessibleDescription(/^Refreshed at /);
});

test('Refresh everything under which the open region cannot be listed says it did not all work, and why', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const status = page.getByTestId('refresh-status');
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const deny = { rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }, { operation: 'ssm.DescribeInstanceInformation', answer: 'access-denied' }] };
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: deny })).ok()).toBe(true);
  try {
    await page.getByRole('button', { name: 'Refresh everything' }).click();
    await expect(status).toHaveText(/^Refreshed with 1 problem at \d\d:\d\d:\d\d$/);
    await expect(status).toHaveClass(/\btone-warn\b/);
    await expect(status).toHaveAttribute('title', /^Refreshed with 1 problem at [0-9:]+\. First: \S.+/);
  } finally {
    expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [] } })).ok()).toBe(true);
  }
  await page.getByRole('button', { name: 'Refresh everything' }).click();
  await expect(status).toHaveText(/^Refreshed at /);
  await expect(status).not.toHaveClass(/\btone-warn\b/);
});
