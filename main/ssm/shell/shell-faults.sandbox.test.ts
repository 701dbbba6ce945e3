// Faults injected by the sandbox gateway (drop, duplicate, reorder, delay, socket kills,
// malformed frames): bulk output and input still arrive byte-identical (SHA-256).
// Every wait is bounded and names what it waited for (testing/vitest/bounded.ts): a session that
// ends without what a test waits for fails at once with its close reason, never hangs.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpecInput } from '../../sandbox/gateway/index.js';
import { MALFORMED_VARIANTS } from '../../sandbox/gateway/index.js';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { until, within } from '../../../testing/vitest/bounded.js';
import type { CloseReason } from '../datachannel/types.js';
import { ShellSession } from './shell-session.js';

let h: Harness;
beforeAll(async () => { h = await within('the sandbox to start', startHarness()); });
afterAll(async () => { await within('the sandbox to stop', h.stop()); });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const OUTPUT_BYTES = 10 * 1024 * 1024;
const INPUT_BYTES = 1024 * 1024;

/** Every fault at once, both directions; the handshake is spared (see faults/spec.ts). */
const NASTY: FaultSpecInput = {
  seed: 42,
  toClient: { drop: 0.003, duplicate: 0.01, reorderWindow: 4, delayMs: 1 },
  toAgent: { drop: 0.003, duplicate: 0.01, reorderWindow: 4, delayMs: 1 },
  killSocketEveryMs: 1500,
};

function open(kind: Parameters<Harness['addSession']>[0], faults?: FaultSpecInput) {
  const creds = h.addSession(kind, faults ? { faults } : {});
  const opens: Array<Record<string, string>> = [];
  const session = new ShellSession({
    credentials: creds, target: creds.target, size: { cols: 80, rows: 24 }, resumeSession: h.resumeSession,
    tap: (e) => { if (e.text !== undefined) opens.push(JSON.parse(e.text) as Record<string, string>); },
  });
  const out: Buffer[] = [];
  session.on('output', (b, stream) => { if (stream === 'stdout') out.push(Buffer.from(b)); });
  const statuses: string[] = [];
  session.on('status', (s) => statuses.push(s));
  const ended = new Promise<CloseReason>((resolve) => session.on('closed', resolve));
  /** The session's end (its close reason). */
  const end = () => within(`session ${creds.sessionId} to end`, ended);
  /** The exit code the agent reports; fails with the close reason if the session ends without one. */
  const exit = new Promise<number>((resolve, reject) => {
    session.on('exit', resolve);
    void ended.then((r) => reject(new Error(`session ended without an exit code: ${r.message}`)));
  });
  exit.catch(() => undefined); // a test that never awaits it must not see an unhandled rejection
  const text = () => Buffer.concat(out).toString('latin1');
  const waitFor = (needle: string) =>
    until(
      () => `"${needle}" in the output (status ${session.status}, last output ${JSON.stringify(text().slice(-120))})`,
      () => {
        if (session.status === 'closed') throw new Error(`closed before "${needle}": ${session.closedBecause?.message}`);
        return text().includes(needle);
      },
    );
  /** Kills the current websocket now, on top of NASTY's periodic kills (which a fast run can outpace). */
  const killSocket = () => h.gateway.faults.set(creds.sessionId, { ...(faults ?? {}), actions: [{ do: 'kill-socket' }] });
  /** Opens the data channel (the handshake and first connection). */
  const start = () => within(`session ${creds.sessionId} to open`, session.open());
  /** Faults off: what is left of the session runs on a clean channel. */
  const clearFaults = () => h.gateway.faults.set(creds.sessionId, {});
  return { session, out, statuses, end, exit: () => within(`session ${creds.sessionId}'s exit code`, exit), text, waitFor, opens, killSocket, start, clearFaults, sessionId: creds.sessionId };
}

/** Output received before the test kills the socket itself: well inside the 10 MB stream. */
const KILL_AFTER_BYTES = 2 * 1024 * 1024;

