// When Porthole's services cannot start, the window says so once, with the reason, in place of a
// layout where every pane would repeat it and the empty tree would look like an account without
// targets. The Electron host keeps its window up in that case (app/electron/start.ts); this runs
// the same renderer behind a web host whose composition throws (testing/web/failing-host.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot } from '../fixtures/web-host.js';

const REASON = "EACCES: permission denied, mkdir '/home/ana/.config/porthole'";
const URL_PATTERN = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/;
/** Starting a Node process has taken several seconds on a loaded 2-core machine. */
const START_TIMEOUT_MS = 60_000;

test('a start that failed shows its reason once, and nothing that looks like an empty account', async ({ page }) => {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'testing', 'web', 'failing-host.js'), '--reason', REASON], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the failing host printed no URL:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = URL_PATTERN.exec(output);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
    });
    for (const [width, height] of [
      [1440, 900],
      [1024, 640],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(url);
      const failed = page.getByTestId('start-failed');
      await expect(failed.getByRole('alert')).toContainText('Porthole could not start.');
      await expect(failed).toContainText(REASON);
      // Said once: not again in the tree, toasts or the status bar, which are not shown.
      expect(await page.getByText(REASON).count()).toBe(1);
      await expect(page.getByTestId('tree')).toHaveCount(0);
      await expect(page.getByText('No open sessions.')).toHaveCount(0);
      // The whole reason is readable: not cut at the window's edge.
      const box = await failed.getByText(REASON).boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width).toBe(true);
      await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `start-failed-${width}.png`) });
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});
