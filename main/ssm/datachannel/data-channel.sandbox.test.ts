// The data channel against the sandbox: port handshake info for other handlers, TerminateSession,
// resume that cannot succeed, bounded retries, a ResumeSession held by the sandbox, and reading
// paused for flow control.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSessionsCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { PayloadType } from '../frame/index.js';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ShellSession } from '../shell/shell-session.js';
import { DataChannel } from './data-channel.js';
import type { CloseReason, SessionInfo } from './types.js';

/** How long a paused channel must deliver nothing: several resend ticks and socket reads on a loaded machine. */
const PAUSED_STAYS_MS = 700;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

const FAST_BACKOFF = { INITIAL_DELAY_MS: 5, JITTER_MS: 5, FACTOR: 2, MAX_DELAY_MS: 50, MAX_ATTEMPTS: 3 };
/** How often the pause test samples delivery while frames already read drain out (it waits until a sample shows no change). */
const DRAIN_POLL_MS = 100;
const closedOf = (c: { on(e: 'closed', l: (r: CloseReason) => void): unknown }) => new Promise<CloseReason>((resolve) => c.on('closed', resolve));

describe('DataChannel against the sandbox', () => {
  it('completes a Port handshake and exposes type, properties and agent version to a handler', async () => {
    const creds = h.addSession({ type: 'Port', properties: { portNumber: '80', type: 'LocalPortForwarding', localPortNumber: '0' }, host: 'localhost', portNumber: 80 });
    const dc = new DataChannel({ credentials: creds, target: creds.target });
    const ready = new Promise<SessionInfo>((resolve) => dc.on('ready', resolve));
    await dc.open();
    const info = await ready;
    expect(info).toMatchObject({ sessionType: 'Port', agentVersion: '3.3.987.0', detected: false, encrypted: false });
    expect(info.properties).toMatchObject({ portNumber: '80', type: 'LocalPortForwarding' });
    dc.close();
    expect(dc.status).toBe('closed');
  });

  it('terminate() calls TerminateSession and closes locally', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    let called = '';
    const session = new ShellSession({
      credentials: creds, target: creds.target, size: { cols: 80, rows: 24 },
      terminateSession: async (sid) => { called = sid; await h.ssm.send(new TerminateSessionCommand({ SessionId: sid })); },
    });
    const end = closedOf(session);
    await session.open();
    await new Promise((resolve) => session.on('ready', resolve));
    await session.terminate();
    expect(called).toBe(creds.sessionId);
    expect(session.status).toBe('closed');
    // The gateway's channel_closed may arrive before TerminateSession returns; both end it.
    expect(['local', 'channel-closed']).toContain((await end).kind);
    expect(h.sandbox.registry.get(creds.sessionId)?.state).toBe('Terminated');
  });

  it('closes with a clear reason when the session is gone by the time it resumes', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const session = new ShellSession({ credentials: creds, target: creds.target, size: { cols: 80, rows: 24 }, resumeSession: h.resumeSession });
    const end = closedOf(session);
    await session.open();
    await new Promise((resolve) => session.on('ready', resolve));
    h.sandbox.registry.terminate(creds.sessionId, 'gone');
    session.dropConnection();
    const reason = await end;
    // Either the gateway's channel_closed won the race, or ResumeSession said the session is gone.
    if (reason.kind === 'failed') expect(reason).toMatchObject({ cause: 'session-ended', message: expect.stringMatching(/timed out/) });
    else expect(reason.kind).toBe('channel-closed');
  });

  it('gives up after the bounded number of resume attempts', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    let calls = 0;
    const dc = new DataChannel({ credentials: creds, backoff: FAST_BACKOFF, resumeSession: async () => { calls++; throw new Error('ResumeSession is throttled'); } });
    const end = closedOf(dc);
    const ready = new Promise((resolve) => dc.on('ready', resolve));
    await dc.open();
    await ready; // traffic flowed, so the connection counts as established
    dc.dropConnection();
    const reason = await end;
    expect(reason).toMatchObject({ kind: 'failed', cause: 'unreachable', message: expect.stringMatching(/could not resume the session after 3 attempts: ResumeSession is throttled/) });
    expect(calls).toBe(3);
  });

  it('counts connections the gateway refuses right after opening as failed attempts', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const dc = new DataChannel({ credentials: creds, backoff: FAST_BACKOFF }); // no ResumeSession: the old token is reused
    const end = closedOf(dc);
    const statuses: string[] = [];
    dc.on('status', (st, detail) => statuses.push(`${st}:${detail}`));
    await dc.open();
    await new Promise((resolve) => dc.on('ready', resolve));
    h.gateway.faults.set(creds.sessionId, { actions: [{ do: 'expire-token' }] });
    dc.dropConnection();
    const reason = await end;
    expect(reason.kind).toBe('failed');
    expect(reason.message).toMatch(/could not resume the session after 3 attempts: the connection closed \(4403/);
    expect(statuses.filter((x) => x.startsWith('reconnecting')).length).toBeGreaterThanOrEqual(2);
  });

  it('fails to open an unreachable stream URL after its retries, with the cause', async () => {
    const dc = new DataChannel({ credentials: { sessionId: 's', tokenValue: 't', streamUrl: 'ws://127.0.0.1:1/v1/data-channel/s' }, backoff: FAST_BACKOFF });
    const end = closedOf(dc);
    await dc.open();
    expect(await end).toMatchObject({ kind: 'failed', cause: 'unreachable', message: expect.stringMatching(/could not open the data channel after 3 attempts: .*ECONNREFUSED/) });
  });

  // The sandbox's `hold` fault (what e2e uses to keep a tab reconnecting): a held ResumeSession
  // uses up no attempt, however short the backoff, and the channel resumes once it is let go.
  it('stays reconnecting on one attempt while ResumeSession is held, and resumes when it is let go', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const dc = new DataChannel({ credentials: creds, backoff: FAST_BACKOFF, resumeSession: h.resumeSession });
    const statuses: string[] = [];
    dc.on('status', (st) => statuses.push(st));
    const ended: CloseReason[] = [];
    dc.on('closed', (r) => ended.push(r));
    await dc.open();
    await new Promise((resolve) => dc.on('ready', resolve));
    const resumes = () => h.sandbox.stats.byOperation['ssm.ResumeSession'] ?? 0;
    const before = resumes();
    h.sandbox.apiFaults.set({ rules: [{ operation: 'ssm.ResumeSession', answer: 'hold' }] });
    dc.dropConnection();
    // Waits for the held request, or for the channel to give up (a refused resume, not held).
    while (h.sandbox.apiFaults.holding === 0 && ended.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(ended).toEqual([]);
    expect(dc.status).toBe('reconnecting');
    expect(resumes() - before).toBe(1);
    expect(ended).toEqual([]);
    const back = new Promise<void>((resolve) => dc.on('status', (st) => { if (st === 'connected') resolve(); }));
    h.sandbox.apiFaults.set({ rules: [] });
    await back;
    expect(h.sandbox.apiFaults.holding).toBe(0);
    expect(resumes() - before).toBe(1);
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    dc.close();
  });

  it('a held request whose caller gives up is let go without an answer', async () => {
    h.sandbox.apiFaults.set({ rules: [{ operation: 'ssm.DescribeSessions', answer: 'hold' }] });
    const abort = new AbortController();
    const call = h.ssm.send(new DescribeSessionsCommand({ State: 'Active' }), { abortSignal: abort.signal });
    while (h.sandbox.apiFaults.holding === 0) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    await expect(call).rejects.toThrow(/abort/i);
    while (h.sandbox.apiFaults.holding > 0) await new Promise((r) => setTimeout(r, 10));
    h.sandbox.apiFaults.set({ rules: [] });
    // The rule is gone: the same call is answered.
    expect((await h.ssm.send(new DescribeSessionsCommand({ State: 'Active' }))).Sessions).toBeDefined();
  });

  it('pausing stops reading the websocket; resuming delivers everything', async () => {
    const TOTAL = 3 * 1024 * 1024;
    const creds = h.addSession({ type: 'NonInteractiveCommands', command: `head -c ${TOTAL} /dev/zero`, separateOutputStream: true });
    const dc = new DataChannel({ credentials: creds });
    let received = 0;
    let exit = '';
    let paused = false;
    dc.setHandler({
      deliver: (pt, payload) => {
        if (pt === PayloadType.Output) received += payload.length;
        if (pt === PayloadType.ExitCode) exit = new TextDecoder().decode(payload);
        if (!paused) { paused = true; dc.pauseReading(); }
        return 'accepted';
      },
    });
    const end = closedOf(dc);
    await dc.open();
    while (!paused) await new Promise((r) => setTimeout(r, 10));
    // Frames already read drain out: poll until delivery stops instead of guessing how long that takes.
    let atPause = -1;
    while (received !== atPause) {
      atPause = received;
      await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
    }
    // Paused means nothing more arrives: a proof that can only watch for a while (PAUSED_STAYS_MS).
    await new Promise((r) => setTimeout(r, PAUSED_STAYS_MS));
    expect(received).toBe(atPause);
    expect(received).toBeLessThan(TOTAL);
    dc.resumeReading();
    await end;
    expect(received).toBe(TOTAL);
    expect(exit).toMatch(/EXIT_CODE: 0/);
  });
});
