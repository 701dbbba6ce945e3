// Shells through the router exactly as a host calls it, against the sandbox: real ECS Exec and
// StartSession launches, the engine over real websockets, the emulated agent's real ptys.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP, startSandboxApp } from '../../testing/composition/sandbox-app.js';
import { eventually, TestClient, RemoteCallError } from '../../testing/composition/test-client.js';
import { SHELLS } from '../sessions/shells/index.js';
import { FAILURE_WORDS } from '../../shared/messages/sessions.js';
import { SESSION_LIMITS } from '../sandbox/session-limits.js';

const app = sandboxAppPerFile();
const window = (): TestClient => app.window();

async function openShell(c: TestClient, target = DEMO_APP.web, size = { cols: 80, rows: 24 }): Promise<string> {
  const { session } = await c.call('sessions', 'open', { target, ...size });
  expect(session).toMatchObject({ target, status: { state: 'connecting' } });
  await c.untilState(session.id, 'connected');
  return session.id;
}

describe('sessions service over the sandbox', () => {
  it('runs a command in a demo container and shows its output', async () => {
    const c = window();
    const id = await openShell(c);
    expect(c.input(id, 'echo hello-$((6*7))\r')).toBeNull();
    await c.untilText(id, 'hello-42');
    expect((await c.call('sessions', 'list', {})).sessions.map((s) => s.id)).toEqual([id]);
    expect(c.eventsOf('sessions', 'status')).toContainEqual({ id, status: { state: 'connected' } });
  });

  it("tells the opening window how the first launch goes by the open call's openKey (it knows no id yet)", async () => {
    const c = window();
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24, openKey: 'tab-7' });
    expect(c.eventsOf('sessions', 'status')).toContainEqual({ id: session.id, status: { state: 'connecting', reason: 'Starting the session' }, openKey: 'tab-7' });
    await c.untilState(session.id, 'connected');
    // Once launched, statuses go by id alone.
    expect(c.eventsOf('sessions', 'status')).toContainEqual({ id: session.id, status: { state: 'connected' } });
  });

  it('opens an instance shell too, titled by the instance id', async () => {
    const c = window();
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.instance, cols: 80, rows: 24 });
    expect(session.title).toBe(DEMO_APP.instance.instanceId);
    await c.untilState(session.id, 'connected');
    c.input(session.id, 'echo inst-$((2+3))\r');
    await c.untilText(session.id, 'inst-5');
  });

  it('opens a shell on the hybrid managed node (mi-…, no EC2 record)', async () => {
    const c = window();
    const { session } = await c.call('sessions', 'open', { target: DEMO_APP.hybrid, cols: 80, rows: 24 });
    await c.untilState(session.id, 'connected');
    c.input(session.id, 'echo hybrid-$((3+4))\r');
    await c.untilText(session.id, 'hybrid-7');
  });

  it('passes a resize through to the pty', async () => {
    const c = window();
    const id = await openShell(c);
    expect(c.send({ type: 'resize', sessionId: id, cols: 123, rows: 45 })).toBeNull();
    c.input(id, 'stty size\r');
    await c.untilText(id, '45 123');
  });

  it('reports exit as closed with the protocol reason, after the last output', async () => {
    const c = window();
    const id = await openShell(c);
    const awsId = app.porthole.shells.get(id).awsSessionId;
    c.input(id, 'echo bye-$((1+1)); exit\r');
    const status = await c.untilState(id, 'closed');
    expect(status.reason).toBe(`Exiting session with sessionId: ${awsId}.`);
    const order = c.dataMessages.filter((m) => m.sessionId === id).map((m) => m.type);
    expect(order.at(-1)).toBe('status');
    expect(c.text(id)).toContain('bye-2');
  });

  it('says why when Session Manager ends a shell at its maximum session duration (no silent hang), as its time limit, not a failure', async () => {
    const c = window();
    const id = await openShell(c);
    c.input(id, 'echo up-$((2*4))\r');
    await c.untilText(id, 'up-8'); // the agent is attached and running the shell
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    // What the sandbox's SessionLimits does when a region's maxSessionDuration runs out.
    app.porthole.sandbox?.registry.terminate(awsId, SESSION_LIMITS.MAX_DURATION_REASON, SESSION_LIMITS.MAX_DURATION_OUTPUT);
    expect(await c.untilState(id, 'closed')).toEqual({ state: 'closed', reason: SESSION_LIMITS.MAX_DURATION_OUTPUT, ending: 'timed-out' });
  });

  it('says the session ended in AWS when it was terminated while the connection was down', async () => {
    const c = window();
    const id = await openShell(c);
    c.input(id, 'echo up-$((3*4))\r');
    await c.untilText(id, 'up-12');
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    // The websocket drops, and before the client is back the session is terminated (TerminateSession).
    app.porthole.sandbox?.faults.set(awsId, { actions: [{ do: 'kill-socket' }] });
    app.porthole.sandbox?.registry.terminate(awsId, 'Session terminated by TerminateSession.');
    const status = await c.untilState(id, 'closed');
    expect(status).toMatchObject({ state: 'closed', ending: 'failed' });
    // Said once, in plain words; the engine's account kept as the detail.
    expect(status.reason).toBe(FAILURE_WORDS['session-ended']);
    expect(status.detail).toBe(`Session ${awsId} has ended in AWS (terminated, or timed out) while Porthole was reconnecting: ResumeSession gave no token.`);
  });

  it('keeps two windows’ sessions apart', async () => {
    const a = window();
    const b = window();
    const [ida, idb] = await Promise.all([openShell(a), openShell(b, DEMO_APP.web2)]);
    a.input(ida, 'echo only-a-$((10+1))\r');
    b.input(idb, 'echo only-b-$((20+2))\r');
    await Promise.all([a.untilText(ida, 'only-a-11'), b.untilText(idb, 'only-b-22')]);
    expect(a.output.has(idb)).toBe(false);
    expect(b.output.has(ida)).toBe(false);
    expect(b.input(ida, 'echo intruder\r')).toMatch(/not open in this window/);
    await expect(b.call('sessions', 'close', { id: ida })).rejects.toMatchObject({ code: 'failed' });
    expect((await b.call('sessions', 'list', {})).sessions.map((s) => s.id)).toEqual([idb]);
  });

  it('tells the window about a dropped connection and carries on after the resume', async () => {
    const c = window();
    const id = await openShell(c);
    c.input(id, 'echo before-$((7+1))\r');
    await c.untilText(id, 'before-8');
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    app.porthole.sandbox?.faults.set(awsId, { actions: [{ do: 'kill-socket' }] });
    await c.until('reconnecting then connected again', () => {
      const states = (c.statuses.get(id) ?? []).map((s) => s.state);
      return states.lastIndexOf('reconnecting') > 0 && states.at(-1) === 'connected';
    });
    expect(c.lastStatus(id)).toEqual({ state: 'connected', reason: 'Reconnected after the network dropped' });
    expect((c.statuses.get(id) ?? []).find((s) => s.state === 'reconnecting')?.reason).toMatch(/^Network lost \(.+\); reconnecting$/);
    c.input(id, 'echo after-$((8+1))\r');
    await c.untilText(id, 'after-9');
  });

  it('runs the settings’ ECS Exec command when the tab names none, and the tab’s own when it does', async () => {
    const c = window();
    await c.call('settings', 'update', { patch: { ecsShellCommand: 'echo from-settings-$((4+4)); exec /bin/sh' } });
    try {
      const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 80, rows: 24 });
      await c.untilText(session.id, 'from-settings-8');
      const own = await c.call('sessions', 'open', { target: { ...DEMO_APP.web, command: 'echo from-tab-$((5+5)); exec /bin/sh' }, cols: 80, rows: 24 });
      await c.untilText(own.session.id, 'from-tab-10');
      expect(c.text(own.session.id)).not.toContain('from-settings');
    } finally {
      await c.call('settings', 'update', { patch: { ecsShellCommand: '/bin/sh' } });
    }
  });

  it('renames and restarts a session under the same id', async () => {
    const c = window();
    const id = await openShell(c);
    expect((await c.call('sessions', 'rename', { id, title: 'my tab' })).session.title).toBe('my tab');
    const firstAws = app.porthole.shells.get(id).awsSessionId;
    const { session } = await c.call('sessions', 'restart', { id });
    expect(session.id).toBe(id);
    await c.untilState(id, 'connected');
    expect(app.porthole.shells.get(id).awsSessionId).not.toBe(firstAws);
    expect(app.porthole.sandbox?.registry.get(firstAws ?? '')?.state).toBe('Terminated');
    c.input(id, 'echo again-$((3*3))\r');
    await c.untilText(id, 'again-9');
  });

  it('terminates the session in the sandbox when a tab is closed, and when its window is closed for good', async () => {
    const c = window();
    const id = await openShell(c);
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    expect(app.porthole.sandbox?.registry.get(awsId)?.state).not.toBe('Terminated');
    await c.call('sessions', 'close', { id });
    expect(app.porthole.sandbox?.registry.get(awsId)?.state).toBe('Terminated');
    expect(app.porthole.shells.has(id)).toBe(false);

    const w = window();
    const other = await openShell(w);
    const otherAws = app.porthole.shells.get(other).awsSessionId ?? '';
    w.close('ended');
    await eventually('window close to terminate its session', () => app.porthole.sandbox?.registry.get(otherAws)?.state === 'Terminated');
    await eventually('the manager to forget it', () => !app.porthole.shells.has(other));
  });

  it('fails an open in plain words when the target cannot be reached', async () => {
    const c = window();
    const err = await c.call('sessions', 'open', { target: DEMO_APP.brokenAgent, cols: 80, rows: 24 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteCallError);
    expect(err).toMatchObject({ code: 'failed' });
    expect((err as RemoteCallError).nextStep?.length ?? 0).toBeGreaterThan(0);
    expect((await c.call('sessions', 'list', {})).sessions).toEqual([]);
    expect(c.dataMessages).toEqual([]); // nothing about a session the window never got an id for
  });
});

