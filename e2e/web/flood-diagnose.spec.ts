// Issue 8: Ctrl-C stops a `yes` flood (measured on bytes xterm has parsed, not on a copy) and the
// shell answers again; a broken container shows the diagnostics' cause. How fast the flood stops
// is a figure for the bench (bench/sections/ui-ctrl-c.ts, target 1 s), not a timed assertion here;
// this test writes what it saw to e2e/artifacts/ui8-ctrl-c.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { activeSessionId, expand, openDemo, revealWebApp, SHELL_TIMEOUT_MS, treeRow, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

// The real agent's 1 s hold of a shell's first output (the other specs' hosts shorten it, fixtures/web-host.ts).
test.use({ sandbox: true, faithfulFirstOutput: true });
test.describe.configure({ timeout: 180_000 });

/** The flood is established once this much output has been parsed. */
const FLOOD_BYTES = 2 * 1024 * 1024;
/** No new bytes for this long means the flood is over (well above any batching interval). */
const QUIET_MS = 1500;
/** How often the page samples the parsed-bytes counter. */
const SAMPLE_MS = 20;
/** Keystrokes timed from key press to the echo in xterm's buffer. */
const LATENCY_SAMPLES = 20;

test('Ctrl-C stops a yes flood and the shell answers again', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const id = (await activeSessionId(page)) ?? '';

  // Keystroke to screen, idle, for the artifacts (a figure to read, not a test target).
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const echoed = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const before = window.__portholeTest.activeText()?.length ?? 0;
          const check = (): void => {
            if ((window.__portholeTest.activeText()?.length ?? 0) > before) resolve(performance.now() - start);
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
    await page.keyboard.press('x');
    latencies.push(await echoed);
  }
  await page.keyboard.press('Control+U');
  const sorted = [...latencies].sort((a, b) => a - b);
  writeFileSync(
    join(repoRoot, 'e2e', 'artifacts', 'ui8-keystroke-latency.json'),
    JSON.stringify({ samples: sorted.length, p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), p95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0) }, null, 2),
  );

  await typeLine(page, 'yes');
  await expect.poll(() => page.evaluate((s) => window.__portholeTest.parsedBytes(s), id), quickPoll(60_000)).toBeGreaterThan(FLOOD_BYTES);
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-flood.png') });

  // The page samples the counter; the keypress time is taken in the page too (one clock).
  await page.evaluate(
    ([s, every]) => {
      const w = window as unknown as { __flood: { samples: Array<[number, number]>; timer: number } };
      w.__flood = { samples: [], timer: window.setInterval(() => w.__flood.samples.push([Date.now(), window.__portholeTest.parsedBytes(s)]), every) };
    },
    [id, SAMPLE_MS] as const,
  );
  const pressedAt = await page.evaluate(() => Date.now());
  await page.keyboard.press('Control+C');
  // Wait for quiet: the last QUIET_MS of samples show no growth.
  await expect
    .poll(
      () =>
        page.evaluate((quiet) => {
          const { samples } = (window as unknown as { __flood: { samples: Array<[number, number]> } }).__flood;
          const last = samples[samples.length - 1];
          if (last === undefined) return false;
          const window0 = samples.filter(([t]) => t >= last[0] - quiet);
          return last[0] - (samples[0]?.[0] ?? last[0]) > quiet && window0.every(([, b]) => b === last[1]);
        }, QUIET_MS),
      quickPoll(30_000),
    )
    .toBe(true);
  const stoppedAt = await page.evaluate(() => {
    const w = window as unknown as { __flood: { samples: Array<[number, number]>; timer: number } };
    window.clearInterval(w.__flood.timer);
    const s = w.__flood.samples;
    const final = s[s.length - 1]?.[1];
    // The first sample that already had the final count: the buffer stopped growing then.
    return s.find(([, b]) => b === final)?.[0] ?? 0;
  });
  const stopMs = stoppedAt - pressedAt;
  writeFileSync(join(repoRoot, 'e2e', 'artifacts', 'ui8-ctrl-c.json'), JSON.stringify({ stopMs }, null, 2));
  // The shell is usable again.
  await typeLine(page, 'echo after-$((40+2))');
  await waitForTerminalText(page, /^after-42$/m);
});

test('a broken container shows the cause the diagnostics found', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  await expand(treeRow(page, 'cluster', 'demo-workers'));
  const task = treeRow(page, 'task', /0e1f0012/);
  await expand(task);
  const worker = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]');
  await expect(worker.locator('.tree-badge')).toHaveText('agent down');

  // The badge already says no shell can open: double-click diagnoses instead of opening a tab.
  await worker.dblclick();
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('[data-check-id="exec-agent"]')).toHaveAttribute('data-status', 'fail', { timeout: SHELL_TIMEOUT_MS });
  await expect(page.locator('.tab')).toHaveCount(0);

  // Forcing it from the menu fails in plain words, and the diagnosis runs by itself.
  await page.getByRole('tab', { name: 'Forwards' }).click();
  await worker.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open shell' }).click();
  const tab = page.locator('.tab[aria-selected="true"]');
  await expect(tab).toHaveAttribute('data-state', 'closed', { timeout: SHELL_TIMEOUT_MS });
  const agent = diagnostics.locator('[data-check-id="exec-agent"]');
  await expect(agent).toHaveAttribute('data-status', 'fail', { timeout: SHELL_TIMEOUT_MS });
  await expect(agent).toContainText('failed to register with the SSM service');
  await expect(agent).toContainText('ssmmessages');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-diagnostics.png') });

  // The context menu runs it too.
  await page.getByRole('tab', { name: 'Forwards' }).click();
  await worker.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Diagnose' }).click();
  await expect(diagnostics.locator('[data-check-id="exec-agent"]')).toContainText('failed to register with the SSM service', { timeout: SHELL_TIMEOUT_MS });
});
