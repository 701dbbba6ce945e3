// A malformed ~/.aws/config no longer hides a profile silently: after Refresh, a notice above the
// profiles says which line, what it means for which profile and how to fix it, in full; the
// profiles that could be read stay in the tree; the keyboard reaches the notice; fixing the file
// and refreshing clears it. The host reads AWS_CONFIG_FILE from its throwaway folder (HOME too).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/web-host.js';
import { treeRow } from './porthole-ui.js';

test.use({ isolatedHome: true });

/** e2e/fixtures/web-host.ts points AWS_CONFIG_FILE here. */
const CONFIG_NAME = 'no-aws-config';

const BROKEN = '[default]\nregion = us-east-1\n\n[profile prod\nregion = eu-west-1\n\n[profile ok]\nregion = us-west-2\noutput json\n';
const FIXED = BROKEN.replace('[profile prod\n', '[profile prod]\n').replace('output json', 'output = json');

test('a header without its ] is named in a notice above the profiles until the file is fixed', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(webHost.url);
  await expect(page.getByTestId('tree')).toHaveText('No AWS profiles found.');
  const configFile = join(webHost.dataDir, CONFIG_NAME);
  await writeFile(configFile, BROKEN);
  await page.getByRole('button', { name: 'Refresh everything' }).click();

  const notice = page.getByRole('status', { name: 'Problems in the AWS config files' });
  await expect(notice.locator('summary')).toHaveText('⚠ 2 problems in your AWS config files. Affects profiles prod and ok.');
  const findings = notice.getByTestId('config-finding');
  await expect(findings).toHaveText([
    `~/${CONFIG_NAME} line 4: '[profile prod' has no closing ']'; profile prod is not listed, and 'region' under it (line 5) goes to profile default instead. Write '[profile prod]'.`,
    `~/${CONFIG_NAME} line 9: the line starting 'output' has no '='; it is ignored, so profile ok does not get 'output'. Write it as 'output = value'.`,
  ]);
  // The profiles that could be read are still there; the one missing a setting is marked.
  await expect(treeRow(page, 'profile', 'default')).toBeVisible();
  await expect(treeRow(page, 'profile', 'prod')).toHaveCount(0);
  await expect(treeRow(page, 'profile', 'ok').getByTestId('tree-config-marker')).toHaveAttribute('aria-label', '1 problem in the AWS config files, listed above the profiles');
  await expect(treeRow(page, 'profile', 'default').getByTestId('tree-config-marker')).toHaveCount(0);
  // Nothing cut, at 1440×900 and 1024×640: each finding wraps inside the pane.
  const fits = (): Promise<boolean> => findings.evaluateAll((els) => els.every((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= (el.closest('nav')?.getBoundingClientRect().right ?? 0)));
  expect(await fits()).toBe(true);
  await page.setViewportSize({ width: 1024, height: 640 });
  expect(await fits()).toBe(true);

  // The keyboard: Tab from the filter reaches the notice, Enter closes and opens it.
  await page.getByRole('searchbox', { name: 'Filter targets' }).focus();
  await page.keyboard.press('Tab');
  await expect(notice.locator('summary')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(findings.first()).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(findings.first()).toBeVisible();

  // Fixed and refreshed: the notice goes, profile prod comes.
  await writeFile(configFile, FIXED);
  await page.getByRole('button', { name: 'Refresh everything' }).click();
  await expect(treeRow(page, 'profile', 'prod')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('tree-config-marker')).toHaveCount(0);
});
