// What a running transfer's row says under its name while its session's launch waits on a
// profile's credential_process (main's words, as a shell tab says them); nothing otherwise.
import type { TransferInfo } from '../../shared/contract/index.js';

/** The words to show, or null when the transfer waits on no helper (or has ended). */
export function transferWaitNote(t: TransferInfo): string | null {
  return t.state === 'running' && t.helperWait !== undefined ? t.helperWait : null;
}
