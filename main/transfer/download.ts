// Download over a prepared remote shell: the remote announces the size, prints the file as
// base64 lines (gzip first when asked), ends the data, then sends the SHA-256 of the file. We
// decode as it arrives, hash what we write, stop reading the session while the disk lags, and
// compare the two hashes; the caller renames the temp file only on success.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { Base64LineDecoder } from './base64-lines.js';
import type { OutputFile } from '../storage/index.js';
import { localError, transferError } from './errors.js';
import { TAG } from './markers.js';
import type { ProgressMeter } from './progress.js';
import type { RemoteShell } from './remote-shell.js';
import { downloadScript, type DownloadScriptOptions } from './remote-script.js';
import type { RemoteTools } from './tools.js';

export interface DownloadResult {
  readonly sha256: string;
  readonly bytes: number;
}

export async function downloadOver(
  shell: RemoteShell,
  tools: RemoteTools,
  options: DownloadScriptOptions,
  sink: OutputFile,
  meter: ProgressMeter,
): Promise<DownloadResult> {
  const hash = createHash('sha256');
  const decoder = new Base64LineDecoder();
  let paused = false;
  const write = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    hash.update(bytes);
    meter.add(bytes.length);
    const ok = sink.write(bytes);
    if (sink.error) {
      shell.fail(localError('Writing the download', sink.error));
      return;
    }
    if (!ok && !paused) {
      paused = true;
      shell.session.pause();
      sink.onDrain(() => {
        paused = false;
        shell.session.resume();
      });
    }
  };
  const gunzip = options.gzip ? createGunzip() : undefined;
  gunzip?.on('data', (bytes: Buffer) => write(bytes));
  const gunzipError = gunzip ? new Promise<never>((_, reject) => gunzip.once('error', (e) => reject(e))) : undefined;
  gunzipError?.catch(() => undefined);
  shell.onData((text) => {
    try {
      const bytes = decoder.push(text);
      if (gunzip) gunzip.write(bytes);
      else write(bytes);
    } catch (err) {
      shell.fail(transferError('failed', `The data from ${shell.label} was damaged: ${err instanceof Error ? err.message : String(err)}.`));
    }
  });

  shell.send(downloadScript(tools, options));
  const begin = await shell.expect(`Reading ${options.source}`, [TAG.BEGIN]);
  const size = Number.parseInt(begin.args.trim(), 10);
  meter.setTotal(Number.isFinite(size) && !options.directory ? size : undefined);
  await shell.expect(`Reading ${options.source}`, [TAG.FINISH]);
  try {
    decoder.end();
  } catch (err) {
    throw transferError('failed', `The data from ${shell.label} was cut: ${err instanceof Error ? err.message : String(err)}.`);
  }
  if (gunzip) {
    gunzip.end();
    try {
      await Promise.race([once(gunzip, 'end'), gunzipError]);
    } catch (err) {
      throw transferError('failed', `The compressed data from ${shell.label} did not decompress: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  const remote = await shell.expect(`Hashing ${options.source}`, [TAG.HASH]);
  const digest = hash.digest('hex');
  const remoteHash = remote.args.trim();
  if (!/^[0-9a-f]{64}$/.test(remoteHash)) throw transferError('missing-tool', `${shell.label} could not compute a SHA-256 (its hash tool printed "${remoteHash}").`);
  if (remoteHash !== digest) {
    throw transferError('checksum-mismatch', `The download hashed to ${digest} here but ${remoteHash} on ${shell.label}.`);
  }
  if (paused) shell.session.resume();
  // The caller's commit() closes the file and checks that every byte reached the disk before the rename.
  return { sha256: digest, bytes: meter.bytes };
}
