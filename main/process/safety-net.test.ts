/**
 * The safety net in a real Node process: an exception thrown from a timer, a rejected promise
 * nobody awaits and a throwing event listener are each logged, and the process carries on to
 * exit 0 on its own. Without the net the same child dies with status 1 (checked too).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompiledMain, MAIN_BUILD_HOOK_TIMEOUT_MS } from '../../testing/build/compiled-main.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = path.join(repo, 'dist', 'main', 'process', 'safety-net.js');
const compiledEmitter = path.join(repo, 'dist', 'main', 'ssm', 'util', 'emitter.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'porthole-safety-net-'));

beforeAll(() => buildCompiledMain(repo, compiled), MAIN_BUILD_HOOK_TIMEOUT_MS);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Fault = 'listener' | 'timer' | 'rejection';

/** A child that misbehaves in the given ways, then reports it is still alive after a short while. */
function childScript(withNet: boolean, faults: readonly Fault[]): string {
  return `
import { installSafetyNet } from ${JSON.stringify(pathToFileURL(compiled).href)};
import { Emitter } from ${JSON.stringify(pathToFileURL(compiledEmitter).href)};
${withNet ? "installSafetyNet({ name: 'test child' });" : ''}
class Bell extends Emitter { ring() { this.emit('ring'); } }
const bell = new Bell();
let heard = 0;
bell.on('ring', () => { throw new Error('listener-boom'); });
bell.on('ring', () => { heard++; });
${faults.includes('listener') ? 'bell.ring();' : ''}
${faults.includes('timer') ? "setTimeout(() => { throw new Error('timer-boom'); }, 10);" : ''}
${faults.includes('rejection') ? "void Promise.reject(new Error('rejection-boom'));" : ''}
setTimeout(() => { console.log('still alive, second listener heard ' + heard); process.exit(0); }, 300);
`;
}

function run(withNet: boolean, faults: readonly Fault[]): Promise<{ code: number | null; out: string; err: string }> {
  const file = path.join(scratch, `child-${withNet ? 'net' : 'bare'}-${faults.join('-')}.mjs`);
  writeFileSync(file, childScript(withNet, faults));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('process safety net', () => {
  it('logs a timer throw, an unhandled rejection and a listener throw, and keeps the process alive', async () => {
    const r = await run(true, ['listener', 'timer', 'rejection']);
    expect(r.out).toContain('still alive, second listener heard 1');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/porthole \(test child\): uncaught exception; still running[\s\S]*timer-boom/);
    expect(r.err).toMatch(/unhandled promise rejection; still running[\s\S]*rejection-boom/);
    // The listener's error takes the net's own report path (its prefix, its rate limit).
    expect(r.err).toMatch(/porthole \(test child\): a listener for "ring" threw \(the other listeners still ran\); still running[\s\S]*listener-boom/);
  });

  it('is what keeps it alive: without the net a timer throw or a rejection ends the process', async () => {
    for (const fault of ['timer', 'rejection'] as const) {
      const r = await run(false, [fault]);
      expect(r.code).toBe(1);
      expect(r.out).not.toContain('still alive');
    }
  });

  it('needs no net for a throwing event listener: the emitter reports it on stderr and the process lives', async () => {
    const r = await run(false, ['listener']);
    expect(r.out).toContain('still alive, second listener heard 1');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/porthole: a listener for "ring" threw \(the other listeners still ran\); still running[\s\S]*listener-boom/);
  });
});
