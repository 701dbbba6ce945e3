// The SSH document's stdin/stdout stream mode (§8.1) through the official AWS CLI and the built
// drop-in against the sandbox, with and without the agent's faithful pacing: stdout carries the
// remote's bytes and nothing else, and a stdin that closes at once is a half-close, so the
// remote's answer still arrives (issue 19). A remote that never answers ends the session after
// PORT.STREAM_EOF_LINGER_MS of quiet.
//
// The reply and byte-for-byte claims each run once through the real AWS CLI v2 per pacing mode:
// that run proves the CLI starts the drop-in as it starts AWS's plugin (its arguments, its
// inherited stdin and stdout) and the claim holds there. The repetitions that cover variation (timing, chunk sizes, pacing) run
// the drop-in directly with the arguments recorded from that CLI run and a fresh session started
// with the CLI's own StartSession parameters (testing/cli/plugin-args.ts): the same binary, the
// same command line, the same stdio, without a Python start each. The CLI passes stdin and stdout
// through untouched (check_call, no pipes), so the bytes the drop-in sees and writes are the same
// either way; the one thing the CLI adds, ignoring SIGINT and SIGTSTP around the plugin, no claim
// here involves.
//
// The claim about a remote that never answers runs only through the drop-in, never through the
// CLI: its remote is a silent socket of the test's own, reached by a session the test adds to the
// sandbox directly (a dial address), which no StartSession the CLI can send names (the world's
// targets all answer); and the linger it measures is the drop-in's own timer, on stdio the CLI
// only passes through.
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
import { PluginArgsRecorder } from '../../../testing/cli/plugin-args.js';

const INSTANCE = 'i-0a1b2c3d4e5f60001'; // demo world "bastion": port 80 http, port 22 echo
/** Half-closed requests per pacing mode: one through the AWS CLI, the rest replayed into the drop-in. */
const RUNS = 20;
/**
 * Drop-in processes at a time. Each is a Node start on a shared 2-core box, then mostly waiting
 * on the session (the agent's pacing, the remote's reply), so a few overlap well.
 */
const PARALLEL = 4;
/** An AWS CLI run and 19 drop-in runs of a second or so each (far more on a loaded machine): a bound, not a target. */
const BATCH_TIMEOUT_MS = 600_000;
const REQUEST = 'GET / HTTP/1.0\r\n\r\n';
/** The bastion's answer to REQUEST; only the Date value varies between runs. */
const REPLY = /^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain; charset=utf-8\r\nDate: [A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: close\r\n\r\nhello from bastion port 80\n$/;

/** Runs `run(0…count-1)` with at most `parallel` in flight, starting the next as soon as one ends. */
async function inPool<T>(count: number, parallel: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}

describe.each(['unpaced', 'faithful'] as const)('stream mode through AWS CLI v2, %s sandbox', (pacing) => {
  let h: CliHarness;
  let recorder: PluginArgsRecorder;
  let plugin: string;
  beforeAll(async () => {
    h = await CliHarness.start({ pacing });
    await requireAwsCli(h, CLI_TEST.AWS_V2);
    recorder = new PluginArgsRecorder(h);
    plugin = join(h.binDir, 'session-manager-plugin');
  });
  afterAll(async () => {
    recorder?.remove();
    await h?.stop();
  });

  const ssh = (port: number): string[] =>
    h.awsArgs(['ssm', 'start-session', '--target', INSTANCE, '--document-name', 'AWS-StartSSHSession', '--parameters', `portNumber=${port}`]);

  it(`a request piped in whose stdin closes at once gets its whole reply, and only it, on stdout (${RUNS}/${RUNS}: 1 through the AWS CLI, ${RUNS - 1} with its arguments)`, async () => {
    // The claim's one AWS CLI run: the CLI starts the drop-in on a stdin already at its end and
    // the whole reply still comes out of the CLI's stdout. It also records the arguments replayed
    // below (the recorder on PATH execs the drop-in in its own place, stdio untouched).
    const viaCli = await h.run(CLI_TEST.AWS_V2, ssh(80), { input: REQUEST, env: recorder.env() });
    const recorded = recorder.last();
    // Timing varies from run to run (when the EOF lands against the agent's handshake and reply).
    const replayed = await inPool(RUNS - 1, PARALLEL, async () => h.run(plugin, await recorder.replay(recorded), { input: REQUEST }));
    const results = [viaCli, ...replayed];
    const summary = (r: RunResult, i: number): string => `${i === 0 ? 'AWS CLI' : 'drop-in'}: code ${r.code} stdout ${JSON.stringify(r.stdout)} stderr ${JSON.stringify(r.stderr)}`;
    const good = (r: RunResult): boolean => r.code === 0 && REPLY.test(r.stdout) && r.stderr === '';
    expect(results.filter(good).length, results.map((r, i) => (good(r) ? '' : summary(r, i))).filter(Boolean).join('\n')).toBe(RUNS);
  }, BATCH_TIMEOUT_MS);

  it('stdout is byte for byte what the remote sent: 64 KB of random bytes through the echo port by the AWS CLI, 1 and 3000 bytes with its arguments', async () => {
    const big = randomBytes(64 * 1024);
    // The claim's one AWS CLI run: 64 KB of arbitrary bytes (every byte value, many frames) come
    // out of the CLI's stdout unaltered, nothing added; it also records the arguments replayed below.
    const viaCli = await h.runBytes(CLI_TEST.AWS_V2, ssh(22), big, { env: recorder.env() });
    const recorded = recorder.last();
    // Sizes vary how the bytes are chunked on the way: a single byte, and 3000 bytes.
    const small = [randomBytes(1), randomBytes(3000)];
    const replayed = await Promise.all(small.map(async (p) => h.runBytes(plugin, await recorder.replay(recorded), p)));
    const payloads = [big, ...small];
    for (const [i, r] of [viaCli, ...replayed].entries()) {
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
