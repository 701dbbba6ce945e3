// Input typed while a tab's session (re)launches: the window takes input from the moment Reopen
// is pressed, before the new session exists in main. It reaches the new session once, in order,
// ahead of what is typed after; a launch that fails or a tab closed meanwhile takes it along; more
// than the bound is refused with an error (the window is told), not dropped without a word. The
// engine is a stand-in recording what is written to it; the launch is held until the test lets it go.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHELLS } from './constants.js';
import { sinkInto, STAND_IN_LAUNCHED, standInShell } from '../../../testing/sessions/shells/stand-in-shell.js';
import type { ManagedShell } from './managed-shell.js';
import type { LaunchedShell } from './types.js';

/** What each stand-in engine was given, newest engine last (vi.mock's factory runs before this module's body). */
const written = vi.hoisted((): string[][] => []);

vi.mock('../../ssm/shell/shell-session.js', async () => {
  const { StandInSession } = await import('../../../testing/sessions/shells/stand-in-session.js');
  class Recording extends StandInSession {
    override status: 'connecting' | 'closed' = 'connecting';
    override readonly exitCode = undefined;
    readonly #written: string[] = [];
    constructor() {
      super();
      written.push(this.#written);
    }
    override write(bytes: Uint8Array): void {
      this.#written.push(new TextDecoder().decode(bytes));
    }
  }
  return { ShellSession: Recording };
});

/** A shell whose launches wait for `next()` to let each one go (or fail). */
function shellWithHeldLaunch(): { shell: ManagedShell; next: (outcome?: Error) => void; launches: () => number } {
  const waiting: Array<(outcome?: Error) => void> = [];
  let launches = 0;
  const shell = standInShell(sinkInto(), {
    launch: () => {
      launches += 1;
      return new Promise<LaunchedShell>((resolve, reject) => waiting.push((outcome) => (outcome === undefined ? resolve(STAND_IN_LAUNCHED) : reject(outcome))));
    },
    batching: { coalesceMs: 1, maxBatchBytes: 1024, echoWindowMs: 0 },
    flow: { window: 4096, readAhead: 1024 },
  });
  return {
    shell,
    next: (outcome) => {
      const go = waiting.shift();
      if (go === undefined) throw new Error('no launch is waiting');
      go(outcome);
    },
    launches: () => launches,
  };
}

afterEach(() => {
  written.length = 0;
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Lets the event loop run until `check` holds (the restart's stop and launch are a few promise steps). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 0));
}

type HeldShell = ReturnType<typeof shellWithHeldLaunch>;

/** A held-launch shell whose first launch has been let go: its session exists. */
async function startedShell(): Promise<HeldShell> {
  const held = shellWithHeldLaunch();
  const opened = held.shell.start();
  held.next();
  await opened;
  return held;
}

/** A started shell, then Reopen: `restarted` settles once the second launch, already asked for, is let go. */
async function reopening(): Promise<HeldShell & { restarted: Promise<void> }> {
  const held = await startedShell();
  const restarted = held.shell.restart();
  await until(() => held.launches() === 2);
  return { ...held, restarted };
}

describe('input typed while a session (re)launches', () => {
  it('reaches the new session once, in order, before what is typed once it exists', async () => {
    const { shell, next, launches } = await startedShell();
    shell.input(bytes('old'));
    expect(written).toHaveLength(1);

    // Reopen: typed while the old session stops, then while the new one launches.
    const restarted = shell.restart();
    shell.input(bytes('a'));
    await until(() => launches() === 2);
    shell.input(bytes('b'));
    shell.input(bytes('c\r'));
    expect(written).toHaveLength(1);
    next();
    await restarted;
    shell.input(bytes('d'));
    expect(written.at(-1)).toEqual(['a', 'b', 'c\r', 'd']);
    expect(written[0]).toEqual(['old']);
    await shell.dispose();
  });

  it('goes with a launch that fails, and is not given to a later session', async () => {
    const { shell, next, launches, restarted } = await reopening();
    shell.input(bytes('lost-with-the-launch'));
    next(new Error('TargetNotConnected'));
    await expect(restarted).rejects.toThrow('TargetNotConnected');
    // The tab is closed now: typing goes nowhere (refused, so the window says so), and the next Reopen starts clean.
    expect(() => shell.input(bytes('typed-while-closed'))).toThrow(expect.objectContaining({ why: 'closed' }) as Error);
    const again = shell.restart();
    await until(() => launches() === 3);
    next();
    await again;
    expect(written.at(-1)).toEqual([]);
    await shell.dispose();
  });

  it('is refused past its bound with an error that says so, keeping what was held', async () => {
    const { shell, next, restarted } = await reopening();
    shell.input(bytes('kept'));
    expect(() => shell.input(new Uint8Array(SHELLS.LAUNCH_INPUT_MAX_BYTES))).toThrow(/Input refused: .* while the session starts/);
    next();
    await restarted;
    expect(written.at(-1)).toEqual(['kept']);
    await shell.dispose();
  });

  it('refuses the rest of a paste sent in several messages once its first was refused, so none of it arrives alone', async () => {
    const { shell, next, launches, restarted } = await reopening();
    shell.input(bytes('typed'));
    // A big paste's messages: the first is past the bound; its small tail would fit, and must not go.
    expect(() => shell.input(new Uint8Array(SHELLS.LAUNCH_INPUT_MAX_BYTES))).toThrow(expect.objectContaining({ why: 'starting' }) as Error);
    expect(() => shell.input(bytes('tail-of-the-paste'))).toThrow(expect.objectContaining({ why: 'starting' }) as Error);
    next();
    await restarted;
    expect(written.at(-1)).toEqual(['typed']);
    // Once the session exists, input goes again; and the next Reopen holds input afresh.
    shell.input(bytes('after'));
    expect(written.at(-1)).toEqual(['typed', 'after']);
    const again = shell.restart();
    await until(() => launches() === 3);
    shell.input(bytes('next-launch'));
    next();
    await again;
    expect(written.at(-1)).toEqual(['next-launch']);
    await shell.dispose();
  });

  it('refuses input for a session that has closed, saying so', async () => {
    const { shell } = await startedShell();
    await shell.stop();
    expect(() => shell.input(bytes('late'))).toThrow(expect.objectContaining({ why: 'closed' }) as Error);
    await shell.dispose();
  });
});
