// A forward started from the form on a container of a service follows the service by default:
// the form offers "Follow service web" ticked (auto-restart on with it, and not to be turned off
// while it follows), the row says it follows service web, and when its
// task is stopped (`aws ecs stop-task` on the sandbox) the row comes back listening on another task
// of the service, its place naming that task, and serves HTTP again on the same local port.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { expect, test } from '../fixtures/web-host.js';
import { openForwardForm } from './forward-ui.js';
import { openDemo, revealWebApp, sandboxClientConfig, sandboxEndpoint, SHELL_TIMEOUT_MS } from './porthole-ui.js';

test.use({ sandbox: true });

/** The demo web service's first task (demo-world.json), the one the forward starts on. */
const FIRST_TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
/** How the row's path names a task: the end of its id (shared/format/task-id.ts). */
const FIRST_TASK_SHORT = FIRST_TASK.slice(-8);

test('a forward following service web comes back on another of its tasks when its task is stopped', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const form = await openForwardForm(page, await revealWebApp(page));
  const follow = form.getByLabel('Follow service web: when its task is replaced, start on the new one');
  await expect(follow).toBeChecked();
  // Following is restarting on the new task: auto-restart is on, and stays on while it follows.
  const autoRestart = form.getByTestId('forward-auto-restart');
  await expect(autoRestart).toBeDisabled();
  // Locked on, yet reached by the keyboard (Tab from Follow service before it), the reason read out
  // as its description; Space does not untick it.
  await follow.focus();
  await page.keyboard.press('Tab');
  await expect(autoRestart).toBeFocused();
  await expect(autoRestart).toHaveAttribute('aria-disabled', 'true');
  await expect(autoRestart).toHaveAccessibleDescription(/untick Follow service/);
  await page.keyboard.press('Space');
  await expect(autoRestart).toBeChecked();
  // Turned off for a forward pinned to its task, it is on again once it follows; pinned again, off as chosen.
  await follow.uncheck();
  await autoRestart.uncheck();
  await follow.check();
  await expect(autoRestart).toBeChecked();
  await expect(autoRestart).toBeDisabled();
  await follow.uncheck();
  await expect(autoRestart).toBeEnabled();
  await expect(autoRestart).not.toBeChecked();
  await follow.check();
  await form.getByLabel('Remote port', { exact: true }).fill('8080');
  await form.getByRole('button', { name: 'Start forward' }).click();
  await expect(form).toBeHidden();
  const row = page.locator('.forward[data-forward-id]');
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('forward-follows')).toHaveText('follows service web');
  const auto = row.getByRole('button', { name: 'Auto-restart' });
  await expect(auto).toHaveAttribute('aria-pressed', 'true');
  // Locked on, yet reached by the keyboard (Tab from the Start/Stop button before it), the reason
  // read out as its description; a press does nothing (a turn-off would be refused with an error,
  // looked for once the restart below has come and gone).
  await row.locator('.forward-toggle').focus();
  await page.keyboard.press('Tab');
  await expect(auto).toBeFocused();
  await expect(auto).toHaveAttribute('aria-disabled', 'true');
  await expect(auto).toHaveAccessibleDescription(/turn off Follow service in Edit/);
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('forward-path')).toContainText(FIRST_TASK_SHORT);
  const port = Number(await row.getAttribute('data-local-port'));

  const ecs = new ECSClient(sandboxClientConfig(webHost.output(), await sandboxEndpoint(page)));
  try {
    await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: FIRST_TASK, reason: 'Deployment replaced the task' }));
  } finally {
    ecs.destroy();
  }
  // Restarted, the second line says why ("Restarted after: …"); the destination's tooltip still names where it goes.
  await expect(row.getByTestId('forward-problem')).toContainText('Restarted after', { timeout: SHELL_TIMEOUT_MS });
  await expect(row).toHaveAttribute('data-state', 'listening', { timeout: SHELL_TIMEOUT_MS });
  const destination = row.locator('td.forward-destination');
  await expect(destination).toHaveAttribute('title', /demo-web › web › \w{8}/);
  await expect(destination).not.toHaveAttribute('title', new RegExp(FIRST_TASK_SHORT));
  const answer = await page.request.get(`http://127.0.0.1:${port}/`, { timeout: SHELL_TIMEOUT_MS });
  expect(answer.ok()).toBe(true);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(auto).toHaveAttribute('aria-pressed', 'true');
});
