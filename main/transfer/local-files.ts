// The local end of a transfer: what an upload reads (a file, or a folder packed with tar as it
// is read) and where a download lands (a temp file beside the destination, renamed — or for a
// folder, unpacked into a temp folder and renamed — only once the checksums agreed).
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { create as tarCreate, extract as tarExtract } from 'tar';
import { openOutputFile, type OutputFile } from '../storage/index.js';
import { TRANSFER } from './constants.js';
import { localError, transferError } from './errors.js';

export interface UploadSource {
  /** The name the remote gives it when the destination is a folder. */
  readonly name: string;
  readonly directory: boolean;
  /** Payload bytes, when known before reading (a folder's tar size is not). */
  readonly total: number | undefined;
  read(): AsyncIterable<Uint8Array>;
}

/** A local file or folder to upload; errors (missing, unreadable) as TransferErrors. */
export async function localSource(path: string): Promise<UploadSource> {
  const full = resolve(path);
  const info = await stat(full).catch((err: unknown) => { throw localError(`Reading ${path}`, err); });
  const name = basename(full);
  if (info.isDirectory()) {
    return { name, directory: true, total: undefined, read: () => tarCreate({ cwd: dirname(full), portable: true }, [name]) };
  }
  return { name, directory: false, total: info.size, read: () => readFile(full, path) };
}

async function* readFile(full: string, shown: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(full, { highWaterMark: TRANSFER.UPLOAD_CHUNK_BYTES })) yield chunk as Buffer;
  } catch (err) {
    throw localError(`Reading ${shown}`, err);
  }
}

export interface DownloadTarget {
  /** Where the payload (a file, or a folder's tar) is written while it arrives (the storage layer's streamed file). */
  readonly file: OutputFile;
  /** The final path (a folder destination gets the remote name, as cp does). */
  readonly finalPath: string;
  /** Verified: move into place (unpacking a folder's tar first). */
  commit(): Promise<void>;
  /** Failed or cancelled: remove every temporary thing. */
  abort(): Promise<void>;
}

/** Prepares `dest` for a download of `remoteName` (a folder when `directory`). */
export async function localTarget(dest: string, remoteName: string, directory: boolean, nonce: string): Promise<DownloadTarget> {
  let finalPath = resolve(dest);
  const existing = await stat(finalPath).catch(() => undefined);
  if (existing?.isDirectory()) finalPath = join(finalPath, remoteName);
  else if (existing && directory) throw transferError('is-directory', `${dest} exists and is not a folder; a folder cannot replace it.`);
  const parent = dirname(finalPath);
  const temp = join(parent, `.${basename(finalPath)}${TRANSFER.PART_SUFFIX}-${nonce}`);
  const file = await openOutputFile(temp).catch((err: unknown) => { throw localError(`Writing into ${parent}`, err); });
  const unpacked = `${temp}.d`;
  const abort = async (): Promise<void> => {
    await file.close();
    await rm(temp, { force: true }).catch(() => undefined);
    await rm(unpacked, { recursive: true, force: true }).catch(() => undefined);
  };
  return {
    file,
    finalPath,
    async commit() {
      try {
        await file.close();
        if (file.error) throw file.error;
        if (!directory) {
          await rename(temp, finalPath);
          return;
        }
        if (await stat(finalPath).catch(() => undefined)) throw transferError('is-directory', `${finalPath} already exists; the folder was not replaced.`);
        await mkdir(unpacked);
        await tarExtract({ file: temp, cwd: unpacked, preserveOwner: false });
        await rename(join(unpacked, remoteName), finalPath);
        await rm(unpacked, { recursive: true, force: true });
        await rm(temp, { force: true });
      } catch (err) {
        await abort();
        throw localError(`Placing ${finalPath}`, err);
      }
    },
    abort,
  };
}
