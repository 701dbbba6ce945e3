// What a command needs from the process, injectable so commands run in tests without spawning.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  guardPipes();
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

let pipesGuarded = false;

/**
 * A reader that goes away (the AWS CLI or ssh closing our stdout) makes the next write fail with
 * EPIPE; without a listener that error would crash the drop-in mid-session. Nobody is left to read,
 * so end quietly (exit hooks still restore the terminal); any other stream error is reported.
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      process.exitCode = 1;
    });
  }
}

/** A command's failure that should print a message and exit with a status. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Writes and resolves once the data is flushed (so exit() does not cut output short). */
export function writeOut(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}
