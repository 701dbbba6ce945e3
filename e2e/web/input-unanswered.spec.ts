// Keys typed into a session whose gateway stops answering them (the sandbox drops the input it is
// sent, with the connection up) are not left to look like a frozen shell: once they have gone
// unanswered for a few seconds the status bar says so, in the warn tone, and the tab's dot turns
// to waiting, with the terminal's rows untouched (nothing covers its text or resizes the remote).
// When the gateway takes input again the line clears and the keys typed meanwhile reach the shell.
import { expect, test } from '../fixtures/web-host.js';
import { openDemo, revealWebApp, sandboxAdminHeaders, sandboxEndpoint, SHELL_TIMEOUT_MS, typeLine, waitForShell, waitForTerminalText, type SandboxSession } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

const WAITING = /^Input not answered for \d+ s — waiting for the gateway$/;

test('unanswered keys are told in the status bar and tab, cleared when the gateway answers, and reach the shell', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  const tab = page.locator('.tab[aria-selected="true"]');
  const line = page.getByTestId('status-session');
  const rowCount = () => page.locator('[data-testid="active-terminal"] .xterm-rows > div').count();
  const rows = await rowCount();

  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const live = ((await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[]).filter((s) => s.state !== 'Terminated');
  expect(live).toHaveLength(1);
  const faults = async (spec: object): Promise<void> => {
    expect((await request.post(`${endpoint}/__sandbox/faults`, { ...admin, data: { sessionId: live[0]?.sessionId, faults: spec } })).ok()).toBe(true);
  };
  await faults({ toAgent: { drop: 1, types: ['input_stream_data'] } });
  await typeLine(page, 'echo un$((40+2))swered');

  await expect(line).toHaveText(WAITING, { timeout: SHELL_TIMEOUT_MS });
  await expect(line).toHaveClass(/\bstatus-warn\b/);
  // The status bar is a live region: what assistive technology reads of it (its aria snapshot,
  // aria-hidden left out) holds the wait's line without the seconds, and stays so while they count up.
  const footer = page.locator('footer.status-bar[role="status"]');
  const spoken = await footer.ariaSnapshot();
  expect(spoken).toContain('Input not answered — waiting for the gateway');
  expect(spoken).not.toMatch(/\d+ s\b/);
  const seconds = Number(/for (\d+) s/.exec((await line.textContent()) ?? '')?.[1]);
  await expect(line).not.toHaveText(new RegExp(`for ${seconds} s`));
  expect(await footer.ariaSnapshot()).toBe(spoken);
  await expect(tab).toHaveAttribute('data-input-wait', 'true');
  await expect(tab).toHaveAttribute('data-state', 'connected');
  expect(await rowCount()).toBe(rows);

  await faults({});
  await expect(line).not.toHaveText(WAITING, { timeout: SHELL_TIMEOUT_MS });
  await expect(tab).not.toHaveAttribute('data-input-wait');
  await waitForTerminalText(page, /^un42swered\r?$/m);
  await expect(tab).toHaveAttribute('data-state', 'connected');
});