describe('faults injected by the sandbox', () => {
  it('10 MB of output arrives byte-identical through drops, duplicates, reordering, delay and socket kills', async () => {
    const flood = `seq 1 2000000 | head -c ${OUTPUT_BYTES}`;
    const expected = execFileSync('/bin/sh', ['-c', flood], { maxBuffer: 2 * OUTPUT_BYTES });
    // The command then waits for the test to release it. Ending at once would race the agent's
    // close: it waits at most 2 s for the client to acknowledge its output (§7.3) and then sends
    // channel_closed, so under load a frame still being resent through the faults (the exit code,
    // say) would be cut off — the client reports lost output, and no exit code ever comes.
    const release = `release-${process.pid}-${Date.now()}`;
    const command = `${flood}; while [ ! -e ${release} ]; do sleep 0.05; done`;
    const s = open({ type: 'NonInteractiveCommands', command, separateOutputStream: true }, NASTY);
    let received = 0;
    s.session.on('output', (b) => {
      if (received < KILL_AFTER_BYTES && (received += b.length) >= KILL_AFTER_BYTES) s.killSocket();
    });
    await s.start();
    const have = () => s.out.reduce((n, b) => n + b.length, 0);
    await until(() => `all ${OUTPUT_BYTES} bytes of output (have ${have()}, status ${s.session.status})`, () => {
      if (s.session.status === 'closed') throw new Error(`closed after ${have()} bytes: ${s.session.closedBecause?.message}`);
      return have() >= OUTPUT_BYTES;
    });
    s.clearFaults();
    writeFileSync(join(h.sandbox.registry.get(s.sessionId)!.workdir, release), '');
    expect(await s.exit()).toBe(0);
    await s.end();
    const got = Buffer.concat(s.out);
    expect(got.length).toBe(OUTPUT_BYTES);
    expect(sha(got)).toBe(sha(expected));
    expect(s.statuses).toContain('reconnecting');
    expect(s.session.channelStats.duplicates).toBeGreaterThan(0);
  });

  it('1 MB of input arrives byte-identical through the same faults', async () => {
    const s = open({ type: 'Standard_Stream' }, NASTY);
    await s.start();
    // Raw mode so the pty passes every byte; READY (built by the shell) says head is reading.
    s.session.write(`stty raw -echo; printf 'RE''ADY\\n'; head -c ${INPUT_BYTES} | sha256sum; printf 'DO''NE\\n'\r`);
    await s.waitFor('READY');
    const input = Buffer.from(randomBytes((INPUT_BYTES * 3) / 4).toString('base64'));
    expect(input.length).toBe(INPUT_BYTES);
    s.session.write(input);
    // Most of the input is still unacked here: the resumed channel must resend it.
    s.killSocket();
    await s.waitFor('DONE');
    expect(s.text()).toContain(sha(input));
    expect(s.session.counters.bytesOut).toBeGreaterThan(INPUT_BYTES);
    expect(s.session.channelStats.retransmits).toBeGreaterThan(0);
    expect(s.statuses).toContain('reconnecting');
    s.session.write('stty sane; exit\n');
    await s.end();
  });

  it('survives every kind of malformed frame, a pause/start, and reports them', async () => {
    const s = open({ type: 'Standard_Stream' });
    const malformed: string[] = [];
    s.session.on('malformed', (e) => malformed.push(e.field));
    await s.start();
    s.session.write('echo one-$((1+1))\r');
    await s.waitFor('one-2');
    const actions = [...MALFORMED_VARIANTS.map((variant) => ({ do: 'malformed' as const, variant })), { do: 'pause-publication' as const }, { do: 'start-publication' as const }];
    h.gateway.faults.set(s.session.sessionId, { actions });
    s.session.write('echo two-$((1+1))\r');
    await s.waitFor('two-2');
    expect(malformed.length).toBe(MALFORMED_VARIANTS.length);
    expect(s.session.status).toBe('connected');
    s.session.write('exit\r');
    expect((await s.end()).kind).toBe('channel-closed');
  });

  it('reads the 112-byte-header channel_closed and surfaces its Output', async () => {
    const s = open({ type: 'Standard_Stream' });
    await s.start();
    s.session.write('echo up\r');
    await s.waitFor('up');
    h.gateway.faults.set(s.session.sessionId, { actions: [{ do: 'channel-closed-112', output: 'gateway says bye' }] });
    expect(await s.end()).toMatchObject({ kind: 'channel-closed', output: 'gateway says bye' });
  });

  it('resumes after the websocket is killed mid-session, keeping input typed while it was down', async () => {
    const s = open({ type: 'Standard_Stream' });
    await s.start();
    s.session.write('echo before\r');
    await s.waitFor('before');
    s.session.dropConnection();
    s.session.write('echo after-$((2+3))\r'); // typed while the socket is down
    await s.waitFor('after-5');
    expect(s.statuses).toEqual(expect.arrayContaining(['reconnecting', 'connected']));
    // Re-opened with the same ClientId and a fresh RequestId (the new token is checked by the gateway).
    expect(s.opens.length).toBeGreaterThanOrEqual(2);
    expect(new Set(s.opens.map((o) => o['ClientId'])).size).toBe(1);
    expect(new Set(s.opens.map((o) => o['RequestId'])).size).toBe(s.opens.length);
    h.sandbox.registry.terminate(s.session.sessionId, 'gone');
    const reason = await s.end();
    expect(reason.kind).toBe('channel-closed');
  });
});
