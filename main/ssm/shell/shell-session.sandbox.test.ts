// Shell sessions end to end against the sandbox's gateway and emulated agent (real ptys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ShellSession, type ShellSessionOptions } from './shell-session.js';
import type { CloseReason } from '../datachannel/types.js';
import type { TapEvent } from '../channel/index.js';
import { decodeFrame } from '../frame/index.js';
import { PORTHOLE_CLIENT_VERSION } from '../version.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

/** Collects a session's output and resolves when it contains `needle`. */
function collector(session: ShellSession) {
  const chunks: { stdout: Buffer[]; stderr: Buffer[] } = { stdout: [], stderr: [] };
  const waiters: Array<() => void> = [];
  session.on('output', (bytes, stream) => { chunks[stream].push(Buffer.from(bytes)); waiters.splice(0).forEach((w) => w()); });
  const text = (stream: 'stdout' | 'stderr' = 'stdout') => Buffer.concat(chunks[stream]).toString('utf8');
  const waitFor = (pattern: RegExp | string, stream: 'stdout' | 'stderr' = 'stdout') =>
    new Promise<string>((resolve) => {
      const check = () => { const t = text(stream); const ok = typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t); if (ok) resolve(t); else waiters.push(check); };
      check();
    });
  return { text, waitFor, chunks };
}

const closed = (session: ShellSession) => new Promise<CloseReason>((resolve) => session.on('closed', resolve));

function shell(extra: Partial<ShellSessionOptions> = {}, kind: Parameters<Harness['addSession']>[0] = { type: 'Standard_Stream' }, opts: Parameters<Harness['addSession']>[1] = {}) {
  const creds = h.addSession(kind, opts);
  const session = new ShellSession({ credentials: creds, target: creds.target, size: { cols: 100, rows: 30 }, resumeSession: h.resumeSession, ...extra });
  return session;
}

