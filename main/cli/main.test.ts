// The porthole entry point: dispatch, help/version, plugin mode by argv[1]'s name, inspect and
// play through main() with in-memory streams, and `porthole sandbox` as a real process.
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { fromIni } from '@aws-sdk/credential-providers';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { PORTHOLE_CLIENT_VERSION } from '../ssm/version.js';
import { conformanceDir } from '../../testing/ssm/conformance.js';
import { main } from './main.js';
import { LAUNCHER, requireBuiltCli } from '../../testing/cli/cli-harness.js';
import { memoryIo } from '../../testing/cli/memory-io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('porthole main()', () => {
  it('under the plugin name, an option error is one line on stderr and a non-zero status (no stack trace)', async () => {
    const io = memoryIo();
    expect(await main(['node', '/x/session-manager-plugin', '--capture'], io)).toBe(2);
    expect(io.err()).toBe('porthole: --capture needs a file name\n');
    const viaCommand = memoryIo();
    expect(await main(['node', '/x/porthole', 'session-manager-plugin', '--record'], viaCommand)).toBe(2);
    expect(viaCommand.err()).toBe('porthole: --record needs a file name\n');
  });

  it('an unexpected failure is one line and status 1, under either name', async () => {
    const broken = memoryIo();
    // A stdout that throws on write stands in for any failure that is not a usage error.
    broken.stdout.write = () => {
      throw new Error('first line of the failure\n    at some/stack/frame.js:1:1');
    };
    expect(await main(['node', '/x/session-manager-plugin', '--version'], broken)).toBe(1);
    expect(broken.err()).toBe('porthole: first line of the failure\n');
  });

  it('prints help, and the version with the plugin version it stands in for', async () => {
    const io = memoryIo();
    expect(await main(['node', '/x/porthole', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^porthole .* terminals for AWS ECS containers and EC2 instances\n\nUsage:/);
    const v = memoryIo();
    expect(await main(['node', '/x/porthole', '--version'], v)).toBe(0);
    expect(v.out()).toBe(`porthole ${PORTHOLE_VERSION} (session-manager-plugin compatible ${PORTHOLE_CLIENT_VERSION})\n`);
  });

  it('an unknown command fails with status 2 and says so on stderr', async () => {
    const io = memoryIo();
    expect(await main(['node', '/x/porthole', 'frobnicate'], io)).toBe(2);
    expect(io.err()).toBe('porthole: unknown command "frobnicate"; see porthole --help\n');
    expect(io.out()).toBe('');
  });

  it('runs as the plugin when invoked as session-manager-plugin (argv[1] basename)', async () => {
    const io = memoryIo();
    expect(await main(['node', '/usr/local/bin/session-manager-plugin'], io)).toBe(0);
    expect(io.out()).toBe('\nThe Session Manager plugin was installed successfully. Use the AWS CLI to start a session.\n\n');
    const v = memoryIo();
    expect(await main(['node', '/tmp/bin/session-manager-plugin', '--version'], v)).toBe(0);
    expect(v.out()).toBe(`${PORTHOLE_CLIENT_VERSION}\n`);
    const bad = memoryIo();
    expect(await main(['node', '/tmp/bin/session-manager-plugin', '{}', 'us-east-1', 'Nope', ''], bad)).toBe(0);
    expect(bad.out()).toBe('Invalid Operation\n');
  });

  it('as the plugin, a malformed or missing argument gets the real plugin\'s message on stdout and status 0 (protocol §11: every orderly path exits 0)', async () => {
    // One argument (`session-manager-plugin {bad`): too few for a session, so "Unknown operation".
    const one = memoryIo();
    expect(await main(['node', '/usr/local/bin/session-manager-plugin', '{bad'], one)).toBe(0);
    expect(one.out()).toBe('\nUnknown operation {bad. \nUse session-manager-plugin --version to check the version.\n\n');
    expect(one.err()).toBe('');
    const two = memoryIo();
    expect(await main(['node', '/usr/local/bin/session-manager-plugin', '{bad', 'us-east-1'], two)).toBe(0);
    expect(two.out()).toMatch(/^\nUnknown operation \{bad\. /);
    // The full form with a response that is not JSON: the start fails in words, nothing is started.
    const json = memoryIo();
    expect(await main(['node', '/usr/local/bin/session-manager-plugin', '{bad', 'us-east-1', 'StartSession', '', '{"Target":"i-0123"}', 'https://ssm.us-east-1.amazonaws.com'], json)).toBe(0);
    expect(json.out()).toMatch(/^Cannot perform start session: the session response is not valid JSON: .+\n$/);
    expect(json.err()).toBe('');
    // Malformed parameters (argv[5]) and parameters without a Target say which argument is wrong.
    const params = memoryIo();
    expect(await main(['node', 'porthole', 'session-manager-plugin', '{"SessionId":"s-1","TokenValue":"t","StreamUrl":"wss://x"}', 'us-east-1', 'StartSession', '', '{oops'], params)).toBe(0);
    expect(params.out()).toMatch(/^Cannot perform start session: the session parameters are not valid JSON: .+\n$/);
  });

  it('inspect describes a real recorded session; status 1 when a frame is malformed', async () => {
    const io = memoryIo();
    expect(await main(['node', 'porthole', 'inspect', join(conformanceDir(), 'real', 'shell-session.jsonl'), '--no-hexdump'], io)).toBe(0);
    expect(io.out()).toContain('=== frame 2  +1957 ms  server->client  binary, 122 bytes');
    expect(io.out()).toMatch(/18 frames, no problems\n$/);
    const dir = mkdtempSync(join(tmpdir(), 'porthole-main-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bad.jsonl'), JSON.stringify({ t: 0, dir: 'server->client', kind: 'binary', raw: Buffer.from([0, 0, 0, 116]).toString('base64') }) + '\n');
    const bad = memoryIo();
    expect(await main(['node', 'porthole', 'inspect', join(dir, 'bad.jsonl')], bad)).toBe(1);
    expect(bad.out()).toContain('PROBLEM: frame ends at byte 4, inside MessageType (offset 4, 32 bytes)');
    const missing = memoryIo();
    expect(await main(['node', 'porthole', 'inspect', join(dir, 'nope.jsonl')], missing)).toBe(1);
    expect(missing.err()).toMatch(/^porthole: cannot read .*nope\.jsonl/);
  });

  it('inspect and play say a folder, a missing file and an empty capture in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-main-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'empty.jsonl'), '');
    for (const [command, what] of [['inspect', 'capture'], ['play', 'recording']] as const) {
      const folder = memoryIo();
      expect(await main(['node', 'porthole', command, dir], folder)).toBe(1);
      expect(folder.err()).toBe(`porthole: ${dir} is a folder; give the ${what} file itself\n`);
      const missing = memoryIo();
      expect(await main(['node', 'porthole', command, join(dir, 'nope')], missing)).toBe(1);
      expect(missing.err()).toBe(`porthole: cannot read ${join(dir, 'nope')}: there is no such file\n`);
    }
    const empty = memoryIo();
    expect(await main(['node', 'porthole', 'inspect', join(dir, 'empty.jsonl')], empty)).toBe(1);
    expect(empty.err()).toBe(`porthole: ${join(dir, 'empty.jsonl')} is empty: no frames were captured\n`);
  });

  it('play writes the recorded output; bad options are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-main-'));
    dirs.push(dir);
    const cast = join(dir, 'a.cast');
    writeFileSync(cast, '{"version":2,"width":80,"height":24}\n[0.001,"o","one "]\n[0.002,"o","two\\r\\n"]\n');
    const io = memoryIo();
    expect(await main(['node', 'porthole', 'play', cast, '--speed', '50'], io)).toBe(0);
    expect(io.out()).toBe('one two\r\n');
    const bad = memoryIo();
    expect(await main(['node', 'porthole', 'play', cast, '--speed', '0'], bad)).toBe(2);
    expect(bad.err()).toBe('porthole: --speed must be a positive number, got "0"\n');
  });
});

describe('porthole sandbox', () => {
  it('runs the sandbox like npm run sandbox: JSON line first, serves the API, stops on SIGTERM with status 0', async () => {
    requireBuiltCli();
    const child = spawn(process.execPath, [LAUNCHER, 'sandbox', '--pacing', 'unpaced'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const nl = buf.indexOf('\n');
          if (nl >= 0) resolve(buf.slice(0, nl));
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited ${code} before printing`)));
      });
      const info = JSON.parse(firstLine) as { endpoint: string; region: string; profile: string; configFile: string; credentialsFile: string };
      expect(info).toMatchObject({ region: 'us-east-1', profile: 'porthole-sandbox' });
      // Through the profile the sandbox wrote: its API answers only requests signed with that run's key.
      const ecs = new ECSClient({ endpoint: info.endpoint, region: info.region, credentials: fromIni({ profile: info.profile, filepath: info.credentialsFile, configFilepath: info.configFile }) });
      try {
        expect(await ecs.send(new ListClustersCommand({}))).toMatchObject({ clusterArns: expect.arrayContaining([expect.stringContaining(':cluster/demo-web')]) });
      } finally {
        ecs.destroy();
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
