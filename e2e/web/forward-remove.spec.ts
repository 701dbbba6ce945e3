// QA: removing a forward that carries open connections asks first, naming the forward and how
// many connections go with it; Cancel keeps it listening (and the connection open), the confirm
// button removes it and cuts the connection. With no connection open, ✕ removes without a question.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, revealWebApp } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 180_000 });

/** A forward named `name` to the web app's port 8080, listening. */
async function startWebForward(page: Page, name: string): Promise<Locator> {
  return startForward(page, await revealWebApp(page), { remotePort: '8080', name });
}

/** A real TCP client that keeps its connection open (an HTTP/1.1 request that asks to keep alive). */
function openClient(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
      resolve({ socket, closed });
    });
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    // Read what arrives, so the forward's FIN is seen (a paused socket never emits end or close).
    socket.on('data', () => undefined);
    socket.on('error', (err) => reject(err));
  });
}

test('✕ on a forward with an open connection asks first; Cancel keeps it, confirm removes it and cuts the connection', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startWebForward(page, 'web admin');
  const port = Number(await row.getAttribute('data-local-port'));
  const client = await openClient(port);
  let cut = false;
  void client.closed.then(() => (cut = true));
  try {
    await expect(row.getByTestId('forward-connections')).toHaveText('1', { timeout: 30_000 });

    await row.getByRole('button', { name: 'Remove forward' }).click();
    const question = page.getByRole('alertdialog', { name: 'Remove “web admin”?' });
    await expect(question).toBeVisible();
    await expect(question).toContainText('1 connection is open through it. Removing the forward cuts it and frees its local port.');
    await expect(question.getByRole('button', { name: 'Remove and cut 1 connection' })).toBeVisible();
    // The safe answer has the keyboard.
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-remove-1440.png') });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'qa-forward-remove-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(row).toHaveAttribute('data-state', 'listening');
    await expect(row.getByTestId('forward-connections')).toHaveText('1');
    expect(cut).toBe(false);

    await row.getByRole('button', { name: 'Remove forward' }).click();
    await question.getByRole('button', { name: 'Remove and cut 1 connection' }).click();
    await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);
    // The connection goes with it.
    await expect.poll(() => cut, quickPoll(30_000)).toBe(true);
  } finally {
    client.socket.destroy();
  }
});

test('✕ on a forward with no open connection removes it without a question', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const row = await startWebForward(page, 'quiet');
  await expect(row.getByTestId('forward-connections')).toHaveText('0');
  await row.getByRole('button', { name: 'Remove forward' }).click();
  await expect(page.locator('.forward[data-forward-id]')).toHaveCount(0);
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
});
