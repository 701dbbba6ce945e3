// Issue 18: signing in to IAM Identity Center inside the app, end to end in Chromium against the
// sandbox's SSO OIDC and portal: the expired/missing login shown on the profile's region in plain
// words (no Markdown), "Sign in with SSO", the user code, the verification page opened by the app,
// Allow there, and the region loading with the new credentials. Cancel stops a waiting sign-in.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

// Only a sign-in that is allowed writes under HOME (the SSO token cache): this test alone gets a
// HOME of its own (a process of its own, HostPool). The others cancel before anything is written
// and run in the worker's launcher with its hermetic HOME, like the other sandbox specs.
test.describe('an allowed sign-in', () => {
  test.use({ isolatedHome: true });

  test('sign in with SSO from the error on the region, and the region loads', async ({ page, webHost, context }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openDemo(page, webHost.url);
    const profile = treeRow(page, 'profile', 'porthole-sandbox-sso');
    await expand(profile);
    const region = page.locator('li', { has: profile }).last().locator('.tree-row[data-node-kind="region"]');
    await expand(region);
    const error = page.locator('.tree-error').filter({ hasText: 'The SSO login of profile "porthole-sandbox-sso" is missing or has expired.' });
    await expect(error).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
    await expect(error).toContainText('run aws sso login --profile porthole-sandbox-sso in a terminal');
    await expect(error).not.toContainText('`');

    const opened = context.waitForEvent('page');
    await error.getByRole('button', { name: 'Sign in with SSO' }).click();
    const dialog = page.getByTestId('sso-dialog');
    const code = dialog.getByTestId('sso-user-code');
    await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'sso-dialog-1440.png') });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'sso-dialog-1024.png') });

    // The app opened the verification page with the code: the person checks it and allows.
    const verification = await opened;
    await expect(verification.locator('[data-user-code]')).toHaveText((await code.textContent()) ?? '');
    await verification.getByRole('button', { name: 'Allow' }).click();
    await expect(verification.getByRole('heading', { name: 'Request approved' })).toBeVisible();

    await expect(dialog).toBeHidden({ timeout: SHELL_TIMEOUT_MS });
    await expect(page.locator('.toast')).toContainText('Signed in: porthole-sandbox-sso');
    // isolatedHome: the SDK's token cache path follows the host process's HOME, so the token lands in
    // this test's own folder (the only file there), never in the worker's or the machine's ~/.aws.
    const cache = join(webHost.dataDir, '.aws', 'sso', 'cache');
    const cached = await readdir(cache);
    expect(cached).toEqual([expect.stringMatching(/^[0-9a-f]{40}\.json$/)]);
    expect(JSON.parse(await readFile(join(cache, cached[0] ?? ''), 'utf8'))).toMatchObject({ startUrl: expect.stringMatching(/^https:\/\/porthole-[0-9a-f]+\.awsapps\.com\/start$/) });
    const profileItem = page.locator('li', { has: profile }).last();
    await expect(profileItem.locator('.tree-row[data-node-kind="cluster"]').filter({ hasText: 'demo-web' })).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
    await expect(profileItem.locator('.tree-error')).toHaveCount(0);
  });
});

test('a waiting sign-in can be cancelled from the profile menu dialog', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await treeRow(page, 'profile', 'porthole-sandbox-sso').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Sign in with SSO' }).click();
  const dialog = page.getByTestId('sso-dialog');
  await expect(dialog.getByTestId('sso-user-code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('the sign-in dialog is a titled dialog: the keyboard on Cancel, Tab kept inside, Esc cancels and gives it back', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const profile = treeRow(page, 'profile', 'porthole-sandbox-sso');
  await profile.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Sign in with SSO' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with SSO: porthole-sandbox-sso' });
  await expect(dialog.getByTestId('sso-user-code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const around: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    around.push(await page.evaluate(() => (document.activeElement?.closest('[role="dialog"]') ? (document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent ?? '') : 'OUTSIDE')));
  }
  // In the order on screen: the × in the corner is out of the Tab sequence (Esc closes).
  expect(around).toEqual(['Open the sign-in page', 'Cancel', 'Open the sign-in page']);
  // A click beside it does not cancel a waiting sign-in; Esc does.
  await page.mouse.click(5, 5);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(profile).toBeFocused();
});
