// ManagedShell sends terminal sizes only while its session is connected; while it launches or
// reconnects they are kept, not sent, and the size the window sends once it hears 'connected' goes
// only when the remote does not have it already: a reconnect banner that takes rows and gives them
// back makes the remote resize nothing. Keys typed while a fresh session first connects are the
// exception: the window's size goes ahead of them, since that remote has only the launch size.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShellSessionEvents } from '../../ssm/shell/shell-session.js';
import { sinkInto, standInShell } from '../../../testing/sessions/shells/stand-in-shell.js';
import type { ManagedShell } from './managed-shell.js';

/** The engine stand-in: its status is the test's; the sizes it sends to the agent are recorded. */
interface SizedEngine {
  status: 'connecting' | 'connected' | 'reconnecting' | 'closed';
  /** Every size the agent was sent, the launch's first. */
  readonly sentSizes: string[];
  /** Sizes and input in the order the agent gets them (input as `keys <text>`). */
  readonly wire: string[];
  fire<K extends keyof ShellSessionEvents>(event: K, ...args: ShellSessionEvents[K]): void;
}

const engines = vi.hoisted((): SizedEngine[] => []);

vi.mock('../../ssm/shell/shell-session.js', async () => {
  const { StandInSession } = await import('../../../testing/sessions/shells/stand-in-session.js');
  class Sized extends StandInSession {
    override status: SizedEngine['status'] = 'connecting';
    readonly sentSizes: string[] = [];
    readonly wire: string[] = [];
    #last: string;
    constructor(options: { size: { cols: number; rows: number } }) {
      super();
      this.#last = `${options.size.cols}x${options.size.rows}`;
      this.sentSizes.push(this.#last);
      this.wire.push(this.#last);
      engines.push(this);
    }
    // As the real session: an unchanged size is not sent again.
    override resize(cols: number, rows: number): void {
      const size = `${cols}x${rows}`;
      if (size === this.#last) return;
      this.#last = size;
      this.sentSizes.push(size);
      this.wire.push(size);
    }
    override write(bytes: Uint8Array): void {
      this.wire.push(`keys ${new TextDecoder().decode(bytes)}`);
    }
  }
  return { ShellSession: Sized };
});

async function started(): Promise<{ shell: ManagedShell; engine: SizedEngine }> {
  const shell = standInShell(sinkInto(), { batching: { coalesceMs: 1_000, maxBatchBytes: 16 * 1024, echoWindowMs: 0 }, flow: { window: 48 * 1024, readAhead: 16 * 1024 } });
  await shell.start();
  const engine = engines.at(-1);
  if (engine === undefined) throw new Error('no engine was made');
  return { shell, engine };
}

function setStatus(engine: SizedEngine, status: 'connected' | 'reconnecting', detail = ''): void {
  engine.status = status;
  engine.fire('status', status, detail);
}

afterEach(() => {
  engines.length = 0;
});

describe('ManagedShell resizes while not connected', () => {
  it('sends nothing for a banner that takes rows and gives them back during a reconnect', async () => {
    const { shell, engine } = await started();
    setStatus(engine, 'connected');
    setStatus(engine, 'reconnecting', 'socket closed');
    shell.resize(80, 22); // the banner takes two rows
    setStatus(engine, 'connected', 'resumed');
    shell.resize(80, 24); // the window, told it is connected, drops the banner and sends its size
    expect(engine.sentSizes).toEqual(['80x24']);
    await shell.dispose();
  });

  it('sends none of the sizes given while reconnecting; the first once connected goes at once', async () => {
    const { shell, engine } = await started();
    setStatus(engine, 'connected');
    setStatus(engine, 'reconnecting', 'socket closed');
    shell.resize(100, 30);
    shell.resize(120, 40);
    setStatus(engine, 'connected', 'resumed');
    expect(engine.sentSizes).toEqual(['80x24']);
    shell.resize(120, 38);
    expect(engine.sentSizes).toEqual(['80x24', '120x38']);
    await shell.dispose();
  });

  it('holds sizes while the first connect is under way', async () => {
    const { shell, engine } = await started();
    shell.resize(80, 22);
    shell.resize(90, 30);
    expect(engine.sentSizes).toEqual(['80x24']);
    setStatus(engine, 'connected');
    shell.resize(90, 30);
    expect(engine.sentSizes).toEqual(['80x24', '90x30']);
    await shell.dispose();
  });

  it('sends the window’s size ahead of keys typed while a fresh session first connects (its remote has only the launch size)', async () => {
    const { shell, engine } = await started();
    shell.resize(121, 39); // the window fitted its pane (the connecting banner takes two rows)
    shell.input(new TextEncoder().encode('ls\r'));
    shell.input(new TextEncoder().encode('pwd\r'));
    expect(engine.wire).toEqual(['80x24', '121x39', 'keys ls\r', 'keys pwd\r']);
    setStatus(engine, 'connected');
    shell.resize(121, 41); // the banner went
    expect(engine.wire).toEqual(['80x24', '121x39', 'keys ls\r', 'keys pwd\r', '121x41']);
    await shell.dispose();
  });

  it('keeps holding sizes for keys typed while reconnecting: that remote has the size from before the drop', async () => {
    const { shell, engine } = await started();
    setStatus(engine, 'connected');
    shell.resize(121, 41);
    setStatus(engine, 'reconnecting', 'socket closed');
    shell.resize(121, 39); // the reconnecting banner takes two rows
    shell.input(new TextEncoder().encode('ls\r'));
    setStatus(engine, 'connected', 'resumed');
    shell.resize(121, 41);
    expect(engine.wire).toEqual(['80x24', '121x41', 'keys ls\r']);
    await shell.dispose();
  });
});
