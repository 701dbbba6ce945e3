// Every transfer the app runs (issue 17): started from the contract, listed with live progress
// (one `updated` event per change, at most every PROGRESS_INTERVAL_MS while bytes move), cancelled
// on request, downloads staged under <dataDir>/transfers until the renderer has read them.
import { randomBytes } from 'node:crypto';
import { open, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShellTarget, TargetLabel, TransferInfo, TransferProgressInfo } from '../../../shared/contract/index.js';
import type { ShellLauncher } from '../../sessions/shells/index.js';
import { localTarget, Transfer, TransferError, targetLabel, transferOpener, type TransferProgress } from '../../transfer/index.js';
import { LastPaths } from './last-paths.js';
import { PushSource } from './push-source.js';

export const TRANSFERS_HUB = {
  /** Staging folder for downloads under the data dir (emptied at start and on close). */
  STAGING_DIR: 'transfers',
} as const;

export interface TransfersHubOptions {
  readonly launch: ShellLauncher;
  readonly dataDir: string;
  readonly updated: (transfer: TransferInfo) => void;
  readonly notice: (message: string) => void;
}

interface Entry {
  info: TransferInfo;
  readonly transfer: Transfer;
  readonly source?: PushSource;
  /** A finished download's staged file. */
  staged?: string;
}

/** What a start request carries besides its direction's own fields. */
interface TransferRequest {
  readonly target: ShellTarget;
  readonly targetLabel?: TargetLabel | undefined;
  readonly remotePath: string;
  readonly compress: boolean;
}

/** The info without what its launch waited on (the launch answered, or the transfer ended). */
function withoutHelperWait(info: TransferInfo): TransferInfo {
  const { helperWait, ...rest } = info;
  return helperWait === undefined ? info : rest;
}

/** How messages name the target: by the name the person picked it by, else by its ids. */
const labelOf = (r: TransferRequest): string => r.targetLabel?.name ?? targetLabel(r.target);

const progressOf = (p: TransferProgress): TransferProgressInfo => ({ bytes: p.bytes, total: p.total ?? null, bytesPerSecond: p.bytesPerSecond, etaSeconds: p.etaSeconds ?? null });

export class TransferNotFoundError extends Error {
  override readonly name = 'TransferNotFoundError';
}

export class TransfersHub {
  readonly #entries = new Map<string, Entry>();
  readonly #staging: string;
  readonly #paths: LastPaths;
  /**
   * What a transfer's launch was told before its entry was listed: a helper already running is
   * told at once, inside the Transfer's constructor. Taken by #track.
   */
  readonly #earlyWaits = new Map<string, string>();
  #counter = 0;

  constructor(private readonly o: TransfersHubOptions) {
    this.#staging = join(o.dataDir, TRANSFERS_HUB.STAGING_DIR);
    this.#paths = new LastPaths(o.dataDir, o.notice);
  }

