/**
 * `npm run sandbox` end to end: the compiled runner prints one JSON line first, the written
 * profile works with the SDK, a bad world fails with the path of the problem, and SIGINT stops
 * it cleanly (exit 0, temp files gone).
 */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { fromIni } from '@aws-sdk/credential-providers';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompiledMain, MAIN_BUILD_HOOK_TIMEOUT_MS } from '../../testing/build/compiled-main.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(repo, 'dist', 'main', 'sandbox', 'standalone.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'porthole-standalone-test-'));
const children: ChildProcess[] = [];

beforeAll(() => buildCompiledMain(repo, entry), MAIN_BUILD_HOOK_TIMEOUT_MS);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

function start(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | string | null>; stderr: () => string } {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
  const exit = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, firstLine, exit, stderr: () => err };
}

describe('npm run sandbox (standalone)', () => {
  it('prints the endpoint JSON first, serves the profile it wrote, and stops on SIGINT', async () => {
    const run = start(['--pacing', 'unpaced']);
    const info = JSON.parse(await run.firstLine) as { endpoint: string; region: string; configFile: string; credentialsFile: string; profile: string };
    expect(info).toMatchObject({ region: 'us-east-1', profile: 'porthole-sandbox', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(readFileSync(info.configFile, 'utf8')).toContain(`endpoint_url = ${info.endpoint}`);
    const ecs = new ECSClient({
      endpoint: info.endpoint,
      region: info.region,
      credentials: fromIni({ profile: info.profile, filepath: info.credentialsFile, configFilepath: info.configFile }),
    });
    const clusters = await ecs.send(new ListClustersCommand({}));
    ecs.destroy();
    expect(clusters.clusterArns).toHaveLength(3);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(existsSync(info.configFile)).toBe(false);
  });

  it('takes a world file and a fixed port', async () => {
    const world = path.join(scratch, 'world.json');
    writeFileSync(world, JSON.stringify({ accounts: [{ id: '444455556666', regions: [{ name: 'eu-central-1', clusters: [{ name: 'only' }] }] }] }));
    const probe = start(['--world', world]);
    const port = Number(new URL((JSON.parse(await probe.firstLine) as { endpoint: string }).endpoint).port);
    probe.child.kill('SIGTERM');
    expect(await probe.exit).toBe(0);
    const run = start(['--world', world, '--port', String(port)]);
    const info = JSON.parse(await run.firstLine) as { endpoint: string; region: string };
    expect(info).toEqual(expect.objectContaining({ endpoint: `http://127.0.0.1:${port}`, region: 'eu-central-1' }));
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('refuses an invalid world with the path of the problem and exit code 2', async () => {
    const world = path.join(scratch, 'bad.json');
    writeFileSync(world, JSON.stringify({ accounts: [{ id: 'abc', regions: [] }] }));
    const run = start(['--world', world]);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('accounts.0.id: account id must be 12 digits');
    const badPacing = start(['--pacing', 'warp']);
    expect(await badPacing.exit).toBe(2);
    expect(badPacing.stderr()).toContain('--pacing must be faithful or unpaced');
  });
});

describe('runStandalone in process', () => {
  function capture(): { stream: PassThrough; text: () => string; firstLine: Promise<string> } {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    const firstLine = new Promise<string>((resolve) => createInterface({ input: stream }).once('line', resolve));
    return { stream, text: () => text, firstLine };
  }

  it('starts nothing on import, serves until aborted, then resolves 0 with its files removed', async () => {
    const listeners = process.listenerCount('SIGINT');
    const { runStandalone } = await import('./standalone.js');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    const out = capture();
    const err = capture();
    const stop = new AbortController();
    const status = runStandalone(['--pacing', 'unpaced'], { stdout: out.stream, stderr: err.stream, signal: stop.signal });
    const info = JSON.parse(await out.firstLine) as { endpoint: string; region: string; profile: string; configFile: string; credentialsFile: string };
    expect(process.listenerCount('SIGINT')).toBe(listeners + 1);
    const ecs = new ECSClient({ endpoint: info.endpoint, region: info.region, credentials: fromIni({ profile: info.profile, filepath: info.credentialsFile, configFilepath: info.configFile }) });
    try {
      expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(3);
    } finally {
      ecs.destroy();
    }
    stop.abort();
    expect(await status).toBe(0);
    expect(existsSync(info.configFile)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    expect(err.text()).toBe('');
  });

  it('returns usage errors and help as a status instead of exiting the process', async () => {
    const { runStandalone } = await import('./standalone.js');
    const out = capture();
    const err = capture();
    expect(await runStandalone(['--port', '70000'], { stdout: out.stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toContain('--port must be 0-65535, got "70000"');
    expect(await runStandalone(['--help'], { stdout: out.stream, stderr: err.stream })).toBe(0);
    // Said as the command the person typed: `porthole sandbox`, with the checkout's npm form beside it.
    expect(out.text()).toMatch(/^usage: porthole sandbox \[--world FILE/);
    expect(out.text()).toContain('from a checkout: npm run -s sandbox --');
  });
});
