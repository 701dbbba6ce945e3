// Porthole's loss recovery where the spec is slow (§4.4 resends only the oldest unacked frame, on
// the 100 ms tick, once its RTO has passed): frames the peer's acks show it has passed are resent
// sooner. Pure decisions over the outgoing buffer; the channel owns the transport and the stats.
import type { OutgoingBuffer, OutgoingEntry } from './outgoing.js';

/** Sends one frame's bytes (then its lent payload, `tail`, if it has one); false when the transport could not take them. */
export type Transmit = (bytes: Uint8Array, retransmit: boolean, tail: Uint8Array | undefined) => boolean;

/**
 * Acks for frames sent after the oldest unacked one mean the peer is receiving but lost that
 * frame, so resend it now, like TCP's duplicate-ack rule. Guarded so reordering is not mistaken
 * for loss: `threshold` such acks, and at least one smoothed round trip since its last
 * transmission. A peer that did get it only sees a duplicate, which both the agent and Porthole
 * re-ack (§4.3). True when the oldest frame was resent.
 */
export function fastRetransmit(outgoing: OutgoingBuffer, acked: OutgoingEntry, threshold: number, srttMs: number, now: number, transmit: Transmit): boolean {
  const oldest = outgoing.oldest();
  if (!oldest || oldest.lastSentAt === undefined || acked.lastSentAt === undefined) return false;
  if (acked.seq < oldest.seq || acked.lastSentAt < oldest.lastSentAt) return false;
  oldest.laterAcks = (oldest.laterAcks ?? 0) + 1;
  if (oldest.laterAcks < threshold || now - oldest.lastSentAt < srttMs) return false;
  if (!transmit(oldest.bytes, true, oldest.tail)) return false;
  oldest.lastSentAt = now;
  oldest.laterAcks = 0;
  return true;
}

/**
 * Unacked frames below the highest acked one were passed by the peer (lost, or their acks were),
 * so once their RTO has elapsed they are resent in this tick too, up to `limit`. A lost burst then
 * costs a round trip instead of a tick per frame. A frame whose ack is merely late is resent at
 * most once per RTO, which the peer's re-ack of duplicates absorbs (§4.3). Returns how many were resent.
 */
export function resendPassed(outgoing: OutgoingBuffer, highestAcked: number, limit: number, rtoMs: number, now: number, transmit: Transmit): number {
  if (limit <= 0 || highestAcked < 0) return 0;
  let sent = 0;
  // Oldest first; the map holds only unacked frames, so this walks the holes below highestAcked.
  for (const entry of outgoing.all()) {
    if (entry.seq >= highestAcked || sent >= limit) break;
    if (entry.lastSentAt !== undefined && now - entry.lastSentAt <= rtoMs) continue;
    if (!transmit(entry.bytes, entry.lastSentAt !== undefined, entry.tail)) break;
    entry.lastSentAt = now;
    entry.laterAcks = 0;
    sent++;
  }
  return sent;
}