describe('shell session against the sandbox agent', () => {
  it('runs echo, sees its size via stty size (initial and after resize), and ends with channel_closed on exit', async () => {
    const session = shell();
    const out = collector(session);
    const statuses: string[] = [];
    session.on('status', (s) => statuses.push(s));
    session.write('echo tap-$((6*7))\r'); // typed while still connecting: queued, not lost
    await session.open();
    await out.waitFor('tap-42');
    session.write('stty size\r');
    await out.waitFor(/30 100\r?\n/);
    session.resize(120, 40);
    session.write('stty size\r');
    await out.waitFor(/40 120\r?\n/);
    const end = closed(session);
    session.write('exit 3\r');
    const reason = await end;
    expect(reason).toMatchObject({ kind: 'channel-closed', output: '' });
    expect(session.exitCode).toBeUndefined(); // a Standard_Stream shell never reports one (§16)
    expect(statuses[0]).toBe('connecting');
    expect(statuses).toContain('connected');
    expect(statuses.at(-1)).toBe('closed');
    expect(session.counters.bytesIn).toBeGreaterThan(0);
    expect(session.info).toMatchObject({ sessionType: 'Standard_Stream', detected: true, encrypted: false });
  });

  it('reports stdout, stderr and the exit code of a NonInteractiveCommands session with separate streams', async () => {
    const session = shell({}, { type: 'NonInteractiveCommands', command: 'echo to-out; echo to-err >&2; exit 7', separateOutputStream: true });
    const out = collector(session);
    const exit = new Promise<number>((resolve) => session.on('exit', resolve));
    const end = closed(session);
    await session.open();
    expect(await exit).toBe(7);
    expect((await end).kind).toBe('channel-closed');
    expect(out.text('stdout')).toBe('to-out\n');
    expect(out.text('stderr')).toBe('to-err\n');
    expect(session.exitCode).toBe(7);
  });

  it('hands output on in place: each payload is still in the received frame, right after its own header (no copy per frame)', async () => {
    const session = shell({}, { type: 'NonInteractiveCommands', command: "head -c 300000 /dev/zero | tr '\\0' x", separateOutputStream: false });
    const headers: string[] = [];
    let bytes = 0;
    session.on('output', (payload) => {
      bytes += payload.length;
      // The standard header (§1.1) is the 120 bytes before the payload: HeaderLength 116 at 0, MessageType at 4.
      const header = Buffer.from(payload.buffer, payload.byteOffset - 120, 120);
      headers.push(`${header.readUInt32BE(0)} ${header.toString('latin1', 4, 22)} ${header.readUInt32BE(116) === payload.length}`);
    });
    const end = closed(session);
    await session.open();
    await end;
    expect(bytes).toBe(300_000);
    expect(new Set(headers)).toEqual(new Set(['116 output_stream_data true']));
  });

  it('does not invent an exit code for NonInteractiveCommands without separate streams', async () => {
    const session = shell({}, { type: 'NonInteractiveCommands', command: 'echo combined; exit 5', separateOutputStream: false });
    const out = collector(session);
    const end = closed(session);
    await session.open();
    await end;
    expect(out.text()).toContain('combined');
    expect(session.exitCode).toBeUndefined();
  });

  it('encrypts with KMS through the sandbox KMS endpoint and shows the customer message', async () => {
    const session = shell({ dataKeys: h.dataKeys }, { type: 'Standard_Stream' }, { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0f6f2d4e-1c3b-4a59-8e7d-2b9a1c0d3e4f' });
    const out = collector(session);
    const ready = new Promise((resolve) => session.on('ready', resolve));
    session.write('echo kms-$((40+2))\r');
    await session.open();
    expect(await ready).toMatchObject({ encrypted: true, detected: false, sessionType: 'Standard_Stream' });
    expect(session.info?.customerMessage).toMatch(/KMS/);
    await out.waitFor('kms-42');
    const end = closed(session);
    session.write('exit\r');
    expect((await end).kind).toBe('channel-closed');
  });

  it('runs an InteractiveCommands session and taps every frame with direction, time and bytes', async () => {
    const events: TapEvent[] = [];
    const session = shell({ tap: (e) => events.push(e) }, { type: 'InteractiveCommands', command: 'printf "ic-%s\\n" ok; sleep 0.2' });
    const out = collector(session);
    const end = closed(session);
    await session.open();
    await out.waitFor('ic-ok');
    await end;
    const open = events.find((e) => e.text !== undefined);
    expect(open?.text).toContain('"TokenValue":"***"');
    expect(open?.text).toContain(`"ClientVersion":"${PORTHOLE_CLIENT_VERSION}"`);
    const binaryIn = events.filter((e) => e.direction === 'in');
    const binaryOut = events.filter((e) => e.direction === 'out' && e.text === undefined);
    expect(binaryIn.length).toBe(session.channelStats.framesIn + session.channelStats.malformed);
    expect(binaryOut.length).toBe(session.channelStats.framesOut);
    for (const e of binaryOut) expect(decodeFrame(e.bytes).messageType).toMatch(/^(input_stream_data|acknowledge)$/);
    expect(binaryIn.some((e) => e.frame?.messageType === 'channel_closed')).toBe(true);
    expect(events.every((e, i) => i === 0 || e.at >= (events[i - 1]?.at ?? 0))).toBe(true);
  });

  it('Ctrl-C stops a flood (`yes`) and the shell answers again', async () => {
    const session = shell();
    let total = 0;
    let tail = '';
    session.on('output', (b) => { total += b.length; tail = (tail + Buffer.from(b).toString('latin1')).slice(-4096); });
    await session.open();
    session.write('yes flood\r');
    while (total < 1024 * 1024) await new Promise((r) => setTimeout(r, 10));
    session.write(Uint8Array.of(0x03));
    session.write('echo stopped-$((1+1))\r');
    while (!tail.includes('stopped-2\r\n')) await new Promise((r) => setTimeout(r, 10));
    const end = closed(session);
    session.write('exit\r');
    expect((await end).kind).toBe('channel-closed');
  });
});
