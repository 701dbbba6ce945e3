// Issue 17 from the UI: Upload… on a container sends a file through its own session with a
// visible progress bar in the Transfers panel, Download… brings it back as a browser download,
// and both rows show the SHA-256 both ends agreed on, equal to the file's own.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/web-host.js';
import { TRANSFER_BOUNDS } from '../../shared/contract/transfers.js';
import { TRANSFER } from '../../main/transfer/constants.js';
import { openDemo, revealWebApp, runLine, SHELL_TIMEOUT_MS, targetHome, typeLine, waitForShell, waitForTerminalText } from './porthole-ui.js';
import { quickPoll } from './poll.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 240_000 });

/** Large enough that the bar is seen moving on the sandbox, small enough for a quick test. */
const PAYLOAD_BYTES = 3 * 1024 * 1024;

/** Where `onDisk` writes this test's local files; removed after each test. */
let localDir: string | undefined;
test.afterEach(async () => {
  if (localDir) await rm(localDir, { recursive: true, force: true });
  localDir = undefined;
});

/**
 * Writes `bytes` to a local file named `name` and returns its path. The upload dialog is given the
 * path, not the bytes: Chromium then reads the file from disk as it would a file the person picked,
 * while a buffer would first be copied into the page through the DevTools protocol as base64
 * (a 40 MiB file took over half a minute that way on CI).
 */
async function onDisk(name: string, bytes: Buffer): Promise<string> {
  localDir ??= await mkdtemp(join(tmpdir(), 'porthole-e2e-upload-'));
  const path = join(localDir, name);
  await writeFile(path, bytes);
  return path;
}

/**
 * A confined sandbox target writes only in its own folder (its HOME, bound at the same path on
 * this machine): opens a shell on the web app container, makes `folder` there and returns its path.
 */
async function folderOnTarget(page: Page, folder: string): Promise<string> {
  await (await revealWebApp(page)).dblclick();
  await waitForShell(page);
  await typeLine(page, `mkdir -p "${folder}"`);
  const dir = join(await targetHome(page), folder);
  expect(await readdir(dir)).toEqual([]);
  return dir;
}

/** What holdUploadChunks leaves on the page's window. */
interface HeldChunks {
  count(): number;
  release(): void;
}
const HELD = '__heldUploadChunks';

/**
 * Holds back the page's upload chunks from byte `from` on (the page sends the next only once main
 * answered the last): main has the bytes before `from` and waits for the rest until `release()`.
 * The page's own WebSocket send is wrapped before any script of the page runs; every other
 * frame goes out unchanged.
 */
async function holdUploadChunks(page: Page, from: number): Promise<{ held(): Promise<number>; release(): Promise<void> }> {
  await page.addInitScript(({ from, key }) => {
    const held: Array<[WebSocket, string]> = [];
    type Frame = Parameters<WebSocket['send']>[0];
    // The page's own send, called with each socket as `this`.
    const { send } = WebSocket.prototype as { send: (this: WebSocket, frame: Frame) => void };
    let holding = true;
    WebSocket.prototype.send = function (this: WebSocket, frame: Frame): void {
      if (holding && typeof frame === 'string' && frame.includes('"uploadChunk"')) {
        const request = JSON.parse(frame) as { method?: string; params?: { offset?: number } };
        if (request.method === 'uploadChunk' && (request.params?.offset ?? 0) >= from) {
          held.push([this, frame]);
          return;
        }
      }
      send.call(this, frame);
    };
    const chunks: HeldChunks = {
      count: () => held.length,
      release: () => {
        holding = false;
        for (const [ws, frame] of held.splice(0)) send.call(ws, frame);
      },
    };
    Object.assign(window, { [key]: chunks });
  }, { from, key: HELD });
  return {
    held: () => page.evaluate((key) => (window as unknown as Record<string, HeldChunks>)[key]?.count() ?? 0, HELD),
    release: () => page.evaluate((key) => (window as unknown as Record<string, HeldChunks>)[key]?.release(), HELD),
  };
}

