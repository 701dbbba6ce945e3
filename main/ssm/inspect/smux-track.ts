// Reassembles one direction's smux byte stream from data-channel payloads (protocol §8.3: smux
// frames split and coalesce freely across messages) and attributes each completed smux frame to
// the capture frame whose payload completed it. Payloads are fed in sequence-number order:
// retransmissions are skipped and early arrivals held until the gap fills.
import { SmuxCmd, SmuxError, SmuxFrameReader } from '../smux/index.js';
import { hex } from './hexdump.js';
import { printableText } from './payload.js';
import type { SmuxCmdName, SmuxFrameDescription } from './types.js';

const CMD_NAMES: Record<number, SmuxCmdName> = {
  [SmuxCmd.SYN]: 'SYN',
  [SmuxCmd.FIN]: 'FIN',
  [SmuxCmd.PSH]: 'PSH',
  [SmuxCmd.NOP]: 'NOP',
  [SmuxCmd.UPD]: 'UPD',
};
const HEADER_BYTES = 8;
/** PSH data longer than this is previewed, not shown whole (the hexdump has every byte). */
const MAX_DATA_PREVIEW = 120;

export interface SmuxFeedResult {
  frames: SmuxFrameDescription[];
  note?: string;
}

export class SmuxTrack {
  private readonly reader = new SmuxFrameReader();
  private expected: number | undefined;
  /** Early arrivals: seq → [capture index, PT 1 payload or null for other payload types]. */
  private readonly held = new Map<number, [number, Uint8Array | null]>();
  /** Where each fed payload starts in the stream, to name the frame a smux frame began in. */
  private readonly starts: Array<{ index: number; at: number }> = [];
  private fed = 0;
  private parsed = 0;
  private failure: string | undefined;

  /** One stream message of this direction; `payload` is null when it carries no smux bytes. */
  feed(index: number, seq: number, payload: Uint8Array | null): SmuxFeedResult {
    if (this.failure) return { frames: [], note: `smux decoding stopped earlier: ${this.failure}` };
    this.expected ??= seq;
    if (seq < this.expected) return { frames: [], note: `seq ${seq} was already delivered: not fed to smux again` };
    if (seq > this.expected) {
      this.held.set(seq, [index, payload]);
      return { frames: [], note: `arrived ahead of seq ${this.expected}: held for smux reassembly until the gap fills` };
    }
    const frames = this.consume(index, payload);
    while (this.held.has(this.expected)) {
      const [heldIndex, heldPayload] = this.held.get(this.expected)!;
      this.held.delete(this.expected);
      frames.push(...this.consume(heldIndex, heldPayload, index));
    }
    const result: SmuxFeedResult = { frames };
    if (this.failure) result.note = `smux protocol error: ${this.failure}`;
    else if (this.reader.buffered > 0) result.note = `${this.reader.buffered} smux bytes wait for the rest of their frame`;
    return result;
  }

  private consume(index: number, payload: Uint8Array | null, completedBy = index): SmuxFrameDescription[] {
    this.expected = (this.expected ?? 0) + 1;
    if (payload === null || payload.length === 0) return [];
    this.starts.push({ index, at: this.fed });
    this.fed += payload.length;
    let frames;
    try {
      frames = this.reader.push(payload);
    } catch (err) {
      this.failure = err instanceof SmuxError ? err.message : String(err);
      return [];
    }
    // A bad header after good frames in the same payload: the good ones are shown, the error noted.
    const late = this.reader.failure;
    if (late !== undefined) this.failure = late.message;
    return frames.map((f) => {
      const at = this.parsed;
      const size = HEADER_BYTES + f.data.length;
      this.parsed += size;
      const header = new Uint8Array(HEADER_BYTES);
      const view = new DataView(header.buffer);
      header[0] = 1;
      header[1] = f.cmd;
      view.setUint16(2, f.data.length, true);
      view.setUint32(4, f.streamId, true);
      const description: SmuxFrameDescription = {
        streamOffset: at,
        cmd: CMD_NAMES[f.cmd] ?? 'NOP',
        streamId: f.streamId,
        length: f.data.length,
        headerHex: hex(header),
        data: describeData(f.data),
      };
      const began = this.beganIn(at);
      if (began !== completedBy) description.startedInFrame = began;
      this.prune();
      return description;
    });
  }

  private beganIn(at: number): number {
    let found = this.starts[0]?.index ?? 0;
    for (const s of this.starts) {
      if (s.at > at) break;
      found = s.index;
    }
    return found;
  }

  /** Drops start records wholly before the parse position. */
  private prune(): void {
    while (this.starts.length > 1 && this.starts[1]!.at <= this.parsed) this.starts.shift();
  }
}

function describeData(data: Uint8Array): string {
  if (data.length === 0) return '';
  const preview = data.subarray(0, MAX_DATA_PREVIEW);
  const more = data.length > MAX_DATA_PREVIEW ? `… (${data.length} bytes)` : '';
  const text = printableText(preview);
  return text !== null ? `"${text}"${more}` : `${hex(preview)}${more}`;
}
