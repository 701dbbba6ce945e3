// Input the gateway does not answer is told (the channel's `inputWait` event, input-watch.ts) long
// before the liveness check leaves a silent gateway (~35 s): a number once it has waited
// InputWait.UNANSWERED_AFTER_MS with no ack, growing each tick, then null once an ack comes or the
// connection is left for resume (before the `reconnecting` status that takes over). The input is
// delivered afterwards either way. Against the sandbox (real websockets, gateway, agent, resume);
// the channel's 1 s checks are ticked by hand (no sleeps, no timed assertions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ManualTimer, tickUntil } from '../../../testing/ssm/manual-timer.js';
import { until } from '../../../testing/vitest/bounded.js';
import { Liveness, SILENCE_BOUND_TICKS } from '../connection/liveness.js';
import { ShellSession } from '../shell/shell-session.js';
import { DataChannel } from './data-channel.js';
import { InputWait } from './input-watch.js';

/** Ticks before the wait can be told: the first tick that sees the input starts the count. */
const TELL_TICKS = Math.ceil(InputWait.UNANSWERED_AFTER_MS / Liveness.TICK_MS) + 1;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

interface Session {
  readonly dc: DataChannel;
  readonly clock: ManualTimer;
  readonly sessionId: string;
  shell(): ShellSession;
  output(): string;
  /** The shell's inputWait and status events, in order: "wait 6000", "wait null", "status reconnecting". */
  readonly log: string[];
}

/** A shell on a channel whose 1 s checks the test ticks, opened and past its first command. */
async function openShell(): Promise<Session> {
  const creds = h.addSession({ type: 'Standard_Stream' });
  const clock = new ManualTimer();
  const dc = new DataChannel({ credentials: creds, target: creds.target, resumeSession: h.resumeSession, livenessTimer: clock.timer });
  let shell: ShellSession | undefined;
  let text = '';
  const log: string[] = [];
  dc.on('ready', () => {
    const s = new ShellSession({ channel: dc, size: { cols: 200, rows: 50 } });
    s.on('output', (bytes) => (text += Buffer.from(bytes).toString('utf8')));
    s.on('inputWait', (ms) => log.push(`wait ${ms}`));
    s.on('status', (status) => log.push(`status ${status}`));
    shell = s;
  });
  await dc.open();
  await until('the shell', () => shell !== undefined);
  const session: Session = { dc, clock, sessionId: creds.sessionId, shell: () => shell as ShellSession, output: () => text, log };
  session.shell().write('echo before-$((40+2))\n');
  await until(() => `the first command's output (got ${JSON.stringify(text)})`, () => text.includes('before-42'));
  return session;
}

/** The waits told so far, as numbers (null: cleared). */
const waits = (s: Session): (number | null)[] => s.log.filter((e) => e.startsWith('wait ')).map((e) => (e === 'wait null' ? null : Number(e.slice(5))));

/** Ticks until a wait is told, at most `bound` ticks; returns how many it took. */
const tickUntilTold = (s: Session, bound: number): Promise<number> => tickUntil(s.clock, () => waits(s).some((w) => w !== null), bound);

describe('input the gateway does not answer', () => {
  it('is told while the silent gateway is still held, cleared as resume takes over, and delivered after it', async () => {
    const s = await openShell();
    h.gateway.faults.set(s.sessionId, { actions: [{ do: 'go-silent' }] });
    s.shell().write('echo after-$((6*7))\n');
    await tickUntilTold(s, SILENCE_BOUND_TICKS);
    // Told while the connection is still the silent one (the liveness check has not left it).
    expect(s.dc.status).toBe('connected');
    expect(s.clock.stopped).toBe(0);
    const first = waits(s).find((w) => w !== null);
    expect(first).toBeGreaterThanOrEqual(InputWait.UNANSWERED_AFTER_MS);
    // Ticked on until the liveness check ends the connection (it stops its own timer then).
    await tickUntil(s.clock, () => s.clock.stopped > 0, SILENCE_BOUND_TICKS);
    expect(s.clock.stopped).toBe(1);
    await until(() => `the 'reconnecting' status (log ${s.log.join(' | ')})`, () => s.log.includes('status reconnecting'));
    // The number grew each tick, and was cleared just before resume's status took over.
    const told = waits(s);
    const numbers = told.filter((w): w is number => w !== null);
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const handover = s.log.indexOf('status reconnecting');
    expect(s.log[handover - 1]).toBe('wait null');
    expect(told.at(-1)).toBeNull();
    // The keys typed into the silence reach the shell once resumed.
    await until(() => `the command typed into the silence (log ${s.log.join(' | ')})`, () => s.output().includes('after-42'));
    expect(s.dc.status).toBe('connected');
    s.dc.close();
  });

  it('is told while the gateway drops it, cleared as soon as an ack comes, and delivered without a resume', async () => {
    const s = await openShell();
    h.gateway.faults.set(s.sessionId, { toAgent: { drop: 1, types: ['input_stream_data'] } });
    s.shell().write('echo kept-$((6*7))\n');
    const ticks = await tickUntilTold(s, SILENCE_BOUND_TICKS);
    expect(waits(s).find((w) => w !== null)).toBeGreaterThanOrEqual(InputWait.UNANSWERED_AFTER_MS);
    // Never before it had waited that long (the tick that first sees the input starts the count).
    expect(ticks).toBeGreaterThanOrEqual(TELL_TICKS);
    expect(s.dc.status).toBe('connected');
    // The gateway takes input again: the channel's own resend gets it through, and its ack clears the wait.
    h.gateway.faults.set(s.sessionId, {});
    await until(() => `the wait cleared (log ${s.log.join(' | ')})`, () => waits(s).at(-1) === null);
    await until(() => `the command typed while dropped (output ends ${JSON.stringify(s.output().slice(-200))})`, () => s.output().includes('kept-42'));
    expect(s.log.filter((e) => e.startsWith('status '))).toEqual([]);
    expect(h.gateway.host(s.sessionId)?.stats.opens).toBe(1);
    s.dc.close();
  });

  it('is not told while the gateway answers', async () => {
    const s = await openShell();
    s.shell().write('echo answered-$((6*7))\n');
    await until(() => `the command's output (got ${JSON.stringify(s.output().slice(-200))})`, () => s.output().includes('answered-42'));
    await tickUntil(s.clock, () => false, 2 * TELL_TICKS);
    expect(waits(s)).toEqual([]);
    s.dc.close();
  });
});
