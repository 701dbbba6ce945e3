import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../ssm/index.js';
import type { CliIo } from '../io.js';
import type { StartRequest } from './argv.js';
import { StatusLines } from './status-lines.js';

function fakeIo(stdoutIsTTY: boolean): CliIo & { out(): string; err(): string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: stdoutIsTTY });
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdin: new PassThrough(), stdout, stderr, env: {}, out: () => out, err: () => err };
}

function request(documentName: string | undefined): StartRequest {
  return {
    response: { sessionId: 's-1', tokenValue: 't', streamUrl: 'wss://x' },
    region: 'us-east-1',
    profile: '',
    target: 'i-1',
    documentName,
    parameters: undefined,
    endpoint: '',
    legacy: false,
  };
}

const info = (sessionType: SessionInfo['sessionType'], properties: unknown): SessionInfo => ({ sessionType, properties }) as SessionInfo;
const PORT_STREAM = info('Port', { portNumber: '22' });
const PORT_LOCAL = info('Port', { portNumber: '80', type: 'LocalPortForwarding', localPortNumber: '0' });
const SHELL = info('Standard_Stream', null);

async function writeAll(lines: StatusLines): Promise<void> {
  await lines.write('starting\n');
  await lines.write('customer message\n', 'notice');
  await lines.write('exiting\n');
  await lines.write('Cannot perform start session: x\n', 'notice');
}

describe('where the drop-in\'s lines go', () => {
  it('AWS-StartSSHSession on the command line: stream mode from the start — status dropped, notices on stderr', async () => {
    const io = fakeIo(false);
    const lines = new StatusLines(io, request('AWS-StartSSHSession'));
    expect(lines.streamMode).toBe(true);
    await writeAll(lines);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('customer message\nCannot perform start session: x\n');
  });

  it('a port-forwarding or shell document: every line on stdout, as the plugin prints it', async () => {
    for (const doc of ['AWS-StartPortForwardingSession', 'SSM-SessionManagerRunShell']) {
      const io = fakeIo(false);
      const lines = new StatusLines(io, request(doc));
      await writeAll(lines);
      expect(io.out()).toBe('starting\ncustomer message\nexiting\nCannot perform start session: x\n');
      expect(io.err()).toBe('');
    }
  });

  it('no document and a terminal on stdout: printed at once on stdout', async () => {
    const io = fakeIo(true);
    const lines = new StatusLines(io, request(undefined));
    await lines.write('starting\n');
    expect(io.out()).toBe('starting\n');
  });

  it('no document and a pipe on stdout: held until the session type says stream (then dropped) or not (then stdout)', async () => {
    const piped = fakeIo(false);
    const ssh = new StatusLines(piped, request(undefined));
    await ssh.write('starting\n');
    expect(piped.out()).toBe('');
    ssh.sessionKnown(PORT_STREAM);
    await writeAll(ssh);
    expect(piped.out()).toBe('');
    expect(piped.err()).toBe('customer message\nCannot perform start session: x\n');

    for (const known of [PORT_LOCAL, SHELL]) {
      const io = fakeIo(false);
      const lines = new StatusLines(io, request(undefined));
      await lines.write('starting\n');
      lines.sessionKnown(known);
      await lines.write('exiting\n');
      expect(io.out()).toBe('starting\nexiting\n');
    }
  });

  it('a session that fails before its type is known prints what it held on stdout, in order', async () => {
    const io = fakeIo(false);
    const lines = new StatusLines(io, request(undefined));
    await lines.write('starting\n');
    await lines.settle();
    await lines.write('Cannot perform start session: x\n', 'notice');
    expect(io.out()).toBe('starting\nCannot perform start session: x\n');
  });
});