/** Quiet time that counts as "delivery has stopped" in the flow-control test. */
const PLATEAU_MS = 300;

describe('flow control', () => {
  it('holds a flood within the window, reads on as acks make room, and Ctrl-C still stops it', async () => {
    const c = window();
    const id = await openShell(c);
    const shell = app.porthole.shells.get(id);
    c.input(id, 'yes flood-line\r');
    // Reading pauses once a read-ahead's worth waits beyond the full window: no message tells it, so poll.
    await eventually('reading to pause', () => shell.readingPaused);
    // What does not fit the window waits in main (reading paused once a read-ahead's worth waits):
    // the window never holds more than its size.
    const bound = SHELLS.WINDOW_BYTES;
    // Wait until nothing has arrived for PLATEAU_MS (what was in flight may trickle in under load).
    let plateau = -1;
    while (plateau !== c.bytesReceived(id)) {
      plateau = c.bytesReceived(id);
      await new Promise((r) => setTimeout(r, PLATEAU_MS));
    }
    expect(plateau).toBeLessThanOrEqual(bound);
    await new Promise((r) => setTimeout(r, PLATEAU_MS));
    expect(c.bytesReceived(id)).toBe(plateau);
    expect(shell.readingPaused).toBe(true);

    // Ack in units of at most one batch, as xterm's write callback would (one per message).
    let acked = 0;
    const ackAll = (): void => {
      while (acked < c.bytesReceived(id)) {
        const n = Math.min(SHELLS.MAX_BATCH_BYTES, c.bytesReceived(id) - acked);
        expect(c.send({ type: 'ack', sessionId: id, bytes: n })).toBeNull();
        acked += n;
      }
    };
    ackAll();
    await c.until('more output after resuming', () => c.bytesReceived(id) > plateau);
    // What waited in main came first and in order: every whole line of the flood is intact.
    await c.until('several windows after resuming', () => {
      ackAll();
      return c.bytesReceived(id) > plateau + 4 * SHELLS.WINDOW_BYTES;
    });
    const lines = c.text(id).split(/\r?\n/);
    const flood = lines.slice(lines.findIndex((l) => l === 'flood-line'), -1);
    expect(flood.length).toBeGreaterThan(1000);
    expect(flood.filter((l) => l !== 'flood-line')).toEqual([]);

    // Ctrl-C while the renderer keeps acking: the flood ends and the shell answers again.
    c.input(id, Uint8Array.of(0x03));
    const drain = setInterval(ackAll, 5);
    try {
      c.input(id, 'echo after-$((40+2))\r');
      await c.untilText(id, /after-42\s/, 30_000);
    } finally {
      clearInterval(drain);
    }
    ackAll();
    expect(shell.unackedBytes).toBe(0);
    // A stale renderer over-acking clamps at zero.
    c.send({ type: 'ack', sessionId: id, bytes: 1_000_000 });
    expect(shell.unackedBytes).toBe(0);
  }, 60_000);
});

