// File transfer through a session itself (issue 17): base64 lines over a raw, no-echo pty,
// SHA-256 on both ends, gzip when the target has it, temp file + rename, nothing partial left.
export { TRANSFER } from './constants.js';
export { TransferError, type TransferErrorKind } from './errors.js';
export { localSource, localTarget, type DownloadTarget, type UploadSource } from './local-files.js';
export { formatProgress, type TransferProgress } from './progress.js';
export { sessionFromLaunch, targetLabel, transferOpener } from './launch.js';
export type { TransferSession } from './remote-shell.js';
export { Transfer, type DownloadRequest, type TransferOutcome, type TransferRequest, type UploadRequest } from './transfer.js';
