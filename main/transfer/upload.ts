// Upload over a prepared remote shell: the script opens a temp file beside the destination and
// acks each chunk; we keep UPLOAD_WINDOW_CHUNKS in flight, hash the payload as it goes, and end
// with our SHA-256, which the remote compares with its own before it renames. Cancel is a line
// the remote loop reads between chunks: it removes the temp file and says so.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { toBase64Lines } from './base64-lines.js';
import { TRANSFER } from './constants.js';
import { transferError } from './errors.js';
import { TAG } from './markers.js';
import type { ProgressMeter } from './progress.js';
import { rechunk } from './rechunk.js';
import type { RemoteShell } from './remote-shell.js';
import { uploadScript, type UploadScriptOptions } from './remote-script.js';
import type { RemoteTools } from './tools.js';

export interface UploadResult {
  /** Where the file landed on the target (a folder destination gets the source's name). */
  readonly remotePath: string;
  readonly sha256: string;
  readonly bytes: number;
}

export async function uploadOver(
  shell: RemoteShell,
  tools: RemoteTools,
  source: AsyncIterable<Uint8Array>,
  options: UploadScriptOptions,
  meter: ProgressMeter,
  signal: AbortSignal,
): Promise<UploadResult> {
  shell.send(uploadScript(tools, options));
  const ready = await shell.expect(`Writing ${options.dest}`, [TAG.READY]);
  const remotePath = ready.args;
  const hash = createHash('sha256');
  let inFlight = 0;
  const awaitAck = async (): Promise<void> => {
    await shell.expect(`Writing ${remotePath}`, [TAG.ACK]);
    inFlight--;
  };
  for await (const chunk of rechunk(source, TRANSFER.UPLOAD_CHUNK_BYTES)) {
    if (signal.aborted) break;
    hash.update(chunk);
    const text = toBase64Lines(options.gzip ? gzipSync(chunk, { level: TRANSFER.GZIP_LEVEL }) : chunk);
    while (inFlight >= TRANSFER.UPLOAD_WINDOW_CHUNKS) await awaitAck();
    await shell.writable();
    shell.send(Buffer.concat([Buffer.from(`${text.length}\n`, 'latin1'), text]));
    inFlight++;
    meter.add(chunk.length);
  }
  if (signal.aborted) {
    shell.send('c\n');
    while (inFlight > 0) await awaitAck();
    await shell.expect(`Cancelling the upload to ${remotePath}`, [TAG.CANCELLED]);
    throw transferError('cancelled', `The upload to ${remotePath} was cancelled; the target's temporary file was removed.`);
  }
  const digest = hash.digest('hex');
  shell.send(`e ${digest}\n`);
  while (inFlight > 0) await awaitAck();
  const end = await shell.expect(`Finishing ${remotePath}`, [TAG.OK, TAG.MISMATCH]);
  if (end.tag === TAG.MISMATCH || end.args !== digest) {
    throw transferError('checksum-mismatch', `The file on the target hashed to ${end.args}, not ${digest}; it was removed.`);
  }
  return { remotePath, sha256: digest, bytes: meter.bytes };
}