describe('recording', () => {
  it('records a tab as asciicast v2 when a record directory is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-rec-'));
    const recordDir = join(dir, 'casts');
    const r = await startSandboxApp({ shells: { recordDir } });
    const c = new TestClient(r.app.router);
    try {
      const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, cols: 90, rows: 30, title: 'recorded' });
      await c.untilState(session.id, 'connected');
      c.input(session.id, 'echo rec-$((9*9))\r');
      await c.untilText(session.id, 'rec-81');
      c.send({ type: 'resize', sessionId: session.id, cols: 100, rows: 31 });
      await c.call('sessions', 'close', { id: session.id });
      const files = await readdir(recordDir);
      expect(files).toEqual([expect.stringMatching(new RegExp(`^${session.id}-\\d+\\.cast$`))]);
      const lines = (await readFile(join(recordDir, files[0] ?? ''), 'utf8')).trim().split('\n');
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ version: 2, width: 90, height: 30, title: 'recorded' });
      const events = lines.slice(1).map((l) => JSON.parse(l) as [number, string, string]);
      expect(events.filter((e) => e[1] === 'o').map((e) => e[2]).join('')).toContain('rec-81');
      expect(events).toContainEqual([expect.any(Number), 'r', '100x31']);
    } finally {
      c.close();
      await r.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
