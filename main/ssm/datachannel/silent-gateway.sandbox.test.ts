// A gateway that goes silent mid-session with its TCP connection up (the sandbox's go-silent fault:
// no frames, no acks, no pongs, no error) is left and the session resumed within the liveness
// bound, input typed meanwhile delivered; a gateway that is alive but whose agent sends nothing
// back for a long while (output and acks lost, a paste in flight) is kept. The data channel and
// shell are the ones both the drop-in (cli/plugin/shell-runner.ts) and the app's sessions run on.
// Liveness time is counted in ticks of a hand-driven timer (no sleeps, no timed assertions);
// everything else (sandbox, websockets, ResumeSession) is real.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ManualTimer } from '../../../testing/ssm/manual-timer.js';
import { until } from '../../../testing/vitest/bounded.js';
import { LivenessCheck, SILENCE_BOUND_TICKS } from '../connection/liveness.js';
import { ShellSession } from '../shell/shell-session.js';
import { DataChannel } from './data-channel.js';

/** Event-loop turns a tick is given to read what a live loopback peer sends back (it lives in this process). */
const TURNS_PER_TICK = 5;
/** Silence bounds the live-but-quiet session is ticked through (each one probes it at least once). */
const QUIET_BOUNDS = 4;
/** Lines of the paste sent while the agent's replies are lost. */
const PASTE_LINES = 100;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });
afterEach(() => { vi.restoreAllMocks(); });

interface Session {
  dc: DataChannel;
  shell: () => ShellSession;
  clock: ManualTimer;
  output: () => string;
  statuses: string[];
}

/** A shell on a channel whose liveness the test ticks, opened and past its first command. */
async function openShell(): Promise<Session & { sessionId: string }> {
  const creds = h.addSession({ type: 'Standard_Stream' });
  const clock = new ManualTimer();
  const dc = new DataChannel({ credentials: creds, target: creds.target, resumeSession: h.resumeSession, livenessTimer: clock.timer });
  let shell: ShellSession | undefined;
  let text = '';
  const statuses: string[] = [];
  dc.on('status', (status, detail) => statuses.push(`${status}: ${detail}`));
  // Attached in the ready listener, as the drop-in's shell runner does.
  dc.on('ready', () => {
    shell = new ShellSession({ channel: dc, size: { cols: 200, rows: 50 } });
    shell.on('output', (bytes) => (text += Buffer.from(bytes).toString('utf8')));
  });
  await dc.open();
  await until('the shell', () => shell !== undefined);
  const s = { dc, shell: () => shell as ShellSession, clock, output: () => text, statuses, sessionId: creds.sessionId };
  s.shell().write('echo before-$((40+2))\n');
  await until(() => `the first command's output (got ${JSON.stringify(text)})`, () => text.includes('before-42'));
  return s;
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('a data channel whose gateway goes silent', () => {
  it('is left within the liveness bound and resumed, delivering the input typed into the silence', async () => {
    const s = await openShell();
    h.gateway.faults.set(s.sessionId, { actions: [{ do: 'go-silent' }] });
    s.shell().write('echo after-$((6*7))\n');
    // Ticks until the check ends the connection (it stops itself then), at most the bound.
    let ticks = 0;
    while (ticks < SILENCE_BOUND_TICKS && s.clock.stopped === 0) {
      s.clock.tick();
      ticks++;
      await turns(TURNS_PER_TICK);
    }
    expect(s.clock.stopped).toBe(1);
    const reconnecting = (): string | undefined => s.statuses.find((x) => x.startsWith('reconnecting'));
    await until(() => `the 'reconnecting' status (statuses ${s.statuses.join(' | ')})`, () => reconnecting() !== undefined);
    expect(reconnecting()).toMatch(/no reply from the gateway for \d+ s/);
    await until(() => `the command typed during the silence, after resuming (statuses ${s.statuses.join(' | ')})`, () => s.output().includes('after-42'));
    expect(s.dc.status).toBe('connected');
    expect(h.gateway.host(s.sessionId)?.stats.opens).toBe(2);
    s.dc.close();
  });

  it('is kept while alive: replies answered, though the agent\'s output and acks are lost for many bounds', async () => {
    const s = await openShell();
    h.gateway.faults.set(s.sessionId, { toClient: { drop: 1, types: ['output_stream_data', 'acknowledge'] } });
    const lines = Array.from({ length: PASTE_LINES }, (_, i) => `pasted line ${i} ${'x'.repeat(64)}`);
    s.shell().write(`cat <<'EOF' | wc -l | sed 's/^ */count=/'\n${lines.join('\n')}\nEOF\n`);
    // Pings the client sent (counted where ws sends them), those the gateway got, and the pongs the
    // client read (the liveness check is told of each).
    const sent = vi.spyOn(WebSocket.prototype, 'ping');
    const pongsRead = vi.spyOn(LivenessCheck.prototype, 'pongSeen');
    const gatewayPings = (): number => h.gateway.host(s.sessionId)?.stats.pings ?? 0;
    const sentBefore = sent.mock.calls.length;
    const gatewayBefore = gatewayPings();
    for (let i = 0; i < QUIET_BOUNDS * SILENCE_BOUND_TICKS; i++) {
      s.clock.tick();
      expect(s.dc.status).toBe('connected');
      // A tick that probed: the live gateway gets the ping and its answer is read before the next one.
      const probes = sent.mock.calls.length - sentBefore;
      await until('the gateway to get the probe', () => gatewayPings() - gatewayBefore >= probes);
      await until('the probe answered', () => pongsRead.mock.calls.length >= probes);
    }
    expect(gatewayPings() - gatewayBefore).toBeGreaterThanOrEqual(QUIET_BOUNDS);
    h.gateway.faults.set(s.sessionId, {});
    await until(() => `the paste counted once the agent is heard again (output ends ${JSON.stringify(s.output().slice(-300))})`, () => s.output().includes(`count=${PASTE_LINES}`));
    expect(s.statuses.filter((x) => x.startsWith('reconnecting'))).toEqual([]);
    expect(h.gateway.host(s.sessionId)?.stats.opens).toBe(1);
    s.dc.close();
  });
});
