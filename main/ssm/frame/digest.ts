// PayloadDigest (protocol §1.1): the raw SHA-256 of the payload, computed once per frame sent
// and, by the plugin and Porthole, once per frame received.
import { hash } from 'node:crypto';

/** Raw 32-byte SHA-256 of a payload. */
export function payloadDigest(payload: Uint8Array): Uint8Array {
  // One-shot hash: several times cheaper than createHash() for 1 KB payloads.
  return hash('sha256', payload, 'buffer');
}