test('uploads through the UI with a progress bar, downloads it back, checksums equal', async ({ page, webHost }) => {
  const payload = randomBytes(PAYLOAD_BYTES);
  const sha = createHash('sha256').update(payload).digest('hex');
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  // The sandbox's targets run on this machine: the "remote" folder is a local one.
  const remoteDir = await folderOnTarget(page, 'remote dir ü');
  const container = await revealWebApp(page);
  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload…' }).click();
  const dialog = page.getByRole('dialog', { name: /Upload to app/ });
  await dialog.getByLabel('File to upload').setInputFiles(await onDisk('payload.bin', payload));
  await dialog.getByLabel('Remote path').fill(`${remoteDir}/`);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const up = page.locator('.transfer[data-direction="upload"]');
  await expect(up.getByRole('progressbar')).toBeVisible();
  await expect(up).toHaveAttribute('data-state', 'done', { timeout: SHELL_TIMEOUT_MS * 2 });
  await expect(up.getByRole('progressbar')).toHaveAttribute('value', '1');
  await expect(up.getByTestId('transfer-sha256')).toContainText(sha);
  await expect(up).toContainText(`${remoteDir}/payload.bin`);
  expect(createHash('sha256').update(await readFile(join(remoteDir, 'payload.bin'))).digest('hex')).toBe(sha);
  await page.screenshot({ path: 'e2e/artifacts/transfers-1440.png' });

  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Download…' }).click();
  const back = page.getByRole('dialog', { name: /Download from app/ });
  // The last path used with this target is offered.
  await expect(back.getByLabel('Remote path')).toHaveValue(`${remoteDir}/`);
  await back.getByLabel('Remote path').fill(`${remoteDir}/payload.bin`);
  const download = page.waitForEvent('download');
  await back.getByRole('button', { name: 'Download', exact: true }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('payload.bin');
  const got = await readFile((await saved.path()) ?? '');
  expect(got.length).toBe(PAYLOAD_BYTES);
  expect(createHash('sha256').update(got).digest('hex')).toBe(sha);
  const down = page.locator('.transfer[data-direction="download"]');
  await expect(down).toHaveAttribute('data-state', 'done');
  await expect(down.getByTestId('transfer-sha256')).toContainText(sha);

  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: 'e2e/artifacts/transfers-1024.png' });
});

test('an upload into a missing folder fails in the panel with the reason', async ({ page, webHost }) => {
  await openDemo(page, webHost.url);
  const container = await revealWebApp(page);
  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload…' }).click();
  const dialog = page.getByRole('dialog', { name: /Upload to app/ });
  // What the form refuses is marked and gets the keyboard: no file chosen, then no path.
  const file = dialog.getByLabel('File to upload');
  const remote = dialog.getByLabel('Remote path');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose a file to upload.');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toBeFocused();
  await file.setInputFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(file).not.toHaveAttribute('aria-invalid', 'true');
  await remote.fill('');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a path on the target.');
  await expect(remote).toHaveAttribute('aria-invalid', 'true');
  await expect(remote).toBeFocused();
  await remote.fill(join(webHost.dataDir, 'no such dir', 'x.txt'));
  await expect(remote).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  const row = page.locator('.transfer[data-direction="upload"]');
  await expect(row).toHaveAttribute('data-state', 'failed', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('transfer-error')).toContainText(/No such file or directory|Directory nonexistent/);

  // Try again… opens the form with the same file and the path it was given, to correct.
  // Wide enough that the target's home path is one terminal line.
  await page.setViewportSize({ width: 1440, height: 900 });
  const fixed = await folderOnTarget(page, 'retry here');
  await row.getByRole('button', { name: 'Try again…' }).click();
  const again = page.getByRole('dialog', { name: /Upload to app/ });
  await expect(again.getByText('x.txt', { exact: true })).toBeVisible();
  await expect(again.getByLabel('File to upload')).toHaveCount(0);
  const path = again.getByLabel('Remote path');
  await expect(path).toHaveValue(join(webHost.dataDir, 'no such dir', 'x.txt'));
  await path.fill(`${fixed}/`);
  await again.getByRole('button', { name: 'Upload', exact: true }).click();
  const done = page.locator('.transfer[data-direction="upload"][data-state="done"]');
  await expect(done).toHaveCount(1, { timeout: SHELL_TIMEOUT_MS });
  expect(await readFile(join(fixed, 'x.txt'), 'utf8')).toBe('hello');
  // The failed row is still there to dismiss; a done one offers no Try again.
  await expect(done.getByRole('button', { name: 'Try again…' })).toHaveCount(0);
});

