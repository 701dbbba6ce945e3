// The one way Porthole writes a file it keeps (settings, saved forwards, regions, token caches…):
// a unique temp file beside the target (created exclusively, 0600 unless told otherwise), the
// bytes written and fsynced, then renamed over the target and the directory fsynced, so a crash
// or SIGKILL at any instant leaves either the previous file or the new one, never a mix.
// Writes to one file are queued: at most one is in flight, and every write asked for while one
// runs is folded into a single next write of the newest data, so the last state asked for is the
// one on disk and a burst of saves costs two writes, not a hundred.
//   await writeJsonAtomic(file, { version: 1, forwards });
//   await writeFileAtomic(file, text, { mode: 0o644 });
//   await flushAtomicWrites();   // before exit: everything asked for is on disk
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export const ATOMIC_WRITER = {
  /** Files Porthole keeps hold profile names, hosts and tokens: readable by their owner only. */
  FILE_MODE: 0o600,
  /** Directories it creates for them: the same, so listing them is the owner's alone too. */
  DIR_MODE: 0o700,
  /** Random bytes in a temp name: two processes (or two runs) never pick the same one. */
  TEMP_NAME_BYTES: 6,
  /** Temp files end with this, so a leftover from a killed process is recognisable. */
  TEMP_SUFFIX: '.tmp',
} as const;

export interface AtomicWriteOptions {
  /** Permission bits of the written file (default 0600); applied even when the file existed. */
  readonly mode?: number;
}

interface Pending {
  data: string | Uint8Array;
  mode: number;
  readonly waiters: { resolve(): void; reject(err: unknown): void }[];
}

interface FileQueue {
  running: boolean;
  pending: Pending | undefined;
}

const queues = new Map<string, FileQueue>();
const idle = new Set<() => void>();

/** Whether `name` is a temp file this writer makes for `target` (for cleaning up leftovers). */
export function isTempFileOf(target: string, name: string): boolean {
  const base = path.basename(target);
  return name.startsWith(`${base}.`) && name.endsWith(ATOMIC_WRITER.TEMP_SUFFIX) && name !== base;
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(ATOMIC_WRITER.TEMP_NAME_BYTES).toString('hex')}${ATOMIC_WRITER.TEMP_SUFFIX}`;
}

/** fsync of the directory makes the rename itself durable; not possible (nor needed) on Windows. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

async function writeOnce(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: ATOMIC_WRITER.DIR_MODE });
  const tmp = tempName(file);
  const handle = await open(tmp, 'wx', mode);
  try {
    try {
      await handle.chmod(mode); // the umask may have narrowed it; nothing may widen it
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

async function pump(key: string, queue: FileQueue): Promise<void> {
  queue.running = true;
  while (queue.pending !== undefined) {
    const job = queue.pending;
    queue.pending = undefined;
    try {
      await writeOnce(key, job.data, job.mode);
      for (const w of job.waiters) w.resolve();
    } catch (err) {
      for (const w of job.waiters) w.reject(err);
    }
  }
  queue.running = false;
  queues.delete(key);
  if (queues.size === 0) for (const done of [...idle]) done();
}

/**
 * Replaces `file` with `data` atomically. Resolves once `data` — or data asked for after it —
 * is on disk; rejects with the file system's error if that write failed (the old file is intact).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const key = path.resolve(file);
  const mode = options.mode ?? ATOMIC_WRITER.FILE_MODE;
  const queue = queues.get(key) ?? { running: false, pending: undefined };
  queues.set(key, queue);
  const done = new Promise<void>((resolve, reject) => {
    const waiter = { resolve, reject };
    if (queue.pending === undefined) queue.pending = { data, mode, waiters: [waiter] };
    else {
      queue.pending.data = data;
      queue.pending.mode = mode;
      queue.pending.waiters.push(waiter);
    }
  });
  if (!queue.running) void pump(key, queue);
  return done;
}

/** `value` as pretty JSON with a final newline, written atomically. */
export function writeJsonAtomic(file: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** Resolves when no write is queued or in flight (app quit, tests). */
export function flushAtomicWrites(): Promise<void> {
  if (queues.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      idle.delete(done);
      resolve();
    };
    idle.add(done);
  });
}
