// ManagedShell's flow control toward the window with the engine replaced by a scripted stand-in:
// output is emitted exactly when the test says, so what main holds beyond the window, when reading
// pauses, and where what waits goes when the session ends, is deterministic (the sandbox tests in main/ipc cover the real engine).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo, SessionTaskEnd, ShellTarget } from '../../../shared/contract/index.js';
import type { ShellSessionEvents } from '../../ssm/shell/shell-session.js';
import { sinkInto, standInShell, type Sent } from '../../../testing/sessions/shells/stand-in-shell.js';
import type { ManagedShell } from './managed-shell.js';
import type { ShellManagerOptions } from './types.js';

/** The engine stand-in: the test emits its output and its end; pause/resume are recorded. */
interface ScriptedEngine {
  status: 'connected' | 'closed';
  paused: boolean;
  /** Emits an engine event as the real session would. */
  fire<K extends keyof ShellSessionEvents>(event: K, ...args: ShellSessionEvents[K]): void;
}

/** Every stand-in made, newest last (vi.mock's factory runs before this module's body). */
const engines = vi.hoisted((): ScriptedEngine[] => []);

vi.mock('../../ssm/shell/shell-session.js', async () => {
  const { StandInSession } = await import('../../../testing/sessions/shells/stand-in-session.js');
  class Scripted extends StandInSession {
    override status: 'connected' | 'closed' = 'connected';
    paused = false;
    constructor() {
      super();
      engines.push(this);
    }
    override pause(): void {
      this.paused = true;
    }
    override resume(): void {
      this.paused = false;
    }
  }
  return { ShellSession: Scripted };
});

const WINDOW = 48 * 1024;
const READ_AHEAD = 16 * 1024;
const BATCH = 16 * 1024;

async function started(extra: Partial<ShellManagerOptions> = {}): Promise<{ shell: ManagedShell; engine: ScriptedEngine; sent: Sent[] }> {
  const sent: Sent[] = [];
  const shell = standInShell(sinkInto(sent), { batching: { coalesceMs: 1_000, maxBatchBytes: BATCH, echoWindowMs: 0 }, flow: { window: WINDOW, readAhead: READ_AHEAD }, ...extra });
  await shell.start();
  const engine = engines.at(-1);
  if (engine === undefined) throw new Error('no engine was made');
  return { shell, engine, sent };
}

const outputBytes = (sent: Sent[]): number => sent.reduce((n, s) => n + (s.kind === 'output' ? s.bytes.byteLength : 0), 0);

afterEach(() => {
  engines.length = 0;
});

