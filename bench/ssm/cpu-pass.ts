// What the per-frame CPU benches (send-path.ts, receive-path.ts) share: frames laid out in reads as
// they come off a socket, and this process's CPU time.

/** `count` frames from `encode(seq)`, each a view into a `readBytes` read, packed back to back. */
export function framesInReads(count: number, readBytes: number, encode: (seq: number) => Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let read = new Uint8Array(0);
  let at = 0;
  for (let seq = 0; seq < count; seq++) {
    const f = encode(seq);
    if (at + f.length > read.length) {
      read = new Uint8Array(readBytes);
      at = 0;
    }
    read.set(f, at);
    out.push(read.subarray(at, at + f.length));
    at += f.length;
  }
  return out;
}

/** This process's CPU time (user and system) in milliseconds. */
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