  list(): TransferInfo[] {
    return [...this.#entries.values()].map((e) => e.info);
  }

  lastPath(target: ShellTarget): Promise<string | null> {
    return this.#paths.get(target);
  }

  startUpload(r: TransferRequest & { name: string; size: number }): TransferInfo {
    const source = new PushSource(r.size);
    const id = this.#nextId();
    const transfer = new Transfer(transferOpener(this.o.launch, r.target, this.#waiting(id)), {
      direction: 'upload', label: labelOf(r), remotePath: r.remotePath, compress: r.compress,
      source: { name: r.name, directory: false, total: r.size, read: () => source },
    });
    return this.#track('upload', r, r.name, transfer, source, id);
  }

  startDownload(r: TransferRequest): TransferInfo {
    const name = r.remotePath.replace(/\/+$/, '').split('/').pop() || 'download';
    const id = this.#nextId();
    const staged = join(this.#staging, id);
    const transfer = new Transfer(transferOpener(this.o.launch, r.target, this.#waiting(id)), {
      direction: 'download', label: labelOf(r), remotePath: r.remotePath, compress: r.compress,
      target: async (remoteName, directory, nonce) => {
        if (directory) throw new TransferError('is-directory', `${r.remotePath} is a folder: download folders with \`porthole cp\` (it packs them with tar).`);
        await mkdir(this.#staging, { recursive: true, mode: 0o700 });
        return localTarget(staged, remoteName, false, nonce);
      },
    });
    const entry = this.#track('download', r, name, transfer, undefined, id);
    void transfer.done.then(() => { const e = this.#entries.get(id); if (e) e.staged = staged; }, () => undefined);
    return entry;
  }

  async uploadChunk(id: string, offset: number, bytes: Buffer): Promise<number> {
    const e = this.#get(id);
    if (!e.source) throw new TransferNotFoundError(`Transfer ${id} is not an upload.`);
    return e.source.push(offset, bytes);
  }

  async readDownload(id: string, offset: number, length: number): Promise<{ data: Buffer; eof: boolean }> {
    const e = this.#get(id);
    if (e.staged === undefined) throw new TransferNotFoundError(`Transfer ${id} has no finished download to read.`);
    const file = await open(e.staged, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await file.read(buf, 0, length, offset);
      const size = (await file.stat()).size;
      return { data: buf.subarray(0, bytesRead), eof: offset + bytesRead >= size };
    } finally {
      await file.close();
    }
  }

  cancel(id: string): void {
    const e = this.#get(id);
    e.transfer.cancel();
    e.source?.stop(new TransferError('cancelled', 'The upload was cancelled.'));
  }

  async dismiss(id: string): Promise<void> {
    const e = this.#get(id);
    if (e.info.state === 'running') this.cancel(id);
    this.#entries.delete(id);
    if (e.staged) await rm(e.staged, { force: true });
  }

  /** Cancels what runs and empties the staging folder. */
  async close(): Promise<void> {
    for (const e of this.#entries.values()) if (e.info.state === 'running') this.cancel(e.info.id);
    await Promise.allSettled([...this.#entries.values()].map((e) => e.transfer.done));
    this.#entries.clear();
    await rm(this.#staging, { recursive: true, force: true });
  }

  #nextId(): string {
    return `t-${++this.#counter}-${randomBytes(4).toString('hex')}`;
  }

  /** Tells transfer `id`'s row what its launch waits on (a credential_process), or that it no longer does. */
  #waiting(id: string): (words: string | null) => void {
    return (words) => {
      const e = this.#entries.get(id);
      if (e === undefined) {
        if (words === null) this.#earlyWaits.delete(id);
        else this.#earlyWaits.set(id, words);
        return;
      }
      if (e.info.state !== 'running') return;
      e.info = words === null ? withoutHelperWait(e.info) : { ...e.info, helperWait: words };
      this.o.updated(e.info);
    };
  }

  #get(id: string): Entry {
    const e = this.#entries.get(id);
    if (!e) throw new TransferNotFoundError(`No transfer ${id}: it may have been dismissed.`);
    return e;
  }

  #track(direction: 'upload' | 'download', r: TransferRequest, name: string, transfer: Transfer, source?: PushSource, id = this.#nextId()): TransferInfo {
    const early = this.#earlyWaits.get(id);
    const entry: Entry = {
      info: {
        id, direction, target: r.target, ...(r.targetLabel ? { targetLabel: r.targetLabel } : {}), remotePath: r.remotePath, name, state: 'running', phase: 'Starting',
        progress: { bytes: 0, total: source ? source.size : null, bytesPerSecond: 0, etaSeconds: null },
        sha256: null, compressed: false, error: null, startedAt: Date.now(),
        ...(early === undefined ? {} : { helperWait: early }),
      },
      transfer,
      ...(source ? { source } : {}),
    };
    this.#earlyWaits.delete(id);
    this.#entries.set(id, entry);
    const update = (patch: Partial<TransferInfo>): void => {
      if (this.#entries.get(id) !== entry) return;
      entry.info = { ...entry.info, ...patch };
      // An ended transfer waits on nothing.
      if (entry.info.state !== 'running') entry.info = withoutHelperWait(entry.info);
      this.o.updated(entry.info);
    };
    transfer.on('phase', (phase) => update({ phase }));
    transfer.on('progress', (p) => update({ progress: progressOf(p) }));
    transfer.done.then(
      (outcome) => {
        update({ state: 'done', phase: 'Verified', remotePath: outcome.remotePath, sha256: outcome.sha256, compressed: outcome.compressed, progress: { ...entry.info.progress, bytes: outcome.bytes, total: outcome.bytes, etaSeconds: 0 } });
        void this.#paths.set(r.target, r.remotePath).catch((err: unknown) => this.o.notice(`The last transfer path could not be saved (${err instanceof Error ? err.message : String(err)}).`));
      },
      (err: unknown) => {
        const kind = err instanceof TransferError ? err.kind : 'failed';
        source?.fail(err instanceof Error ? err : new Error(String(err)));
        update({ state: kind === 'cancelled' ? 'cancelled' : 'failed', phase: kind === 'cancelled' ? 'Cancelled' : 'Failed', error: { kind, message: err instanceof Error ? err.message : String(err) } });
      },
    );
    return entry.info;
  }
}
