// The SSH document's stdin/stdout stream mode (§8.1) through the official AWS CLI and the built
// drop-in against the sandbox, with and without the agent's faithful pacing: stdout carries the
// remote's bytes and nothing else, and a stdin that closes at once is a half-close, so the
// remote's answer still arrives (issue 19). A remote that never answers ends the session after
// PORT.STREAM_EOF_LINGER_MS of quiet.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, PayloadType, PayloadTypeFlag, decodeFlag, decodeFrame } from '../../ssm/frame/index.js';
import { parseCapture } from '../../ssm/inspect/index.js';
import { PORT } from '../../ssm/port/constants.js';
import { CLI_TEST, CliHarness, requireAwsCli, type RunResult } from '../../../testing/cli/cli-harness.js';

const INSTANCE = 'i-0a1b2c3d4e5f60001'; // demo world "bastion": port 80 http, port 22 echo
const RUNS = 20;
/** AWS CLI processes at a time: each is a Python start plus a Node drop-in on a shared 2-core box. */
const PARALLEL = 2;
/** 2 × 20 AWS CLI runs of a few seconds each (far more on a loaded machine): a bound, not a target. */
const BATCH_TIMEOUT_MS = 600_000;
const REQUEST = 'GET / HTTP/1.0\r\n\r\n';
/** The bastion's answer to REQUEST; only the Date value varies between runs. */
const REPLY = /^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain; charset=utf-8\r\nDate: [A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: close\r\n\r\nhello from bastion port 80\n$/;

async function inBatches<T>(count: number, parallel: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let at = 0; at < count; at += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - at) }, (_, k) => run(at + k));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe.each(['unpaced', 'faithful'] as const)('stream mode through AWS CLI v2, %s sandbox', (pacing) => {
  let h: CliHarness;
  beforeAll(async () => {
    h = await CliHarness.start({ pacing });
    await requireAwsCli(h, CLI_TEST.AWS_V2);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ssh = (port: number): string[] =>
    h.awsArgs(['ssm', 'start-session', '--target', INSTANCE, '--document-name', 'AWS-StartSSHSession', '--parameters', `portNumber=${port}`]);

  it(`a request piped in whose stdin closes at once gets its whole reply, and only it, on stdout (${RUNS}/${RUNS})`, async () => {
    const results = await inBatches(RUNS, PARALLEL, () => h.run(CLI_TEST.AWS_V2, ssh(80), { input: REQUEST }));
    const summary = (r: RunResult): string => `code ${r.code} stdout ${JSON.stringify(r.stdout)} stderr ${JSON.stringify(r.stderr)}`;
    const good = results.filter((r) => r.code === 0 && REPLY.test(r.stdout) && r.stderr === '');
    expect(good.length, results.filter((r) => !good.includes(r)).map(summary).join('\n')).toBe(RUNS);
  }, BATCH_TIMEOUT_MS);

  it('stdout is byte for byte what the remote sent: 64 KB of random bytes through the echo port', async () => {
    const payloads = [randomBytes(64 * 1024), randomBytes(1), randomBytes(3000)];
    const results = await Promise.all(payloads.map((p) => h.runBytes(CLI_TEST.AWS_V2, ssh(22), p)));
    for (const [i, r] of results.entries()) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.equals(payloads[i] as Buffer)).toBe(true);
    }
  }, BATCH_TIMEOUT_MS);
});

describe('stream mode: a remote that never answers', () => {
  let h: CliHarness;
  let dir: string;
  let silent: net.Server;
  const received: Buffer[] = [];
  beforeAll(async () => {
    h = await CliHarness.start();
    dir = mkdtempSync(join(tmpdir(), 'porthole-stream-'));
    // Reads everything, answers nothing, never closes.
    silent = net.createServer((socket) => socket.on('data', (d: Buffer) => received.push(d))).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
  });
  afterAll(async () => {
    silent?.close();
    await h?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends within the linger time after stdin closes, having delivered the input, stdout empty', async () => {
    const { port } = silent.address() as net.AddressInfo;
    const s = h.addSession({ type: 'Port', properties: { portNumber: String(port) }, host: 'localhost', portNumber: port, dial: { host: '127.0.0.1', port } });
    const capture = join(dir, 'silent.jsonl');
    const plugin = join(h.binDir, 'session-manager-plugin');
    const r = await h.run(plugin, s.args, { input: 'anyone there?', env: h.env({ PORTHOLE_CAPTURE: capture, PORTHOLE_CAPTURE_UNMASKED: '1' }) }); // unmasked: the frames are decoded below
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(Buffer.concat(received).toString()).toBe('anyone there?');
    // From the capture's clock: the input went out, then the TerminateSession flag one linger later.
    const frames = parseCapture(readFileSync(capture, 'utf8')).flatMap((f) => (f.kind === 'binary' ? [{ t: f.t, dir: f.dir, frame: decodeFrame(f.raw) }] : []));
    const sent = frames.filter((f) => f.dir === 'client->server' && f.frame.messageType === MessageType.InputStreamData);
    const input = sent.find((f) => f.frame.payloadType === PayloadType.Output);
    const terminate = sent.find((f) => f.frame.payloadType === PayloadType.Flag && decodeFlag(f.frame.payload) === PayloadTypeFlag.TerminateSession);
    expect(input).toBeDefined();
    expect(terminate).toBeDefined();
    const waited = (terminate?.t ?? 0) - (input?.t ?? 0);
    expect(waited).toBeGreaterThanOrEqual(PORT.STREAM_EOF_LINGER_MS - 50);
    // The bound is the linger itself, plus scheduling slack on a loaded machine.
    expect(waited).toBeLessThan(PORT.STREAM_EOF_LINGER_MS + 1_000);
  });
});
