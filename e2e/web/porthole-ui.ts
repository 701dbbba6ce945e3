// Helpers for the UI e2e specs: drive the target tree, open shells, and read terminal text
// from xterm's own buffer through the renderer's read-only test hook (window.__portholeTest).
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect } from '../fixtures/web-host.js';
import { quickPoll } from './poll.js';

/** Sandbox sessions start real ptys on a loaded 2-core machine: generous, never a target. */
export const SHELL_TIMEOUT_MS = 45_000;

interface TestHook {
  activeText(): string | null;
  text(sessionId: string): string | null;
  activeSessionId(): string | null;
  activeSelection(): string | null;
  sessionIds(): string[];
  parsedBytes(sessionId: string): number;
  activeSize(): { cols: number; rows: number } | null;
}

declare global {
  interface Window {
    __portholeTest: TestHook;
  }
}

export function treeRow(page: Page, kind: string, label: string | RegExp): Locator {
  const text = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
  return page.locator(`.tree-row[data-node-kind="${kind}"]`).filter({ has: page.locator('.tree-label', { hasText: text }) });
}

/** Opens the app and waits for the demo world's region (auto-expanded on first visit). */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
}

/** Expands a row if it is collapsed. */
export async function expand(row: Locator): Promise<void> {
  await expect(row).toBeVisible({ timeout: SHELL_TIMEOUT_MS });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await expect(row).toHaveAttribute('aria-expanded', 'true');
}

/** demo-web → web → the task ending in `taskSuffix` → container `app`. */
export async function revealWebApp(page: Page, taskSuffix = '0001'): Promise<Locator> {
  await expand(treeRow(page, 'cluster', 'demo-web'));
  await expand(treeRow(page, 'service', 'web'));
  const task = treeRow(page, 'task', new RegExp(taskSuffix));
  await expand(task);
  // The innermost list item holding the task row is the task's own (ancestors come first in document order).
  const container = page.locator('li', { has: task }).last().locator('.tree-row[data-node-kind="container"]').filter({ hasText: /^app/ });
  await expect(container).toBeVisible();
  return container;
}

export async function activeText(page: Page): Promise<string> {
  return page.evaluate(() => window.__portholeTest.activeText() ?? '');
}

export async function activeSessionId(page: Page): Promise<string | null> {
  return page.evaluate(() => window.__portholeTest.activeSessionId());
}

export async function waitForTerminalText(page: Page, pattern: RegExp, timeout = SHELL_TIMEOUT_MS): Promise<void> {
  await expect.poll(() => activeText(page), { ...quickPoll(timeout), message: `terminal text matching ${pattern}` }).toMatch(pattern);
}

