// A forward saved before a remote host with a port in it (db.internal:5432) was refused: after a
// restart of Porthole it is still in the Saved list, beside the others, saying why it cannot start
// and what to do, its Start disabled; Forget takes it away.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/web-host.js';
import { openDemo } from './porthole-ui.js';

test.use({ sandbox: true, ownHostProcess: true });

const target = { kind: 'instance', profile: 'sandbox', region: 'eu-west-1', instanceId: 'i-0a1b2c3d4e5f60002' };
const spec = { target, remotePort: 5432, bindAddress: '127.0.0.1', autoRestart: false };

test('an old saved forward with a port in its remote host loads with its problem on the row, Start disabled', async ({ page, webHost }) => {
  const saved = [
    { savedId: 'good', spec: { ...spec, localPort: 15432, remoteHost: 'db.internal', name: 'good db' }, savedAt: 1 },
    { savedId: 'pasted', spec: { ...spec, localPort: 15433, remoteHost: 'db.internal:5432', name: 'pasted db' }, savedAt: 2 },
  ];
  await writeFile(join(webHost.dataDir, 'forwards.json'), JSON.stringify({ version: 2, saved }));
  const next = await webHost.restart();
  await openDemo(page, next.url);
  await page.getByRole('tab', { name: 'Forwards' }).click();

  const rows = page.locator('.forward.saved');
  await expect(rows).toHaveCount(2);
  const pasted = rows.filter({ hasText: 'pasted db' });
  await expect(pasted.getByTestId('forward-saved-problem')).toHaveText(
    'Cannot start: The remote host has a port in it (db.internal:5432): use db.internal as the remote host and 5432 as the remote port. Forget it and add it again that way.',
  );
  await expect(pasted.getByRole('button', { name: 'Start' })).toBeDisabled();
  const good = rows.filter({ hasText: 'good db' });
  await expect(good.getByTestId('forward-saved-problem')).toHaveCount(0);
  await expect(good.getByRole('button', { name: 'Start' })).toBeEnabled();

  await pasted.getByRole('button', { name: 'Forget' }).click();
  await expect(rows).toHaveCount(1);
});
