// The shell plugin against its host contract alone (no gateway, no websocket): a pty the agent
// stopped reading keeps what its command wrote after the command exits, however long it stays
// unread (node-pty would discard it 200 ms after the exit), and the session ends only once the
// pty has been read to its end. Input reaches the program in order however full its pty, and
// none is written once the pty closes (node-pty's own write logged EBADF for that).
import { execFileSync } from 'node:child_process';
import { pbkdf2 } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayloadType } from '../../ssm/frame/index.js';
import { AGENT, type PacingMode } from './constants.js';
import type { PluginHost } from './plugin.js';
import { ShellPlugin } from './shell-plugin.js';

/** A bound for each wait below, not a target. */
const WAIT_LIMIT_MS = 10_000;
const POLL_MS = 5;
/**
 * Just over the shell pump's high-water mark, so the pump fills whatever the read sizes; what is
 * left unread when it does always fits in the kernel's pty buffer, so the command exits unread.
 */
const OUTPUT_BYTES = AGENT.SHELL_PUMP_HIGH_WATER_BYTES + 1024;
/** Longer than node-pty's own discard (200 ms after the exit), with the event loop blocked. */
const STALL_MS = 400;
/** Many times the pty's input buffer (4 KB on Linux), so most of it waits for the program to read. */
const INPUT_BYTES = 256 * 1024;
/** Twice libuv's default threadpool (4 threads), so every thread stays busy for a while. */
const THREADPOOL_JOBS = 8;
/** Enough key-derivation rounds to keep a thread busy for tens of milliseconds. */
const BUSY_ITERATIONS = 200_000;

/** A faithful flood runs this long before the interrupt, so the agent's queue is as full as it gets. */
const FLOOD_BEFORE_INTERRUPT_MS = 300;
/**
 * Output the faithful agent may still send after Ctrl-C: what it had read and queued (its pump's
 * high-water mark plus one pty read, at most the line discipline's 4 KB), what the kernel had
 * already moved past the interrupt's flush (another 4 KB), and the few milliseconds of paced
 * output while the interrupt reaches `yes` (seen: 8–14 KB in all). The 32 KiB queue this replaces
 * sent ~35 KB; the real agent keeps no queue at all (spec §7.3).
 */
const AFTER_INTERRUPT_MAX_BYTES = AGENT.FAITHFUL_SHELL_PUMP_HIGH_WATER_BYTES + 5 * 4096;

/** `bytes` of short lines (the pty's line discipline takes at most 4 KB per line). */
function inputLines(bytes: number): Buffer {
  const line = `${'x'.repeat(63)}\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length))).subarray(0, bytes);
}

/** POSIX cksum's output for `data` (the test computes it with the same tool the command runs). */
function cksumOf(data: Buffer): string {
  return execFileSync('cksum', { input: data }).toString().trim();
}

interface TestHost extends PluginHost {
  active: boolean;
  readonly output: Buffer[];
  finished: Promise<string>;
}

function testHost(pacing: PacingMode = 'unpaced'): TestHost {
  let done: (output: string) => void = () => undefined;
  const host: TestHost = {
    sessionId: 'shell-plugin-test',
    pacing,
    active: false,
    output: [],
    finished: new Promise<string>((resolve) => (done = resolve)),
    send(payloadType, payload) {
      if (payloadType === PayloadType.Output) host.output.push(Buffer.from(payload));
    },
    ready: () => undefined,
    finish: (output) => done(output),
  };
  return host;
}

let plugin: ShellPlugin | undefined;
afterEach(() => plugin?.stop());

function processAlive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it holds; generous, since only the order of events is under test. */
async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('ShellPlugin', () => {
  it('keeps a paused pty\'s output after its command exits, through a stalled event loop, and sends all of it', async () => {
    const host = testHost();
    plugin = new ShellPlugin(host, { shell: '/bin/sh', command: `head -c ${OUTPUT_BYTES} /dev/zero | tr '\\000' a; printf '\\nTAIL-MARK\\n'`, workdir: process.cwd(), startDelayMs: 0 });
    plugin.start();
    const p = plugin;
    // Nothing is sent (the client is away): the pump fills, which pauses the pty; the command
    // finishes into the kernel's buffer and exits unread.
    await until('the pty paused and its command gone', () => p.readingPaused && !processAlive(p.pid));
    const until_ = performance.now() + STALL_MS;
    while (performance.now() < until_) {
      // Blocked: node-pty's 200 ms timer (if it were armed) would fire first on the next turn.
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.output).toHaveLength(0);
    host.active = true;
    plugin.activeChanged();
    expect(await host.finished).toBe('');
    expect(Buffer.concat(host.output).toString()).toBe(`${'a'.repeat(OUTPUT_BYTES)}\r\nTAIL-MARK\r\n`);
  });

  it('paced like the real agent, keeps no more than a read or two queued, so Ctrl-C stops a flood within a few KB', async () => {
    const host = testHost('faithful');
    host.active = true;
    plugin = new ShellPlugin(host, { shell: '/bin/sh', command: 'yes', workdir: process.cwd(), startDelayMs: 0 });
    plugin.start();
    const p = plugin;
    const sent = (): number => host.output.reduce((n, b) => n + b.length, 0);
    await until('the flood is flowing', () => sent() > 0);
    await new Promise((resolve) => setTimeout(resolve, FLOOD_BEFORE_INTERRUPT_MS));
    const atInterrupt = sent();
    expect(p.input(PayloadType.Output, Buffer.from([0x03]))).toBe('ok');
    expect(await host.finished).toBe('');
    expect(sent() - atInterrupt).toBeLessThanOrEqual(AFTER_INTERRUPT_MAX_BYTES);
  });

  it('writes all of a large input in order, though the pty takes only a few KB at a time', async () => {
    const host = testHost();
    host.active = true;
    plugin = new ShellPlugin(host, { shell: '/bin/sh', command: `stty -echo; head -c ${INPUT_BYTES} | cksum`, workdir: process.cwd(), startDelayMs: 0 });
    plugin.start();
    const input = inputLines(INPUT_BYTES);
    expect(plugin.input(PayloadType.Output, input)).toBe('ok');
    expect(await host.finished).toBe('');
    const expected = cksumOf(input);
    expect(Buffer.concat(host.output).toString()).toContain(expected);
  });

  it('never writes input to a pty that closed after it was queued: nothing is logged', async () => {
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const host = testHost();
      plugin = new ShellPlugin(host, { shell: '/bin/sh', command: 'sleep 5', workdir: process.cwd(), startDelayMs: 0 });
      plugin.start();
      // Every libuv thread busy: an asynchronous write queued now can only run after the stop below
      // has closed the master (node-pty's write did just that, and logged EBADF).
      const busy = Array.from({ length: THREADPOOL_JOBS }, () => new Promise((resolve) => pbkdf2('k', 's', BUSY_ITERATIONS, 32, 'sha256', resolve)));
      expect(plugin.input(PayloadType.Output, Buffer.from('echo late\n'))).toBe('ok');
      plugin.stop();
      await Promise.all(busy);
      expect(plugin.input(PayloadType.Output, Buffer.from('after stop\n'))).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(logged).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
