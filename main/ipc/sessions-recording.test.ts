// Recording a tab from the UI (sessions.setRecording) through the router, against the sandbox:
// a real pty's output lands in <dataDir>/recordings as asciicast v2 that replays byte for byte.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP, startSandboxApp } from '../../testing/composition/sandbox-app.js';
import { TestClient } from '../../testing/composition/test-client.js';
import { parseCast, playCast } from '../sessions/recording/index.js';

/** Output counts as settled after this long without a byte: the prompt has been drawn. */
const QUIET_MS = 300;

const app = sandboxAppPerFile();
let c: TestClient;
beforeAll(() => {
  c = app.window();
});

async function settled(id: string): Promise<void> {
  for (;;) {
    const before = c.bytesReceived(id);
    await new Promise((r) => setTimeout(r, QUIET_MS));
    if (c.bytesReceived(id) === before) return;
  }
}

async function openShell(title: string): Promise<string> {
  const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24, title });
  await c.untilState(session.id, 'connected');
  await settled(session.id);
  return session.id;
}

describe('sessions.setRecording', () => {
  it('records a live tab to <dataDir>/recordings as asciicast v2 that replays to the bytes delivered', async () => {
    const id = await openShell('web: prod/../shell');
    const from = c.bytesReceived(id);

    const on = (await c.call('sessions', 'setRecording', { id, enabled: true })).session;
    const path = on.recording?.path ?? '';
    expect(path.startsWith(join(app.dataDir, 'recordings') + '/')).toBe(true);
    expect(path.split('/').at(-1)).toMatch(/^web_prod_.._shell-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.cast$/);
    // The one kind of file the desktop host may show in a folder: a recording this process wrote.
    expect(app.porthole.shells.wroteRecording(path)).toBe(true);
    expect(app.porthole.shells.wroteRecording(join(app.dataDir, 'settings.json'))).toBe(false);
    expect(on.recording?.startedAt).toBeGreaterThanOrEqual(on.openedAt);
    expect(c.eventsOf('sessions', 'info')).toContainEqual({ session: on });
    expect((await c.call('sessions', 'list', {})).sessions[0]?.recording).toEqual(on.recording);

    c.send({ type: 'resize', sessionId: id, cols: 100, rows: 30 });
    c.input(id, 'echo rec-$((6*7))\r');
    await c.untilText(id, 'rec-42');
    await settled(id);
    const off = (await c.call('sessions', 'setRecording', { id, enabled: false })).session;
    expect(off.recording).toBeUndefined();
    expect(c.eventsOf('sessions', 'info').at(-1)).toEqual({ session: off });

    const cast = parseCast(await readFile(path, 'utf8'));
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24, title: 'web: prod/../shell' });
    expect(cast.events.map((e) => e.code)).toContain('o');
    expect(cast.events.filter((e) => e.code === 'o').map((e) => e.data).join('')).toContain('rec-42');
    expect(cast.events.filter((e) => e.code === 'r').map((e) => e.data)).toEqual(['100x30']);

    const played: string[] = [];
    await playCast(cast, (data) => played.push(data), { idleLimit: 0 });
    const delivered = Buffer.concat(c.output.get(id) ?? []).subarray(from);
    expect(Buffer.from(played.join(''), 'utf8').equals(delivered)).toBe(true);

    // Output after stopping is not appended.
    c.input(id, 'echo after-$((1+1))\r');
    await c.untilText(id, 'after-2');
    expect(await readFile(path, 'utf8')).not.toContain('after-2');
  });

  it('finalises the file when the tab closes while recording, and refuses to record an ended session', async () => {
    const id = await openShell('closing');
    const path = (await c.call('sessions', 'setRecording', { id, enabled: true })).session.recording?.path ?? '';
    expect((await c.call('sessions', 'setRecording', { id, enabled: true })).session.recording?.path).toBe(path); // idempotent
    c.input(id, 'echo last-$((5*5))\r');
    await c.untilText(id, 'last-25');
    await c.call('sessions', 'close', { id });
    const cast = parseCast(await readFile(path, 'utf8'));
    expect(cast.events.filter((e) => e.code === 'o').map((e) => e.data).join('')).toContain('last-25');

    const ended = await openShell('ended');
    c.input(ended, 'exit\r');
    await c.untilState(ended, 'closed');
    await expect(c.call('sessions', 'setRecording', { id: ended, enabled: true })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/not connected/) });
    expect((await readdir(join(app.dataDir, 'recordings'))).filter((f) => f.startsWith('ended'))).toEqual([]);
  });
});

describe('recording errors', () => {
  it('a record directory that cannot be used is told in the session info; the session runs and closes', async () => {
    const { writeFile, rm } = await import('node:fs/promises');
    const blocker = join(app.dataDir, 'not-a-dir');
    await writeFile(blocker, 'a file');
    const second = await startSandboxApp({ shells: { recordDir: join(blocker, 'casts') } });
    const client = new TestClient(second.app.router);
    try {
      const { session } = await client.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24, title: 'no-rec' });
      await client.untilState(session.id, 'connected');
      const infos = (): string[] => (client.eventsOf('sessions', 'info') as Array<{ session: { recordingError?: string } }>).flatMap((e) => (e.session.recordingError ? [e.session.recordingError] : []));
      expect(infos()).toEqual([expect.stringMatching(/^Could not record to .*not-a-dir\/casts: (ENOTDIR|EEXIST).*\. The session goes on without recording\.$/)]);
      expect((await client.call('sessions', 'list', {})).sessions[0]?.recording ?? undefined).toBeUndefined();
      client.input(session.id, 'echo goes-on-$((6*7))\r');
      await client.untilText(session.id, 'goes-on-42');
      await client.call('sessions', 'close', { id: session.id }); // never hangs on a recording that never was
    } finally {
      client.close();
      await second.stop();
      await rm(blocker, { force: true });
    }
  });

  it('recording from the UI into an unusable folder is refused with the reason; the session goes on', async () => {
    const { rm, writeFile } = await import('node:fs/promises');
    const id = await openShell('refused');
    const recordings = join(app.dataDir, 'recordings');
    await rm(recordings, { recursive: true, force: true });
    await writeFile(recordings, 'a file where the folder should be');
    try {
      await expect(c.call('sessions', 'setRecording', { id, enabled: true })).rejects.toMatchObject({ message: expect.stringMatching(/EEXIST|ENOTDIR/) });
      c.input(id, 'echo still-$((2+3))\r');
      await c.untilText(id, 'still-5');
      expect((await c.call('sessions', 'list', {})).sessions.find((s) => s.id === id)?.recording ?? undefined).toBeUndefined();
      await c.call('sessions', 'close', { id });
    } finally {
      await rm(recordings, { force: true });
    }
  });
});
