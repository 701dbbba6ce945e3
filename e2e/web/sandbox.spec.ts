// With the sandbox on (what a machine without AWS credentials gets), the app says so and lists
// the sandbox's profile from the real inventory service.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';

test.use({ sandbox: true });

test('the web host starts the sandbox and the UI shows it', async ({ page, webHost }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(webHost.url);
  await expect(page.getByTestId('app-sandbox')).toContainText(/^sandbox http:\/\/127\.0\.0\.1:\d+/);
  await expect(page.getByRole('treeitem').first()).toContainText('sandbox');
  // The banner says plainly where sandbox shells run (bubblewrap is installed on CI and here).
  const shells = page.getByTestId('sandbox-shells');
  await expect(shells).toHaveAttribute('data-shells', 'confined');
  await expect(shells).toContainText('run on this computer, as you, confined by bubblewrap');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui-sandbox.png') });
});
