// A session whose connection drops and whose resume AWS refuses ends with the failure's plain
// sentence and, on a line of its own under it, the engine's words (its detail): at 1440×900 and at
// 1024×640, beside the banner's buttons, both are read whole (not clipped by the banner's line
// limits), the detail in a colour that holds AA contrast on the banner.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { FAILURE_WORDS } from '../../shared/messages/sessions.js';
import { openDemo, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, waitForShell, type SandboxSession } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

const SIZES = [[1440, 900], [1024, 640]] as const;

test('a refused resume: the sentence and its detail are both shown whole at 1440×900 and 1024×640', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const live = ((await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[]).filter((s) => s.state !== 'Terminated');
  expect(live).toHaveLength(1);
  expect((await request.post(`${endpoint}/__sandbox/api-faults`, { ...admin, data: { rules: [{ operation: 'ssm.ResumeSession', answer: 'access-denied' }] } })).ok()).toBe(true);
  expect((await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: live[0]?.sessionId, faults: { actions: [{ do: 'kill-socket' }] } } })).ok()).toBe(true);

  const banner = page.getByTestId('session-closed');
  await expect(banner.locator('.session-banner-line')).toHaveText(FAILURE_WORDS['resume-refused'], { timeout: SHELL_TIMEOUT_MS });
  const detail = banner.getByTestId('session-detail');
  await expect(detail).not.toBeEmpty();
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    // Each part shows all it holds (nothing past its box), and the detail sits under the sentence.
    const boxes = await banner.evaluate((el) => {
      const part = (sel: string) => {
        const e = el.querySelector(sel) as HTMLElement;
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1 };
      };
      const own = el.getBoundingClientRect();
      return { line: part('.session-banner-line'), detail: part('[data-testid="session-detail"]'), banner: { top: own.top, bottom: own.bottom } };
    });
    expect(boxes.line.clipped, `sentence cut at ${width}`).toBe(false);
    expect(boxes.detail.clipped, `detail cut at ${width}`).toBe(false);
    expect(boxes.detail.top).toBeGreaterThanOrEqual(boxes.line.bottom - 0.5);
    expect(boxes.detail.bottom).toBeLessThanOrEqual(boxes.banner.bottom + 0.5);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', `qa-session-failure-detail-${width}.png`) });
  }
  // The detail's colour is the banner's muted text, not the faint one that failed contrast.
  const colours = await detail.evaluate((el) => {
    const probe = (v: string) => {
      const p = document.createElement('span');
      p.style.color = `var(${v})`;
      el.parentElement?.append(p);
      const c = getComputedStyle(p).color;
      p.remove();
      return c;
    };
    return { detail: getComputedStyle(el).color, muted: probe('--fg-muted'), size: getComputedStyle(el).fontSize, small: getComputedStyle(el.closest('.session-banner') as Element).fontSize };
  });
  expect(colours.detail).toBe(colours.muted);
  expect(colours.size).toBe(colours.small);
});
