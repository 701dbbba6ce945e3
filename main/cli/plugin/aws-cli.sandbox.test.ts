// The official AWS CLI v1 and v2 drive Porthole's drop-in (a `session-manager-plugin` symlink on
// PATH) against the sandbox: shells through ssm start-session and ecs execute-command, port
// forwards to the target and to a remote host (bytes fetched through the forward), and the SSH
// document's stdin/stdout stream.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCapture, parseCapture } from '../../ssm/inspect/index.js';
import { CLI_TEST, CliHarness, requireAwsCli } from '../../../testing/cli/cli-harness.js';

const INSTANCE = 'i-0a1b2c3d4e5f60001'; // demo world "bastion": port 80 http, port 22 echo
const ENCRYPTED = 'i-0a1b2c3d4e5f60005'; // demo world "encrypted-shell": KMS key alias/porthole-sandbox
const LEGACY = 'i-0a1b2c3d4e5f60003'; // demo world "legacy-agent": agent 3.0.161.0 → basic mode
const ECS = ['--cluster', 'demo-web', '--task', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', '--container', 'app'];

let h: CliHarness;
let dir: string;
beforeAll(async () => {
  h = await CliHarness.start();
  dir = mkdtempSync(join(tmpdir(), 'porthole-awscli-'));
});
afterAll(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['v1', CLI_TEST.AWS_V1],
  ['v2', CLI_TEST.AWS_V2],
])('AWS CLI %s with the drop-in', (cli, aws) => {
  it('is installed and runnable', async () => {
    await requireAwsCli(h, aws);
  });

  it('ssm start-session runs a shell: output, then the plugin\'s closing line, exit 0', async () => {
    const r = await h.run(aws, h.awsArgs(['ssm', 'start-session', '--target', INSTANCE]), { input: 'echo porthole-$((6*7))\nexit\n' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\nStarting session with SessionId: (\S+)\n/);
    const sid = /SessionId: (\S+)/.exec(r.stdout)?.[1];
    expect(r.stdout).toContain('porthole-42');
    expect(r.stdout.endsWith(`\n\nExiting session with sessionId: ${sid}.\n\n`)).toBe(true);
    expect(r.code).toBe(0);
  });

  it('a KMS-encrypted shell: data key from the profile\'s KMS endpoint, ciphertext on the wire, key masked in the capture', async () => {
    const capture = join(dir, `${cli}-kms.jsonl`);
    const r = await h.run(aws, h.awsArgs(['ssm', 'start-session', '--target', ENCRYPTED]), {
      input: 'echo secret-$((6*7))\nexit\n',
      env: h.env({ PORTHOLE_CAPTURE: capture }),
    });
    expect(r.stdout).toContain('\nThis session is encrypted using AWS KMS.\n');
    expect(r.stdout).toContain('secret-42');
    expect(r.code).toBe(0);
    const frames = describeCapture(parseCapture(readFileSync(capture, 'utf8')));
    expect(frames.filter((f) => f.payload?.kind === 'encrypted').length).toBeGreaterThan(2);
    expect(frames.some((f) => f.masked.includes('KMSCipherTextKey'))).toBe(true);
    expect(readFileSync(capture, 'utf8')).not.toContain(Buffer.from('secret-42').toString('base64'));
  });

  it('ecs execute-command --interactive --command /bin/sh runs in the container', async () => {
    const r = await h.run(aws, h.awsArgs(['ecs', 'execute-command', ...ECS, '--interactive', '--command', '/bin/sh']), {
      input: 'echo container-$((2+3)) && cat TARGET.txt\nexit\n',
    });
    expect(r.stdout).toContain('The Session Manager plugin was installed successfully.');
    expect(r.stdout).toMatch(/Starting session with SessionId: ecs-execute-command-\S+/);
    expect(r.stdout).toContain('container-5');
    expect(r.stdout).toMatch(/Exiting session with sessionId: ecs-execute-command-\S+\./);
    expect(r.code).toBe(0);
  });

  it.each([
    ['AWS-StartPortForwardingSession', INSTANCE, 'portNumber=80,localPortNumber=0', 'hello from bastion port 80'],
    ['AWS-StartPortForwardingSessionToRemoteHost', INSTANCE, 'host=intranet.internal,portNumber=80,localPortNumber=0', 'intranet.internal'],
  ])('ssm start-session --document-name %s (mux) forwards a local port: HTTP through it, smux in the capture', async (document, target, parameters, expected) => {
    const capture = join(dir, `${cli}-${document}.jsonl`);
    const run = h.spawn(aws, h.awsArgs(['ssm', 'start-session', '--target', target, '--document-name', document, '--parameters', parameters]), {
      detached: true,
      env: h.env({ PORTHOLE_CAPTURE: capture, PORTHOLE_CAPTURE_UNMASKED: '1' }), // unmasked: the test reads the client's smux frames
    });
    const [, port, sid] = await run.waitFor(/Port (\d+) opened for sessionId (\S+)\.\nWaiting for connections\.\.\.\n/);
    const first = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    const second = await (await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'round trip through smux' })).text();
    expect(first).toContain(expected);
    expect(second).toContain('round trip through smux');
    await run.waitFor(new RegExp(`Connection accepted for session \\[${sid}\\]`));
    h.kill(run.child, 'SIGINT'); // Ctrl-C reaches the whole foreground group; the CLI ignores it
    const r = await run.done;
    // Every line the drop-in printed, in order: the plugin's mux-mode lines and nothing else.
    expect(r.stdout).toBe(
      `\nStarting session with SessionId: ${sid}\nPort ${port} opened for sessionId ${sid}.\nWaiting for connections...\n` +
        `\nConnection accepted for session [${sid}]\nTerminate signal received, exiting.\n\n\nExiting session with sessionId: ${sid}.\n\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const smux = describeCapture(parseCapture(readFileSync(capture, 'utf8'))).flatMap((f) => (f.payload?.smux ?? []).map((m) => ({ dir: f.dir, ...m })));
    expect(smux.find((m) => m.dir === 'client->server' && m.cmd === 'SYN')?.streamId).toBe(3);
    expect(smux.some((m) => m.dir === 'client->server' && m.cmd === 'PSH' && m.data.startsWith('"GET / HTTP/1.1'))).toBe(true);
    expect(smux.some((m) => m.dir === 'server->client' && m.cmd === 'PSH' && m.data.startsWith('"HTTP/1.1 200'))).toBe(true);
  });

  it('a port forward to an old agent runs in basic mode with the plugin\'s basic-mode lines', async () => {
    const run = h.spawn(aws, h.awsArgs(['ssm', 'start-session', '--target', LEGACY, '--document-name', 'AWS-StartPortForwardingSession', '--parameters', 'portNumber=80,localPortNumber=0']), { detached: true });
    const [, port, sid] = await run.waitFor(/Port (\d+) opened for sessionId (\S+)\.\n/);
    expect(run.stdout()).not.toContain('Waiting for connections');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('hello from legacy-agent port 80');
    await run.waitFor(new RegExp(`Connection accepted for session ${sid}\\.\\n`));
    // A second and third connection (one at a time in basic mode): the line is not printed again.
    for (const path of ['/again', '/once-more']) {
      expect(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()).toContain(`legacy-agent port 80: ${path}`);
    }
    h.kill(run.child, 'SIGINT');
    const r = await run.done;
    // Every line the drop-in printed, in order: the plugin's basic-mode lines and nothing else.
    expect(r.stdout).toBe(
      `\nStarting session with SessionId: ${sid}\nPort ${port} opened for sessionId ${sid}.\nConnection accepted for session ${sid}.\n` +
        `Terminate signal received, exiting.\n\n\nExiting session with sessionId: ${sid}.\n\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('ssm start-session --document-name AWS-StartSSHSession streams stdin/stdout (TCP echo on port 22)', async () => {
    const run = h.spawn(aws, h.awsArgs(['ssm', 'start-session', '--target', INSTANCE, '--document-name', 'AWS-StartSSHSession', '--parameters', 'portNumber=22']));
    run.child.stdin!.write('ping through the ssh document\n');
    await run.waitFor(/ping through the ssh document\n/);
    run.child.stdin!.end();
    const r = await run.done;
    // stdout is the stream: the echo and nothing else (no starting or exiting line), stderr empty.
    expect(r.stdout).toBe('ping through the ssh document\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
