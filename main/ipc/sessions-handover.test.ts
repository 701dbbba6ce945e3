// Sessions outlive their window: a reload or a dropped web host socket leaves them waiting for a
// window to adopt them (with their scrollback replayed and their size), a newer window takes them
// from an older one (which is told), and the grace period's end terminates them in AWS. Against
// the sandbox: real launches, the engine over real websockets, the emulated agent's real ptys.
import { describe, expect, it } from 'vitest';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import { eventually, RemoteCallError, type TestClient } from '../../testing/composition/test-client.js';
import { MOVED_REASON } from './sessions.js';

/** Short, so the expiry test waits seconds rather than minutes; long enough for an adopt under load. */
const GRACE_MS = 3000;
/**
 * Proofs that the grace period passing changes nothing can only wait it out: past GRACE_MS by a
 * margin for a loaded machine's late timer.
 */
const PAST_GRACE_MS = GRACE_MS + 500;

const app = sandboxAppPerFile({ sessionGraceMs: GRACE_MS }, 'ended');
const window = (): TestClient => app.window();

async function openShell(c: TestClient, size = { cols: 80, rows: 24 }): Promise<string> {
  const { session } = await c.call('sessions', 'open', { target: DEMO_APP.web, ...size });
  await c.untilState(session.id, 'connected');
  return session.id;
}

const awsState = (id: string): string | undefined => app.porthole.sandbox?.registry.get(app.porthole.shells.get(id).awsSessionId ?? '')?.state;

/** Acks everything received so far, in units no larger than the renderer's. */
function ackAll(c: TestClient, id: string, from: number): number {
  let acked = from;
  while (acked < c.bytesReceived(id)) {
    const n = Math.min(64 * 1024, c.bytesReceived(id) - acked);
    expect(c.send({ type: 'ack', sessionId: id, bytes: n })).toBeNull();
    acked += n;
  }
  return acked;
}

describe('a window that goes away and one that comes back', () => {
  it('keeps the session, lists it as waiting with its size, and replays its output to the window that adopts it', async () => {
    const first = window();
    const id = await openShell(first, { cols: 91, rows: 33 });
    first.input(id, 'echo marker-$((6*7))\r');
    await first.untilText(id, 'marker-42');
    first.close(); // a reload: 'dropped'

    const shell = app.porthole.shells.get(id);
    expect(shell.attached).toBe(false);
    expect(awsState(id)).not.toBe('Terminated');
    // Output while no window has it goes to the scrollback only, and nothing is owed.
    expect(shell.unackedBytes).toBe(0);

    const second = window();
    const { sessions } = await second.call('sessions', 'adoptable', {});
    const mine = sessions.find((s) => s.session.id === id);
    expect(mine).toMatchObject({ cols: 91, rows: 33, owner: 'waiting', session: { id, status: { state: 'connected' } } });
    expect(mine?.expiresAt).toBeGreaterThan(Date.now());
    expect((await second.call('sessions', 'list', {})).sessions).toEqual([]);

    const adopted = await second.call('sessions', 'adopt', { ids: [id] });
    expect(adopted.sessions.map((s) => s.id)).toEqual([id]);
    // The scrollback arrived before the reply, then the status.
    expect(second.text(id)).toContain('marker-42');
    expect(second.lastStatus(id)?.state).toBe('connected');
    expect((await second.call('sessions', 'list', {})).sessions.map((s) => s.id)).toEqual([id]);

    // Flow control counts the replay like live output; the new window's acks settle it exactly.
    expect(shell.unackedBytes).toBe(second.bytesReceived(id));
    const acked = ackAll(second, id, 0);
    expect(shell.unackedBytes).toBe(0);

    expect(second.input(id, 'echo again-$((7*7))\r')).toBeNull();
    await second.untilText(id, 'again-49');
    ackAll(second, id, acked);
    expect(shell.unackedBytes).toBe(0);

    // Adopted in time: the grace period passing changes nothing.
    await new Promise((r) => setTimeout(r, PAST_GRACE_MS));
    expect(app.porthole.shells.has(id)).toBe(true);
    expect(awsState(id)).not.toBe('Terminated');

    // Closing the tab still terminates.
    await second.call('sessions', 'close', { id });
    expect(app.porthole.shells.has(id)).toBe(false);
  }, 60_000);

  it('terminates a session no window adopted once the grace period is over', async () => {
    const c = window();
    const id = await openShell(c);
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    c.close();
    expect(app.porthole.sandbox?.registry.get(awsId)?.state).not.toBe('Terminated');
    await eventually('the grace period to terminate the session', () => app.porthole.sandbox?.registry.get(awsId)?.state === 'Terminated', GRACE_MS + 15_000);
    expect(app.porthole.shells.has(id)).toBe(false);
    const later = window();
    expect((await later.call('sessions', 'adoptable', {})).sessions.map((s) => s.session.id)).not.toContain(id);
    expect((await later.call('sessions', 'adopt', { ids: [id] })).sessions).toEqual([]);
  }, 60_000);

  it('ends the sessions of a window closed for good at once', async () => {
    const c = window();
    const id = await openShell(c);
    const awsId = app.porthole.shells.get(id).awsSessionId ?? '';
    c.close('ended');
    await eventually('the session to end', () => app.porthole.sandbox?.registry.get(awsId)?.state === 'Terminated');
    expect(app.porthole.shells.has(id)).toBe(false);
  });
});

