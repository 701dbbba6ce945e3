// File transfers (issue 17) as the UI sees them: the list with live progress from main, the
// path prompt, and the two byte pumps. Upload bytes come from a File (read in CHUNK_BYTES
// slices, each sent only after main took the previous one: main's answer is the flow control);
// a verified download is read back from main in chunks and handed to the browser as a download.
import { TRANSFER_BOUNDS, type ShellTarget, type TargetLabel, type TransferInfo } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';

export interface TransferPrompt {
  readonly direction: 'upload' | 'download';
  readonly target: ShellTarget;
  /** How the target is named in the dialog ("app · 0001a2", "web-1"). */
  readonly title: string;
  /** Files dropped on a tab (the dialog asks for one otherwise). */
  readonly files: readonly File[];
  /** The path to start from (a failed transfer tried again); else the last one used there. */
  readonly path?: string;
}

export interface TransfersState {
  readonly transfers: readonly TransferInfo[];
  readonly prompt: TransferPrompt | null;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  const STEP = 0x8000; // String.fromCharCode takes this many arguments safely
  for (let at = 0; at < bytes.length; at += STEP) text += String.fromCharCode(...bytes.subarray(at, at + STEP));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export class TransferStore extends Store<TransfersState> {
  #started = false;
  /** Downloads already handed to the browser (an `updated` event can repeat 'done'). */
  readonly #saved = new Set<string>();
  /** Uploads the person cancelled: their refused chunks are expected, not news. */
  readonly #cancelled = new Set<string>();
  /** Each upload's file while its row is listed, so a failed one is tried again without choosing it again. */
  readonly #files = new Map<string, File>();

  constructor(private readonly client: PortholeClient, private readonly failed: (message: string) => void) {
    super({ transfers: [], prompt: null });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.on('transfers', 'updated', ({ transfer }) => this.#upsert(transfer));
    void this.client.call('transfers', 'list', {}).then(({ transfers }) => transfers.forEach((t) => this.#upsert(t)), (err: unknown) => this.failed(errorText(err)));
  }

  ask(prompt: Omit<TransferPrompt, 'files'> & { files?: readonly File[] }): void {
    this.change((s) => ({ ...s, prompt: { ...prompt, files: prompt.files ?? [] } }));
  }

  /**
   * A failed transfer again: its form, with the path it was given (to correct) and, for an
   * upload, the same file (after a page reload the file is gone and the form asks for it).
   */
  retry(t: TransferInfo, title: string): void {
    const file = this.#files.get(t.id);
    this.ask({ direction: t.direction, target: t.target, title, path: t.remotePath, ...(file === undefined ? {} : { files: [file] }) });
  }

  closePrompt(): void {
    this.change((s) => ({ ...s, prompt: null }));
  }

  lastPath(target: ShellTarget): Promise<string | null> {
    return this.client.call('transfers', 'lastPath', { target }).then((r) => r.path, () => null);
  }

  /** Starts the upload and pumps the file's bytes; failures show in the transfer's row. `label`: the target as the person picked it, for main's messages. */
  async upload(target: ShellTarget, label: TargetLabel, file: File, remotePath: string): Promise<void> {
    const { transfer } = await this.client.call('transfers', 'startUpload', { target, targetLabel: label, remotePath, name: file.name, size: file.size });
    this.#files.set(transfer.id, file);
    this.#upsert(transfer);
    try {
      for (let offset = 0; offset < file.size; offset += TRANSFER_BOUNDS.CHUNK_BYTES) {
        const slice = new Uint8Array(await file.slice(offset, offset + TRANSFER_BOUNDS.CHUNK_BYTES).arrayBuffer());
        await this.client.call('transfers', 'uploadChunk', { id: transfer.id, offset, data: toBase64(slice) });
      }
    } catch (err) {
      // The transfer itself reports why it stopped (cancelled, session ended); a refused chunk says so here.
      if (!this.#cancelled.has(transfer.id) && this.#find(transfer.id)?.state === 'running') this.failed(errorText(err));
    }
  }

  async download(target: ShellTarget, label: TargetLabel, remotePath: string): Promise<void> {
    const { transfer } = await this.client.call('transfers', 'startDownload', { target, targetLabel: label, remotePath });
    this.#upsert(transfer);
  }

  cancel(id: string): void {
    this.#cancelled.add(id);
    void this.client.call('transfers', 'cancel', { id }).catch((err: unknown) => this.failed(errorText(err)));
  }

  dismiss(id: string): void {
    void this.client.call('transfers', 'dismiss', { id }).then(
      () => {
        this.#files.delete(id);
        this.change((s) => ({ ...s, transfers: s.transfers.filter((t) => t.id !== id) }));
      },
      (err: unknown) => this.failed(errorText(err)),
    );
  }

  #find(id: string): TransferInfo | undefined {
    return this.state.transfers.find((t) => t.id === id);
  }

  #upsert(t: TransferInfo): void {
    this.change((s) => {
      const at = s.transfers.findIndex((x) => x.id === t.id);
      const transfers = at < 0 ? [t, ...s.transfers] : s.transfers.map((x, i) => (i === at ? t : x));
      return { ...s, transfers };
    });
    if (t.direction === 'download' && t.state === 'done' && !this.#saved.has(t.id)) {
      this.#saved.add(t.id);
      void this.#save(t);
    }
  }

  /** Reads the verified download from main and gives it to the browser (Electron: a save dialog). */
  async #save(t: TransferInfo): Promise<void> {
    try {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      for (let offset = 0; ; ) {
        const { data, eof } = await this.client.call('transfers', 'readDownload', { id: t.id, offset, length: TRANSFER_BOUNDS.CHUNK_BYTES });
        const bytes = fromBase64(data);
        parts.push(bytes);
        offset += bytes.length;
        if (eof || bytes.length === 0) break;
      }
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = t.name;
      a.style.display = 'none';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      this.failed(`The download of ${t.name} could not be saved: ${errorText(err)}`);
    }
  }
}
