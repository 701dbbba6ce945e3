// Test support for commands run through main() in-process: in-memory stdin/stdout/stderr, with
// what was written to stdout and stderr so far readable at any moment.
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../main/cli/io.js';

export type MemoryIo = CliIo & { out(): string; err(): string };

export function memoryIo(env: NodeJS.ProcessEnv = {}): MemoryIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdin: new PassThrough(), stdout, stderr, env, out: () => out, err: () => err };
}
