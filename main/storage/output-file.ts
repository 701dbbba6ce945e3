// A file Porthole streams into while something runs (a recording, a capture): opened before
// anything depends on it, so a bad path is an error at once, never an 'error' event later; mode
// 0600 even over an existing file; writes that report backpressure; errors kept, not thrown; and a
// close that always settles. Streams are exempt from the atomic writer (they grow while in use).
//   const out = await openOutputFile(path, { onError: (err) => tell(err.message) });
//   if (!out.write(text)) pause(), out.onDrain(resume);
//   await out.close();            // resolves once the bytes are on disk, or the error is known
import { open } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export const OUTPUT_FILE = {
  /** Recordings and captures hold terminal contents and session traffic: the owner's alone. */
  MODE: 0o600,
  /** A close waits this long at most for a stuck file system, then gives up (stop never hangs). */
  CLOSE_TIMEOUT_MS: 10_000,
} as const;

export interface OutputFileOptions {
  /** Told once, when a write fails (disk full, file system gone); later writes are dropped. */
  readonly onError?: (err: Error) => void;
}

export interface OutputFile {
  readonly path: string;
  /** False when the file is behind: stop feeding it until `onDrain` fires. Never throws. */
  write(data: string | Uint8Array): boolean;
  /** Called once the file has caught up (at once when it is not behind or has failed). */
  onDrain(listener: () => void): void;
  /** The error that stopped writing, if any. */
  readonly error: Error | undefined;
  /** Flushes and closes; resolves when done, failed or timed out. Never rejects. Idempotent. */
  close(): Promise<void>;
}

/** Opens (creating or truncating) `path` for writing; rejects with the file system's error. */
export async function openOutputFile(path: string, options: OutputFileOptions = {}): Promise<OutputFile> {
  const handle = await open(path, 'w', OUTPUT_FILE.MODE);
  try {
    // An existing file keeps its old mode on open; a device or pipe (/dev/stdout) is left alone.
    const st = await handle.stat();
    if (st.isFile() && (st.mode & 0o777) !== OUTPUT_FILE.MODE) await handle.chmod(OUTPUT_FILE.MODE);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const stream: WriteStream = handle.createWriteStream();
  let error: Error | undefined;
  let closing: Promise<void> | undefined;
  const drainWaiters = new Set<() => void>();
  const releaseWaiters = (): void => {
    for (const w of [...drainWaiters]) w();
    drainWaiters.clear();
  };
  stream.on('drain', releaseWaiters);
  stream.on('error', (err) => {
    if (error !== undefined) return;
    error = err;
    releaseWaiters(); // nobody may wait for a drain that will never come
    options.onError?.(err);
  });
  return {
    path,
    get error() {
      return error;
    },
    write(data) {
      if (error !== undefined || closing !== undefined) return true;
      return stream.write(data);
    },
    onDrain(listener) {
      if (error !== undefined || !stream.writableNeedDrain) listener();
      else drainWaiters.add(listener);
    },
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, OUTPUT_FILE.CLOSE_TIMEOUT_MS);
        });
        if (!stream.destroyed) stream.end();
        await Promise.race([finished(stream).catch(() => undefined), timedOut]);
        clearTimeout(timer);
        if (!stream.destroyed) stream.destroy();
        releaseWaiters();
      })();
      return closing;
    },
  };
}