describe('ManagedShell flow control toward the window', () => {
  it('holds what does not fit the window, pausing reading once a read-ahead waits, and sends it as acks make room', async () => {
    const { shell, engine, sent } = await started();
    // Seven full batches in one go, as one socket read can hold.
    for (let i = 0; i < 7; i++) engine.fire('output', new Uint8Array(BATCH).fill(0x61 + i), 'stdout');
    expect(outputBytes(sent)).toBe(WINDOW);
    expect(engine.paused).toBe(true);
    shell.ack(outputBytes(sent));
    expect(outputBytes(sent)).toBe(2 * WINDOW);
    expect(engine.paused).toBe(true); // one batch still waits: a read-ahead's worth
    shell.ack(WINDOW);
    expect(outputBytes(sent)).toBe(7 * BATCH);
    expect(engine.paused).toBe(false);
    const firstBytes = sent.flatMap((s) => (s.kind === 'output' ? [s.bytes[0]] : []));
    expect(firstBytes).toEqual([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67]);
    await shell.dispose();
  });

  it('sends the next batch as soon as one batch is acked, while the rest of the window is still being parsed', async () => {
    const { shell, engine, sent } = await started();
    for (let i = 0; i < 5; i++) engine.fire('output', new Uint8Array(BATCH).fill(0x61 + i), 'stdout');
    expect(sent.length).toBe(3);
    // xterm parsed the first message: its room goes to what waits at once, not once most of the window is parsed.
    shell.ack(BATCH);
    expect(sent.length).toBe(4);
    expect(sent[3]?.kind === 'output' && sent[3].bytes[0]).toBe(0x64);
    expect(shell.unackedBytes).toBe(WINDOW);
    await shell.dispose();
  });

  it('sends what waited as full batches, partial pieces joined and cut, and the scrollback keeps every byte once', async () => {
    const { shell, engine, sent } = await started();
    vi.useFakeTimers();
    try {
      for (let i = 0; i < 3; i++) engine.fire('output', new Uint8Array(BATCH), 'stdout');
      const before = sent.length;
      // Output that came while the window was full: two partial batches let go by the coalescing timer, then a full one.
      engine.fire('output', new Uint8Array(1024).fill(0x31), 'stdout');
      vi.advanceTimersByTime(1_000);
      engine.fire('output', new Uint8Array(1024).fill(0x32), 'stdout');
      vi.advanceTimersByTime(1_000);
      engine.fire('output', new Uint8Array(BATCH).fill(0x33), 'stdout');
      expect(sent.length).toBe(before);
      expect(engine.paused).toBe(true);
      shell.ack(BATCH);
      const first = sent.slice(before).flatMap((s) => (s.kind === 'output' ? [s.bytes] : []));
      expect(first.map((b) => b.byteLength)).toEqual([BATCH]);
      expect([first[0]?.[0], first[0]?.[1024], first[0]?.[2048], first[0]?.[BATCH - 1]]).toEqual([0x31, 0x32, 0x33, 0x33]);
      expect(engine.paused).toBe(false); // 2 KiB wait: less than a read-ahead
      shell.ack(BATCH);
      const rest = sent.slice(before + 1).flatMap((s) => (s.kind === 'output' ? [s.bytes] : []));
      expect(rest.map((b) => b.byteLength)).toEqual([2048]); // nothing else waits: the partial goes
      const replayed: Uint8Array[] = [];
      shell.attach({ output: (bytes) => replayed.push(bytes), status: () => {} });
      expect(replayed.reduce((n, b) => n + b.byteLength, 0)).toBe(4 * BATCH + 2048);
    } finally {
      vi.useRealTimers();
    }
    await shell.dispose();
  });

  it('sends everything held before the closed status when the session ends while paused', async () => {
    const { shell, engine, sent } = await started();
    for (let i = 0; i < 7; i++) engine.fire('output', new Uint8Array(BATCH).fill(0x61 + i), 'stdout');
    expect(engine.paused).toBe(true);
    // The session ends (channel_closed read in the same burst); the window has acked nothing yet.
    engine.status = 'closed';
    engine.fire('closed', { kind: 'channel-closed', output: '', message: 'Exiting session with sessionId: aws-session.' });
    const last = sent.at(-1);
    expect(last?.kind).toBe('status');
    expect(last?.kind === 'status' && last.status.state).toBe('closed');
    // The whole tail came before it, in order.
    expect(outputBytes(sent)).toBe(7 * BATCH);
    const firstBytes = sent.flatMap((s) => (s.kind === 'output' ? [s.bytes[0]] : []));
    expect(firstBytes).toEqual([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67]);
    await shell.dispose();
  });

  it('lets go of what it held when the window goes away: reading resumes, the next window gets it all from the scrollback', async () => {
    const { shell, engine, sent } = await started();
    for (let i = 0; i < 7; i++) engine.fire('output', new Uint8Array(BATCH).fill(0x61 + i), 'stdout');
    expect(engine.paused).toBe(true);
    shell.detach();
    expect(engine.paused).toBe(false);
    // With no window, output only goes to the scrollback: nothing waits for acks that cannot come.
    engine.fire('output', new Uint8Array(BATCH).fill(0x68), 'stdout');
    expect(engine.paused).toBe(false);
    const before = sent.length;
    const next: Sent[] = [];
    shell.attach({ output: (bytes) => next.push({ kind: 'output', bytes }), status: (status) => next.push({ kind: 'status', status }) });
    expect(sent.length).toBe(before);
    expect(outputBytes(next)).toBe(8 * BATCH);
    await shell.dispose();
  });
});

describe('ManagedShell tells the app of a session that ended by itself', () => {
  it('names the target when the engine closes on its own, not when Porthole stops or restarts it', async () => {
    const ended: ShellTarget[] = [];
    const { shell, engine } = await started({ ended: (target) => ended.push(target) });
    await shell.restart(); // Porthole's own end: the old engine's close is not the target's doing
    expect(ended).toEqual([]);
    const next = engines.at(-1);
    expect(next).not.toBe(engine);
    next?.fire('closed', { kind: 'channel-closed', output: 'The task stopped.', message: 'The task stopped.' });
    expect(ended).toEqual([shell.target]);
    await shell.dispose();
    expect(ended).toHaveLength(1);
  });

  it('names the target when the launch fails', async () => {
    const ended: ShellTarget[] = [];
    const shell = standInShell(sinkInto(), { launch: () => Promise.reject(new Error('TargetNotConnected')), ended: (target) => ended.push(target) }, 's-2');
    await expect(shell.start()).rejects.toThrow('TargetNotConnected');
    expect(ended).toEqual([shell.target]);
    await shell.dispose();
  });

  it('tells the window what ECS said of the ended session\'s task, unless that session was restarted since', async () => {
    let taskEnded: ((end: SessionTaskEnd) => void) | undefined;
    const infos: SessionInfo[] = [];
    const shell = standInShell({ ...sinkInto(), info: (info) => infos.push(info) }, {
      ended: (_target, told) => {
        taskEnded = told;
      },
    }, 's-3');
    await shell.start();
    const closed = { kind: 'channel-closed', output: '', message: '' } as const;
    engines.at(-1)?.fire('closed', closed);
    const first = taskEnded;
    first?.({ state: 'stopped', stoppedReason: 'Task stopped by user', exitCode: 143 });
    expect(infos.map((i) => i.taskEnd)).toEqual([{ state: 'stopped', stoppedReason: 'Task stopped by user', exitCode: 143 }]);
    expect(shell.info().taskEnd).toEqual({ state: 'stopped', stoppedReason: 'Task stopped by user', exitCode: 143 });
    // Reopened: the new session knows nothing of the old one's task, and a late answer about it is dropped.
    await shell.restart();
    expect(shell.info().taskEnd).toBeUndefined();
    first?.({ state: 'stopped' });
    engines.at(-1)?.fire('closed', closed);
    expect(infos).toHaveLength(1);
    expect(shell.info().taskEnd).toBeUndefined();
    await shell.dispose();
  });
});
