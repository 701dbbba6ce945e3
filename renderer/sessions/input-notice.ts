// The words a tab shows when input did not reach its session: what was not sent, why, and what to
// do ("Paste of 120 KB not sent: the session was still starting. Paste again.").
import type { RefusedInputNotice } from '../terminal/input-ledger.js';

const KB = 1000;
const MB = 1000 * 1000;

/** A paste's size as a person reads it: bytes, then whole KB, then MB to one decimal. */
export function inputSize(bytes: number): string {
  if (bytes < KB) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** `linkLost`: why the link to the host is gone (then that is why nothing could be sent), null while it holds. */
export function inputNoticeText(notice: RefusedInputNotice, linkLost: string | null): string {
  const paste = notice.kind === 'paste';
  const what = paste ? `Paste of ${inputSize(notice.bytes)} not sent` : `Typed input (${inputSize(notice.bytes)}) not sent`;
  const again = paste ? 'paste again' : 'type it again';
  if (linkLost !== null) return `${what}: the link to Porthole's host is lost. ${linkLost}`;
  switch (notice.why) {
    case 'starting':
      return `${what}: the session was still starting. ${capital(again)} once it is connected.`;
    case 'closed':
      return `${what}: the session is closed. Reopen it, then ${again}.`;
    case 'elsewhere':
      // As the tab's banner says it ("In another window", "Take back here").
      return `${what}: this session is open in another window. Take it back here, then ${again}.`;
    case 'other':
      return `${what}: ${notice.detail ?? 'Porthole refused it'}`;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
