/**
 * Bench traffic through a local forward port that costs the bench process little, so the client
 * CPU figures are mostly the forward's: downloads count bytes (testing's `download`), echo sends one fixed random block
 * over and over and compares every byte that comes back with it (no fresh random bytes, no hashing).
 *
 * The block is stored twice in a row, so any run of up to a block's length from any offset is
 * one view of it: writes and comparisons neither copy nor allocate. (Building the wrapped runs as
 * fresh buffers cost ~2 MB of new ArrayBuffers per MB echoed, which V8 answers with extra
 * scavenges and full mark-compacts counted in the client's CPU.)
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** The repeated echo block: bigger than any write, so the comparison sees unaligned offsets. */
const ECHO_BLOCK_BYTES = 64 * 1024 + 7;
/** The block, then the block again. */
const DOUBLED = (() => {
  const block = randomBytes(ECHO_BLOCK_BYTES);
  return Buffer.concat([block, block]);
})();
/** Bytes per socket.write, as a program copying a file into a socket would write them. */
const WRITE_CHUNK = 64 * 1024;

/** The echo stream's bytes from offset `at` for `length` ≤ a block's length, as a view. */
function expected(at: number, length: number): Buffer {
  const start = at % ECHO_BLOCK_BYTES;
  return DOUBLED.subarray(start, start + length);
}

/** True when `d` is the echo stream's bytes from offset `at` (compared a block's length at a time, in place). */
export function matchesEcho(d: Uint8Array, at: number): boolean {
  for (let done = 0; done < d.length; ) {
    const n = Math.min(d.length - done, ECHO_BLOCK_BYTES);
    const start = (at + done) % ECHO_BLOCK_BYTES;
    if (DOUBLED.compare(d, done, done + n, start, start + n) !== 0) return false;
    done += n;
  }
  return true;
}

/** The echo stream's bytes from offset `at` for `length` bytes (tests build what the echo server must return). */
export function echoStream(at: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; done += ECHO_BLOCK_BYTES) expected(at + done, Math.min(ECHO_BLOCK_BYTES, length - done)).copy(out, done);
  return out;
}

/** Sends `bytes` to an echo target through the forward while reading the echo; rejects on a wrong byte. */
export function echoBytes(port: number, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let got = 0;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', reject);
    const pump = () => {
      while (written < bytes) {
        const n = Math.min(WRITE_CHUNK, bytes - written);
        const chunk = expected(written, n);
        written += n;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', pump);
    socket.on('data', (d: Buffer) => {
      if (!matchesEcho(d, got)) {
        socket.destroy();
        return reject(new Error(`echo differs within bytes ${got}..${got + d.length}`));
      }
      got += d.length;
      if (got >= bytes) {
        socket.end();
        resolve(got);
      }
    });
    socket.on('close', () => got < bytes && reject(new Error(`echo connection closed after ${got} of ${bytes} bytes`)));
  });
}
