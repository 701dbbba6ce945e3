// The drop-in's shell (shell-runner.ts) while its input goes unanswered: the channel tells the wait
// (inputWait, for the app's tabs), and the drop-in writes nothing for it: stdout and stderr carry
// the remote's output alone, so a script or ssh ProxyCommand behind it sees the same bytes as ever.
// The keys typed meanwhile still reach the shell once the gateway takes input again. Against the
// sandbox; the channel's 1 s checks are ticked by hand.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { until } from '../../../testing/vitest/bounded.js';
import { SILENCE_BOUND_TICKS } from '../../ssm/connection/liveness.js';
import { DataChannel } from '../../ssm/datachannel/data-channel.js';
import type { CliIo } from '../io.js';
import { runShell, type ShellRun } from './shell-runner.js';

/** Event-loop turns a tick is given to read what the loopback peer sends back. */
const TURNS_PER_TICK = 5;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

/** A stream that keeps everything written to it. */
function sink(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return Object.assign(stream, { text: () => text });
}

describe('the drop-in shell while its input goes unanswered', () => {
  it('writes nothing of the wait to stdout or stderr, and the keys arrive afterwards', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const clock = new ManualTimer();
    const dc = new DataChannel({ credentials: creds, target: creds.target, resumeSession: h.resumeSession, livenessTimer: clock.timer });
    const stdin = new PassThrough();
    const stdout = sink();
    const stderr = sink();
    const io: CliIo = { stdin, stdout, stderr, env: {} };
    let run: ShellRun | undefined;
    dc.on('ready', () => (run = runShell(dc, io, undefined)));
    const waits: (number | null)[] = [];
    dc.on('inputWait', (ms) => waits.push(ms));
    await dc.open();
    await until('the shell', () => run !== undefined);
    stdin.write('echo before-$((40+2)); printf "ready\\n"\n');
    await until(() => `the first command's output (got ${JSON.stringify(stdout.text())})`, () => /^ready\r?$/m.test(stdout.text()));

    h.gateway.faults.set(creds.sessionId, { toAgent: { drop: 1, types: ['input_stream_data'] } });
    // Nothing else can write now: the agent gets no input, so its shell says nothing.
    const out = stdout.text();
    const err = stderr.text();
    stdin.write('echo kept-$((6*7))\n');
    for (let i = 0; i < SILENCE_BOUND_TICKS && !waits.some((w) => w !== null); i++) {
      clock.tick();
      for (let t = 0; t < TURNS_PER_TICK; t++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(waits.some((w) => w !== null)).toBe(true);
    expect(stdout.text()).toBe(out);
    expect(stderr.text()).toBe(err);

    h.gateway.faults.set(creds.sessionId, {});
    await until(() => `the command typed while unanswered (got ${JSON.stringify(stdout.text().slice(-200))})`, () => /^kept-42\r?$/m.test(stdout.text()));
    expect(waits.at(-1)).toBeNull();
    // Only the remote's words: the wait never reached either stream.
    expect(stdout.text() + stderr.text()).not.toMatch(/answer|waiting/i);
    run?.release();
    dc.close();
  });
});
