// A local port one of Porthole's own forwards already listens on was refused as "in use by another
// program on this computer", which sends people hunting with lsof for a program that is the row
// right there in the Forwards panel. The form now says which of their forwards holds it.
import { expect, test } from '../fixtures/web-host.js';
import { openForwardForm, startForward } from './forward-ui.js';
import { openDemo, revealWebApp, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });

test("a local port another of Porthole's forwards holds is refused naming that forward, with the form kept", async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const ssh = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '22' });
  const port = await ssh.getAttribute('data-local-port');
  expect(port).toMatch(/^\d+$/);

  const form = await openForwardForm(page, await revealWebApp(page));
  const local = form.getByLabel('Local port', { exact: true });
  await local.fill(String(port));
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    `Local port ${port} on 127.0.0.1 is already used by another of your forwards, the one to bastion:22, listed in Forwards. Pick another local port, or leave it empty to let the system pick a free one.`,
  );
  await expect(local).toHaveValue(String(port));
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(1);
});
