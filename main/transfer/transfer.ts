// One transfer from start to verified end: open its own session, put the shell in raw no-echo
// mode and probe its tools, then upload or download; progress while it runs; cancel at any time.
// Whatever happens, the session is ended and nothing partial is left at either destination.
import { Emitter } from '../ssm/util/emitter.js';
import { TRANSFER } from './constants.js';
import { TransferError, transferError } from './errors.js';
import { downloadOver } from './download.js';
import type { DownloadTarget, UploadSource } from './local-files.js';
import { newNonce, TAG } from './markers.js';
import { ProgressMeter, type TransferProgress } from './progress.js';
import { kindScript, setupScript } from './remote-script.js';
import { RemoteShell, type TransferSession } from './remote-shell.js';
import { parseTools, type RemoteTools } from './tools.js';
import { uploadOver } from './upload.js';
import { posix } from 'node:path';

interface RequestBase {
  /** How messages name the target. */
  readonly label: string;
  readonly remotePath: string;
  /** gzip when the target has it (default true). */
  readonly compress?: boolean;
}
export interface UploadRequest extends RequestBase {
  readonly direction: 'upload';
  readonly source: UploadSource;
}
export interface DownloadRequest extends RequestBase {
  readonly direction: 'download';
  /** Where the payload goes, once the remote says what it is (a file or a folder). */
  readonly target: (remoteName: string, directory: boolean, nonce: string) => Promise<DownloadTarget>;
}
export type TransferRequest = UploadRequest | DownloadRequest;

export interface TransferOutcome {
  readonly remotePath: string;
  /** Where a download landed (undefined for uploads). */
  readonly localPath: string | undefined;
  /** Payload bytes, verified. */
  readonly bytes: number;
  /** SHA-256 computed on both ends and equal. */
  readonly sha256: string;
  readonly compressed: boolean;
  readonly directory: boolean;
  readonly seconds: number;
}

export interface TransferEvents {
  progress: [progress: TransferProgress];
  /** The phase in words ("Connecting", "Checking the target's tools", "Uploading", "Verifying"). */
  phase: [phase: string];
}

export class Transfer extends Emitter<TransferEvents> {
  readonly done: Promise<TransferOutcome>;
  readonly #abort = new AbortController();
  #shell: RemoteShell | undefined;
  #session: TransferSession | undefined;
  readonly #meter = new ProgressMeter((p) => this.emit('progress', p));

  constructor(openSession: () => Promise<TransferSession>, private readonly request: TransferRequest) {
    super();
    this.done = this.#run(openSession);
    this.done.catch(() => undefined);
  }

  /** Stops the transfer; `done` rejects with a 'cancelled' TransferError once both ends are clean. */
  cancel(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    const shell = this.#shell;
    if (this.request.direction === 'download' || shell === undefined) {
      // Nothing of a download stays on the target (a folder's tar is removed by the trap when the session ends).
      shell?.fail(transferError('cancelled', `The download of ${this.request.remotePath} was cancelled.`));
      void this.#session?.terminate();
      return;
    }
    // An upload removes its temp file itself between chunks; a stuck one is ended (the trap removes it).
    setTimeout(() => {
      shell.fail(transferError('cancelled', `The upload to ${this.request.remotePath} was cancelled.`));
      void this.#session?.terminate();
    }, TRANSFER.CANCEL_GRACE_MS).unref();
  }

  async #run(openSession: () => Promise<TransferSession>): Promise<TransferOutcome> {
    const started = performance.now();
    const r = this.request;
    const nonce = newNonce();
    this.emit('phase', 'Connecting');
    const session = await openSession();
    this.#session = session;
    const shell = new RemoteShell(session, nonce, r.label);
    this.#shell = shell;
    let target: DownloadTarget | undefined;
    try {
      if (this.#abort.signal.aborted) throw transferError('cancelled', 'The transfer was cancelled.');
      void session.open().catch((err: unknown) => shell.fail(transferError('session-ended', `Could not connect to ${r.label}: ${err instanceof Error ? err.message : String(err)}.`)));
      this.emit('phase', 'Checking the target\'s tools');
      shell.send(setupScript(nonce));
      const tools = parseTools((await shell.expect(`Probing ${r.label}`, [TAG.PROBE], TRANSFER.PROBE_TIMEOUT_MS)).args, r.label);
      const gzip = r.compress !== false && tools.gzip !== undefined;
      if (r.direction === 'upload') {
        if (r.source.directory) requireTar(tools, r.label);
        this.#meter.setTotal(r.source.total);
        this.emit('phase', 'Uploading');
        const up = await uploadOver(shell, tools, r.source.read(), { dest: r.remotePath, name: r.source.name, gzip, directory: r.source.directory }, this.#meter, this.#abort.signal);
        this.#meter.flush();
        return { remotePath: up.remotePath, localPath: undefined, bytes: up.bytes, sha256: up.sha256, compressed: gzip, directory: r.source.directory, seconds: (performance.now() - started) / 1000 };
      }
      shell.send(kindScript(r.remotePath));
      const kind = (await shell.expect(`Looking up ${r.remotePath}`, [TAG.READY])).args;
      if (kind === 'n') throw transferError('no-such-file', `${r.remotePath} does not exist on ${r.label}.`);
      const directory = kind === 'd';
      if (directory) requireTar(tools, r.label);
      target = await r.target(posix.basename(r.remotePath.replace(/\/+$/, '')) || 'download', directory, nonce);
      this.emit('phase', 'Downloading');
      const down = await downloadOver(shell, tools, { source: r.remotePath, gzip, directory }, target.file, this.#meter);
      await target.commit();
      this.#meter.flush();
      return { remotePath: r.remotePath, localPath: target.finalPath, bytes: down.bytes, sha256: down.sha256, compressed: gzip, directory, seconds: (performance.now() - started) / 1000 };
    } catch (err) {
      await target?.abort();
      // A failure after a cancel is the cancel (the session it ended reports itself as ended).
      if (this.#abort.signal.aborted && !(err instanceof TransferError && err.kind === 'cancelled')) {
        throw transferError('cancelled', `The transfer of ${r.remotePath} was cancelled.`);
      }
      throw err instanceof TransferError ? err : transferError('failed', err instanceof Error ? err.message : String(err));
    } finally {
      shell.dispose();
      await session.terminate().catch(() => undefined);
    }
  }
}

function requireTar(tools: RemoteTools, label: string): void {
  if (tools.tar === undefined) throw transferError('missing-tool', `${label} has no tar (nor busybox), which folders need.`);
}
