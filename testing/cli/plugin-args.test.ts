// PluginArgsRecorder: last() gives the arguments of the current CLI run only; a run that never
// starts the plugin fails with a clear message instead of replaying the previous run's arguments.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliHarness } from './cli-harness.js';
import { PluginArgsRecorder } from './plugin-args.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A recorder over a harness whose drop-in is a script that does nothing. */
function recorder(): PluginArgsRecorder {
  const binDir = mkdtempSync(join(tmpdir(), 'porthole-argv-test-'));
  writeFileSync(join(binDir, 'session-manager-plugin'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(binDir, 'session-manager-plugin'), 0o755);
  const harness = { binDir, env: () => ({ ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` }) };
  const r = new PluginArgsRecorder(harness as unknown as CliHarness);
  cleanups.push(() => {
    r.remove();
    rmSync(binDir, { recursive: true, force: true });
  });
  return r;
}

describe('PluginArgsRecorder', () => {
  it('records the arguments of a run that starts the plugin, and forgets them for the next run', () => {
    const r = recorder();
    const args = ['{"SessionId":"s"}', 'eu-west-1', 'StartSession', '', '{"Target":"i-1"}', 'http://127.0.0.1:1'];
    execFileSync('session-manager-plugin', args, { env: r.env() });
    expect(r.last()).toEqual(args);
    // The next CLI run's environment; this run never starts the plugin.
    r.env();
    expect(() => r.last()).toThrow('the AWS CLI never started session-manager-plugin (no arguments were recorded)');
  });
});
