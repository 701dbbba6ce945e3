// A paste reaches the remote without control characters: a clipboard a web page filled with
// `text ESC[201~ command` cannot end the shell's bracketed paste early and have the rest run as
// typed. Checked with `cat -v`, which shows an ESC that arrives as ^[.
import { expect, test } from '../fixtures/web-host.js';
import { activeText, openDemo, pasteText, revealWebApp, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 180_000 });

test('a pasted ESC [201~ and other controls never reach the remote', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await typeLine(page, 'cat -v');
  await waitForTerminalText(page, /cat -v$/m);

  await pasteText(page, 'PASTED\x1b[201~AFTER\x15\x03-END\n');
  // The tty's echo and cat -v's copy: the same line twice, with no ^[, ^U or ^C in it.
  await expect.poll(async () => (await activeText(page)).match(/^PASTED\[201~AFTER-END$/gm)?.length ?? 0, quickPoll(30_000)).toBe(2);
  expect(await activeText(page)).not.toMatch(/\^\[|\^U|\^C/);
  await page.keyboard.press('Control+D');
  await waitForTerminalText(page, /[$#] ?$/);
});
