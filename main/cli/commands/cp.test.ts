// `porthole cp` refusals that need no AWS: operands that look like a target but are not one, and
// a local source that does not exist (said before any profile or target is looked up).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import { parseOperand } from './cp-spec.js';

async function cp(...args: string[]): Promise<{ code: number; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-cp-args-'));
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  // No AWS configuration at all: any lookup would fail on the profile.
  const env = { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), HOME: dir };
  const io: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env };
  const code = await main(['node', 'porthole', 'cp', ...args], io);
  return { code, stderr: err };
}

describe('porthole cp operands', () => {
  it('an instance operand whose id is malformed is named as such, not taken for a local file', () => {
    expect(() => parseOperand('i-abc:/tmp/x')).toThrow('"i-abc:/tmp/x": i-abc is not an instance or managed node id (i-… or mi-… with 8 to 17 hex digits); for a local file of that name write ./i-abc:/tmp/x');
    expect(() => parseOperand('mi-XYZ:/x')).toThrow(/mi-XYZ is not an instance or managed node id/);
    expect(parseOperand('./i-abc:/tmp/x')).toEqual({ kind: 'local', path: './i-abc:/tmp/x' });
    expect(parseOperand('i-0123456789abcdef0:/tmp/x')).toEqual({ kind: 'instance', instanceId: 'i-0123456789abcdef0', path: '/tmp/x' });
  });

  it('says so with status 2 from the command line', async () => {
    const r = await cp('/etc/hostname', 'i-abc:/tmp/x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/i-abc is not an instance or managed node id/);
  });

  it('a local source that does not exist is said before any AWS lookup', async () => {
    const r = await cp('/nonexistent/porthole-src.bin', 'i-0123456789abcdef0:/tmp/x');
    expect(r.stderr).toMatch(/^porthole: Reading \/nonexistent\/porthole-src\.bin locally: .*no such file or directory/i);
    expect(r.stderr).not.toMatch(/profile/);
    expect(r.code).toBe(1);
  });
});