test('Cancel in the panel stops an upload midway, leaves nothing on the target, and the shell on it carries on', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1440, height: 900 }); // the target's long path on one terminal line
  // Main gets the first upload chunks only (enough for one chunk to the target, so the bar moves),
  // then waits for the rest, which this page holds back: the upload is midway until it is cancelled.
  const heldFrom = Math.ceil(TRANSFER.UPLOAD_CHUNK_BYTES / TRANSFER_BOUNDS.CHUNK_BYTES) * TRANSFER_BOUNDS.CHUNK_BYTES;
  const chunks = await holdUploadChunks(page, heldFrom);
  await openDemo(page, webHost.url);
  const remoteDir = await folderOnTarget(page, 'cancelled');
  const container = await revealWebApp(page);
  await container.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload…' }).click();
  const dialog = page.getByRole('dialog', { name: /Upload to app/ });
  await dialog.getByLabel('File to upload').setInputFiles(await onDisk('big.bin', randomBytes(heldFrom + 2 * TRANSFER_BOUNDS.CHUNK_BYTES)));
  await dialog.getByLabel('Remote path').fill(`${remoteDir}/`);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  const row = page.locator('.transfer[data-direction="upload"]');
  // Midway: bytes went to the target (the bar has left zero) into its temporary file, and main waits for more.
  await expect.poll(async () => Number(await row.getByRole('progressbar').getAttribute('value')), quickPoll(SHELL_TIMEOUT_MS)).toBeGreaterThan(0);
  await expect.poll(async () => (await readdir(remoteDir)).length, quickPoll(SHELL_TIMEOUT_MS)).toBe(1);
  await expect.poll(() => chunks.held(), quickPoll()).toBeGreaterThan(0);
  await expect(row).toHaveAttribute('data-state', 'running');
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toHaveAttribute('data-state', 'cancelled', { timeout: SHELL_TIMEOUT_MS });
  await expect(row.getByTestId('transfer-error')).toContainText(/cancelled/);
  await expect.poll(async () => (await readdir(remoteDir)).length, quickPoll(SHELL_TIMEOUT_MS)).toBe(0);
  // The chunks held back now reach main, which refuses them as cancelled without a word to the person.
  await chunks.release();
  // The shell on the same target is untouched by the cancelled transfer's session.
  await expect(page.locator('.tab[aria-selected="true"]')).toHaveAttribute('data-state', 'connected');
  await runLine(page, 'echo still-$((6*7))');
  await waitForTerminalText(page, /^still-42$/m);
  expect(await readdir(remoteDir)).toEqual([]);
  await expect(page.locator('.toast')).toHaveCount(0);
});

test('files dropped on a shell tab upload into the path the person confirms', async ({ page, webHost }) => {
  const payload = randomBytes(256 * 1024);
  const sha = createHash('sha256').update(payload).digest('hex');
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDemo(page, webHost.url);
  const remoteDir = await folderOnTarget(page, 'dropped here');

  // A real drag from the desktop: dragenter, dragover and drop carrying a DataTransfer with a File.
  const host = page.getByTestId('terminal-host');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'dropped.bin', { type: 'application/octet-stream' }));
    return dt;
  }, payload.toString('base64'));
  await host.dispatchEvent('dragenter', { dataTransfer });
  await host.dispatchEvent('dragover', { dataTransfer });
  await expect(host).toHaveClass(/terminal-drop-target/);
  await host.dispatchEvent('drop', { dataTransfer });
  await expect(host).not.toHaveClass(/terminal-drop-target/);

  // Nothing is sent before the person confirms where it goes.
  const dialog = page.getByRole('dialog', { name: /Upload to/ });
  await expect(dialog).toContainText('dropped.bin');
  await expect(dialog.getByLabel('File to upload')).toHaveCount(0);
  await expect(page.locator('.transfer')).toHaveCount(0);
  await dialog.getByLabel('Remote path').fill(`${remoteDir}/`);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.locator('.transfer[data-direction="upload"]');
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: SHELL_TIMEOUT_MS * 2 });
  await expect(row).toContainText(`${remoteDir}/dropped.bin`);
  await expect(row.getByTestId('transfer-sha256')).toContainText(sha);
  const landed = await readFile(join(remoteDir, 'dropped.bin'));
  expect(landed.length).toBe(payload.length);
  expect(createHash('sha256').update(landed).digest('hex')).toBe(sha);
  expect(await readdir(remoteDir)).toEqual(['dropped.bin']);

  // The row keeps one height at both window sizes: Dismiss stays on the first line, beside the state.
  for (const [width, height] of [[1440, 900], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    const pill = await row.locator('.state-pill').boundingBox();
    const dismiss = await row.getByRole('button', { name: 'Dismiss' }).boundingBox();
    expect(pill && dismiss && Math.abs(dismiss.y + dismiss.height / 2 - (pill.y + pill.height / 2))).toBeLessThan(4);
    await page.screenshot({ path: `e2e/artifacts/transfers-drop-${width}.png` });
  }
});
