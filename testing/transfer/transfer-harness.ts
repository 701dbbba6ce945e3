// Test support: transfers against a real sandbox (gateway + emulated agent with real ptys), where
// the "remote" file system is this machine's, so both ends can be checked directly.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultSpecInput } from '../../main/sandbox/gateway/index.js';
import { ShellSession } from '../../main/ssm/shell/shell-session.js';
import type { Harness } from '../ssm/sandbox-harness.js';
import { TRANSFER } from '../../main/transfer/constants.js';
import { localSource, localTarget } from '../../main/transfer/local-files.js';
import { Transfer, type TransferOutcome } from '../../main/transfer/transfer.js';

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface Opened {
  readonly session: ShellSession;
  readonly sessionId: string;
}

/** A fresh Standard_Stream session on the harness, optionally with faults. */
export function opener(h: Harness, faults?: FaultSpecInput, seen?: (o: Opened) => void): () => Promise<ShellSession> {
  return async () => {
    const creds = h.addSession({ type: 'Standard_Stream' }, faults ? { faults } : {});
    const session = new ShellSession({ credentials: creds, target: creds.target, size: { cols: TRANSFER.COLS, rows: TRANSFER.ROWS }, resumeSession: h.resumeSession });
    seen?.({ session, sessionId: creds.sessionId });
    return session;
  };
}

export async function startUpload(h: Harness, localPath: string, remotePath: string, o: { compress?: boolean; faults?: FaultSpecInput; seen?: (o: Opened) => void } = {}): Promise<Transfer> {
  const source = await localSource(localPath);
  return new Transfer(opener(h, o.faults, o.seen), { direction: 'upload', label: 'sandbox', remotePath, source, ...(o.compress === undefined ? {} : { compress: o.compress }) });
}

export function startDownload(h: Harness, remotePath: string, localPath: string, o: { compress?: boolean; faults?: FaultSpecInput; seen?: (o: Opened) => void } = {}): Transfer {
  return new Transfer(opener(h, o.faults, o.seen), {
    direction: 'download', label: 'sandbox', remotePath,
    target: (name, directory, nonce) => localTarget(localPath, name, directory, nonce),
    ...(o.compress === undefined ? {} : { compress: o.compress }),
  });
}

export async function roundTrip(h: Harness, dir: string, name: string, bytes: Uint8Array, compress?: boolean): Promise<{ up: TransferOutcome; down: TransferOutcome; back: Buffer }> {
  const { readFile } = await import('node:fs/promises');
  const src = join(dir, `${name}.src`);
  await writeFile(src, bytes);
  const remote = join(dir, 'remote', name);
  const up = await (await startUpload(h, src, remote, compress === undefined ? {} : { compress })).done;
  const down = await startDownload(h, remote, join(dir, `${name}.back`), compress === undefined ? {} : { compress }).done;
  return { up, down, back: await readFile(join(dir, `${name}.back`)) };
}

/** Files in `dir` (temp files start with a dot: listed too). */
export const listing = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'porthole-transfer-'));
}

let shells = 0;

/** A shell for the agent that runs /bin/sh under bwrap with extra mount arguments. */
export async function confinedShell(dir: string, bwrapArgs: readonly string[], path = process.env['PATH'] ?? '/usr/bin:/bin'): Promise<string> {
  const file = join(dir, `confined-shell-${++shells}.sh`);
  await writeFile(file, `#!/bin/sh\nexec bwrap --bind / / --dev-bind /dev /dev ${bwrapArgs.join(' ')} /usr/bin/env PATH='${path}' /bin/sh\n`);
  await chmod(file, 0o755);
  return file;
}
