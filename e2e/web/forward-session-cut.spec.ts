// A forward whose session AWS ends: ssm TerminateSession, called on the sandbox as anyone could
// call it on AWS (`aws ssm terminate-session`), cuts the forward's session. Its row goes
// reconnecting, then listening again on the same local port, and HTTP works through it after.
import { SSMClient, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { expect, test } from '../fixtures/web-host.js';
import { startForward } from './forward-ui.js';
import { openDemo, sandboxAdminHeaders, sandboxClientConfig, sandboxEndpoint, treeRow, type SandboxSession } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true, viewport: { width: 1440, height: 900 } });

test('a forward whose session is terminated shows reconnecting, then listens again on the same port and serves HTTP', async ({ page, webHost, request }) => {
  await openDemo(page, webHost.url);
  const row = await startForward(page, treeRow(page, 'instance', 'bastion'), { remotePort: '80' });
  const port = await row.getAttribute('data-local-port');
  const endpoint = await sandboxEndpoint(page);
  const admin = { headers: sandboxAdminHeaders(webHost.output()) };
  const sessions = (await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[];
  const live = sessions.filter((s) => s.state !== 'Terminated');
  expect(live).toHaveLength(1);

  // Every state the row shows from here on, in order (a MutationObserver sees each one, however brief).
  await row.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { forwardStates: string[] }).forwardStates = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, { attributeFilter: ['data-state'] });
  });
  await new SSMClient(sandboxClientConfig(webHost.output(), endpoint)).send(new TerminateSessionCommand({ SessionId: live[0]!.sessionId }));

  await expect.poll(() => page.evaluate(() => (window as unknown as { forwardStates: string[] }).forwardStates), quickPoll()).toEqual(['reconnecting', 'listening']);
  await expect(row).toHaveAttribute('data-local-port', port!);
  // Why it restarted stays on the row, told as past (warn, not the red of a forward that is down).
  const problem = row.getByTestId('forward-problem');
  await expect(problem).toHaveText(`Restarted after: The session ended (Exiting session with sessionId: ${live[0]!.sessionId}.)`);
  await expect(problem).toHaveClass(/tone-warn/);
  const res = await request.get(`http://127.0.0.1:${port}/`);
  expect(await res.text()).toBe('hello from bastion port 80\n');
  const after = (await (await request.get(`${endpoint}/__sandbox/sessions`, admin)).json()) as SandboxSession[];
  // One live session again, a new one: the forward started it, the terminated one stays ended.
  const liveAfter = after.filter((s) => s.state !== 'Terminated');
  expect(liveAfter).toHaveLength(1);
  expect(liveAfter[0]!.sessionId).not.toBe(live[0]!.sessionId);
});
