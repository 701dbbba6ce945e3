// A ShellSession taking over a data channel its caller opened (the drop-in's case: the session
// type is known only once the channel is ready), against the sandbox agent with real ptys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TapEvent } from '../channel/index.js';
import { DataChannel } from '../datachannel/data-channel.js';
import type { CloseReason } from '../datachannel/types.js';
import { decodeFrame, PayloadType } from '../frame/index.js';
import { startHarness, type Harness } from '../../../testing/ssm/sandbox-harness.js';
import { ShellSession } from './shell-session.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

/** Opens a channel and attaches a shell synchronously in its `ready` listener, as the drop-in does. */
function openAndAttach(kind: Parameters<Harness['addSession']>[0], size: { cols: number; rows: number }) {
  const creds = h.addSession(kind);
  const taps: TapEvent[] = [];
  const dc = new DataChannel({ credentials: creds, target: creds.target, resumeSession: h.resumeSession, tap: (e) => taps.push(e) });
  const output = { stdout: '', stderr: '' };
  const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
  const shell = new Promise<ShellSession>((resolve) => {
    dc.on('ready', () => {
      const s = new ShellSession({ channel: dc, size });
      s.on('output', (bytes, stream) => (output[stream] += Buffer.from(bytes).toString('utf8')));
      resolve(s);
    });
  });
  void dc.open();
  const until = async (pattern: RegExp) => {
    while (!pattern.test(output.stdout)) await new Promise((r) => setTimeout(r, 20));
  };
  return { dc, taps, output, closed, shell, until };
}

const sentStreamData = (taps: TapEvent[]) =>
  taps.filter((e) => e.direction === 'out' && e.text === undefined).map((e) => decodeFrame(e.bytes)).filter((f) => f.messageType === 'input_stream_data');

describe('ShellSession on a channel the caller opened', () => {
  it('sends its size first, carries input and resizes, and does not open the channel again', async () => {
    const run = openAndAttach({ type: 'Standard_Stream' }, { cols: 91, rows: 17 });
    const shell = await run.shell;
    await shell.open(); // the caller's channel: nothing to do
    shell.write('stty size\r');
    await run.until(/17 91\r?\n/);
    shell.resize(101, 23);
    expect(shell.size).toEqual({ cols: 101, rows: 23 });
    shell.write('stty size\r');
    await run.until(/23 101\r?\n/);
    shell.write('exit\r');
    expect((await run.closed).kind).toBe('channel-closed');
    const sent = sentStreamData(run.taps);
    expect(sent[0]?.payloadType).toBe(PayloadType.Size);
    expect(new TextDecoder().decode(sent[0]?.payload)).toBe('{"cols":91,"rows":17}');
    expect(run.taps.filter((e) => e.text !== undefined)).toHaveLength(1); // one OpenDataChannel message
    expect(shell.closedBecause?.kind).toBe('channel-closed');
  });

  it('reports stderr and the exit code of a command session it took over', async () => {
    const run = openAndAttach({ type: 'NonInteractiveCommands', command: 'echo out-1; echo err-1 >&2; exit 6', separateOutputStream: true }, { cols: 80, rows: 24 });
    const shell = await run.shell;
    await run.closed;
    expect(shell.exitCode).toBe(6);
    expect(run.output).toEqual({ stdout: 'out-1\n', stderr: 'err-1\n' });
  });
});
