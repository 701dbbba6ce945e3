// The forward form's Target list marks the targets that cannot take a session now as the tree and
// quick open do (shared/exec-readiness.ts, the instance's SSM status): dimmed, the tree's badge
// after the name, the reason on hover; choosing one says why at once. Before, a lost-contact
// instance, a stopped task's container and an exec-disabled task's container read like any other.
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { openForwardForm } from './forward-ui.js';
import { expand, openDemo, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

const option = (select: Locator, text: RegExp) => select.locator('option').filter({ hasText: text });

test('the Target list marks lost-contact, stopped and exec-disabled targets, and choosing one says why', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  // The containers are listed once the tree has loaded them.
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  await expand(treeRow(page, 'task', /0e1f0011/));
  await expand(treeRow(page, 'task', /0e1f0013/));
  const form = await openForwardForm(page, treeRow(page, 'instance', 'bastion'));
  const select = form.getByLabel('Target', { exact: true });

  const lost = option(select, /^lost-contact — .* · lost$/);
  await expect(lost).toHaveClass(/option-not-ready/);
  await expect(lost).toHaveAttribute('title', 'The SSM agent lost contact with AWS.');
  await expect(option(select, /0e1f0011 · no exec$/)).toHaveClass(/option-not-ready/);
  await expect(option(select, /0e1f0013 · stopped$/)).toHaveClass(/option-not-ready/);
  // A ready target stays unmarked.
  const bastion = option(select, /^bastion — /);
  await expect(bastion).not.toHaveClass(/option-not-ready/);
  await expect(bastion).not.toContainText(' · ');
  await expect(form.getByTestId('forward-target-readiness')).toHaveCount(0);

  await select.selectOption({ label: (await lost.textContent()) ?? '' });
  await expect(form.getByTestId('forward-target-readiness')).toHaveText('The SSM agent lost contact with AWS.');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-target-marks-1440.png') });
  await select.selectOption({ label: (await option(select, /0e1f0011 · no exec$/).textContent()) ?? '' });
  await expect(form.getByTestId('forward-target-readiness')).toContainText('ECS Exec is not enabled for this task');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-target-marks-1024.png') });
});
