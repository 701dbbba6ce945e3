/**
 * Bench traffic through a local forward port that costs the bench process little, so the client
 * CPU figures are mostly the forward's: downloads count bytes (testing's `download`), echo sends one fixed random block
 * over and over and compares what comes back with it (no fresh random bytes, no hashing).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** The repeated echo block: bigger than any write, so the comparison sees unaligned offsets. */
const ECHO_BLOCK = randomBytes(64 * 1024 + 7);
/** Bytes per socket.write, as a program copying a file into a socket would write them. */
const WRITE_CHUNK = 64 * 1024;

/** The echo block's bytes from stream offset `at` for `length` bytes, as a view where it can be one. */
function expected(at: number, length: number): Buffer {
  const start = at % ECHO_BLOCK.length;
  if (start + length <= ECHO_BLOCK.length) return ECHO_BLOCK.subarray(start, start + length);
  const out = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const from = (start + done) % ECHO_BLOCK.length;
    const n = Math.min(length - done, ECHO_BLOCK.length - from);
    ECHO_BLOCK.copy(out, done, from, from + n);
    done += n;
  }
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
      if (!d.equals(expected(got, d.length))) {
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
