// Issue 8, responsiveness: eight tabs flooding at once (`yes` and `base64 /dev/urandom`) leave
// the UI usable: tabs switch, every flood stops on Ctrl-C and each shell answers again. Frame
// times are written to e2e/artifacts for reading, never asserted (timing belongs in benchmarks).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { activeSessionId, openDemo, revealWebApp, SHELL_TIMEOUT_MS, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 600_000 });

const TABS = 8;
/** Each flood must have produced this much parsed output before the checks start. */
const FLOOD_BYTES = 256 * 1024;
/** How long frame times are sampled while everything floods. */
const SAMPLE_MS = 3000;

test('eight flooding tabs keep the UI usable and every Ctrl-C works', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const app = await revealWebApp(page);
  const ids: string[] = [];
  for (let i = 0; i < TABS; i++) {
    await app.dblclick();
    await expect(page.locator('.tab')).toHaveCount(i + 1);
    await waitForShell(page);
    ids.push((await activeSessionId(page)) ?? '');
  }
  expect(new Set(ids).size).toBe(TABS);
  // Start the floods from the first tab on, so the last one started is the one showing.
  for (let i = 0; i < TABS; i++) {
    await page.locator('.tab').nth(i).click();
    await typeLine(page, i % 2 === 0 ? 'yes' : 'base64 /dev/urandom');
  }
  for (const id of ids) {
    await expect.poll(() => page.evaluate((s) => window.__portholeTest.parsedBytes(s), id), quickPoll(90_000)).toBeGreaterThan(FLOOD_BYTES);
  }

  // Frame times while all eight flood, for the artifacts.
  const frames = await page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + ms;
        const tick = (now: number): void => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    SAMPLE_MS,
  );
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  writeFileSync(join(repoRoot, 'e2e', 'artifacts', 'ui8-flood-eight.json'), JSON.stringify({ tabs: TABS, frames: frames.length, p95FrameMs: Math.round(p95), maxFrameMs: Math.round(sorted[sorted.length - 1] ?? 0) }, null, 2));
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-flood-eight.png') });

  // Every tab: switch to it, stop its flood, and see its shell answer.
  for (let i = 0; i < TABS; i++) {
    await page.locator('.tab').nth(i).click();
    await expect.poll(() => activeSessionId(page), quickPoll()).toBe(ids[i]);
    await page.locator('[data-testid="active-terminal"] .xterm').click();
    await page.keyboard.press('Control+C');
    await typeLine(page, `echo done-$((${i}+100))`);
    await waitForTerminalText(page, new RegExp(`^done-${i + 100}$`, 'm'), SHELL_TIMEOUT_MS);
  }
});
