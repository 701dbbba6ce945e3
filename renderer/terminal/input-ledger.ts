// What a terminal sent to its session lately, so input main refuses can be told in its tab as what
// the person did: "Paste of 120 KB" rather than "a message of 65 536 bytes". Main refuses a message
// with its size (the data plane has no replies to match), and refuses in order: the oldest recent
// send of that size not yet matched is the one. A paste sent in several messages is told once.
import type { InputKind, InputRefusal } from '../../shared/contract/index.js';

export type { InputKind };

/**
 * Why input did not reach the session, as the tab tells it: main's refusals, plus `elsewhere`, the
 * renderer's own, for a tab whose session another window took (it is not closed: it runs on there).
 */
export type InputNoticeWhy = InputRefusal | 'elsewhere';

/** Input that did not reach the session, as the tab tells it. */
export interface RefusedInputNotice {
  readonly kind: InputKind;
  /** The whole paste's size (all its messages), or the refused keys' size. */
  readonly bytes: number;
  readonly why: InputNoticeWhy;
  /** Main's own words (for `other`, where no plain reason applies). */
  readonly detail?: string;
}

export const INPUT_LEDGER = {
  /**
   * Sends remembered per terminal: a refusal comes back one round trip after its send, and a person
   * types a few keys in that time; a paste is at most a few messages. Older sends are forgotten.
   */
  RECENT_SENDS: 64,
} as const;

interface Sent {
  readonly bytes: number;
  /** The paste it is part of; null for keys. */
  readonly paste: { readonly total: number; told: boolean } | null;
  matched: boolean;
}

export class InputLedger {
  readonly #sent: Sent[] = [];

  /** One paste's messages, `total` bytes in all: returns the function recording each of them. */
  paste(total: number): (bytes: number) => void {
    const paste = { total, told: false };
    return (bytes) => this.#push({ bytes, paste, matched: false });
  }

  keys(bytes: number): void {
    this.#push({ bytes, paste: null, matched: false });
  }

  /**
   * Main refused a message of `bytes` that was `kind` (main says which, as it was sent): what to
   * tell, or null when its paste was told already. The size finds the send among that kind's only.
   */
  refused(bytes: number, why: InputRefusal, kind: InputKind, detail?: string): RefusedInputNotice | null {
    const sent = this.#sent.find((s) => !s.matched && s.bytes === bytes && (s.paste !== null) === (kind === 'paste'));
    if (sent !== undefined) sent.matched = true;
    const paste = sent?.paste ?? null;
    if (paste?.told === true) return null;
    if (paste !== null) paste.told = true;
    const notice: RefusedInputNotice = { kind, bytes: paste?.total ?? bytes, why };
    return detail === undefined ? notice : { ...notice, detail };
  }

  #push(sent: Sent): void {
    this.#sent.push(sent);
    if (this.#sent.length > INPUT_LEDGER.RECENT_SENDS) this.#sent.shift();
  }
}

/** `bytes` cut into messages of at most `max` bytes (views, not copies): the contract bounds one message. */
export function inputMessages(bytes: Uint8Array, max: number): Uint8Array[] {
  if (bytes.byteLength <= max) return [bytes];
  const messages: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += max) messages.push(bytes.subarray(at, at + max));
  return messages;
}
