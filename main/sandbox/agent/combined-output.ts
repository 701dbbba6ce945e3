/**
 * NonInteractiveCommands without separate streams (§7.3): the agent sends the command's
 * stdout and stderr to one file and streams that file once the command has exited. The child
 * writes straight into the file (both streams share one open file, so their order is the order
 * written, as with `>file 2>&1`); the sandbox reads it back a pump's worth at a time. Holding the
 * output in memory instead (32 MB of pipe reads, then replayed) cost the sandbox about as much
 * again per 1 KB frame as everything else it does, in cold-memory copies, page faults and GC.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const COMBINED_OUTPUT = {
  /** Bytes per file read: 64 chunks of 1 KB, the same as one pipe read, so the pump stays fed. */
  READ_BYTES: 64 * 1024,
  /** Temporary directory prefix, outside the command's working directory so `ls` never sees it. */
  DIR_PREFIX: 'porthole-agent-output-',
} as const;

/**
 * Where streamed bytes go. The bytes live in a buffer that the next read overwrites: true means
 * "done with them, read on", false "still holding them: wait until `resume` is called".
 */
export type ChunkSink = (bytes: Buffer) => boolean;

export class CombinedOutputFile {
  private readonly dir = mkdtempSync(join(tmpdir(), COMBINED_OUTPUT.DIR_PREFIX));
  private readonly path = join(this.dir, 'output');
  /** Write end handed to the child; closed in the sandbox once the child holds its copy. */
  private fd: number | undefined = openSync(this.path, 'w');
  /** Read end while streaming. */
  private readFd: number | undefined;
  /** Set while the sink is full: the next read waits for `resume`. */
  private paused = false;
  /** Ends the current `stream` call. */
  private finishStream: (() => void) | undefined;
  private disposed = false;
  /**
   * The one read buffer, reused for every read: a fresh 64 KB buffer per read took its page
   * faults on every read, and with the copy into frames that was a fifth of the sandbox's CPU.
   */
  private readonly buffer = Buffer.allocUnsafe(COMBINED_OUTPUT.READ_BYTES);

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
   * Streams the whole file into `sink`; resolves at its end, on a read error, or when disposed.
   * While `sink` returns false reading stops until `resume()` (see ChunkSink).
   *
   * Reads are synchronous, one per event-loop turn: the file was just written, so each read is a
   * page-cache copy of microseconds, where fs streams' thread-pool round trip cost the sandbox's
   * event loop about 100 us of CPU per 64 KB read (about 1.7 us per frame sent).
   */
  stream(sink: ChunkSink): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.readFd = openSync(this.path, 'r');
    return new Promise<void>((resolve) => {
      this.finishStream = () => {
        this.finishStream = undefined;
        this.closeReadFd();
        resolve();
      };
      const readNext = (): void => {
        if (this.readFd === undefined || this.paused) return;
        let n: number;
        const chunk = this.buffer;
        try {
          n = readSync(this.readFd, chunk, 0, chunk.length, null);
        } catch {
          n = 0; // an unreadable file ends the output; the session still ends normally
        }
        if (n === 0) return this.finishStream?.();
        if (!sink(chunk.subarray(0, n))) this.paused = true;
        else setImmediate(readNext);
      };
      this.readNext = readNext;
      readNext();
    });
  }

  /** The sink is done with the last bytes it was given. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const next = this.readNext;
    if (next) setImmediate(next);
  }

  private readNext: (() => void) | undefined;

  private closeReadFd(): void {
    if (this.readFd !== undefined) closeSync(this.readFd);
    this.readFd = undefined;
    this.readNext = undefined;
  }

  /** Stops any read and removes the file. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseWriteFd();
    if (this.finishStream) this.finishStream();
    else this.closeReadFd();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