describe('forwards', () => {
  it('never belonged to a window: one made by a window that went away keeps moving bytes and is listed to the next', async () => {
    const gone = window();
    const { forward } = await gone.call('forwards', 'create', { spec: { target: DEMO_APP.web, remotePort: 8080, localPort: 'auto', name: 'kept' } });
    gone.close();
    await new Promise((r) => setTimeout(r, PAST_GRACE_MS)); // past the sessions' grace period too
    const next = window();
    expect((await next.call('forwards', 'list', {})).forwards).toContainEqual(expect.objectContaining({ id: forward.id, state: 'listening', localPort: forward.localPort }));
    const res = await fetch(`http://127.0.0.1:${forward.localPort ?? 0}/`);
    expect(await res.text()).toMatch(/^hello from .+ port 8080\n$/);
    await next.call('forwards', 'remove', { id: forward.id });
  }, 60_000);
});

describe('replaying a full-screen app', () => {
  it('cuts a long alternate-screen stretch to the last 1 MiB and re-enters the alternate screen first', async () => {
    const older = window();
    const id = await openShell(older);
    // The switch to the alternate screen, then more than SHELLS.SCROLLBACK_BYTES drawn on it.
    older.input(id, "printf '\\033[?1049h'; yes alt-screen-line | head -c 1200000; printf 'drawn-%s\\n' done\r");
    // The older window keeps up (acks what it got), as xterm would.
    let acked = 0;
    const drain = setInterval(() => (acked = ackAll(older, id, acked)), 5);
    try {
      await older.untilText(id, /drawn-done/, 45_000);
    } finally {
      clearInterval(drain);
    }
    const newer = window();
    await newer.call('sessions', 'adopt', { ids: [id] });
    const replay = Buffer.concat(newer.output.get(id) ?? []);
    expect(replay.byteLength).toBeLessThanOrEqual(1024 * 1024 + 8);
    expect(replay.byteLength).toBeGreaterThan(1024 * 1024 - 64 * 1024);
    expect(replay.subarray(0, 8).toString('latin1')).toBe('\x1b[?1049h');
    expect(replay.subarray(8, 8 + 'alt-screen-line'.length).toString('latin1')).toBe('alt-screen-line');
    expect(newer.text(id)).toMatch(/drawn-done/);
    expect(newer.text(id)).not.toContain('printf'); // the command line was cut away with the oldest output
  }, 90_000);
});

describe('one owner at a time', () => {
  it('lets a newer window take live sessions from an older one, which is told and can no longer drive them', async () => {
    const older = window();
    const a = await openShell(older);
    const b = await openShell(older);
    older.input(a, 'echo tab-a-$((1+1))\r');
    older.input(b, 'echo tab-b-$((2+2))\r');
    await older.untilText(a, 'tab-a-2');
    await older.untilText(b, 'tab-b-4');

    const newer = window();
    const listed = (await newer.call('sessions', 'adoptable', {})).sessions.filter((s) => s.session.id === a || s.session.id === b);
    expect(listed.map((s) => s.owner)).toEqual(['elsewhere', 'elsewhere']);
    expect(listed[0]?.expiresAt).toBeUndefined();

    await newer.call('sessions', 'adopt', { ids: [a, b] });
    expect(older.eventsOf('sessions', 'moved')).toEqual([{ ids: [a, b], reason: MOVED_REASON }]);
    expect(newer.text(a)).toContain('tab-a-2');
    expect(newer.text(b)).toContain('tab-b-4');

    // The older window's input is refused; its close does not end the newer window's session.
    expect(older.input(a, 'echo nope\r')).toMatch(/not open in this window/);
    const err = await older.call('sessions', 'close', { id: a }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteCallError);
    expect(app.porthole.shells.has(a)).toBe(true);
    expect((await older.call('sessions', 'list', {})).sessions).toEqual([]);

    const before = older.bytesReceived(b);
    newer.input(b, 'echo only-newer-$((3+3))\r');
    await newer.untilText(b, 'only-newer-6');
    expect(older.bytesReceived(b)).toBe(before);

    // The older window (reloaded) takes them back: the newer one is told in turn.
    await older.call('sessions', 'adopt', { ids: [a] });
    expect(newer.eventsOf('sessions', 'moved')).toEqual([{ ids: [a], reason: MOVED_REASON }]);
    older.input(a, 'echo back-$((5*5))\r');
    await older.untilText(a, 'back-25');
  }, 60_000);

  it('refuses a malformed adopt and ignores ids that are not open', async () => {
    const c = window();
    const empty = await c.call('sessions', 'adopt', { ids: [] }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'invalid_params' });
    const bad = await c.call('sessions', 'adopt', { ids: ['no spaces allowed'] }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'invalid_params' });
    expect((await c.call('sessions', 'adopt', { ids: ['s-gone'] })).sessions).toEqual([]);
  });
});
