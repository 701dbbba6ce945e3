/**
 * NonInteractiveCommands without separate streams (§7.3): the agent sends the command's
 * stdout and stderr to one file and streams that file once the command has exited. The child
 * writes straight into the file (both streams share one open file, so their order is the order
 * written, as with `>file 2>&1`); the sandbox reads it back a pump's worth at a time. Holding the
 * output in memory instead (32 MB of pipe reads, then replayed) cost the sandbox about as much
 * again per 1 KB frame as everything else it does, in cold-memory copies, page faults and GC.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, type ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const COMBINED_OUTPUT = {
  /** Bytes per file read: 64 chunks of 1 KB, the same as one pipe read, so the pump stays fed. */
  READ_BYTES: 64 * 1024,
  /** Temporary directory prefix, outside the command's working directory so `ls` never sees it. */
  DIR_PREFIX: 'porthole-agent-output-',
} as const;

/** Where streamed bytes go; false means "stop until `resume` is called". */
export type ChunkSink = (bytes: Buffer) => boolean;

export class CombinedOutputFile {
  private readonly dir = mkdtempSync(join(tmpdir(), COMBINED_OUTPUT.DIR_PREFIX));
  private readonly path = join(this.dir, 'output');
  /** Write end handed to the child; closed in the sandbox once the child holds its copy. */
  private fd: number | undefined = openSync(this.path, 'w');
  private reader: ReadStream | undefined;
  private disposed = false;

  /** The file descriptor to give the child as its stdout and stderr. */
  get writeFd(): number {
    if (this.fd === undefined) throw new Error('the combined output file is already handed over');
    return this.fd;
  }

  /** The child has its own copies (spawned) or never will (spawn failed). */
  releaseWriteFd(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /**
   * Streams the whole file into `sink`; resolves at its end, on an error, or when disposed.
   * While `sink` returns false reading stops until `resume()`.
   */
  stream(sink: ChunkSink): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const reader = createReadStream(this.path, { highWaterMark: COMBINED_OUTPUT.READ_BYTES });
    this.reader = reader;
    return new Promise<void>((resolve) => {
      reader.on('data', (chunk) => {
        if (!sink(chunk as Buffer)) reader.pause();
      });
      reader.once('end', () => resolve());
      reader.once('error', () => resolve());
      reader.once('close', () => resolve());
    });
  }

  /** The sink has room again. */
  resume(): void {
    if (this.reader?.isPaused()) this.reader.resume();
  }

  /** Stops any read and removes the file. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseWriteFd();
    this.reader?.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