/** Waits until the active tab's session is connected and its shell printed a prompt. */
export async function waitForShell(page: Page): Promise<void> {
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'connected', { timeout: SHELL_TIMEOUT_MS });
  await waitForTerminalText(page, /[$#] ?$/m);
}

/**
 * Opens the demo with shells on bastion, then app-server (the one shown), both at a prompt, and
 * returns the session tabs (the tablist's tabs, in strip order).
 */
export async function openTwoShells(page: Page, url: string): Promise<Locator> {
  await openDemo(page, url);
  await treeRow(page, 'instance', 'bastion').dblclick();
  await waitForShell(page);
  await treeRow(page, 'instance', 'app-server').dblclick();
  await expect(page.locator('.tab')).toHaveCount(2);
  await waitForShell(page);
  return page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab');
}

/** What the browser does on Ctrl+V: a paste event on the terminal's input with the clipboard's text. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="active-terminal"] textarea.xterm-helper-textarea').evaluate((input, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Splits the view from `tab`'s menu ("Show beside the active tab") and waits for both terminals to show. */
export async function showBeside(page: Page, tab: Locator): Promise<void> {
  await tab.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show beside the active tab' }).click();
  await expect(page.locator('.terminal-slot:not([hidden])')).toHaveCount(2);
}

/** Types into the active terminal key by key, the way a person would: for specs about typing itself. */
export async function typeLine(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Runs a command line in the active terminal: the text arrives as one input event (as an input
 * method commits it; not a paste, so no paste guard or bracketing), then a real Enter key. For
 * specs that need a command run rather than typing tested: the shell gets the same bytes as from
 * typeLine, without a key event round trip per character.
 */
export async function runLine(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="active-terminal"] .xterm').click();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

/** A terminal size in cells, `rows` first as `stty size` says it. */
export interface CellSize {
  readonly rows: number;
  readonly cols: number;
}

/** The active terminal's size as xterm has it now; null when no terminal is showing. */
export async function terminalSize(page: Page): Promise<CellSize | null> {
  return page.evaluate(() => window.__portholeTest.activeSize());
}

let sttyRound = 0;

/** `stty size` in the active shell: the size the remote end's terminal has. */
export async function remoteSize(page: Page): Promise<CellSize> {
  const tag = `stty${++sttyRound}`;
  await runLine(page, `echo ${tag}-$(stty size | tr ' ' x)`);
  const pattern = new RegExp(`^${tag}-(\\d+)x(\\d+)$`, 'm');
  await waitForTerminalText(page, pattern);
  const m = pattern.exec(await activeText(page));
  return { rows: Number(m?.[1]), cols: Number(m?.[2]) };
}

/**
 * The remote terminal's size once it is the one xterm shows: asks `stty size` until the two agree.
 * The size of a fit reaches the remote after a debounce, so a reading just after a change (a new
 * tab's first fit, a window resized) can still be the old size, and two equal readings in a row
 * prove nothing (under load both can come before the new size).
 */
export async function remoteSizeOfTerminal(page: Page): Promise<CellSize> {
  const text = (s: CellSize | null): string => (s === null ? 'none' : `${s.rows}x${s.cols}`);
  let agreed: CellSize | null = null;
  await expect
    .poll(
      async () => {
        const remote = await remoteSize(page);
        const shown = await terminalSize(page);
        agreed = text(remote) === text(shown) ? remote : null;
        return `remote ${text(remote)}, terminal ${text(shown)}`;
      },
      { ...quickPoll(SHELL_TIMEOUT_MS), message: 'the remote terminal has the size xterm shows' },
    )
    .toMatch(/^remote (\d+x\d+), terminal \1$/);
  return agreed ?? { rows: 0, cols: 0 };
}

/**
 * A foreground program (Ctrl+C ends it) that prints its terminal's size once at start
 * (`start-<rows>x<cols>`) and again at every size change it is told of (SIGWINCH), numbered
 * (`winch-<n>-<rows>x<cols>`): the markers specs wait on to see what size the remote was given.
 */
const WINCH_PRINTER = `sh -c 'n=0; echo start-$(stty size | tr " " x); trap "n=\\$((n+1)); echo winch-\\$n-\\$(stty size | tr \\" \\" x)" WINCH; while :; do sleep 0.05; done'`;

/**
 * Runs WINCH_PRINTER in the active terminal once the remote has the terminal's size (else the
 * size of a fit still on its way would arrive as a SIGWINCH the spec did not cause); its size at
 * start (`<rows>x<cols>`) once printed.
 */
export async function startWinchPrinter(page: Page): Promise<string> {
  await remoteSizeOfTerminal(page);
  await runLine(page, WINCH_PRINTER);
  await waitForTerminalText(page, /^start-\d+x\d+$/m);
  return /^start-(\d+x\d+)$/m.exec(await activeText(page))?.[1] ?? '';
}

/** The sizes (`<rows>x<cols>`) WINCH_PRINTER printed for each SIGWINCH so far, in order. */
export async function winchSizes(page: Page): Promise<string[]> {
  return [...(await activeText(page)).matchAll(/^winch-\d+-(\d+x\d+)$/gm)].map((m) => m[1] ?? '');
}

/**
 * A sandbox target's HOME, a folder on this machine, as the active shell reports it. The path can
 * be wider than the terminal (the target's folder names its account, region and task): the test
 * hook gives each wrapped row as its own line, so the rows between the brackets are joined.
 */
export async function targetHome(page: Page): Promise<string> {
  await runLine(page, 'echo "HOME=[$HOME]"');
  await waitForTerminalText(page, /HOME=\[\/[^\]]+\]/);
  const home = (/HOME=\[(\/[^\]]+)\]/.exec(await activeText(page))?.[1] ?? '').replace(/\n/g, '');
  expect(home, 'the shell printed its HOME').toMatch(/^\/\S+$/);
  return home;
}

export async function sandboxEndpoint(page: Page): Promise<string> {
  const endpoint = await page.getByTestId('app-sandbox').getAttribute('data-endpoint');
  if (!endpoint) throw new Error('the status bar shows no sandbox endpoint');
  return endpoint;
}

/**
 * The sandbox's admin routes need its secret: read it from the credentials file the web host's
 * sandbox wrote (the host logs that file's path at start).
 */
export function sandboxAdminHeaders(hostOutput: string): Record<string, string> {
  const file = /AWS_SHARED_CREDENTIALS_FILE=(\S+)/.exec(hostOutput)?.[1];
  if (!file) throw new Error(`the web host did not log its sandbox credentials file:\n${hostOutput}`);
  const secret = /aws_secret_access_key = (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!secret) throw new Error(`no secret in ${file}`);
  return { 'x-porthole-sandbox-secret': secret };
}

/**
 * An AWS SDK client's settings for the web host's sandbox, signed with its profile's keys (read
 * from the credentials file the host logged), so a spec can call it as anyone could call AWS.
 */
export function sandboxClientConfig(hostOutput: string, endpoint: string): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  const file = /AWS_SHARED_CREDENTIALS_FILE=(\S+)/.exec(hostOutput)?.[1];
  if (!file) throw new Error(`the web host did not log its sandbox credentials file:\n${hostOutput}`);
  const text = readFileSync(file, 'utf8');
  const accessKeyId = /aws_access_key_id = (\S+)/.exec(text)?.[1];
  const secretAccessKey = /aws_secret_access_key = (\S+)/.exec(text)?.[1];
  if (!accessKeyId || !secretAccessKey) throw new Error(`no keys in ${file}`);
  // The demo world's region (main/sandbox/world/demo-world.json).
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } };
}

export interface SandboxSession {
  readonly sessionId: string;
  readonly target: string;
  readonly state: string;
}
