// Quick open narrows as a name is typed. A term not in a target's name was matched against the
// whole of where the target is ("porthole-sandbox · us-east-1 · demo-web · …"), whose letters hold
// almost any short term in order: "bast" (sandBox · us-eAST-1) listed every loaded target under
// bastion, forty rows for one instance. A term now has to match within one of those names.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo } from './porthole-ui.js';

test.use({ sandbox: true });

const palette = (page: Page) => page.getByTestId('palette');
const options = (page: Page) => palette(page).getByRole('option');

test('quick open lists only the targets a typed name fits, and still finds one by its cluster', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await page.keyboard.press('Control+P');
  await page.keyboard.type('bast');
  // Every cluster searched, so the list below is final rather than still filling in.
  await expect(palette(page).getByTestId('palette-search')).toContainText(/Searched (\d+) of \1 clusters/);
  await expect(options(page)).toHaveCount(1);
  await expect(options(page).first()).toContainText('bastion');

  // A term in one name of where a target is still counts: "dmwrk" is demo-workers, "0016" one of its
  // tasks, so of the two batch containers only that task's is listed (the task itself is too).
  await page.keyboard.press('Control+A');
  await page.keyboard.type('batch dmwrk 0016');
  await expect(options(page).filter({ hasText: /^batch/ })).toHaveCount(1);
  await expect(options(page).filter({ hasText: /^batch/ })).toContainText('demo-workers · 0e1f0016');
});
